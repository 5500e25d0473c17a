// What a generation run loads (README "Generation is fast because…"): no TypeScript compiler,
// no openapi-typescript and no ts-morph (module hooks refuse them), and with SDKGEN_THREADS=0
// no worker thread (the Worker constructor throws). A run without it starts prettier's thread
// on a machine with two cores or more: the check that the hook sees threads at all, and an
// internal error as users see it: with its stack trace only with --debug.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const HOOK = `import { register, syncBuiltinESMExports } from 'node:module';
import workerThreads from 'node:worker_threads';
const refused = ${JSON.stringify(['typescript', 'openapi-typescript', 'ts-morph'])};
register('data:text/javascript,' + encodeURIComponent(\`export async function resolve(specifier, context, next) {
  if (\${JSON.stringify(refused)}.includes(specifier)) throw new Error('loaded ' + specifier);
  return next(specifier, context);
}\`));
workerThreads.Worker = class {
  constructor() {
    throw new Error('a worker thread was started');
  }
};
syncBuiltinESMExports();
`;

describe('a generation run', () => {
  it('loads no TypeScript compiler, openapi-typescript or ts-morph, and with SDKGEN_THREADS=0 starts no thread', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sdkgen-run-time-'));
    const hook = join(dir, 'hook.mjs');
    await writeFile(hook, HOOK);
    const generate = (out: string, env: NodeJS.ProcessEnv, ...flags: string[]) =>
      promisify(execFile)(
        process.execPath,
        [
          '--import',
          'tsx',
          '--import',
          hook,
          'generator/bin.ts',
          'generate',
          '--spec',
          'spec/chatkit-sessions.yaml',
          '--out',
          join(dir, out),
          '--quiet',
          ...flags,
        ],
        { env: { ...process.env, ...env } },
      ).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
      );
    const threads = availableParallelism() >= 2;
    const [single, threaded, debugged] = await Promise.all([
      generate('single', { SDKGEN_THREADS: '0' }),
      threads ? generate('threaded', { SDKGEN_THREADS: undefined }) : undefined,
      threads ? generate('debugged', { SDKGEN_THREADS: undefined }, '--debug') : undefined,
    ]);
    expect(single).toEqual({ code: 0, stdout: '', stderr: '' });
    if (threaded !== undefined) {
      expect(threaded.code).toBe(2);
      expect(threaded.stderr).toContain('internal error: a worker thread was started');
      // an internal error without --debug: what it is and how to see more, no stack trace
      expect(threaded.stderr).toContain(
        'This is a bug in sdkgen, not in your spec. Nothing was written. Run again with --debug for the stack trace.',
      );
      expect(threaded.stderr).not.toMatch(/^\s+at /m);
    }
    if (debugged !== undefined) {
      // the same internal error with --debug: the stack trace of the error thrown, and no pointer to --debug
      expect(debugged.code).toBe(2);
      expect(debugged.stderr).toContain('internal error: a worker thread was started');
      expect(debugged.stderr).toContain(
        'This is a bug in sdkgen, not in your spec. Nothing was written.\nError: a worker thread was started\n',
      );
      expect(debugged.stderr).toMatch(/^\s+at .*hook\.mjs:\d+:\d+/m);
      expect(debugged.stderr).toMatch(/^\s+at .*generator[\\/]pipeline\.ts:\d+:\d+/m);
      expect(debugged.stderr).not.toContain('Run again with --debug');
    }
  });
});
