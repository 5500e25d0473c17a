// Hostile bodies: `__proto__` keys never become a prototype, bodies and event-stream lines past
// the caps fail with ResponseTooLargeError after reading no more than the cap, and parameters
// that are not well-formed Unicode, or that a server could read as a dot segment, are refused.
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { OperationSpec } from '../../templates/runtime/core.js';
import {
  APIConnectionError,
  APIError,
  BadRequestError,
  ResponseTooLargeError,
  SDKError,
  ValidationError,
} from '../../templates/runtime/errors.js';
import { encodePathSegment } from '../../templates/runtime/path.js';
import { formatQuery } from '../../templates/runtime/query.js';
import { scrubValue } from '../../templates/runtime/redact.js';
import { streamResponse } from '../../templates/runtime/streaming.js';
import { API_KEY, makeClient, rejection, startServer, until, watchedFetch } from './harness.js';

const get = (extra: Partial<OperationSpec<unknown>> = {}): OperationSpec<unknown> => ({
  build: () => ({ method: 'GET', path: '/x', headers: {} }),
  ...extra,
});

function send(res: ServerResponse, status: number, text: string, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

describe('__proto__ keys in bodies', () => {
  const HOSTILE = `{"error":{"message":"no","__proto__":{"polluted":true}},"__proto__":{"polluted":true,"status":7},"list":[{"__proto__":{"polluted":true}}],"${API_KEY}":{"__proto__":{"polluted":true}}}`;

  function expectClean(value: unknown): void {
    const root = value as Record<string, Record<string, unknown>>;
    expect(Object.getPrototypeOf(root)).toBe(Object.prototype);
    expect(root['polluted']).toBeUndefined();
    expect(Object.hasOwn(root, '__proto__')).toBe(true); // kept as data, as JSON.parse made it
    expect(Object.getPrototypeOf(root['error'])).toBe(Object.prototype);
    expect(root['error']!['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf((root['list'] as unknown as object[])[0])).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  }

  it('leave the prototype of err.error and its nested objects alone (the key is scrubbed, so the body is copied)', async () => {
    const server = await startServer((_req, res) => send(res, 400, HOSTILE));
    const error = await rejection(makeClient(server.url, { maxRetries: 0 }).client.request(get()));
    expect(error).toBeInstanceOf(BadRequestError);
    expectClean((error as APIError).error);
    expect((error as APIError).status).toBe(400);
    expect(Object.keys((error as APIError).error as object)).toContain('[redacted]');
  });

  it('leave the prototype of a parsed 2xx body and of an event-stream error alone', async () => {
    const server = await startServer((req, res) => {
      if (req.url === '/sse') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(`event: error\ndata: ${HOSTILE}\n\n`);
      } else send(res, 200, HOSTILE);
    });
    const { client } = makeClient(server.url);
    expectClean(await client.request(get()));
    const stream = (await client.request({
      build: () => ({ method: 'GET', path: '/sse', headers: {} }),
      responseType: 'sse',
      stream: streamResponse,
    })) as AsyncIterable<unknown>;
    const error = await rejection(
      (async () => {
        for await (const _ of stream) void _;
      })(),
    );
    expect(error).toBeInstanceOf(APIError);
    expectClean((error as APIError).error);
  });

  it('scrubValue copies __proto__ as an own key at every level', () => {
    const copy = scrubValue(JSON.parse('{"a":{"__proto__":{"x":1}},"__proto__":[1]}'), 'some-secret-value') as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toEqual([1]);
    expect(Object.getPrototypeOf(copy['a'])).toBe(Object.prototype);
    expect((copy['a'] as { x?: unknown }).x).toBeUndefined();
  });
});

describe('maxResponseBytes', () => {
  it('stops reading a 2xx body past the cap, counted as it arrives (no content-length)', async () => {
    let written = 0;
    let closed = false;
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.on('close', () => (closed = true));
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      // Streams until the client goes away: without the cap this would never end.
      const pump = (): void => {
        while (!res.destroyed && written < 64 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
        if (!res.destroyed && written < 64 * 1024 * 1024) res.once('drain', pump);
      };
      pump();
    });
    const error = await rejection(makeClient(server.url, { maxResponseBytes: 100_000 }).client.request(get()));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toBeInstanceOf(APIError);
    expect((error as ResponseTooLargeError).limit).toBe(100_000);
    expect((error as ResponseTooLargeError).status).toBe(200);
    expect((error as Error).message).toMatch(
      /^The response body of GET \/x \(status 200\) is larger than maxResponseBytes \(100000 bytes\): reading stopped after \d+ bytes\./,
    );
    await until(() => closed, 'the server sees the connection closed');
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses at once when content-length is over the cap; a per-request value overrides the client', async () => {
    const body = JSON.stringify({ text: 'x'.repeat(2_000) });
    const server = await startServer((_req, res) => send(res, 200, body));
    const { client } = makeClient(server.url, { maxResponseBytes: 1_000 });
    const error = await rejection(client.request(get()));
    expect((error as Error).message).toMatch(/\(1000 bytes\): its content-length is 2011\./);
    expect(await client.request(get(), { maxResponseBytes: 5_000 })).toEqual({ text: 'x'.repeat(2_000) });
    expect(await rejection(client.request(get(), { maxResponseBytes: 0 }))).toBeInstanceOf(SDKError);
    expect(() => makeClient(server.url, { maxResponseBytes: -1 })).toThrow(
      /maxResponseBytes must be a whole number of bytes above 0, got -1/,
    );
  });

  it('defaults to 256 MiB: a content-length one byte over is refused unread, one of exactly 256 MiB is read', async () => {
    const MiB = 1024 * 1024;
    let exact: ServerResponse | undefined;
    const server = await startServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': req.url === '/over' ? 256 * MiB + 1 : 256 * MiB });
      res.write('{"a":');
      if (req.url === '/exact') exact = res;
    });
    const at = (path: string): OperationSpec<unknown> => ({ build: () => ({ method: 'GET', path, headers: {} }) });

    const over = await rejection(makeClient(server.url).client.request(at('/over')));
    expect(over).toBeInstanceOf(ResponseTooLargeError);
    expect((over as ResponseTooLargeError).limit).toBe(256 * MiB);
    expect((over as Error).message).toMatch(/\(268435456 bytes\): its content-length is 268435457\./);

    const watched = watchedFetch();
    const reading = rejection(makeClient(server.url, { fetch: watched.fetch }).client.request(at('/exact')));
    await watched.headers;
    exact!.destroy();
    const cut = await reading;
    expect(cut).toBeInstanceOf(APIConnectionError);
    expect((cut as Error).message).toMatch(/^The response body of GET \/exact \(status 200\) was cut off before it was complete/);
  });

  it('an error body over the cap still gives the typed status error', async () => {
    const server = await startServer((_req, res) => send(res, 404, `not found ${'.'.repeat(5_000)}`, 'text/plain'));
    const error = await rejection(makeClient(server.url, { maxResponseBytes: 100, maxRetries: 0 }).client.request(get()));
    expect((error as APIError).status).toBe(404);
  });
});

