// Given/want: strings, numbers, enum/const, booleans, null, any and never. IR fragment in;
// the printed check and its verdicts out.
import { describe, expect, it } from 'vitest';
import { boolean, emit, integer, messages, nullType, number, string } from './emit-support.js';

describe('string', () => {
  it('checks the type first, then each keyword; lengths fall back to code points only when needed', () => {
    const given = emit(string({ minLength: 2, maxLength: 5, pattern: '^[a-z]+$' }));
    expect(given.text).toContain("if (!(typeof value === 'string')) {");
    expect(given.text).toContain('if (value.length < 4) {\nconst count = codePoints(value);\nif (count < 2) {');
    expect(given.text).toContain('if (value.length > 5) {\nconst count = codePoints(value);\nif (count > 5) {');
    expect(given.hoisted).toBe("const PATTERN_1 = new RegExp('^[a-z]+$', 'u');\n");
    expect(messages(given.check, 'abc')).toEqual([]);
    expect(messages(given.check, 'a')).toEqual(['(root): expected at least 2 characters, found 1']);
    expect(messages(given.check, 'abcdef')).toEqual(['(root): expected at most 5 characters, found 6']);
    expect(messages(given.check, 'AB')).toEqual(["(root): expected a string matching /^[a-z]+$/, found 'AB'"]);
    expect(messages(given.check, 'A')).toEqual(['(root): expected at least 2 characters, found 1', "(root): expected a string matching /^[a-z]+$/, found 'A'"]);
    expect(messages(given.check, 5)).toEqual(['(root): expected a string, found number 5']);
  });

  it('minLength 1 is a comparison with ""; a pattern uses the u flag', () => {
    const given = emit(string({ minLength: 1, pattern: '^\\p{Lu}$' }));
    expect(given.text).toContain("value !== ''");
    expect(messages(given.check, 'É')).toEqual([]);
    expect(messages(given.check, '')).toEqual(['(root): expected at least 1 character, found 0', "(root): expected a string matching /^\\p{Lu}$/, found ''"]);
  });

  it('counts a surrogate pair as one character', () => {
    const given = emit(string({ maxLength: 2 }));
    expect(messages(given.check, '😀😀')).toEqual([]);
    expect(messages(given.check, '😀😀😀')).toEqual(['(root): expected at most 2 characters, found 3']);
  });
});

describe('number', () => {
  it('integer: Number.isInteger, every bound, multipleOf by %', () => {
    const given = emit(integer({ minimum: 1, maximum: 600, multipleOf: 5 }));
    expect(given.text).toContain("typeof value === 'number'");
    expect(given.text).toContain('Number.isInteger(value)');
    expect(given.text).toContain('value % 5 === 0');
    expect(messages(given.check, 300)).toEqual([]);
    expect(messages(given.check, 1800)).toEqual(['(root): expected at most 600, found 1800']);
    expect(messages(given.check, 0)).toEqual(['(root): expected at least 1, found 0']);
    expect(messages(given.check, 7.5)).toEqual(['(root): expected an integer, found number 7.5', '(root): expected a multiple of 5, found 7.5']);
    expect(messages(given.check, '5')).toEqual(["(root): expected an integer, found string '5'"]);
  });

  it('number: finite only; exclusive bounds; a fractional multipleOf divides', () => {
    const given = emit(number({ exclusiveMinimum: 0, exclusiveMaximum: 10, multipleOf: 0.5 }));
    expect(given.text).toContain('Number.isFinite(value)');
    expect(given.text).toContain('Number.isInteger(value / 0.5)');
    expect(messages(given.check, 9.5)).toEqual([]);
    expect(messages(given.check, 0)).toEqual(['(root): expected more than 0, found 0']);
    expect(messages(given.check, 10)).toEqual(['(root): expected less than 10, found 10']);
    expect(messages(given.check, 0.7)).toEqual(['(root): expected a multiple of 0.5, found 0.7']);
    expect(messages(given.check, Number.NaN)).toEqual(['(root): expected a number, found number NaN']);
  });

  it('a bound that is not a finite number is a generation-time diagnostic', () => {
    expect(emit(number({ maximum: Number.POSITIVE_INFINITY })).problems).toEqual([
      'emit/unsupported-construct `maximum: Infinity` is not a finite number, so no validator can be emitted for it.',
    ]);
  });
});

describe('enum and const', () => {
  it('a short enum is a chain of ===; the message lists the values', () => {
    const given = emit({ kind: 'enum', values: ['active', 'expired', 'cancelled'], source: '/given' });
    expect(given.text).toContain("value === 'active' || value === 'expired' || value === 'cancelled'");
    expect(messages(given.check, 'paused')).toEqual(["(root): expected one of 'active', 'expired', 'cancelled'; found 'paused'"]);
    expect(messages(given.check, 1)).toEqual(["(root): expected one of 'active', 'expired', 'cancelled'; found number 1"]);
  });

  it('a long enum is a hoisted Set', () => {
    const values = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', null];
    const given = emit({ kind: 'enum', values, source: '/given' });
    expect(given.hoisted).toContain("const VALUES_1: ReadonlySet<unknown> = new Set<unknown>(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', null]);");
    expect(given.text).toContain('VALUES_1.has(value)');
    expect(messages(given.check, null)).toEqual([]);
    expect(messages(given.check, 'z')).toEqual(["(root): expected one of 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', …; found 'z'"]);
  });

  it('const', () => {
    const given = emit({ kind: 'const', value: 'created_at', source: '/given' });
    expect(given.text).toBe('if (!(value === \'created_at\')) {\nissues = fail(issues, [], "expected \'created_at\', found " + foundLiteral(value));\n}');
    expect(messages(given.check, 'now')).toEqual(["(root): expected 'created_at', found 'now'"]);
  });

  it('a non-finite number among the values is a generation-time diagnostic', () => {
    expect(emit({ kind: 'const', value: Number.NaN, source: '/given' }).problems).toEqual([
      'emit/unsupported-construct The const value NaN is not a JSON number, so no validator can be emitted for it.',
    ]);
  });
});

describe('boolean, null, any, never', () => {
  it.each([
    [boolean, true, 'x', "(root): expected a boolean, found string 'x'"],
    [nullType, null, 0, '(root): expected null, found number 0'],
    [{ kind: 'never', source: '/given' } as const, undefined, 1, '(root): expected no value (nothing is allowed here), found number 1'],
  ])('%o', (schema, good, bad, message) => {
    const given = emit(schema);
    if (good !== undefined) expect(messages(given.check, good)).toEqual([]);
    expect(messages(given.check, bad)).toEqual([message]);
  });

  it('any value emits nothing', () => {
    expect(emit({ kind: 'unknown', source: '/given' }).text).toBe('');
  });
});
