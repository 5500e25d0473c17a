// Path and header parameters whose value is not one string, serialised as their `style` says
// (OpenAPI's style values): arrays and objects, and the `label` and `matrix` path styles. A
// plain string path parameter goes through encodePathSegment alone (path.ts).
import { ValidationError } from './errors.js';
import { encodePathSegment, pathError, refuseUnsafeSegment } from './path.js';
import { scalarText } from './url.js';

export type PathStyle = 'simple' | 'label' | 'matrix';

type Scalar = string | number | boolean;

/**
 * One path segment: `simple` `blue`, `blue,black` or `R,100,G,200` (`R=100,G=200` exploded);
 * `label` `.blue`, `.blue,black` (`.blue.black` exploded); `matrix` `;color=blue`,
 * `;color=blue,black` (`;color=blue;color=black` exploded) or `;color=R,100` (`;R=100` exploded).
 * Every key and value is percent-encoded whole, so a separator inside one cannot split it, and
 * the segment is refused as encodePathSegment refuses one (empty, or a `.`/`..` in any spelling).
 */
export function stylePathParam(
  value: unknown,
  name: string,
  style: PathStyle,
  explode: boolean,
): string {
  const parts = scalarParts(value, name, 'path parameter');
  const enc = (text: string) => strictEncode(text, name, style === 'label');
  let segment: string;
  if (parts.kind === 'scalar') {
    if (style === 'simple') return encodePathSegment(parts.text, name);
    segment =
      style === 'label'
        ? `.${enc(parts.text)}`
        : `;${enc(name)}${parts.text === '' ? '' : `=${enc(parts.text)}`}`;
  } else if (parts.kind === 'array') {
    const items = parts.items.map(enc);
    if (style === 'simple') segment = items.join(',');
    else if (style === 'label') segment = `.${items.join(explode ? '.' : ',')}`;
    else
      segment = explode
        ? items.map((item) => `;${enc(name)}=${item}`).join('')
        : `;${enc(name)}=${items.join(',')}`;
  } else {
    const pairs = parts.entries.map(([key, text]) => [enc(key), enc(text)] as const);
    const flat = pairs.map(([key, text]) => `${key},${text}`).join(',');
    const exploded = (separator: string) =>
      pairs.map(([key, text]) => `${key}=${text}`).join(separator);
    if (style === 'simple') segment = explode ? exploded(',') : flat;
    else if (style === 'label') segment = explode ? `.${exploded('.')}` : `.${flat}`;
    else segment = explode ? `;${exploded(';')}` : `;${enc(name)}=${flat}`;
  }
  // the same refusals as a plain segment (empty, dot segments); the text is already encoded
  refuseUnsafeSegment(segment, name);
  return segment;
}

/** A header's value in the `simple` style: `blue,black`, `R,100,G,200` or `R=100,G=200` (exploded). */
export function styleHeaderValue(value: unknown, name: string, explode: boolean): string {
  const parts = scalarParts(value, name, 'header');
  if (parts.kind === 'scalar') return parts.text;
  if (parts.kind === 'array') return parts.items.join(',');
  return parts.entries
    .map(([key, text]) => (explode ? `${key}=${text}` : `${key},${text}`))
    .join(',');
}

type Parts =
  | { readonly kind: 'scalar'; readonly text: string }
  | { readonly kind: 'array'; readonly items: readonly string[] }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, string])[] };

function scalarParts(value: unknown, name: string, what: string): Parts {
  if (isScalar(value)) return { kind: 'scalar', text: scalarText(value) };
  if (Array.isArray(value)) {
    if (value.every(isScalar)) return { kind: 'array', items: value.map(scalarText) };
  } else if (typeof value === 'object' && value !== null) {
    const entries: [string, string][] = [];
    let isFlat = true;
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      if (!isScalar(item)) isFlat = false;
      else entries.push([key, scalarText(item)]);
    }
    if (isFlat) return { kind: 'object', entries };
  }
  const message = `must be a string, number, boolean, or an array or object of them, got ${
    value === null
      ? 'null'
      : Array.isArray(value)
        ? 'a nested array'
        : typeof value === 'object'
          ? 'a nested object'
          : typeof value
  }`;
  if (what === 'header')
    throw new ValidationError([{ path: [name], message: `header ${message}` }], 'Invalid header');
  throw pathError(name, message);
}

function isScalar(value: unknown): value is Scalar {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

/** Everything but letters, digits and `-_~` (and `.`, unless `.` separates values, as in label). */
function strictEncode(text: string, name: string, encodesDot: boolean): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(text);
  } catch {
    throw pathError(name, 'must be well-formed Unicode (it contains a lone surrogate)');
  }
  return encoded.replace(
    encodesDot ? /[!'()*.]/g : /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
