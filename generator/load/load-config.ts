// Reads the optional `sdkgen.config.json` / `sdkgen.config.yaml` (or the file given with
// --config). Relative paths in it are relative to the config file's folder.
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { UsageError } from '../diagnostics/diagnostic.js';

export interface SdkgenConfig {
  readonly spec?: string;
  readonly out?: string;
  readonly packageName?: string;
  readonly clientName?: string;
  /** The package's version when it must differ from the API's `info.version` (`sdkgen diff --write-version` sets it). */
  readonly packageVersion?: string;
  readonly templates?: string;
  /** Validators test a pattern only on strings up to this many characters. */
  readonly patternInputLimit?: number;
  /** The config file that was read, if any. */
  readonly file?: string;
}

const NAMES = ['sdkgen.config.json', 'sdkgen.config.yaml', 'sdkgen.config.yml'];
const KEYS = new Set(['spec', 'out', 'packageName', 'clientName', 'packageVersion', 'templates', 'patternInputLimit']);
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
    data = file.endsWith('.json') ? JSON.parse(text) : parse(text);
  } catch (error) {
    throw new UsageError(`${shown} is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UsageError(`${shown} must hold an object of settings (${[...KEYS].join(', ')}).`);
  const config: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!KEYS.has(key)) throw new UsageError(`${shown}: unknown setting "${key}"; the settings are ${[...KEYS].join(', ')}.`);
    if (NUMBER_KEYS.has(key)) {
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw new UsageError(`${shown}: "${key}" must be a whole number, at least 1.`);
      config[key] = value;
      continue;
    }
    if (typeof value !== 'string') throw new UsageError(`${shown}: "${key}" must be a string.`);
    config[key] = PATH_KEYS.has(key) ? relative(cwd, resolve(dirname(file), value)) || '.' : value;
  }
  return { ...config, file: shown };
}
