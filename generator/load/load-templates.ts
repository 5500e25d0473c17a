// Reads the built-in templates (this repository's `templates/` folder) and, when given, a user
// folder whose files replace built-in ones by name. Disk access, like load-spec's caller.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BUILTIN_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

export async function loadTemplates(overrideDir?: string): Promise<Map<string, string>> {
  const sources = await readTree(BUILTIN_TEMPLATES);
  if (overrideDir !== undefined) for (const [name, text] of await readTree(overrideDir)) sources.set(name, text);
  return sources;
}

async function readTree(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  files.sort();
  const texts = await Promise.all(files.map((file) => readFile(file, 'utf8')));
  return new Map(files.map((file, i) => [relative(dir, file).split(sep).join('/'), texts[i]!]));
}
