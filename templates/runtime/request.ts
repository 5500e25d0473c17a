// One logical API call: validate, build, send with timeout and retries, then read and check
// the body. One instance per call; it is the abort listener and the body parser, so the hot
// path allocates no closures of its own.
import type { ResponseParser } from './api-promise.js';
import { isByteLimit, readText } from './body.js';
import { isBrowser } from './env.js';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  APIError,
  InvalidResponseBodyError,
  ResponseTooLargeError,
  SDKError,
  ValidationError,
  describeCause,
  makeStatusError,
  snippet,
  type ValidationIssue,
} from './errors.js';
import { applyHeaders, type HeaderInput, type HeaderRecord } from './headers.js';
import { newIdempotencyKey } from './idempotency.js';
import type { LevelLogger } from './log.js';
import type { OperationSpec, RequestOptions, ResponseValidation } from './options.js';
import {
  containsSecret,
  headersForLog,
  scrubHeaders,
  scrubText,
  scrubValue,
  valueContainsSecret,
} from './redact.js';
import { hasCustomCredentials, isRedirect, MAX_REDIRECTS, nextHop } from './redirect.js';
import { isRetryableResponse, retryDelay, type RetryHooks } from './retry.js';
import { Stream } from './streaming.js';
import { originOf, withDefaultQuery } from './url.js';

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
interface WireInit {
  method: string;
  headers: HeaderRecord;
  body: BodyInit | null;
  signal: AbortSignal | null;
  /** Required by fetch (Node, Deno, Chromium) for a ReadableStream body. */
  duplex?: 'half';
  /** 'manual': the client follows redirects itself (see redirect.ts). */
  redirect: RequestRedirect;
}

const RETRY_COUNT = 'x-sdkgen-retry-count';
const TIMEOUT = 'x-sdkgen-timeout';
// setTimeout fires at once for anything above 2^31 - 1 ms.
const MAX_TIMER = 2_147_483_647;
const OPTIONS_HEADERS = ['options', 'headers'];
const DESCRIPTION_HEADERS = ['headers'];
const IDEMPOTENCY_KEY = ['options', 'idempotencyKey'];

export class RequestRun<T> implements ResponseParser<T>, EventListenerObject {
  readonly #config: RequestConfig;
  readonly #operation: OperationSpec<T>;
  readonly #options: RequestOptions | undefined;
  #url = '';
  /** Method and path without query, for messages. */
  #label = '';
  #timeout = 0;
  #controller: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timedOut = false;
  #logID = '';
  #startedAt = 0;

  constructor(
    config: RequestConfig,
    operation: OperationSpec<T>,
    options: RequestOptions | undefined,
  ) {
    this.#config = config;
    this.#operation = operation;
    this.#options = options;
  }

