// Which list operations page, and how: detection over the shapes published specs use, the
// `x-sdk-pagination` declaration of each style, its errors, and the located warning on a
// list-like method left without pagination. Models are built from small specs in memory.
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../generator/diagnostics/diagnostic.js';
import { loadSpec } from '../../generator/load/load-spec.js';
import { buildModel } from '../../generator/model/build-model.js';
import type { IrOperation } from '../../generator/model/ir.js';
import { validateSpec } from '../../generator/validate/validate-spec.js';

interface Op {
  readonly query?: Record<string, object>;
  readonly response: object;
  readonly extension?: unknown;
  readonly method?: 'get' | 'post';
}

/** A spec with one operation per entry (path `/<name>`), as YAML-compatible JSON. */
async function model(ops: Record<string, Op>) {
  const paths = Object.fromEntries(
    Object.entries(ops).map(([name, op]) => [
      `/${name}`,
      {
        [op.method ?? 'get']: {
          operationId: `list_${name}`,
          ...(op.extension === undefined ? {} : { 'x-sdk-pagination': op.extension }),
          parameters: Object.entries(op.query ?? {}).map(([param, schema]) => ({ name: param, in: 'query', schema })),
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: op.response } } } },
        },
      },
    ]),
  );
  const text = JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'T', version: '1' },
    paths,
    components: { schemas: { Item: { type: 'object', properties: { id: { type: 'string' } } } } },
  });
  return buildModel(await validateSpec(loadSpec('spec.json', text)));
}

const items = { type: 'array', items: { $ref: '#/components/schemas/Item' } };
const str = { type: 'string' };
const int = { type: 'integer' };
const bool = { type: 'boolean' };
const object = (properties: Record<string, object>) => ({ type: 'object', properties });

function pagination(op: IrOperation | undefined) {
  if (op?.pagination === undefined) return undefined;
  const { itemSchema: _item, itemsRequired: _required, origin: _origin, ...rest } = op.pagination;
  return rest;
}

