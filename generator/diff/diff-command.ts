// `sdkgen diff <old-spec> <new-spec>` and `sdkgen diff --api <old-package> <new-package>`:
// argv -> diffSpecs or diffPackages -> rendered output (and, with --write-version, the bumped
// packageVersion in the config file) and an exit code. Exit codes: 0 compared; 1 --fail-on
// found a change at or above its level, or a spec has errors; 2 bad usage, an unreadable file,
// or a bug in sdkgen. Stacks only with --debug. ts-morph is loaded only for --api.
import { parseFlags } from '../cli-flags.js';
import { InternalError, SpecError, UsageError } from '../diagnostics/diagnostic.js';
import { renderDiagnostic } from '../diagnostics/render.js';
import type { ChangeSeverity, DiffReport } from './change-kinds.js';
import { diffSpecs } from './diff-specs.js';
import { DIFF_FORMATS, renderDiff, type DiffFormat } from './render-diff.js';
import { writeVersion } from './write-version.js';

export const DIFF_HELP = `sdkgen diff: list the changes between two versions of a spec (or of a generated package) that
matter to the client's users, classify each as breaking, feature or fix, and print the semver
bump they imply.

Usage:
  sdkgen diff <old-spec> <new-spec> [options]
  sdkgen diff --api <old-package> <new-package> [options]

Options:
  --api                  compare two generated packages (folders, or their src/ folders)
                         instead of two specs: their exported TypeScript declarations, as
                         the TypeScript checker sees them; catches renames a spec diff cannot
  --format <format>      text (default), markdown (a changelog entry) or json (for tools)
  --fail-on <level>      exit 1 when a change at this level is found: breaking; feature
                         (breaking or feature); any (any change, docs included)
  --overlay <file>       an OpenAPI Overlay 1.0 file applied to both specs (repeatable, in order)
  --write-version <config>
                         set \`packageVersion\` in this sdkgen config file (JSON or YAML) to the
                         current package version bumped as the changes imply (0.x: a breaking
                         change bumps the minor, anything else the patch)
  --debug                show stack traces for internal errors
  -h, --help             show this help

Exit codes: 0 compared (and --fail-on did not trigger); 1 --fail-on triggered, or a spec has
errors; 2 bad usage or an internal error.`;

const FAIL_ON = {
  breaking: ['breaking'],
  feature: ['breaking', 'feature'],
  any: ['breaking', 'feature', 'fix'],
} as const satisfies Record<string, readonly ChangeSeverity[]>;
type FailOn = keyof typeof FAIL_ON;

export interface DiffCommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly color: boolean;
  /** Relative spec paths are read from here and reported as given. */
  readonly cwd: string;
}

export async function runDiffCommand(args: readonly string[], io: DiffCommandIo): Promise<number> {
  const debug = args.includes('--debug');
  try {
    const options = parseOptions(args);
    if (options === 'help') {
      io.stdout(`${DIFF_HELP}\n`);
      return 0;
    }
    const diff: DiffReport = options.api
      ? await (await import('./diff-api.js')).diffPackages(options.oldFile, options.newFile, { cwd: io.cwd })
      : await diffSpecs(options.oldFile, options.newFile, { cwd: io.cwd, overlays: options.overlays });
    io.stdout(renderDiff(diff, options.format));
    if (options.writeVersion !== undefined) io.stderr(`sdkgen diff: ${await writeVersion(options.writeVersion, diff, io.cwd)}\n`);
    return failOnExit(diff, options.failOn, io);
  } catch (error) {
    return report(error, io, debug);
  }
}

interface DiffOptions {
  readonly oldFile: string;
  readonly newFile: string;
  readonly format: DiffFormat;
  readonly failOn?: FailOn;
  readonly overlays: readonly string[];
  /** Compare two generated packages instead of two specs. */
  readonly api: boolean;
  /** The config file whose `packageVersion` to set. */
  readonly writeVersion?: string;
}

/** The flags of `sdkgen diff`, as parseFlags reads them (exported for the --help test). */
export const DIFF_FLAGS = {
  format: { type: 'string', value: 'format', default: 'text' },
  'fail-on': { type: 'string', value: 'level' },
  overlay: { type: 'string', value: 'file', isRepeatable: true },
  api: { type: 'boolean' },
  'write-version': { type: 'string', value: 'config' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseOptions(args: readonly string[]): DiffOptions | 'help' {
  const { values, positionals } = parseFlags(args, DIFF_FLAGS, 'sdkgen diff --help');
  if (values.help) return 'help';
  const format = values.format;
  if (!isOneOf(format, DIFF_FORMATS)) throw new UsageError(`Unknown --format "${format}": use text, markdown or json.`);
  const failOn = values['fail-on'];
  if (failOn !== undefined && !isOneOf(failOn, Object.keys(FAIL_ON) as FailOn[]))
    throw new UsageError(`Unknown --fail-on "${failOn}": use breaking, feature or any.`);
  if (positionals.length !== 2) {
    const problem =
      positionals.length < 2 ? `Expected two ${values.api ? 'packages' : 'specs'}` : `Unexpected argument "${positionals[2]}"`;
    const usage = values.api ? 'sdkgen diff --api <old-package> <new-package>' : 'sdkgen diff <old-spec> <new-spec>';
    throw new UsageError(`${problem}: ${usage} [--format text|markdown|json] [--fail-on breaking|feature|any] [--write-version <config>].`);
  }
  if (values.api && values.overlay.length > 0)
    throw new UsageError(
      '--overlay applies to specs, and --api compares two generated packages: generate each package with its overlays, then compare the packages.',
    );
  const writeVersion = values['write-version'];
  return {
    oldFile: positionals[0]!,
    newFile: positionals[1]!,
    format,
    api: values.api,
    overlays: values.overlay,
    ...(failOn !== undefined ? { failOn } : {}),
    ...(writeVersion !== undefined ? { writeVersion } : {}),
  };
}

function failOnExit(diff: DiffReport, failOn: FailOn | undefined, io: DiffCommandIo): number {
  if (failOn === undefined) return 0;
  const levels: readonly ChangeSeverity[] = FAIL_ON[failOn];
  const count = diff.changes.filter((change) => levels.includes(change.severity)).length;
  if (count === 0) return 0;
  const what = failOn === 'any' ? 'change' : failOn === 'feature' ? 'breaking or feature change' : 'breaking change';
  io.stderr(`sdkgen diff: ${count} ${what}${count === 1 ? '' : 's'} found (--fail-on ${failOn}).\n`);
  return 1;
}

function report(error: unknown, io: DiffCommandIo, debug: boolean): number {
  if (error instanceof SpecError) {
    for (const diagnostic of error.diagnostics)
      io.stderr(`${renderDiagnostic(diagnostic, { sources: error.sources, color: io.color })}\n\n`);
    io.stderr(`sdkgen diff: ${error.message}; nothing was compared.\n`);
    return 1;
  }
  if (error instanceof UsageError) {
    io.stderr(`sdkgen diff: ${error.message}\n`);
    return 2;
  }
  const internal = error instanceof InternalError ? error : new InternalError(String((error as Error)?.message ?? error), { cause: error });
  io.stderr(
    `sdkgen diff: internal error: ${internal.message}\nThis is a bug in sdkgen, not in your spec.${debug ? '' : ' Run again with --debug for the stack trace.'}\n`,
  );
  if (debug) io.stderr(`${String((internal.cause as Error | undefined)?.stack ?? internal.stack)}\n`);
  return 2;
}

function isOneOf<T extends string>(value: string, options: readonly T[]): value is T {
  return (options as readonly string[]).includes(value);
}
