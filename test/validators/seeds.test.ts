// Every request and response example in the seed documents (shared/seeds: the Node SDK's
// sessions.d.mts, the "Create ChatKit session" reference page, the Go model list, the wiki
// page and the Java reference), embedded here as data, with the verdict and the exact issues
// the generated validators give. The seed files themselves are never read at test time.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadValidators, validatorOf, type Issue, type Validate } from './harness.js';

let createParams: Validate;
let chatSession: Validate;
let cancelPath: Validate;

beforeAll(async () => {
  const module = await loadValidators('spec/chatkit-sessions.yaml');
  createParams = validatorOf(module, 'SessionCreateParams');
  chatSession = validatorOf(module, 'ChatSession');
  cancelPath = validatorOf(module, 'CancelChatKitSessionPathParams');
});

/** The full response example (identical on the create page, twice in the Java reference, and for cancel). */
const FULL_SESSION = {
  id: 'id',
  chatkit_configuration: {
    automatic_thread_titling: { enabled: true },
    file_upload: { enabled: true, max_file_size: 0, max_files: 0 },
    history: { enabled: true, recent_threads: 0 },
  },
  client_secret: 'client_secret',
  expires_at: 0,
  max_requests_per_1_minute: 0,
  object: 'chatkit.session',
  rate_limits: { max_requests_per_1_minute: 0 },
  status: 'active',
  user: 'user',
  workflow: { id: 'id', state_variables: { foo: 'string' }, tracing: { enabled: true }, version: 'version' },
};

const KNOWN_CREATE_KEYS = 'known keys: `user`, `workflow`, `chatkit_configuration`, `expires_after`, `rate_limits`';

describe('create requests (SessionCreateParams)', () => {
  it.each([
    ['the SDK docs example (sessions.d.mts) and the first curl example', { user: 'x', workflow: { id: 'id' } }],
    ['the Java reference example', { user: 'user', workflow: { id: 'id' } }],
    ['the wiki example without options', { user: 'user_abc', workflow: { id: 'my-workflow-id' } }],
  ])('accepts %s', (_name, body) => {
    expect(createParams(body)).toEqual([]);
  });

  it('rejects the second curl example with every issue, naming the right key', () => {
    const body = {
      workflow: { id: 'workflow_alpha', version: '2024-10-01' },
      scope: { project: 'alpha', environment: 'staging' },
      expires_after: 1800,
      max_requests_per_1_minute: 60,
      max_requests_per_session: 500,
    };
    expect(createParams(body)).toEqual<Issue[]>([
      { path: ['user'], message: 'missing required key `user`: expected a string' },
      { path: ['expires_after'], message: 'expected an object `{ anchor, seconds }`, found number 1800' },
      { path: ['scope'], message: `unknown key \`scope\` in \`SessionCreateParams\`; ${KNOWN_CREATE_KEYS}` },
      {
        path: ['max_requests_per_1_minute'],
        message: 'unknown key `max_requests_per_1_minute` in `SessionCreateParams`; did you mean `rate_limits.max_requests_per_1_minute`?',
      },
      {
        path: ['max_requests_per_session'],
        message: `unknown key \`max_requests_per_session\` in \`SessionCreateParams\`; ${KNOWN_CREATE_KEYS}`,
      },
    ]);
  });

  it("rejects the wiki's options: rate_limits.requests_per_minute and an expires_after without anchor", () => {
    const body = {
      user: 'user_abc',
      workflow: { id: 'my-workflow-id' },
      expires_after: { seconds: 600 },
      rate_limits: { requests_per_minute: 20 },
    };
    expect(createParams(body)).toEqual<Issue[]>([
      { path: ['expires_after', 'anchor'], message: "missing required key `anchor`: expected 'created_at'" },
      {
        path: ['rate_limits', 'requests_per_minute'],
        message: 'unknown key `requests_per_minute` in `rate_limits`; did you mean `max_requests_per_1_minute`?',
      },
    ]);
  });

  it("rejects the same in strict mode (request objects are closed by the spec itself); 'loose' mode keeps the key", () => {
    const body = { user: 'u', workflow: { id: 'w' }, rate_limits: { requests_per_minute: 20 } };
    expect(createParams(body, 'strict')).toEqual(createParams(body, 'request'));
    expect(createParams(body, 'strict')).toHaveLength(1);
    // a schema only requests send checks in 'request' mode unless told otherwise
    expect(createParams(body)).toEqual(createParams(body, 'request'));
    expect(createParams(body, 'loose')).toEqual([]);
  });
});

