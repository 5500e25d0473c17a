// Every real spec, and the whole OpenAI spec, read both ways (js-yaml's fast path and yaml's,
// test/load/yaml-paths.ts): the same value and the same place for every node. Each is also
// read as JSON (its value printed with two-space indents), the other form specs are published
// in. All of them must take the fast path: a change of js-yaml that sent them to yaml would be
// a silent slowdown. Each then takes 12 random edits in a row, read from the last parse as a watch
// session reads them (fast-yaml-edit.ts), which must give the whole text's parse. Run by
// `npm run test:heavy`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../generator/load/load-spec.js';
import { editsInARow } from '../load/yaml-edits.js';
import { expectSameAsYaml } from '../load/yaml-paths.js';

const SPECS = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'specs');

function specFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? specFiles(join(dir, entry.name)) : /\.(ya?ml|json)$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

describe('the fast YAML path on published specs', () => {
  const files = [...specFiles(join(SPECS, 'real')), join(SPECS, 'openai-openapi.yaml')].sort();

  it('covers the whole corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(58);
  });

  it.each(files.map((file) => [relative(SPECS, file), file]))('%s: fast, and the same as yaml, as YAML and as JSON', (name, file) => {
    const text = readFileSync(file, 'utf8');
    expect(expectSameAsYaml(name, text)).toBe(true);
    const json = JSON.stringify(loadSpec(name, text, { useYaml: true }).root, null, 2);
    expect(expectSameAsYaml(name.replace(/\.ya?ml$/, '.json'), json)).toBe(true);
  });

  it.each(files.filter((file) => /\.ya?ml$/.test(file)).map((file, index) => [relative(SPECS, file), file, index]))(
    '%s: random edits read from the last parse are read as the whole text is',
    (name, file, index) => {
      editsInARow(name, readFileSync(file, 'utf8'), 12, index + 1);
    },
  );
});
