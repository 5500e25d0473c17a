// The shapes the generated client and its users pass to the core. Re-exported by core.ts.
import type { ValidationIssue } from './errors.js';
import type { Logger, LogLevel } from './log.js';
import type { Stream, StreamSource } from './streaming.js';

/** What a generated request builder returns: everything needed to put the request on the wire. */
export interface RequestDescription {
  readonly method: string;
  /** Already percent-encoded; may carry a `?query`. Appended to the base URL. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /**
   * `undefined` means no body (and no content-type). A `FormData`, `URLSearchParams`, `Blob`,
   * `ArrayBuffer`, ArrayBuffer view, `ReadableStream` or string is sent as it is: fetch picks
   * the content-type of FormData (with its boundary), URLSearchParams and a typed Blob, and a
   * `content-type` in `headers` is kept. Anything else (objects, arrays, numbers, booleans,
   * null) is sent as JSON with `content-type: application/json`.
   */
  readonly body?: unknown;
}

/** Fixed facts about one generated client, compiled into it by the generator. */
export interface ClientIdentity {
  /** e.g. "ChatKitClient"; used in error messages. */
  readonly clientName: string;
  readonly packageName: string;
  readonly packageVersion: string;
  readonly defaultBaseURL: string;
  /** Environment variable holding the API key, e.g. "OPENAI_API_KEY". */
  readonly apiKeyEnv: string;
  /** Environment variable overriding the base URL, e.g. "OPENAI_BASE_URL". */
  readonly baseURLEnv: string;
  /**
   * How requests authenticate. 'bearer' (the default) sends `Authorization: Bearer <apiKey>`
   * and requires a key. An apiKey scheme's place sends the key as that header, query parameter
   * or cookie (a header that holds the key is never sent to another origin). 'none' (the
   * spec declares no security) sends no key and needs none; a key given anyway is still kept out
   * of errors and logs.
   */
  readonly auth?:
    'bearer' | 'none' | { readonly in: 'header' | 'query' | 'cookie'; readonly name: string };
}

/**
 * How 2xx JSON bodies are checked: 'loose' rejects wrong types but keeps unknown fields,
 * 'strict' also rejects unknown fields, 'off' skips the check.
 */
export type ResponseValidation = 'loose' | 'strict' | 'off';

export interface ClientOptions {
  /** Defaults to the environment variable named by the client (e.g. OPENAI_API_KEY). */
  apiKey?: string | undefined;
  /** Defaults to the base-URL environment variable, then to the API's own URL. */
  baseURL?: string | undefined;
  /** Milliseconds per attempt, including reading the body. Default 600_000 (10 minutes). */
  timeout?: number | undefined;
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number | undefined;
  /** A fetch implementation; default `globalThis.fetch`. */
  fetch?: typeof fetch | undefined;
  /**
   * Passed to every fetch call (e.g. `{ keepalive: true }`, or Node's `{ dispatcher }` for a
   * proxy); a request's own `fetchOptions` are applied over them. Never replaces the method,
   * headers, body, signal or redirect handling the client sets.
   */
  fetchOptions?: FetchOptions | undefined;
  /** Sent with every request; `null` removes a header the client would send. */
  defaultHeaders?: Record<string, string | null | undefined> | undefined;
  /** Added to every request's query string; `undefined` values are skipped. */
  defaultQuery?: Record<string, string | undefined> | undefined;
  /** Default `console`. */
  logger?: Logger | undefined;
  /** Default 'warn'. 'info' adds one line per response and retry; 'debug' adds redacted details. */
  logLevel?: LogLevel | undefined;
  /** Allow construction in a browser page, where the API key would be visible to its users. */
  dangerouslyAllowBrowser?: boolean | undefined;
  /** Check request inputs against the schema before sending. Default true. */
  validate?: boolean | undefined;
  /** Default 'loose'. */
  responseValidation?: ResponseValidation | undefined;
  /** Header that carries an idempotency key on non-GET requests (e.g. "Idempotency-Key"). Off by default. */
  idempotencyHeader?: string | undefined;
  /** Cap, in ms, on a wait the server asks for with retry-after(-ms). Default 60_000. */
  maxRetryAfter?: number | undefined;
  /**
   * Largest response body read into memory (JSON, text, error bodies), counted as it arrives;
   * a larger 2xx body fails with ResponseTooLargeError. Default 268_435_456 (256 MiB).
   */
  maxResponseBytes?: number | undefined;
  /**
   * Largest line, and largest data of one event, of an event stream; past it the stream fails
   * with ResponseTooLargeError. Default 67_108_864 (64 MiB).
   */
  maxEventBytes?: number | undefined;
}

