// What a caller or a server can hand the client that it must refuse before sending, or survive
// without leaking or misrouting: options that cannot be right, bodies that serialize to other
// values than were checked, and answers that would loop, hang or flood a message.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ClientCore, type OperationSpec } from '../../templates/runtime/core.js';
import { APIConnectionError, BadRequestError, SDKError, ValidationError, type ValidationIssue } from '../../templates/runtime/errors.js';
import { applyHeaders, type HeaderRecord } from '../../templates/runtime/headers.js';
import { encodePathSegment } from '../../templates/runtime/path.js';
import { cookieHeader, formatQuery } from '../../templates/runtime/query.js';
import { MAX_TIMER, sleep } from '../../templates/runtime/retry.js';
import { stylePathParam } from '../../templates/runtime/styles.js';
import { scalarText } from '../../templates/runtime/url.js';
import { API_KEY, IDENTITY, SESSION, apiError, createSession, json, makeClient, rejection, silentLogger, startServer } from './harness.js';

const construct = (options: object) => () => new ClientCore({ apiKey: API_KEY, logger: silentLogger(), ...options }, IDENTITY);

describe('options that cannot be right are refused when the client is made', () => {
  it('a baseURL with credentials, never quoting them: fetch refuses such a URL, and messages would show it', () => {
    for (const baseURL of ['http://user:hunter2pass@127.0.0.1:9/v1', 'https://:hunter2pass@api.example.com']) {
      const make = construct({ baseURL });
      expect(make).toThrow(SDKError);
      expect(make).toThrow(/baseURL https?:\/\/…@[^ ]+ holds credentials: send them in defaultHeaders\.$/);
      expect(() => make()).not.toThrow(/hunter2pass/);
    }
  });

  it('a baseURL that is not http(s), or has a query or a fragment the operation paths would be appended to', () => {
    expect(construct({ baseURL: 'file:///etc' })).toThrow('ChatKitClient: baseURL "file:///etc" is not an http(s) URL.');
    expect(construct({ baseURL: 'data:text/plain,hi' })).toThrow(/is not an http\(s\) URL/);
    expect(construct({ baseURL: 'javascript:alert(1)' })).toThrow(/is not an http\(s\) URL/);
    expect(construct({ baseURL: 'http://127.0.0.1:9/v1?tenant=1' })).toThrow(
      'ChatKitClient: baseURL "http://127.0.0.1:9/v1?tenant=1" has a query or fragment: pass a query as defaultQuery.',
    );
    expect(construct({ baseURL: 'http://127.0.0.1:9/v1#x' })).toThrow(/has a query or fragment/);
    expect(construct({ baseURL: 'not a url' })).toThrow('ChatKitClient: baseURL "not a url" is not an absolute URL.');
    // a trailing slash and a path are fine
    expect(construct({ baseURL: 'http://127.0.0.1:9/v1/' })().baseURL).toBe('http://127.0.0.1:9/v1');
  });

  it('an apiKey that is not a string, without showing it', () => {
    expect(construct({ apiKey: 12345 })).toThrow('ChatKitClient: apiKey must be a string, got number.');
    expect(construct({ apiKey: { key: 'sk-object' } })).toThrow('ChatKitClient: apiKey must be a string, got object.');
  });

  it('a defaultQuery value that is not a string, or is not well-formed Unicode', async () => {
    expect(construct({ defaultQuery: { b: { c: 1 } } })).toThrow('ChatKitClient: defaultQuery values must be strings, got object.');
    expect(construct({ defaultQuery: { a: '\uD800' } })).toThrow(ValidationError);
    expect(construct({ defaultQuery: { a: '\uD800' } })).toThrow(/defaultQuery\.a: query parameter must be well-formed Unicode/);
    expect(construct({ defaultQuery: { ['\uDC00']: 'x' } })).toThrow(ValidationError);
    const server = await startServer((_req, res) => json(res, 200, SESSION));
    await makeClient(server.url, { defaultQuery: { tenant: 'a b', skip: undefined } }).client.request(createSession({}));
    expect(server.requests.map((r) => r.url)).toEqual(['/chatkit/sessions?tenant=a+b']);
  });

  it('an idempotencyHeader that is not a header name, when the client is made rather than at the first request', () => {
    expect(construct({ idempotencyHeader: 'bad name\r\n' })).toThrow(ValidationError);
    expect(construct({ idempotencyHeader: 'bad name\r\n' })).toThrow(
      'Invalid header (1 problem):\n  idempotencyHeader["bad name\\r\\n"]: header is not a valid HTTP header name',
    );
    expect(construct({ idempotencyHeader: 42 })).toThrow('ChatKitClient: idempotencyHeader must be a header name, got 42.');
    expect(construct({ idempotencyHeader: 'Idempotency-Key' })).not.toThrow();
  });

  it('a per-request maxRetries that is not a whole number >= 0, before anything is sent', async () => {
    const server = await startServer((_req, res) => apiError(res, 500, 'boom'));
    const { client } = makeClient(server.url);
    for (const maxRetries of [-1, Number.NaN, 1.5, Number.POSITIVE_INFINITY, '2']) {
      const error = await rejection(client.request(createSession({}), { maxRetries: maxRetries as number }));
      expect(error).toBeInstanceOf(SDKError);
      expect((error as Error).message).toBe(
        `options.maxRetries must be a whole number >= 0, got ${typeof maxRetries === 'string' ? `"${maxRetries}"` : String(maxRetries)}.`,
      );
    }
    expect(server.requests).toEqual([]);
    // a string timeout says it was a string
    const timeout = await rejection(client.request(createSession({}), { timeout: '100' as unknown as number }));
    expect((timeout as Error).message).toBe('options.timeout must be a positive number of milliseconds, got "100".');
  });
});