describe('maxEventBytes', () => {
  const sse = { build: () => ({ method: 'GET', path: '/sse', headers: {} }), responseType: 'sse', stream: streamResponse } as const;

  async function drain(stream: unknown): Promise<unknown[]> {
    const seen: unknown[] = [];
    for await (const item of stream as AsyncIterable<unknown>) seen.push(item);
    return seen;
  }

  it.each([
    ['one endless line', (res: ServerResponse) => res.write(`data: ${'x'.repeat(4096)}`), 'a line longer'],
    ['an endless event of short data lines', (res: ServerResponse) => res.write('data: 1\n'.repeat(512)), "an event's data longer"],
  ])('%s ends with ResponseTooLargeError after the events before it', async (_name, write, what) => {
    let closed = false;
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"n":1}\n\n');
      res.on('close', () => (closed = true));
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : write(res)), 1);
    });
    const stream = await makeClient(server.url, { maxEventBytes: 64 * 1024 }).client.request(sse);
    const seen: unknown[] = [];
    const error = await rejection(
      (async () => {
        for await (const item of stream as AsyncIterable<unknown>) seen.push(item);
      })(),
    );
    expect(seen).toEqual([{ n: 1 }]);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as Error).message).toBe(
      `The event stream of GET /sse sent ${what} than maxEventBytes (65536 bytes) after 1 complete events; the stream was closed. Raise maxEventBytes if such events are expected.`,
    );
    await until(() => closed, 'the server sees the connection closed');
  });

  it("counts an event's data in bytes too: many lines of multi-byte text", async () => {
    // 1,000 data lines of 300 × '€' (900 bytes each): 901,000 bytes of data, 301,000 characters
    const event = `event: note\n${`data: ${'€'.repeat(300)}\n`.repeat(1_000)}\n`;
    const server = await startServer((_req, res) => send(res, 200, event, 'text/event-stream'));
    const error = await rejection(drain(await makeClient(server.url, { maxEventBytes: 500_000 }).client.request(sse)));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as Error).message).toMatch(/sent an event's data longer than maxEventBytes \(500000 bytes\)/);
  });

  it('counts bytes, not characters, and lets a line of exactly the cap through', async () => {
    const line = `data: "${'é'.repeat(100)}"`; // 8 + 200 bytes
    const server = await startServer((_req, res) => send(res, 200, `${line}\n\n`, 'text/event-stream'));
    expect(await drain(await makeClient(server.url, { maxEventBytes: 208 }).client.request(sse))).toEqual(['é'.repeat(100)]);
    expect(await rejection(drain(await makeClient(server.url, { maxEventBytes: 207 }).client.request(sse)))).toBeInstanceOf(
      ResponseTooLargeError,
    );
  });

  it('defaults to 64 MiB: a line one byte over is refused with the limit, before it is decoded', async () => {
    const MiB = 1024 * 1024;
    const line = Buffer.alloc(64 * MiB + 1);
    // one chunk: from a socket it would come in 64 KiB pieces, each decoded, taking over a second
    const oneChunk: typeof fetch = async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start: (controller) => {
            controller.enqueue(line);
            controller.close();
          },
        }),
        { headers: { 'content-type': 'text/event-stream' } },
      );
    const stream = await makeClient('https://api.example.com/v1', { fetch: oneChunk }).client.request(sse);
    const error = await rejection(drain(stream));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).limit).toBe(64 * MiB);
    expect((error as Error).message).toMatch(
      /^The event stream of GET \/sse sent a line longer than maxEventBytes \(67108864 bytes\) after 0/,
    );
  });
});

