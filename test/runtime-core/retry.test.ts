// Retries: which failures are retried, how long the client waits, and what each error carries.
import { describe, expect, it } from 'vitest';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from '../../templates/runtime/errors.js';
import { retryDelay } from '../../templates/runtime/retry.js';
import { SESSION, apiError, createSession, json, makeClient, rejection, startServer } from './harness.js';

describe('retried failures', () => {
  it('retries a burst of 5xx and returns the eventual success, counting attempts in a header', async () => {
    const server = await startServer((_req, res, index) => {
      if (index === 0) apiError(res, 500, 'boom');
      else if (index === 1) apiError(res, 503, 'busy');
      else json(res, 200, SESSION);
    });
    const { client, clock } = makeClient(server.url);

    const result = await client.request(createSession({ user: 'u_1' }));

    expect(result).toEqual(SESSION);
    expect(server.requests).toHaveLength(3);
    expect(server.requests.map((req) => req.headers['x-sdkgen-retry-count'])).toEqual(['0', '1', '2']);
    expect(new Set(server.requests.map((req) => req.body))).toEqual(new Set(['{"user":"u_1"}']));
    expect(clock.delays).toEqual([500, 1000]); // 0.5 s * 2^n, jitter 0
  });

  it('gives up after maxRetries with the typed error of the last response', async () => {
    const server = await startServer((_req, res) => apiError(res, 502, 'bad gateway', { 'x-request-id': 'req_9' }));
    const { client, clock } = makeClient(server.url, { maxRetries: 3 });

    const error = await rejection(client.request(createSession({})));

    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).status).toBe(502);
    expect((error as InternalServerError).requestID).toBe('req_9');
    expect(server.requests).toHaveLength(4);
    expect(clock.delays).toEqual([500, 1000, 2000]);
  });

  it('uses per-request maxRetries (0 = one attempt)', async () => {
    const server = await startServer((_req, res) => apiError(res, 500, 'boom'));
    const { client } = makeClient(server.url);
    await rejection(client.request(createSession({}), { maxRetries: 0 }));
    expect(server.requests).toHaveLength(1);
  });

  it.each([408, 409, 429, 500, 504])('retries status %i', async (status) => {
    const server = await startServer((_req, res, index) => (index === 0 ? apiError(res, status, 'x') : json(res, 200, SESSION)));
    const { client } = makeClient(server.url);
    await expect(client.request(createSession({}))).resolves.toEqual(SESSION);
    expect(server.requests).toHaveLength(2);
  });

  it('waits retry-after seconds', async () => {
    const server = await startServer((_req, res, index) =>
      index === 0 ? apiError(res, 429, 'slow down', { 'retry-after': '3' }) : json(res, 200, SESSION),
    );
    const { client, clock } = makeClient(server.url);
    await client.request(createSession({}));
    expect(server.requests).toHaveLength(2);
    expect(clock.delays).toEqual([3000]);
  });

  it('waits until a retry-after HTTP date', async () => {
    const at = new Date(Date.now() + 5_000).toUTCString();
    const server = await startServer((_req, res, index) =>
      index === 0 ? apiError(res, 429, 'slow down', { 'retry-after': at }) : json(res, 200, SESSION),
    );
    const { client, clock } = makeClient(server.url);
    await client.request(createSession({}));
    expect(server.requests).toHaveLength(2);
    expect(clock.delays).toHaveLength(1);
    // HTTP dates have one-second resolution.
    expect(clock.delays[0]).toBeGreaterThan(3_500);
    expect(clock.delays[0]).toBeLessThanOrEqual(5_000);
  });

  it('prefers retry-after-ms over retry-after, and caps a server-requested wait at maxRetryAfter', async () => {
    const server = await startServer((_req, res, index) => {
      if (index === 0) apiError(res, 429, 'slow', { 'retry-after-ms': '250', 'retry-after': '30' });
      else if (index === 1) apiError(res, 429, 'slower', { 'retry-after': '3600' });
      else json(res, 200, SESSION);
    });
    const { client, clock } = makeClient(server.url, { maxRetryAfter: 10_000 });
    await client.request(createSession({}));
    expect(server.requests).toHaveLength(3);
    expect(clock.delays).toEqual([250, 10_000]);
  });

  it('caps a server-requested wait at 60 s by default: retry-after 59 is waited as is, 61 is cut to 60 s', async () => {
    const server = await startServer((_req, res, index) => {
      if (index === 0) apiError(res, 429, 'slow', { 'retry-after': '59' });
      else if (index === 1) apiError(res, 503, 'slower', { 'retry-after': '61' });
      else json(res, 200, SESSION);
    });
    const { client, clock } = makeClient(server.url);
    await expect(client.request(createSession({}))).resolves.toEqual(SESSION);
    expect(server.requests).toHaveLength(3);
    expect(clock.delays).toEqual([59_000, 60_000]);
  });

  it('obeys x-should-retry: true on a 400 and x-should-retry: false on a 503', async () => {
    const yes = await startServer((_req, res, index) =>
      index === 0 ? apiError(res, 400, 'flaky', { 'x-should-retry': 'true' }) : json(res, 200, SESSION),
    );
    const no = await startServer((_req, res) => apiError(res, 503, 'down for good', { 'x-should-retry': 'false' }));

    await expect(makeClient(yes.url).client.request(createSession({}))).resolves.toEqual(SESSION);
    const error = await rejection(makeClient(no.url).client.request(createSession({})));

    expect(yes.requests).toHaveLength(2);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(no.requests).toHaveLength(1);
  });

  it('reuses one idempotency key across retries and makes a new one per call', async () => {
    const server = await startServer((_req, res, index) => (index % 2 === 0 ? apiError(res, 500, 'x') : json(res, 200, SESSION)));
    const { client } = makeClient(server.url, { idempotencyHeader: 'Idempotency-Key' });

    await client.request(createSession({}));
    await client.request(createSession({}));
    await client.request(createSession({}), { idempotencyKey: 'mine-1' });
    await client.request({ build: () => ({ method: 'GET', path: '/chatkit/sessions/x', headers: {} }) });

    const keys = server.requests.map((req) => req.headers['idempotency-key']);
    expect(keys).toHaveLength(8); // every call fails once, then succeeds
    expect(keys[0]).toMatch(/^sdkgen-retry-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[3]).toBe(keys[2]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(keys.slice(4, 6)).toEqual(['mine-1', 'mine-1']);
    expect(keys.slice(6)).toEqual([undefined, undefined]); // GET carries no key
  });
});

