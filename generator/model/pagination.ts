// Which list operations page, and how: declared with `x-sdk-pagination`, or detected from the
// shapes published specs use (OpenAI's cursors, AWS's NextToken, Linode's page numbers,
// Azure's nextLink, offsets). A list-like operation left without pagination is reported once.
import { defaultHint } from '../diagnostics/codes.js';
import type { Diagnostic, SourceLocation } from '../diagnostics/diagnostic.js';
import { isRecord } from '../load/json-node.js';
import type { IrFieldPath, IrObjectSchema, IrOperation, IrPagination, IrParameter, IrSchema } from './ir.js';
import { followRefs } from './schema-index.js';

type Schemas = ReadonlyMap<string, IrSchema>;

/** The fields each style takes in `x-sdk-pagination` (besides `style` and `items`). */
const STYLE_FIELDS = {
  cursor: ['cursorParam', 'cursorField', 'hasMore'],
  page: ['pageParam', 'pageField', 'totalPages', 'firstPage'],
  offset: ['offsetParam', 'total'],
  'next-url': ['nextField'],
  single: [],
} as const;
type Style = keyof typeof STYLE_FIELDS;

const README_HINT = 'See "Pagination" in the README for each style and its fields.';

/**
 * The operation's pagination: from `x-sdk-pagination` (`false` turns detection off), else
 * detected. A declaration that does not fit the operation is an error at the extension.
 */
