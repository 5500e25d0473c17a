// Test harness for the runtime core: a real node:http server on 127.0.0.1 that records what
// it receives, plus a client factory with an instant, recorded retry clock.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, vi } from 'vitest';
import { ClientCore, type ClientIdentity, type ClientOptions, type OperationSpec } from '../../templates/runtime/core.js';
import type { ValidationIssue } from '../../templates/runtime/errors.js';
import type { Logger } from '../../templates/runtime/log.js';

export const API_KEY = 'sk-test-SECRET-4f8a2c91d0e7b3';

export const IDENTITY: ClientIdentity = {
  clientName: 'ChatKitClient',
  packageName: 'chatkit-client',
  packageVersion: '0.1.0',
  defaultBaseURL: 'https://api.openai.com/v1',
  apiKeyEnv: 'SDKGEN_TEST_API_KEY',
  baseURLEnv: 'SDKGEN_TEST_BASE_URL',
};

export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** Raw header pairs as sent, to check that a name is not sent twice. */
  readonly rawHeaders: readonly string[];
  readonly body: string;
  /** The body's bytes, for binary and multipart bodies. */
  readonly raw: Buffer;
}

/** Answers one request; `index` counts requests from 0. May leave `res` hanging. */
export type Handler = (req: Received, res: ServerResponse, index: number) => void | Promise<void>;

export interface TestServer {
  readonly url: string;
  readonly requests: Received[];
  close(): Promise<void>;
}

const open = new Set<Server>();
// Each server is stopped after its test; a forgotten one still dies after 20 s.
const SAFETY_MS = 20_000;

afterEach(async () => {
  await Promise.all([...open].map(stop));
});

function stop(server: Server): Promise<void> {
  open.delete(server);
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const received: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body: raw.toString('utf8'),
        raw,
      };
      const index = requests.length;
      requests.push(received);
      Promise.resolve(handler(received, res, index)).catch((error: unknown) => {
        res.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    });
  });
  open.add(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const safety = setTimeout(() => void stop(server), SAFETY_MS);
  safety.unref();
  server.on('close', () => clearTimeout(safety));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => stop(server) };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function apiError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  json(res, status, { error: { message, type: 'invalid_request_error', param: 'user', code: 'bad_thing' } }, headers);
}

/** Delays asked of the retry clock, in order. */
export interface Clock {
  readonly delays: number[];
}

export function makeClient(baseURL: string, options: ClientOptions = {}, random = 0): { client: ClientCore; clock: Clock } {
  const clock: Clock = { delays: [] };
  const client = new ClientCore({ apiKey: API_KEY, baseURL, logger: silentLogger(), ...options }, IDENTITY, {
    // Records the wait and takes one event-loop turn instead (no timer: a test's fake clock
    // moves only the client's request timeouts), keeping abort semantics.
    sleep: (ms, signal) => {
      clock.delays.push(ms);
      return nextTurn(signal);
    },
    random: () => random,
  });
  return { client, clock };
}

export function silentLogger(): Logger {
  const noop = (): void => {};
  return { error: noop, warn: noop, info: noop, debug: noop };
}

/** A logger that keeps every call, formatted, for leak checks. */
export function recordingLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  const record =
    (level: string) =>
    (message: string, ...rest: unknown[]): void => {
      lines.push(`${level} ${message} ${rest.map((item) => JSON.stringify(item)).join(' ')}`);
    };
  return { lines, error: record('error'), warn: record('warn'), info: record('info'), debug: record('debug') };
}

export interface Session {
  readonly id: string;
  readonly object: 'chatkit.session';
}

/** The shape of a generated `chatkit.sessions.create` call. */
export function createSession(
  body: unknown,
  extra: { issues?: readonly ValidationIssue[]; validateResponse?: OperationSpec<Session>['validateResponse'] } = {},
): OperationSpec<Session> {
  const issues = extra.issues ?? [];
  return {
    validateRequest: () => issues,
    build: () => ({
      method: 'POST',
      path: '/chatkit/sessions',
      headers: { 'OpenAI-Beta': 'chatkit_beta=v1' },
      body,
    }),
    ...(extra.validateResponse === undefined ? {} : { validateResponse: extra.validateResponse }),
  };
}

export const SESSION: Session = { id: 'cksess_123', object: 'chatkit.session' };

/** Awaits a promise that must reject and returns the reason. */
export async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/** The promise's outcome, or a rejection naming `what` after `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves on the next event-loop turn (setImmediate, never faked here), or rejects when `signal` aborts first. */
export function nextTurn(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearImmediate(immediate);
      reject(signal!.reason);
    };
    const immediate = setImmediate(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `body` with setTimeout/clearTimeout on a fake clock: a client's request timeout (and a
 * real backoff) fires only when the test moves the clock (vi.advanceTimersByTime), never because
 * a loaded machine was slow. Sockets, setImmediate and the test runner's own timers stay real.
 */
export async function onFakeClock<T>(body: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    return await body();
  } finally {
    vi.useRealTimers();
  }
}

/**
 * Waits until `condition` holds, checking once per event-loop turn (no timers, so a fake clock
 * does not move while it waits), for at most 30 s of real time: for events a test cannot await.
 */
export async function until(condition: () => boolean, what = 'condition'): Promise<void> {
  const deadline = performance.now() + 30_000;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`${what}: not met within 30 s`);
    await nextTurn(undefined);
  }
}

/** A fetch that reports when the response headers have arrived: `headers` resolves then. */
export function watchedFetch(): { fetch: typeof fetch; headers: Promise<void> } {
  let arrived!: () => void;
  const headers = new Promise<void>((resolve) => (arrived = resolve));
  return {
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      arrived();
      return response;
    },
    headers,
  };
}
