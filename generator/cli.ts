// argv -> options -> pipeline. Exit codes: 0 success, 1 a problem in the spec or a stale
// output under --check, 2 a usage error or a bug in sdkgen, 130 interrupted before writing.
// Stacks only with --debug.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { parseFlags } from './cli-flags.js';
import { InternalError, InterruptedError, SpecError, UsageError, type Diagnostic } from './diagnostics/diagnostic.js';
import { renderDiagnostic } from './diagnostics/render.js';
import { closestMatch } from './diagnostics/suggest.js';
import { loadConfig } from './load/load-config.js';
import { BUILTIN_TEMPLATES } from './load/load-templates.js';
import { PACKAGE_ROOT } from './load/package-root.js';
import { describeKept } from './write/kept-entries.js';
import type { GenerateOptions, GenerateResult, Stage } from './pipeline.js';
import { watchCaches } from './watch/watch-caches.js';
import { watchFiles, withSpecFiles } from './watch/watch-files.js';

/** Relative to the working directory, like every path on the command line. */
const DEFAULT_OUT = 'generated';
const CONFIG_NAMES = 'sdkgen.config.json or sdkgen.config.yaml';

/** The flags of `sdkgen generate`, as parseFlags reads them (exported for the --help test). */
export const GENERATE_FLAGS = {
  spec: { type: 'string', value: 'file' },
  out: { type: 'string', value: 'dir' },
  check: { type: 'boolean' },
  watch: { type: 'boolean' },
  templates: { type: 'string', value: 'dir' },
  'package-name': { type: 'string', value: 'name' },
  'client-name': { type: 'string', value: 'name' },
  'api-key-env': { type: 'string', value: 'name' },
  'base-url-env': { type: 'string', value: 'name' },
  overlay: { type: 'string', value: 'file', isRepeatable: true },
  'pattern-input-limit': { type: 'string', value: 'n' },
  config: { type: 'string', value: 'file' },
  quiet: { type: 'boolean' },
  verbose: { type: 'boolean' },
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
const COMMANDS = ['generate', 'diff'];

export const HELP = `sdkgen: generate a typed, validated, dependency-free TypeScript client from an OpenAPI spec.

Usage:
  sdkgen generate [options]            generate (or check) a client package
  sdkgen diff <old-spec> <new-spec>    list the changes between two specs that matter to
                                       a client's users (sdkgen diff --help)
  sdkgen diff --api <old> <new>        the same between two generated packages' TypeScript

Options of generate (flags override sdkgen.config.json / sdkgen.config.yaml; relative paths
are relative to the current folder, and in a config file to the file's folder):
  --spec <file>          the OpenAPI 3.0/3.1/3.2 spec, YAML or JSON (or \`spec\` in the config file)
  --out <dir>            the output folder, replaced atomically (default: ${DEFAULT_OUT})
  --overlay <file>       an OpenAPI Overlay 1.0 file applied to the spec before it is checked
                         (repeatable, applied in order, after the config file's \`overlays\`)
  --check                write nothing; exit 1 and list every file that would be created,
                         changed or deleted when the output folder is not current
  --watch                regenerate when the spec, an overlay or a template changes; a bad edit prints
                         its diagnostics and the last good output stays in place
  --templates <dir>      a folder of templates that replace the built-in ones by file name
  --package-name <name>  the npm package name (default: info.x-sdk.packageName)
  --client-name <name>   the client class name (default: info.x-sdk.clientName)
  --api-key-env <name>   the environment variable the client reads its API key from
                         (default: info.x-sdk.apiKeyEnv, else derived from info.title)
  --base-url-env <name>  the environment variable the client reads its base URL from
                         (default: info.x-sdk.baseURLEnv, else derived from info.title)
  --pattern-input-limit <n>
                         the generated validators test a \`pattern\` only on strings of at most
                         n characters and report longer ones (default: no limit, except the
                         one sdkgen sets on patterns that backtrack: see the README)
  --config <file>        the config file (default: sdkgen.config.json or .yaml in the cwd)
  --quiet                print only errors
  --verbose              print every warning and YAML syntax error (by default, 3 of each kind and a count)
  --json                 print one JSON object per run (summary and diagnostics), for tools
  --debug                show stack traces for internal errors
  -h, --help             show this help

Colour is used only on a terminal, and never when NO_COLOR is set.
Exit codes: 0 success; 1 the spec has errors, or --check found differences; 2 bad usage or an
internal error; 130 interrupted (Ctrl-C) before writing, the output folder as it was.`;

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly color: boolean;
  readonly cwd: string;
  /** Whether stderr is a terminal (progress is shown only there). */
  readonly isTerminal?: boolean;
  /** Stops --watch (tests, signals). */
  readonly signal?: AbortSignal;
  /**
   * Run by --watch once a run is done and no save has come for IDLE_COLLECT_MS (the executable
   * passes V8's full collection): the session then holds what it keeps for the next run, not the
   * last run's garbage, and the next run does not pay for collecting it (v8-flags.ts).
   */
  readonly collectGarbage?: () => void;
}