export function paginationOf(
  op: IrOperation,
  raw: unknown,
  schemas: Schemas,
  locate: (pointer: string) => SourceLocation,
  problems: Diagnostic[],
): IrPagination | undefined {
  const page = pageObject(op.response.schema, schemas);
  if (raw === false) return undefined;
  if (raw === undefined) return detect(op, page, schemas);
  const pointer = `${op.source}/x-sdk-pagination`;
  const fail = (message: string, at = pointer): undefined => {
    problems.push({ code: 'model/invalid-extension', severity: 'error', message, hint: README_HINT, at: locate(at) });
    return undefined;
  };
  if (!isRecord(raw))
    return fail('`x-sdk-pagination` must be an object with a `style` (cursor, page, offset, next-url or single), or `false`.');
  const style = raw['style'] ?? 'cursor';
  if (typeof style !== 'string' || !(style in STYLE_FIELDS))
    return fail(
      `\`x-sdk-pagination\` has the style ${JSON.stringify(style)}; the styles are cursor, page, offset, next-url and single.`,
      `${pointer}/style`,
    );
  const allowed = new Set<string>(['style', 'items', ...STYLE_FIELDS[style as Style]]);
  const unknown = Object.keys(raw).find((key) => !allowed.has(key));
  if (unknown !== undefined)
    return fail(
      `\`${unknown}\` is not a field of \`x-sdk-pagination\` with \`style: ${style}\`; it takes ${[...allowed].map((key) => `\`${key}\``).join(', ')}.`,
      `${pointer}/${unknown}`,
    );
  if (page === undefined) return fail('The operation does not return a JSON object, so it has no page to read items from.');
  const itemsName = raw['items'] ?? 'data';
  const items = typeof itemsName === 'string' ? arrayProperty(page, itemsName, schemas) : undefined;
  if (items === undefined)
    return fail(
      `The response has no \`${String(itemsName)}\` array to paginate.`,
      raw['items'] === undefined ? pointer : `${pointer}/items`,
    );
  const base = { items: String(itemsName), itemSchema: items.itemSchema, itemsRequired: items.required, origin: 'declared' as const };
  const param = (key: string, fallback: string): string | undefined => {
    const name = raw[key] ?? fallback;
    if (typeof name === 'string' && op.parameters.some((p) => p.in === 'query' && p.name === name)) return name;
    fail(
      `The ${key === 'cursorParam' ? 'cursor' : key === 'pageParam' ? 'page' : 'offset'} parameter \`${String(name)}\` is not a query parameter of the operation.`,
      raw[key] === undefined ? pointer : `${pointer}/${key}`,
    );
    return undefined;
  };
  /** A declared field path (`meta.next_token` or `[meta, next_token]`) that the page has. */
  const field = (key: string, fallback?: string): IrFieldPath | undefined | null => {
    const value = raw[key];
    if (value === undefined) return fallback !== undefined && fieldSchema(page, [fallback], schemas) !== undefined ? [fallback] : undefined;
    const path =
      typeof value === 'string'
        ? value.split('.')
        : Array.isArray(value) && value.every((part) => typeof part === 'string')
          ? (value as string[])
          : undefined;
    if (path === undefined || path.length === 0 || path.some((part) => part === '')) {
      fail(
        `\`${key}\` must name a field of the page: \`next_cursor\`, a dotted path (\`meta.next_token\`), or a list of keys.`,
        `${pointer}/${key}`,
      );
      return null;
    }
    if (fieldSchema(page, path, schemas) === undefined) {
      fail(`The response has no field \`${path.join('.')}\` (\`${key}\`).`, `${pointer}/${key}`);
      return null;
    }
    return path;
  };
  switch (style as Style) {
    case 'cursor': {
      const cursorParam = param('cursorParam', 'after');
      const cursorField = field('cursorField', 'last_id');
      const hasMore = field('hasMore', 'has_more');
      if (cursorParam === undefined || cursorField === null || hasMore === null) return undefined;
      if (cursorField === undefined && hasMore === undefined)
        return fail("A cursor page needs a `cursorField` (the next cursor) or a `hasMore` flag (then the cursor is the last item's `id`).");
      return { style: 'cursor', ...base, cursorParam, ...(cursorField ? { cursorField } : {}), ...(hasMore ? { hasMore } : {}) };
    }
    case 'page': {
      const pageParam = param('pageParam', 'page');
      const pageField = field('pageField');
      const totalPages = field('totalPages');
      const firstPage = raw['firstPage'] ?? 1;
      if (typeof firstPage !== 'number' || !Number.isInteger(firstPage) || firstPage < 0)
        return fail('`firstPage` must be the number of the first page (0 or 1, usually).', `${pointer}/firstPage`);
      if (pageParam === undefined || pageField === null || totalPages === null) return undefined;
      return { style: 'page', ...base, pageParam, firstPage, ...(pageField ? { pageField } : {}), ...(totalPages ? { totalPages } : {}) };
    }
    case 'offset': {
      const offsetParam = param('offsetParam', 'offset');
      const total = field('total');
      if (offsetParam === undefined || total === null) return undefined;
      return { style: 'offset', ...base, offsetParam, ...(total ? { total } : {}), ...offsetBounds(op, offsetParam, schemas) };
    }
    case 'next-url': {
      const nextField = field('nextField', 'next');
      if (nextField === null) return undefined;
      if (nextField === undefined) return fail("A next-url page needs `nextField`, the field holding the next page's URL.");
      return { style: 'next-url', ...base, nextField };
    }
    case 'single':
      return { style: 'single', ...base };
  }
}

/** Array properties that hold a page's items, by the names APIs give them. */
const ITEM_ARRAYS = ['data', 'items', 'value', 'results', 'entries', 'records', 'elements'];
const NOT_ITEMS = new Set(['errors', 'warnings']);
/** Query parameters that take an opaque cursor. */
const CURSOR_PARAMS = /^(after|starting_?after|cursor|next_?cursor|(next_?)?(page_?)?token|continuation_?token|marker|page)$/i;
/** Page fields that hold the next cursor, when not named like the parameter. */
const CURSOR_FIELDS = [
  'last_id',
  'next_cursor',
  'nextCursor',
  'next_page',
  'nextPage',
  'next_page_token',
  'nextPageToken',
  'next_token',
  'nextToken',
  'next_marker',
  'nextMarker',
  'cursor',
  'next',
];
const HAS_MORE_FIELDS = ['has_more', 'hasMore', 'more'];
/** Objects some APIs keep their paging fields in. */
const NESTS = ['meta', 'pagination', 'paging', 'response_metadata', 'links', '_links'];
const PAGE_PARAMS = /^(page|page_?number|page_?num)$/i;
const TOTAL_PAGES_FIELDS = ['pages', 'total_pages', 'totalPages', 'page_count', 'pageCount', 'num_pages', 'last_page', 'lastPage'];
const PAGE_FIELDS = ['page', 'current_page', 'currentPage', 'page_number', 'pageNumber'];
const OFFSET_PARAMS = /^(offset|skip)$/i;
const TOTAL_FIELDS = ['total', 'total_count', 'totalCount', 'total_results', 'totalResults', 'total_items', 'totalItems'];
const NEXT_URL_FIELDS = ['nextLink', 'next_link', '@odata.nextLink', 'next_url', 'nextUrl', 'next_page_url', 'nextPageUrl', 'next'];

