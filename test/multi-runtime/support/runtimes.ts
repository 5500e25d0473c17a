// Where each runtime is, what to do when one is missing, and how to run one with a deadline.
// A missing runtime skips its tests with a loud reason, except under REQUIRE_ALL_RUNTIMES=1
// (set by .ci/run), where it fails them.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'vitest';
import { REPO_ROOT } from './package-build.js';

export const REQUIRE_ALL_RUNTIMES = process.env['REQUIRE_ALL_RUNTIMES'] === '1';

export interface Runtime {
  readonly name: string;
  /** The executable, or undefined when missing. */
  readonly path: string | undefined;
  /** Why it is missing and how to get it. */
  readonly missing: string;
}

const RUNTIMES_MODULES = join(REPO_ROOT, 'test/runtimes/node_modules');
const INSTALL_HINT = 'run `npm ci` (its postinstall installs test/runtimes)';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function fromRuntimes(name: string, relativePath: string): Runtime {
  const path = join(RUNTIMES_MODULES, relativePath);
  return {
    name,
    path: executable(path) ? path : undefined,
    missing: `${name} is not installed at test/runtimes/node_modules/${relativePath}; ${INSTALL_HINT}`,
  };
}

export const RUNTIMES = {
  node: { name: `node ${process.versions.node} (the machine's)`, path: process.execPath, missing: '' } satisfies Runtime,
  node22: fromRuntimes('node 22', 'node22/bin/node'),
  node24: fromRuntimes('node 24', 'node24/bin/node'),
  deno: fromRuntimes('deno', '.bin/deno'),
  bun: fromRuntimes('bun', '.bin/bun'),
  workerd: fromRuntimes('workerd', '.bin/workerd'),
  chromium: ((): Runtime => {
    const path = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
    return {
      name: 'chromium',
      path: executable(path) ? path : undefined,
      missing: `chromium is not installed at ${path}; apt-get install -y chromium (.ci/run does)`,
    };
  })(),
} as const;

export function typescriptCompiler(alias: string): Runtime {
  return fromRuntimes(`TypeScript (${alias})`, `${alias}/bin/tsc`);
}

/**
 * Returns the runtime's path, or: fails the test (REQUIRE_ALL_RUNTIMES=1), or skips it with a
 * warning on stderr that names the runtime and how to install it.
 */
export function requireRuntime(context: TestContext, runtime: Runtime): string {
  if (runtime.path !== undefined) return runtime.path;
  if (REQUIRE_ALL_RUNTIMES) throw new Error(`REQUIRE_ALL_RUNTIMES=1 but ${runtime.missing}`);
  const banner = `!!! SKIPPED "${context.task.name}": ${runtime.missing} (set REQUIRE_ALL_RUNTIMES=1 to make this a failure)`;
  process.stderr.write(`\n${'!'.repeat(Math.min(banner.length, 100))}\n${banner}\n${'!'.repeat(Math.min(banner.length, 100))}\n`);
  context.skip(runtime.missing);
  throw new Error('unreachable: context.skip() returned');
}

export interface ProcessResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

// Children run in their own process group (so that a kill reaches anything they spawn), which
// also means a Ctrl-C or a SIGTERM to the test worker does not reach them: kill them on the
// way out. A `once` listener is gone when it runs, so with no other listener the signal is
// raised again for its default action (terminate).
const live = new Set<ChildProcess>();
const killAll = (): void => {
  for (const child of live) killGroup(child);
};
process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    killAll();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  });
}

/** SIGKILL to the child's whole process group (it was spawned detached, as a group leader). */
export function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** The environment for a runtime: the machine's, without anything that would point the client elsewhere. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', DO_NOT_TRACK: '1', ...extra };
  for (const name of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'NODE_OPTIONS', 'FORCE_COLOR']) delete env[name];
  return env;
}

/** Starts a process in its own process group, tracked so that it dies with the test process. */
export function startProcess(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true, env: options.env ?? childEnv() });
  live.add(child);
  child.once('exit', () => live.delete(child));
  child.once('error', () => live.delete(child));
  return child;
}

/** Runs a process to completion, killing its process group after `timeoutMs`. Never rejects. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv },
): Promise<ProcessResult> {
  return new Promise((resolvePromise) => {
    const child = startProcess(command, args, { cwd: options.cwd, env: options.env ?? childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const limit = 4 * 1024 * 1024;
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < limit) stdout += chunk;
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < limit) stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      resolvePromise({ code: null, signal: null, stdout, stderr: `${stderr}${error.message}`, timedOut });
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/** A process's output for an assertion message. */
export function describeProcess(result: ProcessResult): string {
  const how = result.timedOut ? 'timed out and was killed' : `exited with ${result.code ?? result.signal}`;
  return `${how}\n--- stdout ---\n${result.stdout.slice(-4000)}\n--- stderr ---\n${result.stderr.slice(-4000)}`;
}
