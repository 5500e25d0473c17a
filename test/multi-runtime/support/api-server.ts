// The API the smoke scenario talks to: a real HTTP server on 127.0.0.1 (port 0) that plays the
// ChatKit sessions endpoints, records every request, answers CORS preflights for one page
// origin, and stops itself after a fixed lifetime or request budget so that a crashed test can
// never leave it running.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_KEY } from '../scenario.mjs';

export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface ApiServer {
  /** `http://127.0.0.1:<port>`; the API lives under `/v1`. */
  readonly url: string;
  /** Every request, in arrival order, preflights included. */
  readonly requests: readonly ApiRequest[];
  /** The requests that are not CORS preflights. */
  apiRequests(): ApiRequest[];
  close(): Promise<void>;
}

export interface ApiServerOptions {
  /** The page origin allowed to call the API from a browser; without it, no CORS headers. */
  readonly allowOrigin?: string;
  /** The server closes itself after this long. Default 90 s. */
  readonly lifetimeMs?: number;
  /** Requests beyond this get a 503 without being handled. Default 100. */
  readonly maxRequests?: number;
}

const MAX_BODY = 64 * 1024;
const EXPOSED_HEADERS = 'x-request-id, x-should-retry, retry-after, retry-after-ms';

export async function startApiServer(options: ApiServerOptions = {}): Promise<ApiServer> {
  const requests: ApiRequest[] = [];
  const sessions = new Map<string, Record<string, unknown>>();
  const maxRequests = options.maxRequests ?? 100;
  let flakyAttempts = 0;
  let sessionCount = 0;

  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    incoming.on('end', () => {
      const request: ApiRequest = {
        method: incoming.method ?? '',
        path: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      const cors = corsHeaders(options.allowOrigin, incoming.headers);
      if (requests.length > maxRequests) {
        send(
          response,
          503,
          { error: { message: 'test server request budget exhausted', type: 'test' } },
          { ...cors, 'x-should-retry': 'false' },
        );
        return;
      }
      if (request.method === 'OPTIONS') {
        response.writeHead(cors['access-control-allow-origin'] === undefined ? 403 : 204, {
          ...cors,
          'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
          'access-control-allow-headers': incoming.headers['access-control-request-headers'] ?? '',
          'access-control-max-age': '600',
          'content-length': '0',
        });
        response.end();
        return;
      }
      handle(request, (status, body, headers = {}) =>
        send(response, status, body, { ...cors, 'x-request-id': `req_${randomUUID()}`, ...headers }),
      );
    });
  });

  type Reply = (status: number, body: unknown, headers?: Record<string, string>) => void;

  function handle(request: ApiRequest, reply: Reply): void {
    const problem = wireProblem(request);
    if (problem !== undefined) {
      reply(400, { error: { message: problem, type: 'invalid_request_error' } });
      return;
    }
    if (request.path === '/v1/chatkit/sessions') {
      let body: { user?: unknown; workflow?: { id?: unknown } };
      try {
        body = JSON.parse(request.body) as typeof body;
      } catch {
        reply(400, { error: { message: 'body is not JSON', type: 'invalid_request_error' } });
        return;
      }
      if (typeof body.user !== 'string' || typeof body.workflow?.id !== 'string') {
        reply(400, { error: { message: 'user and workflow.id are required', type: 'invalid_request_error' } });
        return;
      }
      sessionCount += 1;
      const session = chatSession(`cksess_${sessionCount}`, body.user, body.workflow.id);
      sessions.set(session['id'] as string, session);
      reply(200, session);
      return;
    }
    const cancel = /^\/v1\/chatkit\/sessions\/([^/]+)\/cancel$/.exec(request.path);
    if (cancel !== null) {
      const id = decodeURIComponent(cancel[1] ?? '');
      if (id === 'cksess_flaky') {
        flakyAttempts += 1;
        if (flakyAttempts === 1) {
          reply(503, { error: { message: 'The server is overloaded. Try again.', type: 'server_error' } });
          return;
        }
        reply(200, cancelled(chatSession(id, 'u_flaky', 'wf_flaky')));
        return;
      }
      const session = sessions.get(id);
      if (session === undefined) {
        reply(404, {
          error: { message: `Session not found: ${id}`, type: 'invalid_request_error', param: 'session_id', code: 'not_found' },
        });
        return;
      }
      reply(200, cancelled(session));
      return;
    }
    reply(404, { error: { message: `No route ${request.method} ${request.path}`, type: 'invalid_request_error' } });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= new Promise<void>((resolve) => {
      clearTimeout(lifetime);
      server.closeAllConnections();
      server.close(() => resolve());
    }));
  const lifetime = setTimeout(() => void close(), options.lifetimeMs ?? 90_000);
  lifetime.unref();

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    apiRequests: () => requests.filter((request) => request.method !== 'OPTIONS'),
    close,
  };
}

/** What every API request must carry; anything else is answered with a 400 naming the problem. */
function wireProblem(request: ApiRequest): string | undefined {
  const { headers } = request;
  if (request.method !== 'POST') return `expected POST, got ${request.method}`;
  if (headers['authorization'] !== `Bearer ${API_KEY}`) return 'missing or wrong bearer token';
  if (headers['openai-beta'] !== 'chatkit_beta=v1') return 'missing OpenAI-Beta: chatkit_beta=v1';
  if (request.body !== '' && headers['content-type'] !== 'application/json')
    return `content-type is ${headers['content-type'] ?? 'missing'}`;
  return undefined;
}

function corsHeaders(allowOrigin: string | undefined, headers: IncomingHttpHeaders): Record<string, string> {
  const origin = headers['origin'];
  if (allowOrigin === undefined || origin !== allowOrigin) return {};
  return { 'access-control-allow-origin': origin, 'access-control-expose-headers': EXPOSED_HEADERS, vary: 'origin' };
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

/** A complete ChatSession as the API returns it. */
function chatSession(id: string, user: string, workflowID: string): Record<string, unknown> {
  return {
    id,
    object: 'chatkit.session',
    chatkit_configuration: {
      automatic_thread_titling: { enabled: true },
      file_upload: { enabled: false, max_file_size: null, max_files: null },
      history: { enabled: true, recent_threads: null },
    },
    client_secret: `ek_${id}_secret`,
    expires_at: 1_900_000_000,
    max_requests_per_1_minute: 10,
    rate_limits: { max_requests_per_1_minute: 10 },
    status: 'active',
    user,
    workflow: { id: workflowID, state_variables: null, tracing: { enabled: true }, version: null },
  };
}

/** The cancel response, with the extra fields the API's example shows (kept by the client). */
function cancelled(session: Record<string, unknown>): Record<string, unknown> {
  return { ...session, status: 'cancelled', cancelled_at: 1_800_000_000, scope: { customer_id: 'cus_1' }, ttl_seconds: 0 };
}