/** The shapes sdkgen recognises on a GET whose JSON response is an object with an items array. */
function detect(op: IrOperation, page: IrObjectSchema | undefined, schemas: Schemas): IrPagination | undefined {
  if (op.httpMethod !== 'get' || page === undefined) return undefined;
  const found = itemsOf(page, schemas);
  if (found === undefined) return undefined;
  const base = { items: found.name, itemSchema: found.itemSchema, itemsRequired: found.required, origin: 'detected' as const };
  const query = op.parameters.filter((p) => p.in === 'query');
  const kindOf = (p: IrParameter) => scalarKind(p.schema, schemas);
  const has = (names: readonly string[], kind: 'string' | 'number' | 'boolean'): IrFieldPath | undefined =>
    findField(page, names, kind, schemas);

  const hasMore = has(HAS_MORE_FIELDS, 'boolean');
  for (const param of query.filter((p) => CURSOR_PARAMS.test(p.name) && kindOf(p) === 'string')) {
    // the field named like the parameter (AWS's NextToken), else a usual next-cursor name
    const cursorField = has([param.name], 'string') ?? has(CURSOR_FIELDS, 'string');
    const idCursor = /after$/i.test(param.name);
    if (cursorField !== undefined || (hasMore !== undefined && idCursor)) {
      return {
        style: 'cursor',
        ...base,
        cursorParam: param.name,
        ...(cursorField ? { cursorField } : {}),
        ...(hasMore ? { hasMore } : {}),
      };
    }
  }
  const pageParam = query.find((p) => PAGE_PARAMS.test(p.name) && kindOf(p) === 'number');
  if (pageParam !== undefined) {
    const totalPages = has(TOTAL_PAGES_FIELDS, 'number');
    const pageField = has(PAGE_FIELDS, 'number');
    const schema = pageParam.schema.kind === 'number' ? pageParam.schema : undefined;
    const firstPage = schema?.minimum === 0 || schema?.default === 0 ? 0 : 1;
    return {
      style: 'page',
      ...base,
      pageParam: pageParam.name,
      firstPage,
      ...(pageField ? { pageField } : {}),
      ...(totalPages ? { totalPages } : {}),
    };
  }
  const offsetParam = query.find((p) => OFFSET_PARAMS.test(p.name) && kindOf(p) === 'number');
  if (offsetParam !== undefined) {
    const total = has(TOTAL_FIELDS, 'number');
    return {
      style: 'offset',
      ...base,
      offsetParam: offsetParam.name,
      ...(total ? { total } : {}),
      ...offsetBounds(op, offsetParam.name, schemas),
    };
  }
  const nextField = has(NEXT_URL_FIELDS, 'string') ?? findField(page, ['next'], 'href', schemas);
  if (nextField !== undefined) return { style: 'next-url', ...base, nextField };
  // OpenAI's `{ object: 'list', data: [...] }` with no way to ask for more: one page, iterable
  if (found.name === 'data' && page.properties.some((p) => p.name === 'object') && hasMore === undefined)
    return { style: 'single', ...base };
  return undefined;
}

