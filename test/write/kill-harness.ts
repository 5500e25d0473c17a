// Runs the real writer in a child process whose file-system changes are counted and, at a
// chosen one, killed (SIGKILL) or failed (EIO). This is done from outside the production code:
// a module preloaded with `--import` wraps every mutating function of node:fs and
// node:fs/promises and re-syncs the ES module bindings, so the writer's own imports see it.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { EmittedFile } from '../../generator/emit/emitted-file.js';
import type { CaseKind } from './write-cases.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

const MUTATIONS = [
  'appendFile',
  'chmod',
  'copyFile',
  'cp',
  'link',
  'mkdir',
  'mkdtemp',
  'rename',
  'rm',
  'rmdir',
  'symlink',
  'truncate',
  'unlink',
  'utimes',
  'writeFile',
];
const READS = ['access', 'lstat', 'open', 'opendir', 'readdir', 'readFile', 'readlink', 'realpath', 'stat'];

// `globalThis.fileSystemFaults` lets the fault-loop driver count only the writer's operations.
const PRELOAD = `
import { createRequire, syncBuiltinESMExports } from 'node:module';
const require = createRequire(import.meta.url);
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const faults = (globalThis.fileSystemFaults = {
  count: 0,
  isCounting: true,
  killAt: Number(process.env.KILL_AT ?? '0'),
  failAt: Number(process.env.FAIL_AT ?? '0'),
});
const isTracing = process.env.TRACE_READS === '1';
const fault = (name, path) => {
  if (!faults.isCounting) return undefined;
  faults.count += 1;
  if (faults.count === faults.killAt) process.kill(process.pid, 'SIGKILL');
  if (faults.count !== faults.failAt) return undefined;
  return Object.assign(new Error('EIO: i/o error, ' + name + " '" + String(path) + "'"), { code: 'EIO', errno: -5, syscall: name, path: String(path) });
};
const wrap = (target, key, name, isPromise, check) => {
  const original = target[key];
  if (typeof original !== 'function') return;
  target[key] = function (...args) {
    const error = check(name, args);
    if (error) {
      if (isPromise) return Promise.reject(error);
      throw error;
    }
    return original.apply(this, args);
  };
};
const mutation = (name, args) => fault(name, args[0]);
for (const name of ${JSON.stringify(MUTATIONS)}) {
  wrap(fsp, name, name, true, mutation);
  wrap(fs, name + 'Sync', name, false, mutation);
}
wrap(fsp, 'open', 'open', true, (name, args) => (args[1] !== undefined && args[1] !== 'r' ? fault(name, args[0]) : undefined));
if (isTracing) {
  for (const name of ${JSON.stringify(READS)}) wrap(fsp, name, name, true, (name, args) => void fs.writeSync(2, 'read ' + name + ' ' + String(args[0]) + '\\n'));
}
syncBuiltinESMExports();
process.on('exit', () => fs.writeSync(2, 'file-operations=' + faults.count + '\\n'));
`;

const DRIVER = `
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkOutput, writeOutput } from './generator/write/write-output.ts';
import { NEW, setUpCase } from './test/write/write-cases.ts';
import { leftovers, snapshotOrAbsent, snapshotTree } from './test/write/tree-snapshot.ts';

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
if (input.mode === 'fault-loop') {
  // for every N: a fresh case, the write with its Nth file operation failing, then a normal write
  const faults = globalThis.fileSystemFaults;
  const results = [];
  for (let failAt = 1; ; failAt++) {
    faults.isCounting = false;
    const target = await setUpCase(join(input.dir, 'fault-' + failAt), input.kind);
    const before = await snapshotOrAbsent(target);
    Object.assign(faults, { count: 0, failAt, isCounting: true });
    let error;
    await writeOutput(target, NEW).catch((caught) => (error = caught));
    faults.isCounting = false;
    if (faults.count < failAt) break; // the write made fewer changes: every one has been failed
    const after = await snapshotOrAbsent(target);
    const left = await leftovers(target);
    await writeOutput(target, NEW);
    results.push({
      failAt,
      error: error && { name: error.name, message: error.message, code: error.code, syscall: error.syscall },
      isUnchanged: JSON.stringify(after) === JSON.stringify(before),
      after,
      leftovers: left,
      recovered: await snapshotTree(target),
      leftoversAfterRecovery: await leftovers(target),
    });
  }
  process.stdout.write(JSON.stringify(results));
} else {
  try {
    const result = input.mode === 'check' ? await checkOutput(input.target, input.files) : await writeOutput(input.target, input.files);
    process.stdout.write(JSON.stringify(result));
  } catch (error) {
    process.stderr.write('failed: ' + error.name + ': ' + error.message + '\\n');
    process.exitCode = 1;
  }
}
`;

