// Path parameters: each value becomes exactly one URL path segment, or the request is refused.
import { ValidationError } from './errors.js';
import { scalarText } from './url.js';

// What RFC 3986 allows literally in a path segment (unreserved, sub-delims, `:` and `@`); the
// official OpenAI SDK leaves exactly these as they are, so the same id gives the same bytes.
const NEEDS_ENCODING = /[^A-Za-z0-9\-._~!$&'()*+,;=:@]+/g;
const LITERAL = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]*$/;

/**
 * Percent-encodes one path parameter: everything but the characters a path segment may carry
 * literally, so `/`, `?`, `#`, `%` and spaces cannot start a new segment, query or fragment.
 * Rejects `''`, and any value a server or proxy on the way could read as a `.` or `..`
 * segment (see climbs), with a ValidationError whose issue path is `[name]`.
 */
export function encodePathSegment(value: string, name: string): string {
  // JavaScript callers can pass anything; a number is the only other value with one clear spelling.
  const text: unknown =
    typeof value === 'number' && Number.isFinite(value) ? scalarText(value) : value;
  if (typeof text !== 'string') {
    throw pathError(name, `must be a string, got ${text === null ? 'null' : typeof text}`);
  }
  refuseUnsafeSegment(text, name);
  if (LITERAL.test(text)) return text; // most ids: nothing to encode
  try {
    return text.replace(NEEDS_ENCODING, encodeURIComponent);
  } catch {
    throw pathError(name, 'must be well-formed Unicode (it contains a lone surrogate)');
  }
}

/**
 * Refuses a segment that would remove itself from the URL path (`''`) or change which path is
 * requested (a `.` or `..` segment in any spelling a server on the way may decode).
 */
export function refuseUnsafeSegment(text: string, name: string): void {
  if (text === '')
    throw pathError(name, 'must not be empty (it would remove a segment from the URL path)');
  if (text === '.' || text === '..') {
    throw pathError(name, `must not be "${text}" (it would change which URL path is requested)`);
  }
  if (climbs(text)) {
    throw pathError(
      name,
      'must not hold a "." or ".." segment in any spelling a server or proxy may decode ' +
        '(such as "..;x", "%2e%2e", "..%2f" or "..\\x") (it would change which URL path is requested)',
    );
  }
}

const DOTS = /^\s*[.\uff0e]{1,2}\s*$/;
const ESCAPE = /%([0-9A-Fa-f]{2})/g;

/**
 * Whether some server on the way could treat part of the value as a dot segment and climb out
 * of the intended path. Encoding makes `/` one segment for us, but servers differ: Tomcat and
 * Spring drop `;` path parameters (`..;x`), some decode `%2e` and `%2f` once more (a value that
 * reads `%2e%2e` or `..%2f`), IIS takes `\` for `/`, some trim spaces (`.. `), and a full-width
 * dot may be normalised to `.`. No real identifier looks like these.
 */
function climbs(text: string): boolean {
  if (!text.includes('.') && !text.includes('%') && !text.includes('\uff0e')) return false;
  let decoded = text;
  // Decoded as often as a chain of proxies plausibly would, byte by byte (only ASCII matters).
  for (let round = 0; round < 4 && decoded.includes('%'); round++) {
    const next = decoded.replace(ESCAPE, (_, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
    if (next === decoded) break;
    decoded = next;
  }
  for (const segment of decoded.split(/[/\\]/)) {
    const semicolon = segment.indexOf(';');
    if (DOTS.test(semicolon === -1 ? segment : segment.slice(0, semicolon))) return true;
  }
  return false;
}

export function pathError(name: string, message: string): ValidationError {
  return new ValidationError(
    [{ path: [name], message: `path parameter ${message}` }],
    'Invalid path parameter',
  );
}
