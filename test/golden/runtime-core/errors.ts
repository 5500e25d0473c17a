// Every error the client raises. Messages are built once, from data already scrubbed of the
// API key (see redact.ts); no error keeps a reference to the key, the client or its options.

/** One problem found by a validator (the Standard Schema v1 issue shape). */
export interface ValidationIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Base class of every error this package throws. */
export class SDKError extends Error {
  override name = 'SDKError';
}

/**
 * Input (or a response) that does not match the API's schema. Raised before anything is sent
 * for request problems; the message lists every issue as a `path: message` line.
 */
export class ValidationError extends SDKError {
  override name = 'ValidationError';
  readonly issues: readonly ValidationIssue[];
  /** For a response (or a stream event) that broke the spec: its status; undefined for a request. */
  readonly status: number | undefined;
  /** The response's headers (credentials redacted), for a response. */
  readonly headers: Headers | undefined;
  /** The `x-request-id` response header, for a response; quote it when reporting the problem. */
  readonly requestID: string | null | undefined;

  /** `heading` names what was checked, e.g. "Invalid request" or "Invalid response from GET /x". */
  constructor(
    issues: readonly ValidationIssue[],
    heading = 'Invalid request',
    response?: { readonly status: number; readonly headers: Headers },
  ) {
    super(formatIssues(issues, heading));
    this.issues = issues;
    this.status = response?.status;
    this.headers = response?.headers;
    this.requestID = response?.headers.get('x-request-id');
  }
}

/** `["workflow", "state_variables", 0, "a b"]` -> `workflow.state_variables[0]["a b"]`; `[]` -> `(root)`. */
export function formatIssuePath(path: readonly (string | number)[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment))
      text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text === '' ? '(root)' : text;
}

function formatIssues(issues: readonly ValidationIssue[], heading: string): string {
  if (issues.length === 0) return heading;
  const noun = issues.length === 1 ? 'problem' : 'problems';
  const lines = issues.map((issue) => `  ${formatIssuePath(issue.path)}: ${issue.message}`);
  return `${heading} (${issues.length} ${noun}):\n${lines.join('\n')}`;
}

/**
 * An HTTP exchange that failed. `status`/`headers` are undefined when no response arrived
 * (connection errors, timeouts, aborts). `error` is the parsed JSON error body, if any;
 * `code`, `param` and `type` come from its `error` object, as in the OpenAI API, or else from
 * the top level of the body (a numeric `code` becomes a string). A subclass narrows `Status`
 * and `ResponseHeaders` to what it always has (`400` and `Headers`; `undefined` for no response).
 */
export class APIError<
  Status extends number | undefined = number | undefined,
  ResponseHeaders extends Headers | undefined = Headers | undefined,
> extends SDKError {
  override name = 'APIError';
  readonly status: Status;
  readonly headers: ResponseHeaders;
  /** The `x-request-id` response header; quote it when reporting a problem to the API owner. */
  readonly requestID: string | null | undefined;
  readonly error: unknown;
  readonly code: string | null | undefined;
  readonly param: string | null | undefined;
  readonly type: string | undefined;

  constructor(
    status: number | undefined,
    error: unknown,
    message: string,
    headers: Headers | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.status = status as Status;
    this.headers = headers as ResponseHeaders;
    this.requestID = headers?.get('x-request-id');
    this.error = error;
    const detail = errorObject(error) ?? plainObject(error);
    const code = detail?.['code'];
    this.code =
      typeof code === 'number' && Number.isFinite(code)
        ? String(code)
        : stringField(detail, 'code');
    this.param = stringField(detail, 'param');
    this.type = stringField(detail, 'type') ?? undefined;
  }
}

export class BadRequestError extends APIError<400, Headers> {
  override name = 'BadRequestError';
}
export class AuthenticationError extends APIError<401, Headers> {
  override name = 'AuthenticationError';
}
export class PermissionDeniedError extends APIError<403, Headers> {
  override name = 'PermissionDeniedError';
}
export class NotFoundError extends APIError<404, Headers> {
  override name = 'NotFoundError';
}
export class ConflictError extends APIError<409, Headers> {
  override name = 'ConflictError';
}
export class UnprocessableEntityError extends APIError<422, Headers> {
  override name = 'UnprocessableEntityError';
}
export class RateLimitError extends APIError<429, Headers> {
  override name = 'RateLimitError';
}
export class InternalServerError extends APIError<number, Headers> {
  override name = 'InternalServerError';
}

/**
 * A 2xx response whose body is not JSON (e.g. an HTML page from a proxy). Carries status,
 * headers and request ID like any APIError; never retried, since the server said "success".
 */
export class InvalidResponseBodyError extends APIError<number, Headers> {
  override name = 'InvalidResponseBodyError';
}

/**
 * A response larger than the client accepts: a body over `maxResponseBytes`, or one line (or
 * event) of an event stream over `maxEventBytes`. Reading stopped at the limit and the rest of
 * the body was cancelled, so memory stays bounded. Never retried.
 */
export class ResponseTooLargeError extends APIError<number, Headers> {
  override name = 'ResponseTooLargeError';
  /** The limit that was passed, in bytes. */
  readonly limit: number;

  constructor(status: number, message: string, headers: Headers, limit: number) {
    super(status, undefined, message, headers);
    this.limit = limit;
  }
}

