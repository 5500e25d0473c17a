// The wire differential test: the same calls through the generated ChatKitClient and
// through the official `openai` SDK, against one recording server on 127.0.0.1, must put the
// same requests on the wire: method, path, query, body bytes and headers, except the headers
// that only name the SDK, the platform or the runtime (see IGNORED_HEADERS).
import { isDeepStrictEqual } from 'node:util';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChatKitClient,
  type ListChatKitThreadItemsQueryParams,
  type ListChatKitThreadsQueryParams,
  type RequestOptions,
  type SessionCreateParams,
} from '../../generated/src/index.js';
import { clearOpenAIEnv } from '../support/openai-env.js';
import { json, startRecordingServer, type RecordedRequest, type RecordingServer } from '../support/recording-server.js';

const API_KEY = 'sk-differential-0123456789';

// ---- what is not compared, and why --------------------------------------------------------

/**
 * Headers left out of the comparison. Everything else is compared, including the headers the
 * fetch implementation adds (host, connection, content-length, accept-encoding,
 * accept-language, sec-fetch-mode): both clients use the same global fetch against the same
 * server, so those must come out identical, and a content-length that differs means the bodies
 * differ.
 */
const IGNORED_HEADERS: readonly { readonly name: RegExp; readonly reason: string }[] = [
  // `OpenAI/JS 7.57.0` from the official SDK; undici's default `node` for us. Names the SDK.
  { name: /^user-agent$/, reason: 'names the SDK (or the runtime, when fetch fills it in)' },
  // x-stainless-lang/-package-version/-os/-arch/-runtime/-runtime-version/-retry-count/-timeout:
  // the official SDK's telemetry about itself and the machine it runs on.
  { name: /^x-stainless-/, reason: "the official SDK's telemetry (SDK, OS, arch, runtime, retry count, timeout)" },
  // x-sdkgen-client/-retry-count/-timeout: ours, the same telemetry under our own prefix.
  { name: /^x-sdkgen-/, reason: "our client's telemetry (package, retry count, timeout)" },
];

function ignored(name: string): boolean {
  return IGNORED_HEADERS.some((rule) => rule.name.test(name));
}

// ---- the recording server (test/support/recording-server.ts) ------------------------------

interface Recorded {
  readonly method: string;
  /** The request target exactly as sent: path and query, still percent-encoded. */
  readonly target: string;
  /** Lowercase name -> every value sent under it, in order (a name sent twice shows up twice). */
  readonly headers: ReadonlyMap<string, readonly string[]>;
  readonly body: Buffer;
}

const THREAD = { id: 'cthr_123', object: 'chatkit.thread', created_at: 1735689600, status: { type: 'active' }, title: null, user: 'u_1' };
const SESSION = {
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
};

/** A valid response for each route, so that both clients resolve (ours validates responses). */
function answer(method: string, pathname: string): unknown {
  if (method === 'POST' && pathname === '/v1/chatkit/sessions') return SESSION;
  if (method === 'POST' && /^\/v1\/chatkit\/sessions\/[^/]+\/cancel$/.test(pathname)) return { ...SESSION, status: 'cancelled' };
  if (method === 'GET' && pathname === '/v1/chatkit/threads') {
    return { object: 'list', data: [THREAD], first_id: THREAD.id, last_id: THREAD.id, has_more: true };
  }
  if (method === 'GET' && /^\/v1\/chatkit\/threads\/[^/]+\/items$/.test(pathname)) {
    return { object: 'list', data: [], first_id: null, last_id: null, has_more: false };
  }
  if (method === 'GET' && /^\/v1\/chatkit\/threads\/[^/]+$/.test(pathname)) return THREAD;
  if (method === 'DELETE' && /^\/v1\/chatkit\/threads\/[^/]+$/.test(pathname)) {
    return { id: THREAD.id, object: 'chatkit.thread.deleted', deleted: true };
  }
  return undefined;
}

