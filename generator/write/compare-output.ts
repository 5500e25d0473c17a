// Compares emitted files with a folder on disk: what would be created, changed or deleted.
// `compareOutput` is what `--check` and a write see in an output folder (only sdkgen's own
// entries count); `readTree` + `compareTree` compare a whole folder (the golden tests).
import { lstat, readdir, readFile } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { join } from 'node:path';
import type { EmittedFile } from '../emit/emitted-file.js';
import { UsageError } from '../diagnostics/diagnostic.js';
import type { OutputCache } from './output-cache.js';
import { MANIFEST_FILE, topLevelEntry } from './output-manifest.js';

export interface TreeDifference {
  readonly created: readonly string[];
  readonly changed: readonly string[];
  readonly deleted: readonly string[];
  readonly unchanged: readonly string[];
}

/** compareOutput's difference, and the user's files it found inside sdkgen's entries (kept). */
export interface OutputDifference extends TreeDifference {
  readonly userFiles: readonly string[];
  /** The changed files that differ only in their line endings (CRLF, as a Windows checkout writes them). */
  readonly lineEndings: readonly string[];
}

/**
 * Files under `dir`, by POSIX relative path. `node_modules/`, `dist/` (build output) and
 * `*.tgz` (packs) at the top are not read, nor is sdkgen's manifest.
 */
export async function readTree(dir: string): Promise<Map<string, string>> {
  const tree = new Map<string, string>();
  const paths = await listFiles(dir, '', (path) => !isIgnored(path) && path !== MANIFEST_FILE);
  const texts = await Promise.all(paths.map((path) => readFile(join(dir, path), 'utf8')));
  paths.forEach((path, i) => tree.set(path, texts[i]!));
  return tree;
}

/** Entries an output folder keeps whatever sdkgen generates: build output, installed modules, packs. */
export function isIgnored(path: string): boolean {
  return /^(node_modules|dist)(\/|$)/.test(path) || path.endsWith('.tgz');
}

export function compareTree(existing: ReadonlyMap<string, string>, files: readonly EmittedFile[]): TreeDifference {
  return differenceOf(files, existing, existing.keys());
}

/**
 * Each emitted file as created (no text before), changed or unchanged, and every existing path
 * that is not emitted as deleted. `before` holds what a path held: text, or null for a folder
 * where a file goes (changed).
 */
function differenceOf(
  files: readonly EmittedFile[],
  before: ReadonlyMap<string, string | null>,
  existing: Iterable<string>,
): TreeDifference {
  const created: string[] = [];
  const changed: string[] = [];
  const unchanged: string[] = [];
  const emitted = new Set<string>();
  for (const file of files) {
    emitted.add(file.path);
    const text = before.get(file.path);
    if (text === undefined) created.push(file.path);
    else if (text !== file.text) changed.push(file.path);
    else unchanged.push(file.path);
  }
  const deleted = [...existing].filter((path) => !emitted.has(path));
  return { created: created.sort(), changed: changed.sort(), deleted: deleted.sort(), unchanged: unchanged.sort() };
}

export function isSameTree(difference: TreeDifference): boolean {
  return difference.created.length + difference.changed.length + difference.deleted.length === 0;
}

/**
 * How the output folder `dir` differs from `files` under the ownership rule: sdkgen owns the
 * top-level entries it generates now or listed in its manifest last time (`previous`). Only
 * those are read, and every other top-level entry is left alone and never read. In them, a file
 * the manifest lists and that is not generated any more is deleted; any other file there is the
 * user's (`src/custom.ts`) and is kept, unless a generated file needs its place, which is refused.
 * A folder from before the manifest (`previous` undefined) has no such record: every file in
 * sdkgen's entries that is not generated any more is deleted. A file whose place holds a folder
 * of sdkgen's counts as changed.
 */
