// A real HTTP server on 127.0.0.1 that records every request and answers from a script.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** Every header as sent: name, value, name, value… (a name sent twice appears twice). */
  readonly rawHeaders: readonly string[];
  readonly body: string;
  /** The body's bytes as received (`body` is them read as UTF-8). */
  readonly raw: Buffer;
}

export type Responder = (request: RecordedRequest, response: ServerResponse) => void;

export interface RecordingServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  respond(responder: Responder): void;
  close(): Promise<void>;
}

export function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  let responder: Responder = (_request, response) => json(response, 404, { error: { message: 'no responder', type: 'test' } });
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const raw = Buffer.concat(chunks);
      const request = {
        method: incoming.method ?? '',
        url: incoming.url ?? '',
        headers: incoming.headers,
        rawHeaders: incoming.rawHeaders,
        body: raw.toString('utf8'),
        raw,
      };
      requests.push(request);
      responder(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respond: (next) => void (responder = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A complete ChatSession, as the API reference's example response shows it. */
export function chatSession(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'cksess_123',
    object: 'chatkit.session',
    chatkit_configuration: {
      automatic_thread_titling: { enabled: true },
      file_upload: { enabled: true, max_file_size: 512, max_files: 10 },
      history: { enabled: true, recent_threads: null },
    },
    client_secret: 'ek_secret',
    expires_at: 1735689600,
    max_requests_per_1_minute: 10,
    rate_limits: { max_requests_per_1_minute: 10 },
    status: 'active',
    user: 'u_1',
    workflow: { id: 'wf_1', state_variables: null, tracing: { enabled: true }, version: null },
    ...overrides,
  };
}
