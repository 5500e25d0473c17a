// Server-sent events: SSEDecoder reads a `text/event-stream` body as the WHATWG HTML standard's
// "event stream interpretation" says, and Stream is what a streaming method resolves to: an
// AsyncIterable of the events' JSON data, read as it arrives.
import {
  APIConnectionError,
  APIError,
  ResponseTooLargeError,
  SDKError,
  ValidationError,
  bodyMessage,
  jsonSnippet,
  userAbort,
  type ValidationIssue,
} from './errors.js';
import { DEFAULT_MAX_EVENT_BYTES, ignore, invalidBody, notExpected, parseJSON } from './body.js';
import { scrubbedCause, scrubHeaders, scrubValue } from './redact.js';

/** One dispatched event. */
export interface ServerSentEvent {
  /** The `event` field; `message` when the event has none. */
  readonly event: string;
  /** The `data` fields, joined with "\n". */
  readonly data: string;
  /** The last `id` field seen so far in the stream; '' before the first. */
  readonly id: string;
  /** The last valid `retry` field (milliseconds), if any. */
  readonly retry: number | undefined;
}

/** The UTF-8 length of a text (TextDecoder's output has no lone surrogates). */
function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // 2 bytes below U+0800, 3 above; a surrogate pair is 4 for its two units
    if (code >= 0x80) bytes += code < 0x800 || (code & 0xf800) === 0xd800 ? 1 : 2;
  }
  return bytes;
}

/** The line feed byte. */
export const LF = 10;
const CR = 13;
const COLON = 58;
const SPACE = 32;

/**
 * Turns the bytes of an event stream into events. Chunks may split the stream anywhere, inside
 * a line, a CRLF or a UTF-8 sequence. Lines end with CRLF, LF or CR; a leading BOM is skipped;
 * `:` lines are comments; an event is dispatched at a blank line and only if it has data.
 * A line, or an event's data, longer than `maxBytes` bytes sets `overflow` and ends decoding: a
 * server cannot make the client hold an unbounded line or event.
 */
export class SSEDecoder {
  readonly #text = new TextDecoder('utf-8');
  readonly #max: number;
  /** Bytes of the line whose end has not arrived yet, counted before decoding. */
  #lineBytes = 0;
  /** Bytes (UTF-8) of the current event's data so far. */
  #dataLength = 0;
  #overflow: 'line' | 'event' | undefined = undefined;
  /** The start of a line whose end has not arrived yet. */
  #line = '';
  /** The last chunk ended with CR: an LF at the start of the next one belongs to it. */
  #afterCR = false;
  #data: string[] = [];
  #event = '';
  #id = '';
  #retry: number | undefined = undefined;

  constructor(maxBytes: number = DEFAULT_MAX_EVENT_BYTES) {
    this.#max = maxBytes;
  }

  /** What passed the limit, once one did: nothing is decoded after that. */
  get overflow(): 'line' | 'event' | undefined {
    return this.#overflow;
  }

