// Server-sent events: the decoder against the WHATWG rules at every chunk boundary, and Stream
// end to end against a real server: [DONE], error events, abort and break (the server sees the
// connection close), cut-off bodies, validation, and the timeout not applying while streaming.
import { getEventListeners } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import type { OperationSpec } from '../../templates/runtime/core.js';
import {
  APIConnectionError,
  APIError,
  APIUserAbortError,
  InvalidResponseBodyError,
  SDKError,
  ValidationError,
} from '../../templates/runtime/errors.js';
import { sleep } from '../../templates/runtime/retry.js';
import { SSEDecoder, Stream, streamResponse, type ServerSentEvent } from '../../templates/runtime/streaming.js';
import { API_KEY, makeClient, onFakeClock, rejection, startServer, within } from './harness.js';
import { collect } from '../support/async-items.js';

const encoder = new TextEncoder();

// Every rule at once: a BOM, comments, CRLF / LF / lone CR line ends, multi-line data, an
// event name, id and retry, no space and two spaces after the colon, unknown fields, an event
// without data, empty data, a NUL in an id, multi-byte UTF-8, [DONE] and an event after it.
const BODY = encoder.encode(
  '\uFEFF: a comment first\r\n' +
    'retry: 1500\n' +
    'event: greeting\r' +
    'data: {"text":"héllo 😀 世界"}\r\n' +
    '\r\n' +
    'event: crlf\r\n' +
    'data: {"crlf":\r\n' +
    'data: 2}\r\n' +
    '\r\n' +
    'id: 7\n' +
    'data: {"multi":\n' +
    'data: "line"}\n' +
    '\n' +
    ': keep-alive\n' +
    '\n' +
    'data:{"nospace":true}\r' +
    '\r' +
    'data:  {"twospaces":1}\n' +
    'unknown: ignored\n' +
    'retry: soon\n' +
    '\n' +
    'event: no-data\n' +
    '\n' +
    'datafield-without-colon\n' +
    'data\n' +
    '\n' +
    'data: {"last":"ü"}\n' +
    'id: bad\0id\n' +
    '\n' +
    'data: [DONE]\n' +
    '\n' +
    'data: {"after":"done"}\n' +
    '\n',
);

const EVENTS: ServerSentEvent[] = [
  { event: 'greeting', data: '{"text":"héllo 😀 世界"}', id: '', retry: 1500 },
  { event: 'crlf', data: '{"crlf":\n2}', id: '', retry: 1500 },
  { event: 'message', data: '{"multi":\n"line"}', id: '7', retry: 1500 },
  { event: 'message', data: '{"nospace":true}', id: '7', retry: 1500 },
  { event: 'message', data: ' {"twospaces":1}', id: '7', retry: 1500 },
  { event: 'message', data: '', id: '7', retry: 1500 },
  { event: 'message', data: '{"last":"ü"}', id: '7', retry: 1500 },
  { event: 'message', data: '[DONE]', id: '7', retry: 1500 },
  { event: 'message', data: '{"after":"done"}', id: '7', retry: 1500 },
];

/** What the Stream yields for BODY: JSON data, empty data skipped, nothing after [DONE]. */
const ITEMS = [{ text: 'héllo 😀 世界' }, { crlf: 2 }, { multi: 'line' }, { nospace: true }, { twospaces: 1 }, { last: 'ü' }];

function decodeAll(chunks: readonly Uint8Array[]): { events: ServerSentEvent[]; cutOff: boolean } {
  const decoder = new SSEDecoder();
  const events = chunks.flatMap((chunk) => decoder.decode(chunk));
  return { events, cutOff: decoder.end() };
}

