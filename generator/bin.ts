// The `sdkgen` executable (bundled as dist/sdkgen.mjs, package.json's `bin`). It always runs:
// through node_modules/.bin (a symlink), npx or a global install, `process.argv[1]` is not this
// file's path, so a "run only when main" check here would silently do nothing.
import { setFlagsFromString } from 'node:v8';
import { main } from './cli.js';
import { exposedCollection, v8Flags } from './v8-flags.js';

const args = process.argv.slice(2);
// before any of the run's functions get hot (module evaluation ran each top-level once) and
// before its heap grows
for (const flag of v8Flags(process.execArgv, process.versions.v8, args)) setFlagsFromString(flag);
// a --watch session collects each run's garbage while it waits for the next save (v8-flags.ts)
const isWatch = args.includes('--watch');
if (isWatch) setFlagsFromString('--expose-gc');
const collectGarbage = isWatch ? exposedCollection() : undefined;

// `sdkgen --help | head -1` closes stdout early: that is not an error worth a stack trace
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
main(args, {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  color: Boolean(process.stderr.isTTY) && !('NO_COLOR' in process.env),
  cwd: process.cwd(),
  isTerminal: Boolean(process.stderr.isTTY),
  signal: controller.signal,
  ...(collectGarbage !== undefined ? { collectGarbage } : {}),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`sdkgen: internal error: ${String(error)}\n`);
    process.exitCode = 2;
  },
);
