// One logical API call: validate, build, send with timeout and retries, then read and check
// the body. The call's state lives in local variables of `startRequest` (a minifier shortens
// them, which it cannot do to class fields); the functions below it are the call's steps.
import { APIPromise } from './api-promise.js';
import { ignore, isByteLimit, notExpected, parseJSON, readText } from './body.js';
import { isBrowser } from './env.js';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  APIError,
  BYTE_LIMIT,
  cut,
  ResponseTooLargeError,
  SDKError,
  ValidationError,
  makeStatusError,
  optionError,
  POSITIVE_MS,
  snippet,
  userAbort,
  type ValidationIssue,
} from './errors.js';
import { applyHeaders, type HeaderInput, type HeaderRecord } from './headers.js';
import { newIdempotencyKey } from './idempotency.js';
import type { LevelLogger } from './log.js';
import type {
  BodyExtender,
  FetchOptions,
  OperationSpec,
  QueryExtra,
  RequestOptions,
  ResponseValidation,
} from './options.js';
import {
  headersForLog,
  scrubbedCause,
  scrubHeaders,
  scrubText,
  scrubValue,
  valueContainsSecret,
} from './redact.js';
import { hasCustomCredentials, isRedirect, MAX_REDIRECTS, nextHop } from './redirect.js';
import { encodeBody, formHasBareType, type FetchBody } from './request-init.js';
import { isRetryableResponse, MAX_TIMER, retryDelay, type RetryHooks } from './retry.js';
import { encodeQueryText, originOf, scalarText, withDefaultQuery } from './url.js';

/** Everything a request needs from its client, resolved once at construction. */
export interface RequestConfig {
  /** No trailing slash. */
  readonly baseURL: string;
  /** The serialised defaultQuery, '' when there is none. */
  readonly query: string;
  /**
   * Defaults and defaultHeaders merged, for requests without a body, with a body sent as it is
   * (no content-type: the body or the operation says), and with a JSON body.
   */
  readonly plainHeaders: HeaderRecord;
  readonly bodyHeaders: HeaderRecord;
  readonly jsonHeaders: HeaderRecord;
  /** False when defaultHeaders removed or replaced the header, so per-request values must not touch it. */
  readonly sendsRetryCount: boolean;
  readonly sendsTimeout: boolean;
  readonly timeout: number;
  readonly maxRetries: number;
  readonly maxRetryAfter: number;
  readonly validate: boolean;
  readonly responseValidation: ResponseValidation;
  /** Lowercase header name, or undefined when idempotency keys are off. */
  readonly idempotencyHeader: string | undefined;
  readonly fetch: typeof fetch;
  /** The client's fetchOptions (a copy), spread under what the client sets; undefined when none. */
  readonly fetchOptions: FetchOptions | undefined;
  readonly log: LevelLogger;
  /** The API key, used only to scrub it from errors and logs; '' when there is none. */
  readonly secret: string;
  readonly hooks: RetryHooks;
  /** Cap on a response body read into memory (JSON, text, error bodies). */
  readonly maxResponseBytes: number;
  /** Cap on one line, and on one event's data, of an event stream. */
  readonly maxEventBytes: number;
}

/** What fetch receives; one object per call, reused across attempts. */
interface WireInit extends RequestInit {
  method: string;
  headers: HeaderRecord;
  body: FetchBody | null;
  signal: AbortSignal | null;
  /** Required by fetch (Node, Deno, Chromium) for a ReadableStream body. */
  duplex?: 'half';
  /** 'manual': the client follows redirects itself (see redirect.ts). */
  redirect: RequestRedirect;
}

type OperationCheck = (value: unknown, mode: 'loose' | 'strict') => readonly ValidationIssue[];

const RETRY_COUNT = 'x-sdkgen-retry-count';
const TIMEOUT = 'x-sdkgen-timeout';
/** The longest `METHOD /path` a message quotes. */
const LABEL_LENGTH = 300;

/**
 * Starts the call at once. The promise never throws synchronously: every failure, including
 * invalid input found before sending, rejects it.
 */
