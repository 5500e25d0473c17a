// Redirects: the client follows them itself so that credential headers (Authorization and
// every other one: api-key, x-api-key, cookie, proxy-authorization) never reach another origin.
// Two real servers on 127.0.0.1 with different ports are two origins.
import { describe, expect, it } from 'vitest';
import type { OperationSpec } from '../../templates/runtime/core.js';
import { APIConnectionError } from '../../templates/runtime/errors.js';
import { API_KEY, SESSION, createSession, json, makeClient, rejection, startServer } from './harness.js';

const CREDENTIALS = {
  'api-key': 'key-from-defaults',
  'X-Api-Key': 'x-key-from-defaults',
  Cookie: 'session=secret-cookie',
  'Proxy-Authorization': 'Basic cHJveHk6c2VjcmV0',
};

function call(method: string, path: string, body?: unknown): OperationSpec<unknown> {
  return { build: () => ({ method, path, headers: { 'x-custom': 'kept' }, ...(body === undefined ? {} : { body }) }) };
}

describe('redirects', () => {
  it.each([301, 302, 303, 307, 308])('%i to another origin drops every credential header, the others stay', async (status) => {
    const other = await startServer((_req, res) => json(res, 200, SESSION));
    const origin = await startServer((_req, res) => {
      res.writeHead(status, { location: `${other.url}/landed?q=1` });
      res.end();
    });
    const { client } = makeClient(origin.url, {
      defaultHeaders: { 'api-key': CREDENTIALS['api-key'], 'X-Api-Key': CREDENTIALS['X-Api-Key'] },
    });

    const data = await client.request(call('GET', '/start'), {
      headers: { Cookie: CREDENTIALS.Cookie, 'Proxy-Authorization': CREDENTIALS['Proxy-Authorization'] },
    });

    expect(data).toEqual(SESSION);
    const first = origin.requests[0]!.headers;
    expect(first['authorization']).toBe(`Bearer ${API_KEY}`);
    expect([first['api-key'], first['x-api-key'], first['cookie'], first['proxy-authorization']]).toEqual([
      'key-from-defaults',
      'x-key-from-defaults',
      CREDENTIALS.Cookie,
      CREDENTIALS['Proxy-Authorization'],
    ]);
    expect(other.requests).toHaveLength(1);
    const landed = other.requests[0]!;
    expect(landed.url).toBe('/landed?q=1');
    for (const name of ['authorization', 'api-key', 'x-api-key', 'cookie', 'proxy-authorization'])
      expect(landed.headers[name]).toBeUndefined();
    expect(landed.headers['x-custom']).toBe('kept');
    expect(landed.headers['accept']).toBe('application/json');
  });

  it('within the same origin keeps the credentials (a relative Location), and drops them at the next origin', async () => {
    const other = await startServer((_req, res) => json(res, 200, SESSION));
    const server = await startServer((req, res) => {
      res.writeHead(req.url === '/old' ? 308 : 307, { location: req.url === '/old' ? '/new' : `${other.url}/far` });
      res.end();
    });
    const { client } = makeClient(server.url, { defaultHeaders: { 'x-api-key': 'kept-here' } });
    expect(await client.request(call('POST', '/old', { a: 1 }))).toEqual(SESSION);
    const second = server.requests[1]!;
    expect(second.url).toBe('/new');
    expect(second.method).toBe('POST');
    expect(second.body).toBe('{"a":1}');
    expect(second.headers['x-api-key']).toBe('kept-here');
    expect(second.headers['authorization']).toBe(`Bearer ${API_KEY}`);
    const far = other.requests[0]!;
    expect([far.url, far.method, far.body]).toEqual(['/far', 'POST', '{"a":1}']);
    expect([far.headers['x-api-key'], far.headers['authorization']]).toEqual([undefined, undefined]);
  });

  it('303, and 301/302 after a POST, become a GET without body or content headers; 307/308 resend it', async () => {
    const target = await startServer((_req, res) => json(res, 200, SESSION));
    const statuses = [301, 302, 303, 307, 308];
    const origin = await startServer((req, res) => {
      res.writeHead(Number(req.url.slice(1)), { location: `${target.url}/t` });
      res.end();
    });
    const { client } = makeClient(origin.url, { defaultHeaders: { 'x-api-key': 'k' } });
    for (const status of statuses) await client.request(call('POST', `/${status}`, { n: status }));
    const seen = target.requests.map((req) => [req.method, req.body, req.headers['content-type'] ?? null]);
    expect(seen).toEqual([
      ['GET', '', null],
      ['GET', '', null],
      ['GET', '', null],
      ['POST', '{"n":307}', 'application/json'],
      ['POST', '{"n":308}', 'application/json'],
    ]);
    for (const req of target.requests) expect(req.headers['x-api-key']).toBeUndefined();
  });

  it('never sends a stream body again: 307/308 fail with APIConnectionError, not retried; 303 becomes a GET without it', async () => {
    const target = await startServer((_req, res) => json(res, 200, SESSION));
    const origin = await startServer((req, res) => {
      res.writeHead(Number(req.url.slice(1)), { location: `${target.url}/t` });
      res.end();
    });
    const upload = (): ReadableStream<Uint8Array> =>
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('chunk one,'));
          controller.enqueue(new TextEncoder().encode('chunk two'));
          controller.close();
        },
      });
    const { client, clock } = makeClient(origin.url, { maxRetries: 2 });
    for (const status of [307, 308]) {
      const error = await rejection(client.request(call('PUT', `/${status}`, upload())));
      expect(error).toBeInstanceOf(APIConnectionError);
      expect((error as Error).message).toBe(
        `PUT /${status} was redirected with status ${status}, which asks to send the body again, ` +
          'but a ReadableStream body can be sent only once; it was not followed.',
      );
    }
    expect(await client.request(call('POST', '/303', upload()))).toEqual(SESSION);
    expect(origin.requests.map((req) => [req.method, req.url, req.body])).toEqual([
      ['PUT', '/307', 'chunk one,chunk two'],
      ['PUT', '/308', 'chunk one,chunk two'],
      ['POST', '/303', 'chunk one,chunk two'],
    ]);
    expect(target.requests.map((req) => [req.method, req.body])).toEqual([['GET', '']]);
    expect(clock.delays).toEqual([]);
  });

  it('a connection that fails after a redirect names the origin it went to, not the first one', async () => {
    const gone = await startServer(() => {});
    const goneURL = gone.url;
    await gone.close();
    const server = await startServer((_req, res) => {
      res.writeHead(307, { location: `${goneURL}/elsewhere` });
      res.end();
    });
    const error = await rejection(makeClient(server.url, { maxRetries: 0 }).client.request(createSession({})));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(new RegExp(`^Connection error: POST /chatkit/sessions to ${goneURL} failed`));
  });

  it('a redirect loop stops after 20 hops with APIConnectionError, not retried', async () => {
    const server = await startServer((req, res) => {
      res.writeHead(302, { location: `/hop${req.url.length}` });
      res.end();
    });
    const { client, clock } = makeClient(server.url);
    const error = await rejection(client.request(call('GET', '/')));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toBe('GET / was redirected more than 20 times (a redirect loop?); stopped.');
    expect(server.requests).toHaveLength(21);
    expect(clock.delays).toEqual([]);
  });

  it('does not follow a Location that is not http(s)', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(302, { location: 'file:///etc/passwd' });
      res.end();
    });
    const error = await rejection(makeClient(server.url).client.request(call('GET', '/x')));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(/not an http\(s\) URL/);
  });

  it('asks fetch for redirect: "manual", and refuses an opaque redirect (a browser) instead of guessing', async () => {
    const seen: (RequestRedirect | undefined)[] = [];
    const fetch = (async (_url: string, init?: RequestInit) => {
      seen.push(init?.redirect);
      const response = new Response(null, { status: 200 });
      Object.defineProperty(response, 'type', { value: 'opaqueredirect' });
      return response;
    }) as typeof globalThis.fetch;
    const { client } = makeClient('http://127.0.0.1:9', { fetch, defaultHeaders: { 'x-api-key': 'k' } });
    const error = await rejection(client.request(call('GET', '/x')));
    expect(seen).toEqual(['manual']);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(/^GET \/x was redirected, and this runtime does not show where to/);
  });
});