describe('cancel requests (path parameters)', () => {
  it("accepts the examples' session id", () => {
    expect(cancelPath({ session_id: 'cksess_123' })).toEqual([]);
  });
  it('names the parameter when its type is wrong', () => {
    expect(cancelPath({ session_id: 42 })).toEqual([{ path: ['session_id'], message: 'expected a string, found number 42' }]);
  });
});

describe('responses (ChatSession)', () => {
  it('accepts the full response example, loose and strict', () => {
    expect(chatSession(FULL_SESSION, 'loose')).toEqual([]);
    expect(chatSession(FULL_SESSION, 'strict')).toEqual([]);
  });

  it('accepts the cancel example extras (scope, ttl_seconds, cancelled_at) on a full session when loose, and names each when strict', () => {
    const cancelled = {
      ...FULL_SESSION,
      status: 'cancelled',
      scope: { customer_id: 'cust_456' },
      ttl_seconds: 900,
      cancelled_at: 1712345678,
    };
    expect(chatSession(cancelled, 'loose')).toEqual([]);
    expect(chatSession(cancelled, 'strict')).toEqual<Issue[]>([
      { path: ['scope'], message: 'unknown key `scope` in `ChatSession`' },
      { path: ['ttl_seconds'], message: 'unknown key `ttl_seconds` in `ChatSession`' },
      { path: ['cancelled_at'], message: 'unknown key `cancelled_at` in `ChatSession`' },
    ]);
  });

  // The literal cancel example of the Java reference. It is not a full ChatSession: besides its
  // extra fields it lacks client_secret, expires_at, user, rate_limits and chatkit_configuration,
  // and its workflow lacks state_variables and tracing (all required, and present in every other
  // response example). Our verdict: rejected in both modes, for the missing fields; 'strict'
  // adds the three extra keys and the missing state_variables, which 'loose' takes as null (the
  // spec allows null there, and a server may leave out a field it has no value for). Whether the
  // spec should make those fields optional is open.
  const CANCEL_EXAMPLE = {
    id: 'cksess_123',
    object: 'chatkit.session',
    workflow: { id: 'workflow_alpha', version: '1' },
    scope: { customer_id: 'cust_456' },
    max_requests_per_1_minute: 30,
    ttl_seconds: 900,
    status: 'cancelled',
    cancelled_at: 1712345678,
  };
  const CANCEL_MISSING: Issue[] = [
    {
      path: ['chatkit_configuration'],
      message: 'missing required key `chatkit_configuration`: expected an object `{ automatic_thread_titling, file_upload, history }`',
    },
    { path: ['client_secret'], message: 'missing required key `client_secret`: expected a string' },
    { path: ['expires_at'], message: 'missing required key `expires_at`: expected an integer' },
    { path: ['rate_limits'], message: 'missing required key `rate_limits`: expected an object `{ max_requests_per_1_minute }`' },
    { path: ['user'], message: 'missing required key `user`: expected a string' },
    { path: ['workflow', 'tracing'], message: 'missing required key `tracing`: expected an object `{ enabled }`' },
  ];
  const STATE_VARIABLES_MISSING: Issue = {
    path: ['workflow', 'state_variables'],
    message: 'missing required key `state_variables`: expected an object or null',
  };

  it('pins the verdict on the literal cancel example: rejected, loose (the missing state_variables taken as null)', () => {
    expect(chatSession(CANCEL_EXAMPLE, 'loose')).toEqual(CANCEL_MISSING);
  });

  it('pins the verdict on the literal cancel example: rejected, strict (plus the extra keys and state_variables)', () => {
    expect(chatSession(CANCEL_EXAMPLE, 'strict')).toEqual([
      ...CANCEL_MISSING.slice(0, -1),
      STATE_VARIABLES_MISSING,
      ...CANCEL_MISSING.slice(-1),
      { path: ['scope'], message: 'unknown key `scope` in `ChatSession`' },
      { path: ['ttl_seconds'], message: 'unknown key `ttl_seconds` in `ChatSession`' },
      { path: ['cancelled_at'], message: 'unknown key `cancelled_at` in `ChatSession`' },
    ]);
  });

  it("pins the verdict on the second create example's response: rejected (a partial session)", () => {
    const response = {
      client_secret: 'chatkit_token_123',
      expires_at: 1735689600,
      workflow: { id: 'workflow_alpha', version: '2024-10-01' },
      scope: { project: 'alpha', environment: 'staging' },
      max_requests_per_1_minute: 60,
      max_requests_per_session: 500,
      status: 'active',
    };
    expect(chatSession(response, 'loose')).toEqual<Issue[]>([
      { path: ['id'], message: 'missing required key `id`: expected a string' },
      {
        path: ['chatkit_configuration'],
        message: 'missing required key `chatkit_configuration`: expected an object `{ automatic_thread_titling, file_upload, history }`',
      },
      { path: ['object'], message: "missing required key `object`: expected 'chatkit.session'" },
      { path: ['rate_limits'], message: 'missing required key `rate_limits`: expected an object `{ max_requests_per_1_minute }`' },
      { path: ['user'], message: 'missing required key `user`: expected a string' },
      { path: ['workflow', 'tracing'], message: 'missing required key `tracing`: expected an object `{ enabled }`' },
    ]);
  });

  it('never changes the value it checks', () => {
    const cancelled = structuredClone({ ...FULL_SESSION, ttl_seconds: 900 });
    const before = JSON.stringify(cancelled);
    chatSession(cancelled, 'strict');
    chatSession(cancelled, 'loose');
    expect(JSON.stringify(cancelled)).toBe(before);
  });
});

