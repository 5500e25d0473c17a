// Given/want: objects. Properties in spec order, then one pass over the keys; closed objects
// always reject unknown keys, undeclared ones only in 'strict' mode.
import { describe, expect, it } from 'vitest';
import { boolean, closed, emit, integer, messages, named, object, ref, string } from './emit-support.js';

describe('object', () => {
  it('reads each property once, reports a missing required key with what was expected', () => {
    const given = emit(object({ id: [string(), 'required'], enabled: boolean }));
    expect(given.text).toContain('const o1 = value as Record<string, unknown>;');
    expect(given.text).toContain('const v2 = o1.id;');
    expect(messages(given.check, { id: 'x' })).toEqual([]);
    expect(messages(given.check, {})).toEqual(['id: missing required key `id`: expected a string']);
    expect(messages(given.check, { id: 1, enabled: 'yes' })).toEqual(['id: expected a string, found number 1', "enabled: expected a boolean, found string 'yes'"]);
    expect(messages(given.check, [])).toEqual(['(root): expected an object `{ id, enabled }`, found an array']);
  });

  it('closed: unknown keys are errors in both modes, with a "did you mean" from the known keys', () => {
    const given = emit(object({ max_requests_per_1_minute: integer() }, closed));
    expect(given.text).toContain("for (const k3 in o1) {\nif (k3 !== 'max_requests_per_1_minute') {");
    expect(given.hoisted).toContain("const KEYS_2: readonly string[] = ['max_requests_per_1_minute'];");
    const want = ['requests_per_minute: unknown key `requests_per_minute` in `Given`; did you mean `max_requests_per_1_minute`?'];
    expect(messages(given.check, { requests_per_minute: 20 })).toEqual(want);
    expect(messages(given.check, { requests_per_minute: 20 }, true)).toEqual(want);
  });

  it('undeclared additionalProperties: the key loop runs only in strict mode', () => {
    const given = emit(object({ id: string() }));
    expect(given.text).toContain('if (strict) {\nfor (const k3 in o1) {');
    expect(messages(given.check, { id: 'x', extra: 1 })).toEqual([]);
    expect(messages(given.check, { id: 'x', extra: 1 }, true)).toEqual(['extra: unknown key `extra` in `Given`; known keys: `id`']);
  });

  it('additionalProperties: true (declared) stays open in strict mode', () => {
    const given = emit(object({}, { additionalProperties: true, additionalPropertiesDeclared: true }));
    expect(given.text).not.toContain('for (');
    expect(messages(given.check, { anything: 1 }, true)).toEqual([]);
  });

  it('an additionalProperties schema checks every other value, under its key', () => {
    const given = emit(object({ id: string() }, { additionalProperties: integer({ minimum: 0 }), additionalPropertiesDeclared: true }));
    expect(messages(given.check, { id: 'x', a: 1, b: -1, c: 'no' })).toEqual(['b: expected at least 0, found -1', "c: expected an integer, found string 'no'"]);
  });

  it('propertyNames and min/maxProperties in the same pass', () => {
    const given = emit(object({}, { propertyNames: string({ maxLength: 3 }), minProperties: 1, maxProperties: 2, additionalProperties: true, additionalPropertiesDeclared: true }));
    expect(given.text).toContain('let n3 = 0;\nfor (const k2 in o1) {\nn3++;');
    expect(given.text).not.toContain("typeof k2 === 'string'");
    expect(messages(given.check, { abcd: 1 })).toEqual(['abcd: invalid key: expected at most 3 characters, found 4']);
    expect(messages(given.check, {})).toEqual(['(root): expected at least 1 key, found 0']);
    expect(messages(given.check, { a: 1, b: 2, c: 3 })).toEqual(['(root): expected at most 2 keys, found 3']);
  });

  it('many known keys become a hoisted Set', () => {
    const properties = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`key${i}`, string()] as const));
    const given = emit(object(properties, closed));
    expect(given.hoisted).toContain('const KEY_SET_');
    expect(given.text).toMatch(/!KEY_SET_\d+\.has\(k\d+\)/);
    expect(messages(given.check, { key9: 'x' })).toEqual(['key9: unknown key `key9` in `Given`; did you mean `key0`?']);
  });

  it('keys named like Object.prototype members are read only when own', () => {
    const given = emit(object({ toString: [string(), 'required'] as const, constructor: integer() }));
    expect(given.text).toContain("Object.hasOwn(o1, 'toString') ? o1.toString : undefined");
    expect(messages(given.check, {})).toEqual(['toString: missing required key `toString`: expected a string']);
    expect(messages(given.check, { toString: 'x' })).toEqual([]);
  });

  it('a key one level down is suggested with its parent', () => {
    const limits = named('Limits', object({ max_requests_per_1_minute: integer() }, closed));
    const given = emit(object({ user: string(), rate_limits: ref('Limits') }, closed), [limits]);
    expect(messages(given.check, { max_requests_per_1_minute: 60 })).toEqual([
      'max_requests_per_1_minute: unknown key `max_requests_per_1_minute` in `Given`; did you mean `rate_limits.max_requests_per_1_minute`?',
    ]);
    expect(messages(given.check, { rate_limits: { requests_per_minute: 1 } })).toEqual([
      'rate_limits.requests_per_minute: unknown key `requests_per_minute` in `rate_limits`; did you mean `max_requests_per_1_minute`?',
    ]);
  });
});
