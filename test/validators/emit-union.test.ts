// Given/want: unions. Leaves are tested as one boolean expression; the nullable case checks
// its one complex variant inline; overlapping variants are hoisted functions; a discriminator
// picks the variant by its property.
import { describe, expect, it } from 'vitest';
import { boolean, closed, emit, integer, messages, named, nullType, number, object, ref, string, union } from './emit-support.js';

describe('union', () => {
  it('anyOf of leaves: one expression on the valid path; the value type picks the explanation', () => {
    const given = emit(union('anyOf', [string({ maxLength: 3 }), boolean, number()]));
    expect(given.text.split('\n')[0]).toBe(
      "if (!((typeof value === 'string' && (value.length <= 3 || codePoints(value) <= 3)) || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)))) {",
    );
    expect(given.hoisted).toBe('');
    expect(messages(given.check, true)).toEqual([]);
    expect(messages(given.check, 'abcd')).toEqual(['(root): expected at most 3 characters, found 4']);
    expect(messages(given.check, { a: 1 })).toEqual(['(root): expected a string, a boolean or a number; found an object']);
  });

  it('nullable object: null is tested, the object is checked inline with "or null" in its type message', () => {
    const given = emit(union('anyOf', [object({ id: [string(), 'required'] }), nullType]));
    expect(given.text.startsWith("if (!(value === null)) {\nif (typeof value === 'object' && value !== null && !Array.isArray(value)) {")).toBe(true);
    expect(given.hoisted).not.toContain('function');
    expect(messages(given.check, null)).toEqual([]);
    expect(messages(given.check, {})).toEqual(['id: missing required key `id`: expected a string']);
    expect(messages(given.check, 5)).toEqual(['(root): expected an object `{ id }` or null; found number 5']);
  });

  it('oneOf of different types is an anyOf; of overlapping types, it counts the matches', () => {
    expect(emit(union('oneOf', [string(), integer()])).text).not.toContain('let n');
    const given = emit(union('oneOf', [string({ maxLength: 3 }), string({ pattern: '^[0-9]+$' })]));
    expect(given.text).toContain('let n1 = 0;');
    expect(given.hoisted).toContain('function check_Given_1(');
    expect(messages(given.check, 'abc')).toEqual([]);
    expect(messages(given.check, '12345')).toEqual([]);
    expect(messages(given.check, '123')).toEqual(['(root): expected exactly one of the oneOf variants (a string, a string) to match; found a value matching 2']);
    expect(messages(given.check, 'abcdef')).toEqual(['(root): expected at most 3 characters, found 6']);
  });

  it('anyOf of overlapping objects reports the variant with the fewest issues', () => {
    const given = emit(union('anyOf', [object({ a: [string(), 'required'] }, closed), object({ b: [number(), 'required'], c: [number(), 'required'] }, closed)]));
    expect(messages(given.check, { a: 'x' })).toEqual([]);
    expect(messages(given.check, { b: 1 })).toEqual(['c: missing required key `c`: expected a number']);
  });

  it('a discriminator picks the schema by the property; a bad or missing value is named', () => {
    const cat = named('Cat', object({ pet_type: [{ kind: 'const', value: 'cat', source: '/c' }, 'required'], lives: integer({ maximum: 9 }) }));
    const dog = named('Dog', object({ pet_type: [{ kind: 'const', value: 'dog', source: '/d' }, 'required'] }, closed));
    const pet = union('oneOf', [ref('Cat'), ref('Dog')], { discriminator: { propertyName: 'pet_type', mapping: [{ value: 'cat', target: 'Cat' }, { value: 'dog', target: 'Dog' }] } });
    const given = emit(pet, [cat, dog]);
    expect(given.text).toContain("switch (v2) {\ncase 'cat': {\nconst r3 = check_Cat(value, strict, label, depth);");
    expect(messages(given.check, { pet_type: 'dog' })).toEqual([]);
    expect(messages(given.check, { pet_type: 'cat', lives: 10 })).toEqual(['lives: expected at most 9, found 10']);
    expect(messages(given.check, { pet_type: 'bird' })).toEqual(["pet_type: expected `pet_type` to be one of 'cat', 'dog'; found 'bird'"]);
    expect(messages(given.check, {})).toEqual(["pet_type: missing required key `pet_type`: expected one of 'cat', 'dog'"]);
    expect(messages(given.check, 'cat')).toEqual(["(root): expected an object with `pet_type` one of 'cat', 'dog', found string 'cat'"]);
  });
});
