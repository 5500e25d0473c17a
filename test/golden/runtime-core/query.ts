// Query strings, serialised as the spec's `style` and `explode` say (OAS 3.1, section 4.8.12.4).
// Undefined values are left out; names and values are percent-encoded. A string that is not
// well-formed Unicode (a lone surrogate) is refused with a ValidationError, as in a path.
import { ValidationError } from './errors.js';
import { encodeQueryText, scalarText } from './url.js';

export type QueryStyle =
  | 'form'
  | 'spaceDelimited'
  | 'pipeDelimited'
  | 'deepObject'
  | 'simple'
  | 'label'
  | 'matrix'
  | 'cookie';
export type QueryValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly unknown[]
  // \`object\`, not an index signature: a parameter's type may be an interface (a named schema),
  // which has none
  | object;
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
  return encodeQueryText(text, [name, ...at], 'Invalid query parameter');
}

/**
 * An OpenAPI 3.2 `in: querystring` parameter: the whole query string, after the pairs written
 * into the spec's path key (`fixed`). `form` sends an object's fields as an exploded form
 * object (`a=1&b=2`, the rules of a query parameter) and a string (or number) as the form
 * text it is (characters a URL cannot hold, and `#`, percent-encoded); `json` sends the
 * value's JSON text, percent-encoded. Nothing is added for an undefined value.
 */
export function formatQueryString(
  fixed: readonly QueryEntry[],
  value: unknown,
  media: 'form' | 'json',
): string {
  const entries: QueryEntry[] = [...fixed];
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  if (media === 'form' && isObject) {
    for (const [name, field] of Object.entries(value))
      entries.push([name, field as QueryValue, 'form', true]);
  }
  const query = formatQuery(entries);
  const isText =
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
  if (value === undefined || (media === 'form' && !isText)) return query;
  const text =
    media === 'json' ? encode(JSON.stringify(value), 'query', []) : formText(scalarText(value));
  if (text === '') return query;
  return query === '' ? `?${text}` : `${query}&${text}`;
}

/** A form query string given as text: kept as written, with what a URL cannot hold encoded. */
function formText(text: string): string {
  try {
    return encodeURI(text.startsWith('?') ? text.slice(1) : text).replace(/#/g, '%23');
  } catch {
    return encode(text, 'query', []);
  }
}

/**
 * Cookie parameters, sent as one `Cookie` header. OAS `form` style (the default): `a=1; b=2`;
 * an exploded array or object gives one pair per item (`id=3; id=4`), an unexploded one a comma
 * list (`id=3,4`); values are percent-encoded, so no value can end a pair. OpenAPI 3.2's
 * `cookie` style follows the Cookie header's own syntax (RFC 6265): values are sent as they
 * are (the spec leaves escaping to the caller), an exploded object gives `R=100; G=200`; a
 * value that would break the header (`;`, a control character, a character above U+00FF) is
 * refused with a ValidationError. No header when no cookie is set. Node, Deno, Bun and Workers
 * send it; browsers drop a Cookie header set by a script (the browser's own cookies are sent
 * instead).
 */
export function cookieHeader(entries: readonly QueryEntry[]): Record<string, string> {
  const pairs: string[] = [];
  for (const [name, value, style, explode] of entries) {
    if (value === undefined) continue;
    try {
      pairs.push(
        ...(style === 'cookie'
          ? cookiePairs(name, value, explode)
          : serialise(name, value, style, explode)),
      );
    } catch (error) {
      // the form style's encoding is the query's: its issues are a cookie's here
      throw error instanceof ValidationError
        ? new ValidationError(error.issues, 'Invalid cookie parameter')
        : error;
    }
  }
  return pairs.length > 0 ? { Cookie: pairs.join('; ') } : {};
}

/** `cookie` style (OAS 3.2): the form style's shapes, joined by `; `, values unencoded. */
function cookiePairs(
  name: string,
  value: Exclude<QueryValue, undefined>,
  explode: boolean,
): string[] {
  const text = (item: unknown, at: readonly (string | number)[]) =>
    cookieText(scalar(item), name, at);
  if (Array.isArray(value)) {
    const items = value.flatMap((item: unknown, index) =>
      item === undefined ? [] : [text(item, [index])],
    );
    if (items.length === 0) return [];
    return explode ? items.map((item) => `${name}=${item}`) : [`${name}=${items.join(',')}`];
  }
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .map(([field, item]) => [cookieText(field, name, [field]), text(item, [field])]);
    if (explode) return fields.map(([field, item]) => `${field}=${item}`);
    return [`${name}=${fields.map(([field, item]) => `${field},${item}`).join(',')}`];
  }
  return [`${name}=${text(value, [])}`];
}

function cookieText(text: string, name: string, at: readonly (string | number)[]): string {
  // eslint-disable-next-line no-control-regex
  if (!/[;\u0000-\u001f\u007f\u0100-\uffff]/.test(text)) return text;
  throw new ValidationError(
    [
      {
        path: [name, ...at],
        message:
          'cookie value must not hold `;`, a control character or a character above U+00FF (the `cookie` style sends values unencoded)',
      },
    ],
    'Invalid cookie parameter',
  );
}

function scalar(value: unknown): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return scalarText(value);
  return JSON.stringify(value);
}
