// An API that grows past its spec must not break a deployed client: with the default 'loose'
// response validation, an enum value, a union tag, a stream event type or a field the spec does
// not list (on an object it closes with additionalProperties: false too) is returned as sent;
// 'strict' rejects each; a request may send only what the spec lists. End to end, against a real
// server on 127.0.0.1: a JSON body, a paginated list and an event stream.
import type { ServerResponse } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/pipeline.js';
import { json, startRecordingServer, type RecordedRequest, type RecordingServer } from '../support/recording-server.js';
import { collect } from '../support/async-items.js';

interface Order {
  id: string;
  status: string;
  priority?: string;
  lines: { kind: string }[];
}
interface OrdersClient {
  orders: {
    retrieve(id: string): Promise<Order>;
    list(query?: { after?: string }): AsyncIterable<Order>;
    create(body: { priority: string }): Promise<Order>;
    events(id: string): Promise<AsyncIterable<{ type: string; order_id: string }>>;
  };
}
type ClientClass = new (options: object) => OrdersClient;

/**
 * Everything below is what a newer API sends: a status, a line kind and an event type this spec
 * does not list, and fields on objects the spec closes (the order, a product line, the page, a
 * shipped event).
 */
const NEWER_ORDER = {
  id: 'o_1',
  status: 'returned',
  priority: 'urgent',
  lines: [
    { kind: 'product', sku: 's', quantity: 2 },
    { kind: 'gift_card', code: 'G-1' },
  ],
  placed_at: '2026-12-01T10:00:00Z',
};
const EVENTS = [
  { type: 'order.created', order_id: 'o_1' },
  { type: 'order.refunded', order_id: 'o_1', amount: 5 },
  { type: 'order.shipped', order_id: 'o_1', carrier: 'ups', eta: '2026-12-03' },
];

let server: RecordingServer;
let work: string;
let Client: ClientClass;

function sse(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': 'req_stream' });
  response.end(EVENTS.map((event) => `data: ${JSON.stringify(event)}\n\n`).join(''));
}

