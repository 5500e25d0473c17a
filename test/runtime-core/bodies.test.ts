// Bodies other than JSON: multipart and URL-encoded forms (encoded as the official SDK encodes
// them, checked against it on the wire), binary and text uploads, streamed uploads, and binary
// and text responses, with a 5 MB download read while the server is still sending it.
import type { ServerResponse } from 'node:http';
import OpenAI from 'openai';
import { describe, expect, it, vi } from 'vitest';
import type { OperationSpec, RequestDescription } from '../../templates/runtime/core.js';
import { InternalServerError, ValidationError } from '../../templates/runtime/errors.js';
import { toFormData, toUrlEncoded } from '../../templates/runtime/multipart.js';
import { sleep } from '../../templates/runtime/retry.js';
import { json, makeClient, onFakeClock, rejection, startServer, type Received } from './harness.js';

interface Part {
  readonly name: string;
  readonly filename: string | undefined;
  readonly type: string | undefined;
  readonly value: string;
}

/** A small multipart/form-data parser: enough to read back what fetch sends. */
function parseMultipart(req: Received): Part[] {
  const contentType = String(req.headers['content-type']);
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (boundary === null) throw new Error(`no boundary in ${contentType}`);
  const text = req.raw.toString('latin1');
  const sections = text.split(`--${boundary[1] ?? boundary[2]}`);
  expect(sections.at(-1)).toBe('--\r\n');
  return sections.slice(1, -1).map((section) => {
    const split = section.indexOf('\r\n\r\n');
    const head = section.slice(2, split); // after the CRLF that ends the delimiter line
    const value = Buffer.from(section.slice(split + 4, -2), 'latin1').toString('utf8'); // before the CRLF of the next delimiter
    const disposition = /content-disposition: form-data; name="([^"]*)"(?:; filename="([^"]*)")?/i.exec(head);
    if (disposition === null) throw new Error(`bad part head: ${head}`);
    return { name: disposition[1]!, filename: disposition[2], type: /content-type: (.*)/i.exec(head)?.[1], value };
  });
}

/** Parts grouped by name, keeping the order within a name (the official SDK fills arrays last). */
const byName = (parts: Part[]): Part[] => [...parts].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

const post = (body: unknown, headers: Record<string, string> = {}): OperationSpec<unknown> => ({
  build: (): RequestDescription => ({ method: 'POST', path: '/upload', headers, body }),
});

function officialClient(baseURL: string): OpenAI {
  return new OpenAI({ apiKey: 'sk-official', baseURL, maxRetries: 0, organization: null, project: null, logLevel: 'off' });
}

describe('multipart/form-data', () => {
  // Every kind of value, nested: what the official SDK sends for it is the reference.
  const formBody = () => ({
    file: new File(['hello ü\r\n--not-a-boundary'], 'some/dir/notes.txt', { type: 'text/plain' }),
    purpose: 'assistants',
    count: 3,
    ratio: 0.5,
    flag: false,
    tags: ['a', 'b c'],
    meta: { kind: 'x', nested: { deep: 1 }, list: [1, { k: 'v' }] },
    blob: new Blob([new Uint8Array([0, 1, 2, 255])]),
    skip: undefined,
    empty: [],
  });

  it('toFormData encodes as the official SDK does, and fetch sends it with its own boundary', async () => {
    const server = await startServer((_req, res) => json(res, 200, { id: 'file_1', object: 'file' }));
    // The spec's media type in the description must not replace fetch's `...; boundary=...`.
    await makeClient(server.url).client.request(post(toFormData(formBody()), { 'Content-Type': 'multipart/form-data' }));
    await officialClient(server.url).files.create(formBody() as never);

    const [ours, official] = server.requests;
    expect(String(ours?.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=\S+$/);
    expect(byName(parseMultipart(ours!))).toEqual(byName(parseMultipart(official!)));
    // And what that is, spelled out.
    expect(parseMultipart(ours!)).toEqual([
      { name: 'file', filename: 'notes.txt', type: 'text/plain', value: 'hello ü\r\n--not-a-boundary' },
      { name: 'purpose', filename: undefined, type: undefined, value: 'assistants' },
      { name: 'count', filename: undefined, type: undefined, value: '3' },
      { name: 'ratio', filename: undefined, type: undefined, value: '0.5' },
      { name: 'flag', filename: undefined, type: undefined, value: 'false' },
      { name: 'tags[]', filename: undefined, type: undefined, value: 'a' },
      { name: 'tags[]', filename: undefined, type: undefined, value: 'b c' },
      { name: 'meta[kind]', filename: undefined, type: undefined, value: 'x' },
      { name: 'meta[nested][deep]', filename: undefined, type: undefined, value: '1' },
      { name: 'meta[list][]', filename: undefined, type: undefined, value: '1' },
      { name: 'meta[list][][k]', filename: undefined, type: undefined, value: 'v' },
      { name: 'blob', filename: 'blob', type: 'application/octet-stream', value: '\u0000\u0001\u0002\ufffd' },
    ]);
    expect(ours?.raw.subarray(-200).includes(Buffer.from([0, 1, 2, 255]))).toBe(true); // the bytes as they are
  });

  it('resends the same form on a retry', async () => {
    const server = await startServer((_req, res, index) =>
      index === 0 ? json(res, 500, { error: { message: 'x' } }) : json(res, 200, {}),
    );
    await makeClient(server.url).client.request(post(toFormData({ a: '1', file: new File(['x'], 'x.bin') })));
    expect(server.requests).toHaveLength(2);
    expect(parseMultipart(server.requests[1]!)).toEqual(parseMultipart(server.requests[0]!));
  });

  it('refuses null (multipart has no null) with the path of the field, before sending', async () => {
    const server = await startServer((_req, res) => json(res, 200, {}));
    const error = await rejection(
      makeClient(server.url).client.request({ build: () => post(toFormData({ meta: { list: ['a', null] } })).build((input) => input) }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ path: ['meta', 'list', 1], message: expect.stringMatching(/^is null/) }]);
    expect(server.requests).toHaveLength(0);
  });
});

