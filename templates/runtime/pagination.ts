// Pagination. Awaiting a list call gives its first page; iterating it with `for await` walks
// every item of every page, fetching the next page only when the current one is used up.
import type { APIPromise } from './api-promise.js';
import { SDKError } from './errors.js';

/** A field of a page, as the path of keys from the page down (`['meta', 'next_token']`). */
export type PageField = readonly string[];

/**
 * How a list operation's pages link up (from the spec's `x-sdk-pagination`, or detected):
 * - `cursor`: the next request sends `cursorParam` set to `cursorField` (or, without one, the
 *   last item's `id`); with `hasMore`, that boolean says whether more pages follow, else a
 *   non-empty cursor does.
 * - `page`: page numbers from `firstPage`, up to `totalPages` or an empty page.
 * - `offset`: the next page starts after this page's items, up to `total` or an empty page, and
 *   not at an offset the parameter does not take (off its `step`, past `maxOffset`).
 * - `next-url`: the page carries the next page's URL in `nextField`.
 * - `single`: one page holds the whole list.
 */
export type Pagination =
  | {
      readonly style: 'cursor';
      readonly items: string;
      readonly cursorParam: string;
      readonly cursorField?: PageField;
      readonly hasMore?: PageField;
    }
  | {
      readonly style: 'page';
      readonly items: string;
      readonly pageParam: string;
      readonly pageField?: PageField;
      readonly totalPages?: PageField;
      readonly firstPage: number;
    }
  | {
      readonly style: 'offset';
      readonly items: string;
      readonly offsetParam: string;
      readonly total?: PageField;
      /** The offset parameter's multipleOf: a next offset off it means this page was the last. */
      readonly step?: number;
      /** The largest offset the parameter takes. */
      readonly maxOffset?: number;
    }
  | { readonly style: 'next-url'; readonly items: string; readonly nextField: PageField }
  | { readonly style: 'single'; readonly items: string };

/** What one page's request varies: its query parameters, or the URL the previous page gave. */
export interface PageRequest {
  readonly query: Record<string, unknown>;
  readonly url?: string | undefined;
}

/**
 * Runs the list operation for one page. `url`, for a `next-url` page, turns the client's base
 * URL into the path of the link to request (here, so only clients that follow links carry it).
 */
export type FetchPage<Body> = (query: never, url: LinkedPath | undefined) => APIPromise<Body>;

/** The path to request for a page's link, given the client's base URL. */
export type LinkedPath = (baseURL: string) => string;

