// The generated client uses the validators: a rejected request never reaches the network and
// throws one ValidationError with every issue; responses are checked 'loose' by default
// (unknown fields kept, value untouched), 'strict' or 'off' on request.
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleGenerated } from './harness.js';

interface Client {
  chatkit: {
    sessions: { create(body: unknown, options?: object): Promise<unknown>; cancel(id: unknown, options?: object): Promise<unknown> };
  };
}
type ClientClass = new (options: object) => Client;
interface ValidationErrorLike extends Error {
  readonly issues: readonly { readonly path: readonly (string | number)[]; readonly message: string }[];
}

let ChatKitClient: ClientClass;
let ValidationError: new (...args: never[]) => ValidationErrorLike;

beforeAll(async () => {
  const module = (await import(pathToFileURL(await bundleGenerated('spec/chatkit-sessions.yaml', 'src/index.ts')).href)) as Record<
    string,
    unknown
  >;
  ChatKitClient = module['ChatKitClient'] as ClientClass;
  ValidationError = module['ValidationError'] as typeof ValidationError;
});

const SESSION = {
  id: 'cksess_123',
  chatkit_configuration: {
    automatic_thread_titling: { enabled: true },
    file_upload: { enabled: true, max_file_size: 512, max_files: 10 },
    history: { enabled: true, recent_threads: null },
  },
  client_secret: 'ek_123',
  expires_at: 1735689600,
  max_requests_per_1_minute: 10,
  object: 'chatkit.session',
  rate_limits: { max_requests_per_1_minute: 10 },
  status: 'cancelled',
  user: 'u_1',
  workflow: { id: 'wf_1', state_variables: null, tracing: { enabled: true }, version: null },
};

function client(response: unknown, options: object = {}): { client: Client; calls: string[] } {
  const calls: string[] = [];
  const fetch = async (url: string | URL) => {
    calls.push(String(url));
    return new Response(JSON.stringify(response), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { client: new ChatKitClient({ apiKey: 'sk-test', maxRetries: 0, fetch, ...options }), calls };
}

async function rejection(promise: Promise<unknown>): Promise<ValidationErrorLike> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationErrorLike;
}

describe('request validation', () => {
  it('rejects the second curl example before anything is sent, with every issue', async () => {
    const { client: api, calls } = client(SESSION);
    const body = { workflow: { id: 'workflow_alpha' }, scope: {}, expires_after: 1800, max_requests_per_1_minute: 60 };
    const error = await rejection(api.chatkit.sessions.create(body));
    expect(calls).toEqual([]);
    expect(error.issues.map((issue) => issue.path.join('.'))).toEqual(['user', 'expires_after', 'scope', 'max_requests_per_1_minute']);
    expect(error.message).toContain('expires_after: expected an object `{ anchor, seconds }`, found number 1800');
  });

  it('checks path parameters under their own name', async () => {
    const { client: api, calls } = client(SESSION);
    const error = await rejection(api.chatkit.sessions.cancel(42));
    expect(calls).toEqual([]);
    expect(error.issues).toEqual([{ path: ['session_id'], message: 'expected a string, found number 42' }]);
  });

  it('sends anyway with validate: false (per request and per client)', async () => {
    const perRequest = client(SESSION);
    await perRequest.client.chatkit.sessions.create({ user: 'u', workflow: { id: 'w' }, extra: 1 }, { validate: false });
    expect(perRequest.calls).toHaveLength(1);
    const perClient = client(SESSION, { validate: false });
    await perClient.client.chatkit.sessions.create({ user: 'u', workflow: { id: 'w' }, extra: 1 });
    expect(perClient.calls).toHaveLength(1);
  });
});

describe('response validation', () => {
  const extras = { ...SESSION, scope: { customer_id: 'cust_456' }, ttl_seconds: 900, cancelled_at: 1712345678 };

  it("keeps unknown fields by default ('loose') and returns the parsed value as it came", async () => {
    const session = await client(extras).client.chatkit.sessions.cancel('cksess_123');
    expect(session).toEqual(extras);
  });

  it("rejects them with responseValidation: 'strict', naming each key", async () => {
    const error = await rejection(client(extras, { responseValidation: 'strict' }).client.chatkit.sessions.cancel('cksess_123'));
    expect(error.issues.map((issue) => issue.path[0])).toEqual(['scope', 'ttl_seconds', 'cancelled_at']);
    expect(error.message).toContain('Invalid response from POST /chatkit/sessions/cksess_123/cancel');
  });

  it("rejects a response missing required fields, unless responseValidation is 'off'", async () => {
    const partial = { id: 'cksess_123', object: 'chatkit.session', status: 'cancelled' };
    const error = await rejection(client(partial).client.chatkit.sessions.cancel('cksess_123'));
    expect(error.issues.map((issue) => issue.path.join('.'))).toEqual([
      'chatkit_configuration',
      'client_secret',
      'expires_at',
      'max_requests_per_1_minute',
      'rate_limits',
      'user',
      'workflow',
    ]);
    await expect(client(partial, { responseValidation: 'off' }).client.chatkit.sessions.cancel('cksess_123')).resolves.toEqual(partial);
  });
});
