// An API whose only security scheme is an apiKey (a header of its own, a query parameter or a
// cookie) gets a client that sends its key there, not as `Authorization: Bearer`: generated from
// three small specs into a temp folder and called against a recording server on 127.0.0.1. A
// header that holds the key is a credential: a redirect to another origin drops it, as it drops
// Authorization. A spec with a bearer alternative keeps the bearer token.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/pipeline.js';
import { json, startRecordingServer, type RecordingServer } from '../support/recording-server.js';

const KEY = 'sk-apikey-test-7f3a9c2e41';

/** A spec whose one operation requires `scheme` (and `alternative`, when given, instead). */
const spec = (scheme: string, alternative = ''): string => `openapi: 3.1.0
info: { title: Keys, version: 1.0.0 }
servers: [{ url: https://keys.example.com }]
security: [{ key: [] }${alternative === '' ? '' : ', { other: [] }'}]
paths:
  /things:
    get:
      operationId: listThings
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object } } } }
components:
  securitySchemes:
    key: ${scheme}
${alternative === '' ? '' : `    other: ${alternative}\n`}`;

interface Things {
  things: { list(): Promise<unknown> };
}
type Make = (options: object) => Things;

let server: RecordingServer;
let work: string;
const clients = new Map<string, { make: Make; readme: string; warnings: number }>();

async function generated(name: string, text: string): Promise<void> {
  const out = join(work, name);
  await writeFile(join(work, `${name}.yaml`), text);
  const { warnings } = await generate({ spec: join(work, `${name}.yaml`), out });
  const { KeysClient } = (await import(join(out, 'src/index.ts'))) as { KeysClient: new (options: object) => Things };
  clients.set(name, {
    make: (options) => new KeysClient({ apiKey: KEY, baseURL: server.url, maxRetries: 0, ...options }),
    readme: await readFile(join(out, 'README.md'), 'utf8'),
    warnings: warnings.length,
  });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sdkgen-api-key-'));
  server = await startRecordingServer();
  server.respond((request, response) => {
    if (request.url.startsWith('/hop')) {
      response.writeHead(307, { location: `${server.url.replace('127.0.0.1', 'localhost')}/things` });
      response.end();
      return;
    }
    json(response, 200, {});
  });
  await generated('header', spec('{ type: apiKey, in: header, name: X-Auth-Token }'));
  await generated('query', spec('{ type: apiKey, in: query, name: api_key }'));
  await generated('cookie', spec('{ type: apiKey, in: cookie, name: session }'));
  await generated('either', spec('{ type: apiKey, in: header, name: X-Auth-Token }', '{ type: http, scheme: bearer }'));
}, 120_000);
afterAll(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

describe('an apiKey security scheme', () => {
  it('in a header: the key goes in that header, and no Authorization is sent', async () => {
    const { make, readme, warnings } = clients.get('header')!;
    await make({}).things.list();
    const sent = server.requests.at(-1)!;
    expect([sent.headers['x-auth-token'], sent.headers['authorization']]).toEqual([KEY, undefined]);
    expect(readme).toContain("sent in the header `X-Auth-Token`, as the spec's security scheme asks");
    expect(warnings).toBe(0);
  });

  it('in the query, or in a cookie (beside the cookies of defaultHeaders)', async () => {
    await clients
      .get('query')!
      .make({ defaultQuery: { v: '2' } })
      .things.list();
    expect(server.requests.at(-1)!.url).toBe(`/things?api_key=${KEY}&v=2`);
    await clients.get('cookie')!.make({}).things.list();
    expect(server.requests.at(-1)!.headers['cookie']).toBe(`session=${KEY}`);
    expect(clients.get('cookie')!.readme).toContain('sent in the cookie `session`');
  });

  it("is a credential: a redirect to another origin drops the key's header, and no error or log line holds the key", async () => {
    const lines: string[] = [];
    const record = (...args: unknown[]): void => void lines.push(JSON.stringify(args));
    const logger = { error: record, warn: record, info: record, debug: record };
    server.requests.splice(0);
    // the server answers /hop/things with a 307 to localhost (another origin than 127.0.0.1)
    const hop = clients.get('header')!.make({ baseURL: `${server.url}/hop`, logger, logLevel: 'debug' });
    await hop.things.list();
    expect(server.requests.map((request) => [request.url, request.headers['x-auth-token']])).toEqual([
      ['/hop/things', KEY],
      ['/things', undefined],
    ]);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toContain(KEY);
  });

  it('any header that holds the key is a credential on a redirect: one the caller set in defaultHeaders too', async () => {
    server.requests.splice(0);
    const hop = clients.get('either')!.make({ baseURL: `${server.url}/hop`, defaultHeaders: { 'X-Vendor-Key': KEY, 'X-Team': 'a' } });
    await hop.things.list();
    expect(server.requests.map((request) => [request.url, request.headers['x-vendor-key'], request.headers['x-team']])).toEqual([
      ['/hop/things', KEY, 'a'],
      ['/things', undefined, 'a'],
    ]);
  });

  it('with a bearer alternative, the client keeps sending a bearer token', async () => {
    await clients.get('either')!.make({}).things.list();
    const sent = server.requests.at(-1)!;
    expect([sent.headers['authorization'], sent.headers['x-auth-token']]).toEqual([`Bearer ${KEY}`, undefined]);
  });
});
