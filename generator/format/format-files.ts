// Prettier with a pinned inline config: output is byte-for-byte deterministic, and a user's
// .prettierrc is never resolved, so it cannot change what sdkgen writes.
//
// Formatting was most of a large spec's run, so emitters hand big files over in pieces (whole
// top-level statements), and mark those they already print in the pinned format. Only the
// others reach prettier, several at once: they are joined with a marker comment that prettier
// keeps on its own line, so one call formats a batch and the output splits back into pieces.
// Prettier lays out top-level statements independently and keeps the blank lines it is given,
// so the pieces formatted apart and joined are the file formatted whole. A caller that runs again
// (watch mode) passes a FormatCache: pieces whose text did not change are not formatted again.
import type { Options } from 'prettier';
import { joinPieces, type EmittedFile, type Piece } from '../emit/emitted-file.js';
import { prettierHelper, type FormatJob, type PrettierWorker } from './prettier-worker.js';

export const PRETTIER_OPTIONS: Options = {
  printWidth: 100,
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: true,
  quoteProps: 'as-needed',
  trailingComma: 'all',
  bracketSpacing: true,
  arrowParens: 'always',
  endOfLine: 'lf',
  proseWrap: 'preserve',
};

// babel-ts prints our TypeScript the same as the typescript parser, about twice as fast
const PARSERS: Record<string, string> = { ts: 'babel-ts', mjs: 'babel', json: 'json', md: 'markdown' };

/**
 * Pieces per prettier call: big enough to spread its per-call cost, small enough to keep its
 * syntax tree small (16 KB formats the whole OpenAI spec's client a tenth faster than 64 KB).
 */
const BATCH_CHARS = 16 * 1024;
/**
 * Above this much text in one hand-over, a second prettier thread takes half of the batches: the
 * main thread has printed its files by then and waits (prettier-worker.ts's prettierHelper).
 */
export const HELPER_CHARS = 8 * 1024 * 1024;
const MARKER = '// @sdkgen-piece';

/** Formatted text by parser and input, kept from one run to the next by a caller that runs again. */
export class FormatCache {
  /** The last finished run's texts (a run that failed leaves them as they were). */
  texts: ReadonlyMap<string, string> = new Map();
  /** The last finished run's files of pieces, by path: their parts as joined, and the text. */
  joined: ReadonlyMap<string, JoinedFile> = new Map();
}

interface JoinedFile {
  readonly parts: readonly string[];
  readonly pieces: readonly Piece[];
  readonly text: string;
}

/**
 * One run's formatting: `format` may be called once per emitter, so that prettier works on the
 * first emitters' files (on the worker thread) while the next ones print theirs; `end` keeps
 * this run's formatted pieces in the cache for the next run.
 */
export interface FormatSession {
  format(files: readonly EmittedFile[]): Promise<EmittedFile[]>;
  end(): void;
}

export function beginFormat(
  worker: PrettierWorker | undefined,
  cache: FormatCache = new FormatCache(),
  helperChars: number = HELPER_CHARS,
): FormatSession {
  const lastRun = cache.texts;
  const thisRun = new Map<string, string>();
  const lastJoined = cache.joined;
  const thisJoined = new Map<string, JoinedFile>();
  // A file whose parts did not change keeps last run's text, the same string: the later stages
  // (runtime files, the package check, the output compare) then see it unchanged at once, where
  // comparing a new copy of the whole OpenAI spec's validators cost about 17 ms each time.
  const join = (path: string, parts: readonly string[], pieces: readonly Piece[]): string => {
    const known = lastJoined.get(path);
    const same =
      known !== undefined &&
      known.parts.length === parts.length &&
      parts.every((part, i) => part === known.parts[i] && pieces[i]!.isSpaced === known.pieces[i]!.isSpaced);
    const text = same ? known.text : joinPieces(parts, pieces);
    thisJoined.set(path, { parts, pieces, text });
    return text;
  };
  const inFlight = new Map<string, Promise<void>>();
  return {
    async format(files) {
      const pending = new Map<string, Job>();
      const waits = new Set<Promise<void>>();
      const want = (parser: string, text: string, isPiece: boolean) => {
        const key = `${isPiece ? 'piece' : 'file'}\u0000${parser}\u0000${text}`;
        const cached = lastRun.get(key);
        if (cached !== undefined) thisRun.set(key, cached);
        else if (inFlight.has(key)) waits.add(inFlight.get(key)!);
        else if (!thisRun.has(key)) pending.set(key, { text, parser, isPiece });
        return key;
      };
      const plans = files.map((file) => {
        const parser = PARSERS[file.path.slice(file.path.lastIndexOf('.') + 1)];
        if (parser === undefined || file.isFormatted) return () => ({ path: file.path, text: file.text });
        if (file.pieces === undefined) {
          const key = want(parser, file.text, false);
          return () => ({ path: file.path, text: thisRun.get(key)! });
        }
        const pieces = file.pieces;
        // TypeScript pieces are formatted in batches; others (a README's text between its
        // tables) one by one, as whole texts: either way without the final newline
        const keys = pieces.map((piece) => (piece.isFormatted ? undefined : want(parser, piece.text, parser === 'babel-ts')));
        return () => {
          const parts = pieces.map((piece, i) => (keys[i] === undefined ? piece.text : thisRun.get(keys[i])!.trimEnd()));
          return { path: file.path, text: join(file.path, parts, pieces), parts };
        };
      });
      const done = formatPending([...pending.entries()], thisRun, worker, helperChars);
      for (const key of pending.keys()) inFlight.set(key, done);
      await Promise.all([done, ...waits]);
      return plans.map((plan) => plan());
    },
    end() {
      cache.texts = thisRun;
      cache.joined = thisJoined;
    },
  };
}

