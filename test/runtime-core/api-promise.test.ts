// APIPromise: a real promise of the parsed body, plus withResponse() and asResponse().
import { describe, expect, it, vi } from 'vitest';
import { APIPromise } from '../../templates/runtime/api-promise.js';
import { APIConnectionTimeoutError, NotFoundError } from '../../templates/runtime/errors.js';
import { SESSION, createSession, json, makeClient, rejection, startServer } from './harness.js';

describe('APIPromise', () => {
  it('is a Promise of the parsed body', async () => {
    const server = await startServer((_req, res) => json(res, 200, SESSION));
    const { client } = makeClient(server.url);
    const promise = client.request(createSession({}));
    expect(promise).toBeInstanceOf(APIPromise);
    expect(promise).toBeInstanceOf(Promise);
    expect(await promise.then((session) => session.id)).toBe('cksess_123');
    expect(await promise).toEqual(SESSION); // parsed once, shared
    expect(await Promise.all([promise, promise])).toEqual([SESSION, SESSION]);
    expect(server.requests).toHaveLength(1);
  });

  it('withResponse() gives data, the Response and the request id', async () => {
    const server = await startServer((_req, res) => json(res, 201, SESSION, { 'x-request-id': 'req_42' }));
    const { client } = makeClient(server.url);
    const { data, response, requestId } = await client.request(createSession({})).withResponse();
    expect(data).toEqual(SESSION);
    expect(response.status).toBe(201);
    expect(requestId).toBe('req_42');
  });

  it('asResponse() gives the unread Response, and the timeout no longer applies to it', async () => {
    const server = await startServer((_req, res) => json(res, 200, SESSION));
    // the client's timer on a fake clock: the request cannot time out under load, and the test moves time past it
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { client } = makeClient(server.url, { timeout: 50 });
      const response = await client.request(createSession({})).asResponse();
      vi.advanceTimersByTime(60_000); // far past the timeout
      expect(response.bodyUsed).toBe(false);
      expect(await response.json()).toEqual(SESSION);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a plain call whose body is still coming is under the timeout: the fake clock above reaches the client', async () => {
    let received!: () => void;
    const arrived = new Promise<void>((resolve) => (received = resolve));
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":'); // and the rest never comes
      received();
    });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { client } = makeClient(server.url, { timeout: 50, maxRetries: 0 });
      const call = rejection(client.request(createSession({})));
      await arrived;
      vi.advanceTimersByTime(60_000);
      expect(await call).toBeInstanceOf(APIConnectionTimeoutError);
    } finally {
      vi.useRealTimers();
      await server.close();
    }
  });

  it('rejects catch/finally/withResponse/asResponse alike on an API error', async () => {
    const server = await startServer((_req, res) => json(res, 404, { error: { message: 'gone' } }));
    const { client } = makeClient(server.url);
    let finallyRan = false;
    const promise = client.request(createSession({}));
    expect(await promise.catch((error: unknown) => error)).toBeInstanceOf(NotFoundError);
    await rejection(promise.finally(() => (finallyRan = true)));
    expect(finallyRan).toBe(true);
    expect(await rejection(promise.withResponse())).toBeInstanceOf(NotFoundError);
    expect(await rejection(promise.asResponse())).toBeInstanceOf(NotFoundError);
    expect(server.requests).toHaveLength(1);
  });
});
