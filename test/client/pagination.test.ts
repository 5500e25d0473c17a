// Pagination end to end, one case per style: a generated client walks every page of a real
// server on 127.0.0.1, asking for each page as the style says and stopping where it says.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/pipeline.js';
import { json, startRecordingServer, type RecordingServer } from '../support/recording-server.js';

interface Note {
  id: string;
  text: string;
}
interface PageLike<T> extends AsyncIterable<T> {
  data: T[];
  hasNextPage(): boolean;
  getNextPage(): Promise<PageLike<T>>;
}
type Lister = (query?: Record<string, unknown>) => PromiseLike<PageLike<{ id: string }>> & AsyncIterable<{ id: string }>;
interface PagesClient {
  tags: { list: Lister };
  events: { list: Lister };
  posts: { list: Lister };
  people: { list: Lister };
  products: { list: Lister };
  logs: { list: Lister };
  books: { list: Lister };
  accounts: { list: Lister };
  models: { list: Lister };
  rows: { list: (query?: { start?: number }) => AsyncIterable<{ n: number }> };
  notes: { list(query?: { after?: string; limit?: number }): PromiseLike<PageLike<Note>> & AsyncIterable<Note> };
  folders: {
    files: {
      list(folderId: string, query?: { cursor?: string }): PromiseLike<PageLike<{ name: string }>> & AsyncIterable<{ name: string }>;
    };
  };
}