  /** Decodes one chunk and returns the events it completes (often none). */
  decode(chunk: Uint8Array): ServerSentEvent[] {
    const out: ServerSentEvent[] = [];
    if (this.#overflow !== undefined) return out;
    if (!this.#measure(chunk)) {
      this.#overflow = 'line';
      this.#line = '';
      return out;
    }
    this.#feed(this.#text.decode(chunk, { stream: true }), out);
    return out;
  }

  /**
   * Counts the bytes of each line in `chunk` (CR and LF are single bytes in UTF-8, never part of
   * another character). False when a line passes the limit.
   */
  #measure(chunk: Uint8Array): boolean {
    const length = chunk.length;
    let start = 0;
    let nextLF = chunk.indexOf(LF);
    let nextCR = chunk.indexOf(CR);
    for (;;) {
      const end = nextLF === -1 ? nextCR : nextCR === -1 ? nextLF : Math.min(nextLF, nextCR);
      if (end === -1) {
        this.#lineBytes += length - start;
        return this.#lineBytes <= this.#max;
      }
      if (this.#lineBytes + end - start > this.#max) return false;
      this.#lineBytes = 0;
      start = end + 1;
      if (nextLF === end) nextLF = chunk.indexOf(LF, start);
      if (nextCR === end) nextCR = chunk.indexOf(CR, start);
    }
  }

  /**
   * Ends the stream. True when it stopped inside an event: data that no blank line closed (such
   * an event is dropped, as the standard says), or a line cut short that could have been data.
   * A last comment, padding or `event:`/`id:`/`retry:` line is no event lost, and neither is a
   * `data: [DONE]` without its blank line: the stream's own end.
   */
  end(): boolean {
    this.#feed(this.#text.decode(), []);
    const line = this.#line;
    this.#line = '';
    if (line.trim() !== '' && line.charCodeAt(0) !== COLON) {
      if (!/^(data|event|id|retry)(:|$)/.test(line)) return true;
      this.#handle(line, []);
    }
    return this.#data.length > 0 && this.#data.join('\n') !== '[DONE]';
  }

  #feed(text: string, out: ServerSentEvent[]): void {
    const length = text.length;
    let start = 0;
    if (this.#afterCR && length > 0) {
      this.#afterCR = false;
      if (text.charCodeAt(0) === LF) start = 1;
    }
    while (start < length) {
      let end = start;
      while (end < length) {
        const code = text.charCodeAt(end);
        if (code === LF || code === CR) break;
        end++;
      }
      if (end === length) break;
      const piece = text.slice(start, end);
      const line = this.#line === '' ? piece : this.#line + piece;
      this.#line = '';
      this.#handle(line, out);
      if (this.#overflow !== undefined) return;
      if (text.charCodeAt(end) === CR) {
        if (end + 1 === length) this.#afterCR = true;
        else if (text.charCodeAt(end + 1) === LF) end++;
      }
      start = end + 1;
    }
    if (start < length) this.#line += text.slice(start);
  }

  #handle(line: string, out: ServerSentEvent[]): void {
    if (line === '') {
      this.#dispatch(out);
      return;
    }
    if (line.charCodeAt(0) === COLON) return; // a comment, e.g. a keep-alive
    const colon = line.indexOf(':');
    let field: string;
    let value: string;
    if (colon === -1) {
      field = line;
      value = '';
    } else {
      field = line.slice(0, colon);
      value = line.slice(line.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1);
    }
    switch (field) {
      case 'data':
        this.#dataLength += utf8Length(value) + 1;
        if (this.#dataLength > this.#max) {
          this.#overflow = 'event';
          this.#data = [];
          return;
        }
        this.#data.push(value);
        break;
      case 'event':
        this.#event = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.#id = value;
        break;
      case 'retry':
        if (/^[0-9]+$/.test(value)) this.#retry = Number(value);
        break;
      default:
        return; // unknown fields are ignored
    }
  }

  #dispatch(out: ServerSentEvent[]): void {
    if (this.#data.length > 0) {
      out.push({
        event: this.#event === '' ? 'message' : this.#event,
        data: this.#data.join('\n'),
        id: this.#id,
        retry: this.#retry,
      });
    }
    this.#data = [];
    this.#dataLength = 0;
    this.#event = '';
  }
}

/** What a Stream needs from the request that produced it (see request.ts). */
export interface StreamContext {
  /** `POST /path`, for messages. */
  readonly label: string;
  /** Scrubbed from every error; '' for none. */
  readonly secret: string;
  /** Cap on one line and on one event's data; default DEFAULT_MAX_EVENT_BYTES. */
  readonly maxEventBytes?: number | undefined;
  /** The caller's signal: when it aborts, reading fails with APIUserAbortError. */
  readonly signal: AbortSignal | undefined;
  /** Checks one parsed event (already bound to the validation mode); undefined = no check. */
  readonly validate: ((value: unknown) => readonly ValidationIssue[]) | undefined;
  /**
   * Yield `{ event, data }` instead of the data alone: for streams whose events are told apart
   * by their `event` field only (OpenAI's Assistants stream).
   */
  readonly envelope?: boolean | undefined;
  /** Ends the HTTP exchange: aborts the request and stops listening to the caller's signal. */
  readonly close: () => void;
}

/** What `streamResponse` needs from the request that produced the response (see request.ts). */
export interface StreamSource extends StreamContext {
  /** The body as text for an error message (capped at maxResponseBytes); a failed read throws the typed error. */
  readonly text: (response: Response) => Promise<string>;
}

/**
 * An operation's stream reader (`OperationSpec.stream`): the Stream over a 2xx
 * `text/event-stream` response, or InvalidResponseBodyError when the server answered with
 * something else (e.g. JSON from a server that ignored the request to stream).
 */
