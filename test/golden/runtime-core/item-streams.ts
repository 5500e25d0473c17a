// Streams of items with a schema (OpenAPI 3.2 `itemSchema`, or `x-sdk-item-schema` in 3.0/3.1):
// server-sent events as `{ event, data, id, retry }` objects, JSON Lines / NDJSON, and json-seq
// (RFC 7464), each item decoded and checked as it arrives; and request bodies sent as JSON Lines
// or json-seq, each item checked before it is written. Only operations with an item schema import
// this file, so a bundle without them never holds it.
import { parseJSON } from './body.js';
import { SDKError, ValidationError, type ValidationIssue } from './errors.js';
import { scrubHeaders } from './redact.js';
import {
  expectType,
  LF,
  SSEDecoder,
  Stream,
  type Framing,
  type ServerSentEvent,
  type StreamContext,
  type StreamSource,
} from './streaming.js';

/** How the items are framed: SSE events, one JSON text per line, or RS-led json-seq records. */
export type ItemFormat = 'event-stream' | 'json-lines' | 'json-seq';

/**
 * One server-sent event as OpenAPI 3.2 models it. `event` is `message` when the event names
 * none; `id` is the stream's last event ID (as EventSource reports it), absent before the
 * first; `retry` the last reconnection time the stream sent, if any.
 */
export interface EventItem<Data = string> {
  readonly event: string;
  readonly data: Data;
  readonly id?: string;
  readonly retry?: number;
}

const RS = 0x1e;

/**
 * The stream reader of an operation whose response is a stream of items (`OperationSpec.stream`).
 * `jsonData` (event streams): which events carry JSON `data`: every event's (`true`) or those
 * with these names; the others keep their text.
 */
export function itemStream(
  format: ItemFormat,
  jsonData?: true | readonly string[],
): (response: Response, source: StreamSource) => Promise<ItemStream<unknown>> {
  return async (response, source) => {
    await expectType(response, source, MEDIA_TYPES[format], DESCRIPTION[format]);
    return new ItemStream<unknown>(response, source, format, jsonData);
  };
}

const MEDIA_TYPES: Readonly<Record<ItemFormat, RegExp>> = {
  'event-stream': /^\s*text\/event-stream\s*(;|$)/i,
  'json-lines': /^\s*application\/(x-)?(jsonl|ndjson|jsonlines)\s*(;|$)/i,
  'json-seq': /^\s*application\/json-seq\s*(;|$)/i,
};
const DESCRIPTION: Readonly<Record<ItemFormat, string>> = {
  'event-stream': 'an event stream',
  'json-lines': 'a JSON Lines stream',
  'json-seq': 'a JSON text sequence',
};

/**
 * The items of a streamed response, decoded and checked as they arrive: iterate it once with
 * `for await`. An event stream yields `{ event, data, id, retry }` objects (`data` decoded from
 * JSON where the spec says it is JSON); JSON Lines and json-seq yield each JSON text.
 *
 * - An item that is not JSON throws InvalidResponseBodyError; with response validation on, an
 *   item that breaks the spec throws ValidationError (in 'loose' mode, the default, an event or
 *   tag the spec does not list is yielded as sent; 'strict' rejects it).
 * - A body cut off, or ending inside an item (a JSON Lines line without its newline), throws
 *   APIConnectionError. The caller's AbortSignal makes the pending read throw APIUserAbortError.
 * - Leaving the loop early closes the connection. The request's timeout stops once the
 *   response has arrived, as for every stream: it does not limit the iteration.
 */
export class ItemStream<Item> extends Stream<Item> {
  readonly #source: StreamContext;
  readonly #format: ItemFormat;
  readonly #jsonData: true | readonly string[] | undefined;

  constructor(
    response: Response,
    context: StreamContext,
    format: ItemFormat,
    jsonData?: true | readonly string[],
  ) {
    super(response, context);
    this.#source = context;
    this.#format = format;
    this.#jsonData = jsonData;
  }

  /** The items of the body: events as `{ event, data, id, retry }`, or each record's JSON. */
  protected override framing(limit: number): Framing<unknown> {
    const words = { stream: 'stream', unit: 'item', name: 'a stream', tooLong: () => 'an item' };
    return this.#format === 'event-stream'
      ? {
          ...words,
          decoder: new SSEDecoder(limit),
          item: (event: ServerSentEvent, index: number) => this.#event(event, index),
        }
      : {
          ...words,
          decoder: new RecordDecoder(this.#format, limit),
          item: (text: string, index: number) => this.#check(this.#parse(text, index), index),
        };
  }

  /** An SSE event as an item: its data decoded when the spec says it is JSON, then checked. */
  #event({ event: name, data, id, retry }: ServerSentEvent, index: number): Item {
    const json = this.#jsonData;
    const decoded =
      json === true || json?.includes(name) === true ? this.#parse(data, index) : data;
    const item: { event: string; data: unknown; id?: string; retry?: number } = {
      event: name,
      data: decoded,
    };
    if (id !== '') item.id = id;
    if (retry !== undefined) item.retry = retry;
    return this.#check(item, index, name);
  }

