// Composes the stages; the only place that knows their order. Only the two ends touch the
// disk: reading the spec and templates, and writing the output folder.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InternalError, InterruptedError, SpecError, UsageError, type Diagnostic } from './diagnostics/diagnostic.js';
import type { EmittedFile } from './emit/emitted-file.js';
import type { Emitter } from './emit/emitters.js';
import { withUsedRuntimeFiles } from './emit/runtime-files.js';
import { selfCheck } from './emit/self-check.js';
import { templateSet } from './load/template-set.js';
import { applyOverlays, type SourceText } from './load/apply-overlays.js';
import { loadSpecFiles } from './load/load-spec-files.js';
import type { LoadCache } from './load/load-spec.js';
import { decodeUtf8 } from './load/decode-utf8.js';
import type { EmitCache } from './emit/emit-cache.js';
import type { FormatCache } from './format/format-files.js';
import { type PrettierWorker, prettierWorker } from './format/prettier-worker.js';
import { loadTemplates } from './load/load-templates.js';
import { buildModel, type ModelOptions } from './model/build-model.js';
import type { ModelCache } from './model/model-cache.js';
import type { IrApi } from './model/ir.js';
import { validateLater } from './validate/validate-spec.js';
import type { TreeDifference } from './write/compare-output.js';
import type { OutputCache } from './write/output-cache.js';
import { rememberKept } from './write/kept-entries.js';
import { checkOutput, preflightOutput, writeOutput } from './write/write-output.js';

export type Stage = 'load' | 'validate' | 'model' | 'emit' | 'format' | 'write';

export interface GenerateOptions {
  /** The spec file (YAML or JSON). */
  readonly spec: string;
  /** The output folder; required unless `write` is false. */
  readonly out?: string;
  /** false: return the files without touching the disk. */
  readonly write?: boolean;
  /** true: compare with `out` and report the difference, writing nothing. */
  readonly check?: boolean;
  /** A folder of templates that replace built-in ones by file name. */
  readonly templates?: string;
  readonly packageName?: string;
  readonly clientName?: string;
  /** The environment variable the client reads its API key from (default: info.x-sdk.apiKeyEnv). */
  readonly apiKeyEnv?: string;
  /** The environment variable the client reads its base URL from (default: info.x-sdk.baseURLEnv). */
  readonly baseURLEnv?: string;
  /** OpenAPI Overlay 1.0 files, applied in this order to the spec before it is validated. */
  readonly overlays?: readonly string[];
  /** A config file whose `operations` and `tags` settings apply after the overlays: its name and text. */
  readonly settings?: SourceText;
  /** The package's version when it must differ from the API's (`packageVersion` in the config file). */
  readonly packageVersion?: string;
  /** Validators test a `pattern` only on strings of at most this many characters. */
  readonly patternInputLimit?: number;
  /** The folder relative paths are read from and written to (default: the process's cwd). */
  readonly cwd?: string;
  /** Called when a stage starts (for progress display). */
  readonly onStage?: (stage: Stage) => void;
  /** Formatted output kept from this caller's previous run (watch mode): what did not change is not formatted again. */
  readonly formatCache?: FormatCache;
  /** What the emitters made in this caller's previous run (watch mode): what did not change is not made again. */
  readonly emitCache?: EmitCache;
  /** The spec as this caller's previous run parsed it (watch mode): an edit reads only the lines it changed. */
  readonly loadCache?: LoadCache;
  /** The IR of the component schemas this caller's previous run modelled (watch mode): those an edit did not reach are not modelled again. */
  readonly modelCache?: ModelCache;
  /** The output files this caller's previous runs wrote or read (watch mode): those unchanged on disk are not read again. */
  readonly outputCache?: OutputCache;
  /**
   * Aborted: the run stops at its next stage, and in any case before its write commits
   * (InterruptedError); a write already committed is finished. The CLI aborts it on Ctrl-C.
   */
  readonly signal?: AbortSignal;
  /** Called with the absolute path of every file the spec is made of (missing ones too) once they are read (watch mode). */
  readonly onSpecFiles?: (files: readonly string[]) => void;
}

