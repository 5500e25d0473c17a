// The model of a spec's text as JSON (or the diagnostics that stopped it), made as a watch
// session makes it when given its caches: for the ModelCache tests, on the repo's specs and on
// the published ones.
import { SpecError } from '../../generator/diagnostics/diagnostic.js';
import { loadSpecFiles } from '../../generator/load/load-spec-files.js';
import type { LoadCache } from '../../generator/load/load-spec.js';
import { buildModel } from '../../generator/model/build-model.js';
import type { ModelCache } from '../../generator/model/model-cache.js';
import { validateLater } from '../../generator/validate/validate-spec.js';

export async function modelOf(file: string, text: string, caches?: { load: LoadCache; model: ModelCache }): Promise<string> {
  try {
    const validation = await validateLater(await loadSpecFiles(file, text, file, caches?.load));
    await validation.confirm();
    return JSON.stringify(buildModel(validation.checked, {}, caches?.model));
  } catch (error) {
    if (error instanceof SpecError) return JSON.stringify({ failed: error.diagnostics });
    throw error;
  }
}
