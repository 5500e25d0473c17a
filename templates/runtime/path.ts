// Path parameters: each value becomes exactly one URL path segment, or the request is refused.
import { ValidationError } from './errors.js';

/**
 * Percent-encodes one path parameter (encodeURIComponent, so `/`, `?` and `#` cannot start a
 * new segment, query or fragment). Rejects `''`, `.` and `..`, which would drop or climb a
 * segment once the URL is normalised, with a ValidationError whose issue path is `[name]`.
 */
export function encodePathSegment(value: string, name: string): string {
  // JavaScript callers can pass anything; a number is the only other value with one clear spelling.
  const text: unknown = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string') {
    throw pathError(name, `must be a string, got ${text === null ? 'null' : typeof text}`);
  }
  if (text === '') throw pathError(name, 'must not be empty (it would remove a segment from the URL path)');
  if (text === '.' || text === '..') {
    throw pathError(name, `must not be "${text}" (it would change which URL path is requested)`);
  }
  try {
    return encodeURIComponent(text);
  } catch {
    throw pathError(name, 'must be well-formed Unicode (it contains a lone surrogate)');
  }
}

function pathError(name: string, message: string): ValidationError {
  return new ValidationError([{ path: [name], message: `path parameter ${message}` }], 'Invalid path parameter');
}
