// literal(): every JSON value as a JS literal that is ASCII and reads back as the same value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleLiteral, literal, propertyKey } from '../../generator/emit/escape.js';

/** The value a literal's text stands for, read by the JS parser. */
const readBack = (text: string): unknown => new Function(`return (${text});`)();

describe('literal', () => {
  it('escapes every character past ASCII, so the code and its JavaScript are ASCII', () => {
    expect(literal('café … \u2028 😀').text).toBe("'caf\\u00e9 \\u2026 \\u2028 \\ud83d\\ude00'");
    expect(literal({ ключ: ['値'] }).text).toBe('{"\\u043a\\u043b\\u044e\\u0447":["\\u5024"]}');
  });

  it('keeps the characters in an example, which is a doc (exampleLiteral), and escapes them in code', () => {
    expect(exampleLiteral({ clé: ['café …'], ok: 1 }).text).toBe("{ 'clé': ['café …'], ok: 1 }");
    expect(exampleLiteral('\u2028').text).toBe("'\\u2028'");
    expect(literal({ clé: ['café …'] }).text).toBe('{"cl\\u00e9":["caf\\u00e9 \\u2026"]}');
  });

  it('writes a `__proto__` key so that it makes a property, not a prototype', () => {
    const value = JSON.parse('{"__proto__":{"__proto__":[1]},"a":{"__proto__":null},"b":"{\\"__proto__\\":1}"}') as unknown;
    const { text } = literal(value);
    expect(text).toBe('{["__proto__"]:{["__proto__"]:[1]},"a":{["__proto__"]:null},"b":"{\\"__proto__\\":1}"}');
    expect(readBack(text)).toEqual(value);
    expect(Object.getPrototypeOf(readBack(text))).toBe(Object.prototype);
    expect(propertyKey('__proto__').text).toBe("['__proto__']");
    expect(propertyKey('__proto__', exampleLiteral).text).toBe("['__proto__']");
    expect(readBack(`{ ${propertyKey('__proto__').text}: 1 }`)).toEqual(JSON.parse('{"__proto__":1}'));
  });

  it('reads back as the value it was made from, for any string or JSON value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.jsonValue()), (value) => {
        const { text } = literal(value);
        expect(text).toMatch(/^[\x20-\x7e]*$/);
        // as JSON: it has no -0, which JSON.stringify writes as 0
        expect(readBack(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });
});
