// The top-level entries of an output folder that sdkgen does not own (`dist/`, `node_modules/`,
// `package-lock.json`, `.env`, the user's notes): kept on every run, and listed when they first
// appear. Which lists a user has already been shown is remembered per output folder in the user's
// cache folder, never in the output: the output (and its manifest) must stay the same on every
// machine, whatever each one has built or installed there.
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { MANIFEST_FILE, topLevelEntry } from './output-manifest.js';

/** How many output folders the memory holds; the least recently changed are forgotten first. */
const REMEMBERED_FOLDERS = 1000;

/**
 * The top-level entries of `dir` that are neither generated now nor listed in the previous
 * manifest, sorted (case-insensitive), folders with a trailing `/`. Lists only the folder itself.
 */
export async function keptEntries(dir: string, generated: readonly string[], previous: readonly string[] | undefined): Promise<string[]> {
  const owned = new Set([...generated, ...(previous ?? []), MANIFEST_FILE].map(topLevelEntry));
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => !owned.has(entry.name))
    .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name))
    .sort((a, b) => byCodeUnit(a.toLowerCase(), b.toLowerCase()) || byCodeUnit(a, b));
}

/** `kept 3 entries sdkgen does not own: dist/, node_modules/, NOTES.md` (at most 10 named). */
export function describeKept(kept: readonly string[]): string {
  const shown = kept.slice(0, 10).join(', ');
  const more = kept.length > 10 ? ` and ${kept.length - 10} more` : '';
  return `kept ${kept.length} ${kept.length === 1 ? 'entry' : 'entries'} sdkgen does not own: ${shown}${more} (never read, moved or deleted)`;
}

/**
 * Records `kept` as the list shown for the output folder `folder` (a real path) and says whether
 * it differs from the one recorded before, i.e. whether to show it. A memory that cannot be read
 * or written only means the list is shown again: it never fails a run.
 */
export async function rememberKept(
  folder: string,
  kept: readonly string[],
  memoryFile: string | undefined = keptMemoryFile(),
): Promise<boolean> {
  if (memoryFile === undefined) return kept.length > 0;
  const folders = await readMemory(memoryFile);
  const before = folders.get(folder) ?? [];
  if (before.length === kept.length && before.every((entry, i) => entry === kept[i])) return false;
  folders.delete(folder);
  if (kept.length > 0) folders.set(folder, [...kept]);
  for (const oldest of [...folders.keys()].slice(0, Math.max(0, folders.size - REMEMBERED_FOLDERS))) folders.delete(oldest);
  try {
    await mkdir(dirname(memoryFile), { recursive: true });
    const temporary = `${memoryFile}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify({ generator: 'sdkgen', folders: Object.fromEntries(folders) })}\n`);
    await rename(temporary, memoryFile);
  } catch {
    // a read-only home: the list is shown again next time
  }
  return kept.length > 0;
}

/** `$XDG_CACHE_HOME/sdkgen/kept-entries.json`, else the platform's cache folder; undefined without a home. */
export function keptMemoryFile(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const xdg = env['XDG_CACHE_HOME'];
  let cache: string | undefined;
  if (xdg !== undefined && isAbsolute(xdg)) cache = xdg;
  else if (platform === 'win32') cache = env['LOCALAPPDATA'];
  else {
    const home = safeHomedir();
    if (home !== undefined) cache = platform === 'darwin' ? join(home, 'Library', 'Caches') : join(home, '.cache');
  }
  return cache === undefined || cache === '' ? undefined : join(cache, 'sdkgen', 'kept-entries.json');
}

async function readMemory(file: string): Promise<Map<string, readonly string[]>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    const folders = (parsed as { folders?: unknown } | null)?.folders;
    if (typeof folders !== 'object' || folders === null) return new Map();
    return new Map(
      Object.entries(folders).filter(
        (entry): entry is [string, string[]] => Array.isArray(entry[1]) && entry[1].every((name) => typeof name === 'string'),
      ),
    );
  } catch {
    return new Map();
  }
}

function safeHomedir(): string | undefined {
  try {
    return homedir() || undefined;
  } catch {
    return undefined;
  }
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
