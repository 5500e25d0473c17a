// The generated package's own build (issue "Generated package weight"): how long `node build.mjs`
// takes and how big dist/ is, for the ChatKit package and for the whole OpenAI spec's package.
// The anchor, measured in the same run on a copy of the same sources, is the build it replaced:
// `tsc -p` of each tsconfig (two type-checking compiles; tsconfig.json's without declarations,
// which dist/cjs holds for both). Both packages
// are generated fresh by the built CLI (dist/sdkgen.mjs, as `npm run generate` writes
// generated/), so the numbers are those of the current templates and emitters. Every build is a
// whole process, timed from spawn to exit, with its CPU time and peak RSS where GNU time is
// there; ChatKit takes the median of interleaved rounds, OpenAI one round (its anchor takes
// minutes). The anchor compiles the sources the build compiles (the runtime core merged into two
// modules by build.mjs's own mergedRuntime, written to its copy), and the new dist/ must hold
// exactly the files that the anchor writes, indented with
// tabs where tsc writes four spaces, and without the JavaScript's doc comments (which the
// declarations keep: the JavaScript is compared as its code and its other comments), and
// dist/esm's one-line declarations that point to dist/cjs's.
// Then what importing the built package costs a fresh process (median of interleaved processes):
// its client (dist/esm/index.js) and its validators, beside three anchors: the official `openai`
// package; the client bundled into one module by esbuild without tree-shaking (what the
// package's number of modules costs); and the same validators.js with one character past ASCII
// in a trailing comment (what a module that is not ASCII costs: the generated JavaScript is ASCII).
// Each client must import faster than the official SDK in the same turns (a target).
// The OpenAI spec is ../shared/specs/openai-openapi.yaml beside the repo; without it those rows
// are skipped. Exit code 1 when a target is missed.
// Run: npm run bench:build [-- --only=chatkit,openai] [-- --quick] [-- --keep]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import ts from 'typescript';
import { mergeOfPackage } from '../test/support/runtime-merge.js';
import { codeAndComments, tabbed } from '../test/support/tsc-output.js';
import { running } from './process-groups.js';
import { median } from './stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const GNU_TIME = '/usr/bin/time';
const HAS_GNU_TIME = existsSync(GNU_TIME);
const MB = 1_000_000;

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const KEEP = args.includes('--keep');
const only = args
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');

interface PackageCase {
  readonly name: string;
  readonly spec: string;
  readonly rounds: number;
  /** The new build's wall time must stay under this. */
  readonly buildSeconds: number;
  /** dist/ must stay under this many bytes, when set. */
  readonly distBytes?: number;
}

const CASES: readonly PackageCase[] = [
  { name: 'chatkit', spec: join(ROOT, 'spec/chatkit-sessions.yaml'), rounds: QUICK ? 1 : 3, buildSeconds: 5 },
  { name: 'openai', spec: resolve(ROOT, '../shared/specs/openai-openapi.yaml'), rounds: 1, buildSeconds: 30, distBytes: 8 * MB },
].filter((entry) => only === undefined || only.includes(entry.name));

// --- processes -----------------------------------------------------------------------------------

interface Run {
  readonly ms: number;
  /** User + system CPU time (GNU time): steadier than wall time on a busy machine. */
  readonly cpuMs: number | undefined;
  readonly peakMiB: number | undefined;
}

