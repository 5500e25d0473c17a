// Holds the two ways load-spec reads a spec equal on one text: js-yaml's fast path (fast-yaml.ts)
// and yaml's, which is the reference. Equal means the same value, the same place for every node
// and for a missing child of each, and the same diagnostics when the text is not a spec. A
// document of more than 20,000 nodes has its places compared at every k-th node (the reference
// looks a key up by scanning its mapping, so all of the OpenAI spec's would take a minute).
import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import { fastLoad } from '../../generator/load/fast-yaml.js';
import { loadSpec, MAX_NESTING, type LoadedSpec } from '../../generator/load/load-spec.js';
import { childPointer } from '../../generator/load/pointer.js';

/** Asserts that both paths read `text` alike; returns whether the fast path took it. */
export function expectSameAsYaml(file: string, text: string): boolean {
  const isFast = fastLoad(text, MAX_NESTING) !== undefined;
  const read = (useYaml: boolean): LoadedSpec | { readonly error: unknown } => {
    try {
      return loadSpec(file, text, { useYaml });
    } catch (error) {
      return { error: (error as { diagnostics?: unknown }).diagnostics ?? String(error) };
    }
  };
  const reference = read(true);
  const fast = read(false);
  if ('error' in reference || 'error' in fast) {
    expect(fast, file).toEqual(reference);
    return isFast;
  }
  // (vitest's comparison takes seconds on a large spec; node's, a few milliseconds)
  if (!isDeepStrictEqual(fast.root, reference.root)) expect(fast.root, file).toStrictEqual(reference.root);
  const pointers: string[] = [];
  const stack: [string, unknown][] = [['', reference.root]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [pointer, value] = next;
    pointers.push(pointer);
    if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        stack.push([childPointer(pointer, key), child]);
      }
    }
  }
  const step = Math.ceil(pointers.length / 20_000);
  const wrong: string[] = [];
  for (let i = 0; i < pointers.length; i += step) {
    const pointer = pointers[i]!;
    for (const at of [pointer, `${pointer}/~0missing`]) {
      const want = reference.locate(at);
      const got = fast.locate(at);
      if (want.line !== got.line || want.column !== got.column) {
        wrong.push(`${at}: yaml ${want.line}:${want.column}, fast ${got.line}:${got.column}`);
      }
    }
  }
  expect(wrong.slice(0, 5), file).toEqual([]);
  return isFast;
}
