// The multi-runtime smoke scenario, written once. Node (ESM and CJS), Deno, Bun, workerd and
// Chromium all load this file as it is and call runScenario with the package's module
// namespaces, however that runtime imported them, and the base URL of the test's API server
// (test/multi-runtime/support/api-server.ts). Plain JavaScript with no imports and no host
// APIs beyond the web-standard ones, so every runtime can load it unchanged.
//
// It never throws: each step records what happened, every deviation from the expected
// outcome is added to `failures`, and the whole result is JSON so that it can cross a process
// boundary. The test asserts on the result and on what the server received.

/** Runners print this, then the result as JSON, on one line of stdout. */
export const RESULT_MARKER = '@@multi-runtime-result@@';

/** The API key the scenario uses; the server rejects any other. */
export const API_KEY = 'sk-multi-runtime-test';

/** The body the scenario sends with `create`. */
export const CREATE_BODY = { user: 'u_multi_runtime', workflow: { id: 'wf_multi_runtime' } };

/** A body that must never reach the server: `expires_after` is an object, not a number of seconds. */
export const INVALID_BODY = { user: 'u_never_sent', workflow: { id: 'wf_1' }, expires_after: 1800 };

/**
 * @param {{ client: Record<string, any>, validators: Record<string, any> }} modules
 *   the namespaces of `chatkit-client` and `chatkit-client/validators`
 * @param {string} serverURL the API server's origin, e.g. `http://127.0.0.1:40123`
 */
