// The pure request builders of the generated package: params in, wire description out.
import { describe, expect, it } from 'vitest';
import { cancelChatKitSession, createChatKitSession } from '../../generated/src/requests.js';
import { ValidationError } from '../../generated/src/index.js';
import { getItem } from '../golden/parameters/src/requests.js';

describe('createChatKitSession', () => {
  it('describes POST /chatkit/sessions with the beta header and the body as given', () => {
    const body = { user: 'u_1', workflow: { id: 'wf_1', state_variables: { plan: 'pro', seats: 3, trial: false } } };
    expect(createChatKitSession({ body })).toEqual({
      method: 'POST',
      path: '/chatkit/sessions',
      headers: { 'OpenAI-Beta': 'chatkit_beta=v1' },
      body,
    });
  });
});

describe('cancelChatKitSession', () => {
  it('describes POST /chatkit/sessions/{id}/cancel with no body', () => {
    const request = cancelChatKitSession({ path: { session_id: 'cksess_123' } });
    expect(request).toEqual({ method: 'POST', path: '/chatkit/sessions/cksess_123/cancel', headers: { 'OpenAI-Beta': 'chatkit_beta=v1' } });
    expect('body' in request).toBe(false);
  });

  it.each([
    ['a/b', '/chatkit/sessions/a%2Fb/cancel'],
    ['a b?c#d', '/chatkit/sessions/a%20b%3Fc%23d/cancel'],
    ['ünï', '/chatkit/sessions/%C3%BCn%C3%AF/cancel'],
    ['..x', '/chatkit/sessions/..x/cancel'],
  ])('percent-encodes the session id %j', (id, path) => {
    expect(cancelChatKitSession({ path: { session_id: id } }).path).toBe(path);
  });

  it.each(['', '.', '..'])('rejects the path segment %j with a clear error', (id) => {
    expect(() => cancelChatKitSession({ path: { session_id: id } })).toThrow(ValidationError);
    expect(() => cancelChatKitSession({ path: { session_id: id } })).toThrow(/session_id/);
  });
});

describe('a number in a path or a header parameter', () => {
  it('is written in plain digits, where String gives 1e+21 (a server reading an integer refuses that)', () => {
    const request = getItem({ path: { project_id: 'p', item_number: 1e21 }, headers: { 'Idempotency-Window': 2e21 } });
    expect(request.path).toBe('/projects/p/items/1000000000000000000000');
    expect(request.headers).toEqual({ 'Idempotency-Window': '2000000000000000000000' });
    expect(getItem({ path: { project_id: 'p', item_number: 7 }, headers: { 'Idempotency-Window': 0.5 } })).toMatchObject({
      path: '/projects/p/items/7',
      headers: { 'Idempotency-Window': '0.5' },
    });
  });
});