export async function compareOutput(
  dir: string,
  files: readonly EmittedFile[],
  previous: readonly string[] | undefined,
  shown: string = dir,
  cache?: OutputCache,
): Promise<OutputDifference> {
  const owned = new Set([...files.map((file) => file.path), ...(previous ?? [])].map(topLevelEntry).filter((entry) => !isIgnored(entry)));
  const found = new Set((await Promise.all([...owned].sort().map((entry) => listFiles(dir, entry, () => true)))).flat());
  const ours = previous === undefined ? undefined : new Set([...previous, MANIFEST_FILE]);
  const generated = new Map(files.map((file) => [file.path, file.text]));
  const notOurs = ours === undefined ? [] : [...found].filter((path) => !ours.has(path));
  const userFiles = new Set(notOurs.filter((path) => !generated.has(path)));
  const existing = new Set([...found].filter((path) => !userFiles.has(path)));
  const before = new Map<string, string | null>();
  await Promise.all(
    files.map(async (file) => {
      const path = join(dir, file.path);
      const read = cache === undefined ? readFile(path, 'utf8') : cache.read(path);
      const text = await read.catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
        if (error.code === 'EISDIR') return null;
        throw error;
      });
      if (text !== undefined) before.set(file.path, text);
    }),
  );
  refuseDisplaced(notOurs, generated, before, shown);
  const difference = differenceOf(files, before, existing);
  for (const path of difference.unchanged) cache?.adopt(join(dir, path), generated.get(path)!);
  const lineEndings = difference.changed.filter((path) => {
    const text = before.get(path);
    return typeof text === 'string' && text.includes('\r\n') && text.replace(/\r\n/g, '\n') === generated.get(path);
  });
  return { ...difference, userFiles: [...userFiles], lineEndings };
}

/**
 * Refuses a write that would replace a file of the user's inside sdkgen's entries (one its
 * manifest does not list): a generated file at the same path with other text, or a generated
 * file where a folder holding it is.
 */
function refuseDisplaced(
  notOurs: readonly string[],
  generated: ReadonlyMap<string, string>,
  before: ReadonlyMap<string, string | null>,
  shown: string,
): void {
  const displaced = notOurs.filter((path) => {
    // a file that already holds what sdkgen generates there loses nothing
    if (generated.has(path)) return before.get(path) !== generated.get(path);
    const parts = path.split('/');
    return parts.some((_, i) => generated.has(parts.slice(0, i + 1).join('/')));
  });
  if (displaced.length === 0) return;
  throw new UsageError(
    `${shown}: sdkgen now generates where ${displaced.length === 1 ? 'a file' : 'files'} of yours ${displaced.length === 1 ? 'is' : 'are'} (${displaced
      .slice(0, 5)
      .join(
        ', ',
      )}${displaced.length > 5 ? ', …' : ''}: not in ${MANIFEST_FILE}, so not sdkgen's). Nothing was changed; move ${displaced.length === 1 ? 'it' : 'them'} out of the way and run again.`,
  );
}

/**
 * Files (and symbolic links, which are not followed) at or under `start` (a relative path,
 * '' for the whole folder) for which `keep` holds, sorted; missing paths give none. A folder
 * whose path `keep` refuses is not entered.
 */
async function listFiles(dir: string, start: string, keep: (path: string) => boolean): Promise<string[]> {
  const found: string[] = [];
  const visit = async (path: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(path === '' ? dir : join(dir, path), { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return;
      throw error;
    }
    await Promise.all(
      entries.map(async (entry) => {
        const child = path === '' ? entry.name : `${path}/${entry.name}`;
        if (!keep(child)) return;
        if (entry.isDirectory()) await visit(child);
        else found.push(child);
      }),
    );
  };
  if (start === '') await visit('');
  else {
    const info = await lstat(join(dir, start)).catch(() => undefined);
    if (info?.isDirectory()) await visit(start);
    else if (info !== undefined && keep(start)) found.push(start);
  }
  return found.sort();
}
