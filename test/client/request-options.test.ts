// Fetch-ready builders, per-request options and withOptions, against a recording server on
// 127.0.0.1 with test/fixtures/specs/uploads.yaml generated into a temp folder:
// - `fetch(url, toRequestInit(builder(...)))` sends the body and content-type the client sends;
// - `query`, `body` and `fetchOptions` per request (merged into the operation's own, not
//   validated), `fetchOptions` per client, and what the client sets is never replaced;
// - `client.withOptions(...)` is a client of the same class with merged options, sharing nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generate } from '../../generator/pipeline.js';
import { json, startRecordingServer, type RecordedRequest, type RecordingServer } from '../support/recording-server.js';

type AnyClient = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Described = { method: string; path: string; headers: Record<string, string>; body?: unknown };
type ClientClass = new (options: object) => AnyClient;
interface Package {
  readonly default: ClientClass;
  readonly toRequestInit: (request: Described) => RequestInit & { headers: Record<string, string>; duplex?: 'half' };
  readonly ValidationError: new (
    ...args: never[]
  ) => Error & { issues: readonly { path: readonly (string | number)[]; message: string }[] };
}
type Builders = Record<string, (input?: unknown) => Described>;

const API_KEY = 'sk-options-test-0000';
let tempDir: string;
let server: RecordingServer;
let pkg: Package;
let requests: Builders;

beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'sdkgen-options-'));
  const out = join(tempDir, 'uploads');
  await generate({ spec: 'test/fixtures/specs/uploads.yaml', out });
  pkg = (await import(pathToFileURL(join(out, 'src/index.ts')).href)) as Package;
  requests = (await import(pathToFileURL(join(out, 'src/requests.ts')).href)) as Builders;
  server = await startRecordingServer();
}, 60_000);

afterAll(async () => {
  await server?.close();
  if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
});

beforeEach(() => {
  server.requests.splice(0);
  server.respond((_request, response) => json(response, 200, { id: 'x' }));
});

const make = (options: object = {}): AnyClient =>
  new pkg.default({ apiKey: API_KEY, baseURL: server.url, maxRetries: 0, timeout: 10_000, ...options });
const last = (): RecordedRequest => server.requests.at(-1)!;

async function formEntries(request: RecordedRequest): Promise<[string, string][]> {
  const form = await new Response(new Uint8Array(request.raw), {
    headers: { 'content-type': String(request.headers['content-type']) },
  }).formData();
  const entries: [string, string][] = [];
  for (const [name, value] of form.entries())
    entries.push([name, typeof value === 'string' ? value : `file ${value.name}: ${await value.text()}`]);
  return entries;
}

