// Query strings, serialised as the spec's `style` and `explode` say (OAS 3.1 §4.8.12.4).
// Undefined values are left out; names and values are percent-encoded.

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
  const key = encodeURIComponent(name);
  if (Array.isArray(value)) {
    const items = value
      .filter((item) => item !== undefined)
      .map((item) => encodeURIComponent(scalar(item)));
    if (items.length === 0) return [];
    if (style === 'form' && explode) return items.map((item) => `${key}=${item}`);
    const separator = style === 'spaceDelimited' ? '%20' : style === 'pipeDelimited' ? '|' : ',';
    return [`${key}=${items.join(separator)}`];
  }
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value).filter(([, field]) => field !== undefined);
    if (style === 'deepObject')
      return fields.map(
        ([field, item]) =>
          `${key}%5B${encodeURIComponent(field)}%5D=${encodeURIComponent(scalar(item))}`,
      );
    if (explode)
      return fields.map(
        ([field, item]) => `${encodeURIComponent(field)}=${encodeURIComponent(scalar(item))}`,
      );
    return [
      `${key}=${fields.map(([field, item]) => `${encodeURIComponent(field)},${encodeURIComponent(scalar(item))}`).join(',')}`,
    ];
  }
  return [`${key}=${encodeURIComponent(scalar(value))}`];
}

function scalar(value: unknown): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