export async function runScenario(modules, serverURL) {
  const { client: sdk, validators } = modules;
  /** @type {string[]} */
  const failures = [];
  /** @type {Record<string, unknown>} */
  const steps = {};
  const expect = (step, condition, message) => {
    if (!condition) failures.push(`${step}: ${message}`);
  };

  /** Runs one step; an exception the step did not expect becomes a failure. */
  const step = async (name, body) => {
    const record = {};
    steps[name] = record;
    try {
      await body(record);
    } catch (error) {
      record.unexpectedError = describeError(error);
      failures.push(`${name}: unexpected ${record.unexpectedError.name}: ${record.unexpectedError.message}`);
    }
  };

  await step('exports', async (record) => {
    record.client = Object.keys(sdk).sort();
    record.validators = Object.keys(validators).sort();
    for (const name of ['ChatKitClient', 'ValidationError', 'NotFoundError', 'APIError', 'SDKError']) {
      expect('exports', typeof sdk[name] === 'function', `chatkit-client has no ${name} export`);
    }
    for (const method of ['is', 'assert', 'validate']) {
      expect('exports', typeof validators.ChatSession?.[method] === 'function', `chatkit-client/validators has no ChatSession.${method}`);
    }
    expect('exports', typeof validators.ChatSession?.['~standard']?.validate === 'function', 'ChatSession is not a Standard Schema');
  });

  const client = new sdk.ChatKitClient({
    apiKey: API_KEY,
    baseURL: `${serverURL}/v1`,
    timeout: 10_000,
    logLevel: 'off',
    // Harmless outside a page; in Chromium it is what lets the client run at all.
    dangerouslyAllowBrowser: true,
  });

  let sessionID = '';
  await step('create', async (record) => {
    const session = await client.chatkit.sessions.create(CREATE_BODY);
    sessionID = session.id;
    record.id = session.id;
    record.status = session.status;
    record.user = session.user;
    // `is` is a plain function: it works passed on, without its object
    record.isChatSession = [session].filter(validators.ChatSession.is).length === 1;
    const result = await validators.ChatSession['~standard'].validate(session);
    record.standardIssues = result.issues ?? null;
    // The validator must also say no, or a validator that accepts anything would pass.
    const broken = await validators.ChatSession['~standard'].validate({ ...session, status: 42 });
    record.rejectsBroken = Array.isArray(broken.issues) && broken.issues.length > 0;
    record.brokenIssuePaths = (broken.issues ?? []).map((issue) => (issue.path ?? []).map(pathKey));
    expect('create', session.status === 'active', `status is ${JSON.stringify(session.status)}, expected "active"`);
    expect('create', session.user === CREATE_BODY.user, 'the session is not the one the server made for our body');
    expect('create', record.isChatSession === true, 'ChatSession.is(session) is false');
    expect('create', record.standardIssues === null, `ChatSession validate found issues: ${JSON.stringify(record.standardIssues)}`);
    expect('create', record.rejectsBroken, 'ChatSession validate accepted status: 42');
    expect('create', validators.ChatSession.is({ ...session, status: 42 }) === false, 'ChatSession.is accepted status: 42');
    record.validateIssuePaths = validators.ChatSession.validate({ ...session, status: 42 }).map((issue) => issue.path.map(pathKey));
    expect('create', JSON.stringify(record.validateIssuePaths) === '[["status"]]', `ChatSession.validate: ${JSON.stringify(record.validateIssuePaths)}`);
    const { assert } = validators.ChatSession;
    const thrown = (() => {
      try {
        assert({ ...session, status: 42 });
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    record.assertThrows = thrown instanceof sdk.ValidationError;
    expect('create', record.assertThrows, `ChatSession.assert of status: 42 threw ${String(thrown)}, not a ValidationError`);
  });

  await step('cancel', async (record) => {
    const session = await client.chatkit.sessions.cancel(sessionID);
    record.id = session.id;
    record.status = session.status;
    // Unknown response fields are kept (the server adds cancelled_at, as the API's example does).
    record.cancelledAt = session.cancelled_at ?? null;
    record.isChatSession = validators.ChatSession.is(session);
    expect('cancel', session.id === sessionID, `cancelled ${session.id}, expected ${sessionID}`);
    expect('cancel', session.status === 'cancelled', `status is ${JSON.stringify(session.status)}, expected "cancelled"`);
    expect('cancel', typeof record.cancelledAt === 'number', 'the unknown field cancelled_at was dropped');
    expect('cancel', record.isChatSession === true, 'ChatSession.is(cancelled session) is false');
  });

  await step('invalidBody', async (record) => {
    const error = await client.chatkit.sessions.create(INVALID_BODY).then(
      () => undefined,
      (caught) => caught,
    );
    record.error = describeError(error);
    record.isValidationError = error instanceof sdk.ValidationError;
    record.isSDKError = error instanceof sdk.SDKError;
    record.issuePaths = (error?.issues ?? []).map((issue) => issue.path.map(pathKey));
    expect('invalidBody', error !== undefined, 'the invalid body was accepted');
    expect('invalidBody', record.isValidationError, `expected ValidationError, got ${record.error.name}`);
    expect('invalidBody', record.isSDKError, 'ValidationError is not an SDKError');
    expect(
      'invalidBody',
      record.issuePaths.some((path) => path[0] === 'expires_after'),
      `no issue at expires_after: ${JSON.stringify(record.issuePaths)}`,
    );
  });

  await step('notFound', async (record) => {
    const error = await client.chatkit.sessions.cancel('cksess_missing').then(
      () => undefined,
      (caught) => caught,
    );
    record.error = describeError(error);
    record.isNotFoundError = error instanceof sdk.NotFoundError;
    record.isAPIError = error instanceof sdk.APIError;
    record.status = error?.status;
    record.requestID = error?.requestID ?? null;
    expect('notFound', record.isNotFoundError, `expected NotFoundError, got ${record.error.name}`);
    expect('notFound', record.isAPIError, 'NotFoundError is not an APIError');
    expect('notFound', record.status === 404, `status is ${record.status}`);
    expect('notFound', /not found/i.test(record.error.message), `message ${JSON.stringify(record.error.message)}`);
  });

  await step('retry', async (record) => {
    // The server answers the first attempt with 503 and the second with 200.
    const started = Date.now();
    const session = await client.chatkit.sessions.cancel('cksess_flaky');
    record.ms = Date.now() - started;
    record.id = session.id;
    record.status = session.status;
    expect('retry', session.id === 'cksess_flaky', `got session ${session.id}`);
    expect('retry', session.status === 'cancelled', `status is ${JSON.stringify(session.status)}`);
  });

  // Uploads and fetch-ready bodies with this runtime's own File, Blob, ReadableStream and
  // FormData (no request: the server expectations stay as they are).
  await step('uploads', async (record) => {
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('he'));
        controller.enqueue(new TextEncoder().encode('llo'));
        controller.close();
      },
    });
    const fromStream = await sdk.toFile(stream, 'dir/a.png', { type: 'image/png' });
    const fromChunks = await sdk.toFile((async function* () { yield 'ü'; yield new Uint8Array([0x21]); })());
    record.files = [
      [fromStream.name, fromStream.type, await fromStream.text()],
      [fromChunks.name, await fromChunks.text()],
    ];
    expect('uploads', JSON.stringify(record.files) === JSON.stringify([['dir/a.png', 'image/png', 'hello'], ['unknown_file', 'ü!']]), `toFile gave ${JSON.stringify(record.files)}`);
    const init = sdk.toRequestInit({ method: 'post', path: '/x', headers: { 'OpenAI-Beta': 'b' }, body: { a: 1 } });
    record.init = init;
    expect('uploads', JSON.stringify(init) === JSON.stringify({ method: 'POST', headers: { 'openai-beta': 'b', 'content-type': 'application/json' }, body: '{"a":1}' }), `toRequestInit gave ${JSON.stringify(init)}`);
    const form = new FormData();
    form.append('file', fromStream, fromStream.name);
    const formInit = sdk.toRequestInit({ method: 'POST', path: '/x', headers: { 'Content-Type': 'multipart/form-data' }, body: form });
    expect('uploads', formInit.body === form && formInit.headers['content-type'] === undefined, 'a FormData body must keep fetch\'s own multipart content-type');
    const derived = client.withOptions({ timeout: 5_000 });
    record.withOptions = [derived instanceof sdk.ChatKitClient, derived.timeout, client.timeout, typeof derived.chatkit.sessions.create];
    expect('uploads', JSON.stringify(record.withOptions) === JSON.stringify([true, 5000, 10000, 'function']), `withOptions gave ${JSON.stringify(record.withOptions)}`);
  });

  return { environment: describeEnvironment(), steps, failures };
}