describe('messages a person understands', () => {
  it('a 70-character state variable key and a nested value', () => {
    const key = 'k'.repeat(70);
    expect(createParams({ user: 'u', workflow: { id: 'w', state_variables: { [key]: 'v', nested: { a: 1 } } } })).toEqual<Issue[]>([
      { path: ['workflow', 'state_variables', key], message: 'invalid key: expected at most 64 characters, found 70' },
      { path: ['workflow', 'state_variables', 'nested'], message: 'expected a string, a boolean or a number; found an object' },
    ]);
  });

  it('bounds, lengths, constants and integers', () => {
    const body = {
      user: '',
      workflow: { id: 'w' },
      expires_after: { anchor: 'now', seconds: 1800 },
      chatkit_configuration: { file_upload: { max_file_size: 513, max_files: 1.5 } },
    };
    expect(createParams(body)).toEqual<Issue[]>([
      { path: ['user'], message: 'expected at least 1 character, found 0' },
      { path: ['chatkit_configuration', 'file_upload', 'max_file_size'], message: 'expected at most 512, found 513' },
      { path: ['chatkit_configuration', 'file_upload', 'max_files'], message: 'expected an integer, found number 1.5' },
      { path: ['expires_after', 'anchor'], message: "expected 'created_at'; found 'now'" },
      { path: ['expires_after', 'seconds'], message: 'expected at most 600, found 1800' },
    ]);
  });

  it('counts code points, not UTF-16 units', () => {
    const emoji = '😀'.repeat(64); // 128 UTF-16 units, 64 characters
    expect(createParams({ user: 'u', workflow: { id: 'w', state_variables: { [emoji]: true } } })).toEqual([]);
    expect(createParams({ user: 'u', workflow: { id: 'w', state_variables: { [`${emoji}😀`]: true } } })).toEqual([
      { path: ['workflow', 'state_variables', `${emoji}😀`], message: 'invalid key: expected at most 64 characters, found 65' },
    ]);
  });

  it('an enum value the spec does not list: kept in loose mode (a newer API), rejected in request and strict mode', () => {
    const unlisted = { path: ['status'], message: "expected one of 'active', 'expired', 'cancelled'; found 'paused'" };
    expect(chatSession({ ...FULL_SESSION, status: 'paused' })).toEqual([]);
    expect(chatSession({ ...FULL_SESSION, status: 'paused' }, 'request')).toEqual([unlisted]);
    expect(chatSession({ ...FULL_SESSION, status: 'paused' }, 'strict')).toEqual([unlisted]);
    // a value of another JSON type is not a newer value: rejected in every mode
    expect(chatSession({ ...FULL_SESSION, status: 7 })).toEqual([
      { path: ['status'], message: "expected one of 'active', 'expired', 'cancelled'; found number 7" },
    ]);
  });

  it('a body that is not an object', () => {
    expect(createParams(null)).toEqual([
      { path: [], message: 'expected an object `{ user, workflow, chatkit_configuration, expires_after, rate_limits }`, found null' },
    ]);
  });
});