describe('SSEDecoder', () => {
  it('follows the WHATWG event stream rules', () => {
    expect(decodeAll([BODY])).toEqual({ events: EVENTS, cutOff: false });
  });

  it('gives the same events however the body is split: at every byte, and one byte at a time', () => {
    for (let at = 1; at < BODY.length; at++) {
      expect({ at, ...decodeAll([BODY.subarray(0, at), BODY.subarray(at)]) }).toEqual({ at, events: EVENTS, cutOff: false });
    }
    const bytes = Array.from({ length: BODY.length }, (_, i) => BODY.subarray(i, i + 1));
    expect(decodeAll(bytes)).toEqual({ events: EVENTS, cutOff: false });
  });

  it('says when the stream stops inside an event', () => {
    expect(decodeAll([encoder.encode('data: {"a":1}\n\ndata: {"b"')]).cutOff).toBe(true); // a partial line
    expect(decodeAll([encoder.encode('data: {"a":1}\n\ndata: {"b":2}\n')]).cutOff).toBe(true); // no blank line
    expect(decodeAll([encoder.encode('data: "é'), new Uint8Array([0xc3])]).cutOff).toBe(true); // half a UTF-8 sequence
    expect(decodeAll([encoder.encode('data: 1\n\n: bye\n')]).cutOff).toBe(false); // a trailing comment is fine
    expect(decodeAll([encoder.encode('data: 1\r\n\r\n')]).cutOff).toBe(false);
    expect(decodeAll([encoder.encode('data: {"a":1}\n\nda')]).cutOff).toBe(true); // a line cut short that could be data
  });

  it('does not call a stream cut off for what carries no event: a last comment, padding, a field without data, [DONE]', () => {
    for (const tail of [': keep-alive', '   ', 'retry: 100\n', 'event: ping\n', 'event: ping', 'id: 7', 'data: [DONE]\n', 'data: [DONE]']) {
      expect({ tail, ...decodeAll([encoder.encode(`data: {"a":1}\n\n${tail}`)]) }).toEqual({
        tail,
        events: [{ event: 'message', data: '{"a":1}', id: '', retry: undefined }],
        cutOff: false,
      });
    }
  });
});

// ---- end to end -----------------------------------------------------------------------------

const sse = (extra: Partial<OperationSpec<Stream<unknown>>> = {}): OperationSpec<Stream<unknown>> => ({
  build: () => ({ method: 'POST', path: '/responses', headers: {}, body: { stream: true } }),
  responseType: 'sse',
  stream: streamResponse,
  ...extra,
});

function streamHead(res: ServerResponse, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers });
  res.flushHeaders();
}

/** Resolves when the server's side of the response closes (finished or dropped). */
function closedPromise(): { promise: Promise<boolean>; watch: (res: ServerResponse) => void } {
  let resolve!: (early: boolean) => void;
  const promise = new Promise<boolean>((r) => (resolve = r));
  // `early` is true when the client went away before the server ended the response.
  return { promise, watch: (res) => res.on('close', () => resolve(!res.writableFinished)) };
}

