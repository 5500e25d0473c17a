// Names in validators.ts that come from what they stand for, not from the order they were
// first needed in: a module constant is named after its value and a shared shape's check after
// its shape. With counters (`KEYS_46`), a property added to one schema renumbered every constant
// after it, and a one-line spec edit rewrote a hundred lines of a committed client.
import { createHash } from 'node:crypto';

/** Six base-36 characters (30 bits of SHA-256): the same text gives the same hash in every run and every spec. */
export function contentHash(text: string): string {
  return (createHash('sha256').update(text).digest().readUInt32BE(0) >>> 2).toString(36).padStart(6, '0');
}

/**
 * Names from content hashes, unique within one module. Two different things whose hashes meet
 * (about one spec in a thousand has a pair among its thousands of constants) are told apart by
 * hashing the later one's hash again with a count: only those two names then depend on order.
 */
export class HashedNames {
  /** The identity each name was given to. */
  readonly #taken = new Map<string, string>();

  /** The name `make(hash)` for the thing `identity` stands for; one identity always gets one name. */
  nameOf<T extends { readonly text: string }>(identity: string, hash: string, make: (hash: string) => T): T {
    for (let attempt = 0; ; attempt++) {
      const name = make(attempt === 0 ? hash : contentHash(`${attempt}\u0000${hash}`));
      const owner = this.#taken.get(name.text);
      if (owner === undefined) this.#taken.set(name.text, identity);
      if (owner === undefined || owner === identity) return name;
    }
  }
}
