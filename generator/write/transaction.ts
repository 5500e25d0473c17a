// One write into an output folder as a transaction whose every intermediate state is
// recoverable, even after a kill -9. The user's entries are never moved: only sdkgen's files are.
//
// Beside the target `<parent>/<name>` lives `.<name>.sdkgen-write-<pid>-<id>/`:
//   new/           the files to write, staged before anything in the target changes
//   journal.json   the commit point (written to a temporary name, then renamed)
//   replaced/      what stood where a new file goes, and deleted/ the files no longer
//                  generated: kept until the end, for an in-process rollback
// Without journal.json the transaction never started: the target is untouched and the folder is
// deleted. With it, the write is finished (rolled forward) by the next run: every step checks
// the state first, so repeating a step is harmless. A fresh target is created by one rename of
// new/, so it appears complete or not at all.
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../diagnostics/diagnostic.js';
import type { EmittedFile } from '../emit/emitted-file.js';
import { isIgnored } from './compare-output.js';
import { isSafeRelativePath } from './output-manifest.js';

export interface Journal {
  /** The target did not exist: new/ becomes the target with one rename. */
  readonly isFresh: boolean;
  /** Files to move from new/ into the target, replacing what is there. */
  readonly write: readonly string[];
  /** sdkgen's files to remove from the target (moved to deleted/). */
  readonly delete: readonly string[];
}

/** Transaction folders this process is working in: recovery leaves them alone (a second write to the same folder is refused). */
const RUNNING = new Set<string>();

/**
 * Writes `files` into `target` (a real folder path, not a link) and deletes `remove` from it,
 * as one transaction. On an error the target is put back as it was; if even that fails, the
 * transaction is kept for the next run to finish, and the error says so.
 */
export async function runTransaction(
  target: string,
  shown: string,
  isFresh: boolean,
  files: readonly EmittedFile[],
  remove: readonly string[],
): Promise<void> {
  const transaction = join(dirname(target), `.${basename(target)}.sdkgen-write-${process.pid}-${randomBytes(4).toString('hex')}`);
  const journal: Journal = { isFresh, write: files.map((file) => file.path), delete: [...remove] };
  RUNNING.add(transaction);
  try {
    try {
      const folders = folderMaker();
      await folders.make(join(transaction, 'new'));
      for (const file of files) {
        await folders.make(dirname(join(transaction, 'new', file.path)));
        await writeFile(join(transaction, 'new', file.path), file.text);
      }
      await writeFile(join(transaction, 'journal.json.tmp'), `${JSON.stringify(journal)}\n`);
      await rename(join(transaction, 'journal.json.tmp'), join(transaction, 'journal.json'));
    } catch (error) {
      await rm(transaction, { recursive: true, force: true }).catch(() => {});
      throw error;
    }
    const createdDirs: string[] = [];
    try {
      await rollForward(transaction, target, journal, createdDirs);
    } catch (error) {
      const isRestored = await rollBack(transaction, target, journal, createdDirs).then(
        () => true,
        () => false,
      );
      if (!isRestored) {
        throw new UsageError(
          `Could not finish writing ${shown}: ${describeError(error)}. The unfinished write is kept in ${transaction}; fix the problem and run sdkgen again, which finishes it first (your own files in the folder were not touched).`,
        );
      }
      await rm(transaction, { recursive: true, force: true }).catch(() => {});
      throw error;
    }
    // a failure here leaves only a finished transaction, which the next run removes
    await rm(transaction, { recursive: true, force: true }).catch(() => {});
  } finally {
    RUNNING.delete(transaction);
  }
}

/**
 * Finishes or discards what interrupted runs left beside `target`: committed transactions are
 * rolled forward, uncommitted ones deleted, and the two-rename swap folders of sdkgen versions
 * before the journal (`-new-*`, `-old-*`) are put back so that nothing of the user's is lost.
 * A folder of another running sdkgen process is refused, not touched.
 */
