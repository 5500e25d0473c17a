// Node.js: the packed tarball, installed into a fresh consumer project, imported by its bare
// name as ESM (import) and as CommonJS (require), on the machine's Node and on Node 22 and 24;
// and the README's "needs Node.js 20.19 or newer and is tested on Node 20, 22 and 24" is what
// package.json, this suite's Node and these Nodes are.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startApiServer } from './support/api-server.js';
import { expectScenarioPassed, parseResult } from './support/expectations.js';
import { builtPackage, REPO_ROOT } from './support/package-build.js';
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

describe("the README's Node versions", () => {
  it("are sdkgen's engines, the Node this suite runs on and the Nodes above; the generated package starts at the same major", () => {
    const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
    const claim = /needs Node\.js (\d+)\.(\d+) or newer and is tested on Node (\d+(?:, \d+)*) and (\d+)\./.exec(
      read('README.md').replace(/\s+/g, ' '),
    );
    expect(claim, "the README's sentence on Node versions").not.toBeNull();
    const [, major, minor, listed, last] = claim!;
    const tested = [...listed!.split(', '), last!];
    // the minimum is sdkgen's engines, and the oldest major tested is that minimum's
    expect((JSON.parse(read('package.json')) as { engines: unknown }).engines).toEqual({ node: `>=${major}.${minor}` });
    expect(tested[0]).toBe(major);
    // this suite, which runs sdkgen in its workers, runs on a Node that engines allows and the
    // README lists; in CI (.ci/run) on the oldest
    const [ownMajor, ownMinor] = process.versions.node.split('.').map(Number) as [number, number];
    expect(ownMajor > Number(major) || (ownMajor === Number(major) && ownMinor >= Number(minor)), process.versions.node).toBe(true);
    expect(tested).toContain(String(ownMajor));
    if (process.env['CI']) expect(String(ownMajor)).toBe(tested[0]);
    // the others are the Nodes of test/runtimes that the scenarios above run (and check the
    // version each reports), pinned and installed at those majors
    expect(NODES.slice(1).map((node) => node.major)).toEqual(tested.slice(1));
    const runtimes = JSON.parse(read('test/runtimes/package.json')) as { devDependencies: Record<string, string> };
    for (const other of tested.slice(1)) {
      expect(runtimes.devDependencies[`node${other}`]).toMatch(new RegExp(`^npm:node@${other}\\.\\d+\\.\\d+$`));
      expect((JSON.parse(read(`test/runtimes/node_modules/node${other}/package.json`)) as { version: string }).version).toMatch(
        new RegExp(`^${other}\\.`),
      );
    }
    // the generated package (generated/, what the scenarios run) says the same major in its engines and README
    expect((JSON.parse(read('generated/package.json')) as { engines: unknown }).engines).toEqual({ node: `>=${major}` });
    expect(read('generated/README.md')).toContain(`runs unchanged in Node.js ${major}+,`);
  });
});