/** How long --watch waits after a run before it collects the run's garbage (Io.collectGarbage). */
const IDLE_COLLECT_MS = 100;

interface RunSettings {
  readonly options: GenerateOptions;
  readonly check: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly json: boolean;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    // diff parses its own flags (--format, --fail-on)
    if (argv[0] === 'diff') return await (await import('./diff/diff-command.js')).runDiffCommand(argv.slice(1), io);
    const { values, positionals } = parseFlags(argv, GENERATE_FLAGS, 'sdkgen --help');
    debug = values.debug;
    if (values.help) {
      io.stdout(`${HELP}\n`);
      return 0;
    }
    const [command = 'generate', ...extra] = positionals;
    if (command !== 'generate') {
      const nearest = closestMatch(command, COMMANDS);
      throw new UsageError(
        `Unknown command "${command}"${nearest !== undefined ? `; did you mean \`sdkgen ${nearest}\`?` : '.'} Run \`sdkgen --help\` for the commands.`,
      );
    }
    if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}". Pass the spec with --spec <file>.`);
    if (values.check && values.watch)
      throw new UsageError('--check and --watch do not go together: --check writes nothing, --watch keeps writing.');
    const config = await loadConfig(io.cwd, values.config);
    const pick = <T>(flag: T | undefined, fromConfig: T | undefined): T | undefined => flag ?? fromConfig;
    const templates = pick(values.templates, config.templates);
    const packageName = pick(values['package-name'], config.packageName);
    const clientName = pick(values['client-name'], config.clientName);
    const apiKeyEnv = pick(values['api-key-env'], config.apiKeyEnv);
    const baseURLEnv = pick(values['base-url-env'], config.baseURLEnv);
    // the config file's overlays first, then each --overlay in the order given
    const overlays = [...(config.overlays ?? []), ...values.overlay];
    const packageVersion = config.packageVersion;
    const patternInputLimit = parseLimit(
      values['pattern-input-limit'] ?? config.patternInputLimit,
      values['pattern-input-limit'] !== undefined ? '--pattern-input-limit' : `${config.file}: patternInputLimit`,
    );
    const spec = pick(values.spec, config.spec);
    if (spec === undefined) {
      const where = config.file !== undefined ? `${config.file} has no \`spec\` setting` : `there is no ${CONFIG_NAMES} in ${io.cwd}`;
      throw new UsageError(
        `No spec to generate from: no --spec was given and ${where}. Pass --spec <file>, or add a ${config.file ?? 'sdkgen.config.json'} with {"spec": "<file>", "out": "<dir>"}.`,
      );
    }
    const out = pick(values.out, config.out) ?? DEFAULT_OUT;
    refuseOutputInsideSdkgen(out, io.cwd);
    const settings: RunSettings = {
      check: values.check,
      quiet: values.quiet,
      verbose: values.verbose,
      json: values.json,
      options: {
        spec,
        out,
        check: values.check,
        cwd: io.cwd,
        ...(templates !== undefined ? { templates } : {}),
        ...(packageName !== undefined ? { packageName } : {}),
        ...(clientName !== undefined ? { clientName } : {}),
        ...(apiKeyEnv !== undefined ? { apiKeyEnv } : {}),
        ...(baseURLEnv !== undefined ? { baseURLEnv } : {}),
        ...(overlays.length > 0 ? { overlays } : {}),
        ...(config.settings !== undefined ? { settings: config.settings } : {}),
        ...(packageVersion !== undefined ? { packageVersion } : {}),
        ...(patternInputLimit !== undefined ? { patternInputLimit } : {}),
        // a watch session's runs share their work (watch/watch-caches.ts)
        ...(values.watch ? watchCaches() : {}),
      },
    };
    if (!values.watch) return await runOnce(settings, io, debug);
    return await watch(settings, io, debug);
  } catch (error) {
    return report(error, io, debug, argv.includes('--json'), argv.includes('--quiet'), argv.includes('--verbose'));
  }
}

