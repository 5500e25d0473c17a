// A watch session's model and validators on published specs: each takes author-like edits in a
// row, read from the last parse (LoadCache), modelled with the last run's kept schemas
// (ModelCache) and its validators made with the last run's named schemas replayed where
// unchanged (EmitCache), and each run's model (the IR, every warning at its place, or the errors
// that stop it) and validators.ts must be a fresh run's. Run by `npm run test:heavy`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmitCache } from '../../generator/emit/emit-cache.js';
import { LoadCache } from '../../generator/load/load-spec.js';
import { ModelCache } from '../../generator/model/model-cache.js';
import { authorEdit, seeded } from '../load/yaml-edits.js';
import { watchedRun } from '../support/watch-model.js';

const SPECS = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'specs');
const EDITS = 12;

function specFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? specFiles(join(dir, entry.name)) : /\.ya?ml$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

/** The first difference, with some context (a whole model is megabytes). */
function expectSame(watched: string, fresh: string, what: string): void {
  if (watched === fresh) return;
  let at = 0;
  while (watched[at] === fresh[at]) at++;
  expect(watched.slice(Math.max(0, at - 300), at + 300), what).toBe(fresh.slice(Math.max(0, at - 300), at + 300));
}

describe('the watch model and validators on published specs', () => {
  const files = [...specFiles(join(SPECS, 'real')), join(SPECS, 'openai-openapi.yaml')].sort();

  it.each(files.map((file, index) => [relative(SPECS, file), file, index] as const))(
    '%s: edits in a row model and validate as a fresh run of the same text',
    async (name, file, index) => {
      const next = seeded(index + 101);
      const caches = { load: new LoadCache(), model: new ModelCache(), emit: new EmitCache() };
      let text = readFileSync(file, 'utf8');
      let good = text;
      for (let round = 0; round <= EDITS; round++) {
        const watched = await watchedRun(file, text, caches);
        const fresh = await watchedRun(file, text);
        expectSame(watched.model, fresh.model, `${name}, edit ${round}: the model`);
        expectSame(watched.validators, fresh.validators, `${name}, edit ${round}: validators.ts`);
        if (watched.model.startsWith('{"failed"')) text = good;
        else good = text;
        text = authorEdit(text, next);
      }
    },
  );
});