export interface RunOptions {
  /** Kill the process just before its Nth file-system change. */
  readonly killAt?: number;
  /** Log every path the process reads (stat, readdir, readFile, ...) to stderr as `read <fn> <path>`. */
  readonly traceReads?: boolean;
  /** checkOutput instead of writeOutput. */
  readonly isCheck?: boolean;
}

export interface RunResult {
  readonly killed: boolean;
  /** The writer threw (its message is in stderr after `failed: `). */
  readonly failed: boolean;
  /** How many file-system changes ran (a killed one counts). */
  readonly operations: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface FaultResult {
  readonly failAt: number;
  readonly error?: { readonly name: string; readonly message: string; readonly code?: string; readonly syscall?: string };
  readonly isUnchanged: boolean;
  readonly after: Record<string, string> | 'absent';
  readonly leftovers: readonly string[];
  readonly recovered: Record<string, string>;
  readonly leftoversAfterRecovery: readonly string[];
}

export interface KillHarness {
  /** Runs writeOutput (or checkOutput) for `files` into `target` in a child process. */
  run(target: string, files: readonly EmittedFile[], options?: RunOptions): Promise<RunResult>;
  /** In one child process: for every N, the write of a new case under `dir` with its Nth file operation failing. */
  faultLoop(dir: string, kind: CaseKind): Promise<FaultResult[]>;
}

/** Writes the preload and bundles the driver (with the real write-output.ts) into `dir`. */
export async function killHarness(dir: string): Promise<KillHarness> {
  await mkdir(dir, { recursive: true });
  const preload = join(dir, 'fault-preload.mjs');
  const driver = join(dir, 'write-driver.mjs');
  await writeFile(preload, PRELOAD);
  await build({
    stdin: { contents: DRIVER, resolveDir: REPO_ROOT, sourcefile: 'write-driver.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: driver,
    logLevel: 'silent',
  });
  let runs = 0;
  const spawn = async (input: unknown, env: Record<string, string>) => {
    const file = join(dir, `input-${runs++}.json`);
    await writeFile(file, JSON.stringify(input));
    return new Promise<RunResult>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', preload, driver, file],
        { env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const killed = (error as { signal?: string } | null)?.signal === 'SIGKILL';
          const failed = !killed && error !== null && stderr.includes('failed: ');
          if (error && !killed && !failed) return reject(new Error(`the driver crashed:\n${stderr}`));
          resolve({ killed, failed, operations: Number(/file-operations=(\d+)/.exec(stderr)?.[1] ?? -1), stdout, stderr });
        },
      );
    });
  };
  return {
    run(target, files, options = {}) {
      const input = { mode: options.isCheck ? 'check' : 'write', target, files: files.map(({ path, text }) => ({ path, text })) };
      return spawn(input, { KILL_AT: String(options.killAt ?? 0), TRACE_READS: options.traceReads ? '1' : '0' });
    },
    async faultLoop(loopDir, kind) {
      const run = await spawn({ mode: 'fault-loop', dir: loopDir, kind }, {});
      return JSON.parse(run.stdout) as FaultResult[];
    },
  };
}