const NOTES = Array.from({ length: 7 }, (_, i) => ({ id: `note_${i}`, text: `Note ${i}` }));
let server: RecordingServer;
let client: PagesClient;
let PagesClient: new (options: object) => PagesClient;
let SDKError: new (...args: never[]) => Error;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sdkgen-pages-'));
  await generate({ spec: 'test/fixtures/specs/pagination.yaml', out: work });
  server = await startRecordingServer();
  server.respond((request, response) => {
    const url = new URL(request.url, 'http://x');
    if (url.pathname === '/notes') {
      const limit = Number(url.searchParams.get('limit') ?? 3);
      const after = url.searchParams.get('after');
      const start = after === null ? 0 : NOTES.findIndex((n) => n.id === after) + 1;
      const data = NOTES.slice(start, start + limit);
      return json(response, 200, {
        object: 'list',
        data,
        first_id: data[0]?.id ?? null,
        last_id: data.at(-1)?.id ?? null,
        has_more: start + limit < NOTES.length,
      });
    }
    const tags = (...ids: string[]) => ids.map((id) => ({ id }));
    const param = (name: string) => url.searchParams.get(name);
    switch (url.pathname) {
      case '/tags':
        return json(response, 200, {
          object: 'list',
          data: param('after') === null ? tags('t1', 't2') : tags('t3'),
          has_more: param('after') === null,
        });
      case '/events':
        return json(
          response,
          200,
          param('NextToken') === null
            ? { Events: tags('e1'), NextToken: 'tok-2' }
            : param('NextToken') === 'tok-2'
              ? { Events: tags('e2'), NextToken: '' }
              : { Events: [] },
        );
      case '/posts':
        return json(
          response,
          200,
          param('next_token') === null
            ? { data: tags('p1'), meta: { next_token: 'n2', result_count: 1 } }
            : { data: tags('p2'), meta: { result_count: 1 } },
        );
      case '/people': {
        const page = Number(param('page') ?? 1);
        return json(response, 200, { data: tags(`person${page}`), page, pages: 3, results: 3 });
      }
      case '/products': {
        const page = Number(param('page') ?? 1);
        return json(response, 200, { items: page <= 2 ? tags(`product${page}`) : [] });
      }
      case '/logs': {
        const offset = Number(param('offset') ?? 0);
        return json(response, 200, { records: tags(`log${offset}`, `log${offset + 1}`).slice(0, 5 - offset), total: 5 });
      }
      case '/books': {
        // a shelf of `shelf` books, two to a page
        const offset = Number(param('offset') ?? 0);
        const shelf = Number(param('shelf'));
        return json(response, 200, {
          results: Array.from({ length: Math.max(0, Math.min(2, shelf - offset)) }, (_, i) => ({ id: `book${offset + i}` })),
        });
      }
      case '/accounts': {
        const skip = param('$skiptoken');
        if (skip === 'evil') return json(response, 200, { value: tags('a3'), nextLink: 'https://elsewhere.example/accounts?$skiptoken=x' });
        return json(
          response,
          200,
          skip === null
            ? { value: tags('a1'), nextLink: `${server.url}/accounts?api-version=2024&$skiptoken=s2` }
            : { value: tags('a2'), ...(param('api-version') === '2024' ? { nextLink: '/accounts?$skiptoken=evil' } : {}) },
        );
      }
      case '/api/accounts':
        // same origin, outside the base URL's path (a client made with baseURL .../api)
        return json(response, 200, { value: tags('a1'), nextLink: `${server.url}/accounts?$skiptoken=s2` });
      case '/models':
        return json(response, 200, { object: 'list', data: tags('m1', 'm2') });
      case '/rows': {
        const start = Number(param('start') ?? 0);
        return json(response, 200, { rows: [{ n: start }], summary: { count: 3 } });
      }
    }
    if (url.pathname === '/folders/cycle/files') {
      // a server that hands out cursors A, B, A, B, ... and always says there is more
      const at = url.searchParams.get('cursor');
      return json(response, 200, { entries: [{ name: `file_${at ?? '0'}` }], more: true, next_cursor: at === 'A' ? 'B' : 'A' });
    }
    const cursor = Number(url.searchParams.get('cursor') ?? 0);
    return json(response, 200, {
      entries: [{ name: `file_${cursor}` }],
      more: cursor < 2,
      next_cursor: cursor < 2 ? String(cursor + 1) : null,
    });
  });
  ({ PagesClient, SDKError } = (await import(join(work, 'src/index.ts'))) as {
    PagesClient: new (options: object) => PagesClient;
    SDKError: new (...args: never[]) => Error;
  });
  client = new PagesClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
});
afterAll(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

describe('cursor pagination', () => {
  it('awaiting gives the first page, with hasNextPage and getNextPage', async () => {
    server.requests.splice(0);
    const page = await client.notes.list({ limit: 3 });
    expect(page.data.map((n) => n.id)).toEqual(['note_0', 'note_1', 'note_2']);
    expect(page.hasNextPage()).toBe(true);
    const next = await page.getNextPage();
    expect(next.data.map((n) => n.id)).toEqual(['note_3', 'note_4', 'note_5']);
    expect(server.requests.map((r) => r.url)).toEqual(['/notes?limit=3', '/notes?after=note_2&limit=3']);
  });

  it('for await walks every item of every page, and stops', async () => {
    server.requests.splice(0);
    const ids: string[] = [];
    for await (const note of client.notes.list({ limit: 3 })) ids.push(note.id);
    expect(ids).toEqual(NOTES.map((n) => n.id));
    expect(server.requests).toHaveLength(3);
  });

  it('for await fetches the next page only when the current one is used up', async () => {
    server.requests.splice(0);
    const ids: string[] = [];
    for await (const note of client.notes.list({ limit: 3 })) {
      ids.push(note.id);
      if (ids.length === 3) break;
    }
    expect(server.requests.map((r) => r.url)).toEqual(['/notes?limit=3']);
    for await (const note of client.notes.list({ limit: 3 })) {
      ids.push(note.id);
      if (ids.length === 7) break;
    }
    expect(ids.slice(3)).toEqual(['note_0', 'note_1', 'note_2', 'note_3']);
    expect(server.requests.map((r) => r.url)).toEqual(['/notes?limit=3', '/notes?limit=3', '/notes?after=note_2&limit=3']);
  });

  it('follows x-sdk-pagination field names and keeps path parameters', async () => {
    server.requests.splice(0);
    const names: string[] = [];
    for await (const file of client.folders.files.list('fld_1')) names.push(file.name);
    expect(names).toEqual(['file_0', 'file_1', 'file_2']);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/folders/fld_1/files',
      '/folders/fld_1/files?cursor=1',
      '/folders/fld_1/files?cursor=2',
    ]);
  });

  it('the walk ends at a cursor it has followed before: a server cycling through cursors would never end it', async () => {
    server.requests.splice(0);
    const names: string[] = [];
    for await (const file of client.folders.files.list('cycle')) names.push(file.name);
    expect(names).toEqual(['file_0', 'file_A', 'file_B']);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/folders/cycle/files',
      '/folders/cycle/files?cursor=A',
      '/folders/cycle/files?cursor=B',
    ]);
  });

  it('getNextPage on the last page says what to check', async () => {
    const last = await client.notes.list({ limit: 10 });
    expect(last.hasNextPage()).toBe(false);
    await expect(last.getNextPage()).rejects.toThrow(/hasNextPage/);
  });
});

/** Every item of every page, and the requests that fetched them. */
async function walk(list: AsyncIterable<{ id: string }>): Promise<{ ids: string[]; urls: string[] }> {
  server.requests.splice(0);
  const ids: string[] = [];
  for await (const item of list) ids.push(item.id);
  return { ids, urls: server.requests.map((r) => r.url) };
}

