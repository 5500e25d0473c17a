// Bun: the package imported by its bare name from the consumer project's node_modules, as ESM
// (import) and as CommonJS (require).
import { describe, expect, it } from 'vitest';
import { startApiServer } from './support/api-server.js';
import { expectScenarioPassed, parseResult } from './support/expectations.js';
import { builtPackage } from './support/package-build.js';
import { describeProcess, requireRuntime, runProcess, RUNTIMES } from './support/runtimes.js';

const FORMATS = [
  { format: 'ESM', runner: 'run-esm.mjs', dist: '/dist/esm/' },
  { format: 'CJS', runner: 'run-cjs.cjs', dist: '/dist/cjs/' },
] as const;

describe('bun', () => {
  for (const { format, runner, dist } of FORMATS) {
    it(`runs the scenario with the package loaded as ${format}`, async (context) => {
      const bun = requireRuntime(context, RUNTIMES.bun);
      const built = await builtPackage();
      const server = await startApiServer();
      try {
        const run = await runProcess(bun, [runner, server.url], { cwd: built.consumerDir, timeoutMs: 30_000 });
        expect(run.code, describeProcess(run)).toBe(0);
        const result = parseResult(run.stdout);
        expectScenarioPassed(result, server, 'bun');
        expect(result?.resolved?.client).toContain(`${dist}index.js`);
        expect(result?.resolved?.validators).toContain(`${dist}validators.js`);
      } finally {
        await server.close();
      }
    }, 120_000);
  }
});
