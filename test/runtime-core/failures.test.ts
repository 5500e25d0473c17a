// Transport failures and bad 2xx bodies: timeouts, aborts, resets, truncation, non-JSON,
// empty bodies, response validation.
import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { ClientCore } from '../../templates/runtime/core.js';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  InvalidResponseBodyError,
  ValidationError,
} from '../../templates/runtime/errors.js';
import { sleep } from '../../templates/runtime/retry.js';
import {
  API_KEY,
  IDENTITY,
  SESSION,
  createSession,
  json,
  makeClient,
  onFakeClock,
  rejection,
  silentLogger,
  startServer,
  until,
  watchedFetch,
} from './harness.js';

describe('timeouts', () => {
  it('times out each attempt, retries, then rejects with APIConnectionTimeoutError', async () => {
    const server = await startServer(() => {}); // never answers
    const { client, clock } = makeClient(server.url, { timeout: 200 });

    // each attempt times out when the clock moves, once the server has seen it
    const error = await onFakeClock(async () => {
      const outcome = rejection(client.request(createSession({})));
      for (let attempt = 0; attempt < 3; attempt++) {
        await until(() => server.requests.length > attempt, `attempt ${attempt + 1} reaches the server`);
        vi.advanceTimersByTime(200);
      }
      return outcome;
    });

    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toBe('Request timed out: POST /chatkit/sessions got no response within 200 ms (after 3 attempts).');
    expect(clock.delays).toEqual([500, 1000]); // 3 attempts, 2 waits
    expect(server.requests.map((req) => req.headers['x-sdkgen-retry-count'])).toEqual(['0', '1', '2']);
  });

  it('applies the timeout to reading the body too, without retrying', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"id":'); // then stalls
    });
    const watched = watchedFetch();
    const { client } = makeClient(server.url, { timeout: 750, fetch: watched.fetch });

    // the clock moves once the client has the headers
    const error = await onFakeClock(async () => {
      const outcome = rejection(client.request(createSession({})));
      await watched.headers;
      vi.advanceTimersByTime(750);
      return outcome;
    });

    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).message).toMatch(/did not finish sending its body within 750 ms/);
    expect(server.requests).toHaveLength(1);
  });
});

describe('caller abort', () => {
  it('stops an attempt in flight at once, without retrying', async () => {
    const server = await startServer(() => {});
    const { client, clock } = makeClient(server.url, { timeout: 10_000 });
    const controller = new AbortController();

    // on a clock that never moves, the 10 s timeout cannot end the call: only the abort can
    const error = await onFakeClock(async () => {
      const promise = client.request(createSession({}), { signal: controller.signal });
      await until(() => server.requests.length === 1, 'the request reaches the server');
      controller.abort(new Error('user navigated away'));
      return rejection(promise);
    });

    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as Error).cause).toEqual(new Error('user navigated away'));
    expect(server.requests).toHaveLength(1);
    expect(clock.delays).toEqual([]);
  });

  it('stops during a retry wait', async () => {
    const server = await startServer((_req, res) => json(res, 500, { error: { message: 'boom' } }));
    // A 5 s backoff on a clock that never moves, so only the abort can end the wait.
    let waiting!: () => void;
    const inBackoff = new Promise<void>((resolve) => (waiting = resolve));
    const client = new ClientCore({ apiKey: API_KEY, baseURL: server.url, logger: silentLogger() }, IDENTITY, {
      sleep: (_ms, signal) => {
        const wait = sleep(5_000, signal);
        waiting();
        return wait;
      },
    });
    const controller = new AbortController();

    const error = await onFakeClock(async () => {
      const promise = client.request(createSession({}), { signal: controller.signal });
      await inBackoff;
      controller.abort();
      return rejection(promise);
    });

    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(server.requests).toHaveLength(1);
  });

  it('never sends when the signal is already aborted', async () => {
    const server = await startServer((_req, res) => json(res, 200, SESSION));
    const { client } = makeClient(server.url);
    const error = await rejection(client.request(createSession({}), { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(server.requests).toHaveLength(0);
  });

  it('removes its abort listener when the call ends, whatever the outcome', async () => {
    const server = await startServer((_req, res, index) => (index % 2 === 0 ? json(res, 200, SESSION) : json(res, 404, {})));
    const { client } = makeClient(server.url);
    const controller = new AbortController();
    for (let i = 0; i < 6; i++) await client.request(createSession({}), { signal: controller.signal }).catch(() => undefined);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(server.requests).toHaveLength(6);
  });
});

describe('connection failures', () => {
  it('retries a refused connection, then rejects with APIConnectionError naming the cause', async () => {
    const server = await startServer(() => {});
    const url = server.url;
    await server.close();
    const { client, clock } = makeClient(url);

    const error = await rejection(client.request(createSession({})));

    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).message).toMatch(
      /^Connection error: POST \/chatkit\/sessions to http:\/\/127\.0\.0\.1:\d+ failed \(.*ECONNREFUSED.*\) \(after 3 attempts\)\.$/,
    );
    expect(clock.delays).toHaveLength(2);
  });

  it('retries a connection reset before any response', async () => {
    const server = await startServer((_req, res, index) => (index === 0 ? void res.socket?.destroy() : json(res, 200, SESSION)));
    const { client } = makeClient(server.url);
    await expect(client.request(createSession({}))).resolves.toEqual(SESSION);
    expect(server.requests).toHaveLength(2);
  });

  it('reports a 2xx body cut off mid-stream as APIConnectionError and does not retry', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      res.write('{"id":"cksess_123","object":"chat', () => res.socket?.destroy());
    });
    const { client, clock } = makeClient(server.url);

    const error = await rejection(client.request(createSession({})));

    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(
      /^The response body of POST \/chatkit\/sessions \(status 200\) was cut off before it was complete/,
    );
    expect((error as Error).message).toMatch(/Not retried/);
    expect(server.requests).toHaveLength(1);
    expect(clock.delays).toEqual([]);
  });

  it('reports a chunked 2xx body cut off mid-stream the same way', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }); // chunked
      res.write('{"id":"cksess_123",', () => res.socket?.destroy());
    });
    const error = await rejection(makeClient(server.url).client.request(createSession({})));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(/cut off/);
    expect(server.requests).toHaveLength(1);
  });
});

