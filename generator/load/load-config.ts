// Reads the optional `sdkgen.config.json` / `sdkgen.config.yaml` (or the file given with
// --config). Relative paths in it are relative to the config file's folder. Its `operations` and
// `tags` settings are checked for form here and applied to the spec as a last overlay.
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { UsageError } from '../diagnostics/diagnostic.js';
import { closestMatch } from '../diagnostics/suggest.js';
import { OPERATION_SETTINGS, TAG_SETTINGS } from './apply-overlays.js';
import { yaml } from './yaml-module.js';

export interface SdkgenConfig {
  readonly spec?: string;
  readonly out?: string;
  readonly packageName?: string;
  readonly clientName?: string;
  readonly apiKeyEnv?: string;
  readonly baseURLEnv?: string;
  /** Overlay files, relative to the cwd, applied in this order before any `--overlay`. */
  readonly overlays?: readonly string[];
  /** The config file's text, when it has `operations` or `tags` settings (applied as a last overlay). */
  readonly settings?: { readonly file: string; readonly text: string };
  /** The package's version when it must differ from the API's `info.version` (`sdkgen diff --write-version` sets it). */
  readonly packageVersion?: string;
  readonly templates?: string;
  /** Validators test a pattern only on strings up to this many characters. */
  readonly patternInputLimit?: number;
  /** The config file that was read, if any. */
  readonly file?: string;
}

const NAMES = ['sdkgen.config.json', 'sdkgen.config.yaml', 'sdkgen.config.yml'];
const KEYS = new Set([
  'spec',
  'out',
  'packageName',
  'clientName',
  'packageVersion',
  'apiKeyEnv',
  'baseURLEnv',
  'templates',
  'overlays',
  'operations',
  'tags',
  'patternInputLimit',
]);
const NUMBER_KEYS = new Set(['patternInputLimit']);
const PATH_KEYS = new Set(['spec', 'out', 'templates']);

export async function loadConfig(cwd: string, explicit?: string): Promise<SdkgenConfig> {
  const candidates = explicit !== undefined ? [resolve(cwd, explicit)] : NAMES.map((name) => join(cwd, name));
  for (const file of candidates) {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' && explicit === undefined) return undefined;
      throw new UsageError(`Cannot read the config file ${relative(cwd, file) || file}: ${error.code ?? error.message}.`);
    });
    if (text === undefined) continue;
    return parseConfig(text, file, cwd);
  }
  return {};
}

function parseConfig(text: string, file: string, cwd: string): SdkgenConfig {
  const shown = relative(cwd, file) || file;
  let data: unknown;
  try {
    data = file.endsWith('.json') ? JSON.parse(text) : yaml().parse(text);
  } catch (error) {
    throw new UsageError(`${shown} is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new UsageError(`${shown} must hold an object of settings (${[...KEYS].join(', ')}).`);
  const config: Record<string, string | number | readonly string[]> = {};
  let hasSettings = false;
  for (const [key, value] of Object.entries(data)) {
    if (!KEYS.has(key)) throw new UsageError(`${shown}: unknown setting "${key}"; the settings are ${[...KEYS].join(', ')}.`);
    if (key === 'overlays') {
      if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string' || entry === ''))
        throw new UsageError(`${shown}: "overlays" must be a list of overlay file paths, relative to ${shown}.`);
      config[key] = (value as string[]).map((entry) => relative(cwd, resolve(dirname(file), entry)) || '.');
      continue;
    }
    if (key === 'operations' || key === 'tags') {
      checkSettings(shown, key, value);
      hasSettings = true;
      continue;
    }
    if (NUMBER_KEYS.has(key)) {
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
        throw new UsageError(`${shown}: "${key}" must be a whole number, at least 1.`);
      config[key] = value;
      continue;
    }
    if (typeof value !== 'string') throw new UsageError(`${shown}: "${key}" must be a string.`);
    config[key] = PATH_KEYS.has(key) ? relative(cwd, resolve(dirname(file), value)) || '.' : value;
  }
  return { ...config, ...(hasSettings ? { settings: { file: shown, text } } : {}), file: shown };
}

/** `operations: { <operationId>: { resource, method, headers, pagination } }`, `tags: { <name>: { headers } }`. */
function checkSettings(shown: string, key: 'operations' | 'tags', value: unknown): void {
  const allowed = Object.keys(key === 'operations' ? OPERATION_SETTINGS : TAG_SETTINGS);
  const example =
    key === 'operations' ? '{ "createPet": { "headers": { "X-Beta": "pets=v2" } } }' : '{ "pets": { "headers": { "X-Beta": "pets=v2" } } }';
  const isMapping = (entry: unknown): entry is Record<string, unknown> =>
    typeof entry === 'object' && entry !== null && !Array.isArray(entry);
  if (!isMapping(value)) throw new UsageError(`${shown}: "${key}" must be a mapping such as ${example}.`);
  for (const [name, settings] of Object.entries(value)) {
    const where = `${shown}: ${key}.${name}`;
    if (!isMapping(settings)) throw new UsageError(`${where} must be a mapping of ${allowed.join(', ')}.`);
    for (const setting of Object.keys(settings)) {
      if (allowed.includes(setting)) continue;
      const nearest = closestMatch(setting, allowed);
      throw new UsageError(
        `${where}: unknown setting "${setting}"${nearest !== undefined ? `; did you mean "${nearest}"?` : ''}; the settings are ${allowed.join(', ')}.`,
      );
    }
  }
}