/** Runs `node <args>` in `cwd` to its end, timed from spawn to exit; throws on failure. */
function timedNode(what: string, nodeArgs: readonly string[], cwd: string): Promise<Run> {
  const memoryFile = join(scratch('time'), `${process.hrtime.bigint()}.txt`);
  const [file, fileArgs] = HAS_GNU_TIME
    ? [GNU_TIME, ['-f', '%M %U %S', '-o', memoryFile, process.execPath, ...nodeArgs]]
    : [process.execPath, [...nodeArgs]];
  return new Promise((done, fail) => {
    const started = performance.now();
    // its own process group, so that an interrupted bench stops GNU time and what it runs
    const child = spawn(file, fileArgs, { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    const collect = (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-20_000));
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    if (child.pid !== undefined) running.add(child.pid);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (child.pid !== undefined) running.delete(child.pid);
      if (code !== 0) return fail(new Error(`${what} failed (exit ${code}):\n${output.slice(-3_000)}`));
      let peakMiB: number | undefined;
      let cpuMs: number | undefined;
      if (HAS_GNU_TIME && existsSync(memoryFile)) {
        const [kib = Number.NaN, user = Number.NaN, system = Number.NaN] = (
          readFileSync(memoryFile, 'utf8').trim().split('\n').at(-1) ?? ''
        )
          .split(' ')
          .map(Number);
        if (Number.isFinite(kib) && kib > 0) peakMiB = kib / 1024;
        if (Number.isFinite(user) && Number.isFinite(system)) cpuMs = (user + system) * 1000;
      }
      done({ ms, cpuMs, peakMiB });
    });
  });
}

let scratchRoot: string | undefined;
function scratch(name: string): string {
  scratchRoot ??= mkdtempSync(join(tmpdir(), 'sdkgen-bench-build-'));
  const dir = join(scratchRoot, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

// --- the builds --------------------------------------------------------------------------------------

/**
 * Generates the package into `<scratch>/<name>/new` and copies its sources to `.../anchor`, with
 * the runtime core merged there as the build merges it (build.mjs's mergedRuntime): tsc compiles
 * the sources the build compiles, so that the two dist/ folders can be compared file by file.
 */
async function preparePackage(entry: PackageCase): Promise<{ readonly newDir: string; readonly anchorDir: string }> {
  const base = scratch(entry.name);
  const newDir = join(base, 'new');
  const anchorDir = join(base, 'anchor');
  const generated = spawnSync(process.execPath, [join(ROOT, 'dist/sdkgen.mjs'), 'generate', '--spec', entry.spec, '--out', newDir], {
    encoding: 'utf8',
  });
  if (generated.status !== 0) throw new Error(`sdkgen generate ${entry.spec} failed:\n${generated.stderr}`);
  copyTree(newDir, anchorDir);
  await mergeRuntimeSources(anchorDir);
  for (const dir of [newDir, anchorDir]) {
    // The package's build resolves `typescript` from its own node_modules (a devDependency).
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules/typescript'), join(dir, 'node_modules/typescript'), 'dir');
  }
  return { newDir, anchorDir };
}

/** Writes the sources build.mjs compiles in place of `dir`'s: src/internal/*.ts merged, the imports pointed at the result. */
async function mergeRuntimeSources(dir: string): Promise<void> {
  const mergedRuntime = await mergeOfPackage(dir);
  const sources = listFiles(join(dir, 'src')).filter((file) => file.endsWith('.ts'));
  const merged = mergedRuntime(ts, sources, {});
  if (merged === undefined) return;
  for (const file of sources) if (!merged.rootNames.includes(file)) rmSync(file);
  for (const [file, text] of merged.texts) writeFileSync(file, text);
}

function copyTree(from: string, to: string): void {
  for (const file of listFiles(from)) {
    const target = join(to, relative(from, file));
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, readFileSync(file));
  }
}

async function buildNew(dir: string): Promise<Run> {
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  return timedNode('node build.mjs', ['build.mjs'], dir);
}

/** tsconfig.json's emit in build.mjs: the JavaScript, no declarations. */
const JAVASCRIPT = ['--declaration', 'false', '--isolatedDeclarations', 'false'];

/**
 * The same dist/ from the build this one replaced, two type-checking tsc runs: tsconfig.json's
 * JavaScript, tsconfig.cjs.json's JavaScript and declarations, then dist/cjs/package.json (not
 * timed: a file write). dist/esm's one-line declarations are not tsc's: `differences` checks them.
 */
async function buildAnchor(dir: string): Promise<Run> {
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  const runs = [
    await timedNode('tsc -p tsconfig.json (JavaScript)', [TSC, '-p', 'tsconfig.json', ...JAVASCRIPT], dir),
    await timedNode('tsc -p tsconfig.cjs.json', [TSC, '-p', 'tsconfig.cjs.json'], dir),
  ];
  writeFileSync(join(dir, 'dist/cjs/package.json'), '{ "type": "commonjs" }\n');
  const sum = (values: readonly (number | undefined)[]): number | undefined =>
    values.some((value) => value === undefined) ? undefined : values.reduce<number>((total, value) => total + value!, 0);
  const peaks = runs.map((run) => run.peakMiB);
  return {
    ms: runs.reduce((total, run) => total + run.ms, 0),
    cpuMs: sum(runs.map((run) => run.cpuMs)),
    peakMiB: peaks.some((peak) => peak === undefined) ? undefined : Math.max(...(peaks as number[])),
  };
}

// --- dist/ ------------------------------------------------------------------------------------------

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules' && entry.name !== 'dist')
    .flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)]));
}