export interface GenerateResult {
  readonly files: readonly EmittedFile[];
  readonly warnings: readonly Diagnostic[];
  /** How `out` differs (before writing) from the generated files; absent when nothing was compared. */
  readonly difference?: TreeDifference;
  /** Of the changed files (--check), those that differ only in their line endings (CRLF). */
  readonly lineEndings?: readonly string[];
  readonly wrote: boolean;
  /** The top-level entries of `out` sdkgen does not own (kept); absent when nothing was compared. */
  readonly kept?: readonly string[];
  /** Whether `kept` differs from the list last shown for this folder on this machine (a write only). */
  readonly keptIsNew?: boolean;
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const onStage = options.onStage ?? (() => {});
  const stage = (next: Stage) => {
    if (options.signal?.aborted) throw new InterruptedError();
    onStage(next);
  };
  const onDisk = (path: string) => resolve(options.cwd ?? '.', path);
  stage('load');
  if (options.write !== false && options.out !== undefined) await preflightOutput(onDisk(options.out)); // a wrong --out is refused before generating
  const text = decodeUtf8(options.spec, await readInput('spec', options.spec, onDisk(options.spec)));
  const run: RunState = { sources: new Map([[options.spec, text]]), overlayWarnings: [] };
  // prettier loads on its own thread while this one reads, checks and models the spec
  const worker = prettierWorker();
  try {
    const { spec, templates } = await load(options, text, onDisk, run);
    stage('validate');
    const validation = await validateLater(spec);
    // the OpenAPI schema check, the slow part of validation, finishes while the first files are
    // emitted; until it has passed, a failure waits for it (a spec that fails it shows its own
    // problems, never a later stage's error)
    const {
      warnings: modelWarnings,
      formatted,
      session,
    } = await untilChecked(validation.confirm, async () => {
      stage('model');
      const { api, warnings } = buildModel(validation.checked, modelOptions(options), options.modelCache);
      stage('emit');
      const ctx = {
        templates: await templates,
        locate: validation.checked.locate,
        ...(options.templates !== undefined ? { templatesDir: options.templates } : {}),
        ...(options.emitCache !== undefined ? { cache: options.emitCache } : {}),
      };
      return {
        warnings,
        ...(await emit(api, ctx, worker, options.formatCache, validation.confirm)),
      };
    });
    stage('format');
    const files = complete(await formatted, options.spec);
    const warnings = [...run.overlayWarnings, ...(await validation.confirm()), ...modelWarnings];
    session.end();
    return await output(files, warnings, options, onDisk, stage);
  } catch (error) {
    throw explained(error, run, options.spec, text);
  }
}

/** What a run learns as it goes that its error report needs: the spec's texts and the overlays' warnings. */
interface RunState {
  sources: ReadonlyMap<string, string>;
  overlayWarnings: readonly Diagnostic[];
}

/** The spec with its refs bundled and the overlays applied, and the templates (loaded meanwhile). */
async function load(options: GenerateOptions, text: string, onDisk: (path: string) => string, run: RunState) {
  const templates = loadTemplates(options.templates === undefined ? undefined : onDisk(options.templates), options.templates).then(
    (loaded) => templateSet(loaded.sources, loaded.helpers),
  );
  templates.catch(() => {}); // awaited by the emit stage; a spec error may come first
  const overlayTexts = await Promise.all(
    (options.overlays ?? []).map(async (file) => ({ file, text: decodeUtf8(file, await readInput('overlay', file, onDisk(file))) })),
  );
  const cache = options.loadCache;
  const bundled = await loadSpecFiles(options.spec, text, onDisk(options.spec), cache);
  options.onSpecFiles?.(bundled.files);
  run.sources = bundled.sources;
  // overlays and the config's settings change the document in place; a cached parse is shared with later runs
  const changes = overlayTexts.length > 0 || options.settings !== undefined;
  const own = cache !== undefined && changes ? { ...bundled, root: structuredClone(bundled.root) } : bundled;
  const overlaid = applyOverlays(own, overlayTexts, options.settings);
  // an overlay action that matched nothing is often why a later stage fails: shown with its errors too
  run.overlayWarnings = overlaid.warnings;
  run.sources = overlaid.spec.sources;
  return { spec: overlaid.spec, templates };
}

function modelOptions(options: GenerateOptions): ModelOptions {
  const { packageName, clientName, apiKeyEnv, baseURLEnv, packageVersion, patternInputLimit } = options;
  return Object.fromEntries(
    Object.entries({ packageName, clientName, apiKeyEnv, baseURLEnv, packageVersion, patternInputLimit }).filter(
      ([, value]) => value !== undefined,
    ),
  );
}

/**
 * Runs the emitters, handing each one's files to prettier (on its thread) as soon as they are
 * emitted: the formatted ones first, then, once the schema check has passed, the ones that print
 * their final layout themselves. Emitters and the formatter are loaded only for a spec that got
 * this far (`--help` and bad specs never load them).
 */