let server: RecordingServer;
let baseURL: string;

/** The wire view of a recorded request: the raw target and every header value in order. */
function wireView(request: RecordedRequest): Recorded {
  const headers = new Map<string, string[]>();
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i]!.toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), request.rawHeaders[i + 1]!]);
  }
  return { method: request.method, target: request.url, headers, body: request.raw };
}

let restoreEnv: () => void;

beforeAll(async () => {
  // the official SDK reads OPENAI_* variables; none may leak in from the machine running the tests
  restoreEnv = clearOpenAIEnv();
  server = await startRecordingServer();
  server.respond((request, response) => {
    const body = answer(request.method, new URL(request.url, 'http://x').pathname);
    json(
      response,
      body === undefined ? 404 : 200,
      body ?? { error: { message: `no route for ${request.method} ${request.url}`, type: 'test' } },
    );
  });
  baseURL = `${server.url}/v1`;
});

afterAll(async () => {
  await server.close();
  restoreEnv();
});

// ---- the calls ----------------------------------------------------------------------------

type Headers = Record<string, string | null | undefined>;
type Query = {
  after?: string | undefined;
  before?: string | undefined;
  limit?: number | undefined;
  order?: 'asc' | 'desc' | undefined;
  user?: string | undefined;
};

/** One call, said once and run through both clients. */
type Call =
  | { readonly op: 'sessions.create'; readonly body: Record<string, unknown> }
  | { readonly op: 'sessions.cancel'; readonly id: string }
  | { readonly op: 'threads.list'; readonly query?: Query }
  | { readonly op: 'threads.retrieve'; readonly id: string }
  | { readonly op: 'threads.delete'; readonly id: string }
  | { readonly op: 'threads.listItems'; readonly id: string; readonly query?: Query };

interface Case {
  readonly name: string;
  readonly call: Call;
  /** Per-request headers, given to both clients. */
  readonly headers?: Headers;
  /** Client options both clients support. */
  readonly client?: { readonly defaultHeaders?: Headers; readonly defaultQuery?: Record<string, string> };
  /**
   * Our client checks requests against the spec; the official SDK sends anything. Only for
   * bodies the spec rejects but whose encoding still matters (the spec has no nullable
   * request field, so `null` can only be sent this way).
   */
  readonly unvalidated?: true;
}

const MINIMAL = { user: 'u_1', workflow: { id: 'wf_1' } } satisfies SessionCreateParams;
const FULL = {
  user: 'user_ünïcødé "quoted" \\ / <tag> \u2028',
  workflow: {
    id: 'wf_68df4b13b3588190a09d19288d4610ec0b5a1a2b3c4d5e6f',
    version: '3',
    state_variables: { plan: 'pro', beta: true, seats: 12, ratio: 0.25, empty: '', emoji: '🧪' },
    tracing: { enabled: false },
  },
  chatkit_configuration: {
    automatic_thread_titling: { enabled: false },
    file_upload: { enabled: true, max_file_size: 512, max_files: 3 },
    history: { enabled: true, recent_threads: 20 },
  },
  expires_after: { anchor: 'created_at', seconds: 600 },
  rate_limits: { max_requests_per_1_minute: 60 },
} satisfies SessionCreateParams;

// Ids that need percent-encoding: slash, query and fragment characters, space, percent,
// non-ASCII, and the RFC 3986 sub-delimiters and `:`/`@` that may stay literal in a segment.
// Ids a server could read as a dot segment (`a/../b`, `%2e%2e`) are where sdkgen parts from the
// official SDK on purpose: it refuses them before the network (test/runtime-core/hostile-bodies.test.ts).
const AWKWARD_IDS = ['cksess/a?b#c', 'with space%20and%2F', 'ünï😀', "sub:delims@!$&'()*+,;=", '~-._', 'a%2eb..c'];