function pathKey(segment) {
  return typeof segment === 'object' && segment !== null ? segment.key : segment;
}

function describeError(error) {
  if (error === undefined) return { name: 'none', message: 'no error' };
  if (!(error instanceof Error)) return { name: typeof error, message: String(error) };
  return { name: error.name, message: error.message, constructor: error.constructor?.name ?? null };
}

/** Which runtime ran the scenario, and whether it lets code be built from strings. */
function describeEnvironment() {
  const host = globalThis;
  let runtime = 'unknown';
  let version = '';
  if (typeof host.Deno?.version?.deno === 'string') {
    runtime = 'deno';
    version = host.Deno.version.deno;
  } else if (typeof host.Bun?.version === 'string') {
    runtime = 'bun';
    version = host.Bun.version;
  } else if (host.navigator?.userAgent === 'Cloudflare-Workers') {
    runtime = 'workerd';
  } else if (typeof host.process?.versions?.node === 'string') {
    runtime = 'node';
    version = host.process.versions.node;
  } else if (typeof host.document !== 'undefined') {
    runtime = 'browser';
    version = host.navigator?.userAgent ?? '';
  }
  let evalAllowed;
  try {
    evalAllowed = new Function('return 1')() === 1;
  } catch {
    evalAllowed = false;
  }
  return { runtime, version, evalAllowed };
}
