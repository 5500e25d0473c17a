// The client base class every generated client extends: resolves options once (API key,
// base URL, headers, logger) and turns each OperationSpec into an APIPromise.
import type { APIPromise } from './api-promise.js';
import { DEFAULT_MAX_EVENT_BYTES, DEFAULT_MAX_RESPONSE_BYTES, isByteLimit } from './body.js';
import { BYTE_LIMIT, cut, optionError, POSITIVE_MS, SDKError } from './errors.js';
import { isBrowser, readEnv } from './env.js';
import { applyHeaders, type HeaderRecord } from './headers.js';
import { isLogLevel, LevelLogger, type LogLevel } from './log.js';
import type {
  ClientIdentity,
  ClientOptions,
  OperationSpec,
  RequestOptions,
  ResponseValidation,
} from './options.js';
import { scrubText } from './redact.js';
import { startRequest, type RequestConfig } from './request.js';
import { encodeQueryText } from './url.js';
import {
  DEFAULT_MAX_RETRIES,
  DEFAULT_MAX_RETRY_AFTER,
  DEFAULT_RETRY_HOOKS,
  type RetryHooks,
} from './retry.js';

export type {
  BodyExtender,
  ClientIdentity,
  ClientOptions,
  FetchOptions,
  OperationSpec,
  QueryExtra,
  RequestDescription,
  RequestOptions,
  ResponseType,
  ResponseValidation,
} from './options.js';
export type { Logger, LogLevel } from './log.js';
export { APIPromise } from './api-promise.js';
export { Stream, type ServerSentEvent } from './streaming.js';

/** Ten minutes, as in openai-node. */
export const DEFAULT_TIMEOUT = 600_000;

export class ClientCore {
  readonly baseURL: string;
  readonly timeout: number;
  readonly maxRetries: number;
  // Private (#) so the key never shows up in JSON.stringify, util.inspect or a spread of the client.
  readonly #config: RequestConfig;
  /** The options as resolved (key, base URL, limits), for withOptions; copies, never the caller's objects. */
  readonly #options: ClientOptions;
  readonly #identity: ClientIdentity;
  readonly #hooks: Partial<RetryHooks> | undefined;