describe('parameters that are not what they seem', () => {
  it('a lone surrogate in a query value, array item, object field or name is a ValidationError', () => {
    const cases: [Parameters<typeof formatQuery>[0], (string | number)[]][] = [
      [[['q', 'a\ud800b', 'form', true]], ['q']],
      [[['ids', ['ok', '\udc00'], 'form', false]], ['ids', 1]],
      [[['filter', { ['k\ud800']: 'v' }, 'deepObject', true]], ['filter', 'k\ud800']],
      [[['filter', { k: '\ud800' }, 'form', true]], ['filter', 'k']],
      [[['bad\ud800', 'v', 'form', true]], ['bad\ud800']],
    ];
    for (const [entries, path] of cases) {
      let error: unknown;
      try {
        formatQuery(entries);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues).toEqual([
        { path, message: 'query parameter must be well-formed Unicode (it contains a lone surrogate)' },
      ]);
    }
    expect(formatQuery([['q', 'a😀b', 'form', true]])).toBe('?q=a%F0%9F%98%80b');
  });

  it.each([
    '..;',
    '.;',
    '..;jsessionid=1',
    '%2e%2e',
    '%2E.',
    '.%2e;x',
    '%252e%252e',
    '../x',
    'a/../b',
    '..%2fx',
    '..\\x',
    'a\\..',
    '.. ',
    '\uff0e\uff0e',
    '%2e',
  ])('a path parameter %j is refused like ".."', (value) => {
    expect(() => encodePathSegment(value, 'id')).toThrow(ValidationError);
    expect(() => encodePathSegment(value, 'id')).toThrow(/must not hold a "\." or "\.\." segment/);
  });

  it('tells those apart from ordinary values with dots, semicolons and percent signs', () => {
    const plain = [
      ['...', '...'],
      ['a..b', 'a..b'],
      ['v1.2;x', 'v1.2;x'],
      ['a/b', 'a%2Fb'],
      ['%41', '%2541'],
      ['.hidden', '.hidden'],
    ];
    for (const [value, want] of plain) expect(encodePathSegment(value!, 'id')).toBe(want);
    expect(() => encodePathSegment('..;', 'id')).toThrow(ValidationError);
  });
});
