// Writes the output folder so that a failed or killed run loses nothing: the generated files
// are staged beside the target, then moved in by a journaled transaction that the next run
// finishes if this one is killed (transaction.ts). Only sdkgen's own files are written or
// deleted; every top-level entry it never generated (`dist/`, `node_modules/`,
// `package-lock.json`, `.env`, ...) stays where it is, untouched (output-manifest.ts).
import { join } from 'node:path';
import { InterruptedError } from '../diagnostics/diagnostic.js';
import type { EmittedFile } from '../emit/emitted-file.js';
import { compareOutput, isSameTree, type TreeDifference } from './compare-output.js';
import { keptEntries } from './kept-entries.js';
import type { OutputCache } from './output-cache.js';
import { manifestFile, readManifest } from './output-manifest.js';
import { folderExists, refuseForeignFolder, resolveTarget, type OutputTarget } from './output-target.js';
import { clearDeadLocks, lockOutput } from './output-lock.js';
import { hasLeftovers, recoverLeftovers, runTransaction } from './transaction.js';

export interface CheckResult extends TreeDifference {
  /**
   * The top-level entries sdkgen does not own, kept as they are (kept-entries.ts), then the
   * user's files inside sdkgen's entries (files its manifest does not list, e.g. `src/custom.ts`).
   */
  readonly kept: readonly string[];
  /** The real folder written (a symbolic link resolved). */
  readonly folder: string;
  /** Changed files that differ only in their line endings (CRLF); absent when none do. */
  readonly lineEndings?: readonly string[];
}

export interface WriteResult extends CheckResult {
  /** False when the folder already held exactly these files, so nothing was touched. */
  readonly wrote: boolean;
}

export interface WriteOptions {
  /** Aborted: the write stops before it commits (InterruptedError). */
  readonly signal?: AbortSignal | undefined;
  /** A caller's that writes the folder again (watch mode): the files it wrote and nobody changed since are not read back. */
  readonly cache?: OutputCache | undefined;
}

/** Writes `files` into `out`. */
export async function writeOutput(out: string, files: readonly EmittedFile[], { signal, cache }: WriteOptions = {}): Promise<WriteResult> {
  const target = await resolveTarget(out);
  // a folder sdkgen did not generate is refused before anything is made beside it
  await refuseForeign(target);
  // held from before the folder is compared until the write is done (output-lock.ts)
  const lock = await lockOutput(target.path, target.shown);
  try {
    const { isFresh, written, difference } = await prepare(target, files, cache);
    if (isSameTree(difference)) return { ...difference, wrote: false };
    const changed = new Set([...difference.created, ...difference.changed]);
    await lock.confirm();
    // the last moment to stop with the folder as it was: after this the write commits
    if (signal?.aborted) throw new InterruptedError();
    const writes = written.filter((file) => changed.has(file.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    try {
      await runTransaction(target.path, target.shown, isFresh, writes, difference.deleted);
    } finally {
      // written, rolled back or left for the next run to finish: read again next time either way
      for (const file of writes) cache?.forget(join(target.path, file.path));
      for (const path of difference.deleted) cache?.forget(join(target.path, path));
    }
    if (cache !== undefined) await Promise.all(writes.map((file) => cache.wrote(join(target.path, file.path), file.text)));
    return { ...difference, wrote: true };
  } finally {
    await lock.release();
  }
}

/**
 * What `writeOutput` would change (`--check`). Finishes an interrupted write first, like a
 * write; refused while another run is writing the folder.
 */
export async function checkOutput(out: string, files: readonly EmittedFile[]): Promise<CheckResult> {
  const target = await resolveTarget(out);
  await clearDeadLocks(target.path, target.shown);
  return (await prepare(target, files)).difference;
}

/**
 * The checks that need no generated file, run before generating so that a wrong `--out` is
 * refused at once: a file, a dangling link, or a non-empty folder sdkgen did not generate.
 * Reads only; a folder with an interrupted write beside it is left for the write to judge.
 */
export async function preflightOutput(out: string): Promise<void> {
  await refuseForeign(await resolveTarget(out));
}

async function refuseForeign(target: OutputTarget): Promise<void> {
  if ((await folderExists(target)) && !(await hasLeftovers(target.path))) await refuseForeignFolder(target);
}

async function prepare(target: OutputTarget, files: readonly EmittedFile[], cache?: OutputCache) {
  await recoverLeftovers(target.path, target.shown);
  const isFresh = !(await folderExists(target));
  if (!isFresh) await refuseForeignFolder(target);
  const previous = isFresh ? undefined : await readManifest(target.path);
  const written = [...files, manifestFile(files)];
  const { userFiles, lineEndings, ...compared } = isFresh
    ? { created: written.map((file) => file.path).sort(), changed: [], deleted: [], unchanged: [], userFiles: [], lineEndings: [] }
    : await compareOutput(target.path, written, previous, target.shown, cache);
  // the user's entries beside sdkgen's, then the user's files inside them (`src/custom.ts`)
  const kept = isFresh
    ? []
    : [
        ...(await keptEntries(
          target.path,
          written.map((file) => file.path),
          previous,
        )),
        ...userFiles,
      ];
  return { isFresh, written, difference: { ...compared, kept, folder: target.path, ...(lineEndings.length > 0 ? { lineEndings } : {}) } };
}
