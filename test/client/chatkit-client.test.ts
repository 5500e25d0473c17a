// ChatKitClient end to end: create and cancel against a real HTTP server on 127.0.0.1.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as chatkit from '../../generated/src/index.js';
import {
  BaseChatKitClient,
  ChatKitClient,
  chatkitSessionsCancel,
  chatkitSessionsCreate,
  NotFoundError,
  Sessions,
} from '../../generated/src/index.js';
import { chatSession, json, startRecordingServer, type RecordingServer } from '../support/recording-server.js';

let server: RecordingServer;
let client: ChatKitClient;

beforeAll(async () => {
  server = await startRecordingServer();
  client = new ChatKitClient({ apiKey: 'sk-test-key', baseURL: server.url, maxRetries: 0 });
});
afterAll(() => server.close());
beforeEach(() => void server.requests.splice(0));

describe('client.chatkit.sessions', () => {
  it('create() sends the documented request and returns the session', async () => {
    server.respond((_request, response) => json(response, 200, chatSession()));
    const session = await client.chatkit.sessions.create({ user: 'u_1', workflow: { id: 'wf_1' } });
    expect(session.id).toBe('cksess_123');
    expect(session.status).toBe('active');
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/chatkit/sessions');
    expect(request?.headers['authorization']).toBe('Bearer sk-test-key');
    expect(request?.headers['openai-beta']).toBe('chatkit_beta=v1');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual({ user: 'u_1', workflow: { id: 'wf_1' } });
  });

  it('cancel() posts to the session path with no body', async () => {
    server.respond((_request, response) => json(response, 200, chatSession({ status: 'cancelled' })));
    const session = await client.chatkit.sessions.cancel('cksess_123');
    expect(session.status).toBe('cancelled');
    const [request] = server.requests;
    expect(request?.url).toBe('/chatkit/sessions/cksess_123/cancel');
    expect(request?.body).toBe('');
    expect(request?.headers['content-type']).toBeUndefined();
  });

  it('keeps unknown response fields', async () => {
    server.respond((_request, response) => json(response, 200, chatSession({ ttl_seconds: 900 })));
    const session = await client.chatkit.sessions.cancel('cksess_123');
    expect((session as unknown as Record<string, unknown>)['ttl_seconds']).toBe(900);
  });

  it('turns a 404 into a NotFoundError carrying the API error', async () => {
    server.respond((_request, response) =>
      json(
        response,
        404,
        { error: { message: 'No session cksess_nope', type: 'invalid_request_error', param: null, code: null } },
        { 'x-request-id': 'req_1' },
      ),
    );
    const error = await client.chatkit.sessions.cancel('cksess_nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).status).toBe(404);
    expect((error as NotFoundError).message).toContain('No session cksess_nope');
  });

  it('rejects a bad session id before anything is sent', async () => {
    await expect(client.chatkit.sessions.cancel('..')).rejects.toThrow(/session_id/);
    expect(server.requests).toHaveLength(0);
  });
});

// README "Smallest bundles": the class, one resource made on its own over a base client, and the
// operation functions are three ways to the same calls.
describe('the three forms of a call', () => {
  const options = { apiKey: 'sk-test-key', maxRetries: 0 } as const;
  const FORMS = {
    'client.chatkit.sessions': () => new ChatKitClient({ ...options, baseURL: server.url }).chatkit.sessions,
    'new Sessions(base client)': () => new Sessions(new BaseChatKitClient({ ...options, baseURL: server.url })),
    'the operation functions': () => {
      const base = new BaseChatKitClient({ ...options, baseURL: server.url });
      return {
        create: (body: Parameters<typeof chatkitSessionsCreate>[1]) => chatkitSessionsCreate(base, body),
        cancel: (id: string) => chatkitSessionsCancel(base, id),
      };
    },
  };

  it("README's resource table names the class of each `client.…` resource, exported from the package root", () => {
    const readme = readFileSync(new URL('../../generated/README.md', import.meta.url), 'utf8');
    const rows = [...readme.matchAll(/^\| `client\.([\w.]+)` +\| `(\w+)` +\|$/gm)].map(([, path, name]) => ({ path: path!, name: name! }));
    expect(rows.map((row) => row.path)).toEqual(['chatkit', 'chatkit.sessions', 'chatkit.threads']);
    const whole = new ChatKitClient({ apiKey: 'sk-test-key' });
    for (const { path, name } of rows) {
      const made = path.split('.').reduce<unknown>((parent, key) => (parent as Record<string, unknown>)[key], whole);
      const exported = (chatkit as Record<string, unknown>)[name];
      expect(typeof exported, name).toBe('function');
      expect(Object.getPrototypeOf(made), `client.${path}`).toBe((exported as { prototype: unknown }).prototype);
    }
  });

  it('send the same requests, headers included, and return the same results and errors', async () => {
    const seen = [];
    for (const [name, make] of Object.entries(FORMS)) {
      server.requests.splice(0);
      let calls = 0;
      server.respond((_request, response) =>
        ++calls === 3
          ? json(response, 404, { error: { message: 'No session cksess_nope', type: 'invalid_request_error', param: null, code: null } })
          : json(response, 200, chatSession(calls === 2 ? { status: 'cancelled' } : {})),
      );
      const sessions = make();
      const created = await sessions.create({ user: 'u_1', workflow: { id: 'wf_1' } });
      const cancelled = await sessions.cancel(created.id);
      const error = await sessions.cancel('cksess_nope').catch((e: unknown) => e);
      const invalid = await sessions.cancel('..').catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(NotFoundError);
      expect(server.requests, name).toHaveLength(3);
      seen.push({
        requests: server.requests.map(({ method, url, headers, body }) => ({
          method,
          url,
          headers,
          body,
        })),
        results: [created, cancelled],
        error: String(error),
        invalid: String(invalid),
      });
    }
    expect(seen[0]?.requests.map((request) => request.url)).toEqual([
      '/chatkit/sessions',
      '/chatkit/sessions/cksess_123/cancel',
      '/chatkit/sessions/cksess_nope/cancel',
    ]);
    expect(seen[0]?.invalid).toMatch(/session_id/);
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
  });
});