export async function streamResponse(
  response: Response,
  source: StreamSource,
): Promise<Stream<unknown>> {
  await expectType(response, source, /^\s*text\/event-stream\s*(;|$)/i, 'an event stream');
  return new Stream<unknown>(response, source);
}

/**
 * Resolves when the response has no content-type or one that `type` matches; otherwise
 * rejects with InvalidResponseBodyError, quoting the start of the body.
 */
export async function expectType(
  response: Response,
  source: StreamSource,
  type: RegExp,
  expected: string,
): Promise<void> {
  const contentType = response.headers.get('content-type');
  if (contentType === null || type.test(contentType)) return;
  const text = await source.text(response);
  throw invalidBody(response, source.secret, notExpected(response, source.label, expected), text);
}

/** An event with its name, as yielded when the stream wraps events (see StreamContext.envelope). */
export interface EventEnvelope<Data = unknown> {
  readonly event: string;
  readonly data: Data;
}

/**
 * The events of a `text/event-stream` response, as they arrive: each event's `data` parsed as
 * JSON. Iterate it once with `for await`. It ends at `data: [DONE]` or at the end of the body.
 *
 * - An `event: error`, or data with an `error` field, throws an APIError from the iterator.
 * - Leaving the loop early (`break`, `return`, a throw) closes the connection; so does the
 *   caller's AbortSignal, which makes the pending read throw APIUserAbortError.
 * - A body cut off, or ending in the middle of an event, throws APIConnectionError.
 * - Events that are not JSON throw InvalidResponseBodyError; with response validation on, an
 *   event that does not match the spec throws ValidationError.
 *
 * The request's timeout does not apply while streaming; a stream nobody reads keeps its
 * connection open until `cancel()` or the caller's signal.
 */
export class Stream<Item> implements AsyncIterable<Item> {
  /** The response the events come from (its body belongs to the stream). */
  readonly response: Response;
  readonly #context: StreamContext;
  #used = false;
  #cancelled = false;

  constructor(response: Response, context: StreamContext) {
    this.response = response;
    this.#context = context;
  }

  [Symbol.asyncIterator](): AsyncIterator<Item> {
    return this.#events();
  }

  /** Stops the stream without reading the rest; a loop reading it ends quietly. */
  async cancel(): Promise<void> {
    this.#cancelled = true;
    if (!this.#used) {
      this.#used = true;
      await this.response.body?.cancel().catch(ignore);
    }
    this.#context.close();
  }