describe('detected pagination', () => {
  it('recognises each shape of the corpus and of the OpenAI spec', async () => {
    const { api, warnings } = await model({
      openai: { query: { after: str, limit: int }, response: object({ data: items, last_id: str, has_more: bool }) },
      openaiNoLastId: { query: { after: str }, response: object({ object: { const: 'list' }, data: items, has_more: bool }) },
      openaiNext: { query: { after: str }, response: object({ data: items, has_more: bool, next: { type: ['string', 'null'] } }) },
      openaiUsage: {
        query: { page: str, limit: int },
        response: object({ data: items, has_more: bool, next_page: { type: ['string', 'null'] } }),
      },
      aws: { query: { NextToken: str, MaxResults: int }, response: object({ Sites: items, NextToken: str }) },
      twitter: { query: { next_token: str }, response: object({ data: items, meta: object({ next_token: str }) }) },
      linode: {
        query: { page: { type: 'integer', minimum: 1 }, page_size: int },
        response: object({ data: items, page: int, pages: int, results: int }),
      },
      zeroBased: { query: { page: { type: 'integer', minimum: 0 } }, response: object({ items }) },
      zeroDefault: { query: { page: { type: 'integer', default: 0 } }, response: object({ items }) },
      offsets: { query: { offset: int, limit: int }, response: object({ results: items, total_count: int }) },
      azure: { query: { 'api-version': str }, response: object({ value: items, nextLink: str }) },
      hal: { response: object({ data: items, _links: object({ next: object({ href: str }) }) }) },
      models: { response: object({ object: { const: 'list' }, data: items }) },
    });
    expect(warnings.filter((w) => w.code === 'model/unpaginated-list')).toEqual([]);
    const byPath = Object.fromEntries(api.operations.map((op) => [op.pathTemplate.slice(1), pagination(op)]));
    expect(byPath).toEqual({
      openai: { style: 'cursor', items: 'data', cursorParam: 'after', cursorField: ['last_id'], hasMore: ['has_more'] },
      openaiNoLastId: { style: 'cursor', items: 'data', cursorParam: 'after', hasMore: ['has_more'] },
      openaiNext: { style: 'cursor', items: 'data', cursorParam: 'after', cursorField: ['next'], hasMore: ['has_more'] },
      openaiUsage: { style: 'cursor', items: 'data', cursorParam: 'page', cursorField: ['next_page'], hasMore: ['has_more'] },
      aws: { style: 'cursor', items: 'Sites', cursorParam: 'NextToken', cursorField: ['NextToken'] },
      twitter: { style: 'cursor', items: 'data', cursorParam: 'next_token', cursorField: ['meta', 'next_token'] },
      linode: { style: 'page', items: 'data', pageParam: 'page', firstPage: 1, pageField: ['page'], totalPages: ['pages'] },
      zeroBased: { style: 'page', items: 'items', pageParam: 'page', firstPage: 0 },
      zeroDefault: { style: 'page', items: 'items', pageParam: 'page', firstPage: 0 },
      offsets: { style: 'offset', items: 'results', offsetParam: 'offset', total: ['total_count'] },
      azure: { style: 'next-url', items: 'value', nextField: ['nextLink'] },
      hal: { style: 'next-url', items: 'data', nextField: ['_links', 'next', 'href'] },
      models: { style: 'single', items: 'data' },
    });
  });

  it('leaves alone what is not a list: a POST, an object whose only arrays are HAL links or errors, an array response', async () => {
    const { api, warnings } = await model({
      search: { method: 'post', query: { after: str }, response: object({ data: items, has_more: bool }) },
      card: { query: { offset: int, limit: int }, response: object({ id: str, _links: items }) },
      status: { query: { page: int }, response: object({ ok: bool, errors: items }) },
      plain: { query: { page: int }, response: items },
    });
    expect(api.operations.map((op) => op.pagination)).toEqual([undefined, undefined, undefined, undefined]);
    expect(warnings.filter((w) => w.code === 'model/unpaginated-list')).toEqual([]);
  });

  it('ends on an allOf that reaches itself through refs (A: allOf [B], B: allOf [A]) instead of overflowing the stack', async () => {
    const schemas = {
      A: { allOf: [{ $ref: '#/components/schemas/B' }, { type: 'object', properties: { data: items } }] },
      B: { allOf: [{ $ref: '#/components/schemas/A' }, { type: 'object', properties: { has_more: bool } }] },
      Item: { type: 'object', properties: { id: str } },
    };
    const paths = {
      '/a': {
        get: {
          operationId: 'listA',
          parameters: [{ name: 'after', in: 'query', schema: str }],
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } } } },
        },
      },
    };
    const text = JSON.stringify({ openapi: '3.1.0', info: { title: 'T', version: '1' }, paths, components: { schemas } });
    const { api } = buildModel(await validateSpec(loadSpec('spec.json', text)));
    expect(api.operations[0]?.pagination).toBeUndefined();
  });

  it('warns once, at the operation, on a list-like method left without pagination', async () => {
    const { api, warnings } = await model({
      exports: { query: { limit: int }, response: object({ data: items }) },
      holidays: { query: { year: int }, response: object({ holidays: items }) },
      off: { query: { limit: int }, response: object({ data: items }), extension: false },
    });
    expect(api.operations.every((op) => op.pagination === undefined)).toBe(true);
    const listed = warnings.filter((w) => w.code === 'model/unpaginated-list');
    expect(listed.map((w) => [w.severity, w.at.pointer, w.message])).toEqual([
      [
        'warning',
        '/paths/~1exports/get',
        '`client.exports.list` (`GET /exports`) returns a list in `data` and takes `limit`, but sdkgen found no way to ask for the next page: the method returns the first response, with no auto-pagination.',
      ],
      [
        'warning',
        '/paths/~1holidays/get',
        '`client.holidays.list` (`GET /holidays`) returns a list in `holidays`, but sdkgen found no way to ask for the next page: the method returns the first response, with no auto-pagination.',
      ],
    ]);
    expect(listed[0]!.hint).toContain('x-sdk-pagination');
    expect(listed[0]!.at.line).toBeGreaterThan(0);
  });
});

