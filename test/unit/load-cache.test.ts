// A watch session reads an edited spec from its last parse (LoadCache): the values it keeps are
// shared with the next run, so no stage may change them. Each run here is on a parse frozen
// whole, where any change throws; its output must be a fresh run's. With the config file's
// settings (which change the document), a run must work on its own copy.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type GenerateOptions, generate } from '../../generator/pipeline.js';
import { watchCaches } from '../../generator/watch/watch-caches.js';

const dir = mkdtempSync(join(tmpdir(), 'sdkgen-load-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each spec, and a config file whose settings change one of its operations. */
const SPECS: readonly (readonly [string, string])[] = [
  ['spec/chatkit-sessions.yaml', '{ "operations": { "createChatKitSession": { "headers": { "X-Watch": "on" } } } }'],
  ['test/fixtures/specs/all-schema-constructs.yaml', '{ "tags": {} }'],
  ['test/fixtures/specs/pagination.yaml', '{ "tags": {} }'],
];

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

async function files(options: GenerateOptions): Promise<Map<string, string>> {
  const { files } = await generate({ ...options, write: false });
  return new Map(files.map((file) => [file.path, file.text]));
}

/** The spec's first one-line description with a word added, then a string property added to its first `properties`. */
function edits(text: string): string[] {
  const described = text.replace(/^(\s+description: )([A-Za-z][^\n]*)$/m, '$1Edited, $2');
  const added = described.replace(/\n( +)properties:\n/, '\n$1properties:\n$1  added_in_watch:\n$1    type: string\n');
  return [described, added];
}

describe('LoadCache', () => {
  it.each(SPECS)('%s: edits read from a frozen last parse give a fresh run’s output', async (source, settingsText) => {
    const spec = join(dir, source.replace(/\//g, '_'));
    const config = { file: 'sdkgen.config.json', text: settingsText };
    for (const settings of [undefined, config]) {
      // with every cache a watch session passes; the model's kept IR is frozen too (model-cache.ts):
      // the emitters must not change it either
      const caches = watchCaches();
      const cache = caches.loadCache;
      const fresh: GenerateOptions = { spec, ...(settings ? { settings } : {}) };
      const options: GenerateOptions = { ...fresh, ...caches };
      let text = readFileSync(source, 'utf8');
      writeFileSync(spec, text);
      await files(options);
      for (const changed of edits(text)) {
        expect(changed).not.toBe(text);
        // what the last run parsed, frozen: the cache gives it back for the same text
        deepFreeze(cache.fastLoad(spec, text)!.root);
        writeFileSync(spec, changed);
        expect(await files(options)).toEqual(await files(fresh));
        text = changed;
      }
      // the first run and the two repeats of a text read it whole; the edits, from the last parse
      expect(cache.stats).toEqual({ whole: 1, edited: 4 });
    }
  });
});