export async function recoverLeftovers(target: string, shown: string): Promise<void> {
  const parent = dirname(target);
  const prefix = `.${basename(target)}.sdkgen-`;
  let names: string[];
  try {
    names = (await readdir(parent)).filter((name) => name.startsWith(prefix)).sort();
  } catch {
    return; // no parent folder: nothing was left
  }
  const legacy = new Map<string, { new?: string; old?: string }>();
  for (const name of names) {
    const match = /^(write|new|old)-(\d+)-([0-9a-z]+)$/.exec(name.slice(prefix.length));
    if (!match) continue;
    const [, kind, pid, id] = match as unknown as [string, 'write' | 'new' | 'old', string, string];
    const path = join(parent, name);
    if (isRunning(Number(pid), path)) {
      throw new UsageError(
        `Another sdkgen process (pid ${pid}) is writing ${shown} right now (${path}). Run again when it has finished; if no sdkgen is running, delete that folder and run again (it holds only generated files).`,
      );
    }
    if (kind === 'write') await recoverTransaction(path, target);
    else legacy.set(`${pid}-${id}`, { ...legacy.get(`${pid}-${id}`), [kind]: path });
  }
  for (const key of [...legacy.keys()].sort()) await recoverSwap(target, legacy.get(key)!);
}

/** Whether an interrupted run left anything beside `target`. */
export async function hasLeftovers(target: string): Promise<boolean> {
  const prefix = `.${basename(target)}.sdkgen-`;
  const names = await readdir(dirname(target)).catch(() => []);
  return names.some((name) => name.startsWith(prefix));
}

async function recoverTransaction(transaction: string, target: string): Promise<void> {
  const journal = await readJournal(transaction);
  if (journal !== undefined) await rollForward(transaction, target, journal, []);
  await rm(transaction, { recursive: true, force: true });
}

/**
 * Makes every state of a journal's write the finished one. Per file p the states are:
 * (new/p, target/p is old or absent) -> (new/p, replaced/p) -> (target/p is new); deletions
 * go (target/d) -> (deleted/d), before the writes, so a folder can give way to a file. Each
 * step looks before it moves, so running this again is harmless.
 */
async function rollForward(transaction: string, target: string, journal: Journal, createdDirs: string[]): Promise<void> {
  const staged = join(transaction, 'new');
  if (journal.isFresh && !(await exists(target))) {
    if (!(await exists(staged))) return; // finished; the target was removed since
    await rename(staged, target);
    return;
  }
  if (!(await exists(target))) return; // the folder was removed since: nothing to finish
  const folders = folderMaker();
  for (const path of journal.delete) await moveIfPresent(join(target, path), join(transaction, 'deleted', path), folders);
  await pruneEmptyFolders(target, journal.delete, () => true);
  const targetFolders = folderMaker(createdDirs);
  for (const path of journal.write) {
    if (!(await exists(join(staged, path)))) continue; // already in place
    await moveIfPresent(join(target, path), join(transaction, 'replaced', path), folders);
    await targetFolders.make(dirname(join(target, path)));
    await rename(join(staged, path), join(target, path));
  }
}

/** The reverse of rollForward, in this process after an error: the target as it was. */
async function rollBack(transaction: string, target: string, journal: Journal, createdDirs: readonly string[]): Promise<void> {
  const staged = join(transaction, 'new');
  if (journal.isFresh) {
    if ((await exists(target)) && !(await exists(staged))) await rename(target, staged);
    return;
  }
  const folders = folderMaker();
  for (const path of [...journal.write].reverse()) {
    if (!(await exists(join(staged, path))) && (await exists(join(target, path)))) await rename(join(target, path), join(staged, path));
    await moveIfPresent(join(transaction, 'replaced', path), join(target, path), folders);
  }
  for (const path of [...journal.delete].reverse()) await moveIfPresent(join(transaction, 'deleted', path), join(target, path), folders);
  // the folders this write made for new files, and only those
  await pruneEmptyFolders(target, journal.write, (folder) => createdDirs.some((made) => folder === made || folder.startsWith(`${made}/`)));
}

