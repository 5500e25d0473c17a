// Every cache a watch session passes (watchCaches: load, model, emit, format, output), over edits
// in a row as an author makes them: each run's files, warnings or errors, and the folder it
// leaves, are a fresh run's. The output is written as the session writes it, so the output cache decides what
// is read back; a fresh generate of the same text into another folder is the reference.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SpecError } from '../../generator/diagnostics/diagnostic.js';
import { type GenerateOptions, generate } from '../../generator/pipeline.js';
import { watchCaches } from '../../generator/watch/watch-caches.js';
import { authorEdit, seeded } from '../load/yaml-edits.js';

const dir = mkdtempSync(join(tmpdir(), 'sdkgen-watch-caches-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SPECS: readonly (readonly [string, number])[] = [
  ['spec/chatkit-sessions.yaml', 8],
  ['test/fixtures/specs/all-schema-constructs.yaml', 5],
];

/** A run's outcome: its warnings, or the diagnostics that stopped it. */
async function outcome(options: GenerateOptions): Promise<string> {
  try {
    const { warnings } = await generate(options);
    return JSON.stringify(warnings);
  } catch (error) {
    if (error instanceof SpecError) return JSON.stringify({ failed: error.diagnostics.map((d) => [d.code, d.message, d.at]) });
    throw error;
  }
}

/** Every file under `root` with its text. */
function tree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (path: string) => {
    for (const name of readdirSync(join(root, path))) {
      const child = path === '' ? name : `${path}/${name}`;
      if (statSync(join(root, child)).isDirectory()) visit(child);
      else files[child] = readFileSync(join(root, child), 'utf8');
    }
  };
  visit('');
  return files;
}

describe('a watch session’s caches', () => {
  it.each(SPECS)('%s: each run after an edit leaves what a fresh run leaves', async (source, edits) => {
    const name = source.replace(/\//g, '_');
    const spec = join(dir, name);
    const watched = join(dir, `${name}-watched`);
    const fresh = join(dir, `${name}-fresh`);
    const caches = watchCaches();
    const next = seeded(edits);
    let text = readFileSync(source, 'utf8');
    let good = text;
    for (let round = 0; round <= edits; round++) {
      writeFileSync(spec, text);
      const got = await outcome({ spec, out: watched, ...caches });
      rmSync(fresh, { recursive: true, force: true });
      const want = await outcome({ spec, out: fresh });
      expect(got, `${source}, edit ${round}`).toBe(want);
      if (want.startsWith('{"failed"')) {
        text = good;
      } else {
        expect(tree(watched), `${source}, edit ${round}`).toEqual(tree(fresh));
        good = text;
      }
      text = authorEdit(text, next);
    }
    // ChatKit's edits reach its checks, and the runs after them replay the named schemas they did not reach
    if (source === 'spec/chatkit-sessions.yaml') expect(caches.emitCache.stats.unitsReplayed).toBeGreaterThan(0);
  });
});
