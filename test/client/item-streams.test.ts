// Streams of items with a schema (OpenAPI 3.2 `itemSchema`), called for real:
// test/fixtures/specs/openapi-3-2-streams.yaml is generated into a temp folder, imported, and
// called against a server on 127.0.0.1 that writes its streams piece by piece. Covers typed,
// validated items (SSE events with JSON `data`, JSON Lines, NDJSON, json-seq), a bad item, an
// unlisted event in 'loose' and 'strict' mode, malformed JSON, a cut-off stream, an abort while
// iterating, the timeout, abort and break on a live JSON Lines / json-seq connection (the server
// sees the close), and JSON Lines uploads (a streamed one never sent again by a retry or
// redirect). A 3.1 spec saying the same with `x-sdk-item-schema` (written in the spec or applied
// by an overlay) generates the same package.
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerResponse } from 'node:http';
import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { build } from 'esbuild';
import { generate } from '../../generator/pipeline.js';
import { SpecError } from '../../generator/diagnostics/diagnostic.js';
import { json, startRecordingServer, type RecordingServer } from '../support/recording-server.js';
import { collect } from '../support/async-items.js';
import { onFakeClock, within } from '../runtime-core/harness.js';

type AnyClient = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type ErrorClass = new (...args: never[]) => Error;
interface Package {
  readonly default: new (options: object) => AnyClient;
  readonly ItemStream: new (...args: never[]) => AsyncIterable<unknown>;
  readonly ValidationError: ErrorClass;
  readonly APIConnectionError: ErrorClass;
  readonly APIUserAbortError: ErrorClass;
  readonly InvalidResponseBodyError: ErrorClass;
}

const SPEC = 'test/fixtures/specs/openapi-3-2-streams.yaml';
let tempDir: string;
let server: RecordingServer;
let pkg: Package;
let client: AnyClient;
let strictClient: AnyClient;

beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'sdkgen-item-streams-'));
  const out = join(tempDir, 'streams');
  await generate({ spec: SPEC, out });
  pkg = (await import(pathToFileURL(join(out, 'src/index.ts')).href)) as Package;
  server = await startRecordingServer();
  const options = { apiKey: 'sk-streams-test-0000', baseURL: server.url, maxRetries: 2, timeout: 10_000 };
  client = new pkg.default(options);
  strictClient = new pkg.default({ ...options, responseValidation: 'strict' });
}, 60_000);

afterAll(async () => {
  await server?.close();
  if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
});

beforeEach(() => {
  server.requests.splice(0);
});

/** Answers with `pieces` written one at a time (each its own chunk), then ends (or not). */
function streamWith(contentType: string, pieces: readonly (string | Uint8Array)[], end: 'end' | 'open' | 'destroy' = 'end'): void {
  server.respond((_request, response: ServerResponse) => {
    response.writeHead(200, { 'content-type': contentType });
    let index = 0;
    const next = (): void => {
      if (index < pieces.length) {
        response.write(pieces[index++]!, next);
        return;
      }
      if (end === 'end') response.end();
      else if (end === 'destroy') response.socket?.destroy();
    };
    next();
  });
}

/** The error a stream's iteration ends with, after the items before it. */
async function failure(stream: AsyncIterable<unknown>): Promise<{ items: unknown[]; error: Error & Record<string, any> }> {
  const items: unknown[] = [];
  try {
    for await (const item of stream) items.push(item);
  } catch (error) {
    return { items, error: error as Error & Record<string, any> };
  }
  throw new Error(`the stream ended without an error after ${items.length} items`);
}

