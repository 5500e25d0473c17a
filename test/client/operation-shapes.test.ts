// Operations of every shape a published spec has, called for real: each fixture is generated
// into a temp folder, its package imported, and its methods called against a recording server
// on 127.0.0.1. Covered: methods of the client itself (no literal path segment), the params
// object that keeps required arguments before optional ones, cookie parameters in one Cookie
// header, `format: binary` parameters sent as text, a query string written into a path key,
// and the AWS shape (fragment in the path key, one-value enum header).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generate } from '../../generator/pipeline.js';
import { json, startRecordingServer, type RecordedRequest, type RecordingServer } from '../support/recording-server.js';

const FIXTURES = ['root-operations', 'parameter-order', 'cookie-parameters', 'binary-parameters', 'member-collisions'] as const;
type Fixture = (typeof FIXTURES)[number];

// The generated packages are imported at run time; their types are checked by tsc on the goldens.
type AnyClient = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let tempDir: string;
let server: RecordingServer;
const clients = new Map<Fixture, AnyClient>();
const requests = new Map<Fixture, Record<string, (input?: unknown) => { method: string; path: string; headers: Record<string, string> }>>();

beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'sdkgen-shapes-'));
  server = await startRecordingServer();
  for (const fixture of FIXTURES) {
    const out = join(tempDir, fixture);
    await generate({ spec: `test/fixtures/specs/${fixture}.yaml`, out });
    const module = (await import(pathToFileURL(join(out, 'src/index.ts')).href)) as { default: new (options: object) => AnyClient };
    clients.set(fixture, new module.default({ apiKey: 'sk-shapes-test-0000', baseURL: server.url, maxRetries: 0, timeout: 10_000 }));
    requests.set(fixture, await import(pathToFileURL(join(out, 'src/requests.ts')).href));
  }
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
});

beforeEach(() => {
  server.requests.splice(0);
  server.respond((request, response) => {
    if (request.method === 'GET' && request.url.startsWith('/videos/report/reasons')) return json(response, 200, ['spam']);
    if (request.url.startsWith('/clusters/c1/tags')) return json(response, 200, ['a']);
    if (request.url.startsWith('/clusters') && request.method === 'GET')
      return json(response, 200, { data: [{ id: 'c1' }], has_more: false, last_id: 'c1' });
    if (request.url.startsWith('/blobs/')) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      return response.end('bytes');
    }
    const empty = ['/carts', '/request', '/client/keys', '/videos/v1/report'].some((path) => request.url.startsWith(path));
    if (empty) {
      response.writeHead(204);
      return response.end();
    }
    return json(
      response,
      200,
      request.url.startsWith('/oauth') || request.url.startsWith('/responses') || request.url === '/'
        ? { id: 'r1', name: 'n' }
        : { id: 'x', name: 'n' },
    );
  });
});

const client = (fixture: Fixture) => clients.get(fixture)!;
const last = (): RecordedRequest => server.requests.at(-1)!;

describe('operations with no literal path segment are methods of the client', () => {
  it('names them after the operationId, else by the HTTP method, and calls the right path', async () => {
    const root = client('root-operations');
    expect(await root['getAPI']()).toEqual({ id: 'r1', name: 'n' });
    expect([last().method, last().url]).toEqual(['GET', '/']);
    await root['create']({ ip: '1.2.3.4' });
    expect([last().method, last().url, JSON.parse(last().body)]).toEqual(['POST', '/', { ip: '1.2.3.4' }]);
    await root['retrieve']('US', { lang: 'en' });
    expect([last().method, last().url]).toEqual(['GET', '/US?lang=en']);
  });

  it('keeps class members intact: resources named `request` and `client` get a `_`', async () => {
    const root = client('root-operations');
    expect(typeof root['request']).toBe('function');
    await root['request_'].list();
    expect(last().url).toBe('/request');
    await root['client_'].keys.create();
    expect([last().method, last().url]).toEqual(['POST', '/client/keys']);
  });
});

describe('a required argument never follows an optional one', () => {
  it('takes an optional form body and a required query in one required params object', async () => {
    await client('parameter-order')['charges'].retrieve('ch_1', { query: { expand: ['a', 'b'] } });
    expect([last().method, last().url]).toEqual(['GET', '/charges/ch_1?expand=a,b']);
    await expect(client('parameter-order')['charges'].retrieve('ch_1', {})).rejects.toMatchObject({ issues: [{ path: ['query'] }] });
  });

  it('passes a single required group as it is, after the path arguments', async () => {
    expect(await client('parameter-order')['clusters'].tags.list('c1', { kind: 'k' })).toEqual(['a']);
    expect(last().url).toBe('/clusters/c1/tags?kind=k');
  });

  it('sends the required header from the params object and leaves out what is not given', async () => {
    await client('parameter-order')['clusters'].create({ headers: { 'X-Account': 'acc_1' } });
    expect([last().method, last().url, last().headers['x-account'], last().body]).toEqual(['POST', '/clusters', 'acc_1', '']);
    await client('parameter-order')['clusters'].create({ headers: { 'X-Account': 'acc_2' }, query: { dry_run: true }, body: { id: 'c9' } });
    expect([last().url, last().headers['x-account'], JSON.parse(last().body)]).toEqual(['/clusters?dry_run=true', 'acc_2', { id: 'c9' }]);
  });

  it('validates what is in the params object under its group name', async () => {
    await expect(client('parameter-order')['clusters'].create({ headers: {} })).rejects.toMatchObject({
      issues: [{ path: ['headers', 'X-Account'] }],
    });
    expect(server.requests).toHaveLength(0);
  });

  it('paginates with the params object: the header goes on every page, the cursor in the query', async () => {
    const items: unknown[] = [];
    for await (const item of client('parameter-order')['clusters'].list({ headers: { 'X-Account': 'acc_3' } })) items.push(item);
    expect(items).toEqual([{ id: 'c1' }]);
    expect([last().url, last().headers['x-account']]).toEqual(['/clusters', 'acc_3']);
  });
});