/** What a newer version of the API answers: values this spec does not list, in every kind of response. */
function newerAPI(request: RecordedRequest, response: ServerResponse): void {
  const url = new URL(request.url, 'http://x');
  if (url.pathname === '/orders/o_1/events') return sse(response);
  if (url.pathname === '/orders' && request.method === 'GET') {
    const second = url.searchParams.get('after') === 'o_1';
    const order = second ? { ...NEWER_ORDER, id: 'o_2', status: 'pending' } : NEWER_ORDER;
    return json(response, 200, { object: 'list', data: [order], first_id: order.id, last_id: order.id, has_more: !second, total: 2 });
  }
  return json(response, 200, NEWER_ORDER, { 'x-request-id': 'req_order' });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sdkgen-forward-'));
  await generate({ spec: 'test/fixtures/specs/forward-compat.yaml', out: work });
  server = await startRecordingServer();
  server.respond(newerAPI);
  ({ OrdersClient: Client } = (await import(join(work, 'src/index.ts'))) as { OrdersClient: ClientClass });
});
afterAll(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

const client = (responseValidation?: 'loose' | 'strict') =>
  new Client({
    apiKey: 'sk-forward-compat-test-0123456789',
    baseURL: server.url,
    maxRetries: 0,
    ...(responseValidation ? { responseValidation } : {}),
  });

describe("'loose' (the default) keeps what a newer API adds", () => {
  it('a JSON body with an unlisted enum value, an unlisted union tag and fields on closed objects resolves, as sent', async () => {
    expect(await client().orders.retrieve('o_1')).toEqual(NEWER_ORDER);
    expect(await client('loose').orders.retrieve('o_1')).toEqual(NEWER_ORDER);
  });

  it('a paginated list walks every page', async () => {
    const orders = await collect(client().orders.list());
    expect(orders.map((order) => [order.id, order.status])).toEqual([
      ['o_1', 'returned'],
      ['o_2', 'pending'],
    ]);
  });

  it('a stream yields an event of an unlisted type in its place', async () => {
    expect(await collect(await client().orders.events('o_1'))).toEqual(EVENTS);
  });

  it('what is known is still checked: a listed tag with a wrong field, a status of the wrong type', async () => {
    server.respond((_request, response) =>
      json(response, 200, { ...NEWER_ORDER, status: 7, lines: [{ kind: 'discount', amount: 'ten' }] }),
    );
    try {
      const error = await client()
        .orders.retrieve('o_1')
        .then(
          () => undefined,
          (caught: unknown) => caught as { name: string; issues: { path: unknown[] }[] },
        );
      expect(error?.name).toBe('ValidationError');
      expect(error?.issues.map((issue) => issue.path)).toEqual([['status'], ['lines', 0, 'amount']]);
    } finally {
      server.respond(newerAPI);
    }
  });
});

describe("'strict' rejects what the spec does not list", () => {
  it("the JSON body: the status, the priority, the line kind and the closed objects' new fields are each named", async () => {
    const error = await client('strict')
      .orders.retrieve('o_1')
      .then(
        () => undefined,
        (caught: unknown) => caught as { name: string; issues: { path: unknown[]; message: string }[] },
      );
    expect(error?.name).toBe('ValidationError');
    expect(error?.issues.map((issue) => issue.path)).toEqual([
      ['status'],
      ['priority'],
      ['lines', 0, 'quantity'],
      ['lines', 1, 'kind'],
      ['placed_at'],
    ]);
    expect(error?.issues[4]?.message).toMatch(/^unknown key `placed_at` in `Order`/);
    expect(error?.issues[0]?.message).toBe("expected one of 'pending', 'shipped'; found 'returned'");
    // the response's status, headers and request id are fields, not only words in the message
    expect(error).toMatchObject({ status: 200, requestID: 'req_order' });
    expect((error as unknown as { headers: Headers }).headers.get('content-type')).toBe('application/json');
  });

  it('the paginated list and the stream', async () => {
    await expect(collect(client('strict').orders.list())).rejects.toMatchObject({ name: 'ValidationError' });
    const events = await client('strict').orders.events('o_1');
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const event of events) seen.push(event);
    })().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ValidationError', status: 200, requestID: 'req_stream' });
    expect((error as { headers: Headers }).headers.get('content-type')).toBe('text/event-stream');
    expect(seen).toEqual([EVENTS[0]]);
  });
});

describe('the types say the same', () => {
  it("a response's enum is open but keeps its values; a request's lists only what may be sent", async () => {
    const types = await readFile(join(work, 'src/types.ts'), 'utf8');
    const declaration = (name: string) => types.slice(types.indexOf(`export interface ${name} {`)).split('\n}\n')[0];
    expect(types).toContain("export type OrderStatus = 'pending' | 'shipped' | (string & {});");
    expect(declaration('Order')).toContain("priority?: 'low' | 'high' | (string & {});");
    expect(declaration('OrderCreateParams')).toContain("priority: 'low' | 'high';");
    expect(declaration('OrderCreateParams')).not.toContain('string & {}');
  });
});

describe('requests stay closed', () => {
  it('a request with an unlisted enum value never reaches the network', async () => {
    server.requests.splice(0);
    await expect(client().orders.create({ priority: 'urgent' })).rejects.toMatchObject({ name: 'ValidationError' });
    expect(server.requests).toEqual([]);
  });

  it("a request's ValidationError has no status, headers or request id; a response's has all three", async () => {
    type Fields = { name: string; status?: number; headers?: Headers; requestID?: string | null };
    const request = (await client()
      .orders.create({ priority: 'urgent' })
      .catch((caught: unknown) => caught)) as Fields;
    const response = (await client('strict')
      .orders.retrieve('o_1')
      .catch((caught: unknown) => caught)) as Fields;
    expect([request.name, request.status, request.headers, request.requestID]).toEqual([
      'ValidationError',
      undefined,
      undefined,
      undefined,
    ]);
    expect([response.name, response.status, response.headers?.get('x-request-id'), response.requestID]).toEqual([
      'ValidationError',
      200,
      'req_order',
      'req_order',
    ]);
  });
});