/** `isStale` (watch mode): whether a watched file changed after the run began. */
async function runOnce(settings: RunSettings, io: Io, debug: boolean, isStale?: () => boolean): Promise<number> {
  const started = performance.now();
  const progress = stageProgress(io, settings, started);
  try {
    const { generate } = await import('./pipeline.js');
    const result = await generate({ ...settings.options, onStage: progress.stage, ...(io.signal ? { signal: io.signal } : {}) });
    progress.done();
    return summarize(result, settings, io, Math.round(performance.now() - started));
  } catch (error) {
    progress.done();
    // the run may have read a file that was still being saved: the next run, already due, reports
    // on the file as saved (a spec with an error keeps it), and this one's errors would only mislead
    if (error instanceof SpecError && !settings.json && isStale !== undefined && (await changedSince(isStale))) {
      if (!settings.quiet) io.stderr('sdkgen: a watched file changed again during the run; running again.\n');
      return 1;
    }
    return report(error, io, debug, settings.json, settings.quiet, settings.verbose);
  }
}

/**
 * Whether a watched file changed since the run began. The event loop first goes once through its
 * poll phase (two immediates always span one), where a change already made, whose event the
 * kernel has queued, reaches the watcher.
 */
async function changedSince(isStale: () => boolean): Promise<boolean> {
  for (let turn = 0; turn < 2; turn++) await new Promise((next) => setImmediate(next));
  return isStale();
}

async function watch(settings: RunSettings, io: Io, debug: boolean): Promise<number> {
  const { spec, templates, overlays = [] } = settings.options;
  const targets = [
    { path: resolve(io.cwd, spec), isFolder: false },
    { path: BUILTIN_TEMPLATES, isFolder: true },
    ...overlays.map((overlay) => ({ path: resolve(io.cwd, overlay), isFolder: false })),
  ];
  if (templates !== undefined) targets.push({ path: resolve(io.cwd, templates), isFolder: true });
  const announce = () => {
    if (!settings.quiet && !settings.json)
      io.stderr(
        `sdkgen: watching ${[spec, ...overlays, ...(templates !== undefined ? [templates] : [])].join(', ')}, the files it refers to and the built-in templates (Ctrl-C to stop)\n`,
      );
  };
  // the files of the spec, as the last run read them (undefined: it failed before it read them all)
  let specFiles: readonly string[] | undefined;
  const watched = { ...settings, options: { ...settings.options, onSpecFiles: (files: readonly string[]) => (specFiles = files) } };
  let idle: ReturnType<typeof setTimeout> | undefined;
  const run = async (isStale?: () => boolean) => {
    clearTimeout(idle);
    specFiles = undefined;
    try {
      return await runOnce(watched, io, debug, isStale);
    } finally {
      const collect = io.collectGarbage;
      // unref: a pending collection never keeps a stopped session alive
      if (collect !== undefined) idle = setTimeout(collect, IDLE_COLLECT_MS).unref();
    }
  };
  await run();
  await watchFiles(
    withSpecFiles(resolve(io.cwd, spec), targets, () => specFiles),
    async (changed, isStale) => {
      if (!settings.quiet && !settings.json)
        io.stderr(`sdkgen: changed: ${changed.map((path) => relative(io.cwd, path) || path).join(', ')}\n`);
      await run(isStale);
    },
    { onReady: announce, ...(io.signal ? { signal: io.signal } : {}) },
  );
  clearTimeout(idle);
  return 0;
}

