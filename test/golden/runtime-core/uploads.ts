// File uploads: what a `format: binary` field or a binary body accepts, `toFile` (as in the
// official OpenAI SDK), and the step that reads one-shot streams into Files before a multipart
// request is built, so that every attempt (retries included) sends the same bytes. Web
// standards only: a Node stream is recognised by its Symbol.asyncIterator, never imported.
import { ValidationError } from './errors.js';

/**
 * File content: a `File` (sent under its own name), a `Blob`, bytes (`ArrayBuffer` or any
 * view, e.g. `Uint8Array` or a Node `Buffer`), a web `ReadableStream`, a Node stream or any
 * async iterable of byte or string chunks (`fs.createReadStream(path)` is sent under the
 * file's name), or a fetch `Response` (sent under the last segment of its URL). A string is
 * not file content: wrap text with `new File([text], 'name.txt')`.
 */
export type Uploadable =
  | Blob
  | ArrayBuffer
  | ArrayBufferView
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>
  | Response;

/** What `toFile` reads: anything uploadable, or a promise of it (`toFile(fetch(url))`). */
export type ToFileInput = Uploadable | PromiseLike<Uploadable>;

export interface ToFileOptions {
  /** The file's media type, e.g. `image/png`; default the Blob's or Response's own, else none. */
  type?: string | undefined;
}

/** The name a file part gets when nothing names it, as the official SDK sends it. */
export const DEFAULT_FILE_NAME = 'unknown_file';

/** Whether `value` is file content: exactly the values of the `Uploadable` type. */
export function isUploadable(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return (
    isBlob(value) ||
    value instanceof ArrayBuffer ||
    ArrayBuffer.isView(value) ||
    isStream(value) ||
    isFetchResponse(value)
  );
}

/**
 * Reads `data` into a `File`, as the official SDK's `toFile` does. The name is `name` when
 * given, else the File's own, a stream's file path (its last segment), a Response's URL (its
 * last segment), and `unknown_file` otherwise. A File with nothing to change is returned as it is.
 */
export async function toFile(
  data: ToFileInput,
  name?: string | null,
  options: ToFileOptions = {},
): Promise<File> {
  const value: unknown = await data;
  if (typeof File !== 'function') {
    throw new TypeError(
      'This runtime has no global `File`, which uploads need (Node.js 20 or later has one).',
    );
  }
  const fileName = name ?? nameOf(value) ?? DEFAULT_FILE_NAME;
  if (
    value instanceof File &&
    fileName === value.name &&
    (options.type === undefined || options.type === value.type)
  ) {
    return value;
  }
  const parts = await partsOf(value);
  const typed = isBlob(value) ? value : parts.find((part): part is Blob => isBlob(part));
  const type = options.type ?? (typed?.type || undefined);
  return new File(parts, fileName, type === undefined ? undefined : { type });
}

/**
 * The input of a request builder with every stream in its body (a `ReadableStream`, an async
 * iterable, a `Response`) read into a File; other values are kept. Returns `input` itself when
 * the body holds no stream. Called once per request, before the first attempt.
 */
export async function readUploads<I>(input: I): Promise<I> {
  const body = (input as { body?: unknown }).body;
  const read = await readValue(body, ['body'], 0);
  return read === body ? input : { ...input, body: read };
}

/**
 * The last segment of the value's own name: a File's `name`, a Node stream's `path`, a
 * Response's URL (percent-decoded). Undefined when it has none.
 */
export function nameOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as { name?: unknown; path?: unknown; url?: unknown };
  if (isBlob(value)) return typeof record.name === 'string' ? lastSegment(record.name) : undefined;
  if (isFetchResponse(value)) {
    try {
      const segment = lastSegment(new URL(value.url).pathname);
      return segment === undefined ? undefined : lastSegment(decodeURIComponent(segment));
    } catch {
      return undefined;
    }
  }
  // a Node fs.ReadStream's path is a string, a Buffer or a file: URL
  const path = record.path;
  if (typeof path === 'string') return lastSegment(path);
  if (ArrayBuffer.isView(path)) return lastSegment(new TextDecoder().decode(path));
  return typeof path === 'object' && path !== null ? lastSegment(String(path)) : undefined;
}

function lastSegment(path: string): string | undefined {
  return path.split(/[\\/]/).pop() || undefined;
}

/** How deep `readUploads` looks into a body's objects and arrays. */
const MAX_UPLOAD_DEPTH = 64;

async function readValue(
  value: unknown,
  path: (string | number)[],
  depth: number,
): Promise<unknown> {
  if (typeof value !== 'object' || value === null || depth > MAX_UPLOAD_DEPTH) return value;
  if (isStream(value) || isFetchResponse(value)) {
    try {
      return await toFile(value as Uploadable);
    } catch (error) {
      if (error instanceof ValidationError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new ValidationError(
        [{ path, message: `could not be read (${reason})` }],
        'Invalid request body',
      );
    }
  }
  if (Array.isArray(value)) {
    const items = await Promise.all(
      value.map((item: unknown, index) => readValue(item, [...path, index], depth + 1)),
    );
    return items.some((item, index) => item !== value[index]) ? items : value;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const entries = await Promise.all(
    Object.entries(value).map(
      async ([key, item]) => [key, await readValue(item, [...path, key], depth + 1)] as const,
    ),
  );
  const record = value as Record<string, unknown>;
  return entries.some(([key, item]) => item !== record[key]) ? Object.fromEntries(entries) : value;
}

/** The pieces of a File made of `value`: Blobs, byte views and strings, in order. */
async function partsOf(value: unknown): Promise<BlobPart[]> {
  if (isBlob(value)) return [value];
  if (value instanceof ArrayBuffer) return [value];
  if (ArrayBuffer.isView(value)) return [value as BlobPart];
  if (isFetchResponse(value)) return [await value.blob()];
  if (isStream(value)) {
    const parts: BlobPart[] = [];
    let index = 0;
    for await (const chunk of iterate(value as object)) {
      if (typeof chunk === 'string') parts.push(chunk);
      else if (isBlob(chunk) || chunk instanceof ArrayBuffer || ArrayBuffer.isView(chunk)) {
        parts.push(...(await partsOf(chunk)));
      } else {
        throw new TypeError(
          `chunk ${index} of the stream is ${chunk === null ? 'null' : typeof chunk}, not bytes or a string`,
        );
      }
      index++;
    }
    return parts;
  }
  throw new TypeError(`${describe(value)} is not file content (a File, Blob, bytes or a stream)`);
}

/** A web ReadableStream (read with a reader: not every runtime makes it async-iterable) or an async iterable. */
async function* iterate(stream: object): AsyncGenerator<unknown> {
  if (typeof (stream as { getReader?: unknown }).getReader === 'function') {
    const reader = (stream as ReadableStream<unknown>).getReader();
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) return;
        yield chunk.value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  yield* stream as AsyncIterable<unknown>;
}

function isBlob(value: unknown): value is Blob {
  return typeof Blob === 'function' && value instanceof Blob;
}

/** A web ReadableStream, or any async iterable (Node streams included), that is not a Blob. */
function isStream(value: unknown): boolean {
  return (
    (typeof value === 'object' &&
      value !== null &&
      typeof ReadableStream === 'function' &&
      value instanceof ReadableStream) ||
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

function isFetchResponse(value: unknown): value is Response {
  return typeof Response === 'function' && value instanceof Response;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return `a ${typeof value}`;
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? `a ${name}` : 'an object';
}
