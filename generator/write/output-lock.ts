// One write at a time into an output folder. Two runs into one folder (two terminals, two npm
// scripts in parallel) would both find it free, compare it, and then interleave their files: a
// package half of one spec and half of the other. A run that writes holds the folder from before
// it compares it until its write is done: `.<name>.sdkgen-lock/` beside it, made by one `mkdir`,
// which only one process can do, and holding an `owner` file with the process's pid and a nonce.
// A lock whose owner is no longer running (a killed run) is taken over.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../diagnostics/diagnostic.js';

export interface OutputLock {
  /** Throws when another run has taken the folder over since (its lock was thought stale). */
  confirm(): Promise<void>;
  release(): Promise<void>;
}

/** Takes the folder `target` (a real path) for a write; refuses while another live run holds it. */
export async function lockOutput(target: string, shown: string): Promise<OutputLock> {
  const path = lockPath(target);
  const owner = `${process.pid} ${randomBytes(8).toString('hex')}`;
  await mkdir(dirname(target), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      await mkdir(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw refusal(error, shown, path);
      const holder = await holderOf(path);
      if (attempt > 0 || holder?.isLive !== false) throw busy(holder?.pid, shown, path);
      // a killed run's lock: moved aside first (one rename wins), then removed
      const aside = `${path}-stale-${randomBytes(4).toString('hex')}`;
      await rename(path, aside).catch(() => {});
      await rm(aside, { recursive: true, force: true });
      continue;
    }
    await writeFile(join(path, 'owner'), owner);
    const isOurs = async () => (await readFile(join(path, 'owner'), 'utf8').catch(() => '')) === owner;
    return {
      async confirm() {
        if (!(await isOurs())) throw busy((await holderOf(path))?.pid, shown, path);
      },
      async release() {
        if (await isOurs()) await rm(path, { recursive: true, force: true });
      },
    };
  }
}

/** Refuses, without taking anything, while a live run holds the folder (`--check`). */
export async function refuseIfLocked(target: string, shown: string): Promise<void> {
  const path = lockPath(target);
  const holder = await holderOf(path);
  if (holder?.isLive === true) throw busy(holder.pid, shown, path);
}

function lockPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.sdkgen-lock`);
}

/** Who holds the lock at `path`, and whether that run is alive; undefined when there is no lock. */
async function holderOf(path: string): Promise<{ readonly pid?: number; readonly isLive: boolean } | undefined> {
  const text = await readFile(join(path, 'owner'), 'utf8').catch(() => undefined);
  if (text !== undefined) {
    const pid = Number(text.split(' ')[0]);
    return Number.isInteger(pid) && pid > 0 ? { pid, isLive: isRunning(pid) } : { isLive: false };
  }
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) return undefined;
  // no owner file: its run is writing it now, or was killed between the two steps
  return { isLive: Date.now() - info.mtimeMs < OWNERLESS_MS };
}

/** How long a lock may stand without its owner file before it counts as a killed run's. */
const OWNERLESS_MS = 10_000;

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function busy(pid: number | undefined, shown: string, path: string): UsageError {
  return new UsageError(
    `Another sdkgen process${pid === undefined ? '' : ` (pid ${pid})`} is writing ${shown} right now (${path}). Run again when it has finished; if no sdkgen is running, delete ${path} and run again.`,
  );
}

function refusal(error: unknown, shown: string, path: string): UsageError {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  return new UsageError(
    `Cannot write ${shown}: sdkgen writes beside the output folder (${path}, and its staging folder), which failed with ${code}. Make the folder that holds ${shown} writable, or generate into a folder inside a writable one.`,
  );
}
