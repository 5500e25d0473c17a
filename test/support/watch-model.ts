// The model of a spec's text as JSON (or the diagnostics that stopped it), and its validators.ts,
// made as a watch session makes them when given its caches: for the ModelCache and EmitCache
// tests, on the repo's specs and on the published ones.
import { SpecError } from '../../generator/diagnostics/diagnostic.js';
import type { EmitCache } from '../../generator/emit/emit-cache.js';
import { emitValidators } from '../../generator/emit/validators/module.js';
import { loadSpecFiles } from '../../generator/load/load-spec-files.js';
import type { LoadCache } from '../../generator/load/load-spec.js';
import { buildModel } from '../../generator/model/build-model.js';
import type { ModelCache } from '../../generator/model/model-cache.js';
import { validateLater } from '../../generator/validate/validate-spec.js';

export async function modelOf(file: string, text: string, caches?: { load: LoadCache; model: ModelCache }): Promise<string> {
  return (await watchedRun(file, text, caches)).model;
}

/**
 * The model as modelOf gives it, and validators.ts as the session's EmitCache makes it when
 * `caches` has one (the last run's named schemas replayed where unchanged), else fresh; when the
 * model or the validators fail, their diagnostics as JSON in both.
 */
export async function watchedRun(
  file: string,
  text: string,
  caches?: { load: LoadCache; model: ModelCache; emit?: EmitCache },
): Promise<{ readonly model: string; readonly validators: string }> {
  try {
    const validation = await validateLater(await loadSpecFiles(file, text, file, caches?.load));
    await validation.confirm();
    const built = buildModel(validation.checked, {}, caches?.model);
    const model = JSON.stringify(built);
    try {
      const [validators] = emitValidators(built.api, caches?.emit === undefined ? {} : { cache: caches.emit });
      return { model, validators: validators!.text };
    } catch (error) {
      if (error instanceof SpecError) return { model, validators: JSON.stringify({ failed: error.diagnostics }) };
      throw error;
    }
  } catch (error) {
    if (error instanceof SpecError) {
      const failed = JSON.stringify({ failed: error.diagnostics });
      return { model: failed, validators: failed };
    }
    throw error;
  }
}
