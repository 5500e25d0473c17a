// A whole folder as data, to compare trees exactly: every file (its text), symbolic link
// (`-> destination`) and empty folder (`path/`).
import { readdir, readFile, readlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export async function snapshotTree(dir: string): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {};
  const visit = async (relative: string): Promise<void> => {
    const entries = await readdir(join(dir, relative), { withFileTypes: true });
    if (entries.length === 0 && relative !== '') snapshot[`${relative}/`] = '';
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) await visit(path);
      else if (entry.isSymbolicLink()) snapshot[path] = `-> ${await readlink(join(dir, path))}`;
      else snapshot[path] = await readFile(join(dir, path), 'utf8');
    }
  };
  await visit('');
  return snapshot;
}

/** The snapshot, or 'absent' when the folder does not exist. */
export async function snapshotOrAbsent(dir: string): Promise<Record<string, string> | 'absent'> {
  return snapshotTree(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return 'absent' as const;
    throw error;
  });
}

/** What sdkgen left beside a target folder (`.<name>.sdkgen-*`). */
export async function leftovers(target: string): Promise<string[]> {
  return (await readdir(dirname(target))).filter((name) => name.includes('.sdkgen-')).sort();
}