  #parse(text: string, index: number): unknown {
    const label = this.#source.label;
    return parseJSON(
      text,
      this.response,
      this.#source.secret,
      () => `Item ${index} of the stream of ${label} is not valid JSON. It`,
    );
  }

  #check(item: unknown, index: number, event?: string): Item {
    const validate = this.#source.validate;
    const issues = validate === undefined ? [] : validate(item);
    if (issues.length > 0) {
      throw new ValidationError(
        issues,
        `Invalid item ${index}${event === undefined ? '' : ` (${event})`} from ${this.#source.label}; ` +
          "set responseValidation: 'off' to accept it unchecked",
        {
          status: this.response.status,
          headers: scrubHeaders(this.response.headers, this.#source.secret),
        },
      );
    }
    return item as Item;
  }
}

/**
 * Splits JSON Lines (each JSON text ends with LF; a CR before it and blank lines are ignored)
 * or json-seq (each record starts with RS and ends with LF) into the texts of its items. Bytes
 * are split before decoding (LF and RS never occur inside a UTF-8 sequence); an item longer than
 * the limit sets `overflow`.
 */
class RecordDecoder {
  readonly #text = new TextDecoder('utf-8');
  readonly #isSeq: boolean;
  readonly #max: number;
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  /** 'item' once an item passed the limit. */
  overflow: 'item' | undefined = undefined;

  constructor(format: ItemFormat, maxBytes: number) {
    this.#isSeq = format === 'json-seq';
    this.#max = maxBytes;
  }

  decode(chunk: Uint8Array): string[] {
    const out: string[] = [];
    if (this.overflow !== undefined) return out;
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte !== LF && !(this.#isSeq && byte === RS)) continue;
      // json-seq: an RS starts the next record; text before it without its LF is passed on as it
      // is, and fails to parse unless it is whole JSON (RFC 7464, section 2.3)
      this.#take(chunk.subarray(start, i));
      if (this.#pendingBytes > this.#max) {
        this.overflow = 'item';
        return out;
      }
      const text = this.#join();
      if (text.trim() !== '') out.push(text);
      start = i + 1;
    }
    this.#take(chunk.subarray(start));
    if (this.#pendingBytes > this.#max) this.overflow = 'item';
    return out;
  }

  /** True when the stream stopped inside an item (text after the last LF). */
  end(): boolean {
    return this.#join().trim() !== '';
  }

  #take(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.#pending.push(bytes.slice());
    this.#pendingBytes += bytes.length;
  }

  #join(): string {
    const parts = this.#pending;
    this.#pending = [];
    this.#pendingBytes = 0;
    if (parts.length === 0) return '';
    let length = 0;
    for (const part of parts) length += part.length;
    const all = new Uint8Array(length);
    let offset = 0;
    for (const part of parts) {
      all.set(part, offset);
      offset += part.length;
    }
    return this.#text.decode(all);
  }
}

/**
 * The request issues of a streamed body: every item of an array is checked before anything is
 * sent (`[index, ...path]`); an async iterable's items are checked as they are written (see
 * `itemsBody`). Bound by the operation to its item validator in 'request' mode.
 */
export function itemIssues(
  body: unknown,
  validate: (item: unknown) => readonly ValidationIssue[],
): ValidationIssue[] {
  if (!Array.isArray(body)) {
    if (isAsyncIterable(body)) checked.set(body, validate);
    return [];
  }
  const issues: ValidationIssue[] = [];
  body.forEach((item, index) => {
    for (const issue of validate(item)) issues.push({ ...issue, path: [index, ...issue.path] });
  });
  return issues;
}

/** Async iterables whose items are checked while they are written (set by `itemIssues`). */
const checked = /* @__PURE__ */ new WeakMap<
  object,
  (item: unknown) => readonly ValidationIssue[]
>();

/**
 * A sequence of items as the request body: an array becomes one JSON Lines (or json-seq) text,
 * which a retry can send again; an async iterable becomes a stream that writes each item as it
 * comes. An item that fails its check (with validation on) or cannot be JSON errors the stream,
 * which aborts the request: what was written is not taken back, and a streamed body is never
 * retried.
 */
export function itemsBody(
  items: readonly unknown[] | AsyncIterable<unknown>,
  format: 'json-lines' | 'json-seq',
): string | ReadableStream<Uint8Array> {
  const frame = (item: unknown): string =>
    `${format === 'json-seq' ? '\u001e' : ''}${serializeItem(item)}\n`;
  if (Array.isArray(items)) return items.map(frame).join('');
  const source = items as AsyncIterable<unknown>;
  const validate = checked.get(source);
  const iterator = source[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let index = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done === true) return controller.close();
      const issues = validate === undefined ? [] : validate(next.value);
      if (issues.length > 0) {
        const path = (issue: ValidationIssue) => ({ ...issue, path: [index, ...issue.path] });
        throw new ValidationError(
          issues.map(path),
          `Invalid request: item ${index} of the body stream; the request was aborted`,
        );
      }
      index++;
      controller.enqueue(encoder.encode(frame(next.value)));
    },
    async cancel(reason) {
      await iterator.return?.(reason);
    },
  });
}

function serializeItem(item: unknown): string {
  const json = JSON.stringify(item);
  if (json === undefined)
    throw new SDKError(`A body item cannot be sent as JSON (got ${typeof item}).`);
  return json;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}