/** Paging-like query parameters, for the warning on a list left without pagination. */
const PAGING_PARAMS =
  /^(limit|per_?page|page_?size|max_?results|count|offset|skip|page|page_?number|after|before|cursor|starting_?after|ending_?before|(next_?)?(page_?)?token|marker)$/i;

/**
 * A GET that reads like a list (named `list`, or with paging-like query parameters, returning an
 * object with an items array) but has no pagination: its method returns the one response.
 */
export function unpaginatedList(op: IrOperation, schemas: Schemas, locate: (pointer: string) => SourceLocation): Diagnostic | undefined {
  if (op.pagination !== undefined || op.httpMethod !== 'get') return undefined;
  const page = pageObject(op.response.schema, schemas);
  const found = page === undefined ? undefined : itemsOf(page, schemas);
  if (found === undefined) return undefined;
  const paging = op.parameters.filter((p) => p.in === 'query' && PAGING_PARAMS.test(p.name)).map((p) => `\`${p.name}\``);
  if (op.names.method.text !== 'list' && paging.length === 0) return undefined;
  const call = `client.${[...op.names.resource.map((id) => id.text), op.names.method.text].join('.')}`;
  return {
    code: 'model/unpaginated-list',
    severity: 'warning',
    message: `\`${call}\` (\`${op.wireMethod} ${op.pathTemplate}\`) returns a list in \`${found.name}\`${paging.length > 0 ? ` and takes ${paging.join(', ')}` : ''}, but sdkgen found no way to ask for the next page: the method returns the first response, with no auto-pagination.`,
    hint: defaultHint('model/unpaginated-list'),
    at: locate(op.source),
  };
}

/** The response's object schema, through refs and `allOf` of objects. */
function pageObject(schema: IrSchema | undefined, schemas: Schemas, seen: ReadonlySet<IrSchema> = new Set()): IrObjectSchema | undefined {
  const resolved = resolve(schema, schemas);
  if (resolved?.kind === 'object') return resolved;
  // an allOf that reaches itself through refs (`A: allOf [B]`, `B: allOf [A]`) is no page
  if (resolved?.kind === 'allOf' && !seen.has(resolved)) {
    const inside = new Set(seen).add(resolved);
    const parts = resolved.parts.map((part) => pageObject(part, schemas, inside));
    if (parts.length === 0 || parts.some((part) => part === undefined)) return undefined;
    const properties = parts.flatMap((part) => part!.properties);
    return { kind: 'object', source: resolved.source, properties, additionalProperties: true, additionalPropertiesDeclared: false };
  }
  return undefined;
}

function resolve(schema: IrSchema | undefined, schemas: Schemas): IrSchema | undefined {
  return followRefs(schema, (key) => schemas.get(key));
}

/** A schema without its `null` branch (`type: [string, 'null']`, `anyOf: [T, null]`). */
function nonNull(schema: IrSchema | undefined, schemas: Schemas): IrSchema | undefined {
  const resolved = resolve(schema, schemas);
  if (resolved?.kind !== 'union') return resolved;
  const rest = resolved.variants.map((v) => resolve(v, schemas)).filter((v) => v !== undefined && v.kind !== 'null');
  return rest.length === 1 ? rest[0] : resolved;
}

/**
 * What the offset parameter's schema says of the offsets a walk may ask for: its `multipleOf`
 * (the walk ends at a page that comes up short of it) and its largest value. Without them the
 * walk asked for an offset the request check refuses (NYT books: 20 items, then 5, then
 * `offset=25`, which is not a multiple of 20), and ended in a ValidationError.
 */