describe('a JSON body is checked as it is sent', () => {
  /** createSession with the body's validator: `user` must be a string, and nothing else is allowed. */
  const checked = (body: unknown): OperationSpec<unknown> => {
    const validate = (value: unknown): readonly ValidationIssue[] => {
      const issues: ValidationIssue[] = [];
      const record = value as Record<string, unknown>;
      if (typeof record.user !== 'string') issues.push({ path: ['user'], message: `expected a string, found ${inspect(record.user)}` });
      for (const key of Object.keys(record)) if (key !== 'user') issues.push({ path: [key], message: 'unknown key' });
      return issues;
    };
    return { ...createSession(body), validateRequest: () => validate(body), validateBody: validate };
  };

  it('refuses a body whose toJSON, getter or prototype makes JSON.stringify write other values than were checked', async () => {
    const server = await startServer((_req, res) => json(res, 200, SESSION));
    const { client } = makeClient(server.url);
    class WithToJSON {
      readonly user = 'u';
      toJSON() {
        return { user: 42, admin: true };
      }
    }
    let reads = 0;
    const shifty = {
      get user() {
        reads++;
        return reads === 1 ? 'u' : 12345;
      },
    };
    class Inherited {
      get user() {
        return 'u'; // read by the check, left out by JSON.stringify (it is on the prototype)
      }
    }

    for (const body of [new WithToJSON(), shifty, new Inherited()]) {
      const error = await rejection(client.request(checked(body)));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as Error).message).toMatch(/^Invalid request body as sent \(\d problems?\):/);
    }
    expect(server.requests).toEqual([]);
  });

  it('sends a plain body as before, and leaves the extra fields of options.body unchecked', async () => {
    const server = await startServer((_req, res) => json(res, 200, SESSION));
    const { client } = makeClient(server.url);
    await client.request(checked({ user: 'u' }));
    const withExtra: OperationSpec<unknown> = {
      ...checked({ user: 'u' }),
      build: (extend) => ({ method: 'POST', path: '/chatkit/sessions', headers: {}, body: extend({ body: { user: 'u' } }).body }),
    };
    await client.request(withExtra, { body: { beta_flag: true } });
    expect(server.requests.map((r) => r.body)).toEqual(['{"user":"u"}', '{"user":"u","beta_flag":true}']);
  });
});

