// The diff's own load step: reads one spec and builds its IR with the generator's stages
// (load -> validate -> model), as pipeline.ts does. The only file of generator/diff that
// touches the disk.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SpecError, UsageError } from '../diagnostics/diagnostic.js';
import { applyOverlays } from '../load/apply-overlays.js';
import { loadSpecFiles } from '../load/load-spec-files.js';
import { buildModel } from '../model/build-model.js';
import { validateSpec } from '../validate/validate-spec.js';
import type { LoadedApi } from './diff-context.js';

/**
 * `file` is read relative to `cwd` and reported as given. Throws a SpecError holding the file's
 * text (for code frames) when the spec has errors, and a UsageError when it cannot be read.
 */
export async function loadApi(file: string, cwd: string = process.cwd(), overlays: readonly string[] = []): Promise<LoadedApi> {
  const text = await readSpec(file, cwd);
  const overlayTexts = await Promise.all(
    overlays.map(async (overlay) => ({ file: overlay, text: await readSpec(overlay, cwd, 'overlay') })),
  );
  let sources: ReadonlyMap<string, string> = new Map([[file, text]]);
  try {
    const bundled = await loadSpecFiles(file, text, resolve(cwd, file)); // a spec split over files too
    sources = bundled.sources;
    // the same overlays on both sides: the names and settings they give are compared, not added
    const spec = applyOverlays(bundled, overlayTexts).spec;
    sources = spec.sources;
    const checked = await validateSpec(spec);
    const { api } = buildModel(checked);
    return { file, api, locate: checked.locate };
  } catch (error) {
    if (error instanceof SpecError) throw new SpecError(error.diagnostics, new Map([...sources, ...error.sources, [file, text]]));
    throw error;
  }
}

async function readSpec(file: string, cwd: string, what: 'spec' | 'overlay' = 'spec'): Promise<string> {
  try {
    return await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `Cannot read the ${what} ${file}: no such file.` : `Cannot read the ${what} ${file}: ${code ?? String(error)}.`,
    );
  }
}