export interface RequestOptions {
  /** Applied last; `null` removes a header. */
  headers?: Record<string, string | null | undefined> | undefined;
  timeout?: number | undefined;
  maxRetries?: number | undefined;
  /** Aborting stops the request at once (also during a retry wait) with APIUserAbortError. */
  signal?: AbortSignal | undefined;
  /** Used instead of a generated key when the client has an `idempotencyHeader`. */
  idempotencyKey?: string | undefined;
  /** Overrides the client's `validate` for this call. */
  validate?: boolean | undefined;
  /** Overrides the client's `maxResponseBytes` for this call. */
  maxResponseBytes?: number | undefined;
  /**
   * Extra query parameters, added to the operation's (`undefined` values are skipped, an array
   * repeats the name); one named like a parameter of the operation replaces it. Not validated.
   */
  query?: Record<string, QueryExtra> | undefined;
  /**
   * Extra body fields, merged into the operation's object body (JSON, multipart or URL-encoded,
   * encoded as its own fields are); a field named like one of the body's replaces it. Extra
   * fields are not validated; the rest of the body is. An operation without a body sends them
   * as a JSON body (a GET or HEAD cannot).
   */
  body?: Record<string, unknown> | undefined;
  /** Passed to fetch for this call, over the client's `fetchOptions`. */
  fetchOptions?: FetchOptions | undefined;
}

/** A value of an extra query parameter. */
export type QueryExtra =
  string | number | boolean | null | undefined | readonly (string | number | boolean)[];

/**
 * `RequestInit` extras for fetch (`cache`, `keepalive`, `priority`, a runtime's own such as
 * Node's `dispatcher`), without what the client sets itself.
 */
export type FetchOptions = Omit<
  RequestInit,
  'body' | 'headers' | 'method' | 'signal' | 'redirect' | 'window'
> & {
  readonly body?: never;
  readonly headers?: never;
  readonly method?: never;
  readonly signal?: never;
  readonly redirect?: never;
  readonly [option: string]: unknown;
};

/**
 * Given to an operation's `build`: returns the builder's input with the caller's extra body
 * fields (`options.body`) merged into its `body`, or the input itself when there are none.
 */
export type BodyExtender = <I extends object>(input: I) => I;

/** One API call, as the generated resource method describes it to the core. `T` is the parsed 2xx body. */
export interface OperationSpec<T> {
  /** Returns the request issues of the caller's input; called only when validation is on. */
  readonly validateRequest?: () => readonly ValidationIssue[];
  /**
   * The JSON body's validator, run on the body as JSON.stringify wrote it (parsed back) once
   * validateRequest has passed: a toJSON method, a getter or an inherited property can make
   * what is sent differ from what was checked.
   */
  readonly validateBody?: (value: unknown, mode: 'request') => readonly ValidationIssue[];
  /**
   * Builds the wire request (pure; may throw ValidationError, e.g. from encodePathSegment).
   * An operation with a body passes its builder's input through `extend`; one with uploads
   * returns a promise (its streams are read first, once, so every attempt sends the same bytes).
   */
  readonly build: (extend: BodyExtender) => RequestDescription | Promise<RequestDescription>;
  /**
   * A page's link to the next page (`next-url` pagination), sent instead of the built path and
   * query: given the base URL, the link's path after it (pagination.ts refuses a link off the
   * base URL's origin and path, so credentials never go to another host).
   */
  readonly url?: ((baseURL: string) => string) | undefined;
  /** Checks a parsed 2xx JSON body; 'strict' also rejects unknown keys. Missing = no check. */
  readonly validateResponse?: (
    value: unknown,
    mode: 'loose' | 'strict',
  ) => readonly ValidationIssue[];
  /**
   * What a 2xx body becomes; default 'json'. `T` must match: 'json' the parsed body (checked by
   * `validateResponse`), 'text' a `string`, 'binary' the `Response` itself with its body
   * unread (the timeout and the caller's signal stop applying, as with `asResponse()`), 'sse'
   * a `Stream<Event>` of the JSON events of a `text/event-stream` body.
   */
  readonly responseType?: ResponseType | undefined;
  /**
   * With 'sse': reads the event stream (streaming.ts's `streamResponse`). Passed by the operations
   * that stream, so the event-stream code is in a bundle only when one of them is called.
   */
  readonly stream?:
    ((response: Response, source: StreamSource) => Promise<Stream<unknown>>) | undefined;
  /** With 'sse': checks each event (as yielded), as `validateResponse` checks a JSON body. */
  readonly validateEvent?:
    ((value: unknown, mode: 'loose' | 'strict') => readonly ValidationIssue[]) | undefined;
  /**
   * With 'sse': yield `{ event, data }` (the SSE event name and the parsed data) instead of the
   * data alone, for streams whose events differ only by name (OpenAI's AssistantStreamEvent).
   */
  readonly eventEnvelope?: boolean | undefined;
}

export type ResponseType = 'json' | 'binary' | 'text' | 'sse';
