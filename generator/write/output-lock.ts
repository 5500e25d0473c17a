// One write at a time into an output folder. Two runs into one folder (two terminals, two npm
// scripts in parallel) would both find it free, compare it, and then interleave their files: a
// package half of one spec and half of the other. A run that writes holds the folder from before
// it compares it until its write is done: `.<name>.sdkgen-lock/` beside it, made whole beside
// that name and renamed into place (only one process wins the rename onto a folder holding a
// file), with an `owner` file of the process's pid and a nonce. A lock whose owner is no longer
// running (a killed run) is removed, and so is a lock a killed run was making.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../diagnostics/diagnostic.js';
import { isRunning } from './transaction.js';

export interface OutputLock {
  /** Throws when another run has taken the folder over since (its lock was thought stale). */
  confirm(): Promise<void>;
  release(): Promise<void>;
}

/** The locks this process holds and is making: another of its runs finds only these alive. */
const IN_USE = new Set<string>();

/** Takes the folder `target` (a real path) for a write; refuses while another live run holds it. */
export async function lockOutput(target: string, shown: string): Promise<OutputLock> {
  const path = lockPath(target);
  const owner = `${process.pid} ${randomBytes(8).toString('hex')}`;
  await mkdir(dirname(target), { recursive: true });
  await clearDeadLocks(target, shown);
  // made whole beside the lock, then renamed into place: a lock never stands without its owner
  const made = `${path}-${process.pid}-${randomBytes(4).toString('hex')}`;
  IN_USE.add(made);
  try {
    await mkdir(made);
    await writeFile(join(made, 'owner'), owner);
  } catch (error) {
    await rm(made, { recursive: true, force: true }).catch(() => {});
    IN_USE.delete(made);
    throw refusal(error, shown, path);
  }
  try {
    await rename(made, path);
    IN_USE.add(path);
  } catch (error) {
    await rm(made, { recursive: true, force: true }).catch(() => {});
    const code = (error as NodeJS.ErrnoException).code;
    // another run took it since the dead ones were cleared
    if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EISDIR') throw busy((await holderOf(path))?.pid, shown, path);
    throw refusal(error, shown, path);
  } finally {
    IN_USE.delete(made);
  }
  const isOurs = async () => (await readFile(join(path, 'owner'), 'utf8').catch(() => '')) === owner;
  return {
    async confirm() {
      if (!(await isOurs())) throw busy((await holderOf(path))?.pid, shown, path);
    },
    async release() {
      // a lock that cannot be removed is left for the next run, which finds it dead
      if (await isOurs()) await rm(path, { recursive: true, force: true }).catch(() => {});
      IN_USE.delete(path);
    },
  };
}

/**
 * Refuses while a live run holds the folder (`--check`, and before taking the lock); removes
 * what a run that is gone (killed) left: its lock, and a lock it was making.
 */
export async function clearDeadLocks(target: string, shown: string): Promise<void> {
  const path = lockPath(target);
  const holder = await holderOf(path);
  if (holder?.isLive === true) throw busy(holder.pid, shown, path);
  if (holder !== undefined) await rm(path, { recursive: true, force: true });
  const prefix = `${basename(path)}-`;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  for (const name of names) {
    const pid = /^(\d+)-[0-9a-f]+$/.exec(name.startsWith(prefix) ? name.slice(prefix.length) : '')?.[1];
    if (pid !== undefined && !isRunning(Number(pid), join(dirname(path), name), IN_USE))
      await rm(join(dirname(path), name), { recursive: true, force: true });
  }
}

function lockPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.sdkgen-lock`);
}

/** Who holds the lock at `path`, and whether that run is alive; undefined when there is no lock. */
async function holderOf(path: string): Promise<{ readonly pid?: number; readonly isLive: boolean } | undefined> {
  const text = await readFile(join(path, 'owner'), 'utf8').catch((error: NodeJS.ErrnoException) =>
    error.code === 'ENOENT' ? undefined : '',
  );
  if (text === undefined) {
    // a lock is renamed into place with its owner file: a folder without one is no live run's
    const info = await stat(path).catch(() => undefined);
    return info === undefined ? undefined : { isLive: false };
  }
  const pid = Number(text.split(' ')[0]);
  return Number.isInteger(pid) && pid > 0 ? { pid, isLive: isRunning(pid, path, IN_USE) } : { isLive: false };
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