export function startRequest<T>(
  config: RequestConfig,
  operation: OperationSpec<T>,
  options: RequestOptions = {},
): APIPromise<T> {
  const { secret, log } = config;
  const signal = options.signal ?? undefined;
  const maxBytes = options.maxResponseBytes ?? config.maxResponseBytes;
  let url = '';
  /** Where the last fetch went: `url`, or the redirect's target it was sent on to. */
  let sentTo = '';
  /** Method and path without query, for messages. */
  let label = '';
  let timeout = 0;
  let controller: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  let logID = '';
  let startedAt = 0;

  /** Called when the caller's signal aborts: stops the attempt in flight. */
  const onAbort = (): void => controller?.abort(signal?.reason);
  const release = (): void => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  };
  const onTimeout = (): void => {
    timedOut = true;
    controller?.abort(new DOMException('The request timed out.', 'TimeoutError'));
  };
  /** The caller's abort, else `other`. */
  const abortedOr = <E,>(other: E): APIUserAbortError | E =>
    signal?.aborted ? userAbort(signal, 'Request') : other;

  /**
   * Sends, retrying as allowed. Resolves with a 2xx Response (body unread, timeout still
   * running); rejects with the typed error.
   */
  async function start(): Promise<Response> {
    const init = await prepare();
    if (signal !== undefined) {
      if (signal.aborted) throw userAbort(signal, 'Request');
      signal.addEventListener('abort', onAbort);
    }
    try {
      const rawMax = options.maxRetries ?? config.maxRetries;
      // A ReadableStream body can be read once: it cannot be sent again.
      const maxRetries =
        Number.isFinite(rawMax) && rawMax > 0 && init.duplex === undefined ? Math.floor(rawMax) : 0;
      const logs = log.enabled('info');
      if (logs) logID = `log_${((Math.random() * 0x1000000) | 0x1000000).toString(16).slice(1)}`;
      for (let attempt = 0; ; attempt++) {
        const retriesLeft = maxRetries - attempt;
        const retrying = `retrying, ${retriesLeft} attempts remaining`;
        if (attempt > 0 && config.sendsRetryCount && RETRY_COUNT in init.headers) {
          init.headers[RETRY_COUNT] = String(attempt);
        }
        controller = new AbortController();
        timedOut = false;
        init.signal = controller.signal;
        if (logs) logRequest(init, attempt);
        timer = setTimeout(onTimeout, timeout);
        let response: Response;
        try {
          response = await send(init);
        } catch (error) {
          clearTimeout(timer);
          if (error instanceof APIError) throw error; // a redirect the client will not follow
          const failure = connectionFailure(error, attempt + 1);
          if (retriesLeft > 0) {
            if (logs) log.write('info', `[${logID}] ${failure.message} - ${retrying}`);
            await wait(attempt, undefined);
            continue;
          }
          throw failure;
        }
        if (response.ok) {
          if (logs) logResponse(response, 'succeeded');
          return response;
        }
        const retryable = retriesLeft > 0 && isRetryableResponse(response.status, response.headers);
        if (logs) {
          const outcome = retryable
            ? retrying
            : retriesLeft > 0
              ? 'not retryable'
              : 'no retries left';
          logResponse(response, `failed - ${outcome}`);
        }
        if (!retryable) throw await statusError(response);
        clearTimeout(timer);
        await response.body?.cancel().catch(ignore);
        await wait(attempt, response.headers);
      }
    } catch (error) {
      release();
      throw error;
    }
  }

  /**
   * Validates and builds the request and the fetch init (reading upload streams, once). Throws
   * before anything is sent.
   */
  async function prepare(): Promise<WireInit> {
    const validates = options.validate ?? config.validate;
    if (operation.validateRequest !== undefined && validates) {
      const issues = operation.validateRequest();
      if (issues.length > 0) throw new ValidationError(scrubIssues(issues), 'Invalid request');
    }
    const extraBody = options.body;
    let extended = extraBody === undefined;
    const extend: BodyExtender = (input) => {
      extended = true;
      return extraBody === undefined ? input : withExtraBody(input, extraBody);
    };
    const description = await operation.build(extend);
    const method = description.method.toUpperCase();
    let raw = description.body;
    // an operation without a body sends the extra fields as its JSON body
    if (!extended && extraBody !== undefined) {
      if (raw !== undefined || method === 'GET' || method === 'HEAD') {
        throw new ValidationError(
          [
            {
              path: ['options', 'body'],
              message: `cannot be sent: ${method} requests have no body`,
            },
          ],
          'Invalid request options',
        );
      }
      raw = { ...extraBody };
    }
    const described =
      description.path.charCodeAt(0) === 47 /* / */ ? description.path : `/${description.path}`;
    const built =
      options.query === undefined ? described : withExtraQuery(described, options.query);
    // a next-url page's link holds its own query
    const path = operation.url === undefined ? built : operation.url(config.baseURL);
    const queryStart = path.indexOf('?');
    // every message names the call by this: a path parameter may hold the key, or megabytes
    label = cut(
      scrubText(`${method} ${queryStart === -1 ? path : path.slice(0, queryStart)}`, secret),
      LABEL_LENGTH,
    );
    url = config.baseURL + withDefaultQuery(path, queryStart, config.query);

    const wanted = options.timeout ?? config.timeout;
    if (typeof wanted !== 'number' || !(wanted > 0)) {
      throw optionError('options.timeout', POSITIVE_MS, wanted);
    }
    timeout = Math.min(wanted, MAX_TIMER);
    const retries = options.maxRetries;
    if (retries !== undefined && !(Number.isInteger(retries) && retries >= 0)) {
      throw optionError('options.maxRetries', 'a whole number >= 0', retries);
    }
    if (!isByteLimit(maxBytes)) {
      throw optionError('options.maxResponseBytes', BYTE_LIMIT, maxBytes);
    }

    const encoded = raw === undefined ? undefined : encodeBody(raw);
    const body = encoded === undefined ? null : encoded.body;
    // extra fields (options.body) are sent unchecked, so only a body without them is checked again
    if (validates && extraBody === undefined && typeof body === 'string' && encoded?.isJSON) {
      const issues = operation.validateBody?.(JSON.parse(body), 'request') ?? [];
      if (issues.length > 0) {
        throw new ValidationError(scrubIssues(issues), 'Invalid request body as sent');
      }
    }
    const headers = {
      ...(encoded === undefined
        ? config.plainHeaders
        : encoded.isJSON
          ? config.jsonHeaders
          : config.bodyHeaders),
    };
    if (wanted !== config.timeout && config.sendsTimeout)
      headers[TIMEOUT] = String(Math.trunc(wanted / 1000));
    const idempotencyHeader = config.idempotencyHeader;
    if (idempotencyHeader !== undefined && method !== 'GET') {
      const key = options.idempotencyKey ?? newIdempotencyKey();
      applyHeaders(headers, { [idempotencyHeader]: key }, ['options', 'idempotencyKey']);
    }
    const defaultCookie = headers['cookie'];
    applyHeaders(headers, description.headers as HeaderInput, ['headers']);
    // cookie parameters join a Cookie of defaultHeaders (a session, say) instead of replacing it
    const cookie = headers['cookie'];
    if (defaultCookie !== undefined && cookie !== undefined && cookie !== defaultCookie) {
      headers['cookie'] = `${defaultCookie}; ${cookie}`;
    }
    applyHeaders(headers, options.headers, ['options', 'headers']);
    // A browser hides a redirect's target from 'manual' (an opaque response); there fetch follows
    // it, dropping Authorization, unless a credential it would keep (e.g. x-api-key) is set.
    const redirect: RequestRedirect =
      isBrowser() && !hasCustomCredentials(headers, secret) ? 'follow' : 'manual';
    // fetchOptions first: what the client sets always wins
    const init: WireInit = {
      ...config.fetchOptions,
      ...options.fetchOptions,
      method,
      headers,
      body,
      signal: null,
      redirect,
    };
    delete init.duplex;
    if (formHasBareType(body, headers)) delete headers['content-type'];
    if (encoded?.isStream === true) init.duplex = 'half';
    return init;
  }

  /**
   * One attempt: fetch, following redirects as fetch would, except that a hop to another origin
   * (scheme, host or port) drops every credential header, not only Authorization.
   */
  async function send(init: WireInit): Promise<Response> {
    const fetchFn = config.fetch; // called unbound: browsers reject fetch with a foreign `this`
    sentTo = url;
    let response = await fetchFn(url, init);
    if (init.redirect !== 'manual') return response;
    let from = url;
    let hop = init;
    for (let hops = 0; ; hops++) {
      const refused = (why: string): APIConnectionError =>
        new APIConnectionError(`${label} was redirected${why}`);
      if (response.type === 'opaqueredirect') {
        throw refused(
          ', and this runtime does not show where to. The request carries credential headers, so ' +
            'the client does not let fetch follow the redirect blindly: point baseURL at the final ' +
            'URL, or remove the credential headers and let the browser follow it.',
        );
      }
      const location = isRedirect(response.status) ? response.headers.get('location') : null;
      if (location === null) return response; // a 3xx without Location is the answer, as in fetch
      await response.body?.cancel().catch(ignore);
      let target: URL;
      try {
        target = new URL(location, from);
      } catch {
        target = new URL('about:blank');
      }
      if (target.protocol !== 'http:' && target.protocol !== 'https:') {
        throw refused(' to a location that is not an http(s) URL; it was not followed.');
      }
      if (target.username !== '' || target.password !== '') {
        // fetch refuses such a URL; the message never quotes it
        throw refused(' to a URL with credentials (user:password@); it was not followed.');
      }
      if (hops === MAX_REDIRECTS) {
        throw refused(` more than ${MAX_REDIRECTS} times (a redirect loop?); stopped.`);
      }
      const next = nextHop(response.status, hop.method, hop.headers, new URL(from), target, secret);
      if (next.keepsBody && hop.duplex !== undefined) {
        throw refused(
          ` with status ${response.status}, which asks to send the body again, but a ` +
            'ReadableStream body can be sent only once; it was not followed.',
        );
      }
      hop = { ...hop, method: next.method, headers: next.headers };
      if (!next.keepsBody) {
        hop.body = null;
        delete hop.duplex;
      }
      from = sentTo = target.href;
      response = await fetchFn(from, hop);
    }
  }

  async function wait(retryIndex: number, headers: Headers | undefined): Promise<void> {
    const hooks = config.hooks;
    try {
      await hooks.sleep(
        retryDelay(retryIndex, headers, config.maxRetryAfter, hooks.random),
        signal,
      );
    } catch (error) {
      throw abortedOr(error);
    }
  }

  /** The error for a fetch that threw; a user abort is thrown straight away (never retried). */
  function connectionFailure(error: unknown, attempts: number): APIConnectionError {
    if (signal?.aborted) throw userAbort(signal, 'Request');
    const tries = attempts === 1 ? '' : ` (after ${attempts} attempts)`;
    return timedOut || looksLikeTimeout(error)
      ? new APIConnectionTimeoutError(
          `Request timed out: ${label} got no response within ${timeout} ms${tries}.`,
          { cause: error },
        )
      : new APIConnectionError(
          `Connection error: ${label} to ${originOf(sentTo)} failed${scrubbedCause(error, secret)}${tries}.`,
          { cause: error },
        );
  }

  /** A failed read of a 2xx body: the caller's abort, our timeout, or a connection cut mid-stream. */
  function bodyFailure(error: unknown, status: number): APIError {
    const what = `${label} (status ${status})`;
    return abortedOr(
      timedOut
        ? new APIConnectionTimeoutError(
            `Request timed out: ${what} did not finish sending its body within ${timeout} ms.`,
            { cause: error },
          )
        : new APIConnectionError(
            `The response body of ${what} was cut off before it was complete${scrubbedCause(error, secret)}. ` +
              'Not retried: the server may already have acted on the request.',
            { cause: error },
          ),
    );
  }

  /** Reads the error body (still under the timeout) and builds the typed error, scrubbed. */
  async function statusError(response: Response): Promise<APIError> {
    let text = '';
    try {
      // An error body over the limit still gives the status and its start, which is what matters.
      text = (await readText(response, maxBytes)).text;
    } catch {
      // An unreadable error body still leaves the status, which is what matters.
      if (signal?.aborted) return userAbort(signal, 'Request');
    } finally {
      clearTimeout(timer);
    }
    const clean = scrubText(text, secret);
    let body: unknown;
    try {
      body = clean === '' ? undefined : scrubValue(JSON.parse(clean), secret);
    } catch {
      body = undefined;
    }
    if (log.enabled('debug'))
      log.write('debug', `[${logID}] error body`, {
        status: response.status,
        body: body ?? snippet(clean),
      });
    return makeStatusError(response.status, body, clean, scrubHeaders(response.headers, secret));
  }

  async function parse(response: Response): Promise<T> {
    const type = operation.responseType;
    const status = response.status;
    const mode = config.responseValidation;
    if (type === 'binary') {
      // The caller owns the body now: no buffering, no timeout, as with asResponse().
      release();
      return response as T;
    }
    /**
     * The body as text, failing with the typed error. Past maxResponseBytes: its start when
     * `isForMessage` (an error message quotes only that), else ResponseTooLargeError.
     */
    const readBody = async (isForMessage: boolean): Promise<string> => {
      try {
        const body = await readText(response, maxBytes);
        if (body.complete || isForMessage) return body.text;
        throw new ResponseTooLargeError(
          status,
          `The response body of ${label} (status ${status}) is larger than maxResponseBytes ` +
            `(${maxBytes} bytes): ${body.declared ? `its content-length is ${body.bytes}` : `reading stopped after ${body.bytes} bytes`}. ` +
            'Raise maxResponseBytes (for the client or this request), or read the body yourself from .asResponse().',
          scrubHeaders(response.headers, secret),
          maxBytes,
        );
      } catch (error) {
        throw error instanceof APIError ? error : bodyFailure(error, status);
      } finally {
        release();
      }
    };
    if (type === 'sse') {
      const stream = operation.stream;
      if (stream === undefined)
        throw new SDKError("responseType 'sse' needs the operation's stream reader");
      // A stream may run for minutes: the timeout stops; the caller's signal keeps applying
      // until the stream ends, fails or is left.
      clearTimeout(timer);
      const validateEvent = operation.validateEvent;
      return (await stream(response, {
        label,
        secret,
        maxEventBytes: config.maxEventBytes,
        signal,
        validate:
          mode === 'off' || validateEvent === undefined
            ? undefined
            : (value) => issuesOf(validateEvent, value, mode),
        envelope: operation.eventEnvelope,
        close: () => {
          controller?.abort();
          release();
        },
        text: () => readBody(true),
      })) as T;
    }
    const text = await readBody(false);
    let data: unknown = text;
    if (type !== 'text') {
      if (status === 204 || status === 205) return undefined as T;
      data = undefined;
      if (text !== '') {
        // Without length framing a dropped connection looks like JSON that just stops.
        const cutOff = (error: unknown): string =>
          /end of (json )?input|unterminated/i.test(error instanceof Error ? error.message : '')
            ? ' It ends early; it may have been cut off.'
            : '';
        data = parseJSON(text, response, secret, (error) =>
          notExpected(response, label, 'valid JSON', cutOff(error)),
        );
      }
    }
    const check = operation.validateResponse;
    if (check !== undefined && mode !== 'off') {
      const issues = issuesOf(check, data, mode);
      if (issues.length > 0) {
        const requestID = response.headers.get('x-request-id');
        const context = `status ${status}${requestID === null ? '' : `, request ID ${scrubText(requestID, secret)}`}`;
        throw new ValidationError(
          issues,
          `Invalid response from ${label} (${context}); set responseValidation: 'off' to accept it unchecked`,
          { status, headers: scrubHeaders(response.headers, secret) },
        );
      }
    }
    return data as T;
  }

  /**
   * The issues of a received value, scrubbed. Messages quote values cut to a few dozen
   * characters, which could leave a piece of an echoed key too short to recognise; so when
   * there are issues, the value is scrubbed first and checked again, and its messages are used.
   */
  function issuesOf(
    check: OperationCheck,
    value: unknown,
    mode: 'loose' | 'strict',
  ): readonly ValidationIssue[] {
    const issues = check(value, mode);
    if (issues.length === 0 || !valueContainsSecret(value, secret)) return scrubIssues(issues);
    const again = check(scrubValue(value, secret), mode);
    // Scrubbing can make a value valid (a shorter string); the first issues then stand, scrubbed.
    return scrubIssues(again.length > 0 ? again : issues);
  }

  /** The issues with the key scrubbed from messages and path keys (only invalid input gets here). */
  function scrubIssues(issues: readonly ValidationIssue[]): readonly ValidationIssue[] {
    if (secret === '') return issues;
    return issues.map((issue) => ({
      path: issue.path.map((part) => (typeof part === 'string' ? scrubText(part, secret) : part)),
      message: scrubText(issue.message, secret),
    }));
  }

  function logRequest(init: WireInit, attempt: number): void {
    startedAt = Date.now();
    if (!log.enabled('debug')) return;
    log.write('debug', `[${logID}] sending request`, {
      method: init.method,
      url,
      attempt: attempt + 1,
      headers: headersForLog(init.headers, secret),
      body:
        typeof init.body === 'string' || init.body === null ? init.body : describeBody(init.body),
    });
  }

  function logResponse(response: Response, outcome: string): void {
    const requestID = response.headers.get('x-request-id');
    const id = requestID === null ? '' : `, x-request-id: ${requestID}`;
    const ms = Date.now() - startedAt;
    log.write(
      'info',
      `[${logID}${id}] ${label} ${outcome} with status ${response.status} in ${ms}ms`,
    );
    if (log.enabled('debug')) {
      log.write('debug', `[${logID}] response headers`, {
        status: response.status,
        headers: headersForLog(response.headers, secret),
      });
    }
  }

  return new APIPromise<T>(start(), { parse, release });
}

