// Error messages from any API's error body, not only OpenAI's: the message comes from the first
// of error.message, message, error (a string), detail (a string) and title; code, param and
// type from the `error` object, or else from the top level.
import { describe, expect, it } from 'vitest';
import { APIError, NotFoundError, UnprocessableEntityError } from '../../templates/runtime/errors.js';
import { createSession, makeClient, rejection, startServer } from './harness.js';

async function errorFor(status: number, body: unknown, contentType = 'application/json'): Promise<APIError> {
  const server = await startServer((_req, res) => {
    res.writeHead(status, { 'content-type': contentType });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
  const error = await rejection(makeClient(server.url, { maxRetries: 0 }).client.request(createSession({})));
  expect(error).toBeInstanceOf(APIError);
  return error as APIError;
}

describe('error messages from error bodies', () => {
  it.each([
    [
      'OpenAI',
      404,
      { error: { message: 'No session cksess_1', type: 'invalid_request_error', param: 'session_id', code: 'not_found' } },
      '404 No session cksess_1',
      ['not_found', 'session_id', 'invalid_request_error'],
    ],
    ['petstore', 404, { code: 404, message: 'Pet 99 not found' }, '404 Pet 99 not found', ['404', undefined, undefined]],
    [
      'top-level message with string code and type',
      400,
      { message: 'Bad name', code: 'bad_name', type: 'validation', param: 'name' },
      '400 Bad name',
      ['bad_name', 'name', 'validation'],
    ],
    [
      'error as a string',
      401,
      { error: 'invalid_token', error_description: 'expired' },
      '401 invalid_token',
      [undefined, undefined, undefined],
    ],
    [
      'RFC 9457 problem details: detail before title',
      403,
      { type: 'https://example.com/probs/credit', title: 'Out of credit', detail: 'Your balance is 30, the call costs 50.', status: 403 },
      '403 Your balance is 30, the call costs 50.',
      [undefined, undefined, 'https://example.com/probs/credit'],
    ],
    ['title only', 409, { title: 'Conflict' }, '409 Conflict', [undefined, undefined, undefined]],
    [
      'error.message wins over message',
      400,
      { error: { message: 'inner', code: 'c1' }, message: 'outer', code: 'c2' },
      '400 inner',
      ['c1', undefined, undefined],
    ],
    [
      'an error object without a message falls through to message',
      400,
      { error: { code: 'c1' }, message: 'outer' },
      '400 outer',
      ['c1', undefined, undefined],
    ],
    [
      'a message that is not a string',
      400,
      { message: ['name is required', 'age must be a number'] },
      '400 ["name is required","age must be a number"]',
      [undefined, undefined, undefined],
    ],
    [
      'FastAPI detail list: the body, cut short',
      422,
      { detail: [{ loc: ['body', 'name'], msg: 'field required', type: 'value_error.missing' }] },
      '422 {"detail":[{"loc":["body","name"],"msg":"field required","type":"value_error.missing"}]}',
      [undefined, undefined, undefined],
    ],
    [
      'empty strings are skipped',
      400,
      { error: { message: '' }, message: '', detail: 'the detail' },
      '400 the detail',
      [undefined, undefined, undefined],
    ],
    ['a JSON array body', 400, ['a', 'b'], '400 ["a","b"]', [undefined, undefined, undefined]],
  ] as const)('%s', async (_name, status, body, message, [code, param, type]) => {
    const error = await errorFor(status, body);
    expect(error.message).toBe(message);
    expect([error.code, error.param, error.type]).toEqual([code, param, type]);
    expect(error.error).toEqual(body);
  });

  it('keeps the typed classes and the text fallback for non-JSON bodies', async () => {
    const notFound = await errorFor(404, { code: 404, message: 'Pet 99 not found' });
    const plain = await errorFor(422, 'name: required', 'text/plain');
    expect(notFound).toBeInstanceOf(NotFoundError);
    expect(plain).toBeInstanceOf(UnprocessableEntityError);
    expect(plain.message).toBe('422 name: required');
    expect(plain.error).toBeUndefined();
  });
});