  /**
   * The events as newline-delimited JSON bytes, e.g. to pass a stream on from a server route.
   * Cancelling the ReadableStream closes the connection.
   */
  toReadableStream(): ReadableStream<Uint8Array> {
    const iterator = this[Symbol.asyncIterator]();
    const encoder = new TextEncoder();
    const stop = (): Promise<void> => this.cancel();
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await iterator.next();
          if (next.done === true) controller.close();
          else controller.enqueue(encoder.encode(`${JSON.stringify(next.value)}\n`));
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        // Cancel first: a read may be pending, and the iterator cannot return until it settles.
        await stop();
        await iterator.return?.();
      },
    });
  }

  /**
   * How the body becomes items: for a Stream, SSE events whose data is JSON. A subclass with
   * another framing (item-streams.ts) overrides it and shares the read loop.
   */
  protected framing(limit: number): Framing<unknown> {
    return {
      stream: 'event stream',
      unit: 'event',
      name: 'a Stream',
      tooLong: (overflow) => (overflow === 'line' ? 'a line' : "an event's data"),
      decoder: new SSEDecoder(limit),
      item: (event: ServerSentEvent, index: number) => {
        if (event.data === '[DONE]') return DONE;
        if (event.data === '') return SKIP; // nothing to parse, e.g. `event: ping` + `data:`
        return this.#item(event, index);
      },
    };
  }

  async *#events(): AsyncGenerator<Item, void, undefined> {
    if (this.#cancelled) return;
    const context = this.#context;
    const limit = context.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    const framing = this.framing(limit);
    const { stream, unit, decoder } = framing;
    if (this.#used) {
      throw new SDKError(
        `This stream has already been read: ${framing.name} can be iterated only once.`,
      );
    }
    this.#used = true;
    const body = this.response.body;
    if (body === null) {
      context.close();
      return;
    }
    const reader = body.getReader();
    const of = `The ${stream} of ${context.label}`;
    const signal = context.signal;
    let count = 0;
    let complete = false;
    try {
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          if (this.#cancelled) return;
          if (signal?.aborted === true) throw userAbort(signal, `The ${stream}`);
          throw new APIConnectionError(
            `${of} was cut off${scrubbedCause(error, context.secret)}. ` +
              'Not retried: the server may already have acted on the request.',
            { cause: error },
          );
        }
        if (chunk.done) break;
        for (const piece of decoder.decode(chunk.value)) {
          const item = framing.item(piece, count + 1);
          if (item === DONE) return;
          if (item === SKIP) continue;
          // a chunk may hold many events: none is handed out after the caller aborted
          if (signal?.aborted === true) throw userAbort(signal, `The ${stream}`);
          count++;
          yield item as Item;
          if (this.#cancelled) return;
        }
        const overflow = decoder.overflow;
        if (overflow !== undefined) {
          throw new ResponseTooLargeError(
            this.response.status,
            `${of} sent ${framing.tooLong(overflow)} longer than maxEventBytes (${limit} bytes) after ${count} complete ${unit}s; ` +
              `the stream was closed. Raise maxEventBytes if such ${unit}s are expected.`,
            scrubHeaders(this.response.headers, context.secret),
            limit,
          );
        }
      }
      if (signal?.aborted === true) throw userAbort(signal, `The ${stream}`);
      if (decoder.end()) {
        throw new APIConnectionError(
          `${of} ended in the middle of an ${unit} (after ${count} complete ${unit}s); ` +
            'it was probably cut off. Not retried: the server may already have acted on the request.',
        );
      }
      complete = true;
    } finally {
      // Stop the body unless it was read to its end (a `break`, [DONE], an error or an abort).
      if (!complete) reader.cancel().catch(ignore);
      context.close();
    }
  }

  /** The parsed event, or the error it stands for. */
  #item(event: ServerSentEvent, index: number): Item {
    const context = this.#context;
    const secret = context.secret;
    const data = parseJSON(
      event.data,
      this.response,
      secret,
      () => `Event ${index} of the stream of ${context.label} is not valid JSON. Its data`,
    );
    if (event.event === 'error' || (context.envelope !== true && hasError(data))) {
      const clean = scrubValue(data, secret);
      const message = bodyMessage(clean) ?? jsonSnippet(clean);
      throw new APIError(
        undefined,
        clean,
        `The event stream of ${context.label} reported an error: ${message}`,
        scrubHeaders(this.response.headers, secret),
      );
    }
    const item = context.envelope === true ? { event: event.event, data } : data;
    if (context.validate !== undefined) {
      const issues = context.validate(item);
      if (issues.length > 0) {
        throw new ValidationError(
          issues,
          `Invalid event ${index} (${event.event}) from ${context.label}; set responseValidation: 'off' to accept it unchecked`,
          { status: this.response.status, headers: scrubHeaders(this.response.headers, secret) },
        );
      }
    }
    return item as Item;
  }
}

/** The decoder of a framing: bytes in, the pieces they complete out. */
export interface FrameDecoder<Piece> {
  decode(chunk: Uint8Array): Piece[];
  /** Set when a piece passed the limit ('line', 'event' or 'item'); nothing is decoded after. */
  readonly overflow: string | undefined;
  /** Ends the stream; true when it stopped inside a piece. */
  end(): boolean;
}

/**
 * How a stream's body becomes items: the decoder, and what each decoded piece becomes (`DONE`
 * ends the stream, `SKIP` passes the piece over, a throw fails it), with the stream's words in
 * messages: 'event stream', 'event' and 'a Stream', or 'stream', 'item' and 'a stream'.
 */
export interface Framing<Piece> {
  readonly stream: string;
  readonly unit: string;
  /** What the stream is called in "… can be iterated only once". */
  readonly name: string;
  /** The piece that passed the limit, in words ("a line"), from the decoder's `overflow`. */
  tooLong(overflow: string): string;
  readonly decoder: FrameDecoder<Piece>;
  item(piece: Piece, index: number): unknown;
}

const DONE = {};
const SKIP = {};

/** Data with a truthy `error` field is an error report (OpenAI's convention). */
function hasError(data: unknown): boolean {
  return (
    typeof data === 'object' && data !== null && Boolean((data as Record<string, unknown>)['error'])
  );
}