function read(body: unknown, path: PageField): unknown {
  let value = body;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

function count(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/** One page of a list: its items, the whole body, and the way to the next page. */
export class Page<
  Item,
  Body extends object = Record<string, unknown>,
> implements AsyncIterable<Item> {
  /** The items of this page. */
  readonly data: Item[];
  readonly #request: PageRequest;
  readonly #fetchPage: FetchPage<Body>;
  readonly #pagination: Pagination;

  constructor(
    /** The whole page as the API returned it. */
    readonly body: Body,
    request: PageRequest,
    fetchPage: FetchPage<Body>,
    pagination: Pagination,
  ) {
    this.#request = request;
    this.#fetchPage = fetchPage;
    this.#pagination = pagination;
    const items = (body as Record<string, unknown>)[pagination.items];
    this.data = Array.isArray(items) ? (items as Item[]) : [];
  }

  /** Whether another page follows this one. */
  hasNextPage(): boolean {
    return this.#next() !== undefined;
  }

  /** The page after this one; throws when there is none (check `hasNextPage()` first). */
  async getNextPage(): Promise<Page<Item, Body>> {
    const next = this.#next();
    if (next === undefined) {
      throw new Error('There is no next page: check hasNextPage() before calling getNextPage().');
    }
    const link = next.url;
    const body = await (
      this.#fetchPage as (query: object, url: LinkedPath | undefined) => APIPromise<Body>
    )(next.query, link === undefined ? undefined : (baseURL) => linkedPath(link, baseURL));
    return new Page<Item, Body>(body, next, this.#fetchPage, this.#pagination);
  }

  /**
   * Every page from this one on. The walk ends at a page whose link (cursor or URL) it has
   * followed before: a server that cycles through a few cursors would never end it.
   */
  async *iterPages(): AsyncGenerator<Page<Item, Body>> {
    let page: Page<Item, Body> = this;
    const followed = new Set<string>();
    for (;;) {
      yield page;
      const next = page.#next();
      if (next === undefined) return;
      const link = page.#linkOf(next);
      if (link !== undefined) {
        if (followed.has(link)) return;
        followed.add(link);
      }
      page = await page.getNextPage();
    }
  }

  /** What identifies the next page's request for a walk: its URL or its cursor. */
  #linkOf(next: PageRequest): string | undefined {
    if (next.url !== undefined) return next.url;
    const pagination = this.#pagination;
    return pagination.style === 'cursor' ? text(next.query[pagination.cursorParam]) : undefined;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Item> {
    for await (const page of this.iterPages()) yield* page.data;
  }

  /** The request for the next page, or undefined on the last one. */
  #next(): PageRequest | undefined {
    const pagination = this.#pagination;
    const { query } = this.#request;
    switch (pagination.style) {
      case 'cursor': {
        const field =
          pagination.cursorField === undefined
            ? undefined
            : text(read(this.body, pagination.cursorField));
        let cursor = field;
        if (pagination.hasMore !== undefined) {
          if (read(this.body, pagination.hasMore) !== true) return undefined;
          cursor ??= text((this.data[this.data.length - 1] as { id?: unknown } | undefined)?.id);
        }
        // a server that hands back the cursor it was given would never end the walk
        if (cursor === undefined || cursor === text(query[pagination.cursorParam])) {
          return undefined;
        }
        return { query: { ...query, [pagination.cursorParam]: cursor } };
      }
      case 'page': {
        if (this.data.length === 0) return undefined;
        const current =
          (pagination.pageField === undefined
            ? undefined
            : count(read(this.body, pagination.pageField))) ??
          count(query[pagination.pageParam]) ??
          pagination.firstPage;
        const total =
          pagination.totalPages === undefined
            ? undefined
            : count(read(this.body, pagination.totalPages));
        if (total !== undefined && current - pagination.firstPage + 1 >= total) return undefined;
        return { query: { ...query, [pagination.pageParam]: current + 1 } };
      }
      case 'offset': {
        if (this.data.length === 0) return undefined;
        const next = (count(query[pagination.offsetParam]) ?? 0) + this.data.length;
        const total =
          pagination.total === undefined ? undefined : count(read(this.body, pagination.total));
        if (total !== undefined && next >= total) return undefined;
        // the API takes no such offset: a page short of a fixed page size was the last one
        if (pagination.step !== undefined && next % pagination.step !== 0) return undefined;
        if (pagination.maxOffset !== undefined && next > pagination.maxOffset) return undefined;
        return { query: { ...query, [pagination.offsetParam]: next } };
      }
      case 'next-url': {
        const url = text(read(this.body, pagination.nextField));
        if (url === undefined || url === this.#request.url) return undefined;
        return { query, url };
      }
      case 'single':
        return undefined;
    }
  }
}

/** What a paginated method returns: awaitable for the first page, iterable for every item. */
export class PagePromise<P extends Page<unknown, object>, Item = P['data'][number]>
  implements PromiseLike<P>, AsyncIterable<Item>
{
  readonly #first: APIPromise<P['body']>;
  readonly #page: Promise<P>;

  constructor(query: object, fetchPage: FetchPage<P['body']>, pagination: Pagination) {
    const request: PageRequest = { query: query as Record<string, unknown> };
    this.#first = (fetchPage as (query: object, url: undefined) => APIPromise<P['body']>)(
      query,
      undefined,
    );
    this.#page = this.#first.then(
      (body) => new Page<Item, P['body']>(body, request, fetchPage, pagination) as unknown as P,
    );
  }

  then<TResult1 = P, TResult2 = never>(
    onfulfilled?: ((value: P) => TResult1 | PromiseLike<TResult1>) | null,
    onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
  ): Promise<TResult1 | TResult2> {
    return this.#page.then(onfulfilled, onrejected);
  }

  catch<TResult = never>(
    onrejected?: ((reason: unknown) => TResult | PromiseLike<TResult>) | null,
  ): Promise<P | TResult> {
    return this.#page.catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<P> {
    return this.#page.finally(onfinally);
  }

  /** The first page with the Response it came from. */
  async withResponse(): Promise<{ data: P; response: Response; requestId: string | null }> {
    const [{ response, requestId }, data] = await Promise.all([
      this.#first.withResponse(),
      this.#page,
    ]);
    return { data, response, requestId };
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Item> {
    yield* (await this.#page) as unknown as AsyncIterable<Item>;
  }
}

/**
 * A link the API returned (a page's next-page URL), as a path after the base URL: absolute or
 * relative to the base URL, on the base URL's origin and under its path. Anything else would
 * send the client's credentials somewhere the caller never chose, so it is refused.
 */
export function linkedPath(link: string, baseURL: string): string {
  let url: URL;
  try {
    url = new URL(link, `${baseURL}/`);
  } catch {
    throw new SDKError('The next page link is not a URL.');
  }
  const base = new URL(baseURL);
  const prefix = base.pathname.replace(/\/+$/, '');
  if (
    url.origin !== base.origin ||
    !(url.pathname === prefix || url.pathname.startsWith(`${prefix}/`))
  ) {
    throw new SDKError(
      `The next page link points outside the client's base URL (${base.origin}${prefix}); the client does not follow it.`,
    );
  }
  return url.pathname.slice(prefix.length) + url.search;
}