/** What a debug log line shows for a body that is not text. */
function describeBody(body: FetchBody): string {
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body))
    return `[binary, ${body.byteLength} bytes]`;
  if (typeof Blob !== 'undefined' && body instanceof Blob)
    return `[${body.constructor.name}, ${body.size} bytes${body.type === '' ? '' : `, ${body.type}`}]`;
  if (
    body instanceof URLSearchParams ||
    (typeof FormData !== 'undefined' && body instanceof FormData)
  ) {
    // forEach rather than keys(): a consumer's TypeScript lib may lack DOM.Iterable.
    let count = 0;
    body.forEach(() => count++);
    return `[${body.constructor.name}, ${count} fields]`;
  }
  return '[stream]';
}

/** undici and Deno report their own connect timeouts only in the message text. */
function looksLikeTimeout(error: unknown): boolean {
  if (error instanceof Error && error.name === 'TimeoutError') return true;
  const cause = error instanceof Error ? error.cause : undefined;
  return /timed? ?out/i.test(String(error) + (cause === undefined ? '' : String(cause)));
}

/** The builder's input with `extra` merged into its object body (or as its body when it has none). */
function withExtraBody<I extends object>(input: I, extra: Record<string, unknown>): I {
  const body: unknown = (input as { body?: unknown }).body;
  if (body === undefined) return { ...input, body: { ...extra } };
  const proto: unknown =
    typeof body === 'object' && body !== null ? Object.getPrototypeOf(body) : undefined;
  if (proto !== Object.prototype && proto !== null) {
    throw new ValidationError(
      [
        {
          path: ['options', 'body'],
          message: `cannot be merged: the request body is ${Array.isArray(body) ? 'an array' : `not an object (${typeof body})`}`,
        },
      ],
      'Invalid request options',
    );
  }
  return { ...input, body: { ...body, ...extra } };
}

