// What reaches the server: method, URL, headers (merge order, null removal), body; and that
// bad input is refused before anything is sent.
import { describe, expect, it } from 'vitest';
import { ValidationError, SDKError } from '../../templates/runtime/errors.js';
import { encodePathSegment } from '../../templates/runtime/path.js';
import { API_KEY, SESSION, createSession, json, makeClient, rejection, startServer } from './harness.js';

describe('wire shape', () => {
  it('sends method, path, auth, accept, beta header and a JSON body like the official SDK', async () => {
    const server = await startServer((_req, res) => json(res, 200, SESSION));
    const { client } = makeClient(server.url);

    const session = await client.request(createSession({ user: 'u_1', workflow: { id: 'wf_1' }, skip: undefined, keep: null }));

    expect(session).toEqual(SESSION);
    expect(server.requests).toHaveLength(1);
    const [req] = server.requests;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/chatkit/sessions');
    expect(req?.headers['authorization']).toBe(`Bearer ${API_KEY}`);
    expect(req?.headers['accept']).toBe('application/json');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers['openai-beta']).toBe('chatkit_beta=v1');
    expect(req?.headers['x-sdkgen-client']).toBe('chatkit-client/0.1.0');
    expect(req?.headers['x-sdkgen-retry-count']).toBe('0');
    expect(req?.headers['x-sdkgen-timeout']).toBe('600');
    expect(JSON.parse(req?.body ?? '')).toEqual({ user: 'u_1', workflow: { id: 'wf_1' }, keep: null });
    expect(req?.body).not.toContain('skip');
    // Only what the official SDK sends, under our own prefix; no Stainless telemetry.
    const names = Object.keys(req?.headers ?? {});
    expect(names.filter((name) => name.startsWith('x-stainless'))).toEqual([]);
    expect(names.filter((name) => name.startsWith('x-') && !name.startsWith('x-sdkgen-'))).toEqual([]);
  });

  it('keeps the base URL path, adds defaultQuery, and sends no body or content-type without a body', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    const { client } = makeClient(`${server.url}/v1/`, { defaultQuery: { 'api-version': '2025-01', skip: undefined } });

    const result = await client.request({
      build: () => ({ method: 'post', path: '/chatkit/sessions/cksess_1/cancel?x=1', headers: {} }),
    });

    expect(result).toBeUndefined();
    expect(server.requests).toHaveLength(1);
    const [req] = server.requests;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/v1/chatkit/sessions/cksess_1/cancel?x=1&api-version=2025-01');
    expect(req?.headers['content-type']).toBeUndefined();
    expect(req?.headers['content-length'] ?? '0').toBe('0');
    expect(req?.body).toBe('');
  });

  it('merges headers case-insensitively: defaults < defaultHeaders < description < per-request; null removes', async () => {
    const server = await startServer((_req, res) => json(res, 200, SESSION));
    const { client } = makeClient(server.url, {
      defaultHeaders: { 'X-Team': 'core', ACCEPT: 'application/vnd.test+json', 'X-Sdkgen-Client': null, 'X-Gone': undefined },
    });

    await client.request(createSession({}), {
      headers: { 'openai-beta': 'chatkit_beta=v2', 'x-team': 'web', 'Content-Type': null, Extra: 'yes', Authorization: undefined },
    });

    const [req] = server.requests;
    expect(req?.headers['accept']).toBe('application/vnd.test+json');
    expect(req?.headers['x-team']).toBe('web');
    expect(req?.headers['openai-beta']).toBe('chatkit_beta=v2');
    expect(req?.headers['extra']).toBe('yes');
    expect(req?.headers['x-sdkgen-client']).toBeUndefined();
    expect(req?.headers['x-gone']).toBeUndefined();
    expect(req?.headers['authorization']).toBe(`Bearer ${API_KEY}`);
    // undici adds its own text/plain only for string bodies without a content-type; we removed ours.
    expect(req?.headers['content-type']).not.toBe('application/json');
    // Each name is sent once, whatever case the layers used.
    const names = (req?.rawHeaders ?? []).filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });

  it('sends the per-request timeout in seconds', async () => {
    const server = await startServer((_req, res) => json(res, 200, SESSION));
    const { client } = makeClient(server.url, { timeout: 30_000 });
    await client.request(createSession({}));
    await client.request(createSession({}), { timeout: 5_500 });
    expect(server.requests.map((req) => req.headers['x-sdkgen-timeout'])).toEqual(['30', '5']);
  });
});