function summarize(result: GenerateResult, settings: RunSettings, io: Io, elapsedMs: number): number {
  const difference = result.difference;
  const warnings = result.warnings.filter((w) => w.severity === 'warning');
  const stale = difference
    ? [
        ...difference.created.map((p) => `created: ${p}`),
        ...difference.changed.map(
          (p) => `changed: ${p}${result.lineEndings?.includes(p) ? ' (only its line endings: CRLF where sdkgen writes LF)' : ''}`,
        ),
        ...difference.deleted.map((p) => `deleted: ${p}`),
      ]
    : [];
  const { spec, out = '' } = settings.options;
  if (settings.json) {
    io.stdout(
      `${JSON.stringify({
        ok: !(settings.check && stale.length > 0),
        command: settings.check ? 'check' : 'generate',
        spec,
        out,
        files: difference
          ? settings.check
            ? { created: difference.created, changed: difference.changed, deleted: difference.deleted }
            : {
                written: difference.created.length + difference.changed.length,
                unchanged: difference.unchanged.length,
                deleted: difference.deleted.length,
              }
          : {},
        ...(result.kept !== undefined ? { kept: result.kept } : {}),
        warnings: warnings.map(diagnosticJson),
        errors: [],
        durationMs: elapsedMs,
      })}\n`,
    );
    return settings.check && stale.length > 0 ? 1 : 0;
  }
  if (!settings.quiet) {
    const { shown, notes } = settings.verbose ? { shown: warnings, notes: [] } : groupDiagnostics(warnings);
    printDiagnostics(shown, io, new Map());
    for (const note of notes) io.stderr(note);
  }
  if (settings.check) {
    if (stale.length > 0) {
      io.stderr(
        `${out} is not current with ${spec}; \`sdkgen generate\` would change ${stale.length} file${plural(stale.length)}:\n${stale.map((line) => `  ${line}`).join('\n')}\n`,
      );
      if ((result.lineEndings?.length ?? 0) > 0)
        io.stderr(
          'sdkgen: files that differ only in their line endings were checked out with CRLF (git on Windows, core.autocrlf): a .gitattributes line `* text eol=lf` in the output folder keeps them as sdkgen writes them.\n',
        );
      return 1;
    }
    if (!settings.quiet)
      io.stdout(
        // the files a write would leave unchanged, sdkgen's manifest among them, as its summary counts them
        `${out} is current with ${spec} (${difference?.unchanged.length ?? result.files.length} files, ${warnings.length} warning${plural(warnings.length)}, ${elapsedMs} ms).\n`,
      );
    return 0;
  }
  if (!settings.quiet && difference) {
    const written = difference.created.length + difference.changed.length;
    io.stdout(
      `sdkgen: ${written} file${plural(written)} written, ${difference.unchanged.length} unchanged, ${difference.deleted.length} deleted; ${warnings.length} warning${plural(warnings.length)}; ${elapsedMs} ms (${out})\n`,
    );
    // every file deleted is named: none but one sdkgen generated before and no longer generates
    const { deleted } = difference;
    if (deleted.length > 0)
      io.stdout(
        `sdkgen: deleted ${deleted.slice(0, 10).join(', ')}${deleted.length > 10 ? ` and ${deleted.length - 10} more` : ''} (no longer generated)\n`,
      );
    // listed when they first appear (or change), and on every run with --verbose
    const kept = result.kept ?? [];
    if (kept.length > 0 && (result.keptIsNew === true || settings.verbose)) io.stdout(`sdkgen: ${describeKept(kept)}\n`);
  }
  return 0;
}

