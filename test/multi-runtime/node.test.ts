// Node.js: the packed tarball, installed into a fresh consumer project, imported by its bare
// name as ESM (import) and as CommonJS (require), on the machine's Node and on Node 22 and 24.
import { describe, expect, it } from 'vitest';
import { startApiServer } from './support/api-server.js';
import { expectScenarioPassed, parseResult } from './support/expectations.js';
import { builtPackage } from './support/package-build.js';
import { describeProcess, requireRuntime, runProcess, RUNTIMES } from './support/runtimes.js';

const NODES = [
  { ...RUNTIMES.node, major: process.versions.node.split('.')[0] },
  { ...RUNTIMES.node22, major: '22' },
  { ...RUNTIMES.node24, major: '24' },
];
const FORMATS = [
  { format: 'ESM', runner: 'run-esm.mjs', dist: '/dist/esm/' },
  { format: 'CJS', runner: 'run-cjs.cjs', dist: '/dist/cjs/' },
] as const;

for (const node of NODES) {
  describe(node.name, () => {
    for (const { format, runner, dist } of FORMATS) {
      it(`runs the scenario with the package loaded as ${format}`, async (context) => {
        const executable = requireRuntime(context, node);
        const built = await builtPackage();
        const server = await startApiServer();
        try {
          const run = await runProcess(executable, [runner, server.url], { cwd: built.consumerDir, timeoutMs: 30_000 });
          expect(run.code, describeProcess(run)).toBe(0);
          const result = parseResult(run.stdout);
          expectScenarioPassed(result, server, 'node');
          expect(result?.environment.version.split('.')[0]).toBe(node.major);
          // The exports map sent each format to its own build.
          expect(result?.resolved).toEqual({
            client: expect.stringContaining(`${dist}index.js`),
            validators: expect.stringContaining(`${dist}validators.js`),
          });
        } finally {
          await server.close();
        }
      }, 120_000);
    }
  });
}
