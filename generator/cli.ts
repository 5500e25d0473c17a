// argv -> options -> pipeline. Exit codes: 0 success, 1 a problem in the spec or a stale
// output under --check, 2 a usage error or a bug in sdkgen. Stacks only with --debug.
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { InternalError, SpecError, UsageError, type Diagnostic } from './diagnostics/diagnostic.js';
import { renderDiagnostic } from './diagnostics/render.js';
import { generate, type Stage } from './pipeline.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_SPEC = 'spec/chatkit-sessions.yaml';
const DEFAULT_OUT = 'generated';

export const HELP = `sdkgen: generate a typed, validated, dependency-free TypeScript client from an OpenAPI spec.

Usage:
  sdkgen generate [options]

Options:
  --spec <file>          the OpenAPI 3.0/3.1 spec, YAML or JSON (default: ${DEFAULT_SPEC})
  --out <dir>            the output folder, replaced atomically (default: ${DEFAULT_OUT})
  --check                write nothing; exit 1 and list every file that would be created,
                         changed or deleted when the output folder is not current
  --templates <dir>      a folder of templates that replace the built-in ones by file name
  --package-name <name>  the npm package name (default: info.x-sdk.packageName)
  --client-name <name>   the client class name (default: info.x-sdk.clientName)
  --quiet                print only errors
  --debug                show stack traces for internal errors
  -h, --help             show this help

Exit codes: 0 success; 1 the spec has errors, or --check found differences; 2 bad usage or an
internal error.`;

interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly color: boolean;
  readonly cwd: string;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        spec: { type: 'string' },
        out: { type: 'string' },
        check: { type: 'boolean', default: false },
        templates: { type: 'string' },
        'package-name': { type: 'string' },
        'client-name': { type: 'string' },
        quiet: { type: 'boolean', default: false },
        debug: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    debug = values.debug;
    if (values.help) {
      io.stdout(HELP + '\n');
      return 0;
    }
    const [command = 'generate', ...extra] = positionals;
    if (command !== 'generate') throw new UsageError(`Unknown command "${command}". Run \`sdkgen --help\` for the commands.`);
    if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}". Pass the spec with --spec <file>.`);
    const spec = values.spec ?? relative(io.cwd, resolve(REPO_ROOT, DEFAULT_SPEC));
    const out = values.out ?? relative(io.cwd, resolve(REPO_ROOT, DEFAULT_OUT));
    const started = performance.now();
    const result = await generate({
      spec,
      out,
      check: values.check,
      ...(values.templates !== undefined ? { templates: values.templates } : {}),
      ...(values['package-name'] !== undefined ? { packageName: values['package-name'] } : {}),
      ...(values['client-name'] !== undefined ? { clientName: values['client-name'] } : {}),
      onStage: (_stage: Stage) => {},
    });
    if (!values.quiet) printWarnings(result.warnings, io, new Map());
    const difference = result.difference;
    const elapsed = `${Math.round(performance.now() - started)} ms`;
    if (values.check) {
      const problems = difference ? [...difference.created.map((p) => `  created: ${p}`), ...difference.changed.map((p) => `  changed: ${p}`), ...difference.deleted.map((p) => `  deleted: ${p}`)] : [];
      if (problems.length > 0) {
        io.stderr(`${out} is not current with ${spec}; \`npm run generate\` would change ${problems.length} file${problems.length === 1 ? '' : 's'}:\n${problems.join('\n')}\n`);
        return 1;
      }
      if (!values.quiet) io.stdout(`${out} is current with ${spec} (${result.files.length} files, ${elapsed}).\n`);
      return 0;
    }
    if (!values.quiet && difference) {
      const changed = difference.created.length + difference.changed.length;
      io.stdout(
        `sdkgen: ${changed} file${changed === 1 ? '' : 's'} written, ${difference.unchanged.length} unchanged, ${difference.deleted.length} deleted; ${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'}; ${elapsed} (${out})\n`,
      );
    }
    return 0;
  } catch (error) {
    return report(error, io, debug);
  }
}

function printWarnings(warnings: readonly Diagnostic[], io: Io, sources: ReadonlyMap<string, string>): void {
  for (const warning of warnings.filter((w) => w.severity === 'warning')) io.stderr(renderDiagnostic(warning, { sources, color: io.color }) + '\n\n');
}

function report(error: unknown, io: Io, debug: boolean): number {
  if (error instanceof SpecError) {
    for (const diagnostic of error.diagnostics) io.stderr(renderDiagnostic(diagnostic, { sources: error.sources, color: io.color }) + '\n\n');
    io.stderr(`sdkgen: ${error.message}; nothing was written.\n`);
    return 1;
  }
  if (error instanceof UsageError) {
    io.stderr(`sdkgen: ${error.message}\n`);
    return 2;
  }
  const fsError = error as NodeJS.ErrnoException;
  if (typeof fsError?.syscall === 'string') {
    io.stderr(`sdkgen: cannot ${fsError.syscall} ${fsError.path ?? ''}: ${fsError.code ?? fsError.message}. Nothing was changed.\n`);
    return 2;
  }
  const internal = error instanceof InternalError ? error : new InternalError(String((error as Error)?.message ?? error), { cause: error });
  io.stderr(`sdkgen: internal error: ${internal.message}\nThis is a bug in sdkgen, not in your spec. Nothing was written.${debug ? '' : ' Run again with --debug for the stack trace.'}\n`);
  if (debug) io.stderr(`${String((internal.cause as Error | undefined)?.stack ?? internal.stack)}\n`);
  return 2;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const color = Boolean(process.stderr.isTTY) && !('NO_COLOR' in process.env);
  main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    color,
    cwd: process.cwd(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`sdkgen: internal error: ${String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