const CASES: readonly Case[] = [
  { name: 'create, minimal body', call: { op: 'sessions.create', body: MINIMAL } },
  { name: 'create, every field', call: { op: 'sessions.create', body: FULL } },
  {
    name: 'create, undefined fields are dropped',
    call: {
      op: 'sessions.create',
      body: {
        user: 'u_1',
        workflow: { id: 'wf_1', version: undefined, tracing: undefined },
        expires_after: undefined,
        rate_limits: undefined,
      },
    },
  },
  {
    name: 'create, null fields are kept (unvalidated: the spec has no nullable request field)',
    call: {
      op: 'sessions.create',
      body: { user: 'u_1', workflow: { id: 'wf_1', version: null, state_variables: null }, rate_limits: null },
    },
    unvalidated: true,
  },
  {
    name: 'create, keys in an unusual order and nested undefined and null together',
    call: {
      op: 'sessions.create',
      body: {
        workflow: { tracing: { enabled: true }, id: 'wf_1', state_variables: { b: 1, a: 'x' } },
        user: 'u_2',
        chatkit_configuration: { history: { recent_threads: 1 } },
      },
    },
  },
  ...AWKWARD_IDS.map((id): Case => ({ name: `cancel ${JSON.stringify(id)}`, call: { op: 'sessions.cancel', id } })),
  { name: 'cancel, no body and no content-type', call: { op: 'sessions.cancel', id: 'cksess_123' } },

  // Per-request headers: they apply last, case-insensitively; null removes.
  { name: 'per-request header added', call: { op: 'sessions.create', body: MINIMAL }, headers: { 'X-Trace-Id': 'trace-1' } },
  {
    name: 'per-request lowercase override of OpenAI-Beta',
    call: { op: 'sessions.create', body: MINIMAL },
    headers: { 'openai-beta': 'chatkit_beta=v2' },
  },
  {
    name: 'per-request UPPERCASE override of Accept',
    call: { op: 'threads.retrieve', id: 'cthr_1' },
    headers: { ACCEPT: 'application/vnd.test+json' },
  },
  {
    name: 'per-request Content-Type override with a body',
    call: { op: 'sessions.create', body: MINIMAL },
    headers: { 'content-TYPE': 'application/json; charset=utf-8' },
  },
  {
    name: 'per-request Authorization override',
    call: { op: 'threads.delete', id: 'cthr_1' },
    headers: { authorization: 'Bearer sk-other' },
  },
  { name: 'per-request null removes OpenAI-Beta', call: { op: 'sessions.cancel', id: 'cksess_1' }, headers: { 'OpenAI-Beta': null } },
  { name: 'per-request null removes Accept', call: { op: 'threads.list' }, headers: { accept: null } },
  { name: 'per-request null removes Authorization', call: { op: 'threads.retrieve', id: 'cthr_1' }, headers: { Authorization: null } },
  {
    name: 'per-request null removes Content-Type (fetch adds text/plain)',
    call: { op: 'sessions.create', body: MINIMAL },
    headers: { 'Content-Type': null },
  },
  { name: 'per-request null for a header never sent', call: { op: 'sessions.create', body: MINIMAL }, headers: { 'X-Not-There': null } },
  {
    name: 'per-request undefined changes nothing',
    call: { op: 'sessions.create', body: MINIMAL },
    headers: { 'OpenAI-Beta': undefined, Accept: undefined },
  },

  // Client-wide defaultHeaders: below the operation's own headers and the per-request ones.
  { name: 'defaultHeaders add a header', call: { op: 'sessions.create', body: MINIMAL }, client: { defaultHeaders: { 'X-Team': 'core' } } },
  {
    name: 'defaultHeaders overridden per request, in another case',
    call: { op: 'threads.list', query: { limit: 2 } },
    client: { defaultHeaders: { 'X-Team': 'core' } },
    headers: { 'x-team': 'web' },
  },
  {
    name: 'defaultHeaders replace Accept',
    call: { op: 'threads.retrieve', id: 'cthr_1' },
    client: { defaultHeaders: { Accept: 'text/plain' } },
  },
  {
    name: 'defaultHeaders null removes Accept',
    call: { op: 'threads.delete', id: 'cthr_1' },
    client: { defaultHeaders: { accept: null } },
  },
  {
    name: 'defaultHeaders null removes Authorization',
    call: { op: 'sessions.create', body: MINIMAL },
    client: { defaultHeaders: { authorization: null } },
  },
  {
    name: "defaultHeaders cannot replace the operation's OpenAI-Beta",
    call: { op: 'sessions.create', body: MINIMAL },
    client: { defaultHeaders: { 'OpenAI-Beta': 'chatkit_beta=v0' } },
  },
  {
    name: "defaultHeaders null cannot remove the operation's OpenAI-Beta",
    call: { op: 'sessions.cancel', id: 'cksess_1' },
    client: { defaultHeaders: { 'openai-beta': null } },
  },
  {
    name: 'defaultHeaders Content-Type replaced for a body',
    call: { op: 'sessions.create', body: MINIMAL },
    client: { defaultHeaders: { 'Content-Type': 'application/json; charset=utf-8' } },
  },

  // defaultQuery: both clients take one.
  {
    name: 'defaultQuery on a call without a query',
    call: { op: 'sessions.create', body: MINIMAL },
    client: { defaultQuery: { 'api-version': '2025-01-01' } },
  },
  {
    name: 'defaultQuery merged with a call query; the call wins a shared key',
    call: { op: 'threads.list', query: { limit: 5, order: 'asc' } },
    client: { defaultQuery: { 'api-version': '2025-01-01', limit: '99' } },
  },

  // Threads.
  { name: 'threads.list, no query', call: { op: 'threads.list' } },
  { name: 'threads.list, empty query object', call: { op: 'threads.list', query: {} } },
  {
    name: 'threads.list, limit order after user',
    call: { op: 'threads.list', query: { limit: 20, order: 'desc', after: 'cthr_abc', user: 'u_1' } },
  },
  {
    name: 'threads.list, values needing encoding',
    call: { op: 'threads.list', query: { limit: 0, order: 'asc', after: 'a b&c=d#e/f?g', before: 'ü+%', user: "o'brien (x)*!~" } },
  },
  {
    name: 'threads.list, undefined query values are left out',
    call: { op: 'threads.list', query: { limit: undefined, user: 'u_1', after: undefined } },
  },
  { name: 'threads.retrieve', call: { op: 'threads.retrieve', id: 'cthr_123' } },
  { name: 'threads.retrieve, awkward id', call: { op: 'threads.retrieve', id: 'a/b?c#d e' } },
  { name: 'threads.delete', call: { op: 'threads.delete', id: 'cthr_123' } },
  { name: 'threads.delete, awkward id', call: { op: 'threads.delete', id: "th:r@ad!$&'()*+,;=" } },
  { name: 'threads.listItems, no query', call: { op: 'threads.listItems', id: 'cthr_123' } },
  {
    name: 'threads.listItems, limit order after',
    call: { op: 'threads.listItems', id: 'cthr_123', query: { limit: 100, order: 'asc', after: 'cthi_9', before: 'cthi_1' } },
  },
  { name: 'threads.listItems, awkward id', call: { op: 'threads.listItems', id: 'ünï/😀', query: { limit: 1 } } },
];

