// Compares emitted files with a folder on disk: what would be created, changed or deleted.
// Used by `--check`, by the summary line, and by the golden tests.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { EmittedFile } from '../emit/emitted-file.js';

export interface TreeDifference {
  readonly created: readonly string[];
  readonly changed: readonly string[];
  readonly deleted: readonly string[];
  readonly unchanged: readonly string[];
}

/** Files under `dir`, by POSIX relative path; `node_modules` and `dist` (build output) are not ours. */
export async function readTree(dir: string): Promise<Map<string, string>> {
  const tree = new Map<string, string>();
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return tree;
    throw error;
  }
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((path) => !isIgnored(path))
    .sort();
  const texts = await Promise.all(files.map((path) => readFile(join(dir, path), 'utf8')));
  files.forEach((path, i) => tree.set(path, texts[i]!));
  return tree;
}

export function isIgnored(path: string): boolean {
  return /^(node_modules|dist)(\/|$)/.test(path) || path.endsWith('.tgz');
}

export function compareTree(existing: ReadonlyMap<string, string>, files: readonly EmittedFile[]): TreeDifference {
  const created: string[] = [];
  const changed: string[] = [];
  const unchanged: string[] = [];
  const emitted = new Set<string>();
  for (const file of files) {
    emitted.add(file.path);
    const before = existing.get(file.path);
    if (before === undefined) created.push(file.path);
    else if (before !== file.text) changed.push(file.path);
    else unchanged.push(file.path);
  }
  const deleted = [...existing.keys()].filter((path) => !emitted.has(path));
  return { created: created.sort(), changed: changed.sort(), deleted: deleted.sort(), unchanged: unchanged.sort() };
}

export function isSameTree(difference: TreeDifference): boolean {
  return difference.created.length + difference.changed.length + difference.deleted.length === 0;
}