describe('text/event-stream with an itemSchema', () => {
  it('yields event objects, decoding JSON data (contentSchema and object schema) and keeping text data', async () => {
    streamWith('text/event-stream', [
      'event: delta\nid: 1\ndata: {"text":"Hel","index":0}\n\n',
      'event: delta\ndata: {"text":"lo"}\n',
      '\n: keep-alive\n\nevent: usage\nretry: 3000\ndata: {"tokens":5}\n\n',
      'event: note\ndata: line one\ndata: line two\n\n',
    ]);
    const stream = await client.chats.events.list('chat_1');
    expect(stream).toBeInstanceOf(pkg.ItemStream);
    expect(await collect(stream)).toEqual([
      { event: 'delta', data: { text: 'Hel', index: 0 }, id: '1' },
      { event: 'delta', data: { text: 'lo' }, id: '1' },
      { event: 'usage', data: { tokens: 5 }, id: '1', retry: 3000 },
      { event: 'note', data: 'line one\nline two', id: '1', retry: 3000 },
    ]);
    const request = server.requests[0]!;
    expect(request.method).toBe('GET');
    expect(request.url).toBe('/chats/chat_1/events');
    expect(request.headers['accept']).toBe('text/event-stream');
  });

  it('ends with a ValidationError at an event whose decoded data breaks its schema', async () => {
    streamWith('text/event-stream', [
      'event: delta\ndata: {"text":"ok"}\n\n',
      'event: delta\ndata: {"text":5}\n\n',
      'event: delta\ndata: {"text":"never read"}\n\n',
    ]);
    const { items, error } = await failure(await client.chats.events.list('chat_1'));
    expect(items).toHaveLength(1);
    expect(error).toBeInstanceOf(pkg.ValidationError);
    expect(error['issues']).toEqual([{ path: ['data', 'text'], message: expect.stringContaining('string') }]);
    expect(error.message).toContain('Invalid item 2 (delta) from GET /chats/chat_1/events');
  });

  it("yields an event the spec does not list as sent in 'loose' mode, and rejects it in 'strict' mode", async () => {
    const pieces = ['event: ping\ndata: {"at":1}\n\n', 'event: note\ndata: after\n\n'];
    streamWith('text/event-stream', pieces);
    expect(await collect(await client.chats.events.list('chat_1'))).toEqual([
      { event: 'ping', data: '{"at":1}' },
      { event: 'note', data: 'after' },
    ]);
    streamWith('text/event-stream', pieces);
    const { items, error } = await failure(await strictClient.chats.events.list('chat_1'));
    expect(items).toEqual([]);
    expect(error).toBeInstanceOf(pkg.ValidationError);
    expect(error.message).toContain('(ping)');
  });

  it('ends with an InvalidResponseBodyError at JSON data that does not parse', async () => {
    streamWith('text/event-stream', ['event: usage\ndata: {"tokens":\n\n']);
    const { error } = await failure(await client.chats.events.list('chat_1'));
    expect(error).toBeInstanceOf(pkg.InvalidResponseBodyError);
    expect(error.message).toContain('Item 1 of the stream of GET /chats/chat_1/events is not valid JSON');
  });

  it('ends with an APIConnectionError when the body ends inside an event, or the connection is cut', async () => {
    streamWith('text/event-stream', ['event: delta\ndata: {"text":"a"}\n\n', 'event: delta\ndata: {"te']);
    const ended = await failure(await client.chats.events.list('chat_1'));
    expect(ended.items).toHaveLength(1);
    expect(ended.error).toBeInstanceOf(pkg.APIConnectionError);
    expect(ended.error.message).toContain('ended in the middle of an item (after 1 complete items)');

    streamWith('text/event-stream', ['event: delta\ndata: {"text":"a"}\n\n', 'event: delta\ndata: {"te'], 'destroy');
    const cut = await failure(await client.chats.events.list('chat_1'));
    expect(cut.items).toHaveLength(1);
    expect(cut.error).toBeInstanceOf(pkg.APIConnectionError);
    expect(cut.error.message).toMatch(/cut off|ended in the middle/);
    // a stream that failed after the response arrived is never sent again
    expect(server.requests).toHaveLength(2);
  });

  it('stops with APIUserAbortError when the caller aborts while iterating', async () => {
    streamWith('text/event-stream', ['event: delta\ndata: {"text":"first"}\n\n'], 'open');
    const controller = new AbortController();
    const stream = await client.chats.events.list('chat_1', { signal: controller.signal });
    const items: unknown[] = [];
    const error = await (async () => {
      try {
        for await (const item of stream) {
          items.push(item);
          controller.abort();
        }
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(items).toEqual([{ event: 'delta', data: { text: 'first' } }]);
    expect(error).toBeInstanceOf(pkg.APIUserAbortError);
  });

  it('leaving the loop early closes the stream; cancel() ends a loop quietly', async () => {
    streamWith('text/event-stream', ['event: note\ndata: a\n\n', 'event: note\ndata: b\n\n'], 'open');
    const stream = await client.chats.events.list('chat_1');
    for await (const item of stream) {
      expect(item).toEqual({ event: 'note', data: 'a' });
      break;
    }
    await expect(collect(stream)).rejects.toThrow('already been read');

    streamWith('text/event-stream', ['event: note\ndata: a\n\n', 'event: note\ndata: b\n\n'], 'open');
    const cancelled = await client.chats.events.list('chat_1');
    const seen: unknown[] = [];
    for await (const item of cancelled) {
      seen.push(item);
      await cancelled.cancel();
    }
    expect(seen).toHaveLength(1);
  });

  it('refuses a response that is not an event stream', async () => {
    server.respond((_request, response) => json(response, 200, { text: 'not streamed' }));
    await expect(client.chats.events.list('chat_1')).rejects.toMatchObject({ name: 'InvalidResponseBodyError' });
  });
});

describe('JSON Lines, NDJSON and json-seq with an itemSchema', () => {
  it('yields each line of application/jsonl, checked (CRLF and blank lines allowed, lines split anywhere)', async () => {
    streamWith('application/jsonl; charset=utf-8', [
      '{"level":"info","message":"héllo"}\r\n\n{"level":"wa',
      'rn","mess',
      'age":"b"}\n',
      new Uint8Array([
        0x7b, 0x22, 0x6c, 0x65, 0x76, 0x65, 0x6c, 0x22, 0x3a, 0x22, 0x6e, 0x65, 0x77, 0x22, 0x2c, 0x22, 0x6d, 0x65, 0x73, 0x73, 0x61, 0x67,
        0x65, 0x22, 0x3a, 0x22, 0xc3,
      ]),
      new Uint8Array([0xa9, 0x22, 0x7d, 0x0a]),
    ]);
    const stream = await client.logs.list({ level: 'info' });
    expect(await collect(stream)).toEqual([
      { level: 'info', message: 'héllo' },
      { level: 'warn', message: 'b' },
      // an enum value the spec does not list is kept in 'loose' mode
      { level: 'new', message: 'é' },
    ]);
    expect(server.requests[0]!.url).toBe('/logs?level=info');
    expect(server.requests[0]!.headers['accept']).toBe('application/jsonl');
  });

  it('ends with a ValidationError at a line that breaks the schema, and an InvalidResponseBodyError at one that is not JSON', async () => {
    streamWith('application/jsonl', ['{"level":"info","message":"a"}\n{"level":"info"}\n']);
    const invalid = await failure(await client.logs.list());
    expect(invalid.items).toHaveLength(1);
    expect(invalid.error).toBeInstanceOf(pkg.ValidationError);
    expect(invalid.error['issues'][0].path).toEqual(['message']);

    streamWith('application/jsonl', ['{"level":"info","message":"a"}\n{"level":\n']);
    const malformed = await failure(await client.logs.list());
    expect(malformed.items).toHaveLength(1);
    expect(malformed.error.name).toBe('InvalidResponseBodyError');
  });

  it('ends with an APIConnectionError at a last line without its newline (a cut-off item)', async () => {
    streamWith('application/jsonl', ['{"level":"info","message":"a"}\n{"level":"info","message":"b"}']);
    const { items, error } = await failure(await client.logs.list());
    expect(items).toEqual([{ level: 'info', message: 'a' }]);
    expect(error).toBeInstanceOf(pkg.APIConnectionError);
    expect(error.message).toContain('ended in the middle of an item (after 1 complete items)');
  });

  it('ends with a ResponseTooLargeError at a line longer than maxEventBytes', async () => {
    const small = new pkg.default({ apiKey: 'sk-streams-test-0000', baseURL: server.url, maxRetries: 0, maxEventBytes: 64 });
    streamWith('application/jsonl', [
      '{"level":"info","message":"a"}\n',
      `{"level":"info","message":"${'x'.repeat(40)}`,
      `${'y'.repeat(40)}"}\n`,
    ]);
    const { items, error } = await failure(await small.logs.list());
    expect(items).toHaveLength(1);
    expect(error.name).toBe('ResponseTooLargeError');
    expect(error.message).toContain('longer than maxEventBytes (64 bytes) after 1 complete items');
  });

  it('reads application/x-ndjson the same way, and a server answering application/ndjson or application/jsonlines', async () => {
    for (const contentType of ['application/x-ndjson', 'application/ndjson', 'application/jsonlines; charset=utf-8']) {
      streamWith(contentType, ['{"name":"cpu","value":0.5}\n{"name":"mem","value":12}\n']);
      expect(await collect(await client.metrics.list()), contentType).toEqual([
        { name: 'cpu', value: 0.5 },
        { name: 'mem', value: 12 },
      ]);
    }
    streamWith('application/x-ndjson', ['{"name":"cpu","value":"high"}\n']);
    const { error } = await failure(await client.metrics.list());
    expect(error).toBeInstanceOf(pkg.ValidationError);
  });

  it('reads application/json-seq records (RS before each, LF after)', async () => {
    streamWith('application/json-seq', ['\u001e{"op":"put","key":"a","value":[1,2]}\n\u001e{"op":"del', 'ete","key":"b"}\n']);
    expect(await collect(await client.changes.list())).toEqual([
      { op: 'put', key: 'a', value: [1, 2] },
      { op: 'delete', key: 'b' },
    ]);
    streamWith('application/json-seq', ['\u001e{"op":"put","key":"a"}\n\u001e{"op":"put","ke']);
    const { items, error } = await failure(await client.changes.list());
    expect(items).toHaveLength(1);
    expect(error).toBeInstanceOf(pkg.APIConnectionError);
  });
});

describe('JSON Lines and json-seq streams over a live connection: timeout, abort and break', () => {
  type Open = (client: AnyClient, options?: object) => Promise<AsyncIterable<unknown>>;
  const cases: [string, string, Open, (n: number) => string, (n: number) => unknown][] = [
    [
      'JSON Lines',
      'application/jsonl',
      (on, options) => on.logs.list(undefined, options),
      (n) => `{"level":"info","message":"m${n}"}\n`,
      (n) => ({ level: 'info', message: `m${n}` }),
    ],
    [
      'json-seq',
      'application/json-seq',
      (on, options) => on.changes.list(options),
      (n) => `\u001e{"op":"put","key":"k${n}"}\n`,
      (n) => ({ op: 'put', key: `k${n}` }),
    ],
  ];

  /**
   * Answers with the items `first` (written at once), then `rest` once `more` resolves (never,
   * by default), then ends. `closed` resolves when the server's side of the response closes:
   * true when the client went away before the server ended it.
   */
  function answer(contentType: string, first: string, rest = '', more: Promise<void> = new Promise(() => {})): Promise<boolean> {
    return new Promise((resolve) => {
      server.respond((_request, response) => {
        response.on('close', () => resolve(!response.writableFinished));
        response.writeHead(200, { 'content-type': contentType });
        response.write(first);
        void more.then(() => response.end(rest));
      });
    });
  }

  it.each(cases)('%s: the request timeout stops once the stream has started', async (_what, type, open, line, item) => {
    let resume!: () => void;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    const closed = answer(type, line(1), line(2) + line(3) + line(4), resumed);
    await onFakeClock(async () => {
      const short = new pkg.default({ apiKey: 'sk-streams-test-0000', baseURL: server.url, maxRetries: 0, timeout: 100 });
      const iterator = (await open(short))[Symbol.asyncIterator]();
      expect(await iterator.next()).toEqual({ done: false, value: item(1) });
      vi.advanceTimersByTime(60_000); // far past the timeout, while the next read waits
      resume();
      const rest: unknown[] = [];
      for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) rest.push(next.value);
      expect(rest).toEqual([item(2), item(3), item(4)]);
    });
    expect(await closed).toBe(false); // the server finished the response: nothing cut it
  });

  it.each(cases)(
    '%s: aborting the signal mid-stream rejects the pending read and closes the connection',
    async (_what, type, open, line, item) => {
      const closed = answer(type, line(1)); // then silence, the connection open
      const controller = new AbortController();
      const iterator = (await open(client, { signal: controller.signal }))[Symbol.asyncIterator]();
      expect(await iterator.next()).toEqual({ done: false, value: item(1) });

      const pending = iterator.next(); // waits: the server sends nothing more
      controller.abort(new Error('user left'));
      const error = (await within(pending, 20_000, 'the read rejects').catch((caught: unknown) => caught)) as Error;

      expect(error).toBeInstanceOf(pkg.APIUserAbortError);
      expect(error.cause).toEqual(new Error('user left'));
      expect(await within(closed, 20_000, 'server sees the close')).toBe(true);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    },
  );

  it.each(cases)(
    '%s: breaking out of for-await closes the connection and detaches from the signal',
    async (_what, type, open, line, item) => {
      const closed = answer(type, line(1) + line(2)); // and never ends
      const controller = new AbortController();
      const stream = await open(client, { signal: controller.signal });
      for await (const got of stream) {
        expect(got).toEqual(item(1));
        break;
      }
      expect(await within(closed, 20_000, 'server sees the close')).toBe(true);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    },
  );
});

describe('a JSON Lines upload with an itemSchema', () => {
  beforeEach(() => server.respond((_request, response) => json(response, 200, { imported: 2 })));

  it('sends an array as one JSON Lines body (retried like any body)', async () => {
    let calls = 0;
    server.respond((_request, response) =>
      ++calls === 1 ? json(response, 503, { error: { message: 'busy' } }) : json(response, 200, { imported: 2 }),
    );
    expect(await client.imports.create([{ name: 'a', size: 1 }, { name: 'b' }])).toEqual({ imported: 2 });
    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) {
      expect(request.headers['content-type']).toBe('application/jsonl');
      expect(request.body).toBe('{"name":"a","size":1}\n{"name":"b"}\n');
    }
  });

  it('checks every item of an array before anything is sent', async () => {
    const error = await client.imports.create([{ name: 'a' }, { name: '' }, { name: 'c', extra: true }]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(pkg.ValidationError);
    expect((error as { issues: { path: unknown[] }[] }).issues.map((issue) => issue.path)).toEqual([
      [1, 'name'],
      [2, 'extra'],
    ]);
    expect(server.requests).toHaveLength(0);
  });

  it('streams an async iterable item by item, and sends it once', async () => {
    async function* records() {
      yield { name: 'a' };
      yield { name: 'b', size: 2 };
    }
    expect(await client.imports.create(records())).toEqual({ imported: 2 });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.body).toBe('{"name":"a"}\n{"name":"b","size":2}\n');
    expect(server.requests[0]!.headers['transfer-encoding']).toBe('chunked');
  });

  it('never sends a streamed body twice: a retryable status after it started is the answer', async () => {
    server.respond((_request, response) => json(response, 503, { error: { message: 'busy' } }));
    async function* records() {
      yield { name: 'a' };
    }
    const error = (await client.imports.create(records()).catch((caught: unknown) => caught)) as Error & { status?: number };
    expect(error.status).toBe(503);
    expect(server.requests).toHaveLength(1);
  });

  it('never sends a streamed body again on a redirect: 307 and 308 fail, a 303 is followed as a GET without it', async () => {
    async function* records() {
      yield { name: 'a' };
      yield { name: 'b' };
    }
    for (const status of [307, 308]) {
      server.requests.splice(0);
      server.respond((request, response) => {
        if (request.url !== '/imports') return json(response, 200, { imported: 0 });
        response.writeHead(status, { location: '/imports/moved' });
        response.end();
      });
      const error = (await client.imports.create(records()).catch((caught: unknown) => caught)) as Error;
      expect(error).toBeInstanceOf(pkg.APIConnectionError);
      expect(error.message).toBe(
        `POST /imports was redirected with status ${status}, which asks to send the body again, ` +
          'but a ReadableStream body can be sent only once; it was not followed.',
      );
      // the body went once, whole, to the first URL; nothing reached the redirect's target
      expect(server.requests.map((request) => [request.method, request.url, request.body])).toEqual([
        ['POST', '/imports', '{"name":"a"}\n{"name":"b"}\n'],
      ]);
    }

    server.requests.splice(0);
    server.respond((request, response) => {
      if (request.url !== '/imports') return json(response, 200, { imported: 2 });
      response.writeHead(303, { location: '/imports/status' });
      response.end();
    });
    expect(await client.imports.create(records())).toEqual({ imported: 2 });
    expect(server.requests.map((request) => [request.method, request.url, request.body, request.headers['content-type']])).toEqual([
      ['POST', '/imports', '{"name":"a"}\n{"name":"b"}\n', 'application/jsonl'],
      ['GET', '/imports/status', '', undefined],
    ]);
  });

  it('frames json-seq records with RS, for arrays and async iterables alike', async () => {
    const { itemsBody } = await import('../../templates/runtime/item-streams.js');
    expect(itemsBody([{ a: 1 }, 'x'], 'json-seq')).toBe('\u001e{"a":1}\n\u001e"x"\n');
    async function* two() {
      yield { a: 1 };
      yield [2];
    }
    const stream = itemsBody(two(), 'json-seq') as ReadableStream<Uint8Array>;
    expect(await new Response(stream).text()).toBe('\u001e{"a":1}\n\u001e[2]\n');
  });

  it('aborts the request at an item of an async iterable that breaks the schema, before writing it', async () => {
    let resumed = false;
    async function* records() {
      yield { name: 'a' };
      yield { name: 5 };
      resumed = true;
      yield { name: 'c' };
    }
    const error = (await client.imports.create(records()).catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(pkg.APIConnectionError);
    expect(chain(error).some((cause) => cause instanceof pkg.ValidationError && /item 1 of the body stream/.test(cause.message))).toBe(
      true,
    );
    expect(resumed).toBe(false);
    // nothing of the bad item reached the server, and the request was not retried
    expect(server.requests.every((request) => !request.body.includes('5'))).toBe(true);
  });

  it('with validate: false, sends the items unchecked', async () => {
    await client.imports.create([{ name: '' }], { validate: false });
    expect(server.requests[0]!.body).toBe('{"name":""}\n');
  });
});

function renderAll(error: unknown): string {
  return error instanceof SpecError ? error.diagnostics.map((d) => `${d.code} ${d.at.pointer}: ${d.message}`).join('\n') : String(error);
}

function chain(error: unknown): unknown[] {
  const causes: unknown[] = [];
  for (let current = error; current !== undefined && causes.length < 6; current = (current as { cause?: unknown }).cause)
    causes.push(current);
  return causes;
}

describe('item schemas sdkgen does not stream', () => {
  it('are left out with a located model/unsupported-item-stream warning', async () => {
    const spec = join(tempDir, 'unsupported.yaml');
    await writeFile(
      spec,
      [
        'openapi: 3.2.0',
        'info: { title: Odd streams, version: 1.0.0 }',
        'paths:',
        '  /a:',
        '    get:',
        '      operationId: getA',
        '      responses:',
        "        '200':",
        '          description: ok',
        '          content:',
        '            application/xml:',
        '              itemSchema: { type: object }',
        '  /b:',
        '    get:',
        '      operationId: getB',
        '      responses:',
        "        '200':",
        '          description: ok',
        '          content:',
        '            application/json:',
        '              schema: { type: object }',
        '            text/event-stream:',
        '              itemSchema: { type: object, properties: { data: { type: string } } }',
        '',
      ].join('\n'),
    );
    const { warnings, files } = await generate({ spec, write: false });
    const found = warnings.filter((warning) => warning.code === 'model/unsupported-item-stream');
    expect(found.map((warning) => [warning.at.pointer, warning.at.line])).toEqual([
      ['/paths/~1a/get/responses/200/content/application~1xml/itemSchema', 12],
      ['/paths/~1b/get/responses/200/content/text~1event-stream/itemSchema', 23],
    ]);
    expect(found[1]!.message).toContain('can also be `application/json`');
    // neither operation streams items
    expect(files.some((file) => file.path === 'src/internal/item-streams.ts')).toBe(false);
  });
});

describe('OpenAPI 3.0/3.1 opt in with x-sdk-item-schema', () => {
  /** The generated files, the header line (which names the spec file) left out. */
  async function filesOf(spec: string, overlays: readonly string[] = []): Promise<Map<string, string>> {
    const result = await generate({ spec, overlays, write: false }).catch((error: unknown) => {
      throw new Error(renderAll(error), { cause: error });
    });
    const { files } = result;
    return new Map(
      files.map((file) => [
        file.path,
        file.text.replace(/^\/\/ Generated by sdkgen from [^\n]*\n/, '').replace(/openapi-3-2-streams\.yaml|streams-3-1\.yaml/g, 'SPEC'),
      ]),
    );
  }

  it('a 3.1 spec with x-sdk-item-schema, and one given it by an overlay, generate the 3.2 package', async () => {
    const text = await readFile(SPEC, 'utf8');
    const spec31 = join(tempDir, 'streams-3-1.yaml');
    await writeFile(spec31, text.replace('openapi: 3.2.0', 'openapi: 3.1.0').replace(/itemSchema:/g, 'x-sdk-item-schema:'));
    const expected = await filesOf(SPEC);
    const written = await filesOf(spec31);
    expect([...written.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [path, body] of expected) expect(written.get(path), path).toBe(body);

    // the same 3.1 spec with plain schemas, given its item schemas by an overlay
    const plain = join(tempDir, 'streams-3-1-plain.yaml');
    await writeFile(plain, text.replace('openapi: 3.2.0', 'openapi: 3.1.0').replace(/itemSchema:/g, 'schema:'));
    const overlay = join(tempDir, 'item-schemas.overlay.yaml');
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const actions = [
      [
        "$.paths['/chats/{chat_id}/events'].get.responses['200'].content['text/event-stream']",
        { oneOf: [ref('DeltaEvent'), ref('UsageEvent'), ref('NoteEvent')] },
      ],
      ["$.paths['/logs'].get.responses['200'].content['application/jsonl']", ref('LogEntry')],
      [
        "$.paths['/metrics'].get.responses['200'].content['application/x-ndjson']",
        { type: 'object', required: ['name', 'value'], properties: { name: { type: 'string' }, value: { type: 'number' } } },
      ],
      ["$.paths['/changes'].get.responses['200'].content['application/json-seq']", ref('Change')],
      ["$.paths['/imports'].post.requestBody.content['application/jsonl']", ref('ImportRecord')],
    ].map(([target, schema]) => ({ target, update: { 'x-sdk-item-schema': schema } }));
    // JSON is YAML: the overlay is written as JSON
    await writeFile(overlay, JSON.stringify({ overlay: '1.0.0', info: { title: 'Item schemas', version: '1.0.0' }, actions }, null, 2));
    const overlaid = await filesOf(plain, [overlay]);
    for (const path of [
      'src/types.ts',
      'src/validators.ts',
      'src/operations.ts',
      'src/requests.ts',
      'src/client.ts',
      'src/index.ts',
      'src/internal/item-streams.ts',
    ]) {
      expect(overlaid.get(path)?.replace(/streams-3-1-plain\.yaml/g, 'SPEC'), path).toBe(expected.get(path));
    }
  });

  it('a 3.0 spec opts in the same way (data as an object schema, event as an enum of one)', async () => {
    const spec = join(tempDir, 'streams-3-0.yaml');
    await writeFile(
      spec,
      [
        'openapi: 3.0.3',
        'info: { title: Ticks, version: 1.0.0 }',
        'paths:',
        '  /ticks:',
        '    get:',
        '      operationId: listTicks',
        '      responses:',
        "        '200':",
        '          description: ok',
        '          content:',
        '            text/event-stream:',
        '              x-sdk-item-schema:',
        '                type: object',
        '                required: [event, data]',
        '                properties:',
        '                  event: { type: string, enum: [tick] }',
        '                  data: { type: object, required: [n], properties: { n: { type: integer } } }',
        '  /rows:',
        '    get:',
        '      operationId: listRows',
        '      responses:',
        "        '200':",
        '          description: ok',
        '          content:',
        '            application/x-ndjson:',
        '              x-sdk-item-schema: { type: object, properties: { id: { type: integer, nullable: true } } }',
        '',
      ].join('\n'),
    );
    const { files, warnings } = await generate({ spec, write: false });
    expect(warnings.filter((warning) => warning.severity === 'error')).toEqual([]);
    const operations = files.find((file) => file.path === 'src/operations.ts')!.text;
    expect(operations).toContain(`stream: itemStream('event-stream', ['tick'])`);
    expect(operations).toContain(`stream: itemStream('json-lines')`);
    expect(operations).toContain('APIPromise<ItemStream<ListTicksItem>>');
    const types = files.find((file) => file.path === 'src/types.ts')!.text;
    expect(types).toMatch(/export interface ListTicksItem \{[^}]*event: 'tick';\s*data: \{\s*n: number;/);
  });

  it('a plain text/event-stream response without an item schema keeps the Stream of data', async () => {
    const { files } = await generate({ spec: 'test/fixtures/specs/uploads.yaml', write: false });
    expect(files.some((file) => file.path === 'src/internal/item-streams.ts')).toBe(false);
  });
});

describe('bundles', () => {
  const sources = join('test', 'golden', 'openapi-3-2-streams', 'src');
  // the golden's runtime files are links into the pinned core (test/golden/runtime-core/), which esbuild follows
  const moduleName = (path: string) =>
    path.includes('runtime-core/')
      ? `internal/${path.slice(path.indexOf('runtime-core/') + 'runtime-core/'.length)}`
      : path.slice(path.indexOf('src/') + 4);

  async function bundled(code: string): Promise<{ text: string; modules: string[] }> {
    const result = await build({
      stdin: { contents: code, resolveDir: sources, sourcefile: 'consumer.js', loader: 'js' },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minifySyntax: true,
      write: false,
      metafile: true,
      logLevel: 'silent',
      // judge every module by its code alone, as tree-shaking.test.ts does for generated/
      plugins: [
        {
          name: 'side-effects',
          setup: (b) =>
            b.onResolve({ filter: /.*/ }, async (args) =>
              args.pluginData === 'r'
                ? undefined
                : {
                    path: (
                      await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'r' })
                    ).path,
                    sideEffects: true,
                  },
            ),
        },
      ],
    });
    const inputs = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
    const modules = Object.entries(inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => moduleName(path))
      .sort();
    return { text: result.outputFiles[0]?.text.trim() ?? '', modules };
  }

  it('an import used for nothing bundles to nothing, item streams included', async () => {
    expect(await bundled(`import './index.ts';`)).toEqual({ text: '', modules: [] });
  });

  it('a JSON Lines call keeps the item-stream reader; the upload keeps only the body encoder', async () => {
    const read = await bundled(
      `import { BaseStreamsClient, logsList } from './index.ts'; export const run = () => logsList(new BaseStreamsClient({ apiKey: 'k' }));`,
    );
    expect(read.modules).toContain('internal/item-streams.ts');
    expect(read.text).toContain('ItemStream = class');
    const upload = await bundled(
      `import { BaseStreamsClient, importsCreate } from './index.ts'; export const run = () => importsCreate(new BaseStreamsClient({ apiKey: 'k' }), []);`,
    );
    expect(upload.text).not.toContain('ItemStream = class');
    expect(upload.text).not.toContain('SSEDecoder');
    expect(upload.text).toContain('itemsBody');
  });
});