// ---- running a call through each client ---------------------------------------------------

async function runOurs(test: Case): Promise<void> {
  const client = new ChatKitClient({
    apiKey: API_KEY,
    baseURL,
    maxRetries: 0,
    logLevel: 'off',
    ...(test.client?.defaultHeaders === undefined ? {} : { defaultHeaders: test.client.defaultHeaders }),
    ...(test.client?.defaultQuery === undefined ? {} : { defaultQuery: test.client.defaultQuery }),
  });
  const options: RequestOptions = {
    ...(test.headers === undefined ? {} : { headers: test.headers }),
    ...(test.unvalidated === true ? { validate: false } : {}),
  };
  const call = test.call;
  switch (call.op) {
    case 'sessions.create':
      return void (await client.chatkit.sessions.create(call.body as unknown as SessionCreateParams, options));
    case 'sessions.cancel':
      return void (await client.chatkit.sessions.cancel(call.id, options));
    case 'threads.list':
      return void (await client.chatkit.threads.list(call.query as ListChatKitThreadsQueryParams | undefined, options)); // the first page only
    case 'threads.retrieve':
      return void (await client.chatkit.threads.retrieve(call.id, options));
    case 'threads.delete':
      return void (await client.chatkit.threads.delete(call.id, options));
    case 'threads.listItems':
      return void (await client.chatkit.threads.listItems(call.id, call.query as ListChatKitThreadItemsQueryParams | undefined, options)); // the first page only
  }
}