describe('refused before sending (the server gets zero requests)', () => {
  it('rejects a header value with CR or LF, without quoting the value', async () => {
    const server = await startServer((_req, res) => json(res, 200, SESSION));
    const { client } = makeClient(server.url);

    const promise = client.request(createSession({}), { headers: { 'X-Trace': 'a\r\nX-Injected: 1' } });
    const error = await rejection(promise);

    expect(error).toBeInstanceOf(ValidationError);
    const issues = (error as ValidationError).issues;
    expect(issues).toEqual([{ path: ['options', 'headers', 'X-Trace'], message: expect.stringContaining('line break') }]);
    expect((error as Error).message).toContain('options.headers["X-Trace"]: header contains a line break');
    expect((error as Error).message).not.toContain('X-Injected');
    expect(server.requests).toHaveLength(0);
  });

  it('rejects a bad header in the request description and a bad header name', async () => {
    const server = await startServer((_req, res) => json(res, 200, SESSION));
    const { client } = makeClient(server.url);

    const fromBuilder = await rejection(
      client.request({ build: () => ({ method: 'GET', path: '/x', headers: { 'X-A': 'line\nbreak' } }) }),
    );
    const badName = await rejection(client.request(createSession({}), { headers: { 'Bad Name': 'v' } }));

    expect(fromBuilder).toBeInstanceOf(ValidationError);
    expect((fromBuilder as ValidationError).issues[0]?.path).toEqual(['headers', 'X-A']);
    expect(badName).toBeInstanceOf(ValidationError);
    expect((badName as Error).message).toContain('not a valid HTTP header name');
    expect(server.requests).toHaveLength(0);
  });

  it('rejects a defaultHeaders CR/LF value at construction', () => {
    expect(() => makeClient('http://127.0.0.1:9', { defaultHeaders: { 'X-A': 'a\rb' } })).toThrow(ValidationError);
  });

  it('rejects ".", ".." and "" path segments through the builder, as a rejected promise', async () => {
    const server = await startServer((_req, res) => json(res, 200, SESSION));
    const { client } = makeClient(server.url);
    const cancel = (id: string) => ({
      build: () => ({ method: 'POST', path: `/chatkit/sessions/${encodePathSegment(id, 'session_id')}/cancel`, headers: {} }),
    });

    for (const id of ['..', '.', '']) {
      const promise = client.request(cancel(id));
      expect(promise).toBeInstanceOf(Promise); // no synchronous throw
      const error = await rejection(promise);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]?.path).toEqual(['session_id']);
      expect((error as Error).message).toMatch(/session_id: path parameter must not be/);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('rejects invalid input with every issue as a `path: message` line and never calls build', async () => {
    const server = await startServer((_req, res) => json(res, 200, SESSION));
    const { client } = makeClient(server.url);
    let built = 0;
    const operation = {
      validateRequest: () => [
        { path: ['workflow', 'id'], message: 'expected a string' },
        { path: ['expires_after'], message: 'expected an object like { anchor: "created_at", seconds: 600 }' },
      ],
      build: () => {
        built++;
        return { method: 'POST', path: '/chatkit/sessions', headers: {}, body: {} };
      },
    };

    const error = await rejection(client.request(operation));

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe(
      'Invalid request (2 problems):\n  workflow.id: expected a string\n' +
        '  expires_after: expected an object like { anchor: "created_at", seconds: 600 }',
    );
    expect(built).toBe(0);
    expect(server.requests).toHaveLength(0);
  });

  it('skips request validation when turned off (client-wide or per request)', async () => {
    const server = await startServer((_req, res) => json(res, 200, SESSION));
    const bad = createSession({}, { issues: [{ path: ['user'], message: 'required' }] });
    const { client: off } = makeClient(server.url, { validate: false });
    const { client: on } = makeClient(server.url);

    await off.request(bad);
    await on.request(bad, { validate: false });
    const error = await rejection(on.request(bad));

    expect(error).toBeInstanceOf(ValidationError);
    expect(server.requests).toHaveLength(2);
  });

  it('turns an exception from build or an unserialisable body into a rejection', async () => {
    const server = await startServer((_req, res) => json(res, 200, SESSION));
    const { client } = makeClient(server.url);
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;

    const thrown = client.request({
      build: () => {
        throw new TypeError('boom');
      },
    });
    const bigint = client.request(createSession({ n: 1n }));
    const loop = client.request(createSession(circular));

    expect(await rejection(thrown)).toBeInstanceOf(TypeError);
    expect(await rejection(bigint)).toBeInstanceOf(SDKError);
    expect(((await rejection(loop)) as Error).message).toMatch(/cannot be sent as JSON/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('encodePathSegment', () => {
  it.each([
    ['cksess_123', 'cksess_123'],
    ['a/b', 'a%2Fb'],
    ['a?b#c', 'a%3Fb%23c'],
    ['...', '...'],
    ['ü space', '%C3%BC%20space'],
    // RFC 3986 lets these stand in a segment; the official SDK leaves them, so do we.
    ["a:b@c!$&'()*+,;=~", "a:b@c!$&'()*+,;=~"],
    ['100%', '100%25'],
    ['😀', '%F0%9F%98%80'],
  ])('%j -> %j', (given, want) => {
    expect(encodePathSegment(given, 'id')).toBe(want);
  });

  it.each([[''], ['.'], ['..'], [undefined], [null], [{}], ['\ud800']])('rejects %j with path [name]', (given) => {
    let error: unknown;
    try {
      encodePathSegment(given as string, 'session_id');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ path: ['session_id'], message: expect.any(String) }]);
  });
});
