// Cursor pagination. Awaiting a list call gives its first page; iterating it with `for await`
// walks every item of every page, fetching the next page only when the current one is used up.
import type { APIPromise } from './api-promise.js';

/** Where a page keeps its items and its cursor (from the spec's `x-sdk-pagination`). */
export interface CursorPagination {
  /** The array of items, e.g. `data`. */
  readonly items: string;
  /** The query parameter that asks for the page after a cursor, e.g. `after`. */
  readonly cursorParam: string;
  /** The field of a page that holds the cursor of its last item, e.g. `last_id`. */
  readonly cursorField: string;
  /** The boolean field that says whether more pages exist, e.g. `has_more`. */
  readonly hasMore: string;
}

type FetchPage<Query, Page> = (query: Query) => APIPromise<Page>;

export class CursorPage<
  Query extends object,
  Page extends object,
  Item,
> implements AsyncIterable<Item> {
  /** The items of this page. */
  readonly data: Item[];

  constructor(
    /** The whole page as the API returned it. */
    readonly body: Page,
    private readonly query: Query,
    private readonly fetchPage: FetchPage<Query, Page>,
    private readonly pagination: CursorPagination,
  ) {
    const items = (body as Record<string, unknown>)[pagination.items];
    this.data = Array.isArray(items) ? (items as Item[]) : [];
  }

  /** Whether the API says more items follow, and there is a cursor to ask for them. */
  hasNextPage(): boolean {
    return (
      (this.body as Record<string, unknown>)[this.pagination.hasMore] === true &&
      this.#cursor() !== undefined
    );
  }

  /** The page after this one; throws when there is none (check `hasNextPage()` first). */
  async getNextPage(): Promise<CursorPage<Query, Page, Item>> {
    const cursor = this.#cursor();
    if (!this.hasNextPage() || cursor === undefined) {
      throw new Error('There is no next page: check hasNextPage() before calling getNextPage().');
    }
    const query = { ...this.query, [this.pagination.cursorParam]: cursor } as Query;
    const body = await this.fetchPage(query);
    return new CursorPage(body, query, this.fetchPage, this.pagination);
  }

  /** Every page from this one on. */
  async *iterPages(): AsyncGenerator<CursorPage<Query, Page, Item>> {
    let page: CursorPage<Query, Page, Item> = this;
    for (;;) {
      yield page;
      if (!page.hasNextPage()) return;
      page = await page.getNextPage();
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Item> {
    for await (const page of this.iterPages()) yield* page.data;
  }

  /** The cursor field, or else the `id` of the last item. */
  #cursor(): string | undefined {
    const field = (this.body as Record<string, unknown>)[this.pagination.cursorField];
    if (typeof field === 'string' && field !== '') return field;
    const last = this.data[this.data.length - 1] as { id?: unknown } | undefined;
    return typeof last?.id === 'string' ? last.id : undefined;
  }
}

/** What a paginated method returns: awaitable for the first page, iterable for every item. */
export class PagePromise<Query extends object, Page extends object, Item>
  implements PromiseLike<CursorPage<Query, Page, Item>>, AsyncIterable<Item>
{
  readonly #first: APIPromise<Page>;
  readonly #page: Promise<CursorPage<Query, Page, Item>>;

  constructor(query: Query, fetchPage: FetchPage<Query, Page>, pagination: CursorPagination) {
    this.#first = fetchPage(query);
    this.#page = this.#first.then((body) => new CursorPage(body, query, fetchPage, pagination));
  }

  then<TResult1 = CursorPage<Query, Page, Item>, TResult2 = never>(
    onfulfilled?:
      ((value: CursorPage<Query, Page, Item>) => TResult1 | PromiseLike<TResult1>) | null,
    onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
  ): Promise<TResult1 | TResult2> {
    return this.#page.then(onfulfilled, onrejected);
  }

  catch<TResult = never>(
    onrejected?: ((reason: unknown) => TResult | PromiseLike<TResult>) | null,
  ): Promise<CursorPage<Query, Page, Item> | TResult> {
    return this.#page.catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<CursorPage<Query, Page, Item>> {
    return this.#page.finally(onfinally);
  }

  /** The first page with the Response it came from. */
  async withResponse(): Promise<{
    data: CursorPage<Query, Page, Item>;
    response: Response;
    requestId: string | null;
  }> {
    const [{ response, requestId }, data] = await Promise.all([
      this.#first.withResponse(),
      this.#page,
    ]);
    return { data, response, requestId };
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Item> {
    yield* await this.#page;
  }
}