  /**
   * Throws SDKError when no API key is found (unless the API needs none), when options are out
   * of range, and in a browser page with an API key unless `dangerouslyAllowBrowser` is set.
   * `hooks` replaces the retry clock (tests only; generated clients never pass it).
   */
  constructor(options: ClientOptions, identity: ClientIdentity, hooks?: Partial<RetryHooks>) {
    const name = identity.clientName;
    const auth = identity.auth ?? 'bearer';
    const bearer = auth !== 'none';
    const apiKey =
      options.apiKey ?? (identity.apiKeyEnv === '' ? undefined : readEnv(identity.apiKeyEnv));
    if (apiKey !== undefined && typeof apiKey !== 'string') {
      // never the value: it is meant to be a secret
      throw new SDKError(`${name}: apiKey must be a string, got ${typeOf(apiKey)}.`);
    }
    const hasKey = apiKey !== undefined && apiKey !== '';
    if (bearer && !hasKey) {
      throw new SDKError(
        `${name}: no API key found. Pass it as \`new ${name}({ apiKey })\` or set the ${identity.apiKeyEnv} environment variable.`,
      );
    }
    // Without a key there is nothing in the bundle to expose.
    if (hasKey && isBrowser() && options.dangerouslyAllowBrowser !== true) {
      throw new SDKError(
        `${name}: refusing to run in a browser. Code shipped to a browser is readable by its users, so the API key ` +
          `would be exposed to anyone who opens the page. Call the API from your server instead, or, if you ` +
          `understand the risk (e.g. the key is a short-lived, narrowly scoped token), pass \`dangerouslyAllowBrowser: true\`.`,
      );
    }

    // Only ever used to scrub the key out of errors and logs; '' scrubs nothing.
    const secret = hasKey ? apiKey : '';
    const baseURL = (
      options.baseURL ??
      readEnv(identity.baseURLEnv) ??
      identity.defaultBaseURL
    ).replace(/\/+$/, '');
    const urlProblem = baseURLProblem(baseURL, secret);
    if (urlProblem !== undefined) throw new SDKError(`${name}: baseURL ${urlProblem}`);
    /** Throws `<name>: <option> must be <rule>, got <value>.` unless `ok`. */
    const check = (ok: boolean, option: string, rule: string, value: unknown): void => {
      if (!ok) throw optionError(`${name}: ${option}`, rule, value);
    };
    const timeout = options.timeout ?? DEFAULT_TIMEOUT;
    check(typeof timeout === 'number' && timeout > 0, 'timeout', POSITIVE_MS, timeout);
    const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    check(
      Number.isInteger(maxRetries) && maxRetries >= 0,
      'maxRetries',
      'a whole number >= 0',
      maxRetries,
    );
    const maxRetryAfter = options.maxRetryAfter ?? DEFAULT_MAX_RETRY_AFTER;
    check(
      typeof maxRetryAfter === 'number' && maxRetryAfter >= 0,
      'maxRetryAfter',
      'a number of milliseconds >= 0',
      maxRetryAfter,
    );
    const responseValidation: ResponseValidation = options.responseValidation ?? 'loose';
    check(
      ['loose', 'strict', 'off'].includes(responseValidation),
      'responseValidation',
      "'loose', 'strict' or 'off'",
      responseValidation,
    );
    const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    check(isByteLimit(maxResponseBytes), 'maxResponseBytes', BYTE_LIMIT, maxResponseBytes);
    const maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    check(isByteLimit(maxEventBytes), 'maxEventBytes', BYTE_LIMIT, maxEventBytes);
    const idempotencyHeader = options.idempotencyHeader;
    if (idempotencyHeader !== undefined) {
      check(
        typeof idempotencyHeader === 'string',
        'idempotencyHeader',
        'a header name',
        idempotencyHeader,
      );
      applyHeaders({}, { [idempotencyHeader]: 'key' }, ['idempotencyHeader']);
    }
    const fetchFn = options.fetch ?? globalThis.fetch;
    if (typeof fetchFn !== 'function') {
      throw new SDKError(
        `${name}: this runtime has no global fetch; pass one as the \`fetch\` option.`,
      );
    }

    const logger = options.logger ?? console;
    let logLevel: LogLevel = 'warn';
    if (isLogLevel(options.logLevel)) logLevel = options.logLevel;
    else if (options.logLevel !== undefined) {
      logger.warn(
        `${name}: logLevel ${JSON.stringify(options.logLevel)} is not one of off, error, warn, info, debug; using 'warn'.`,
      );
    }

    const defaults: HeaderRecord = {
      accept: 'application/json',
      'x-sdkgen-client': `${identity.packageName}/${identity.packageVersion}`,
      'x-sdkgen-retry-count': '0',
      'x-sdkgen-timeout': String(Math.trunc(timeout / 1000)),
    };
    // the key as the spec's scheme wants it: a bearer token, or a header or cookie of its own
    if (auth === 'bearer')
      applyHeaders(defaults, { authorization: `Bearer ${apiKey}` }, ['apiKey']);
    else if (auth !== 'none' && hasKey && auth.in !== 'query') {
      const [name, value] =
        auth.in === 'header' ? [auth.name, apiKey] : ['cookie', `${auth.name}=${apiKey}`];
      applyHeaders(defaults, { [name]: value }, ['apiKey']);
    }
    const plainHeaders = { ...defaults };
    applyHeaders(plainHeaders, options.defaultHeaders, ['defaultHeaders']);
    // A body's content-type comes from the body (and the operation's or caller's headers), never
    // from defaultHeaders: the official SDK applies its JSON content-type after defaultHeaders,
    // and a client-wide content-type would break a FormData's multipart boundary.
    const bodyHeaders = { ...plainHeaders };
    delete bodyHeaders['content-type'];
    const jsonHeaders: HeaderRecord = {
      ...bodyHeaders,
      'content-type': 'application/json',
    };
    // Headers the caller set or removed in defaultHeaders; per-request values must not overwrite them.
    const touched = new Set(
      Object.entries(options.defaultHeaders ?? {})
        .filter(([, value]) => value !== undefined)
        .map(([key]) => key.toLowerCase()),
    );

    const query = new URLSearchParams();
    if (typeof auth === 'object' && auth.in === 'query' && hasKey) query.append(auth.name, apiKey);
    for (const [key, value] of Object.entries(options.defaultQuery ?? {})) {
      if (value === undefined) continue;
      if (typeof value !== 'string') {
        throw new SDKError(`${name}: defaultQuery values must be strings, got ${typeOf(value)}.`);
      }
      // a lone surrogate is a ValidationError here, not U+FFFD on the wire (URLSearchParams)
      for (const text of [key, value])
        encodeQueryText(text, ['defaultQuery', key], `${name}: invalid defaultQuery`);
      query.append(key, value);
    }

    const fetchOptions =
      options.fetchOptions === undefined || options.fetchOptions === null
        ? undefined
        : { ...options.fetchOptions };

    this.baseURL = baseURL;
    this.timeout = timeout;
    this.maxRetries = maxRetries;
    this.#identity = identity;
    this.#hooks = hooks;
    this.#options = {
      ...options,
      apiKey: hasKey ? apiKey : undefined,
      baseURL,
      timeout,
      maxRetries,
      fetch: fetchFn,
      logger,
      logLevel,
      defaultHeaders: { ...options.defaultHeaders },
      defaultQuery: { ...options.defaultQuery },
      fetchOptions: { ...fetchOptions },
    };
    this.#config = {
      baseURL,
      query: query.toString(),
      plainHeaders,
      bodyHeaders,
      jsonHeaders,
      sendsRetryCount: !touched.has('x-sdkgen-retry-count'),
      sendsTimeout: !touched.has('x-sdkgen-timeout'),
      timeout,
      maxRetries,
      maxRetryAfter,
      validate: options.validate ?? true,
      responseValidation,
      idempotencyHeader: idempotencyHeader?.toLowerCase(),
      fetch: fetchFn,
      fetchOptions,
      log: new LevelLogger(logger, logLevel, secret),
      secret,
      hooks: { ...DEFAULT_RETRY_HOOKS, ...hooks },
      maxResponseBytes,
      maxEventBytes,
    };
  }

  /**
   * Runs one operation. Never throws synchronously: every failure, including invalid input
   * found before sending, rejects the returned promise.
   */
  request<T>(operation: OperationSpec<T>, options?: RequestOptions): APIPromise<T> {
    return startRequest(this.#config, operation, options);
  }

  /**
   * A new client of the same class (same resources and methods) with these options over this
   * one's: `defaultHeaders`, `defaultQuery` and `fetchOptions` are merged key by key (a `null`
   * header removes one, an `undefined` query value drops one), every other option given
   * replaces this client's. The two clients share no mutable state.
   *
   * @example
   * ```ts
   * const patient = client.withOptions({ timeout: 120_000, maxRetries: 5 });
   * ```
   */
  withOptions(options: ClientOptions): this {
    const base = this.#options;
    const merged: ClientOptions = {
      ...base,
      ...options,
      defaultHeaders: { ...base.defaultHeaders, ...options.defaultHeaders },
      defaultQuery: { ...base.defaultQuery, ...options.defaultQuery },
      fetchOptions: { ...base.fetchOptions, ...options.fetchOptions },
    };
    // A generated client's constructor takes only the options (it passes its own identity).
    const Client = this.constructor as new (
      options: ClientOptions,
      identity: ClientIdentity,
      hooks?: Partial<RetryHooks>,
    ) => this;
    return new Client(merged, this.#identity, this.#hooks);
  }
}

/**
 * What is wrong with a base URL (the end of a message), or undefined: it must be an absolute
 * http(s) URL that the operation paths can be appended to. Never quotes its credentials.
 */
function baseURLProblem(baseURL: string, secret: string): string | undefined {
  const shown = JSON.stringify(cut(scrubText(baseURL, secret), 100));
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    return `${shown} is not an absolute URL.`;
  }
  if (url.username !== '' || url.password !== '')
    return `${url.protocol}//\u2026@${url.host} holds credentials: send them in defaultHeaders.`;
  if (!/^https?:$/.test(url.protocol)) return `${shown} is not an http(s) URL.`;
  if (/[?#]/.test(baseURL))
    return `${shown} has a query or fragment: pass a query as defaultQuery.`;
  return undefined;
}

/** What a value is, without showing it (it may be a secret). */
function typeOf(value: unknown): string {
  return value === null ? 'null' : typeof value;
}
