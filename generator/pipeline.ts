// Composes the stages; the only place that knows their order. Only the two ends touch the
// disk: reading the spec and templates, and writing the output folder.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InternalError, SpecError, UsageError, type Diagnostic } from './diagnostics/diagnostic.js';
import type { EmittedFile } from './emit/emitted-file.js';
import type { Emitter } from './emit/emitters.js';
import { withUsedRuntimeFiles } from './emit/runtime-files.js';
import { selfCheck } from './emit/self-check.js';
import { templateSet } from './load/template-set.js';
import { applyOverlays, type SourceText } from './load/apply-overlays.js';
import { loadSpecFiles } from './load/load-spec-files.js';
import { decodeUtf8 } from './load/decode-utf8.js';
import { PRETTIER_OPTIONS } from './format/format-files.js';
import { prettierWorker } from './format/prettier-worker.js';
import { loadTemplates } from './load/load-templates.js';
import { buildModel } from './model/build-model.js';
import { validateLater } from './validate/validate-spec.js';
import type { TreeDifference } from './write/compare-output.js';
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
}

export interface GenerateResult {
  readonly files: readonly EmittedFile[];
  readonly warnings: readonly Diagnostic[];
  /** How `out` differs (before writing) from the generated files; absent when nothing was compared. */
  readonly difference?: TreeDifference;
  readonly wrote: boolean;
  /** The top-level entries of `out` sdkgen does not own (kept); absent when nothing was compared. */
  readonly kept?: readonly string[];
  /** Whether `kept` differs from the list last shown for this folder on this machine (a write only). */
  readonly keptIsNew?: boolean;
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const stage = options.onStage ?? (() => {});
  stage('load');
  const onDisk = (path: string) => resolve(options.cwd ?? '.', path);
  if (options.write !== false && options.out !== undefined) await preflightOutput(onDisk(options.out)); // a wrong --out is refused before generating
  const text = decodeUtf8(options.spec, await readSpecFile(options.spec, onDisk(options.spec)));
  // prettier loads on its own thread while this one reads the spec
  const worker = prettierWorker(PRETTIER_OPTIONS);
  // the text of every file of the spec, for code frames in diagnostics
  let sources: ReadonlyMap<string, string> = new Map([[options.spec, text]]);
  // an overlay action that matched nothing is often why a later stage fails: shown with its errors too
  let overlayWarnings: readonly Diagnostic[] = [];
  try {
    const templatesPromise = loadTemplates(options.templates === undefined ? undefined : onDisk(options.templates), options.templates);
    templatesPromise.catch(() => {}); // awaited below; a spec error may come first
    const overlayTexts = await Promise.all(
      (options.overlays ?? []).map(async (file) => ({ file, text: decodeUtf8(file, await readInput('overlay', file, onDisk(file))) })),
    );
    const bundled = await loadSpecFiles(options.spec, text, onDisk(options.spec));
    sources = bundled.sources;
    const overlaid = applyOverlays(bundled, overlayTexts, options.settings);
    const spec = overlaid.spec;
    overlayWarnings = overlaid.warnings;
    sources = spec.sources;
    stage('validate');
    const validation = deferredValidation(await validateLater(spec));
    const { warnings, formatting, session } = await validation.guard(async () => {
      stage('model');
      const { api, warnings } = buildModel(validation.checked, {
        ...(options.packageName !== undefined ? { packageName: options.packageName } : {}),
        ...(options.clientName !== undefined ? { clientName: options.clientName } : {}),
        ...(options.apiKeyEnv !== undefined ? { apiKeyEnv: options.apiKeyEnv } : {}),
        ...(options.baseURLEnv !== undefined ? { baseURLEnv: options.baseURLEnv } : {}),
        ...(options.packageVersion !== undefined ? { packageVersion: options.packageVersion } : {}),
        ...(options.patternInputLimit !== undefined ? { patternInputLimit: options.patternInputLimit } : {}),
      });
      stage('emit');
      // loaded only once a spec has passed the model (`--help` and bad specs never load them)
      const [{ FORMATTED_EMITTERS, PRINTED_EMITTERS }, { beginFormat }] = await Promise.all([
        import('./emit/emitters.js'),
        import('./format/format-files.js'),
      ]);
      const loaded = await templatesPromise;
      const templates = templateSet(loaded.sources, loaded.helpers);
      const ctx = {
        templates,
        locate: validation.checked.locate,
        ...(options.templates !== undefined ? { templatesDir: options.templates } : {}),
      };
      // each emitter's files go to prettier (on the worker) as soon as they are emitted; the
      // schema check runs once prettier has the first ones
      const session = beginFormat(worker);
      const formatting: Promise<EmittedFile[]>[] = [];
      const run = async (emit: Emitter) => {
        const formatted = session.format(await emit(api, ctx));
        formatted.catch(() => {}); // awaited below; a later emitter may fail first
        formatting.push(formatted);
      };
      for (const emit of FORMATTED_EMITTERS) await run(emit);
      await validation.confirm();
      for (const emit of PRINTED_EMITTERS) await run(emit);
      return { warnings: [...overlayWarnings, ...warnings], formatting, session };
    });
    stage('format');
    const files = withUsedRuntimeFiles((await Promise.all(formatting)).flat()).sort((a, b) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
    );
    session.end();
    const broken = selfCheck(files);
    if (broken.length > 0) {
      throw new InternalError(
        `the package generated from ${options.spec} would not compile, so nothing was written:\n${broken.map((p) => `  ${p.file}: ${p.message}`).join('\n')}\nThis is a bug in sdkgen, not in the spec: please report it with the spec.`,
      );
    }
    if (options.write === false) return { files, warnings, wrote: false };
    if (options.out === undefined) throw new UsageError('No output folder: pass --out <dir>.');
    if (options.check) {
      const checked = await checkOutput(onDisk(options.out), files);
      return { files, warnings, difference: checked, wrote: false, kept: checked.kept };
    }
    stage('write');
    const result = await writeOutput(onDisk(options.out), files);
    return {
      files,
      warnings,
      difference: result,
      wrote: result.wrote,
      kept: result.kept,
      keptIsNew: await rememberKept(result.folder, result.kept),
    };
  } catch (error) {
    if (error instanceof SpecError) {
      const diagnostics = error.diagnostics.some((d) => overlayWarnings.includes(d))
        ? error.diagnostics
        : [...overlayWarnings, ...error.diagnostics];
      throw new SpecError(diagnostics, new Map([...sources, ...error.sources, [options.spec, text]]));
    }
    if (error instanceof UsageError || error instanceof InternalError) throw error;
    if (isFileSystemError(error)) throw error;
    // load/too-deep and load/alias-cycle keep specs from getting here; anything that still does is sdkgen's bug
    if (error instanceof RangeError && /call stack/i.test(error.message))
      throw new InternalError('unexpected failure: a walk over the spec recursed without end (the call stack overflowed)', {
        cause: error,
      });
    throw new InternalError(`unexpected failure: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
}

/**
 * The OpenAPI schema check, the slow part of validation, runs after the quick checks have let
 * the model and the first emitters start. Until it has passed, any failure waits for it: a spec
 * that fails it shows its own problems, never a later stage's error.
 */
function deferredValidation({ checked, confirm }: Awaited<ReturnType<typeof validateLater>>) {
  let confirmed: Promise<void> | undefined;
  const confirmOnce = () => (confirmed ??= confirm());
  return {
    checked,
    confirm: confirmOnce,
    async guard<T>(work: () => Promise<T>): Promise<T> {
      try {
        return await work();
      } catch (error) {
        await confirmOnce(); // throws the spec's problems when it fails the check
        throw error;
      }
    },
  };
}

async function readSpecFile(file: string, path: string): Promise<Uint8Array> {
  return readInput('spec', file, path);
}

async function readInput(what: 'spec' | 'overlay', file: string, path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `Cannot read the ${what} ${file}: no such file.` : `Cannot read the ${what} ${file}: ${code ?? String(error)}.`,
    );
  }
}

function isFileSystemError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'syscall' in error && 'code' in error;
}