describe('every list shape', () => {
  it("cursor without a cursor field: the next cursor is the last item's id, while has_more", async () => {
    expect(await walk(client.tags.list({ limit: 2 }))).toEqual({
      ids: ['t1', 't2', 't3'],
      urls: ['/tags?limit=2', '/tags?after=t2&limit=2'],
    });
  });

  it('a token cursor (AWS NextToken): the field named like the parameter, until it is empty', async () => {
    expect(await walk(client.events.list())).toEqual({ ids: ['e1', 'e2'], urls: ['/events', '/events?NextToken=tok-2'] });
  });

  it('a token nested in meta, until it is absent', async () => {
    expect(await walk(client.posts.list())).toEqual({ ids: ['p1', 'p2'], urls: ['/posts', '/posts?next_token=n2'] });
  });

  it('page numbers up to the number of pages', async () => {
    expect(await walk(client.people.list({ page_size: 1 }))).toEqual({
      ids: ['person1', 'person2', 'person3'],
      urls: ['/people?page_size=1', '/people?page=2&page_size=1', '/people?page=3&page_size=1'],
    });
  });

  it('page numbers with no count end on an empty page', async () => {
    const walked = await walk(client.products.list({ limit: 1 }));
    expect(walked).toEqual({
      ids: ['product1', 'product2'],
      urls: ['/products?limit=1', '/products?limit=1&page=2', '/products?limit=1&page=3'],
    });
    const last = await await (await client.products.list({ page: 2 })).getNextPage();
    expect(last.hasNextPage()).toBe(false);
  });

  it('offsets up to the total', async () => {
    expect(await walk(client.logs.list({ limit: 2 }))).toEqual({
      ids: ['log0', 'log1', 'log2', 'log3', 'log4'],
      urls: ['/logs?limit=2', '/logs?limit=2&offset=2', '/logs?limit=2&offset=4'],
    });
  });

  it('offsets the parameter does not take end the walk: a page short of the step, or past the maximum', async () => {
    // two books, then one (NYT: 20, then 5): the next offset, 3, is no multiple of 2, so no page
    // starts there; the walk no longer asks for it and fails the request check
    expect(await walk(client.books.list({ shelf: 3 }))).toEqual({
      ids: ['book0', 'book1', 'book2'],
      urls: ['/books?shelf=3', '/books?offset=2&shelf=3'],
    });
    // a full last page ends on an empty one, as without a step
    expect((await walk(client.books.list({ shelf: 4 }))).urls).toEqual([
      '/books?shelf=4',
      '/books?offset=2&shelf=4',
      '/books?offset=4&shelf=4',
    ]);
    // offset 6 is past the parameter's maximum of 4: the walk ends rather than send it
    expect(await walk(client.books.list({ shelf: 9 }))).toEqual({
      ids: ['book0', 'book1', 'book2', 'book3', 'book4', 'book5'],
      urls: ['/books?shelf=9', '/books?offset=2&shelf=9', '/books?offset=4&shelf=9'],
    });
  });

  it('declared offsets with a nested total', async () => {
    server.requests.splice(0);
    const rows: number[] = [];
    for await (const row of client.rows.list()) rows.push(row.n);
    expect(rows).toEqual([0, 1, 2]);
    expect(server.requests.map((r) => r.url)).toEqual(['/rows', '/rows?start=1', '/rows?start=2']);
  });

  it("next-url: the page's link is fetched as it is, absolute or relative to the base URL", async () => {
    const first = await client.accounts.list({ 'api-version': '2024' });
    const second = await first.getNextPage();
    expect(second.data).toEqual([{ id: 'a2' }]);
    expect(server.requests.slice(-2).map((r) => r.url)).toEqual(['/accounts?api-version=2024', '/accounts?api-version=2024&$skiptoken=s2']);
    const third = await second.getNextPage();
    expect(third.data).toEqual([{ id: 'a3' }]);
    expect(server.requests.at(-1)!.url).toBe('/accounts?$skiptoken=evil');
  });

  it('next-url: a link to another origin is refused, and nothing is sent there', async () => {
    const page = await (await (await client.accounts.list({ 'api-version': '2024' })).getNextPage()).getNextPage();
    const sent = server.requests.length;
    expect(page.hasNextPage()).toBe(true);
    await expect(page.getNextPage()).rejects.toThrow("The next page link points outside the client's base URL");
    expect(server.requests).toHaveLength(sent);
  });

  it("next-url: a link on the same origin but outside the base URL's path is an SDKError, and nothing is sent there", async () => {
    const scoped = new PagesClient({ apiKey: 'k', baseURL: `${server.url}/api`, maxRetries: 0 });
    const page = await scoped.accounts.list();
    expect(page.data).toEqual([{ id: 'a1' }]);
    const sent = server.requests.length;
    const error = await page.getNextPage().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SDKError);
    expect((error as Error).message).toContain("points outside the client's base URL");
    expect(server.requests).toHaveLength(sent);
  });

  it('a single page (object: list, no cursor) is iterable and has no next page', async () => {
    expect(await walk(client.models.list())).toEqual({ ids: ['m1', 'm2'], urls: ['/models'] });
    expect((await client.models.list()).hasNextPage()).toBe(false);
  });
});