  /**
   * Sends, retrying as allowed. Resolves with a 2xx Response (body unread, timeout still
   * running); rejects with the typed error.
   */
  async start(): Promise<Response> {
    const init = this.#prepare();
    const signal = this.#options?.signal;
    if (signal !== undefined && signal !== null) {
      if (signal.aborted) throw userAbort(signal);
      signal.addEventListener('abort', this);
    }
    // One async function for the whole call: fewer promises on the hot path.
    try {
      const config = this.#config;
      const log = config.log;
      const rawMax = this.#options?.maxRetries ?? config.maxRetries;
      // A ReadableStream body can be read once: it cannot be sent again.
      const maxRetries =
        Number.isFinite(rawMax) && rawMax > 0 && init.duplex === undefined ? Math.floor(rawMax) : 0;
      const logs = log.enabled('info');
      if (logs)
        this.#logID = `log_${Math.floor(Math.random() * 0x1000000)
          .toString(16)
          .padStart(6, '0')}`;
      for (let attempt = 0; ; attempt++) {
        const retriesLeft = maxRetries - attempt;
        if (attempt > 0 && config.sendsRetryCount && RETRY_COUNT in init.headers) {
          init.headers[RETRY_COUNT] = String(attempt);
        }
        const controller = new AbortController();
        this.#controller = controller;
        this.#timedOut = false;
        init.signal = controller.signal;
        if (logs) this.#logRequest(init, attempt);
        this.#timer = setTimeout(RequestRun.#onTimeout, this.#timeout, this);
        let response: Response;
        try {
          response = await this.#fetch(init);
        } catch (error) {
          clearTimeout(this.#timer);
          if (error instanceof APIError) throw error; // a redirect the client will not follow
          const failure = this.#connectionFailure(error, attempt + 1);
          if (retriesLeft > 0) {
            if (logs)
              log.info(
                `[${this.#logID}] ${failure.message} - retrying, ${retriesLeft} attempts remaining`,
              );
            await this.#wait(attempt, undefined);
            continue;
          }
          throw failure;
        }
        if (response.ok) {
          if (logs) this.#logResponse(response, 'succeeded');
          return response;
        }
        if (retriesLeft > 0 && isRetryableResponse(response.status, response.headers)) {
          clearTimeout(this.#timer);
          if (logs)
            this.#logResponse(response, `failed - retrying, ${retriesLeft} attempts remaining`);
          await response.body?.cancel().catch(ignore);
          await this.#wait(attempt, response.headers);
          continue;
        }
        if (logs)
          this.#logResponse(
            response,
            retriesLeft > 0 ? 'failed - not retryable' : 'failed - no retries left',
          );
        throw await this.#statusError(response);
      }
    } catch (error) {
      this.release();
      throw error;
    }
  }

  /** Called when the caller's signal aborts: stops the attempt in flight. */
  handleEvent(): void {
    this.#controller?.abort(this.#options?.signal?.reason);
  }

  release(): void {
    clearTimeout(this.#timer);
    this.#options?.signal?.removeEventListener('abort', this);
  }

  async parse(response: Response): Promise<T> {
    const type = this.#operation.responseType;
    if (type === 'binary') {
      // The caller owns the body now: no buffering, no timeout, as with asResponse().
      this.release();
      return response as T;
    }
    if (type === 'sse') return (await this.#stream(response)) as T;
    let text: string;
    try {
      text = await this.#readAll(response);
    } catch (error) {
      throw error instanceof APIError ? error : this.#bodyFailure(error, response.status);
    } finally {
      this.release();
    }
    const status = response.status;
    if (type === 'text') return this.#checked(text, response);
    if (status === 204 || status === 205) return undefined as T;
    let data: unknown;
    if (text !== '') {
      try {
        data = JSON.parse(text);
      } catch (error) {
        throw this.#notJSON(response, text, error);
      }
    }
    return this.#checked(data, response);
  }

  /** The body after `validateResponse`, when there is one and validation is on. */
  #checked(data: unknown, response: Response): T {
    const check = this.#operation.validateResponse;
    const mode = this.#config.responseValidation;
    if (check !== undefined && mode !== 'off') {
      const issues = this.#issuesOf(check, data, mode);
      if (issues.length > 0) {
        const requestID = response.headers.get('x-request-id');
        const context = `status ${response.status}${requestID === null ? '' : `, request ID ${requestID}`}`;
        throw new ValidationError(
          issues,
          `Invalid response from ${this.#label} (${context}); set responseValidation: 'off' to accept it unchecked`,
        );
      }
    }
    return data as T;
  }

  /**
   * A Stream over a `text/event-stream` body. The timeout stops (a stream may run for minutes);
   * the caller's signal keeps applying until the stream ends, fails or is left.
   */
  async #stream(response: Response): Promise<Stream<unknown>> {
    clearTimeout(this.#timer);
    const contentType = response.headers.get('content-type');
    if (contentType !== null && !/^\s*text\/event-stream\s*(;|$)/i.test(contentType)) {
      // Not an event stream (e.g. JSON from a server that ignored the request to stream).
      let text = '';
      try {
        text = (await readText(response, this.#maxResponseBytes())).text;
      } catch (error) {
        throw this.#bodyFailure(error, response.status);
      } finally {
        this.release();
      }
      const secret = this.#config.secret;
      throw new InvalidResponseBodyError(
        response.status,
        undefined,
        `${response.status} response to ${this.#label} is not an event stream (content-type: ${contentType}). ` +
          `It starts with: ${JSON.stringify(snippet(scrubText(text, secret)))}`,
        scrubHeaders(response.headers, secret),
      );
    }
    const mode = this.#config.responseValidation;
    const validateEvent = this.#operation.validateEvent;
    return new Stream<unknown>(response, {
      label: this.#label,
      secret: this.#config.secret,
      maxEventBytes: this.#config.maxEventBytes,
      signal: this.#options?.signal ?? undefined,
      validate:
        mode === 'off' || validateEvent === undefined
          ? undefined
          : (value) => this.#issuesOf(validateEvent, value, mode),
      envelope: this.#operation.eventEnvelope,
      close: () => {
        this.#controller?.abort();
        this.release();
      },
    });
  }

  /** Validates and builds the request and the fetch init. Throws before anything is sent. */
  #prepare(): WireInit {
    const config = this.#config;
    const options = this.#options;
    const operation = this.#operation;
    if (operation.validateRequest !== undefined && (options?.validate ?? config.validate)) {
      const issues = operation.validateRequest();
      if (issues.length > 0)
        throw new ValidationError(this.#scrubIssues(issues), 'Invalid request');
    }
    const description = operation.build();
    const method = description.method.toUpperCase();
    const path =
      description.path.charCodeAt(0) === 47 /* / */ ? description.path : `/${description.path}`;
    const queryStart = path.indexOf('?');
    this.#label = `${method} ${queryStart === -1 ? path : path.slice(0, queryStart)}`;
    this.#url = config.baseURL + withDefaultQuery(path, queryStart, config.query);

    const timeout = options?.timeout ?? config.timeout;
    if (typeof timeout !== 'number' || !(timeout > 0)) {
      throw new SDKError(
        `options.timeout must be a positive number of milliseconds, got ${String(timeout)}`,
      );
    }
    this.#timeout = Math.min(timeout, MAX_TIMER);
    const maxBytes = options?.maxResponseBytes;
    if (maxBytes !== undefined && !isByteLimit(maxBytes)) {
      throw new SDKError(
        `options.maxResponseBytes must be a whole number of bytes above 0, got ${String(maxBytes)}`,
      );
    }

    const raw = description.body;
    let body: BodyInit | null = null;
    let headers: HeaderRecord;
    if (raw === undefined) {
      headers = { ...config.plainHeaders };
    } else if (isRawBody(raw)) {
      body = raw;
      headers = { ...config.bodyHeaders };
    } else {
      body = serialize(raw);
      headers = { ...config.jsonHeaders };
    }
    if (timeout !== config.timeout && config.sendsTimeout)
      headers[TIMEOUT] = String(Math.trunc(timeout / 1000));
    const idempotencyHeader = config.idempotencyHeader;
    if (idempotencyHeader !== undefined && method !== 'GET') {
      const key = options?.idempotencyKey ?? newIdempotencyKey();
      applyHeaders(headers, { [idempotencyHeader]: key }, IDEMPOTENCY_KEY);
    }
    applyHeaders(headers, description.headers as HeaderInput, DESCRIPTION_HEADERS);
    applyHeaders(headers, options?.headers, OPTIONS_HEADERS);
    // A browser hides a redirect's target from 'manual' (an opaque response); there fetch follows
    // it, dropping Authorization, unless a credential it would keep (e.g. x-api-key) is set.
    const redirect: RequestRedirect =
      isBrowser() && !hasCustomCredentials(headers) ? 'follow' : 'manual';
    if (body === null || typeof body === 'string')
      return { method, headers, body, signal: null, redirect };
    // fetch writes `multipart/form-data; boundary=...` itself; a type without the boundary
    // (e.g. the spec's media type) would make the body unreadable.
    if (
      typeof FormData !== 'undefined' &&
      body instanceof FormData &&
      /^\s*multipart\/form-data\s*$/i.test(headers['content-type'] ?? '')
    ) {
      delete headers['content-type'];
    }
    if (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) {
      return { method, headers, body, signal: null, duplex: 'half', redirect };
    }
    return { method, headers, body, signal: null, redirect };
  }

  /**
   * One attempt: fetch, following redirects as fetch would, except that a hop to another origin
   * (scheme, host or port) drops every credential header, not only Authorization.
   */
  async #fetch(init: WireInit): Promise<Response> {
    const fetchFn = this.#config.fetch; // called unbound: browsers reject fetch with a foreign `this`
    let response = await fetchFn(this.#url, init);
    if (init.redirect !== 'manual') return response;
    let url = this.#url;
    let hop = init;
    for (let hops = 0; ; hops++) {
      if (response.type === 'opaqueredirect') {
        throw new APIConnectionError(
          `${this.#label} was redirected, and this runtime does not show where to. The request carries ` +
            'credential headers, so the client does not let fetch follow the redirect blindly: point ' +
            'baseURL at the final URL, or remove the credential headers and let the browser follow it.',
        );
      }
      const location = isRedirect(response.status) ? response.headers.get('location') : null;
      if (location === null) return response; // a 3xx without Location is the answer, as in fetch
      await response.body?.cancel().catch(ignore);
      let target: URL;
      try {
        target = new URL(location, url);
      } catch {
        target = new URL('about:blank');
      }
      if (target.protocol !== 'http:' && target.protocol !== 'https:') {
        throw new APIConnectionError(
          `${this.#label} was redirected to a location that is not an http(s) URL; it was not followed.`,
        );
      }
      if (hops === MAX_REDIRECTS) {
        throw new APIConnectionError(
          `${this.#label} was redirected more than ${MAX_REDIRECTS} times (a redirect loop?); stopped.`,
        );
      }
      const next = nextHop(response.status, hop.method, hop.headers, new URL(url), target);
      if (next.keepsBody && hop.duplex !== undefined) {
        throw new APIConnectionError(
          `${this.#label} was redirected with status ${response.status}, which asks to send the body again, ` +
            'but a ReadableStream body can be sent only once; it was not followed.',
        );
      }
      hop = {
        ...hop,
        method: next.method,
        headers: next.headers,
        body: next.keepsBody ? hop.body : null,
      };
      if (!next.keepsBody) delete hop.duplex;
      url = target.href;
      response = await fetchFn(url, hop);
    }
  }

  /** The cap on a body read into memory for this call. */
  #maxResponseBytes(): number {
    return this.#options?.maxResponseBytes ?? this.#config.maxResponseBytes;
  }

  /** A 2xx body as text, or ResponseTooLargeError past the cap (the rest is never read). */
  async #readAll(response: Response): Promise<string> {
    const limit = this.#maxResponseBytes();
    const body = await readText(response, limit);
    if (body.complete) return body.text;
    throw new ResponseTooLargeError(
      response.status,
      `The response body of ${this.#label} (status ${response.status}) is larger than maxResponseBytes ` +
        `(${limit} bytes): ${body.declared ? `its content-length is ${body.bytes}` : `reading stopped after ${body.bytes} bytes`}. ` +
        'Raise maxResponseBytes (for the client or this request), or read the body yourself from .asResponse().',
      scrubHeaders(response.headers, this.#config.secret),
      limit,
    );
  }

  static #onTimeout(run: RequestRun<unknown>): void {
    run.#timedOut = true;
    run.#controller?.abort(new DOMException('The request timed out.', 'TimeoutError'));
  }

  async #wait(retryIndex: number, headers: Headers | undefined): Promise<void> {
    const config = this.#config;
    const delay = retryDelay(retryIndex, headers, config.maxRetryAfter, config.hooks.random);
    const signal = this.#options?.signal;
    try {
      await config.hooks.sleep(delay, signal);
    } catch (error) {
      if (signal?.aborted) throw userAbort(signal);
      throw error;
    }
  }

  /** The error for a fetch that threw; a user abort is thrown straight away (never retried). */
  #connectionFailure(error: unknown, attempts: number): APIConnectionError {
    const signal = this.#options?.signal;
    if (signal?.aborted) throw userAbort(signal);
    const secret = this.#config.secret;
    const tries = attempts === 1 ? '' : ` (after ${attempts} attempts)`;
    if (this.#timedOut || looksLikeTimeout(error)) {
      return new APIConnectionTimeoutError(
        `Request timed out: ${this.#label} got no response within ${this.#timeout} ms${tries}.`,
        { cause: error },
      );
    }
    const reason = scrubText(describeCause(error), secret);
    return new APIConnectionError(
      `Connection error: ${this.#label} to ${originOf(this.#url)} failed${reason === '' ? '' : ` (${reason})`}${tries}.`,
      { cause: error },
    );
  }

  /** A failed read of a 2xx body: the caller's abort, our timeout, or a connection cut mid-stream. */
  #bodyFailure(error: unknown, status: number): APIError {
    const signal = this.#options?.signal;
    if (signal?.aborted) return userAbort(signal);
    if (this.#timedOut) {
      return new APIConnectionTimeoutError(
        `Request timed out: ${this.#label} (status ${status}) did not finish sending its body within ${this.#timeout} ms.`,
        { cause: error },
      );
    }
    const reason = scrubText(describeCause(error), this.#config.secret);
    return new APIConnectionError(
      `The response body of ${this.#label} (status ${status}) was cut off before it was complete` +
        `${reason === '' ? '' : ` (${reason})`}. Not retried: the server may already have acted on the request.`,
      { cause: error },
    );
  }

  #notJSON(response: Response, text: string, error: unknown): InvalidResponseBodyError {
    const secret = this.#config.secret;
    const contentType = response.headers.get('content-type') ?? 'none';
    const parseMessage = error instanceof Error ? error.message : '';
    // Without length framing a dropped connection looks like JSON that just stops.
    const hint = /end of (json )?input|unterminated/i.test(parseMessage)
      ? ' It ends early; it may have been cut off.'
      : '';
    return new InvalidResponseBodyError(
      response.status,
      undefined,
      `${response.status} response to ${this.#label} is not valid JSON (content-type: ${contentType}).${hint} ` +
        // Scrub before cutting, so a key that straddles the cut cannot leave a prefix behind.
        `It starts with: ${JSON.stringify(snippet(scrubText(text, secret)))}`,
      scrubHeaders(response.headers, secret),
    );
  }

  /** Reads the error body (still under the timeout) and builds the typed error, scrubbed. */
  async #statusError(response: Response): Promise<APIError> {
    let text = '';
    try {
      // An error body over the limit still gives the status and its start, which is what matters.
      text = (await readText(response, this.#maxResponseBytes())).text;
    } catch {
      const signal = this.#options?.signal;
      if (signal?.aborted) return userAbort(signal);
      // An unreadable error body still leaves the status, which is what matters.
    } finally {
      clearTimeout(this.#timer);
    }
    const secret = this.#config.secret;
    const clean = scrubText(text, secret);
    let body: unknown;
    try {
      body = clean === '' ? undefined : scrubValue(JSON.parse(clean), secret);
    } catch {
      body = undefined;
    }
    const log = this.#config.log;
    if (log.enabled('debug'))
      log.debug(`[${this.#logID}] error body`, {
        status: response.status,
        body: body ?? snippet(clean),
      });
    return makeStatusError(response.status, body, clean, scrubHeaders(response.headers, secret));
  }

  /**
   * The issues of a received value, scrubbed. Messages quote values cut to a few dozen
   * characters, which could leave a piece of an echoed key too short to recognise; so when
   * there are issues, the value is scrubbed first and checked again, and its messages are used.
   */
  #issuesOf(
    check: (value: unknown, mode: 'loose' | 'strict') => readonly ValidationIssue[],
    value: unknown,
    mode: 'loose' | 'strict',
  ): readonly ValidationIssue[] {
    const issues = check(value, mode);
    const secret = this.#config.secret;
    if (issues.length === 0 || !valueContainsSecret(value, secret))
      return this.#scrubIssues(issues);
    const clean = scrubValue(value, secret);
    const again = check(clean, mode);
    // Scrubbing can make a value valid (a shorter string); the first issues then stand, scrubbed.
    return this.#scrubIssues(again.length > 0 ? again : issues);
  }

  #scrubIssues(issues: readonly ValidationIssue[]): readonly ValidationIssue[] {
    const secret = this.#config.secret;
    if (
      secret === '' ||
      !issues.some(
        (issue) =>
          containsSecret(issue.message, secret) ||
          issue.path.some((p) => typeof p === 'string' && containsSecret(p, secret)),
      )
    ) {
      return issues;
    }
    return issues.map((issue) => ({
      path: issue.path.map((p) => (typeof p === 'string' ? scrubText(p, secret) : p)),
      message: scrubText(issue.message, secret),
    }));
  }

  #logRequest(init: WireInit, attempt: number): void {
    const log = this.#config.log;
    this.#startedAt = Date.now();
    if (!log.enabled('debug')) return;
    log.debug(`[${this.#logID}] sending request`, {
      method: init.method,
      url: this.#url,
      attempt: attempt + 1,
      headers: headersForLog(init.headers, this.#config.secret),
      body:
        typeof init.body === 'string' || init.body === null ? init.body : describeBody(init.body),
    });
  }

  #logResponse(response: Response, outcome: string): void {
    const log = this.#config.log;
    const requestID = response.headers.get('x-request-id');
    const id = requestID === null ? '' : `, x-request-id: ${requestID}`;
    const ms = Date.now() - this.#startedAt;
    log.info(
      `[${this.#logID}${id}] ${this.#label} ${outcome} with status ${response.status} in ${ms}ms`,
    );
    if (log.enabled('debug')) {
      log.debug(`[${this.#logID}] response headers`, {
        status: response.status,
        headers: headersForLog(response.headers, this.#config.secret),
      });
    }
  }
}

