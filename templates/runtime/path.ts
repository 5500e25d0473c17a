// Path parameters: each value becomes exactly one URL path segment, or the request is refused.
import { ValidationError } from './errors.js';

// What RFC 3986 allows literally in a path segment (unreserved, sub-delims, `:` and `@`); the
// official OpenAI SDK leaves exactly these as they are, so the same id gives the same bytes.
const NEEDS_ENCODING = /[^A-Za-z0-9\-._~!$&'()*+,;=:@]+/g;
const LITERAL = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]*$/;

/**
 * Percent-encodes one path parameter: everything but the characters a path segment may carry
 * literally, so `/`, `?`, `#`, `%` and spaces cannot start a new segment, query or fragment.
 * Rejects `''`, `.` and `..`, which would drop or climb a segment once the URL is normalised,
 * with a ValidationError whose issue path is `[name]`.
 */
export function encodePathSegment(value: string, name: string): string {
  // JavaScript callers can pass anything; a number is the only other value with one clear spelling.
  const text: unknown = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string') {
    throw pathError(name, `must be a string, got ${text === null ? 'null' : typeof text}`);
  }
  if (text === '')
    throw pathError(name, 'must not be empty (it would remove a segment from the URL path)');
  if (text === '.' || text === '..') {
    throw pathError(name, `must not be "${text}" (it would change which URL path is requested)`);
  }
  if (LITERAL.test(text)) return text; // most ids: nothing to encode
  try {
    return text.replace(NEEDS_ENCODING, encodeURIComponent);
  } catch {
    throw pathError(name, 'must be well-formed Unicode (it contains a lone surrogate)');
  }
}

function pathError(name: string, message: string): ValidationError {
  return new ValidationError(
    [{ path: [name], message: `path parameter ${message}` }],
    'Invalid path parameter',
  );
}
