// The diff's own load step: reads one spec and builds its IR with the generator's stages
// (load -> validate -> model), as pipeline.ts does. The only file of generator/diff that
// touches the disk.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SpecError, UsageError } from '../diagnostics/diagnostic.js';
import { loadSpecFiles } from '../load/load-spec-files.js';
import { buildModel } from '../model/build-model.js';
import { validateSpec } from '../validate/validate-spec.js';
import type { LoadedApi } from './diff-context.js';

/**
 * `file` is read relative to `cwd` and reported as given. Throws a SpecError holding the file's
 * text (for code frames) when the spec has errors, and a UsageError when it cannot be read.
 */
export async function loadApi(file: string, cwd: string = process.cwd()): Promise<LoadedApi> {
  const text = await readSpec(file, cwd);
  let sources: ReadonlyMap<string, string> = new Map([[file, text]]);
  try {
    const spec = await loadSpecFiles(file, text, resolve(cwd, file)); // a spec split over files too
    sources = spec.sources;
    const checked = await validateSpec(spec);
    const { api } = buildModel(checked);
    return { file, api, locate: checked.locate };
  } catch (error) {
    if (error instanceof SpecError) throw new SpecError(error.diagnostics, new Map([...sources, ...error.sources, [file, text]]));
    throw error;
  }
}

async function readSpec(file: string, cwd: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `Cannot read the spec ${file}: no such file.` : `Cannot read the spec ${file}: ${code ?? String(error)}.`);
  }
}