describe('declared pagination (x-sdk-pagination)', () => {
  it('takes every style with its fields, dotted or as a list of keys', async () => {
    const { api } = await model({
      a: {
        query: { token: str },
        response: object({ entries: items, paging: object({ next: str }) }),
        extension: { style: 'cursor', items: 'entries', cursorParam: 'token', cursorField: 'paging.next' },
      },
      b: {
        query: { p: int },
        response: object({ data: items, meta: object({ 'page.count': int }) }),
        extension: { style: 'page', pageParam: 'p', totalPages: ['meta', 'page.count'], firstPage: 0 },
      },
      c: { query: { from: int }, response: object({ data: items }), extension: { style: 'offset', offsetParam: 'from' } },
      d: {
        response: object({ data: items, links: object({ following: str }) }),
        extension: { style: 'next-url', nextField: 'links.following' },
      },
      e: { query: { limit: int }, response: object({ data: items }), extension: { style: 'single' } },
    });
    expect(api.operations.map((op) => [op.pagination?.origin, pagination(op)])).toEqual([
      ['declared', { style: 'cursor', items: 'entries', cursorParam: 'token', cursorField: ['paging', 'next'] }],
      ['declared', { style: 'page', items: 'data', pageParam: 'p', firstPage: 0, totalPages: ['meta', 'page.count'] }],
      ['declared', { style: 'offset', items: 'data', offsetParam: 'from' }],
      ['declared', { style: 'next-url', items: 'data', nextField: ['links', 'following'] }],
      ['declared', { style: 'single', items: 'data' }],
    ]);
  });

  it('fills what a declaration leaves out with the defaults: cursor, data, after, last_id, has_more, page from 1, offset, next', async () => {
    const { api, warnings } = await model({
      // other cursor-like parameters and fields beside the defaults, so only the defaults pick these
      bare: {
        query: { cursor: str, after: str },
        response: object({ data: items, entries: items, next_cursor: str, last_id: str, more: bool, has_more: bool }),
        extension: {},
      },
      noHasMore: { query: { after: str }, response: object({ data: items, last_id: str }), extension: { style: 'cursor' } },
      noLastId: { query: { after: str }, response: object({ data: items, has_more: bool }), extension: { style: 'cursor' } },
      pages: { query: { p: int, page: int }, response: object({ data: items, page: int, pages: int }), extension: { style: 'page' } },
      offsets: { query: { skip: int, offset: int }, response: object({ data: items, total: int }), extension: { style: 'offset' } },
      links: { response: object({ data: items, nextLink: str, next: str }), extension: { style: 'next-url' } },
    });
    expect(warnings).toEqual([]);
    expect(api.operations.every((op) => op.pagination?.origin === 'declared')).toBe(true);
    const byPath = Object.fromEntries(api.operations.map((op) => [op.pathTemplate.slice(1), pagination(op)]));
    expect(byPath).toEqual({
      bare: { style: 'cursor', items: 'data', cursorParam: 'after', cursorField: ['last_id'], hasMore: ['has_more'] },
      noHasMore: { style: 'cursor', items: 'data', cursorParam: 'after', cursorField: ['last_id'] },
      // without last_id, the next cursor is the last item's id
      noLastId: { style: 'cursor', items: 'data', cursorParam: 'after', hasMore: ['has_more'] },
      // a declared page style reads no page or total field it is not given
      pages: { style: 'page', items: 'data', pageParam: 'page', firstPage: 1 },
      offsets: { style: 'offset', items: 'data', offsetParam: 'offset' },
      links: { style: 'next-url', items: 'data', nextField: ['next'] },
    });
  });

  it('reports a declaration that does not fit, at the field', async () => {
    const error = await model({
      a: { query: { after: str }, response: object({ data: items }), extension: { style: 'pages' } },
      b: { query: { after: str }, response: object({ data: items }), extension: { style: 'page', cursorParam: 'after' } },
      c: { query: { after: str }, response: object({ data: items }), extension: { style: 'offset' } },
      d: { query: { after: str }, response: object({ data: items }), extension: { style: 'next-url', nextField: 'links.next' } },
      e: { query: { after: str }, response: object({ rows: items }), extension: { style: 'single' } },
      f: { query: { after: str }, response: object({ data: items }), extension: { style: 'cursor' } },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.at.pointer, d.message])).toEqual([
      [
        'model/invalid-extension',
        '/paths/~1a/get/x-sdk-pagination/style',
        '`x-sdk-pagination` has the style "pages"; the styles are cursor, page, offset, next-url and single.',
      ],
      [
        'model/invalid-extension',
        '/paths/~1b/get/x-sdk-pagination/cursorParam',
        '`cursorParam` is not a field of `x-sdk-pagination` with `style: page`; it takes `style`, `items`, `pageParam`, `pageField`, `totalPages`, `firstPage`.',
      ],
      [
        'model/invalid-extension',
        '/paths/~1c/get/x-sdk-pagination',
        'The offset parameter `offset` is not a query parameter of the operation.',
      ],
      ['model/invalid-extension', '/paths/~1d/get/x-sdk-pagination/nextField', 'The response has no field `links.next` (`nextField`).'],
      ['model/invalid-extension', '/paths/~1e/get/x-sdk-pagination', 'The response has no `data` array to paginate.'],
      [
        'model/invalid-extension',
        '/paths/~1f/get/x-sdk-pagination',
        "A cursor page needs a `cursorField` (the next cursor) or a `hasMore` flag (then the cursor is the last item's `id`).",
      ],
    ]);
  });
});
