// A long real-shaped key (164 characters, as OpenAI project keys are) echoed by a hostile
// server must not survive in any piece of 12 or more characters: not in headers, bodies, issue
// messages that quote a value cut to 40 characters, nor in any 40-character window of it.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ClientCore, OperationSpec } from '../../templates/runtime/core.js';
import { APIError, ValidationError } from '../../templates/runtime/errors.js';
import { FRAGMENT, REDACTED, scrubHeaders, scrubText, scrubValue } from '../../templates/runtime/redact.js';
import { expected } from '../../templates/runtime/standard-schema.js';
import { makeClient, recordingLogger, rejection, startServer } from './harness.js';

// Deterministic, key-shaped: sk-proj- and 156 characters of [A-Za-z0-9_-].
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
let seed = 7;
const LONG_KEY = `sk-proj-${Array.from({ length: 156 }, () => ALPHABET[(seed = (seed * 48271) % 2147483647) % 64]).join('')}`;

/** Every piece of the key of FRAGMENT characters, each of which must be gone from `text`. */
function expectNoFragment(text: string): void {
  for (let i = 0; i + FRAGMENT <= LONG_KEY.length; i++) {
    const piece = LONG_KEY.slice(i, i + FRAGMENT);
    if (text.includes(piece)) throw new Error(`key fragment ${JSON.stringify(piece)} at ${i} leaked in: ${text.slice(0, 400)}`);
  }
}

function shownForms(error: unknown): string[] {
  return [
    (error as Error).message,
    String(error),
    JSON.stringify(error),
    JSON.stringify((error as APIError).error ?? null),
    inspect(error, { depth: Infinity, showHidden: true }),
  ];
}

function client(url: string): ClientCore {
  return makeClient(url, { apiKey: LONG_KEY, maxRetries: 0 }).client;
}

describe('scrubText with a long key', () => {
  it('redacts every piece of 12 or more characters, wherever it is cut', () => {
    expect(LONG_KEY).toHaveLength(164);
    for (let start = 0; start < LONG_KEY.length; start++) {
      for (const length of [FRAGMENT, 13, 40, LONG_KEY.length - start]) {
        if (length < FRAGMENT || start + length > LONG_KEY.length) continue;
        const text = `before ${LONG_KEY.slice(start, start + length)} after`;
        expect(scrubText(text, LONG_KEY)).toBe(`before ${REDACTED} after`);
      }
    }
  });

  it('redacts each of several pieces and leaves other text alone', () => {
    const text = `a ${LONG_KEY.slice(10, 30)} b ${LONG_KEY.slice(100, 150)}${LONG_KEY.slice(0, 20)} c ${LONG_KEY.slice(0, 11)}`;
    // Two adjacent pieces become one mark; 11 characters are below the threshold.
    expect(scrubText(text, LONG_KEY)).toBe(`a ${REDACTED} b ${REDACTED} c ${LONG_KEY.slice(0, 11)}`);
    expect(scrubText('nothing secret here, just text of some length', LONG_KEY)).toBe('nothing secret here, just text of some length');
  });

  it('scrubs pieces in header values, strings and keys of a body', () => {
    const headers = scrubHeaders(new Headers({ 'x-echo': LONG_KEY.slice(50, 90), other: 'fine' }), LONG_KEY);
    expect(headers.get('x-echo')).toBe(REDACTED);
    expect(headers.get('other')).toBe('fine');
    const body = scrubValue({ [LONG_KEY.slice(3, 20)]: [LONG_KEY.slice(120)] }, LONG_KEY);
    expect(body).toEqual({ [REDACTED]: [REDACTED] });
  });
});

describe('the client with a long key echoed by the server', () => {
  it('keeps it out of a status error: message, headers, body, JSON and inspect', async () => {
    const server = await startServer((req, res) => {
      const key = String(req.headers['authorization']).replace('Bearer ', '');
      const body = JSON.stringify({
        error: { message: `Incorrect API key provided: ${key.slice(0, 40)}…`, param: key.slice(124) },
        [key.slice(20, 60)]: key,
      });
      res.writeHead(401, { 'content-type': 'application/json', 'x-echo': key.slice(30, 70), 'x-whole': key });
      res.end(body);
    });
    const logger = recordingLogger();
    const error = await rejection(
      makeClient(server.url, { apiKey: LONG_KEY, maxRetries: 0, logger, logLevel: 'debug' }).client.request(call()),
    );
    expect(error).toBeInstanceOf(APIError);
    for (const text of shownForms(error)) expectNoFragment(text);
    (error as APIError).headers?.forEach((value) => expectNoFragment(value));
    expect((error as Error).message).toBe(`401 Incorrect API key provided: ${REDACTED}…`);
    for (const line of logger.lines) expectNoFragment(line);
  });

  it('keeps it out of response validation issues that quote a value cut to 40 characters, at every cut', async () => {
    // One response holds the key at every offset of a quoted string, and every 40-character
    // window of it; each is one issue whose message quotes (and cuts) the string.
    const server = await startServer((req, res) => {
      const key = String(req.headers['authorization']).replace('Bearer ', '');
      const shifted = Array.from({ length: 41 }, (_, shift) => `${'p'.repeat(shift)}${key}`);
      const windows = Array.from({ length: key.length - 39 }, (_, start) => key.slice(start, start + 40));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ tokens: [...shifted, ...windows], [key.slice(5, 45)]: 1 }));
    });
    const validateResponse = (value: unknown) => {
      const record = value as Record<string, unknown>;
      let issues = (record['tokens'] as unknown[]).reduce<ReturnType<typeof expected> | undefined>(
        (list, token, i) => expected(list, ['tokens', i], 'a number', token),
        undefined,
      );
      for (const key of Object.keys(record)) if (key !== 'tokens') issues = expected(issues, [key], 'nothing', key);
      return issues ?? [];
    };
    const error = await rejection(client(server.url).request(call('/v', { validateResponse })));
    expect(error).toBeInstanceOf(ValidationError);
    const issues = (error as ValidationError).issues;
    expect(issues).toHaveLength(41 + 125 + 1);
    for (const text of shownForms(error)) expectNoFragment(text);
    for (const issue of issues) {
      expectNoFragment(issue.message);
      issue.path.forEach((segment) => expectNoFragment(String(segment)));
    }
    // Scrubbed first, then cut: the message shows the redaction mark where the key began.
    expect(issues[0]?.message).toBe(`expected a number, found string '${REDACTED}'`);
    expect(issues[41]?.message).toBe(`expected a number, found string '${REDACTED}'`);
  });
});

function call(path = '/x', extra: Partial<OperationSpec<unknown>> = {}): OperationSpec<unknown> {
  return { build: () => ({ method: 'GET', path, headers: {} }), ...extra };
}