function ignore(): void {}

function userAbort(signal: AbortSignal): APIUserAbortError {
  return new APIUserAbortError('Request was aborted by the caller (the AbortSignal fired).', {
    cause: signal.reason,
  });
}

/** Bodies fetch sends as they are; everything else is JSON. */
function isRawBody(body: unknown): body is BodyInit {
  if (typeof body === 'string') return true;
  if (typeof body !== 'object' || body === null) return false;
  // The common case first: a plain object or array is JSON.
  const proto: unknown = Object.getPrototypeOf(body);
  if (proto === Object.prototype || proto === null || Array.isArray(body)) return false;
  return (
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    body instanceof URLSearchParams ||
    (typeof Blob !== 'undefined' && body instanceof Blob) ||
    (typeof FormData !== 'undefined' && body instanceof FormData) ||
    (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream)
  );
}

/** What a debug log line shows for a body that is not text. */
function describeBody(body: BodyInit): string {
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body))
    return `[binary, ${body.byteLength} bytes]`;
  if (typeof Blob !== 'undefined' && body instanceof Blob)
    return `[${body.constructor.name}, ${body.size} bytes${body.type === '' ? '' : `, ${body.type}`}]`;
  if (body instanceof URLSearchParams) return `[URLSearchParams, ${countFields(body)} fields]`;
  if (typeof FormData !== 'undefined' && body instanceof FormData)
    return `[FormData, ${countFields(body)} fields]`;
  return '[stream]';
}

// forEach rather than keys(): a consumer's TypeScript lib may lack DOM.Iterable.
function countFields(body: URLSearchParams | FormData): number {
  let count = 0;
  body.forEach(() => count++);
  return count;
}

function serialize(body: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SDKError(`The request body cannot be sent as JSON: ${reason}`, { cause: error });
  }
  if (json === undefined)
    throw new SDKError(`The request body cannot be sent as JSON (got ${typeof body}).`);
  return json;
}

/** undici and Deno report their own connect timeouts only in the message text. */
function looksLikeTimeout(error: unknown): boolean {
  if (error instanceof Error && error.name === 'TimeoutError') return true;
  const cause = error instanceof Error ? error.cause : undefined;
  return /timed? ?out/i.test(String(error) + (cause === undefined ? '' : String(cause)));
}