/** Moves `from` to `to` (making `to`'s folder) when `from` exists and `to` does not. */
async function moveIfPresent(from: string, to: string, folders: FolderMaker): Promise<void> {
  if (!(await exists(from)) || (await exists(to))) return;
  await folders.make(dirname(to));
  await rename(from, to);
}

interface FolderMaker {
  make(folder: string): Promise<void>;
}

/** mkdir -p, once per folder per step; the first folder each call creates goes to `created`. */
function folderMaker(created: string[] = []): FolderMaker {
  const made = new Set<string>();
  return {
    async make(folder) {
      if (made.has(folder)) return;
      const first = await mkdir(folder, { recursive: true });
      if (first !== undefined) created.push(first);
      made.add(folder);
    },
  };
}

/** Removes the folders of `paths` (deepest first, up to the target) that are empty, where `may` allows. */
async function pruneEmptyFolders(target: string, paths: readonly string[], may: (folder: string) => boolean): Promise<void> {
  const folders = new Set<string>();
  for (const path of paths) {
    const segments = path.split('/');
    for (let depth = segments.length - 1; depth > 0; depth--) folders.add(segments.slice(0, depth).join('/'));
  }
  const deepestFirst = [...folders].sort((a, b) => b.split('/').length - a.split('/').length || (a < b ? -1 : 1));
  for (const folder of deepestFirst) {
    const full = join(target, folder);
    if (!may(full)) continue;
    const entries = await readdir(full).catch(() => undefined);
    if (entries?.length !== 0) continue;
    await rmdir(full).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT' && error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    });
  }
}

async function readJournal(transaction: string): Promise<Journal | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(join(transaction, 'journal.json'), 'utf8'));
  } catch {
    return undefined; // never committed (or not ours): discarded
  }
  const { isFresh, write, delete: remove } = (parsed ?? {}) as Partial<Record<keyof Journal, unknown>>;
  const isPathList = (value: unknown): value is string[] =>
    Array.isArray(value) && value.every((path) => typeof path === 'string' && isSafeRelativePath(path));
  if (typeof isFresh !== 'boolean' || !isPathList(write) || !isPathList(remove)) return undefined;
  return { isFresh, write, delete: remove };
}

/**
 * The swap of sdkgen versions before the journal: the target was renamed to `-old-*`, then
 * `-new-*` (holding the generated files and the carried `dist/`, `node_modules/`) to the
 * target. Puts back whichever half is missing and returns every user entry to the target.
 */
async function recoverSwap(target: string, swap: { new?: string; old?: string }): Promise<void> {
  if (swap.old !== undefined) {
    if (!(await exists(target))) await rename(swap.old, target);
    else {
      // the swap happened: entries of the old tree the new one lacks were the user's
      for (const entry of (await readdir(swap.old)).sort()) await moveIfPresent(join(swap.old, entry), join(target, entry), folderMaker());
      await rm(swap.old, { recursive: true, force: true });
    }
  }
  if (swap.new !== undefined) {
    if (await exists(target)) {
      for (const entry of (await readdir(swap.new)).sort())
        if (isIgnored(entry)) await moveIfPresent(join(swap.new, entry), join(target, entry), folderMaker());
    }
    await rm(swap.new, { recursive: true, force: true });
  }
}

/**
 * Whether the run that made `path` (a transaction or lock folder named with its pid) is alive:
 * a live process (another user's counts), or in this process one of `ours`, those it is using.
 */
export function isRunning(pid: number, path: string, ours: ReadonlySet<string> = RUNNING): boolean {
  if (pid === process.pid) return ours.has(path);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

function describeError(error: unknown): string {
  const fsError = error as NodeJS.ErrnoException;
  if (typeof fsError?.syscall === 'string') return `cannot ${fsError.syscall} ${fsError.path ?? ''}: ${fsError.code ?? fsError.message}`;
  return String((error as Error)?.message ?? error);
}