describe('Stream over a real connection', () => {
  it('yields the same events wherever the body is split between two network writes', async () => {
    const server = await startServer((req, res) => {
      const at = Number(new URL(req.url, 'http://x').searchParams.get('at'));
      streamHead(res);
      // The second write waits until the first has left, so the client reads two chunks.
      res.write(BODY.subarray(0, at), () => setTimeout(() => res.end(BODY.subarray(at)), 1));
    });
    const { client } = makeClient(server.url);
    for (let at = 1; at < BODY.length; at++) {
      const stream = await client.request(sse({ build: () => ({ method: 'GET', path: `/events?at=${at}`, headers: {} }) }));
      expect({ at, items: await collect(stream) }).toEqual({ at, items: ITEMS });
    }
  });

  it('yields the same events when every byte is its own network write', async () => {
    const server = await startServer(async (_req, res) => {
      streamHead(res);
      for (let i = 0; i < BODY.length; i++) await new Promise((resolve) => res.write(BODY.subarray(i, i + 1), resolve));
      res.end();
    });
    const stream = await makeClient(server.url).client.request(sse());
    expect(stream).toBeInstanceOf(Stream);
    expect(await collect(stream)).toEqual(ITEMS);
  });

  it('stops at [DONE] and closes a connection the server keeps open', async () => {
    const closed = closedPromise();
    const server = await startServer((_req, res) => {
      closed.watch(res);
      streamHead(res);
      res.write('data: {"n":1}\n\ndata: [DONE]\n\ndata: {"n":2}\n\n'); // and never ends
    });
    const stream = await makeClient(server.url).client.request(sse());
    expect(await collect(stream)).toEqual([{ n: 1 }]);
    expect(await within(closed.promise, 20_000, 'server sees the close')).toBe(true);
  });

  it('ends at the end of the body without [DONE]', async () => {
    const server = await startServer((_req, res) => {
      streamHead(res);
      res.end('event: a\ndata: {"n":1}\n\nevent: b\ndata: {"n":2}\n\n');
    });
    expect(await collect(await makeClient(server.url).client.request(sse()))).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('yields { event, data } when the operation asks for the envelope', async () => {
    const server = await startServer((_req, res) => {
      streamHead(res);
      res.end('event: thread.run.created\ndata: {"id":"run_1"}\n\nevent: done\ndata: [DONE]\n\n');
    });
    const items = await collect(await makeClient(server.url).client.request(sse({ eventEnvelope: true })));
    expect(items).toEqual([{ event: 'thread.run.created', data: { id: 'run_1' } }]);
  });

  it('throws an `event: error` as an APIError with the message, code and type, after the events before it', async () => {
    const server = await startServer((_req, res) => {
      streamHead(res, { 'x-request-id': 'req_sse' });
      res.write('data: {"n":1}\n\n');
      res.write('event: error\ndata: {"error":{"message":"Overloaded","type":"server_error","code":"overloaded","param":null}}\n\n');
    });
    const items: unknown[] = [];
    const error = await rejection(
      (async () => {
        for await (const item of await makeClient(server.url).client.request(sse())) items.push(item);
      })(),
    );
    expect(items).toEqual([{ n: 1 }]);
    expect(error).toBeInstanceOf(APIError);
    const apiError = error as APIError;
    expect(apiError.message).toBe('The event stream of POST /responses reported an error: Overloaded');
    expect([apiError.status, apiError.code, apiError.type, apiError.param, apiError.requestID]).toEqual([
      undefined,
      'overloaded',
      'server_error',
      null,
      'req_sse',
    ]);
  });

  it('throws data with an `error` field, in any of the common shapes, scrubbed of the key', async () => {
    const bodies = [
      ['data: {"error":{"message":"Bad input","code":"bad"}}\n\n', 'Bad input', 'bad'],
      ['event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n', 'Overloaded', undefined],
      ['event: error\ndata: {"message":"plain message","code":503}\n\n', 'plain message', '503'],
      [`data: {"error":"key ${API_KEY} is revoked"}\n\n`, 'key [redacted] is revoked', undefined],
    ] as const;
    const server = await startServer((req, res) => {
      streamHead(res);
      res.end(bodies[Number(req.url.slice(1))]![0]);
    });
    const { client } = makeClient(server.url);
    for (const [index, [, message, code]] of bodies.entries()) {
      const stream = await client.request(sse({ build: () => ({ method: 'GET', path: `/${index}`, headers: {} }) }));
      const error = (await rejection(collect(stream))) as APIError;
      expect(error).toBeInstanceOf(APIError);
      expect(error.message).toBe(`The event stream of GET /${index} reported an error: ${message}`);
      expect(error.code).toBe(code);
      expect(JSON.stringify(error.error)).not.toContain(API_KEY);
    }
  });

  it('aborting the caller signal mid-stream rejects the pending read and closes the connection', async () => {
    const closed = closedPromise();
    const server = await startServer((_req, res) => {
      closed.watch(res);
      streamHead(res);
      res.write('data: {"n":1}\n\n'); // then silence, connection open
    });
    const controller = new AbortController();
    const stream = await makeClient(server.url).client.request(sse(), { signal: controller.signal });
    const iterator = stream[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: false, value: { n: 1 } });

    const pending = iterator.next(); // waits: the server sends nothing more
    controller.abort(new Error('user left'));
    const error = await rejection(within(pending, 20_000, 'the read rejects'));

    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as Error).cause).toEqual(new Error('user left'));
    expect(await within(closed.promise, 20_000, 'server sees the close')).toBe(true);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('aborting the signal between events of one chunk hands out none after the abort', async () => {
    const server = await startServer((_req, res) => {
      streamHead(res);
      res.write(Array.from({ length: 10 }, (_, n) => `data: {"n":${n}}\n\n`).join('')); // one network write
    });
    const controller = new AbortController();
    const stream = await makeClient(server.url).client.request(sse(), { signal: controller.signal });
    const seen: unknown[] = [];
    const error = await rejection(
      (async () => {
        for await (const item of stream as AsyncIterable<{ n: number }>) {
          seen.push(item.n);
          if (item.n === 1) controller.abort();
        }
      })(),
    );
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(seen).toEqual([0, 1]);
  });

  it('breaking out of for-await closes the connection and detaches from the signal', async () => {
    const closed = closedPromise();
    const server = await startServer((_req, res) => {
      closed.watch(res);
      streamHead(res);
      res.write('data: {"n":1}\n\ndata: {"n":2}\n\n');
    });
    const controller = new AbortController();
    const stream = await makeClient(server.url).client.request(sse(), { signal: controller.signal });
    for await (const item of stream) {
      expect(item).toEqual({ n: 1 });
      break;
    }
    expect(await within(closed.promise, 20_000, 'server sees the close')).toBe(true);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('cancel() without reading closes the connection', async () => {
    const closed = closedPromise();
    const server = await startServer((_req, res) => {
      closed.watch(res);
      streamHead(res);
      res.write('data: {"n":1}\n\n');
    });
    const stream = await makeClient(server.url).client.request(sse());
    await stream.cancel();
    expect(await within(closed.promise, 20_000, 'server sees the close')).toBe(true);
    expect(await collect(stream)).toEqual([]); // a loop over a cancelled stream ends at once
  });

  it('cancelling the ReadableStream from toReadableStream() while a read waits closes the connection', async () => {
    const closed = closedPromise();
    const server = await startServer((_req, res) => {
      closed.watch(res);
      streamHead(res);
      res.write('data: {"n":1}\n\n'); // then silence
    });
    const reader = (await makeClient(server.url).client.request(sse())).toReadableStream().getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('{"n":1}\n');
    await sleep(30, undefined); // the ReadableStream pulls again: a read of the body now waits
    await within(reader.cancel(), 20_000, 'cancel returns although a read was pending');
    expect(await within(closed.promise, 20_000, 'server sees the close')).toBe(true);
  });

  it('reports a body cut off mid-event as APIConnectionError, after the complete events', async () => {
    const server = await startServer((_req, res) => {
      streamHead(res);
      res.write('data: {"n":1}\n\ndata: {"n"', () => res.socket?.destroy());
    });
    const items: unknown[] = [];
    const error = await rejection(
      (async () => {
        for await (const item of await makeClient(server.url).client.request(sse())) items.push(item);
      })(),
    );
    expect(items).toEqual([{ n: 1 }]);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(/^The event stream of POST \/responses was cut off/);
  });

  it('reports a body that ends cleanly in the middle of an event as APIConnectionError', async () => {
    const server = await startServer((_req, res) => {
      streamHead(res);
      res.end('data: {"n":1}\n\ndata: {"n":2}\n'); // no blank line: the event never completes
    });
    const items: unknown[] = [];
    const error = await rejection(
      (async () => {
        for await (const item of await makeClient(server.url).client.request(sse())) items.push(item);
      })(),
    );
    expect(items).toEqual([{ n: 1 }]);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(/ended in the middle of an event \(after 1 complete events\)/);
  });

  it('does not apply the request timeout while streaming', async () => {
    let resume!: () => void;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    const server = await startServer(async (_req, res) => {
      streamHead(res);
      res.write('data: {"n":1}\n\n');
      await resumed; // the rest once the clock is far past the client's timeout
      for (let n = 2; n <= 4; n++) res.write(`data: {"n":${n}}\n\n`);
      res.end();
    });
    await onFakeClock(async () => {
      const stream = await makeClient(server.url, { timeout: 100 }).client.request(sse());
      const iterator = stream[Symbol.asyncIterator]();
      expect(await iterator.next()).toEqual({ done: false, value: { n: 1 } });
      vi.advanceTimersByTime(60_000);
      resume();
      const rest: unknown[] = [];
      for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) rest.push(next.value);
      expect(rest).toEqual([{ n: 2 }, { n: 3 }, { n: 4 }]);
    });
  });

  it('validates each event: loose by default, strict on request, off skips', async () => {
    const server = await startServer((_req, res) => {
      streamHead(res);
      res.end('data: {"n":1}\n\ndata: {"n":2,"extra":true}\n\n');
    });
    const modes: string[] = [];
    const operation = sse({
      validateEvent: (value, mode) => {
        modes.push(mode);
        return mode === 'strict' && 'extra' in (value as object) ? [{ path: ['extra'], message: 'unknown field' }] : [];
      },
    });
    expect(await collect(await makeClient(server.url).client.request(operation))).toHaveLength(2);
    const strict = await rejection(collect(await makeClient(server.url, { responseValidation: 'strict' }).client.request(operation)));
    expect(await collect(await makeClient(server.url, { responseValidation: 'off' }).client.request(operation))).toHaveLength(2);
    expect(modes).toEqual(['loose', 'loose', 'strict', 'strict']);
    expect(strict).toBeInstanceOf(ValidationError);
    expect((strict as Error).message).toBe(
      "Invalid event 2 (message) from POST /responses; set responseValidation: 'off' to accept it unchecked (1 problem):\n  extra: unknown field",
    );
  });

  it('throws InvalidResponseBodyError for an event that is not JSON', async () => {
    const server = await startServer((_req, res) => {
      streamHead(res);
      res.end('data: {"n":1}\n\ndata: hello there\n\n');
    });
    const error = await rejection(collect(await makeClient(server.url).client.request(sse())));
    expect(error).toBeInstanceOf(InvalidResponseBodyError);
    expect((error as Error).message).toBe(
      'Event 2 of the stream of POST /responses is not valid JSON. Its data starts with: "hello there"',
    );
  });

  it('rejects the call when a 2xx response is not an event stream', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id":"resp_1"}');
    });
    const error = await rejection(makeClient(server.url).client.request(sse()));
    expect(error).toBeInstanceOf(InvalidResponseBodyError);
    expect((error as Error).message).toBe(
      '200 response to POST /responses is not an event stream (content-type: application/json). It starts with: "{\\"id\\":\\"resp_1\\"}"',
    );
  });

  it('can be read once, or turned into a ReadableStream of JSON lines', async () => {
    const server = await startServer((_req, res) => {
      streamHead(res);
      res.end('data: {"n":1}\n\ndata: {"n":2}\n\ndata: [DONE]\n\n');
    });
    const { client } = makeClient(server.url);
    const stream = await client.request(sse());
    expect(await collect(stream)).toEqual([{ n: 1 }, { n: 2 }]);
    const again = await rejection(collect(stream));
    expect(again).toBeInstanceOf(SDKError);
    expect((again as Error).message).toMatch(/already been read/);

    const readable = (await client.request(sse())).toReadableStream();
    expect(await new Response(readable).text()).toBe('{"n":1}\n{"n":2}\n');
  });
});
