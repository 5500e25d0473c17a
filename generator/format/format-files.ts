// Prettier with a pinned inline config: output is byte-for-byte deterministic, and a user's
// .prettierrc is never resolved, so it cannot change what sdkgen writes.
//
// Formatting was most of a large spec's run, so emitters hand big files over in pieces (whole
// top-level statements), and mark those they already print in the pinned format. Only the
// others reach prettier, several at once: they are joined with a marker comment that prettier
// keeps on its own line, so one call formats a batch and the output splits back into pieces.
// Prettier lays out top-level statements independently and keeps the blank lines it is given,
// so the pieces formatted apart and joined are the file formatted whole. In watch mode, pieces
// whose text did not change are not formatted again.
import type { Options } from 'prettier';
import { joinPieces, type EmittedFile } from '../emit/emitted-file.js';

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

/** Pieces per prettier call: big enough to spread its per-call cost, small enough to keep its syntax tree small. */
const BATCH_CHARS = 64 * 1024;
const MARKER = '// @sdkgen-piece';

/** Formatted text by parser and input, from the previous run of this process (watch mode). */
let lastRun = new Map<string, string>();

export async function formatFiles(files: readonly EmittedFile[]): Promise<EmittedFile[]> {
  const thisRun = new Map<string, string>();
  const pending = new Map<string, Job>();
  const want = (parser: string, text: string, isPiece: boolean) => {
    const key = `${isPiece ? 'piece' : 'file'}\u0000${parser}\u0000${text}`;
    const cached = lastRun.get(key);
    if (cached !== undefined) thisRun.set(key, cached);
    else if (!thisRun.has(key)) pending.set(key, { text, parser, isPiece });
    return key;
  };
  const plans = files.map((file) => {
    const parser = PARSERS[file.path.slice(file.path.lastIndexOf('.') + 1)];
    if (parser === undefined || file.isFormatted) return () => ({ path: file.path, text: file.text });
    if (parser !== 'babel-ts' || file.pieces === undefined) {
      const key = want(parser, file.text, false);
      return () => ({ path: file.path, text: thisRun.get(key)! });
    }
    const pieces = file.pieces;
    const keys = pieces.map((piece) => (piece.isFormatted ? undefined : want(parser, piece.text, true)));
    return () => ({ path: file.path, text: joinPieces(pieces.map((piece, i) => (keys[i] === undefined ? piece.text : thisRun.get(keys[i])!)), pieces) });
  });
  await formatPending([...pending.entries()], thisRun);
  lastRun = thisRun;
  return plans.map((plan) => plan());
}

/** Whole files alone; pieces of TypeScript in batches split by MARKER. */
interface Job {
  readonly text: string;
  readonly parser: string;
  /** Part of a TypeScript file: batched, and stored without its final newline. */
  readonly isPiece: boolean;
}

async function formatPending(jobs: readonly [string, Job][], into: Map<string, string>): Promise<void> {
  if (jobs.length === 0) return;
  const { format } = await import('prettier');
  const run = (text: string, parser: string) => format(text, { ...PRETTIER_OPTIONS, parser });
  let batch: [string, string][] = [];
  let size = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const output = await run(batch.map(([, text]) => text).join(`\n${MARKER}\n`), 'babel-ts');
    const parts = output.split(`\n${MARKER}\n`);
    if (parts.length !== batch.length) throw new Error(`prettier merged pieces of a batch (${batch.length} in, ${parts.length} out)`);
    batch.forEach(([key], i) => into.set(key, parts[i]!.trim()));
    batch = [];
    size = 0;
  };
  for (const [key, job] of jobs) {
    if (!job.isPiece) {
      into.set(key, await run(job.text, job.parser));
      continue;
    }
    batch.push([key, job.text]);
    size += job.text.length;
    if (size >= BATCH_CHARS) await flush();
  }
  await flush();
}