describe('toRequestInit makes a builder result fetch-ready', () => {
  // each: the builder's input, the client call that sends the same request
  const cases: [string, string, unknown, (client: AnyClient) => Promise<unknown>][] = [
    ['a JSON body', 'createThing', { body: { name: 'n', tags: ['a'] } }, (client) => client['things'].create({ name: 'n', tags: ['a'] })],
    [
      'a multipart body with a file',
      'createFile',
      {
        body: {
          file: new File(['abc'], 'a.jsonl', { type: 'application/jsonl' }),
          purpose: 'batch',
          expires_after: { anchor: 'created_at', seconds: 3600 },
        },
      },
      (client) =>
        client['files'].create({
          file: new File(['abc'], 'a.jsonl', { type: 'application/jsonl' }),
          purpose: 'batch',
          expires_after: { anchor: 'created_at', seconds: 3600 },
        }),
    ],
    [
      'a URL-encoded body',
      'createToken',
      { body: { grant_type: 'client credentials', scope: 'a+b' } },
      (client) => client['tokens'].create({ grant_type: 'client credentials', scope: 'a+b' }),
    ],
    [
      'a binary body',
      'putBlob',
      { path: { name: 'b 1' }, body: new Uint8Array([0, 1, 255]) },
      (client) => client['blobs'].update('b 1', new Uint8Array([0, 1, 255])),
    ],
    [
      'no body, a query',
      'listThings',
      { query: { limit: 2, order: 'asc' } },
      (client) => client['things'].list({ limit: 2, order: 'asc' }),
    ],
  ];
  it.each(cases)('%s: fetch sends what the client sends', async (_what, builder, input, call) => {
    const described = requests[builder]!(input);
    await fetch(server.url + described.path, pkg.toRequestInit(described));
    await call(make());
    const [ours, theirs] = server.requests as [RecordedRequest, RecordedRequest];
    expect([ours.method, ours.url]).toEqual([theirs.method, theirs.url]);
    const type = (request: RecordedRequest): string => String(request.headers['content-type']).replace(/boundary=.*/, 'boundary=');
    expect(type(ours)).toBe(type(theirs));
    if (String(theirs.headers['content-type']).startsWith('multipart/')) expect(await formEntries(ours)).toEqual(await formEntries(theirs));
    else expect(ours.raw.equals(theirs.raw)).toBe(true);
  });

  it('sets content-type only for JSON and leaves fetch to write the multipart boundary', () => {
    expect(pkg.toRequestInit(requests['createThing']!({ body: { name: 'n' } }))).toEqual({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"n"}',
    });
    const multipart = pkg.toRequestInit(requests['createFile']!({ body: { file: new Uint8Array([1]), purpose: 'batch' } }));
    expect([multipart.headers, multipart.body instanceof FormData]).toEqual([{}, true]);
    expect(pkg.toRequestInit(requests['archiveThing']!({ path: { thing_id: 't' } }))).toEqual({ method: 'POST', headers: {} });
    const binary = pkg.toRequestInit(requests['putBlob']!({ path: { name: 'b' }, body: new Blob(['x']) }));
    expect(binary.headers).toEqual({ 'content-type': 'application/octet-stream' });
  });

  it("gives a stream body duplex: 'half', which fetch needs to send it, and leaves it off other bodies", async () => {
    const web = new ReadableStream<Uint8Array>({
      start: (controller) => {
        controller.enqueue(new Uint8Array([1, 2]));
        controller.close();
      },
    });
    const streams = [
      requests['putBlob']!({ path: { name: 'web' }, body: web }),
      requests['putBlob']!({ path: { name: 'node' }, body: Readable.from([Buffer.from([3]), 'x']) }),
    ];
    for (const described of streams) {
      const init = pkg.toRequestInit(described);
      expect(init.duplex).toBe('half');
      await fetch(server.url + described.path, init);
    }
    expect(server.requests.map((request) => [request.url, [...request.raw]])).toEqual([
      ['/blobs/web', [1, 2]],
      ['/blobs/node', [3, 0x78]],
    ]);
    expect(pkg.toRequestInit(requests['putBlob']!({ path: { name: 'b' }, body: new Uint8Array([1]) }))).not.toHaveProperty('duplex');
  });

  it('a stream in a multipart builder input is refused with a pointer to toFile (the client reads streams itself)', () => {
    const stream = new ReadableStream<Uint8Array>();
    expect(() => requests['createFile']!({ body: { file: stream, purpose: 'batch' } })).toThrow(
      /file: is a stream \(or a Response\), which must be read before the body is built: pass `await toFile\(value\)` instead/,
    );
  });
});