/** On a terminal, a run that takes more than a second says which stage it is in. */
function stageProgress(io: Io, settings: RunSettings, started: number): { stage: (stage: Stage) => void; done: () => void } {
  if (!io.isTerminal || settings.quiet || settings.json) return { stage: () => {}, done: () => {} };
  let current: Stage = 'load';
  let shown = false;
  const show = () => {
    shown = true;
    io.stderr(`\rsdkgen: ${current}…${' '.repeat(12)}`);
  };
  const timer = setTimeout(show, 1000);
  return {
    stage: (stage) => {
      current = stage;
      if (performance.now() - started > 1000) show();
    },
    done: () => {
      clearTimeout(timer);
      if (shown) io.stderr(`\r${' '.repeat(32)}\r`);
    },
  };
}

/** Error codes that cascade: a YAML parser that loses its place reports every line after it. */
const CASCADING_ERRORS: ReadonlySet<string> = new Set(['load/yaml-syntax']);

/**
 * Real-world specs can carry hundreds of warnings of one kind (3.0 forms in a 3.1 spec), and one
 * YAML mistake hundreds of syntax errors: show the first three of each warning code and of each
 * cascading error code in full and count the rest, so the output stays readable. Other errors
 * are all shown: each needs its own fix.
 */
function groupDiagnostics(diagnostics: readonly Diagnostic[]): { shown: readonly Diagnostic[]; notes: string[] } {
  const byCode = new Map<string, Diagnostic[]>();
  const shown: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const grouped = diagnostic.severity === 'warning' || CASCADING_ERRORS.has(diagnostic.code);
    const key = `${diagnostic.severity} ${diagnostic.code}`;
    const group = grouped ? (byCode.get(key) ?? []) : undefined;
    if (group !== undefined) {
      byCode.set(key, group);
      group.push(diagnostic);
    }
    if (group === undefined || group.length <= 3) shown.push(diagnostic);
  }
  const notes: string[] = [];
  for (const severity of ['error', 'warning'] as const) {
    const hidden = [...byCode]
      .filter(([key, group]) => key.startsWith(`${severity} `) && group.length > 3)
      .map(([key, group]) => ({ code: key.slice(severity.length + 1), count: group.length - 3 }));
    if (hidden.length === 0) continue;
    const total = hidden.reduce((sum, { count }) => sum + count, 0);
    const all = diagnostics.filter((d) => d.severity === severity).length;
    const kinds = hidden.map(({ code, count }) => `${count} more ${code}`).join(', ');
    notes.push(
      severity === 'error'
        ? `sdkgen: … and ${kinds} error${plural(total)}, most likely caused by the ones above (--verbose shows all ${all}).\n`
        : `sdkgen: … and ${kinds} warning${plural(total)} (--verbose shows all ${all}).\n`,
    );
  }
  return { shown, notes };
}

function printDiagnostics(diagnostics: readonly Diagnostic[], io: Io, sources: ReadonlyMap<string, string>): void {
  for (const diagnostic of diagnostics) io.stderr(`${renderDiagnostic(diagnostic, { sources, color: io.color })}\n\n`);
}

function diagnosticJson(diagnostic: Diagnostic): Record<string, unknown> {
  return {
    code: diagnostic.code,
    severity: diagnostic.severity,
    message: diagnostic.message,
    ...(diagnostic.hint !== undefined ? { hint: diagnostic.hint } : {}),
    at: diagnostic.at,
    ...(diagnostic.related ? { related: diagnostic.related } : {}),
  };
}

