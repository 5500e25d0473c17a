// A header named `__proto__` (a valid HTTP token) is a key of the runtime's header records like
// any other: assigning it (`record['__proto__'] = value`) would set the record's prototype, or
// with a string do nothing, and the header would be lost.
import { describe, expect, it } from 'vitest';
import { applyHeaders, type HeaderRecord } from '../../templates/runtime/headers.js';
import { nextHop } from '../../templates/runtime/redirect.js';
import { toRequestInit } from '../../templates/runtime/request-init.js';

const withProto = (): HeaderRecord => JSON.parse('{"__proto__":"v","x-a":"1"}') as HeaderRecord;

describe('a header named __proto__', () => {
  it('is kept by applyHeaders, and removed by null', () => {
    const target: HeaderRecord = {};
    applyHeaders(target, withProto(), ['headers']);
    expect(Object.getOwnPropertyDescriptor(target, '__proto__')?.value).toBe('v');
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
    applyHeaders(target, JSON.parse('{"__proto__":null}') as HeaderRecord, ['headers']);
    expect(Object.hasOwn(target, '__proto__')).toBe(false);
    expect(target).toEqual({ 'x-a': '1' });
  });

  it('reaches the init toRequestInit makes for fetch', () => {
    const init = toRequestInit({ method: 'get', path: '/x', headers: withProto() });
    expect(Object.getOwnPropertyDescriptor(init.headers, '__proto__')?.value).toBe('v');
    expect(init.headers).toEqual(JSON.parse('{"__proto__":"v","x-a":"1"}'));
  });

  it('follows a redirect', () => {
    const next = nextHop(307, 'POST', withProto(), new URL('https://a.test/x'), new URL('https://a.test/y'), '');
    expect(Object.getOwnPropertyDescriptor(next.headers, '__proto__')?.value).toBe('v');
    expect(Object.getPrototypeOf(next.headers)).toBe(Object.prototype);
  });
});
