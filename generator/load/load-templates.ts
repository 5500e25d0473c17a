// Reads the built-in templates (this repository's `templates/` folder) and, when given, a user
// folder whose files replace built-in ones by name and may add partials and a `helpers.mjs`.
import { readdir, readFile } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../diagnostics/diagnostic.js';
import type { TemplateHelper, TemplateSource } from './template-set.js';
import { PACKAGE_ROOT } from './package-root.js';

export const BUILTIN_TEMPLATES = join(PACKAGE_ROOT, 'templates');
/** The user's helpers module inside a template folder. */
export const HELPERS_FILE = 'helpers.mjs';

export interface LoadedTemplates {
  readonly sources: Map<string, TemplateSource>;
  readonly helpers: Record<string, TemplateHelper>;
}

/** `shownDir` is how the override folder should appear in messages (as the user gave it). */
export async function loadTemplates(overrideDir?: string, shownDir = overrideDir): Promise<LoadedTemplates> {
  const sources = await readTree(BUILTIN_TEMPLATES, (name) => `templates/${name}`);
  let helpers: Record<string, TemplateHelper> = {};
  if (overrideDir !== undefined) {
    const overrides = await readTree(overrideDir, (name) => join(shownDir ?? overrideDir, name));
    const helperSource = overrides.get(HELPERS_FILE);
    overrides.delete(HELPERS_FILE);
    for (const [name, source] of overrides) sources.set(name, source);
    if (helperSource !== undefined) helpers = await loadHelpers(resolve(overrideDir, HELPERS_FILE), helperSource.origin);
  }
  return { sources, helpers };
}

async function loadHelpers(file: string, shown: string): Promise<Record<string, TemplateHelper>> {
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`Cannot load the template helpers ${shown}: ${(error as Error).message.split('\n')[0]}`);
  }
  const helpers: Record<string, TemplateHelper> = {};
  for (const [name, value] of Object.entries(module)) {
    if (name === 'default') continue;
    if (typeof value !== 'function')
      throw new UsageError(`${shown} exports \`${name}\`, which is not a function; export only helper functions.`);
    helpers[name] = value as TemplateHelper;
  }
  return helpers;
}

async function readTree(dir: string, show: (name: string) => string): Promise<Map<string, TemplateSource>> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    throw new UsageError(`Cannot read the templates folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  files.sort();
  const texts = await Promise.all(files.map((file) => readFile(file, 'utf8')));
  return new Map(
    files.map((file, i) => {
      const name = relative(dir, file).split(sep).join('/');
      return [name, { text: texts[i]!, origin: show(name) }];
    }),
  );
}