async function emit(
  api: IrApi,
  ctx: Parameters<Emitter>[1],
  worker: PrettierWorker | undefined,
  cache: FormatCache | undefined,
  confirm: () => Promise<unknown>,
) {
  const [{ FORMATTED_EMITTERS, PRINTED_EMITTERS }, { beginFormat }] = await Promise.all([
    import('./emit/emitters.js'),
    import('./format/format-files.js'),
  ]);
  const session = beginFormat(worker, cache);
  const formatting: Promise<EmittedFile[]>[] = [];
  const run = async (emitter: Emitter) => {
    const files = session.format(await emitter(api, ctx));
    files.catch(() => {}); // awaited with the others; a later emitter may fail first
    formatting.push(files);
  };
  for (const emitter of FORMATTED_EMITTERS) await run(emitter);
  await confirm();
  for (const emitter of PRINTED_EMITTERS) await run(emitter);
  return { formatted: Promise.all(formatting).then((groups) => groups.flat()), session };
}

/** The package's files: the runtime files its modules import, in path order, checked to compile. */
function complete(files: readonly EmittedFile[], spec: string): EmittedFile[] {
  const sorted = withUsedRuntimeFiles(files).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const broken = selfCheck(sorted);
  if (broken.length > 0) {
    throw new InternalError(
      `the package generated from ${spec} would not compile, so nothing was written:\n${broken.map((p) => `  ${p.file}: ${p.message}`).join('\n')}\nThis is a bug in sdkgen, not in the spec: please report it with the spec.`,
    );
  }
  return sorted;
}

/** Returns the files, compares them with the output folder (--check), or writes them. */
async function output(
  files: EmittedFile[],
  warnings: readonly Diagnostic[],
  options: GenerateOptions,
  onDisk: (path: string) => string,
  stage: (stage: Stage) => void,
): Promise<GenerateResult> {
  if (options.write === false) return { files, warnings, wrote: false };
  if (options.out === undefined) throw new UsageError('No output folder: pass --out <dir>.');
  if (options.check) {
    const checked = await checkOutput(onDisk(options.out), files);
    return {
      files,
      warnings,
      difference: checked,
      wrote: false,
      kept: checked.kept,
      ...(checked.lineEndings ? { lineEndings: checked.lineEndings } : {}),
    };
  }
  stage('write');
  const result = await writeOutput(onDisk(options.out), files, { signal: options.signal, cache: options.outputCache });
  return {
    files,
    warnings,
    difference: result,
    wrote: result.wrote,
    kept: result.kept,
    keptIsNew: await rememberKept(result.folder, result.kept),
  };
}

/** Runs `work`; when it fails, the schema check is awaited first, so that its errors win. */
async function untilChecked<T>(confirm: () => Promise<unknown>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    await confirm(); // throws the spec's problems when it fails the check
    throw error;
  }
}

/** The error a run reports: a spec error with every text and overlay warning it refers to; anything unexpected is sdkgen's bug. */
function explained(error: unknown, run: RunState, spec: string, text: string): unknown {
  if (error instanceof SpecError) {
    const diagnostics = error.diagnostics.some((d) => run.overlayWarnings.includes(d))
      ? error.diagnostics
      : [...run.overlayWarnings, ...error.diagnostics];
    return new SpecError(diagnostics, new Map([...run.sources, ...error.sources, [spec, text]]));
  }
  if (error instanceof UsageError || error instanceof InternalError || error instanceof InterruptedError || isFileSystemError(error))
    return error;
  // load/too-deep and load/alias-cycle keep specs from getting here; anything that still does is sdkgen's bug
  if (error instanceof RangeError && /call stack/i.test(error.message))
    return new InternalError('unexpected failure: a walk over the spec recursed without end (the call stack overflowed)', { cause: error });
  return new InternalError(`unexpected failure: ${(error as Error)?.message ?? String(error)}`, { cause: error });
}

async function readInput(what: 'spec' | 'overlay', file: string, path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // sdkgen reads files only: a generation never depends on what a server answers that day
    if (code === 'ENOENT' && /^https?:\/\//i.test(file))
      throw new UsageError(
        `Cannot read the ${what} ${file}: sdkgen reads a file, not a URL. Save it first (curl -fsSL '${file.replace(/'/g, "'\\''")}' -o ${what}.yaml) and pass the file.`,
      );
    throw new UsageError(
      code === 'ENOENT' ? `Cannot read the ${what} ${file}: no such file.` : `Cannot read the ${what} ${file}: ${code ?? String(error)}.`,
    );
  }
}

function isFileSystemError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'syscall' in error && 'code' in error;
}