async function runOfficial(test: Case): Promise<void> {
  const client = new OpenAI({
    apiKey: API_KEY,
    baseURL,
    maxRetries: 0,
    organization: null,
    project: null,
    logLevel: 'off',
    ...(test.client?.defaultHeaders === undefined ? {} : { defaultHeaders: test.client.defaultHeaders }),
    ...(test.client?.defaultQuery === undefined ? {} : { defaultQuery: test.client.defaultQuery }),
  });
  const options = test.headers === undefined ? undefined : { headers: test.headers };
  const chatkit = client.beta.chatkit;
  const call = test.call;
  // The official types differ in small ways (optional vs. `| undefined`); the values are the same.
  switch (call.op) {
    case 'sessions.create':
      return void (await chatkit.sessions.create(call.body as never, options));
    case 'sessions.cancel':
      return void (await chatkit.sessions.cancel(call.id, options));
    case 'threads.list':
      return void (await chatkit.threads.list(call.query as never, options));
    case 'threads.retrieve':
      return void (await chatkit.threads.retrieve(call.id, options));
    case 'threads.delete':
      return void (await chatkit.threads.delete(call.id, options));
    case 'threads.listItems':
      return void (await chatkit.threads.listItems(call.id, call.query as never, options));
  }
}

/** Runs one client's call and returns the single request it sent. */
async function capture(run: () => Promise<void>): Promise<Recorded> {
  server.requests.length = 0;
  await run();
  expect(server.requests, 'each call sends exactly one request (maxRetries 0, first page only)').toHaveLength(1);
  return wireView(server.requests[0]!);
}

// ---- comparing ----------------------------------------------------------------------------

function show(value: readonly string[] | undefined): string {
  if (value === undefined) return '(not sent)';
  return value.length === 1 ? JSON.stringify(value[0]) : JSON.stringify(value);
}

/** Sorted `name=value` pairs, decoded: the query as a server reads it. */
function queryPairs(target: string): string[] {
  const at = target.indexOf('?');
  if (at === -1) return [];
  return [...new URLSearchParams(target.slice(at + 1))].map(([name, value]) => `${name}=${value}`).sort();
}

function pathOf(target: string): string {
  const at = target.indexOf('?');
  return at === -1 ? target : target.slice(0, at);
}

function parsedBody(body: Buffer): unknown {
  if (body.length === 0) return '(no body)';
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return `(not JSON) ${body.toString('utf8')}`;
  }
}

