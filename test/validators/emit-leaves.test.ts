// Given/want: strings, numbers, enum/const, booleans, null, any and never. IR fragment in;
// the printed check and its verdicts out.
import { describe, expect, it } from 'vitest';
import { boolean, emit, integer, messages, nullType, number, string } from './emit-support.js';

describe('string', () => {
  it('checks the type first, then each keyword; lengths fall back to code points only when needed', () => {
    const given = emit(string({ minLength: 2, maxLength: 5, pattern: '^[a-z]+$' }));
    expect(given.text).toMatch(/^if \(typeof value !== 'string'\) \{\nissues = expected\(issues, \[\], 'a string', value\);\n\} else \{\n/);
    expect(given.text).toContain('if (value.length < 4) {\nconst count = codePoints(value);\nif (count < 2) {');
    expect(given.text).toContain('if (value.length > 5) {\nconst count = codePoints(value);\nif (count > 5) {');
    expect(given.hoisted).toBe("const PATTERN_1 = /* @__PURE__ */ new RegExp('^[a-z]+$', 'u');\n");
    expect(messages(given.check, 'abc')).toEqual([]);
    expect(messages(given.check, 'a')).toEqual(['(root): expected at least 2 characters, found 1']);
    expect(messages(given.check, 'abcdef')).toEqual(['(root): expected at most 5 characters, found 6']);
    expect(messages(given.check, 'AB')).toEqual(["(root): expected a string matching /^[a-z]+$/, found 'AB'"]);
    expect(messages(given.check, 'A')).toEqual([
      '(root): expected at least 2 characters, found 1',
      "(root): expected a string matching /^[a-z]+$/, found 'A'",
    ]);
    expect(messages(given.check, 5)).toEqual(['(root): expected a string, found number 5']);
  });

  it('minLength 1 is a comparison with ""; a pattern uses the u flag', () => {
    const given = emit(string({ minLength: 1, pattern: '^\\p{Lu}$' }));
    expect(given.text).toContain("if (value === '') {");
    expect(given.text).not.toContain('codePoints');
    expect(messages(given.check, 'É')).toEqual([]);
    expect(messages(given.check, '')).toEqual([
      '(root): expected at least 1 character, found 0',
      "(root): expected a string matching /^\\p{Lu}$/, found ''",
    ]);
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
    // bounds follow, so the test narrows to a number first
    expect(given.text).toContain("if (!(typeof value === 'number' && Number.isInteger(value))) {");
    expect(given.text).toContain('if (value % 5 !== 0) {');
    expect(messages(given.check, 300)).toEqual([]);
    expect(messages(given.check, 1800)).toEqual(['(root): expected at most 600, found 1800']);
    expect(messages(given.check, 0)).toEqual(['(root): expected at least 1, found 0']);
    // a number that is not an integer is one issue: the bounds are checked on integers only
    expect(messages(given.check, 7.5)).toEqual(['(root): expected an integer, found number 7.5']);
    expect(messages(given.check, 7)).toEqual(['(root): expected a multiple of 5, found 7']);
    expect(messages(given.check, 1e300)).toEqual(['(root): expected at most 600, found 1e+300']);
    expect(messages(given.check, '5')).toEqual(["(root): expected an integer, found string '5'"]);
  });

  it('without bounds, Number.isInteger or Number.isFinite alone is the whole test', () => {
    const int = emit(integer());
    expect(int.text).toBe("if (!Number.isInteger(value)) {\nissues = expected(issues, [], 'an integer', value);\n}");
    expect(messages(int.check, -3)).toEqual([]);
    expect(messages(int.check, 1.5)).toEqual(['(root): expected an integer, found number 1.5']);
    expect(messages(int.check, '1')).toEqual(["(root): expected an integer, found string '1'"]);
    const num = emit(number());
    expect(num.text).toBe("if (!Number.isFinite(value)) {\nissues = expected(issues, [], 'a number', value);\n}");
    expect(messages(num.check, 1.5)).toEqual([]);
    expect(messages(num.check, Number.POSITIVE_INFINITY)).toEqual(['(root): expected a number, found number Infinity']);
    expect(messages(num.check, null)).toEqual(['(root): expected a number, found null']);
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
    expect(given.text).toBe(
      "if (!(value === 'active' || value === 'expired' || value === 'cancelled' || ((mode & 2) === 0 && typeof value === 'string'))) {\n" +
        "issues = unlisted(issues, [], \"one of 'active', 'expired', 'cancelled'\", value);\n}",
    );
    expect(messages(given.check, 'paused', 'request')).toEqual([
      "(root): expected one of 'active', 'expired', 'cancelled'; found 'paused'",
    ]);
    expect(messages(given.check, 'paused', 'strict')).toEqual(["(root): expected one of 'active', 'expired', 'cancelled'; found 'paused'"]);
    expect(messages(given.check, 1, 'request')).toEqual(["(root): expected one of 'active', 'expired', 'cancelled'; found number 1"]);
  });

  it("is open to strings in 'loose' mode (how APIs add values); numbers, booleans and other types stay closed", () => {
    const given = emit({ kind: 'enum', values: ['a', 1, true, null], source: '/given' });
    expect(given.text).toContain("((mode & 2) === 0 && typeof value === 'string')");
    for (const value of ['a', 1, true, null, 'b']) expect(messages(given.check, value)).toEqual([]);
    expect(messages(given.check, 2.5)).toEqual(["(root): expected one of 'a', 1, true, null; found number 2.5"]);
    expect(messages(given.check, false)).toEqual(["(root): expected one of 'a', 1, true, null; found boolean false"]);
    expect(messages(given.check, {})).toEqual(["(root): expected one of 'a', 1, true, null; found an object"]);
    expect(messages(given.check, 'b', 'request')).toHaveLength(1);
    // an enum without strings is closed in every mode
    const numbers = emit({ kind: 'enum', values: [1, 2], source: '/given' });
    expect(numbers.text).not.toContain('mode & 2');
    expect(messages(numbers.check, 3)).toEqual(['(root): expected one of 1, 2; found number 3']);
  });

  it('a long enum is a hoisted Set', () => {
    const values = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', null];
    const given = emit({ kind: 'enum', values, source: '/given' });
    expect(given.hoisted).toContain(
      "const VALUES_1: ReadonlySet<unknown> = /* @__PURE__ */ new Set<unknown>(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', null]);",
    );
    expect(given.text).toContain("if (!(VALUES_1.has(value) || ((mode & 2) === 0 && typeof value === 'string'))) {");
    expect(messages(given.check, null, 'request')).toEqual([]);
    expect(messages(given.check, 'i', 'request')).toEqual([]);
    expect(messages(given.check, 'z', 'request')).toEqual(["(root): expected one of 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', …; found 'z'"]);
    expect(messages(given.check, 'z')).toEqual([]);
    expect(messages(given.check, 1)).toEqual(["(root): expected one of 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', …; found number 1"]);
  });

  it('const is one !==, closed in every mode', () => {
    const given = emit({ kind: 'const', value: 'created_at', source: '/given' });
    expect(given.text).toBe("if (value !== 'created_at') {\nissues = unlisted(issues, [], \"'created_at'\", value);\n}");
    expect(messages(given.check, 'created_at')).toEqual([]);
    expect(messages(given.check, 'now')).toEqual(["(root): expected 'created_at'; found 'now'"]);
    expect(messages(given.check, 1, 'strict')).toEqual(["(root): expected 'created_at'; found number 1"]);
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
