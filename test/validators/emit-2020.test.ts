// Given/want for the JSON Schema 2020-12 constructs real specs use: tuples (`prefixItems`, with
// `items` for the rest or `false`), enum and const values that are objects or arrays (JSON
// equality), and `unevaluatedProperties` beside allOf/anyOf/oneOf (keys evaluated by the
// schema's own properties, by every allOf part, by matching variants only, through refs).
import { describe, expect, it } from 'vitest';
import type { IrSchema } from '../../generator/model/ir.js';
import { boolean, closed, emit, integer, messages, named, number, object, ref, string, union } from './emit-support.js';

const never: IrSchema = { kind: 'never', source: '/given' };
const tuple = (prefixItems: IrSchema[], items: IrSchema, extra: Record<string, number> = {}): IrSchema => ({
  kind: 'array',
  prefixItems,
  items,
  source: '/given',
  ...extra,
});

describe('prefixItems', () => {
  it('checks each leading item against its own schema, the rest against items', () => {
    const given = emit(tuple([string({ maxLength: 2 }), integer()], boolean, { maxItems: 4 }));
    expect(messages(given.check, ['ab', 1, true])).toEqual([]);
    expect(messages(given.check, ['ab'])).toEqual([]);
    expect(messages(given.check, ['abc', 1.5, true, 'x'])).toEqual([
      '0: expected at most 2 characters, found 3',
      '1: expected an integer, found number 1.5',
      "3: expected a boolean, found string 'x'",
    ]);
  });

  it('with `items: false`, one issue for any item after the tuple', () => {
    const given = emit(tuple([number(), number()], never));
    expect(messages(given.check, [1, 2])).toEqual([]);
    expect(messages(given.check, [1, 2, 3, 4])).toEqual(["(root): expected at most 2 items (the tuple's), found 4"]);
  });
});

describe('enum and const of objects and arrays', () => {
  it('compares with JSON equality: same keys, equal values, arrays in order', () => {
    const given = emit({ kind: 'enum', values: ['fast', { speed: 'slow', gear: [1, { x: true }] }, [1, 2], {}], source: '/given' });
    for (const value of ['fast', { gear: [1, { x: true }], speed: 'slow' }, [1, 2], {}]) expect(messages(given.check, value)).toEqual([]);
    for (const value of [
      'slow',
      { speed: 'slow' },
      { speed: 'slow', gear: [1, { x: true }], more: 1 },
      [2, 1],
      [1, 2, 3],
      { '': 1 },
      null,
    ]) {
      expect(given.check(value, 'request')).toHaveLength(1);
    }
    // 'loose' keeps an unlisted string (a listed type), never an unlisted object or array
    expect(messages(given.check, 'slow')).toEqual([]);
    for (const value of [{ speed: 'slow' }, [2, 1], null]) expect(given.check(value)).toHaveLength(1);
    expect(given.hoisted).toContain('const VALUE_1: unknown = ');
  });
});

describe('unevaluatedProperties', () => {
  const card = object({ object: [{ kind: 'const', value: 'card', source: '/c' }, 'required'], number: string() });
  const bank = object({ object: [{ kind: 'const', value: 'bank', source: '/b' }, 'required'], iban: string() });
  const payment: IrSchema = {
    kind: 'allOf',
    source: '/given',
    parts: [object({ id: string() }), union('anyOf', [card, bank])],
    unevaluatedProperties: never,
  };

  it('false: keys of the object and of the variant that matched are allowed, others are not', () => {
    const given = emit(payment);
    expect(messages(given.check, { id: '1', object: 'card', number: '4242' })).toEqual([]);
    expect(messages(given.check, { object: 'bank', iban: 'DE00' })).toEqual([]);
    // `iban` belongs to the variant that did not match
    expect(messages(given.check, { id: '1', object: 'card', iban: 'DE00' }, 'request')).toEqual([
      'iban: unevaluated key: only a oneOf/anyOf variant that the value does not match declares it',
    ]);
    expect(messages(given.check, { object: 'card', constructor: 1 }, 'request')).toEqual([
      'constructor: unknown key `constructor` in `Given`; known keys: `id`',
    ]);
    // unevaluatedProperties false closes the object as additionalProperties false does: 'loose'
    // mode keeps what a newer server adds, and still checks what the spec describes
    expect(messages(given.check, { id: '1', object: 'card', iban: 'DE00', added: 1 }, 'loose')).toEqual([]);
    expect(messages(given.check, { id: 1, object: 'card', added: 1 }, 'loose')).toEqual(['id: expected a string, found number 1']);
  });

  it('a schema: each unevaluated value must match it; allOf parts and their refs evaluate', () => {
    const base = named('Base', object({ id: [string(), 'required'] }));
    const given = emit(
      { kind: 'allOf', source: '/given', parts: [ref('Base'), object({ name: string() })], unevaluatedProperties: integer() },
      [base],
    );
    expect(messages(given.check, { id: 'a', name: 'n', extra: 3 })).toEqual([]);
    expect(messages(given.check, { id: 'a', extra: 'x' })).toEqual(["extra: expected an integer, found string 'x'"]);
  });

  it('declared additionalProperties in a part evaluates every key; a oneOf evaluates through its matching branch', () => {
    const open = emit({
      kind: 'allOf',
      source: '/given',
      parts: [object({ a: string() }, { additionalProperties: boolean, additionalPropertiesDeclared: true }), object({ b: string() })],
      unevaluatedProperties: never,
    });
    expect(messages(open.check, { a: 'x', c: true })).toEqual([]);
    expect(messages(open.check, { a: 'x', c: 1 })).toEqual(['c: expected a boolean, found number 1']);
    const layered = emit(
      union(
        'oneOf',
        [
          object({ a: [string(), 'required'] }, {}),
          {
            kind: 'allOf',
            source: '/l',
            parts: [object({ b: [boolean, 'required'] }), union('anyOf', [object({ c: integer() }), object({ d: string() }, closed)])],
          },
        ],
        { unevaluatedProperties: never },
      ),
    );
    expect(messages(layered.check, { b: true, c: 1 })).toEqual([]);
    expect(messages(layered.check, { a: 'x', c: 1 }, 'request')).toEqual([
      'c: unevaluated key: only a oneOf/anyOf variant that the value does not match declares it',
    ]);
    expect(messages(layered.check, { a: 'x', e: 1 }, 'request')).toEqual([
      'e: unknown key: neither the schema nor the oneOf/anyOf variant the value matches declares it',
    ]);
  });

  it('leaves non-objects to the composition', () => {
    expect(messages(emit(payment).check, 'text').some((message) => message.includes('key'))).toBe(false);
  });
});