describe('cookie parameters', () => {
  it('are sent in one Cookie header, form style, exploded or not as the spec says', async () => {
    await client('cookie-parameters')['carts'].list({
      session: 's 1;x',
      ids: [3, 4],
      tags: ['a', 'b'],
      prefs: { theme: 'dark', lang: 'en' },
    });
    expect(last().headers['cookie']).toBe('ids=3,4; theme=dark; lang=en; session=s%201%3Bx; tags=a; tags=b');
  });

  it('send no Cookie header when no cookie is set, and one beside a body and a header', async () => {
    await client('cookie-parameters')['carts'].create({ body: { item: 'i1' } });
    expect(last().headers['cookie']).toBeUndefined();
    await client('cookie-parameters')['carts'].create({ body: { item: 'i1' }, cookies: { tracking: 't1' }, headers: { 'X-Trace': 'tr' } });
    expect([last().headers['cookie'], last().headers['x-trace'], JSON.parse(last().body)]).toEqual(['tracking=t1', 'tr', { item: 'i1' }]);
  });

  it('are validated before anything is sent', async () => {
    await expect(client('cookie-parameters')['carts'].list({ ids: [1] })).rejects.toMatchObject({
      issues: [{ path: ['cookies', 'session'] }],
    });
    expect(server.requests).toHaveLength(0);
  });
});

describe('`format: binary` parameters are text on the wire', () => {
  it('sends strings in the path, query, header and cookie', async () => {
    const response = (await client('binary-parameters')['blobs'].retrieve('sha:1', {
      query: { token: 't', parts: ['p1', 'p2'] },
      headers: { 'X-Signature': 'sig' },
      cookies: { nonce: 'n1' },
    })) as Response;
    expect(await response.text()).toBe('bytes');
    expect([last().url, last().headers['x-signature'], last().headers['cookie']]).toEqual([
      '/blobs/sha:1?parts=p1&parts=p2&token=t',
      'sig',
      'nonce=n1',
    ]);
  });
});

describe('names that would collide', () => {
  it('keep a method and a sub-resource apart, and a `client` segment off the class member', async () => {
    const members = client('member-collisions');
    await members['videos'].reportVideo('v1');
    expect([last().method, last().url]).toEqual(['POST', '/videos/v1/report']);
    expect(await members['videos'].report.reasons.list()).toEqual(['spam']);
    await members['oauth'].client_.create();
    expect([last().method, last().url]).toEqual(['POST', '/oauth/client']);
  });

  it("sends a query string written into the path key on every call, before the caller's query", async () => {
    const members = client('member-collisions');
    await members['responses'].betaGetResponse('r1', { include: 'x' });
    expect(last().url).toBe('/responses/r1?beta=true&include=x');
    await members['responses'].retrieve('r1');
    expect(last().url).toBe('/responses/r1');
  });

  // published specs (icons8, Codat, SureVoIP) leave templates undeclared, or declare the
  // templates of a path key's query `in: path`: sent where the key writes them, never dropped
  it('sends templates no `in: path` parameter matches where the path key writes them', async () => {
    const members = client('member-collisions');
    await members['undeclared'].retrieve('a/b');
    expect(last().url).toBe('/undeclared/a%2Fb');
    await members['search'].list({ term: 'red cats', page: '2' });
    expect(last().url).toBe('/search?page=2&term=red%20cats');
    // required, as the template is: a call without them never reaches the server
    const sent = server.requests.length;
    await expect(members['search'].list({ term: 'x' })).rejects.toThrow(/page/);
    expect(server.requests.length).toBe(sent);
  });

  it('calls an AWS-shaped operation at the path before the fragment, with its one-value header fixed', async () => {
    await client('member-collisions')['createContainer']({ ContainerName: 'c' });
    expect([last().method, last().url, last().headers['x-amz-target'], JSON.parse(last().body)]).toEqual([
      'POST',
      '/',
      'Store.CreateContainer',
      { ContainerName: 'c' },
    ]);
  });

  it('builds the same wire form with the pure request builders', () => {
    const build = requests.get('member-collisions')!;
    expect(build['betaGetResponse']!({ path: { response_id: 'a b' } })).toEqual({
      method: 'GET',
      path: '/responses/a%20b?beta=true',
      headers: {},
    });
    expect(requests.get('cookie-parameters')!['listCarts']!({ cookies: { session: 's' } })).toEqual({
      method: 'GET',
      path: '/carts',
      headers: { Cookie: 'session=s' },
    });
  });
});