interface Job {
  readonly text: string;
  readonly parser: string;
  /** Part of a TypeScript file: batched, and stored without its final newline. */
  readonly isPiece: boolean;
}

/** Whole files alone; pieces of TypeScript in batches split by MARKER; on the worker when there is one. */
async function formatPending(
  jobs: readonly [string, Job][],
  into: Map<string, string>,
  worker: PrettierWorker | undefined,
  helperChars: number,
): Promise<void> {
  if (jobs.length === 0) return;
  const calls: { readonly keys: readonly string[]; readonly job: FormatJob; readonly isBatch: boolean }[] = [];
  let batch: [string, string][] = [];
  let size = 0;
  const flush = () => {
    if (batch.length === 0) return;
    calls.push({
      keys: batch.map(([key]) => key),
      job: { text: batch.map(([, text]) => text).join(`\n${MARKER}\n`), parser: 'babel-ts' },
      isBatch: true,
    });
    batch = [];
    size = 0;
  };
  for (const [key, job] of jobs) {
    if (!job.isPiece) {
      calls.push({ keys: [key], job: { text: job.text, parser: job.parser }, isBatch: false });
      continue;
    }
    batch.push([key, job.text]);
    size += job.text.length;
    if (size >= BATCH_CHARS) flush();
  }
  flush();
  const callJobs = calls.map((call) => call.job);
  const outputs = worker !== undefined ? await formatOn(worker, callJobs, helperChars) : await formatHere(callJobs);
  calls.forEach((call, i) => {
    const output = outputs[i]!;
    if (!call.isBatch) return void into.set(call.keys[0]!, output);
    const parts = output.split(`\n${MARKER}\n`);
    if (parts.length !== call.keys.length)
      throw new Error(`prettier merged pieces of a batch (${call.keys.length} in, ${parts.length} out)`);
    call.keys.forEach((key, j) => into.set(key, parts[j]!.trim()));
  });
}

/** How often the helper thread was handed work in this process (for tests). */
export const formatStats = { helperCalls: 0 };

/**
 * The jobs on the worker; past `helperChars` of text, the later half of them (by size) on the
 * helper thread at the same time. Each job is formatted alone, so the split changes no output.
 */
async function formatOn(worker: PrettierWorker, jobs: readonly FormatJob[], helperChars: number): Promise<string[]> {
  const total = jobs.reduce((sum, job) => sum + job.text.length, 0);
  const second = total > helperChars && jobs.length > 1 ? prettierHelper() : undefined;
  if (second === undefined) return worker.format(jobs, PRETTIER_OPTIONS);
  formatStats.helperCalls++;
  let split = 0;
  for (let size = 0; split < jobs.length - 1 && size < total / 2; split++) size += jobs[split]!.text.length;
  const [first, rest] = await Promise.all([
    worker.format(jobs.slice(0, split), PRETTIER_OPTIONS),
    second.format(jobs.slice(split), PRETTIER_OPTIONS),
  ]);
  return [...first, ...rest];
}

async function formatHere(jobs: readonly FormatJob[]): Promise<string[]> {
  const { format } = await import('prettier');
  const outputs: string[] = [];
  for (const job of jobs) outputs.push(await format(job.text, { ...PRETTIER_OPTIONS, parser: job.parser }));
  return outputs;
}