/**
 * The path with extra query parameters: pairs of the path's query with a name in `extra` are
 * dropped, then `extra` is appended (an array as repeated pairs, null as an empty value).
 */
function withExtraQuery(path: string, extra: Readonly<Record<string, QueryExtra>>): string {
  const pairs: string[] = [];
  const names = new Set<string>();
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) continue;
    names.add(name);
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      pairs.push(
        `${encodeQuery(name, name)}=${encodeQuery(item === null ? '' : scalarText(item), name)}`,
      );
    }
  }
  if (names.size === 0) return path;
  const queryStart = path.indexOf('?');
  const own = queryStart === -1 ? [] : path.slice(queryStart + 1).split('&');
  const kept = own.filter((pair) => pair !== '' && !names.has(decodeName(pair)));
  const base = queryStart === -1 ? path : path.slice(0, queryStart);
  const query = [...kept, ...pairs].join('&');
  return query === '' ? base : `${base}?${query}`;
}

function decodeName(pair: string): string {
  const end = pair.indexOf('=');
  const name = end === -1 ? pair : pair.slice(0, end);
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/** encodeURIComponent, or a ValidationError for a lone surrogate (as the builders' query). */
function encodeQuery(text: string, name: string): string {
  return encodeQueryText(text, ['options', 'query', name], 'Invalid request options');
}
