// A watch session reads an edited spec from its last parse (fast-yaml-edit.ts): only the lines
// the edit changed are parsed again. Whatever the edit, the result must be the whole text's
// parse: the same value and the same place for every node, or no result (the caller then parses
// the whole text). Random edits of every kind, one after another from the edited parse, on the
// specs of this repo; and the edits a spec author makes, which must take the short way.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fastLoad } from '../../generator/load/fast-yaml.js';
import { commonEnds, fastLoadAfter } from '../../generator/load/fast-yaml-edit.js';
import { LoadCache, loadSpec, MAX_NESTING } from '../../generator/load/load-spec.js';
import { editsInARow, expectSame, randomEdit, seeded } from './yaml-edits.js';

const SPECS = ['spec/chatkit-sessions.yaml', ...readdirSync('test/fixtures/specs').map((name) => `test/fixtures/specs/${name}`)];

describe('reading an edit from the last parse', () => {
  it('gives the whole text parse, or nothing, after 60 random edits in a row of each spec', () => {
    let edited = 0;
    SPECS.forEach((file, index) => {
      edited += editsInARow(file, readFileSync(file, 'utf8'), 60, index + 1);
    });
    // most random edits land inside one block mapping and are read alone
    expect(edited / (60 * SPECS.length)).toBeGreaterThan(0.4);
  });

  it('gives the whole text parse, or nothing, after edits of every YAML form, with LF and CRLF line ends', () => {
    const text = readFileSync('test/fixtures/yaml/block-styles.yaml', 'utf8');
    let edited = 0;
    for (let seed = 1; seed <= 8; seed++) {
      edited += editsInARow('block-styles.yaml', text, 40, seed);
      edited += editsInARow('block-styles.yaml (CRLF)', text.replace(/\n/g, '\r\n'), 40, seed);
    }
    expect(edited / (2 * 8 * 40)).toBeGreaterThan(0.3);
  });

  it('reads a description changed, a property added and a line removed from the lines they touch', () => {
    const text = readFileSync('spec/chatkit-sessions.yaml', 'utf8');
    const cache = new LoadCache();
    cache.fastLoad('spec.yaml', text);
    const description = text.replace('Parameters for provisioning', 'Edited parameters for provisioning');
    const property = description.replace(/\n( +)properties:\n/, '\n$1properties:\n$1  added:\n$1    type: string\n');
    const removed = property.replace(/\n +added:\n +type: string\n/, '\n');
    let previous = text;
    for (const changed of [description, property, removed]) {
      expect(changed).not.toBe(previous);
      const loaded = cache.fastLoad('spec.yaml', changed);
      expectSame(loaded!, changed, 'an author edit');
      previous = changed;
    }
    expect(cache.stats).toEqual({ edited: 3, whole: 1 });
  });

  it('reads the whole text when an edit leaves the block it is in', () => {
    const text = 'openapi: 3.1.0\ninfo:\n  title: A\n  version: "1"\npaths: {}\n';
    const state = fastLoad(text, MAX_NESTING)!.state;
    // a key outdented to the top level, a flow mapping, an anchor, a tab and a comment at the top level
    for (const changed of [
      text.replace('  version', 'version'),
      text.replace('  title: A', '  title: {a: [1,'),
      text.replace('title: A', 'title: &x A'),
      text.replace('  version', '\tversion'),
      text.replace('  version', '# note\n  version'),
    ]) {
      expect(fastLoadAfter(state, changed, MAX_NESTING), JSON.stringify(changed)).toBeUndefined();
    }
    // a comment line that closes a block, made a key of the block's parent
    const commented = 'a:\n  b:\n    c: 1\n  # d: 2\n\ne: 3\n';
    const before = fastLoad(commented, MAX_NESTING)!.state;
    for (const changed of [commented.replace('# d', 'd'), commented.replace('  # d', '# d'), commented.replace('c: 1', 'c: 11')]) {
      const loaded = fastLoadAfter(before, changed, MAX_NESTING);
      if (loaded !== undefined) expectSame(loaded, changed, JSON.stringify(changed));
    }
    // a JSON spec is one flow mapping: always read whole
    const json = '{\n  "openapi": "3.1.0",\n  "info": {\n    "title": "A",\n    "version": "1"\n  }\n}\n';
    expect(fastLoadAfter(fastLoad(json, MAX_NESTING)!.state, json.replace('"A"', '"B"'), MAX_NESTING)).toBeUndefined();
  });

  it('finds the shared start and end of two texts as a character-by-character comparison does, across its chunks', () => {
    /** The shared start, then the shared end of the rest, a character at a time. */
    const plain = (old: string, text: string) => {
      const shorter = Math.min(old.length, text.length);
      let prefix = 0;
      while (prefix < shorter && old[prefix] === text[prefix]) prefix++;
      let suffix = 0;
      while (suffix < shorter - prefix && old[old.length - 1 - suffix] === text[text.length - 1 - suffix]) suffix++;
      return { prefix, suffix };
    };
    const next = seeded(21);
    const base = readFileSync('spec/chatkit-sessions.yaml', 'utf8');
    for (let round = 0; round < 300; round++) {
      // texts of up to a few chunks (4,096 characters), an edit anywhere, at a chunk's edge now and then
      const old = base.slice(0, next(3 * 4096 + 10));
      const at = next(4) === 0 ? Math.min(old.length, 4096 * next(3)) : next(old.length + 1);
      const text = old.slice(0, at) + 'x'.repeat(next(3)) + old.slice(at + next(3));
      expect(commonEnds(old, text), `round ${round}`).toEqual(plain(old, text));
    }
  });

  it("locates every node of an edited text where a fresh load does, its line starts moved from the last text's", () => {
    const cache = new LoadCache();
    const next = seeded(22);
    let text = readFileSync('spec/chatkit-sessions.yaml', 'utf8');
    /** Pointers to nodes of the text and to a missing child, a sample of them. */
    const pointers = (root: unknown, at = '', out: string[] = []): string[] => {
      out.push(at, `${at}/missing`);
      if (root !== null && typeof root === 'object' && out.length < 400)
        for (const [key, value] of Object.entries(root)) pointers(value, `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
      return out;
    };
    let compared = 0;
    for (let round = 0; round < 120; round++) {
      let watched: ReturnType<typeof loadSpec>;
      let fresh: ReturnType<typeof loadSpec>;
      try {
        watched = loadSpec('spec.yaml', text, { cache });
        fresh = loadSpec('spec.yaml', text);
      } catch {
        text = randomEdit(readFileSync('spec/chatkit-sessions.yaml', 'utf8'), next);
        continue;
      }
      // every other run locates nothing, so that the next one moves the starts of an older text
      if (round % 2 === 0) {
        for (const pointer of pointers(fresh.root))
          expect(watched.locate(pointer), `round ${round}: ${pointer}`).toEqual(fresh.locate(pointer));
        compared += 1;
      }
      // now and then an edit at the very start or end of the text
      text = round % 10 === 3 ? `\n${text}` : round % 10 === 7 ? text.replace(/^\n/, '').concat('\n') : randomEdit(text, next);
    }
    expect(compared).toBeGreaterThan(30);
  });
});
