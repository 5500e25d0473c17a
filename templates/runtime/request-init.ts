// A request builder's description made ready for fetch: the body encoded as the client sends
// it (JSON text, FormData, URLSearchParams, bytes, a stream) and its content-type set. The
// client's core uses the same encoding, so `fetch(url, toRequestInit(r))` sends what it sends.
import { SDKError } from './errors.js';
import type { RequestDescription } from './options.js';

/**
 * A body fetch sends. Spelled through `RequestInit` because `BodyInit` is a DOM name that a
 * program compiled for Node.js alone (`@types/node`, no `dom` lib) does not have.
 */
export type FetchBody = NonNullable<RequestInit['body']>;

/** What `fetch(url, init)` takes for a described request. */
export interface FetchRequestInit extends RequestInit {
  method: string;
  /** Lowercase names: the builder's headers and the body's content-type. */
  headers: Record<string, string>;
  /** Absent when the request has no body. */
  body?: FetchBody;
  /** 'half' for a stream body, which fetch in Node.js, Deno and Chromium requires. */
  duplex?: 'half';
}

/** A described body as fetch sends it. */
export interface EncodedBody {
  readonly body: FetchBody | null;
  /** True when the body was serialised as JSON (it then needs `content-type: application/json`). */
  readonly isJSON: boolean;
  /** True for a stream, which can be sent only once (no retry, no redirect that resends it). */
  readonly isStream: boolean;
}

/**
 * `{ method, headers, body }` for fetch: an object or array body becomes JSON text with
 * `content-type: application/json` (unless the builder set a content-type); a FormData,
 * URLSearchParams, Blob, bytes or string body is sent as it is (fetch writes the multipart
 * boundary); a stream (a web ReadableStream, a Node stream or another async iterable of
 * bytes) is sent as a ReadableStream with `duplex: 'half'`. Pure: it sends nothing.
 *
 * @example
 * ```ts
 * const r = createThing({ body: { name: 'x' } });
 * const response = await fetch(`https://api.example.com${r.path}`, toRequestInit(r));
 * ```
 */
export function toRequestInit(request: RequestDescription): FetchRequestInit {
  // fromEntries defines each key, so a header named `__proto__` is one (an assignment would not be)
  const headers: Record<string, string> = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const init: FetchRequestInit = { method: request.method.toUpperCase(), headers };
  if (request.body === undefined) return init;
  const encoded = encodeBody(request.body);
  if (encoded.body !== null) init.body = encoded.body;
  if (encoded.isJSON && headers['content-type'] === undefined)
    headers['content-type'] = 'application/json';
  if (formHasBareType(encoded.body, headers)) delete headers['content-type'];
  if (encoded.isStream) init.duplex = 'half';
  return init;
}

/** Encodes a described body (defined) as the client sends it; throws SDKError when JSON cannot hold it. */
export function encodeBody(raw: unknown): EncodedBody {
  if (isRawBody(raw)) return { body: raw, isJSON: false, isStream: isReadableStream(raw) };
  if (isResponse(raw)) return { body: raw.body, isJSON: false, isStream: raw.body !== null };
  if (isIterableBody(raw)) return { body: streamOf(raw), isJSON: false, isStream: true };
  return { body: serialize(raw), isJSON: true, isStream: false };
}

/**
 * fetch writes `multipart/form-data; boundary=...` itself; a content-type without the boundary
 * (e.g. the spec's media type) would make the body unreadable, so it is left out.
 */
export function formHasBareType(body: FetchBody | null, headers: Record<string, string>): boolean {
  return (
    typeof FormData !== 'undefined' &&
    body instanceof FormData &&
    /^\s*multipart\/form-data\s*$/i.test(headers['content-type'] ?? '')
  );
}

/** Bodies fetch sends as they are; everything else is JSON (or a stream, above). */
function isRawBody(body: unknown): body is FetchBody {
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
    isReadableStream(body)
  );
}

function isReadableStream(body: unknown): body is ReadableStream {
  return typeof ReadableStream !== 'undefined' && body instanceof ReadableStream;
}

function isResponse(body: unknown): body is Response {
  return typeof Response !== 'undefined' && body instanceof Response;
}

function isIterableBody(body: unknown): body is AsyncIterable<unknown> {
  if (typeof body !== 'object' || body === null) return false;
  const proto: unknown = Object.getPrototypeOf(body);
  if (proto === Object.prototype || proto === null) return false;
  return typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}

/** A Node stream or another async iterable of bytes or strings, as a web ReadableStream. */
function streamOf(iterable: AsyncIterable<unknown>): ReadableStream<Uint8Array> {
  const iterator = iterable[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done === true) return controller.close();
      const chunk: unknown = next.value;
      if (typeof chunk === 'string') controller.enqueue(encoder.encode(chunk));
      else if (chunk instanceof ArrayBuffer) controller.enqueue(new Uint8Array(chunk));
      else if (ArrayBuffer.isView(chunk))
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      else
        throw new TypeError(
          `A body stream gave ${chunk === null ? 'null' : typeof chunk}, not bytes or a string.`,
        );
    },
    async cancel(reason) {
      await iterator.return?.(reason);
    },
  });
}

function serialize(body: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SDKError(`The request body cannot be sent as JSON: ${reason}`, {
      cause: error,
    });
  }
  if (json === undefined)
    throw new SDKError(`The request body cannot be sent as JSON (got ${typeof body}).`);
  return json;
}
