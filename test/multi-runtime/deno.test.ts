// Deno: the built ESM, imported by its bare name from the consumer project's node_modules
// (Deno resolves package.json projects from node_modules with --node-modules-dir=manual), with
// no permission beyond connecting to 127.0.0.1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startApiServer } from './support/api-server.js';
import { expectScenarioPassed, parseResult } from './support/expectations.js';
import { builtPackage } from './support/package-build.js';
import { childEnv, describeProcess, requireRuntime, runProcess, RUNTIMES } from './support/runtimes.js';

it('deno runs the scenario with the package loaded as ESM', async (context) => {
  const deno = requireRuntime(context, RUNTIMES.deno);
  const built = await builtPackage();
  const server = await startApiServer();
  // A private DENO_DIR: nothing read from or left in the user's cache.
  const denoDir = mkdtempSync(join(tmpdir(), 'sdkgen-deno-'));
  try {
    const run = await runProcess(
      deno,
      ['run', '--allow-net=127.0.0.1', '--no-prompt', '--no-lock', '--node-modules-dir=manual', 'run-esm.mjs', server.url],
      { cwd: built.consumerDir, timeoutMs: 30_000, env: childEnv({ DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: '1' }) },
    );
    expect(run.code, describeProcess(run)).toBe(0);
    const result = parseResult(run.stdout);
    expectScenarioPassed(result, server, 'deno');
    expect(result?.resolved).toEqual({
      client: expect.stringMatching(/\/node_modules\/chatkit-client\/dist\/esm\/index\.js$/),
      validators: expect.stringMatching(/\/node_modules\/chatkit-client\/dist\/esm\/validators\.js$/),
    });
  } finally {
    await server.close();
    rmSync(denoDir, { recursive: true, force: true });
  }
}, 120_000);
