// Header layers merged case-insensitively into one plain record with lowercase names (fetch
// accepts a record, which is cheaper than building a Headers object per request).
import { ValidationError } from './errors.js';
import { setOwn } from './redact.js';
import { scalarText } from './url.js';

/** Lowercase header name -> value, ready for fetch. */
export type HeaderRecord = Record<string, string>;

/** A caller's layer: a string sets the header, null removes it, undefined leaves it alone. */
export type HeaderInput = Readonly<Record<string, string | null | undefined>>;

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Tab, visible ASCII and Latin-1 only: fetch refuses the rest (and CR/LF would split the header).
const UNSAFE_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

/**
 * Applies `layer` on top of `target`, in place. Names and values are checked first, so a bad
 * header becomes a ValidationError (issue path `[...where, name]`) and never reaches fetch.
 * The message never quotes the value: it may be a credential.
 */
export function applyHeaders(
  target: HeaderRecord,
  layer: HeaderInput | undefined,
  where: readonly string[],
): void {
  if (layer === undefined || layer === null) return;
  for (const name in layer) {
    if (!Object.hasOwn(layer, name)) continue;
    const raw: unknown = layer[name];
    if (raw === undefined) continue;
    if (!TOKEN.test(name)) throw headerError(where, name, 'is not a valid HTTP header name');
    const lower = name.toLowerCase();
    if (raw === null) {
      delete target[lower];
      continue;
    }
    const value = typeof raw === 'number' ? scalarText(raw) : raw;
    if (typeof value !== 'string')
      throw headerError(where, name, `must be a string or null, got ${typeof value}`);
    if (UNSAFE_VALUE.test(value)) throw headerError(where, name, unsafeReason(value));
    // a header named `__proto__` is a key like any other, not the record's prototype
    setOwn(target, lower, value);
  }
}

function unsafeReason(value: string): string {
  if (/[\r\n]/.test(value))
    return 'contains a line break (CR or LF); a header value must be a single line';
  if (/[^\x00-\xff]/.test(value))
    return 'contains a character outside Latin-1, which HTTP headers cannot carry';
  return 'contains a control character';
}

function headerError(where: readonly string[], name: string, message: string): ValidationError {
  return new ValidationError(
    [{ path: [...where, name], message: `header ${message}` }],
    'Invalid header',
  );
}
