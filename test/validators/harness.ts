// Test support for the validators: the IR of a spec, its generated validators module (written
// to a temp folder and bundled with esbuild, so tests run the exact emitted code), and ajv
// oracles compiled from the same IR through test/validators/json-schema.ts.
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { EmittedFile } from '../../generator/emit/emitted-file.js';
import { emitValidators } from '../../generator/emit/validators/module.js';
import { loadSpec } from '../../generator/load/load-spec.js';
import { buildModel } from '../../generator/model/build-model.js';
import type { IrApi } from '../../generator/model/ir.js';
import { generate } from '../../generator/pipeline.js';
import { validateSpec } from '../../generator/validate/validate-spec.js';

export interface Issue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** The parts of a generated validators module the tests use, by schema name. */
export type ValidatorsModule = Record<string, unknown>;

export type Validate = (value: unknown, mode?: 'loose' | 'request' | 'strict') => readonly Issue[];

export async function specIr(spec: string): Promise<IrApi> {
  const loaded = loadSpec(spec, await readFile(spec, 'utf8'));
  return buildModel(await validateSpec(loaded)).api;
}

const bundles = new Map<string, Promise<string>>();

/** Generates `spec` in memory, writes `src/` to a temp folder and bundles `entry` to one ES module file. */
export function bundleGenerated(spec: string, entry = 'src/validators.ts'): Promise<string> {
  const key = `${spec}\0${entry}`;
  let bundle = bundles.get(key);
  if (bundle === undefined) {
    bundle = generate({ spec, write: false }).then(({ files }) => bundleFiles(files, entry));
    bundles.set(key, bundle);
  }
  return bundle;
}

/** Writes generated files to a fresh temp folder; returns the folder. */
export function writeFiles(files: readonly EmittedFile[]): string {
  const root = mkdtempSync(join(tmpdir(), 'sdkgen-validators-'));
  for (const file of files) {
    const path = join(root, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
  }
  return root;
}

/** Writes generated files to a fresh temp folder and bundles `entry`; returns the bundle's path. */
export async function bundleFiles(files: readonly EmittedFile[], entry: string): Promise<string> {
  const root = writeFiles(files);
  const outfile = join(root, 'bundle.mjs');
  await build({ entryPoints: [join(root, entry)], bundle: true, format: 'esm', platform: 'neutral', outfile, logLevel: 'silent' });
  return outfile;
}

export async function loadValidators(spec: string): Promise<ValidatorsModule> {
  return (await import(pathToFileURL(await bundleGenerated(spec)).href)) as ValidatorsModule;
}

/**
 * The validators module alone, emitted straight from the IR (no types, no prettier: much
 * faster than a full generate, for tests that run many specs). Same code, unformatted.
 */
export async function loadValidatorsOnly(api: IrApi): Promise<ValidatorsModule> {
  const files: EmittedFile[] = emitValidators(api, {});
  for (const name of readdirSync('templates/runtime').filter((file) => file.endsWith('.ts'))) {
    files.push({ path: `src/internal/${name}`, text: readFileSync(join('templates/runtime', name), 'utf8') });
  }
  return (await import(pathToFileURL(await bundleFiles(files, 'src/validators.ts')).href)) as ValidatorsModule;
}

export function validatorOf(module: ValidatorsModule, name: string): Validate {
  const validate = (module[name] as { validate?: unknown } | undefined)?.validate ?? module[`validate${name}`];
  if (typeof validate !== 'function')
    throw new Error(`no ${name}.validate (nor a parameter group's validate${name}) in the generated module`);
  return validate as Validate;
}
