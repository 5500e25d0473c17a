// ChatKitClient end to end: create and cancel against a real HTTP server on 127.0.0.1.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChatKitClient, NotFoundError } from '../../generated/src/index.js';
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
