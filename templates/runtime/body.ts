// Reading a response body with a cap (bytes are counted as they arrive, so a server that sends
// more than the client accepts costs at most the cap in memory, never the whole body), and the
// one error for a 2xx body that is not what the operation expects.
import { InvalidResponseBodyError, snippet } from './errors.js';
import { scrubHeaders, scrubText } from './redact.js';

/** 256 MiB: above the largest real JSON answers (a 2,048-input embeddings list is ~140 MB). */
export const DEFAULT_MAX_RESPONSE_BYTES: number = 268_435_456;
/** 64 MiB: one line of an event stream (a whole generated image in base64 fits many times). */
export const DEFAULT_MAX_EVENT_BYTES: number = 67_108_864;

export interface BodyText {
  /** The body as UTF-8 text; with `complete` false, only its first `bytes` bytes. */
  readonly text: string;
  /** False when the body was longer than the limit (reading stopped and the body was cancelled). */
  readonly complete: boolean;
  /** Bytes read, or the declared content-length when that alone was over the limit. */
  readonly bytes: number;
  /** True when `bytes` is the content-length and nothing was read. */
  readonly declared: boolean;
}

/**
 * Reads the body as text, as `response.text()` does (UTF-8, a leading BOM dropped), but stops
 * once more than `limit` bytes have arrived, or at once when content-length says so. A read
 * that fails throws the stream's error, as `text()` would.
 */
export async function readText(response: Response, limit: number): Promise<BodyText> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  const body = response.body;
  if (Number.isFinite(declared) && declared > limit) {
    await body?.cancel().catch(ignore);
    return { text: '', complete: false, bytes: declared, declared: true };
  }
  if (body === null) return { text: '', complete: true, bytes: 0, declared: false };
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let bytes = 0;
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    bytes += chunk.value.byteLength;
    if (bytes > limit) {
      reader.cancel().catch(ignore);
      return { text, complete: false, bytes, declared: false };
    }
    text += decoder.decode(chunk.value, { stream: true });
  }
  return { text: text + decoder.decode(), complete: true, bytes, declared: false };
}

/** Whether `value` is a usable byte limit: a whole number above zero. */
export function isByteLimit(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/**
 * The error for a 2xx body (or a part of one) that is not what was expected: `message`, then
 * ` starts with: "<the start of text>"`. Never retried, since the server said "success".
 */
export function invalidBody(
  response: Response,
  secret: string,
  message: string,
  text: string,
): InvalidResponseBodyError {
  return new InvalidResponseBodyError(
    response.status,
    undefined,
    // Scrub before cutting, so a key that straddles the cut cannot leave a prefix behind.
    `${message} starts with: ${JSON.stringify(snippet(scrubText(text, secret)))}`,
    scrubHeaders(response.headers, secret),
  );
}

/** `<status> response to <label> is not <expected> (content-type: <type>).<hint> It`: invalidBody's message for a whole body. */
export function notExpected(
  response: Response,
  label: string,
  expected: string,
  hint = '',
): string {
  const contentType = response.headers.get('content-type') ?? 'none';
  return `${response.status} response to ${label} is not ${expected} (content-type: ${contentType}).${hint} It`;
}

/** `JSON.parse(text)`, or the invalidBody error whose message `message(error)` starts. */
export function parseJSON(
  text: string,
  response: Response,
  secret: string,
  message: (error: unknown) => string,
): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalidBody(response, secret, message(error), text);
  }
}

/** For a promise whose failure does not matter (cancelling a body nobody reads). */
export function ignore(): void {}
