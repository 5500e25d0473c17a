// The real-spec corpus: every published spec in shared/specs/real/ (nobody wrote them for
// sdkgen) must generate unmodified through the built bin, as a user runs it, and the package it
// writes must type-check under the package's own strict tsconfig. Run by `npm run test:heavy`
// (a second script, after `npm test`, in .ci/run); prints a table of spec, operations, time,
// warnings and result.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, corpusSpecs } from '../support/corpus.js';
import { overrideSideEffectsClaim } from '../support/side-effects.js';

const REPO = resolve(import.meta.dirname, '..', '..');
const BIN = join(REPO, JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).bin.sdkgen as string);
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
const PARALLEL = 2;

interface Outcome {
  readonly spec: string;
  readonly code: number;
  readonly output: string;
  readonly seconds: number;
  readonly warnings: number;
  readonly operations: number;
  readonly out: string;
  typeErrors: string[];
}

const SPECS = corpusSpecs();
const outcomes = new Map<string, Outcome>();
let work: string;

async function generateOne(spec: string): Promise<Outcome> {
  const out = join(work, spec.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/\.(ya?ml|json)$/, ''));
  const started = performance.now();
  const run = await promisify(execFile)(process.execPath, [BIN, 'generate', '--spec', join(CORPUS, spec), '--out', out, '--json'], {
    cwd: work,
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    (result) => ({ code: 0, stdout: result.stdout, stderr: result.stderr }),
    (error: { code?: number; stdout: string; stderr: string }) => ({
      code: typeof error.code === 'number' ? error.code : -1,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  let warnings = 0;
  for (const line of run.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const report = JSON.parse(line) as { warnings?: unknown[] };
    warnings += report.warnings?.length ?? 0;
  }
  // one exported function per operation (the client's methods call them)
  const functions = existsSync(join(out, 'src', 'operations.ts')) ? readFileSync(join(out, 'src', 'operations.ts'), 'utf8') : '';
  const operations = new Set([...functions.matchAll(/^export function (\w+)/gm)].map((match) => match[1])).size;
  return { spec, code: run.code, output: `${run.stdout}${run.stderr}`, seconds, warnings, operations, out, typeErrors: [] };
}

/** One tsc program over every generated package, with the compiler options of the packages' own tsconfig. */
async function typeCheckAll(generated: readonly Outcome[]): Promise<void> {
  if (generated.length === 0) return;
  const own = JSON.parse(readFileSync(join(generated[0]!.out, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
  // `declaration` stays: with isolatedDeclarations it makes tsc report what the package build
  // (which emits each file's .d.ts on its own) could not declare
  const { rootDir: _rootDir, outDir: _outDir, ...compilerOptions } = own.compilerOptions;
  for (const outcome of generated) {
    const theirs = JSON.parse(readFileSync(join(outcome.out, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
    expect(theirs.compilerOptions, `${outcome.spec}: every package has the same compiler options`).toEqual(own.compilerOptions);
  }
  const project = join(work, 'tsconfig.all.json');
  writeFileSync(
    project,
    JSON.stringify({
      compilerOptions: { ...compilerOptions, noEmit: true },
      include: generated.map((o) => `${relative(work, o.out)}/src`),
    }),
  );
  const output = await promisify(execFile)(process.execPath, [TSC, '-p', project], { cwd: work, maxBuffer: 64 * 1024 * 1024 }).then(
    () => '',
    (error: { stdout: string; stderr: string }) => `${error.stdout}${error.stderr}`,
  );
  for (const line of output.split('\n')) {
    const owner = generated.find((o) => line.startsWith(`${relative(work, o.out)}/`));
    if (owner) owner.typeErrors.push(line);
    else if (line.trim() !== '' && /error TS/.test(line)) throw new Error(`tsc: ${line}`);
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'sdkgen-corpus-'));
  const queue = [...SPECS];
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      for (let spec = queue.shift(); spec !== undefined; spec = queue.shift()) outcomes.set(spec, await generateOne(spec));
    }),
  );
  await typeCheckAll([...outcomes.values()].filter((o) => o.code === 0));
}, 30 * 60_000);

afterAll(() => {
  const rows = [...outcomes.values()].map((o) => [
    o.spec,
    String(o.operations),
    o.seconds.toFixed(2),
    String(o.warnings),
    o.code !== 0 ? `refused (exit ${o.code})` : o.typeErrors.length > 0 ? `tsc: ${o.typeErrors.length} errors` : 'ok',
  ]);
  const header = ['spec', 'ops', 'time (s)', 'warnings', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  const passed = rows.filter((r) => r[4] === 'ok').length;
  const total = [...outcomes.values()].reduce((sum, o) => sum + o.seconds, 0);
  console.log(
    [line(header), ...rows.map(line), `${passed}/${rows.length} generate and type-check; generation ${total.toFixed(1)} s in all`].join(
      '\n',
    ),
  );
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('real specs, unmodified', () => {
  it('the corpus is there, as many specs as the README says', () => {
    expect(SPECS.length, `no specs under ${relative(REPO, CORPUS)}`).toBeGreaterThan(0);
    // the README: "the 57 real specs", "the 57 of `../shared/specs/real/`", "(57 specs nobody wrote for sdkgen"
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    const stated = [/the (\d+) real specs/, /the (\d+) of `\.\.\/shared\/specs\/real\/`/, /\((\d+) specs nobody wrote for sdkgen/].map(
      (count) => Number(count.exec(readme)?.[1]),
    );
    expect(stated, "the README's counts of the corpus").toEqual([SPECS.length, SPECS.length, SPECS.length]);
  });
  it.each(SPECS)('%s generates and type-checks', (spec) => {
    const outcome = outcomes.get(spec)!;
    expect(outcome.code, outcome.output).toBe(0);
    expect(outcome.typeErrors.join('\n')).toBe('');
  });
  // `sideEffects: false` true in fact, and what one call needs is all a bundle gets, on every
  // spec: the package's modules imported for nothing bundle to nothing with the claim overridden
  // (no module acts when it is loaded), and each of the first three operation functions brings no
  // other operation's function. Bundled by esbuild from the sources, unminified, so the functions
  // keep their names.
  it.each(SPECS)('%s tree-shakes: an unused import leaves nothing, one operation brings no other', async (spec) => {
    const outcome = outcomes.get(spec)!;
    if (outcome.code !== 0) return; // reported by the test above
    const src = join(outcome.out, 'src');
    const bundle = async (contents: string) =>
      (
        await build({
          stdin: { contents, resolveDir: src, loader: 'ts' },
          bundle: true,
          write: false,
          format: 'esm',
          logLevel: 'silent',
          // each module judged by its code alone, not by the package's sideEffects claim
          plugins: [overrideSideEffectsClaim()],
        })
      ).outputFiles[0]!.text;
    const unused = await bundle("import './index.ts';\nimport './validators.ts';\nimport './requests.ts';");
    expect(unused.replace(/^\s*\/\/.*$/gm, '').trim(), `${spec}: modules that act when loaded`).toBe('');
    const names = [...readFileSync(join(src, 'operations.ts'), 'utf8').matchAll(/^export function (\w+)/gm)].map((match) => match[1]!);
    expect(names.length).toBe(outcome.operations);
    for (const name of names.slice(0, 3)) {
      const one = await bundle(`export { ${name} } from './operations.ts';`);
      expect(one, `${spec}: ${name} is in its own bundle`).toMatch(new RegExp(`function ${name}\\(`));
      const others = names.filter((other) => other !== name && new RegExp(`function ${other}\\(`).test(one));
      expect(others, `${spec}: operations bundled with ${name}`).toEqual([]);
    }
  });
});