describe('2xx bodies', () => {
  it('rejects a non-JSON 2xx body with InvalidResponseBodyError quoting its start, not retried', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'x-request-id': 'req_html' });
      res.end('<!doctype html><title>Captive portal</title><p>Please log in</p>');
    });
    const { client } = makeClient(server.url);

    const error = (await rejection(client.request(createSession({})))) as InvalidResponseBodyError;

    expect(error).toBeInstanceOf(InvalidResponseBodyError);
    expect(error.status).toBe(200);
    expect(error.requestID).toBe('req_html');
    expect(error.message).toBe(
      '200 response to POST /chatkit/sessions is not valid JSON (content-type: text/html). ' +
        'It starts with: "<!doctype html><title>Captive portal</title><p>Please log in</p>"',
    );
    expect(server.requests).toHaveLength(1);
  });

  it('flags JSON that just stops (a close-delimited body cut off) as possibly truncated', async () => {
    const server = await startServer((_req, res) => {
      res.socket?.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{"id":"cksess_1","obj');
    });
    const error = await rejection(makeClient(server.url).client.request(createSession({})));
    expect(error).toBeInstanceOf(InvalidResponseBodyError);
    expect((error as Error).message).toMatch(/It ends early; it may have been cut off\./);
    expect(server.requests).toHaveLength(1);
  });

  it('resolves a 204 to undefined without calling the response validator', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    let checked = 0;
    const result = await makeClient(server.url).client.request(
      createSession({}, { validateResponse: () => (checked++, [{ path: [], message: 'expected an object' }]) }),
    );
    expect(result).toBeUndefined();
    expect(checked).toBe(0);
  });

  it('validates responses: loose by default, strict on request, off skips', async () => {
    const server = await startServer((_req, res) => json(res, 200, { ...SESSION, extra: 1 }, { 'x-request-id': 'req_7' }));
    const modes: string[] = [];
    const operation = createSession(
      {},
      {
        validateResponse: (value, mode) => {
          modes.push(mode);
          const unknown = mode === 'strict' && typeof value === 'object' && value !== null && 'extra' in value;
          return unknown ? [{ path: ['extra'], message: 'unknown field' }] : [];
        },
      },
    );

    const loose = await makeClient(server.url).client.request(operation);
    const strict = await rejection(makeClient(server.url, { responseValidation: 'strict' }).client.request(operation));
    const off = await makeClient(server.url, { responseValidation: 'off' }).client.request(operation);

    expect(loose).toEqual({ ...SESSION, extra: 1 });
    expect(off).toEqual({ ...SESSION, extra: 1 });
    expect(modes).toEqual(['loose', 'strict']);
    expect(strict).toBeInstanceOf(ValidationError);
    expect((strict as Error).message).toBe(
      "Invalid response from POST /chatkit/sessions (status 200, request ID req_7); set responseValidation: 'off' to accept it unchecked (1 problem):\n" +
        '  extra: unknown field',
    );
    expect(server.requests).toHaveLength(3);
  });

  it('passes an empty 200 body to the validator as undefined', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-length': '0' });
      res.end();
    });
    const seen: unknown[] = [];
    const error = await rejection(
      makeClient(server.url).client.request(
        createSession({}, { validateResponse: (value) => (seen.push(value), [{ path: [], message: 'expected an object' }]) }),
      ),
    );
    expect(seen).toEqual([undefined]);
    expect((error as Error).message).toMatch(/\(root\): expected an object$/);
  });
});
