// A watch session's model on published specs: each takes author-like edits in a row, read from the
// last parse (LoadCache) and modelled with the last run's kept schemas (ModelCache), and each
// run's model (the IR, every warning at its place, or the errors that stop it) must be a fresh
// run's. Run by `npm run test:heavy`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoadCache } from '../../generator/load/load-spec.js';
import { ModelCache } from '../../generator/model/model-cache.js';
import { authorEdit, seeded } from '../load/yaml-edits.js';
import { modelOf } from '../support/watch-model.js';

const SPECS = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'specs');
const EDITS = 12;

function specFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? specFiles(join(dir, entry.name)) : /\.ya?ml$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

describe('the watch model on published specs', () => {
  const files = [...specFiles(join(SPECS, 'real')), join(SPECS, 'openai-openapi.yaml')].sort();

  it.each(files.map((file, index) => [relative(SPECS, file), file, index] as const))(
    '%s: edits in a row model as a fresh run of the same text',
    async (name, file, index) => {
      const next = seeded(index + 101);
      const caches = { load: new LoadCache(), model: new ModelCache() };
      let text = readFileSync(file, 'utf8');
      let good = text;
      for (let round = 0; round <= EDITS; round++) {
        const watched = await modelOf(file, text, caches);
        const fresh = await modelOf(file, text);
        if (watched !== fresh) {
          // the first difference, with some context (a whole model is megabytes)
          let at = 0;
          while (watched[at] === fresh[at]) at++;
          expect(watched.slice(Math.max(0, at - 300), at + 300), `${name}, edit ${round}`).toBe(
            fresh.slice(Math.max(0, at - 300), at + 300),
          );
        }
        if (watched.startsWith('{"failed"')) text = good;
        else good = text;
        text = authorEdit(text, next);
      }
    },
  );
});