/** Every file under dist/ by its path relative to dist/ ('/'-separated). */
function distFiles(packageDir: string): Map<string, Buffer> {
  const dist = join(packageDir, 'dist');
  const files = new Map<string, Buffer>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dist, path).split(sep).join('/'), readFileSync(path));
    }
  };
  walk(dist);
  return files;
}

/**
 * Paths that only one side has or whose bytes differ (a declaration file's, with tsc's indented
 * by tabs; a JavaScript file's code or comments other than doc comments); ours may also have
 * dist/esm declarations that tsc did not write, each
 * `export * from '<…>/cjs/<same path>.js'` or a copy of the cjs one.
 */
function differences(ours: Map<string, Buffer>, theirs: Map<string, Buffer>): string[] {
  const linked = (path: string, bytes: Buffer): boolean => {
    if (!path.startsWith('esm/') || !path.endsWith('.d.ts') || theirs.has(path)) return false;
    const name = path.slice('esm/'.length);
    const declarations = theirs.get(`cjs/${name}`);
    if (declarations === undefined) return false;
    const up = '../'.repeat(name.split('/').length);
    const stub = `export * from '${up}cjs/${name.slice(0, -'.d.ts'.length)}.js';\n`;
    return bytes.toString() === tabbed(declarations.toString()) || bytes.toString() === stub;
  };
  const paths = new Set([...ours.keys(), ...theirs.keys()]);
  return [...paths].sort().filter((path) => {
    const a = ours.get(path);
    const b = theirs.get(path);
    if (a !== undefined && b === undefined && linked(path, a)) return false;
    if (a === undefined || b === undefined) return true;
    // the JavaScript leaves out the doc comments that tsc's keeps (the declarations hold them);
    // both are indented with tabs
    if (path.endsWith('.js'))
      return codeAndComments(a.toString(), path, { docs: false }) !== codeAndComments(b.toString(), path, { docs: false });
    if (path.endsWith('.d.ts')) return a.toString() !== tabbed(b.toString());
    return !a.equals(b);
  });
}

const bytesOf = (files: Map<string, Buffer>, keep: (path: string) => boolean = () => true): number =>
  [...files].reduce((total, [path, bytes]) => total + (keep(path) ? bytes.length : 0), 0);
const isValidators = (path: string): boolean => /(^|\/)validators\.(js|d\.ts)$/.test(path);

// --- report -------------------------------------------------------------------------------------------

const log = (text = ''): void => void process.stdout.write(`${text}\n`);
const seconds = (ms: number): string => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
const grouped = (bytes: number): string => bytes.toLocaleString('en-US');
const megabytes = (bytes: number): string => `${(bytes / MB).toFixed(2)} MB`;

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;
  return [
    line(headers),
    `|${widths.map((width, column) => (column === 0 ? `:${'-'.repeat(width + 1)}` : `${'-'.repeat(width + 1)}:`)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

interface Target {
  readonly name: string;
  readonly measured: string;
  readonly met: boolean;
}

// --- importing the built package --------------------------------------------------------------

const IMPORT_RUNS = QUICK ? 3 : 9;

interface ImportCost {
  readonly ms: number;
  /** Heap in use after the import and a full GC, less what it was before. */
  readonly heapMiB: number;
}

/** Imports the module at `url` in a fresh node process: the time it took and the heap it keeps. */
function importCost(url: string): ImportCost {
  // a module file, not `--eval`: the import is timed with the ES module loader already running
  const script = join(scratch('import'), 'import-cost.mjs');
  if (!existsSync(script)) {
    writeFileSync(
      script,
      `globalThis.gc();
const before = process.memoryUsage().heapUsed;
const started = performance.now();
await import(process.argv[2]);
const ms = performance.now() - started;
globalThis.gc();
console.log(JSON.stringify({ ms, heapMiB: (process.memoryUsage().heapUsed - before) / 1048576 }));
`,
    );
  }
  const result = spawnSync(process.execPath, ['--expose-gc', script, url], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`importing ${url} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '') as ImportCost;
}