describe('what a server answers', () => {
  it('an error message of megabytes is cut in the message (the whole body stays on the error)', async () => {
    const huge = 'x'.repeat(1_000_000);
    const server = await startServer((_req, res) => apiError(res, 400, huge));
    const error = await rejection(makeClient(server.url, { maxRetries: 0 }).client.request(createSession({})));
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as Error).message).toBe(`400 ${'x'.repeat(4_000)}…`);
    expect((error as BadRequestError).error).toMatchObject({ error: { message: huge } });
  });

  it('a path of megabytes is cut in the messages that name the call', async () => {
    const refused = await startServer(() => {});
    const url = refused.url;
    await refused.close();
    const long: OperationSpec<unknown> = { build: () => ({ method: 'GET', path: `/items/${'y'.repeat(1_000_000)}`, headers: {} }) };
    const error = await rejection(makeClient(url, { maxRetries: 0 }).client.request(long));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message.length).toBeLessThan(500);
    expect((error as Error).message).toMatch(/^Connection error: GET \/items\/y+… to http:\/\/127\.0\.0\.1:\d+ failed/);
  });

  it('a redirect to a URL with credentials is refused, not followed, not retried, and not quoted', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(302, { location: 'http://user:hunter2pass@127.0.0.1:9/elsewhere' });
      res.end();
    });
    const error = await rejection(makeClient(server.url).client.request(createSession({})));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toBe(
      'POST /chatkit/sessions was redirected to a URL with credentials (user:password@); it was not followed.',
    );
    expect(inspect(error, { depth: Infinity })).not.toContain('hunter2pass');
    expect(server.requests).toHaveLength(1);
  });

  it.each(['-1', 'abc 1', '1, 2', 'Sun Nov  6 08:49:37 1994 +', ''])(
    'retry-after %j is no wait the server asked for: the backoff applies',
    async (value) => {
      const server = await startServer((_req, res, index) =>
        index === 0 ? apiError(res, 429, 'slow down', { 'retry-after': value }) : json(res, 200, SESSION),
      );
      const { client, clock } = makeClient(server.url);
      await client.request(createSession({}));
      expect(clock.delays).toEqual([500]);
    },
  );

  it('a wait longer than a timer can hold waits, instead of firing at once', async () => {
    let fired = false;
    const controller = new AbortController();
    const waiting = sleep(MAX_TIMER + 10_000, controller.signal).then(
      () => (fired = true),
      () => {},
    );
    // an overflowing setTimeout fires after 1 ms; this waits longer than that, never less
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fired).toBe(false);
    controller.abort();
    await waiting;
  });
});

describe('cookies', () => {
  it("an operation's cookie parameters join a Cookie of defaultHeaders instead of replacing it", async () => {
    const server = await startServer((_req, res) => json(res, 200, SESSION));
    const { client } = makeClient(server.url, { defaultHeaders: { Cookie: 'auth=s3ss10n' } });
    const withCookies = (cookie: Record<string, string>): OperationSpec<unknown> => ({
      build: () => ({ method: 'GET', path: '/carts', headers: cookie }),
    });
    await client.request(withCookies(cookieHeader([['session', 's', 'form', true]])));
    await client.request(withCookies({}));
    expect(server.requests.map((r) => r.headers['cookie'])).toEqual(['auth=s3ss10n; session=s', 'auth=s3ss10n']);
  });

  it('a lone surrogate in a form-style cookie is an invalid cookie parameter, not a query one', () => {
    expect(() => cookieHeader([['session', '\uD800', 'form', true]])).toThrow('Invalid cookie parameter');
  });
});

describe('numbers in a URL or a header', () => {
  it('are written in plain digits from 10^21 up, where String gives 1e+21', () => {
    expect(scalarText(1e21)).toBe('1000000000000000000000');
    expect(scalarText(-2e22)).toBe('-20000000000000000000000');
    expect(scalarText(123)).toBe('123');
    expect(scalarText(0.5)).toBe('0.5');
    expect(scalarText(true)).toBe('true');
    expect(encodePathSegment(1e21 as unknown as string, 'id')).toBe('1000000000000000000000');
    expect(stylePathParam(1e21, 'id', 'label', false)).toBe('.1000000000000000000000');
    expect(
      formatQuery([
        ['n', 1e21, 'form', true],
        ['ns', [1e21, 2], 'form', false],
      ]),
    ).toBe('?n=1000000000000000000000&ns=1000000000000000000000,2');
    const headers: HeaderRecord = {};
    applyHeaders(headers, { 'X-Window': 1e21 as unknown as string }, ['headers']);
    expect(headers).toEqual({ 'x-window': '1000000000000000000000' });
  });

  it('in an extra query value (options.query) too', async () => {
    const server = await startServer((_req, res) => json(res, 200, SESSION));
    await makeClient(server.url).client.request(createSession({}), { query: { since: 1e21 } });
    expect(server.requests[0]?.url).toBe('/chatkit/sessions?since=1000000000000000000000');
  });
});