describe('application/x-www-form-urlencoded', () => {
  const formBody = () => ({
    a: 1,
    b: [1, 2, { c: 3 }],
    d: { e: 'x y', f: [true] },
    n: null,
    u: undefined,
    t: new Date(0),
    e: [],
    s: "o'b(x)*!~ü+&=",
  });

  it('toUrlEncoded encodes as the official SDK does (qs, bracketed arrays)', async () => {
    const server = await startServer((_req, res) => json(res, 200, {}));
    await makeClient(server.url).client.request(post(toUrlEncoded(formBody())));
    await officialClient(server.url).post('/form', { body: formBody(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

    const [ours, official] = server.requests;
    const pairs = (req: Received | undefined) => [...new URLSearchParams(req?.body)];
    expect(pairs(ours)).toEqual(pairs(official));
    expect(pairs(ours)).toEqual([
      ['a', '1'],
      ['b[]', '1'],
      ['b[]', '2'],
      ['b[][c]', '3'],
      ['d[e]', 'x y'],
      ['d[f][]', 'true'],
      ['n', ''],
      ['t', '1970-01-01T00:00:00.000Z'],
      ['s', "o'b(x)*!~ü+&="],
    ]);
    // fetch's type for URLSearchParams; the official SDK sends it without the charset.
    expect(ours?.headers['content-type']).toBe('application/x-www-form-urlencoded;charset=UTF-8');
    expect(official?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('refuses a file', () => {
    expect(() => toUrlEncoded({ f: new Blob(['x']) })).toThrow(ValidationError);
  });
});

describe('bodies sent as they are', () => {
  const bytes = new Uint8Array([0, 1, 2, 3, 250, 251, 252, 253, 254, 255]);

  const RAW: readonly (readonly [string, () => unknown, Record<string, string>, string | undefined, Buffer])[] = [
    ['a typed Blob', () => new Blob([bytes], { type: 'image/png' }), {}, 'image/png', Buffer.from(bytes)],
    [
      'an ArrayBuffer',
      () => bytes.slice().buffer,
      { 'Content-Type': 'application/octet-stream' },
      'application/octet-stream',
      Buffer.from(bytes),
    ],
    [
      'a view into part of a buffer',
      () => bytes.subarray(2, 6),
      { 'content-type': 'audio/wav' },
      'audio/wav',
      Buffer.from(bytes.subarray(2, 6)),
    ],
    ['a DataView', () => new DataView(bytes.buffer, 1, 3), {}, undefined, Buffer.from(bytes.subarray(1, 4))],
    [
      'a string with its type',
      () => 'plain "text" ü',
      { 'Content-Type': 'text/plain; charset=utf-8' },
      'text/plain; charset=utf-8',
      Buffer.from('plain "text" ü'),
    ],
    ['a string without a type', () => 'plain', {}, 'text/plain;charset=UTF-8', Buffer.from('plain')],
    [
      'URLSearchParams',
      () => new URLSearchParams({ q: 'a b' }),
      {},
      'application/x-www-form-urlencoded;charset=UTF-8',
      Buffer.from('q=a+b'),
    ],
    ['null, as JSON', () => null, {}, 'application/json', Buffer.from('null')],
    ['false, as JSON', () => false, {}, 'application/json', Buffer.from('false')],
    ['0, as JSON', () => 0, {}, 'application/json', Buffer.from('0')],
    ['an array, as JSON', () => [1, 'a', null], {}, 'application/json', Buffer.from('[1,"a",null]')],
  ];

  it.each(RAW)('%s', async (_name, body, headers, contentType, sent) => {
    const server = await startServer((_req, res) => json(res, 200, {}));
    await makeClient(server.url).client.request(post(body(), headers));
    const [req] = server.requests;
    expect(req?.headers['content-type']).toBe(contentType);
    expect(req?.raw).toEqual(sent);
  });

  it('takes the content-type of a body from the body and the call, never from defaultHeaders', async () => {
    const server = await startServer((_req, res) => json(res, 200, {}));
    const { client } = makeClient(server.url, { defaultHeaders: { 'Content-Type': 'application/x-custom' } });

    await client.request(post(new Blob(['x'])));
    await client.request(post(new Blob(['x']), { 'Content-Type': 'text/csv' }));
    await client.request(post(new Blob(['x'])), { headers: { 'content-type': 'text/markdown' } });
    await client.request(post({ a: 1 }));
    await client.request({ build: () => ({ method: 'GET', path: '/nobody', headers: {} }) });

    expect(server.requests.map((req) => req.headers['content-type'])).toEqual([
      undefined,
      'text/csv',
      'text/markdown',
      'application/json',
      'application/x-custom', // no body: defaultHeaders apply as they are
    ]);
  });

  it('streams a ReadableStream upload, and does not retry it (it can be read only once)', async () => {
    const server = await startServer((_req, res) => json(res, 500, { error: { message: 'try again' } }));
    const chunks = ['first,', 'second,', 'third'];
    const upload = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = chunks.shift();
        if (next === undefined) return controller.close();
        await sleep(5, undefined);
        controller.enqueue(new TextEncoder().encode(next));
      },
    });

    const error = await rejection(makeClient(server.url).client.request(post(upload, { 'Content-Type': 'text/csv' })));

    expect(error).toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.body).toBe('first,second,third');
    expect(server.requests[0]?.headers['transfer-encoding']).toBe('chunked');
    expect(server.requests[0]?.headers['content-type']).toBe('text/csv');
  });
});

describe('binary and text responses', () => {
  const SIZE = 5 * 1024 * 1024;
  const CHUNK = 256 * 1024;
  const pattern = (offset: number, length: number) => Buffer.from(Array.from({ length }, (_, i) => (offset + i) % 251));

  it('resolves a binary response to the unread Response while the server is still sending, and streams it', async () => {
    let finished = false;
    let resume!: () => void;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    const server = await startServer(async (_req, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': String(SIZE) });
      res.write(pattern(0, CHUNK));
      await resumed; // the rest only once the client has read the start and the clock is past its timeout
      for (let offset = CHUNK; offset < SIZE; offset += CHUNK) {
        if (!res.write(pattern(offset, CHUNK))) await new Promise((resolve) => res.once('drain', resolve));
      }
      res.end(() => (finished = true));
    });
    const { client } = makeClient(server.url, { timeout: 200 });

    await onFakeClock(async () => {
      const call = client.request<Response>({
        build: () => ({ method: 'POST', path: '/audio/speech', headers: { Accept: 'application/octet-stream' }, body: { input: 'hi' } }),
        responseType: 'binary',
      });
      // A client that buffered the body would wait here for a server that waits for it.
      const response = await call;

      expect(response).toBeInstanceOf(Response);
      expect(response.headers.get('content-type')).toBe('audio/mpeg');
      expect(response.bodyUsed).toBe(false);
      const reader = response.body!.getReader();
      const first = await reader.read();
      expect(first.value?.length).toBeGreaterThan(0);
      expect(finished).toBe(false); // readable before the server is done
      vi.advanceTimersByTime(60_000); // far past the client's 200 ms timeout: it no longer applies
      resume();
      let received = first.value!.length;
      let matches = Buffer.from(first.value!).equals(pattern(0, first.value!.length));
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        matches &&= Buffer.from(value).equals(pattern(received, value.length));
        received += value.length;
      }
      expect(received).toBe(SIZE);
      expect(matches).toBe(true);
    });
  });

  it('gives a text response as a string, validated when asked', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/vtt' });
      res.end('WEBVTT\n\n00:00.000 --> 00:01.000\n{"not":"parsed"}\n');
    });
    const seen: unknown[] = [];
    const text = await makeClient(server.url).client.request<string>({
      build: () => ({ method: 'GET', path: '/captions', headers: {} }),
      responseType: 'text',
      validateResponse: (value) => (seen.push(value), []),
    });
    expect(text).toBe('WEBVTT\n\n00:00.000 --> 00:01.000\n{"not":"parsed"}\n');
    expect(seen).toEqual([text]);
  });
});
