// TypeScript consumers: fixtures/ts/consumer.ts, importing the installed tarball, type-checks
// with `strict` (plus exactOptionalPropertyTypes and noUncheckedIndexedAccess) and
// skipLibCheck off, so the package's own .d.ts files are checked by each compiler too
// (skipDefaultLibCheck on: TypeScript's own lib.*.d.ts are not ours, and checking them took 90% of the time):
//   - node16: as consumer.mts (the `import` condition, dist/esm) and consumer.cts (`require`, dist/cjs)
//     (dist/esm's declarations re-export dist/cjs's, so every configuration reads those)
//   - bundler: as consumer.ts (dist/esm)
//   - node16 without the DOM lib, with @types/node: a Node server project's usual setup
// Supported range: TypeScript 5.0 (the oldest: the declarations use `export type *`, and
// moduleResolution bundler arrived in 5.0) through 7.0, the newest release (the native
// compiler, which is what `npm install typescript` gives today). Both ends are checked; the
// compilers are installed in test/runtimes as ts-oldest and ts-newest.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtPackage, REPO_ROOT } from './support/package-build.js';
import { describeProcess, requireRuntime, runProcess, typescriptCompiler } from './support/runtimes.js';

const COMPILERS = [
  { label: 'oldest supported (5.0.4)', alias: 'ts-oldest', version: '5.0.' },
  { label: 'newest (7.0.2, native)', alias: 'ts-newest', version: '7.0.' },
] as const;

const CONFIGS = [
  { name: 'node16', project: 'tsconfig.node16.json', formats: ['esm', 'cjs'] },
  { name: 'bundler', project: 'tsconfig.bundler.json', formats: ['esm'] },
  { name: 'node16 with @types/node and no DOM lib', project: 'tsconfig.node-types.json', formats: ['esm', 'cjs'] },
] as const;

/** A scratch folder inside the consumer project (so that `chatkit-client` resolves from its node_modules). */
async function checkFolder(): Promise<{ dir: string; dispose: () => void }> {
  const built = await builtPackage();
  const dir = mkdtempSync(join(built.consumerDir, '.ts-check-'));
  cpSync(join(built.consumerDir, 'ts'), dir, { recursive: true });
  cpSync(join(dir, 'consumer.ts'), join(dir, 'consumer.mts'));
  cpSync(join(dir, 'consumer.ts'), join(dir, 'consumer.cts'));
  // Written here because typeRoots needs this checkout's @types (from the root devDependencies).
  writeFileSync(
    join(dir, 'tsconfig.node-types.json'),
    JSON.stringify({
      extends: './tsconfig.node16.json',
      compilerOptions: { lib: ['es2022'], types: ['node'], typeRoots: [join(REPO_ROOT, 'node_modules/@types')] },
    }),
  );
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

for (const compiler of COMPILERS) {
  describe(`TypeScript ${compiler.label}`, () => {
    for (const config of CONFIGS) {
      it(`type-checks a consumer under moduleResolution ${config.name}`, async (context) => {
        const tsc = requireRuntime(context, typescriptCompiler(compiler.alias));
        const { dir, dispose } = await checkFolder();
        try {
          // the compiler this alias installed (its package.json; a `tsc --version` process costs as much as a check)
          const { version } = JSON.parse(readFileSync(join(dirname(tsc), '..', 'package.json'), 'utf8')) as { version: string };
          expect(version.startsWith(compiler.version), version).toBe(true);
          const run = await runProcess(process.execPath, [tsc, '-p', config.project, '--listFiles'], { cwd: dir, timeoutMs: 90_000 });
          expect(
            run.stdout.split('\n').filter((line) => line.includes('error TS')),
            describeProcess(run),
          ).toEqual([]);
          expect(run.code, describeProcess(run)).toBe(0);
          // Each module kind came in through its own entry points (dist/esm's declarations are
          // one-line re-exports of dist/cjs's, so those are read by every configuration).
          for (const format of config.formats) {
            for (const entry of ['index', 'requests', 'validators']) {
              const file = `/node_modules/chatkit-client/dist/${format}/${entry}.d.ts`;
              expect(run.stdout.includes(file), `${file} not checked`).toBe(true);
            }
          }
          for (const entry of ['types', 'client', 'internal/runtime', 'internal/validation']) {
            const file = `/node_modules/chatkit-client/dist/cjs/${entry}.d.ts`;
            expect(run.stdout.includes(file), `${file} not checked`).toBe(true);
          }
        } finally {
          dispose();
        }
      }, 120_000);
    }
  });
}
