// The API key never leaves the client: not in any error (message, String, JSON, inspect, or
// anywhere in its object graph), not in log lines, even when the server echoes it back.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ClientCore, OperationSpec } from '../../templates/runtime/core.js';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  InvalidResponseBodyError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  ValidationError,
} from '../../templates/runtime/errors.js';
import { API_KEY, makeClient, recordingLogger, rejection, startServer, type Received, until } from './harness.js';
import type { ServerResponse } from 'node:http';

/** Every string reachable from `root` through own properties (enumerable or not), Headers and arrays. */
function reachableStrings(root: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): void => {
    if (typeof value === 'string') out.push(value);
    if (typeof value !== 'object' || value === null || seen.has(value) || depth > 12) return;
    seen.add(value);
    if (value instanceof Headers) value.forEach((v, k) => out.push(k, v));
    for (const key of Reflect.ownKeys(value)) {
      out.push(String(key));
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor && 'value' in descriptor) visit(descriptor.value, depth + 1);
    }
  };
  visit(root, 0);
  return out;
}

function expectNoSecret(error: unknown): void {
  const shown = [
    (error as Error).message,
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: Infinity }),
    inspect(error, { depth: Infinity, showHidden: true }),
    (error as Error).stack ?? '',
    ...reachableStrings(error),
  ];
  for (const text of shown) expect(text).not.toContain(API_KEY);
  // The key's own length-12 prefix must not survive partially either.
  for (const text of shown) expect(text).not.toContain(API_KEY.slice(0, 16));
}

/** Echoes the bearer token it received in the body and a header, with the status from the path. */
function echo(req: Received, res: ServerResponse): void {
  const key = (req.headers['authorization'] ?? '').replace(/^Bearer /, '');
  const status = Number(req.url.split('/')[2] ?? '500');
  if (req.url.startsWith('/html/')) {
    res.writeHead(status, { 'content-type': 'text/html', 'x-echo': key });
    res.end(`<html><body>Your key ${key} is not valid here</body></html>`);
    return;
  }
  const body = JSON.stringify({
    error: { message: `Incorrect API key provided: ${key}.`, type: 'invalid_request_error', param: key, code: key },
    echo: [key, { [key]: `Bearer ${key}` }],
  });
  res.writeHead(status, { 'content-type': 'application/json', 'x-echo': key, 'www-authenticate': `Bearer ${key}` });
  res.end(body);
}

const call = (path: string, extra: Partial<OperationSpec<unknown>> = {}): OperationSpec<unknown> => ({
  build: () => ({ method: 'POST', path, headers: {}, body: { note: 'hello' } }),
  ...extra,
});

