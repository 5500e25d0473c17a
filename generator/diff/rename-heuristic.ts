// Tells a rename from a removal plus an unrelated addition, for parameters and properties. A
// removed and an added item in the same place are one item renamed when they have the same
// kind of schema and similar names: one name's words contain the other's (`user` -> `user_id`,
// `session_id` -> `id`) or they are a few edits apart (`colour` -> `color`). Path parameters at
// the same position of an unchanged path are renamed whatever their names. A miss only changes
// the wording: removed + added is as breaking as renamed.
import { editDistance } from '../diagnostics/suggest.js';

export interface RenamePairs<T> {
  readonly pairs: readonly (readonly [T, T])[];
  readonly removed: readonly T[];
  readonly added: readonly T[];
}

/** Pairs each removed item with the first unpaired added item it was probably renamed to. */
export function pairRenames<T>(removed: readonly T[], added: readonly T[], isRename: (before: T, after: T) => boolean): RenamePairs<T> {
  const pairs: (readonly [T, T])[] = [];
  const unpaired = [...added];
  const stillRemoved: T[] = [];
  for (const before of removed) {
    const index = unpaired.findIndex((after) => isRename(before, after));
    if (index === -1) stillRemoved.push(before);
    else pairs.push([before, unpaired.splice(index, 1)[0]!]);
  }
  return { pairs, removed: stillRemoved, added: unpaired };
}

export function isSimilarName(before: string, after: string): boolean {
  const a = wordsOf(before);
  const b = wordsOf(after);
  if (a.length > 0 && b.length > 0 && (a.every((word) => b.includes(word)) || b.every((word) => a.includes(word)))) return true;
  const shorter = Math.min(before.length, after.length);
  const distance = editDistance(before.toLowerCase(), after.toLowerCase());
  return distance < shorter && distance <= Math.max(1, Math.floor(shorter / 3));
}

/** `maxRequests`, `max_requests`, `Max-Requests` -> ["max", "requests"]. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