/** No usable response: DNS, refused or reset connection, or a body cut off mid-stream. */
export class APIConnectionError extends APIError<undefined, undefined> {
  override name = 'APIConnectionError';
  constructor(message = 'Connection error.', options?: ErrorOptions) {
    super(undefined, undefined, message, undefined, options);
  }
}

/** The attempt ran longer than `timeout` (after any retries). */
export class APIConnectionTimeoutError extends APIConnectionError {
  override name = 'APIConnectionTimeoutError';
  constructor(message = 'Request timed out.', options?: ErrorOptions) {
    super(message, options);
  }
}

/** The caller's AbortSignal fired. Never retried. `cause` is the signal's reason. */
export class APIUserAbortError extends APIError<undefined, undefined> {
  override name = 'APIUserAbortError';
  constructor(message = 'Request was aborted.', options?: ErrorOptions) {
    super(undefined, undefined, message, undefined, options);
  }
}

/** `<what> was aborted by the caller (the AbortSignal fired).`, with the signal's reason as cause. */
export function userAbort(signal: AbortSignal, what: string): APIUserAbortError {
  return new APIUserAbortError(`${what} was aborted by the caller (the AbortSignal fired).`, {
    cause: signal.reason,
  });
}

/**
 * The typed error for a non-2xx response. `body` is the parsed JSON (or undefined) and `text`
 * the raw body, both already scrubbed of secrets by the caller.
 */
export function makeStatusError(
  status: number,
  body: unknown,
  text: string,
  headers: Headers,
): APIError {
  const StatusError = STATUS_ERRORS[status] ?? (status >= 500 ? InternalServerError : APIError);
  return new StatusError(status, body, statusMessage(status, body, text), headers);
}

const STATUS_ERRORS: Readonly<
  Record<number, new (...args: ConstructorParameters<typeof APIError>) => APIError>
> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The rules optionError states for the options the client and each request check. */
export const POSITIVE_MS = 'a positive number of milliseconds';
export const BYTE_LIMIT = 'a whole number of bytes above 0';

/** `<what> must be <rule>, got <value>.`: an option out of range. */
export function optionError(what: string, rule: string, value: unknown): SDKError {
  // a string in quotes: `timeout: '100'` must not read as the number 100
  const shown = typeof value === 'string' ? JSON.stringify(cut(value, 40)) : String(value);
  return new SDKError(`${what} must be ${rule}, got ${shown}.`);
}

const SNIPPET_LENGTH = 200;
/** A message an API sends is kept whole up to this many characters (a hostile one may be megabytes). */
const MESSAGE_LENGTH = 4_000;

/**
 * `404 Session not found`: the status and the body's message, from the first of
 * `error.message` (OpenAI), `message`, `error` (a string), `detail` (a string; RFC 9457 and
 * FastAPI) and `title` (RFC 9457). Without one, the status and the start of the body: the JSON
 * as it is, or the text without markup.
 */
function statusMessage(status: number, body: unknown, text: string): string {
  const message = bodyMessage(body);
  if (message !== undefined) return `${status} ${message}`;
  if (body !== undefined) return `${status} ${jsonSnippet(body)}`;
  const plain = snippet(text.replace(/<[^>]*>/g, ' '));
  return plain === '' ? `${status} status code (no body)` : `${status} ${plain}`;
}

/** The human-readable message of an error body (see statusMessage), or undefined. */
export function bodyMessage(body: unknown): string | undefined {
  const top = plainObject(body);
  if (top === undefined) return undefined;
  const inner = errorObject(body);
  return (
    messageOf(inner?.['message']) ??
    messageOf(top['message']) ??
    nonEmptyString(top['error']) ??
    nonEmptyString(top['detail']) ??
    nonEmptyString(top['title'])
  );
}

/** A non-empty string as it is (cut to MESSAGE_LENGTH); another non-null value (e.g. a list of messages) as JSON. */
function messageOf(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? cut(value, MESSAGE_LENGTH) : jsonSnippet(value);
}

/**
 * The start of a value as JSON, for a message. A value JSON.stringify cannot write (nested
 * deeper than the stack allows, as a hostile server may send) is described instead.
 */
export function jsonSnippet(value: unknown): string {
  try {
    return snippet(JSON.stringify(value) ?? String(value));
  } catch {
    return Array.isArray(value)
      ? '[an array too deeply nested to show]'
      : '{an object too deeply nested to show}';
  }
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? cut(value, MESSAGE_LENGTH) : undefined;
}

/** Collapses whitespace and cuts to about 200 characters. */
export function snippet(text: string): string {
  return cut(text.replace(/\s+/g, ' ').trim(), SNIPPET_LENGTH);
}

/** The text, or its first `length` characters and an ellipsis (never half a surrogate pair). */
export function cut(text: string, length: number): string {
  if (text.length <= length) return text;
  // a high surrogate last would be half a pair
  const end = (text.charCodeAt(length - 1) & 0xfc00) === 0xd800 ? length - 1 : length;
  return `${text.slice(0, end)}\u2026`;
}

/** `body.error` when it is an object (OpenAI's error envelope), else undefined. */
function errorObject(body: unknown): Record<string, unknown> | undefined {
  return plainObject(plainObject(body)?.['error']);
}

/** The value as a record when it is a non-array object, else undefined. */
function plainObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function stringField(
  detail: Record<string, unknown> | undefined,
  key: string,
): string | null | undefined {
  const value = detail?.[key];
  return typeof value === 'string' || value === null ? value : undefined;
}
