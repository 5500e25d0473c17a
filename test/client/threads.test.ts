// ChatKit threads end to end: list (auto-paginated), retrieve, delete and listItems against a
// real server on 127.0.0.1, with the discriminated unions checked by the response validators.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChatKitClient, ValidationError } from '../../generated/src/index.js';
import type { ChatKitThread, ChatKitThreadItemListDataUnion } from '../../generated/src/types.js';
import { json, startRecordingServer, type RecordingServer } from '../support/recording-server.js';

const thread = (i: number, status: ChatKitThread['status'] = { type: 'active' }): ChatKitThread => ({
  id: `cthr_${i}`,
  object: 'chatkit.thread',
  created_at: 1_700_000_000 + i,
  status,
  title: i % 2 === 0 ? `Thread ${i}` : null,
  user: 'u_1',
});
const THREADS = [
  thread(0),
  thread(1, { type: 'locked', reason: 'policy' }),
  thread(2, { type: 'closed', reason: null }),
  thread(3),
  thread(4),
];
const userMessage = (id: string): ChatKitThreadItemListDataUnion => ({
  id,
  object: 'chatkit.thread_item',
  type: 'chatkit.user_message',
  thread_id: 'cthr_0',
  created_at: 1_700_000_000,
  attachments: [],
  content: [{ type: 'input_text', text: 'hello' }],
  inference_options: null,
});

let server: RecordingServer;
let client: ChatKitClient;
beforeAll(async () => {
  server = await startRecordingServer();
  client = new ChatKitClient({ apiKey: 'sk-test', baseURL: server.url, maxRetries: 0 });
});
afterAll(() => server.close());
beforeEach(() => void server.requests.splice(0));

function pageOf<T extends { id: string }>(all: readonly T[], url: URL) {
  const limit = Number(url.searchParams.get('limit') ?? 2);
  const after = url.searchParams.get('after');
  const start = after === null ? 0 : all.findIndex((t) => t.id === after) + 1;
  const data = all.slice(start, start + limit);
  return { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: start + limit < all.length };
}

describe('client.chatkit.threads', () => {
  it('list() walks every page with for await, passing the filters on every page', async () => {
    server.respond((request, response) => json(response, 200, pageOf(THREADS, new URL(request.url, server.url))));
    const ids: string[] = [];
    for await (const t of client.chatkit.threads.list({ limit: 2, order: 'asc', user: 'u_1' })) ids.push(t.id);
    expect(ids).toEqual(THREADS.map((t) => t.id));
    expect(server.requests.map((r) => r.url)).toEqual([
      '/chatkit/threads?limit=2&order=asc&user=u_1',
      '/chatkit/threads?after=cthr_1&limit=2&order=asc&user=u_1',
      '/chatkit/threads?after=cthr_3&limit=2&order=asc&user=u_1',
    ]);
    expect(server.requests.every((r) => r.headers['openai-beta'] === 'chatkit_beta=v1')).toBe(true);
  });

  it('await list() gives the first page with hasNextPage and getNextPage', async () => {
    server.respond((request, response) => json(response, 200, pageOf(THREADS, new URL(request.url, server.url))));
    const page = await client.chatkit.threads.list({ limit: 3 });
    expect(page.data.map((t) => t.status.type)).toEqual(['active', 'locked', 'closed']);
    expect(page.hasNextPage()).toBe(true);
    const next = await page.getNextPage();
    expect(next.data.map((t) => t.id)).toEqual(['cthr_3', 'cthr_4']);
    expect(next.hasNextPage()).toBe(false);
  });

  it('retrieve() and delete() address one thread', async () => {
    server.respond((request, response) =>
      request.method === 'DELETE'
        ? json(response, 200, { id: 'cthr_0', object: 'chatkit.thread.deleted', deleted: true })
        : json(response, 200, THREADS[0]),
    );
    expect((await client.chatkit.threads.retrieve('cthr_0')).id).toBe('cthr_0');
    expect((await client.chatkit.threads.delete('cthr_0')).deleted).toBe(true);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /chatkit/threads/cthr_0', 'DELETE /chatkit/threads/cthr_0']);
  });

  it('listItems() pages through a thread’s items', async () => {
    const items = ['cthi_0', 'cthi_1', 'cthi_2'].map(userMessage);
    server.respond((request, response) => json(response, 200, pageOf(items as { id: string }[], new URL(request.url, server.url))));
    const seen: string[] = [];
    for await (const item of client.chatkit.threads.listItems('cthr_0', { limit: 2 })) seen.push(`${item.type}:${item.id}`);
    expect(seen).toEqual(['chatkit.user_message:cthi_0', 'chatkit.user_message:cthi_1', 'chatkit.user_message:cthi_2']);
    expect(server.requests[1]?.url).toBe('/chatkit/threads/cthr_0/items?after=cthi_1&limit=2');
  });

  it("a discriminator value the spec does not list: kept in 'loose' mode (a newer API), named in 'strict'", async () => {
    server.respond((_request, response) => json(response, 200, { ...THREADS[0], status: { type: 'archived' } }));
    const thread = await client.chatkit.threads.retrieve('cthr_0');
    expect(thread.status).toEqual({ type: 'archived' });
    const strict = new ChatKitClient({ apiKey: 'sk-test', baseURL: server.url, maxRetries: 0, responseValidation: 'strict' });
    const error = await strict.chatkit.threads.retrieve('cthr_0').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(String((error as ValidationError).message)).toMatch(/status.*type.*'active'.*'closed'.*'locked'.*archived/s);
    // a tag of another JSON type is no newer value: rejected in 'loose' mode too
    server.respond((_request, response) => json(response, 200, { ...THREADS[0], status: { type: 7 } }));
    await expect(client.chatkit.threads.retrieve('cthr_0')).rejects.toBeInstanceOf(ValidationError);
  });

  it('a query parameter out of range never reaches the network', async () => {
    await expect(client.chatkit.threads.list({ limit: 1000 }).then((p) => p.data)).rejects.toBeInstanceOf(ValidationError);
    expect(server.requests).toHaveLength(0);
  });
});