describe('errors that are not retried', () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [422, UnprocessableEntityError],
    [418, APIError],
  ] as const)('%i -> %o after one attempt, with the body fields', async (status, ErrorClass) => {
    const server = await startServer((_req, res) =>
      json(
        res,
        status,
        { error: { message: 'Unknown parameter: scope.', type: 'invalid_request_error', param: 'scope', code: 'unknown_parameter' } },
        { 'x-request-id': 'req_abc' },
      ),
    );
    const { client, clock } = makeClient(server.url);

    const error = await rejection(client.request(createSession({ scope: 'x' })));

    expect(error).toBeInstanceOf(ErrorClass);
    const apiErr = error as APIError;
    expect(apiErr.constructor).toBe(ErrorClass);
    expect(apiErr.name).toBe(ErrorClass.name);
    expect(apiErr.status).toBe(status);
    expect(apiErr.message).toBe(`${status} Unknown parameter: scope.`);
    expect(apiErr.requestID).toBe('req_abc');
    expect(apiErr.headers?.get('content-type')).toBe('application/json');
    expect(apiErr.code).toBe('unknown_parameter');
    expect(apiErr.param).toBe('scope');
    expect(apiErr.type).toBe('invalid_request_error');
    expect(apiErr.error).toEqual({
      error: { message: 'Unknown parameter: scope.', type: 'invalid_request_error', param: 'scope', code: 'unknown_parameter' },
    });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.body).toBe('{"scope":"x"}');
    expect(clock.delays).toEqual([]);
  });

  it('maps 409 and 429 to their classes once retries run out', async () => {
    const conflict = await startServer((_req, res) => apiError(res, 409, 'locked'));
    const limited = await startServer((_req, res) => apiError(res, 429, 'limited', { 'retry-after-ms': '1' }));
    const a = await rejection(makeClient(conflict.url, { maxRetries: 1 }).client.request(createSession({})));
    const b = await rejection(makeClient(limited.url, { maxRetries: 1 }).client.request(createSession({})));
    expect(a).toBeInstanceOf(ConflictError);
    expect(b).toBeInstanceOf(RateLimitError);
    expect(conflict.requests).toHaveLength(2);
    expect(limited.requests).toHaveLength(2);
  });

  it('gives a readable message for an HTML error page', async () => {
    const page = `<!doctype html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad   Gateway</h1>${'<p>filler</p>'.repeat(80)}</body></html>`;
    const server = await startServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end(page);
    });
    const { client } = makeClient(server.url, { maxRetries: 0 });

    const error = (await rejection(client.request(createSession({})))) as InternalServerError;

    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toMatch(/^502 502 Bad Gateway Bad Gateway filler filler/);
    expect(error.message).not.toContain('<');
    expect(error.message.length).toBeLessThan(220);
    expect(error.error).toBeUndefined();
    expect(server.requests).toHaveLength(1);
  });

  it('says so when an error response has no body', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(404);
      res.end();
    });
    const error = await rejection(makeClient(server.url).client.request(createSession({})));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe('404 status code (no body)');
  });
});

describe('retryDelay', () => {
  const none = new Headers();
  it('backs off 0.5 s * 2^n up to 8 s', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => retryDelay(n, none, 60_000, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });
  it('jitters downwards by at most 25%', () => {
    expect(retryDelay(1, none, 60_000, () => 0.999_999)).toBeCloseTo(750, 0);
    expect(retryDelay(1, none, 60_000, () => 0.5)).toBe(875);
  });
  it('ignores unusable retry-after values', () => {
    expect(retryDelay(0, new Headers({ 'retry-after': 'soon' }), 60_000, () => 0)).toBe(500);
    expect(retryDelay(0, new Headers({ 'retry-after-ms': '-5', 'retry-after': '2' }), 60_000, () => 0)).toBe(2000);
    expect(retryDelay(0, new Headers({ 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }), 60_000, () => 0)).toBe(0);
  });
});
