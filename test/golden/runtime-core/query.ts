// Query strings, serialised as the spec's `style` and `explode` say (OAS 3.1 §4.8.12.4).
// Undefined values are left out; names and values are percent-encoded. A string that is not
// well-formed Unicode (a lone surrogate) is refused with a ValidationError, as in a path.
import { ValidationError } from './errors.js';

export type QueryStyle =
  'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject' | 'simple' | 'label' | 'matrix';
export type QueryValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly unknown[]
  | { readonly [key: string]: unknown };
/** [name, value, style, explode] */
export type QueryEntry = readonly [string, QueryValue, QueryStyle, boolean];

export function formatQuery(entries: readonly QueryEntry[]): string {
  const pairs: string[] = [];
  for (const [name, value, style, explode] of entries) {
    if (value === undefined) continue;
    pairs.push(...serialise(name, value, style, explode));
  }
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

function serialise(
  name: string,
  value: Exclude<QueryValue, undefined>,
  style: QueryStyle,
  explode: boolean,
): string[] {
  const key = encode(name, name, []);
  if (Array.isArray(value)) {
    const items: string[] = [];
    value.forEach((item: unknown, index) => {
      if (item !== undefined) items.push(encode(scalar(item), name, [index]));
    });
    if (items.length === 0) return [];
    if (style === 'form' && explode) return items.map((item) => `${key}=${item}`);
    const separator = style === 'spaceDelimited' ? '%20' : style === 'pipeDelimited' ? '|' : ',';
    return [`${key}=${items.join(separator)}`];
  }
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .map(([field, item]) => [encode(field, name, [field]), encode(scalar(item), name, [field])]);
    if (style === 'deepObject')
      return fields.map(([field, item]) => `${key}%5B${field}%5D=${item}`);
    if (explode) return fields.map(([field, item]) => `${field}=${item}`);
    return [`${key}=${fields.map(([field, item]) => `${field},${item}`).join(',')}`];
  }
  return [`${key}=${encode(scalar(value), name, [])}`];
}

/** encodeURIComponent, or a ValidationError (issue path `[name, ...at]`) for a lone surrogate. */
function encode(text: string, name: string, at: readonly (string | number)[]): string {
  try {
    return encodeURIComponent(text);
  } catch {
    throw new ValidationError(
      [
        {
          path: [name, ...at],
          message: 'query parameter must be well-formed Unicode (it contains a lone surrogate)',
        },
      ],
      'Invalid query parameter',
    );
  }
}

/**
 * Cookie parameters, serialised as OAS `form` style (the only style for cookies) and sent as
 * one `Cookie` header: `a=1; b=2`; an exploded array or object gives one pair per item
 * (`id=3; id=4`), an unexploded one a comma list (`id=3,4`). Values are percent-encoded, so no
 * value can end a pair. No header when no cookie is set. Node, Deno, Bun and Workers send it;
 * browsers drop a Cookie header set by a script (the browser's own cookies are sent instead).
 */
export function cookieHeader(entries: readonly QueryEntry[]): Record<string, string> {
  const pairs: string[] = [];
  for (const [name, value, style, explode] of entries) {
    if (value === undefined) continue;
    pairs.push(...serialise(name, value, style, explode));
  }
  return pairs.length > 0 ? { Cookie: pairs.join('; ') } : {};
}

function scalar(value: unknown): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
