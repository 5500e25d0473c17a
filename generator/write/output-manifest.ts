// The record of what sdkgen wrote into an output folder: `.sdkgen-manifest.json` lists every
// generated file. It decides what sdkgen owns there. sdkgen owns the top-level entries it generates
// now or generated last time (`src/`, `package.json`, ...); every other top-level entry
// (`dist/`, `node_modules/`, `package-lock.json`, `.env`, your own files) is the user's and is
// never read, moved or deleted.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmittedFile } from '../emit/emitted-file.js';

export const MANIFEST_FILE = '.sdkgen-manifest.json';

/** The manifest itself, written with the files it lists (it does not list itself). */
export function manifestFile(files: readonly EmittedFile[]): EmittedFile {
  const paths = files.map((file) => file.path).filter((path) => path !== MANIFEST_FILE);
  const manifest = {
    generator: 'sdkgen',
    note: 'Files sdkgen generated here. sdkgen replaces them on every run and deletes those it no longer generates; it never touches a top-level entry that is not its own.',
    files: [...new Set(paths)].sort(),
  };
  return { path: MANIFEST_FILE, text: `${JSON.stringify(manifest, null, 2)}\n`, isFormatted: true };
}

/**
 * The files listed by the manifest in `dir`; undefined when there is none or it is not one of
 * ours. A path in a top-level entry whose name starts with a dot (`.git/`, `.env`) is dropped:
 * sdkgen generates none but the manifest itself, so a manifest edited by hand or by a bad merge
 * cannot hand sdkgen such an entry to delete from.
 */
export async function readManifest(dir: string): Promise<readonly string[] | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { generator, files } = parsed as { generator?: unknown; files?: unknown };
    if (generator !== 'sdkgen' || !Array.isArray(files)) return undefined;
    return files.filter(
      (path): path is string => typeof path === 'string' && isSafeRelativePath(path) && !topLevelEntry(path).startsWith('.'),
    );
  } catch {
    return undefined;
  }
}

/** A POSIX path inside the folder: no absolute path, no empty, `.` or `..` segment. */
export function isSafeRelativePath(path: string): boolean {
  return (
    path !== '' &&
    !path.startsWith('/') &&
    !path.includes('\\') &&
    path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')
  );
}

/** The first segment of a relative POSIX path. */
export function topLevelEntry(path: string): string {
  const slash = path.indexOf('/');
  return slash === -1 ? path : path.slice(0, slash);
}
