// The "did you mean" distance: Myers' bit-parallel form (keys of up to 31 ASCII characters) must
// give the distance the plain dynamic programme gives, ignoring ASCII case, on any pair; its
// sums are kept in int32 for speed, which must not change a result at the widths where they
// overflow (patterns of 30 and 31 characters). closestKey takes a key with characters left out
// or added as that many edits without computing the distance, which must change no suggestion.
import { describe, expect, it } from 'vitest';
import { closestKey, editDistance } from '../../templates/runtime/standard-schema.js';
import { seeded } from '../load/yaml-edits.js';

/** Levenshtein distance, the textbook way, after folding ASCII case. */
function reference(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1)));
    row = next;
  }
  return row[y.length]!;
}

// few letters, so that pairs share many characters and runs (the cases the bit vectors carry)
const ALPHABET = 'abAB_-1é';

function randomKey(next: (below: number) => number, length: number): string {
  return Array.from({ length }, () => ALPHABET[next(ALPHABET.length)]).join('');
}

describe('editDistance', () => {
  it('equals the dynamic programme on 20,000 random pairs, every pattern width from 0 to 33', () => {
    const next = seeded(14);
    const wrong: string[] = [];
    for (let n = 0; n < 20_000; n++) {
      const a = randomKey(next, next(40));
      const b = randomKey(next, n % 34);
      const [got, want] = [editDistance(a, b), reference(a, b)];
      if (got !== want) wrong.push(`${JSON.stringify(a)} → ${JSON.stringify(b)}: ${got}, not ${want}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('ignores ASCII case, and counts a character past ASCII as itself', () => {
    expect(editDistance('MAX_REQUESTS', 'max_requests')).toBe(0);
    expect(editDistance('requests_per_minute', 'max_requests_per_1_minute')).toBe(6);
    expect(editDistance('cafe', 'café')).toBe(1);
  });

  it('closestKey suggests the nearest known key within a third of the key (at least 2 edits)', () => {
    expect(closestKey('requests_per_minute', ['max_requests_per_1_minute'])).toBe('max_requests_per_1_minute');
    expect(closestKey('mx', ['max', 'min'])).toBe('max');
    expect(closestKey('zzzz', ['max'])).toBeUndefined();
  });

  it('closestKey gives what the nearest by the dynamic programme is, on 20,000 random keys, many of them others with characters left out or added', () => {
    /** The first known key at the least distance, if within a third of the key (at least 2 edits). */
    const nearest = (key: string, known: readonly string[]) => {
      if (key.length > 256) return undefined;
      let best: string | undefined;
      let bestDistance = Math.max(2, Math.ceil(key.length / 3)) + 1;
      for (const candidate of known) {
        const distance = reference(key, candidate);
        if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
      }
      return best;
    };
    /** `text` with a few characters left out, or a few added, or one changed in case. */
    const varied = (next: (below: number) => number, text: string) => {
      const chars = [...text];
      const edits = 1 + next(4);
      for (let n = 0; n < edits; n++) {
        const at = next(chars.length + 1);
        const kind = next(3);
        if (kind === 0 && chars.length > 0) chars.splice(Math.min(at, chars.length - 1), 1);
        else if (kind === 1) chars.splice(at, 0, ALPHABET[next(ALPHABET.length)]!);
        else if (chars.length > 0) chars[Math.min(at, chars.length - 1)] = chars[Math.min(at, chars.length - 1)]!.toUpperCase();
      }
      return chars.join('');
    };
    const next = seeded(15);
    const wrong: string[] = [];
    for (let n = 0; n < 20_000; n++) {
      const known = Array.from({ length: 1 + next(4) }, () => randomKey(next, 1 + next(30)));
      const key = next(4) === 0 ? randomKey(next, next(30)) : varied(next, known[next(known.length)]!);
      const [got, want] = [closestKey(key, known), nearest(key, known)];
      if (got !== want) wrong.push(`${JSON.stringify(key)} in ${JSON.stringify(known)}: ${got}, not ${want}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});
