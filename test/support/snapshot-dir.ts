// Files, bytes and mtimes of a folder, to prove a failed run touched nothing.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

export async function snapshotDir(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const snapshot = new Map<string, string>();
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    const info = await stat(path);
    const content = entry.isFile() ? await readFile(path, 'utf8') : '<dir>';
    snapshot.set(relative(dir, path), `${info.mtimeMs} ${content}`);
  }
  return snapshot;
}