describe('the API key never leaks', () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [418, APIError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
  ] as const)('%i (%o) with the key echoed in body and headers', async (status, ErrorClass) => {
    const server = await startServer(echo);
    const logger = recordingLogger();
    const { client } = makeClient(server.url, { logger, logLevel: 'debug', maxRetries: 1 });

    const error = await rejection(client.request(call(`/json/${status}`)));

    expect(error).toBeInstanceOf(ErrorClass);
    expectNoSecret(error);
    const apiErr = error as APIError;
    expect(apiErr.message).toBe(`${status} Incorrect API key provided: [redacted].`);
    expect(apiErr.param).toBe('[redacted]');
    expect(apiErr.headers?.get('x-echo')).toBe('[redacted]');
    expect(JSON.stringify(apiErr.error)).toContain('"[redacted]":"Bearer [redacted]"');
    // The server really did get (and echo) the key; only our copy is scrubbed.
    expect(server.requests[0]?.headers['authorization']).toBe(`Bearer ${API_KEY}`);
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(logger.lines.some((line) => line.includes('"authorization":"[redacted]"'))).toBe(true);
    for (const line of logger.lines) expect(line).not.toContain(API_KEY);
  });

  it('for an HTML error page and a non-JSON 2xx that quote the key', async () => {
    const server = await startServer(echo);
    const logger = recordingLogger();
    const { client } = makeClient(server.url, { logger, logLevel: 'debug', maxRetries: 0 });

    const page = await rejection(client.request(call('/html/401')));
    const okPage = await rejection(client.request(call('/html/200')));

    expect(page).toBeInstanceOf(AuthenticationError);
    expect((page as Error).message).toBe('401 Your key [redacted] is not valid here');
    expect(okPage).toBeInstanceOf(InvalidResponseBodyError);
    expectNoSecret(page);
    expectNoSecret(okPage);
    for (const line of logger.lines) expect(line).not.toContain(API_KEY);
  });

  it('even when the key straddles the point where a quoted body is cut', async () => {
    const server = await startServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`${'x'.repeat(195)}${String(req.headers['authorization'])} and more text after it`);
    });
    const error = await rejection(makeClient(server.url).client.request(call('/cut-key')));
    expect(error).toBeInstanceOf(InvalidResponseBodyError);
    expectNoSecret(error);
  });

  it('in validation errors whose issues quote the key (request and response)', async () => {
    const server = await startServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ token: req.headers['authorization'] }));
    });
    const { client } = makeClient(server.url);
    const quote = (value: unknown) => [{ path: ['token', String(value)], message: `unexpected value ${String(value)}` }];

    const request = await rejection(client.request(call('/x', { validateRequest: () => quote(API_KEY) })));
    const response = await rejection(
      client.request(call('/x', { validateResponse: (value) => quote((value as { token: string }).token) })),
    );

    expect(request).toBeInstanceOf(ValidationError);
    expect(response).toBeInstanceOf(ValidationError);
    expect((response as Error).message).toContain('unexpected value Bearer [redacted]');
    expectNoSecret(request);
    expectNoSecret(response);
  });

  it('in connection, timeout, cut-off and abort errors, and in info/debug logs', async () => {
    const hang = await startServer(() => {});
    const cut = await startServer((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"a":', () => res.socket?.destroy());
    });
    const refused = await startServer(() => {});
    const refusedURL = refused.url;
    await refused.close();
    const logger = recordingLogger();
    const options = { logger, logLevel: 'debug', timeout: 40, maxRetries: 1 } as const;
    const clients: ClientCore[] = [hang.url, cut.url, refusedURL].map((url) => makeClient(url, options).client);
    const controller = new AbortController();

    const errors = await Promise.all([
      rejection(clients[0]!.request(call('/hang'))),
      rejection(clients[1]!.request(call('/cut'))),
      rejection(clients[2]!.request(call('/refused'))),
      rejection(makeClient(hang.url, { ...options, timeout: 10_000 }).client.request(call('/abort'), { signal: controller.signal })),
      until(() => hang.requests.some((request) => request.url.endsWith('/abort')), 'the /abort call reaches the server').then(() =>
        controller.abort(),
      ),
    ]);

    expect(errors[0]).toBeInstanceOf(APIConnectionTimeoutError);
    expect(errors[1]).toBeInstanceOf(APIConnectionError);
    expect(errors[2]).toBeInstanceOf(APIConnectionError);
    expect(errors[3]).toBeInstanceOf(APIUserAbortError);
    for (const error of errors.slice(0, 4)) expectNoSecret(error);
    expect(logger.lines.some((line) => line.startsWith('info ') && line.includes('retrying'))).toBe(true);
    for (const line of logger.lines) expect(line).not.toContain(API_KEY);
  });

  it('in the request ID a server echoes it as, and in a path that holds it, in every message that names the call', async () => {
    // the server answers a schema-invalid body with the key as its x-request-id, or plain text,
    // or hangs; the call's path carries the key (a caller who passed it as an id)
    const server = await startServer((req, res) => {
      const key = (req.headers['authorization'] ?? '').replace(/^Bearer /, '');
      if (req.url.includes('/hang/')) return;
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': key });
      res.end(req.url.includes('/text/') ? 'not json' : '{"id": 5}');
    });
    const { client } = makeClient(server.url, { timeout: 50, maxRetries: 0 });
    const invalid = (value: unknown) =>
      typeof (value as { id: unknown }).id === 'string' ? [] : [{ path: ['id'], message: 'expected a string' }];
    const get = (path: string): OperationSpec<unknown> => ({
      build: () => ({ method: 'GET', path: `${path}/${API_KEY}`, headers: {} }),
      validateResponse: invalid,
    });

    const errors = await Promise.all([
      rejection(client.request(get('/threads'))),
      rejection(client.request(get('/text'))),
      rejection(client.request(get('/hang'))),
    ]);

    expect(errors[0]).toBeInstanceOf(ValidationError);
    expect((errors[0] as Error).message).toMatch(
      /^Invalid response from GET \/threads\/\[redacted\] \(status 200, request ID \[redacted\]\)/,
    );
    expect(errors[1]).toBeInstanceOf(InvalidResponseBodyError);
    expect(errors[2]).toBeInstanceOf(APIConnectionTimeoutError);
    for (const error of errors) expectNoSecret(error);
  });

  it('not in the client object itself', () => {
    const { client } = makeClient('http://127.0.0.1:9');
    expect(JSON.stringify(client)).not.toContain(API_KEY);
    expect(inspect(client, { depth: Infinity, showHidden: true })).not.toContain(API_KEY);
    expect(reachableStrings(client).join('\n')).not.toContain(API_KEY);
  });
});