function offsetBounds(op: IrOperation, name: string, schemas: Schemas): { step?: number; maxOffset?: number } {
  const schema = nonNull(op.parameters.find((p) => p.in === 'query' && p.name === name)?.schema, schemas);
  if (schema?.kind !== 'number') return {};
  const step =
    schema.multipleOf !== undefined && Number.isInteger(schema.multipleOf) && schema.multipleOf > 1 ? schema.multipleOf : undefined;
  const maxOffset =
    schema.maximum !== undefined
      ? Math.floor(schema.maximum)
      : schema.exclusiveMaximum !== undefined
        ? Math.ceil(schema.exclusiveMaximum) - 1
        : undefined;
  return { ...(step !== undefined ? { step } : {}), ...(maxOffset !== undefined && Number.isFinite(maxOffset) ? { maxOffset } : {}) };
}

function scalarKind(schema: IrSchema, schemas: Schemas): 'string' | 'number' | 'boolean' | undefined {
  const resolved = nonNull(schema, schemas);
  if (resolved === undefined) return undefined;
  if (resolved.kind === 'string' || resolved.kind === 'number' || resolved.kind === 'boolean') return resolved.kind;
  if (resolved.kind === 'enum' && resolved.values.length > 0 && resolved.values.every((v) => typeof v === 'string')) return 'string';
  return undefined;
}

function arrayProperty(page: IrObjectSchema, name: string, schemas: Schemas): { itemSchema: IrSchema; required: boolean } | undefined {
  const property = page.properties.find((p) => p.name === name);
  const schema = property === undefined ? undefined : nonNull(property.schema, schemas);
  return schema?.kind === 'array' ? { itemSchema: schema.items, required: property!.required } : undefined;
}

/** The items array: one of the usual names, else the page's only array property. */
function itemsOf(page: IrObjectSchema, schemas: Schemas): { name: string; itemSchema: IrSchema; required: boolean } | undefined {
  const arrays = page.properties.filter((p) => arrayProperty(page, p.name, schemas) !== undefined).map((p) => p.name);
  // HAL's `_links` and `_embedded`, and error lists, are never the items
  const listed = arrays.filter((name) => !name.startsWith('_') && !NOT_ITEMS.has(name));
  const name =
    ITEM_ARRAYS.find((candidate) => arrays.includes(candidate)) ?? (listed.length === 1 && arrays.length === 1 ? listed[0] : undefined);
  if (name === undefined) return undefined;
  return { name, ...arrayProperty(page, name, schemas)! };
}

/** The schema at a field path of the page, or undefined when the page has no such field. */
function fieldSchema(page: IrObjectSchema, path: IrFieldPath, schemas: Schemas): IrSchema | undefined {
  let current: IrSchema | undefined = page;
  for (const key of path) {
    const object: IrSchema | undefined = current?.kind === 'object' ? current : pageObject(nonNull(current, schemas), schemas);
    current = object?.kind === 'object' ? object.properties.find((p) => p.name === key)?.schema : undefined;
    if (current === undefined) return undefined;
  }
  return current;
}

/** The first of `names` the page has with that kind, at the top or in a usual nest (`meta.next_token`). */
function findField(
  page: IrObjectSchema,
  names: readonly string[],
  kind: 'string' | 'number' | 'boolean' | 'href',
  schemas: Schemas,
): IrFieldPath | undefined {
  const fits = (path: IrFieldPath): boolean => {
    const schema = fieldSchema(page, path, schemas);
    if (schema === undefined) return false;
    if (kind !== 'href') return scalarKind(schema, schemas) === kind;
    return fieldSchema(page, [...path, 'href'], schemas) !== undefined;
  };
  const wanted = (name: string) => name.toLowerCase().replace(/_/g, '');
  for (const nest of [[], ...NESTS.map((n) => [n])]) {
    const holder = nest.length === 0 ? page : pageObject(nonNull(fieldSchema(page, nest, schemas), schemas), schemas);
    if (holder === undefined) continue;
    for (const name of names) {
      const property = holder.properties.find((p) => p.name === name) ?? holder.properties.find((p) => wanted(p.name) === wanted(name));
      if (property === undefined) continue;
      const path = kind === 'href' ? [...nest, property.name, 'href'] : [...nest, property.name];
      if (kind === 'href' ? fits([...nest, property.name]) : fits(path)) return path;
    }
  }
  return undefined;
}