describe('per-request options', () => {
  it("query adds parameters and replaces the operation's of the same name; arrays repeat, undefined is skipped", async () => {
    await make().things.list(
      { limit: 2, order: 'asc' },
      { query: { order: 'desc', include: ['a', 'b c'], skip: undefined, flag: true, empty: null } },
    );
    expect(last().url).toBe('/things?limit=2&order=desc&include=a&include=b%20c&flag=true&empty=');
    await make({ defaultQuery: { api: 'v1', order: 'x' } }).things.list(undefined, { query: { extra: '1' } });
    expect(last().url).toBe('/things?extra=1&api=v1&order=x');
  });

  it('body merges extra fields into a JSON body, unvalidated, replacing fields of the same name', async () => {
    await make().things.create({ name: 'n' }, { body: { name: 'replaced', beta_field: { deep: [1] } } });
    expect(JSON.parse(last().body)).toEqual({ name: 'replaced', beta_field: { deep: [1] } });
    // the operation's own fields are still validated
    const error = await make()
      .things.create({ name: 1 }, { body: { other: true } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(pkg.ValidationError);
    expect(server.requests).toHaveLength(1);
  });

  it('body adds fields to multipart and URL-encoded bodies, encoded as their own fields are', async () => {
    await make().files.create(
      { file: new Uint8Array([0x61]), purpose: 'batch' },
      { body: { note: 'n', meta: { kind: 'k' }, extra_file: new File(['z'], 'z.txt') } },
    );
    expect(await formEntries(last())).toEqual([
      ['file', 'file unknown_file: a'],
      ['purpose', 'batch'],
      ['note', 'n'],
      ['meta[kind]', 'k'],
      ['extra_file', 'file z.txt: z'],
    ]);
    await make().tokens.create({ grant_type: 'g' }, { body: { audience: 'x y' } });
    expect(last().body).toBe('grant_type=g&audience=x+y');
  });

  it('body on an operation without one is sent as JSON; on a GET it is refused before sending', async () => {
    await make().things.archive('t1', { body: { reason: 'old' } });
    expect([last().url, last().headers['content-type'], last().body]).toEqual([
      '/things/t1/archive',
      'application/json',
      '{"reason":"old"}',
    ]);
    const error = await make()
      .things.list(undefined, { body: { a: 1 } })
      .catch((caught: unknown) => caught);
    expect((error as InstanceType<Package['ValidationError']>).issues).toEqual([
      { path: ['options', 'body'], message: 'cannot be sent: GET requests have no body' },
    ]);
    const binary = await make()
      .blobs.update('b', new Uint8Array([1]), { body: { a: 1 } })
      .catch((caught: unknown) => caught);
    expect((binary as InstanceType<Package['ValidationError']>).issues).toEqual([
      { path: ['options', 'body'], message: 'cannot be merged: the request body is not an object (object)' },
    ]);
    expect(server.requests).toHaveLength(1);
  });

  it("fetchOptions reach fetch, the request's over the client's, and never replace what the client sets", async () => {
    const seen: RequestInit[] = [];
    const recording: typeof fetch = (url, init) => {
      seen.push(init!);
      return fetch(url, { ...init, dispatcher: undefined } as RequestInit);
    };
    const client = make({ fetch: recording, fetchOptions: { priority: 'low', credentials: 'omit', dispatcher: 'client-agent' } });
    const controller = new AbortController();
    const hostile = {
      priority: 'high',
      dispatcher: 'request-agent',
      method: 'DELETE',
      body: 'x',
      headers: { a: 'b' },
      signal: controller.signal,
      redirect: 'follow',
    };
    await client.things.create({ name: 'n' }, { fetchOptions: hostile as never });
    const init = seen[0]! as RequestInit & Record<string, unknown>;
    expect([init['priority'], init['credentials'], init['dispatcher']]).toEqual(['high', 'omit', 'request-agent']);
    expect([init.method, init.body, init.redirect, init.signal === controller.signal]).toEqual(['POST', '{"name":"n"}', 'manual', false]);
    expect((init.headers as Record<string, string>)['authorization']).toBe(`Bearer ${API_KEY}`);
    expect([last().method, last().body]).toEqual(['POST', '{"name":"n"}']);
    await client.things.list();
    expect((seen[1]! as Record<string, unknown>)['dispatcher']).toBe('client-agent');
  });
});

describe("model/unsent-credentials' hints, on the wire", () => {
  it('defaultQuery sends the key where an apiKey scheme wants it; defaultHeaders replace the bearer header (HTTP basic)', async () => {
    await make({ defaultQuery: { 'api-key': API_KEY } }).things.list();
    expect(last().url).toBe(`/things?api-key=${API_KEY}`);
    await make({ defaultHeaders: { 'X-VTEX-API-AppKey': API_KEY } }).things.list();
    expect(last().headers['x-vtex-api-appkey']).toBe(API_KEY);
    const basic = `Basic ${btoa('user:password')}`;
    await make({ defaultHeaders: { authorization: basic } }).things.list();
    expect(last().headers['authorization']).toBe(basic);
  });
});

describe('withOptions', () => {
  it('returns a client of the same class, resources and subclass included, with merged headers', async () => {
    class MyClient extends pkg.default {
      hello(): string {
        return 'hi';
      }
    }
    const original = new MyClient({
      apiKey: API_KEY,
      baseURL: server.url,
      maxRetries: 0,
      defaultHeaders: { 'X-Team': 'a', 'X-Drop': 'd' },
      defaultQuery: { v: '1' },
    });
    const derived = original['withOptions']({
      defaultHeaders: { 'x-extra': 'e', 'X-Drop': null },
      defaultQuery: { w: '2' },
      timeout: 5_000,
    });
    expect(derived).toBeInstanceOf(MyClient);
    expect(derived).not.toBe(original);
    expect([derived.hello(), derived.timeout, original.timeout, derived.baseURL]).toEqual(['hi', 5_000, 600_000, server.url]);
    await derived.things.list();
    expect([
      last().headers['x-team'],
      last().headers['x-extra'],
      last().headers['x-drop'],
      last().headers['authorization'],
      last().url,
    ]).toEqual(['a', 'e', undefined, `Bearer ${API_KEY}`, '/things?v=1&w=2']);
    await original.things.list();
    expect([last().headers['x-team'], last().headers['x-extra'], last().headers['x-drop'], last().url]).toEqual([
      'a',
      undefined,
      'd',
      '/things?v=1',
    ]);
  });

  it('shares nothing mutable: changing the objects given to either client later changes neither', async () => {
    const headers: Record<string, string> = { 'x-a': '1' };
    const original = make({ defaultHeaders: headers });
    const extra: Record<string, string> = { 'x-b': '2' };
    const derived = original['withOptions']({ defaultHeaders: extra, maxRetries: 3 });
    headers['x-a'] = 'changed';
    extra['x-b'] = 'changed';
    const again = derived['withOptions']({});
    await again.things.list();
    expect([last().headers['x-a'], last().headers['x-b']]).toEqual(['1', '2']);
    expect([original.maxRetries, derived.maxRetries, again.maxRetries]).toEqual([0, 3, 3]);
  });

  it('merges fetchOptions key by key: a key given replaces that key, the others are kept', async () => {
    const seen: Record<string, unknown>[] = [];
    const recording: typeof fetch = (url, init) => {
      seen.push(init as Record<string, unknown>);
      return fetch(url, init);
    };
    const original = make({ fetch: recording, fetchOptions: { priority: 'low', credentials: 'omit' } });
    await original['withOptions']({ fetchOptions: { priority: 'high', referrerPolicy: 'no-referrer' } }).things.list();
    await original.things.list();
    expect(seen.map((init) => [init['priority'], init['credentials'], init['referrerPolicy']])).toEqual([
      ['high', 'omit', 'no-referrer'],
      ['low', 'omit', undefined],
    ]);
    expect(server.requests).toHaveLength(2);
  });

  it('keeps the API key it resolved (here from the environment), and takes a new one', async () => {
    process.env['UPLOADS_API_KEY'] = 'sk-from-env-0000';
    try {
      const original = new pkg.default({ baseURL: server.url, maxRetries: 0 });
      delete process.env['UPLOADS_API_KEY'];
      await original['withOptions']({ timeout: 1_000 }).things.list();
      expect(last().headers['authorization']).toBe('Bearer sk-from-env-0000');
      await original['withOptions']({ apiKey: 'sk-other-0000' }).things.list();
      expect(last().headers['authorization']).toBe('Bearer sk-other-0000');
    } finally {
      delete process.env['UPLOADS_API_KEY'];
    }
  });
});