/** Each import's median cost over IMPORT_RUNS fresh processes, the imports taking turns. */
function importCosts(imports: readonly { readonly name: string; readonly url: string }[]): ImportCost[] {
  const costs = imports.map(() => [] as ImportCost[]);
  for (let run = 0; run < IMPORT_RUNS; run++) imports.forEach((entry, i) => costs[i]!.push(importCost(entry.url)));
  return imports.map((_, i) => ({
    ms: median(costs[i]!.map((cost) => cost.ms)),
    heapMiB: median(costs[i]!.map((cost) => cost.heapMiB)),
  }));
}

/** A copy of the package's validators.js beside it, with one character past ASCII in a trailing comment. */
function nonAsciiValidators(packageDir: string): string {
  const file = join(packageDir, 'dist/esm/validators.js');
  const copy = join(packageDir, 'dist/esm/validators-not-ascii.js');
  writeFileSync(copy, `${readFileSync(file, 'utf8')}// \u2026\n`);
  return copy;
}

async function main(): Promise<void> {
  log('Building dist/ (npm run -s build)…');
  if (spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('npm run build failed');
  log(
    `Node ${process.version}, TypeScript ${JSON.parse(readFileSync(join(ROOT, 'node_modules/typescript/package.json'), 'utf8')).version}; ${HAS_GNU_TIME ? 'peak RSS from GNU time' : 'no GNU time: no peak RSS'}`,
  );
  const targets: Target[] = [];
  const timeRows: string[][] = [];
  const sizeRows: string[][] = [];
  const importRows: string[][] = [];
  for (const entry of CASES) {
    if (!existsSync(entry.spec)) {
      log(`\n!!! ${relative(ROOT, entry.spec)} is missing: the ${entry.name} rows are skipped`);
      continue;
    }
    log(
      `\n## ${entry.name}: generating ${relative(ROOT, entry.spec)}, then ${entry.rounds} round${entry.rounds === 1 ? '' : 's'} of build.mjs and of tsc ×2…`,
    );
    const { newDir, anchorDir } = await preparePackage(entry);
    const ours: Run[] = [];
    const anchor: Run[] = [];
    for (let round = 0; round < entry.rounds; round++) {
      ours.push(await buildNew(newDir));
      anchor.push(await buildAnchor(anchorDir));
      log(`  round ${round + 1}: build.mjs ${seconds(ours.at(-1)!.ms)} s, tsc ×2 ${seconds(anchor.at(-1)!.ms)} s`);
    }
    const oursMs = median(ours.map((run) => run.ms));
    const anchorMs = median(anchor.map((run) => run.ms));
    const peak = (runs: readonly Run[]) =>
      runs.every((run) => run.peakMiB !== undefined) ? Math.max(...runs.map((run) => run.peakMiB!)).toFixed(0) : 'n/a';
    const cpu = (runs: readonly Run[]) =>
      runs.every((run) => run.cpuMs !== undefined) ? seconds(median(runs.map((run) => run.cpuMs!))) : 'n/a';
    timeRows.push([
      entry.name,
      seconds(oursMs),
      seconds(anchorMs),
      `${(anchorMs / oursMs).toFixed(1)}× faster`,
      cpu(ours),
      cpu(anchor),
      peak(ours),
      peak(anchor),
    ]);

    const files = distFiles(newDir);
    const diff = differences(files, distFiles(anchorDir));
    const total = bytesOf(files);
    const validators = bytesOf(files, isValidators);
    sizeRows.push([
      entry.name,
      String(files.size),
      grouped(total),
      grouped(bytesOf(files, (path) => path.startsWith('esm/'))),
      grouped(bytesOf(files, (path) => path.startsWith('cjs/'))),
      grouped(bytesOf(files, (path) => path.endsWith('.d.ts'))),
      `${grouped(validators)} (${((100 * validators) / total).toFixed(0)} %)`,
    ]);
    targets.push({
      name: `${entry.name}: build.mjs < ${entry.buildSeconds} s`,
      measured: `${seconds(oursMs)} s`,
      met: oursMs < entry.buildSeconds * 1000,
    });
    if (entry.distBytes !== undefined) {
      targets.push({
        name: `${entry.name}: dist/ < ${megabytes(entry.distBytes)}`,
        measured: `${megabytes(total)} (validators.* ${megabytes(validators)})`,
        met: total < entry.distBytes,
      });
    }
    const notAscii = nonAsciiValidators(newDir);
    const oneModule = join(scratch(entry.name), 'client-bundle.mjs');
    await build({
      entryPoints: [join(newDir, 'dist/esm/index.js')],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      // everything the modules hold, as they do: only the number of modules differs
      treeShaking: false,
      outfile: oneModule,
      logLevel: 'warning',
    });
    const url = (file: string): string => pathToFileURL(join(newDir, file)).href;
    const imports = [
      { name: `${entry.name}: the client (dist/esm/index.js)`, url: url('dist/esm/index.js') },
      { name: `${entry.name}: the client bundled into one module (anchor)`, url: pathToFileURL(oneModule).href },
      { name: `${entry.name}: the validators (dist/esm/validators.js)`, url: url('dist/esm/validators.js') },
      { name: `${entry.name}: the validators, one character past ASCII added (anchor)`, url: pathToFileURL(notAscii).href },
      // resolved from the repo, where it is a devDependency (the differential oracle)
      { name: 'openai, the official SDK (anchor)', url: import.meta.resolve('openai') },
    ];
    const costs = importCosts(imports);
    importRows.push(...costs.map((cost, i) => [imports[i]!.name, cost.ms.toFixed(1), cost.heapMiB.toFixed(1)]));
    rmSync(notAscii);
    // a client that imports slower than the whole official SDK has lost what it was built for
    const client = costs[0]!.ms;
    const official = costs[4]!.ms;
    targets.push({
      name: `${entry.name}: the client imports faster than the official SDK (same turns)`,
      measured: `${client.toFixed(1)} ms against ${official.toFixed(1)} ms`,
      met: client < official,
    });
    targets.push({
      name: `${entry.name}: dist/ is what tsc ×2 writes (tabs; the JavaScript but for doc comments)`,
      measured:
        diff.length === 0
          ? `${files.size} files identical`
          : `${diff.length} differ: ${diff.slice(0, 5).join(', ')}${diff.length > 5 ? ', …' : ''}`,
      met: diff.length === 0,
    });
  }

  log('\n## Build time (median wall time, whole process)');
  log(
    table(
      ['package', 'build.mjs s', 'tsc ×2 s (anchor)', 'ratio', 'build.mjs CPU s', 'tsc ×2 CPU s', 'build.mjs peak MiB', 'tsc peak MiB'],
      timeRows,
    ),
  );
  log('\n## dist/ in bytes');
  log(table(['package', 'files', 'dist/', 'esm/', 'cjs/', '.d.ts', 'validators.js + .d.ts'], sizeRows));
  log(`\n## Importing the built package in a fresh process (median of ${IMPORT_RUNS}, taking turns)`);
  log(table(['import', 'ms', 'heap kept MiB'], importRows));
  log('\n## Targets');
  log(
    table(
      ['target', 'measured', ''],
      targets.map((target) => [target.name, target.measured, target.met ? '✓' : '✗']),
    ),
  );
  process.exitCode = targets.some((target) => !target.met) ? 1 : 0;
}

try {
  await main();
} finally {
  if (scratchRoot !== undefined && !KEEP) rmSync(scratchRoot, { recursive: true, force: true });
  else if (scratchRoot !== undefined) log(`kept ${scratchRoot}`);
}