/** `quiet`: a spec's warnings are left out, its errors still printed; `verbose`: none is counted instead of shown. */
function report(error: unknown, io: Io, debug: boolean, json: boolean, quiet: boolean, verbose: boolean): number {
  if (error instanceof InterruptedError) {
    if (json) io.stdout(`${JSON.stringify({ ok: false, errors: [{ code: 'interrupted', message: error.message }] })}\n`);
    else io.stderr(`sdkgen: ${error.message}.\n`);
    return 130;
  }
  if (error instanceof SpecError) {
    if (json) {
      io.stdout(
        `${JSON.stringify({ ok: false, errors: error.diagnostics.filter((d) => d.severity === 'error').map(diagnosticJson), warnings: error.diagnostics.filter((d) => d.severity === 'warning').map(diagnosticJson) })}\n`,
      );
      return 1;
    }
    const printed = quiet ? error.diagnostics.filter((d) => d.severity === 'error') : error.diagnostics;
    const { shown, notes } = verbose ? { shown: printed, notes: [] } : groupDiagnostics(printed);
    printDiagnostics(shown, io, error.sources);
    for (const note of notes) io.stderr(note);
    io.stderr(`sdkgen: ${error.message}; nothing was written.\n`);
    return 1;
  }
  const message = usageMessage(error);
  if (message !== undefined) {
    if (json) io.stdout(`${JSON.stringify({ ok: false, errors: [{ code: 'usage', message }] })}\n`);
    else io.stderr(`sdkgen: ${message}\n`);
    return 2;
  }
  const internal = error instanceof InternalError ? error : new InternalError(String((error as Error)?.message ?? error), { cause: error });
  if (json) io.stdout(`${JSON.stringify({ ok: false, errors: [{ code: 'internal', message: internal.message }] })}\n`);
  io.stderr(
    `sdkgen: internal error: ${internal.message}\nThis is a bug in sdkgen, not in your spec. Nothing was written.${debug ? '' : ' Run again with --debug for the stack trace.'}\n`,
  );
  if (debug) io.stderr(`${String((internal.cause as Error | undefined)?.stack ?? internal.stack)}\n`);
  return 2;
}

/** Usage errors and file-system errors are the caller's to fix: one line, no stack. */
function usageMessage(error: unknown): string | undefined {
  if (error instanceof UsageError) return error.message;
  const fsError = error as NodeJS.ErrnoException;
  if (typeof fsError?.syscall === 'string')
    return `cannot ${fsError.syscall} ${fsError.path ?? ''}: ${fsError.code ?? fsError.message}. Nothing was changed.`;
  return undefined;
}

/**
 * An installed sdkgen (under a node_modules folder: a dependency, npx's cache, a global install)
 * is never written to: the output folder may be neither inside it nor around it. A checkout of
 * sdkgen is a working copy, and regenerates its own generated/.
 */
function refuseOutputInsideSdkgen(out: string, cwd: string): void {
  const root = realpathSync(PACKAGE_ROOT);
  if (!root.split(sep).includes('node_modules')) return;
  const target = realpathOfNearest(resolve(cwd, out));
  const within = (child: string, parent: string): boolean => {
    const path = relative(parent, child);
    return path === '' || (!path.startsWith('..') && !isAbsolute(path));
  };
  if (within(target, root) || within(root, target)) {
    const where = within(target, root) ? 'is inside' : 'would replace a folder that holds';
    throw new UsageError(
      `--out ${out} ${where} the installed sdkgen package (${root}); sdkgen never writes there. Choose an output folder in your project, e.g. --out client.`,
    );
  }
}

/** The real path of `path`, through its nearest existing ancestor (the output may not exist yet). */
function realpathOfNearest(path: string): string {
  let existing = path;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  return resolve(realpathSync(existing), relative(existing, path));
}

/** A positive whole number of characters, from a flag or the config file. */
function parseLimit(value: string | number | undefined, where: string): number | undefined {
  if (value === undefined) return undefined;
  const limit = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new UsageError(`${where} must be a whole number of characters, at least 1 (got ${JSON.stringify(value)}).`);
  return limit;
}

function plural(count: number): string {
  return count === 1 ? '' : 's';
}
