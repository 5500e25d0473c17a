// The response side of the wire differential: what a newer version of the API answers (fields
// the spec does not list, on every object; an enum value, a union tag and a list item type it
// does not list yet) goes through the generated ChatKitClient, with its default 'loose' response
// validation, and through the official `openai` SDK, which does not validate: both must resolve
// to the same values; so does a body that leaves out a field the spec allows to be null. Where
// they part on purpose is pinned too: a body that contradicts what the
// spec does describe is a ValidationError for ours, returned as it came by the official SDK.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatKitClient, ValidationError } from '../../generated/src/index.js';
import { asJson, collect } from '../support/async-items.js';
import { clearOpenAIEnv } from '../support/openai-env.js';
import { json, startRecordingServer, type RecordingServer } from '../support/recording-server.js';

const API_KEY = 'sk-differential-0123456789';

/** A session as a newer API sends it: a status and fields, at every level, that the spec does not list. */
const NEWER_SESSION = {
  id: 'cksess_123',
  object: 'chatkit.session',
  chatkit_configuration: {
    automatic_thread_titling: { enabled: true, model: 'small' },
    file_upload: { enabled: true, max_file_size: 512, max_files: 10, allowed_types: ['pdf'] },
    history: { enabled: true, recent_threads: null },
    voice: { enabled: false },
  },
  client_secret: 'ek_secret',
  expires_at: 1735689600,
  max_requests_per_1_minute: 10,
  rate_limits: { max_requests_per_1_minute: 10, max_tokens_per_1_minute: 1000 },
  status: 'paused',
  user: 'u_1',
  workflow: { id: 'wf_1', state_variables: null, tracing: { enabled: true, sample_rate: 0.5 }, version: null },
  region: 'eu',
};

/** A thread in a status (a union tag) the spec does not list, with a field more. */
const NEWER_THREAD = {
  id: 'cthr_1',
  object: 'chatkit.thread',
  created_at: 1735689600,
  status: { type: 'archived', archived_at: 1735689700 },
  title: null,
  user: 'u_1',
  pinned: true,
};

/** Two pages of items: a user message with a field more, then an item type the spec does not list. */
const NEWER_ITEMS = [
  {
    id: 'cthi_1',
    object: 'chatkit.thread_item',
    type: 'chatkit.user_message',
    thread_id: 'cthr_1',
    created_at: 1735689600,
    attachments: [],
    content: [{ type: 'input_text', text: 'hello', language: 'en' }],
    inference_options: null,
    edited: false,
  },
  { id: 'cthi_2', object: 'chatkit.thread_item', type: 'chatkit.audio_clip', thread_id: 'cthr_1', created_at: 1735689601, seconds: 3 },
];

let server: RecordingServer;
let restoreEnv: () => void;
let ours: ChatKitClient;
let official: OpenAI;

beforeAll(async () => {
  restoreEnv = clearOpenAIEnv();
  server = await startRecordingServer();
  const baseURL = `${server.url}/v1`;
  ours = new ChatKitClient({ apiKey: API_KEY, baseURL, maxRetries: 0, logLevel: 'off' });
  official = new OpenAI({ apiKey: API_KEY, baseURL, maxRetries: 0, organization: null, project: null, logLevel: 'off' });
});

afterAll(async () => {
  await server.close();
  restoreEnv();
});

/** Answers every route with what a newer API sends; `session` replaces the session body. */
function serveNewer(session: unknown = NEWER_SESSION): void {
  server.respond((request, response) => {
    const url = new URL(request.url, 'http://x');
    if (url.pathname.startsWith('/v1/chatkit/sessions')) return json(response, 200, session);
    if (url.pathname === '/v1/chatkit/threads/cthr_1/items') {
      const second = url.searchParams.get('after') === 'cthi_1';
      const data = second ? [NEWER_ITEMS[1]] : [NEWER_ITEMS[0]];
      return json(response, 200, { object: 'list', data, first_id: data[0]!.id, last_id: data[0]!.id, has_more: !second });
    }
    if (url.pathname === '/v1/chatkit/threads/cthr_1') return json(response, 200, NEWER_THREAD);
    return json(response, 404, { error: { message: `no route for ${request.method} ${request.url}`, type: 'test' } });
  });
}

describe('response differential: a newer API through the generated client and the official openai SDK', () => {
  it('a session with a status and fields the spec does not list: both resolve to it, as sent', async () => {
    serveNewer();
    const body = { user: 'u_1', workflow: { id: 'wf_1' } };
    const [mine, theirs] = [await ours.chatkit.sessions.create(body), await official.beta.chatkit.sessions.create(body)];
    expect(asJson(mine)).toEqual(NEWER_SESSION);
    expect(asJson(mine)).toEqual(asJson(theirs));
    const [cancelled, theirCancelled] = [
      await ours.chatkit.sessions.cancel('cksess_123'),
      await official.beta.chatkit.sessions.cancel('cksess_123'),
    ];
    expect(asJson(cancelled)).toEqual(asJson(theirCancelled));
  });

  it('a session whose workflow leaves out its nullable fields, as the API reference examples do: both resolve to it', async () => {
    // state_variables and version are required and nullable: the reference's examples leave them out
    const { state_variables: _state, version: _version, ...workflow } = NEWER_SESSION.workflow;
    const session = { ...NEWER_SESSION, workflow };
    serveNewer(session);
    const body = { user: 'u_1', workflow: { id: 'wf_1' } };
    const [mine, theirs] = [await ours.chatkit.sessions.create(body), await official.beta.chatkit.sessions.create(body)];
    expect(asJson(mine)).toEqual(session);
    expect(asJson(mine)).toEqual(asJson(theirs));
  });

  it('a thread whose status is a union tag the spec does not list', async () => {
    serveNewer();
    const [mine, theirs] = [await ours.chatkit.threads.retrieve('cthr_1'), await official.beta.chatkit.threads.retrieve('cthr_1')];
    expect(asJson(mine)).toEqual(NEWER_THREAD);
    expect(asJson(mine)).toEqual(asJson(theirs));
  });

  it('list items of a type the spec does not list, over two pages: both iterate the same items', async () => {
    serveNewer();
    const [mine, theirs] = [
      await collect(ours.chatkit.threads.listItems('cthr_1')),
      await collect(official.beta.chatkit.threads.listItems('cthr_1')),
    ];
    expect(asJson(mine)).toEqual(NEWER_ITEMS);
    expect(asJson(mine)).toEqual(asJson(theirs));
  });

  it('where they part on purpose: a body that contradicts what the spec describes is a ValidationError for ours only', async () => {
    serveNewer({ ...NEWER_SESSION, expires_at: 'soon', status: 7 });
    const body = { user: 'u_1', workflow: { id: 'wf_1' } };
    expect(asJson(await official.beta.chatkit.sessions.create(body))).toMatchObject({ expires_at: 'soon', status: 7 });
    const error = await ours.chatkit.sessions.create(body).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual([['expires_at'], ['status']]);
    // 'strict' asks for exactly the spec: the newer session's unlisted status and extra fields are named
    serveNewer();
    const strict = new ChatKitClient({
      apiKey: API_KEY,
      baseURL: `${server.url}/v1`,
      maxRetries: 0,
      logLevel: 'off',
      responseValidation: 'strict',
    });
    await expect(strict.chatkit.sessions.create(body)).rejects.toBeInstanceOf(ValidationError);
  });
});