/** Every difference as one readable line; empty when the requests match. */
function differences(official: Recorded, ours: Recorded): string[] {
  const out: string[] = [];
  const line = (what: string, theirs: string, mine: string): void => {
    out.push(`${what}:\n    official: ${theirs}\n    ours:     ${mine}`);
  };
  if (official.method !== ours.method) line('method', official.method, ours.method);
  // The path byte for byte: a server may treat `%3A` and `:` differently.
  if (pathOf(official.target) !== pathOf(ours.target)) line('path', pathOf(official.target), pathOf(ours.target));
  // The query as a server decodes it, in any order: the official SDK orders parameters as the
  // caller's object does and puts defaultQuery first; ours follows the spec, defaultQuery last.
  const [theirQuery, ourQuery] = [queryPairs(official.target), queryPairs(ours.target)];
  if (JSON.stringify(theirQuery) !== JSON.stringify(ourQuery)) line('query (decoded, sorted)', theirQuery.join('&'), ourQuery.join('&'));
  // The body: parsed JSON first (the readable diff), then the exact bytes (key order, spacing, escapes).
  const [theirBody, ourBody] = [parsedBody(official.body), parsedBody(ours.body)];
  if (!isDeepStrictEqual(theirBody, ourBody)) line('body (parsed)', JSON.stringify(theirBody), JSON.stringify(ourBody));
  else if (!official.body.equals(ours.body)) line('body (bytes)', official.body.toString('utf8'), ours.body.toString('utf8'));
  const names = new Set([...official.headers.keys(), ...ours.headers.keys()]);
  for (const name of [...names].sort()) {
    if (ignored(name)) continue;
    const [theirs, mine] = [official.headers.get(name), ours.headers.get(name)];
    if (JSON.stringify(theirs) !== JSON.stringify(mine)) line(`header ${name}`, show(theirs), show(mine));
  }
  return out;
}

describe('wire differential: generated ChatKitClient vs the official openai SDK', () => {
  it.each(CASES.map((test) => [test.name, test] as const))('%s', async (_name, test) => {
    const ours = await capture(() => runOurs(test));
    const official = await capture(() => runOfficial(test));

    const diff = differences(official, ours);
    expect(diff.join('\n'), `requests differ for "${test.name}"`).toBe('');

    // Nothing of ours beyond the official SDK's headers, other than our own telemetry.
    const extra = [...ours.headers.keys()].filter((name) => !official.headers.has(name) && !name.startsWith('x-sdkgen-'));
    expect(extra, 'headers we send that the official SDK does not').toEqual([]);
    // No header is sent twice, whatever case the layers used.
    for (const [name, values] of ours.headers) expect(values, `header ${name} sent once`).toHaveLength(1);
  });

  it('sends the documented request shape (a sanity check on the comparison itself)', async () => {
    const create = await capture(() => runOurs({ name: 'create', call: { op: 'sessions.create', body: MINIMAL } }));
    expect(create.method).toBe('POST');
    expect(create.target).toBe('/v1/chatkit/sessions');
    expect(create.headers.get('authorization')).toEqual([`Bearer ${API_KEY}`]);
    expect(create.headers.get('openai-beta')).toEqual(['chatkit_beta=v1']);
    expect(create.headers.get('accept')).toEqual(['application/json']);
    expect(create.headers.get('content-type')).toEqual(['application/json']);
    expect(create.body.toString('utf8')).toBe('{"user":"u_1","workflow":{"id":"wf_1"}}');

    const cancel = await capture(() => runOurs({ name: 'cancel', call: { op: 'sessions.cancel', id: 'a/b' } }));
    expect(cancel.target).toBe('/v1/chatkit/sessions/a%2Fb/cancel');
    expect(cancel.headers.has('content-type')).toBe(false);
    expect(cancel.body.length).toBe(0);

    // The comparison does see a difference when there is one.
    const changed = { ...create, body: Buffer.from('{"user":"u_1","workflow":{"id":"wf_2"}}') };
    expect(differences(create, changed)).toEqual([expect.stringContaining('body (parsed)')]);
    const reordered = { ...create, body: Buffer.from('{"workflow":{"id":"wf_1"},"user":"u_1"}') };
    expect(differences(create, reordered)).toEqual([expect.stringContaining('body (bytes)')]);
    const extraHeader = { ...create, headers: new Map([...create.headers, ['x-extra', ['1']]]) };
    expect(differences(create, extraHeader)).toEqual([expect.stringContaining('header x-extra')]);
  });
});
