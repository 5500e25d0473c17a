// Given/want: unions. Leaves are tested as one boolean expression; the nullable case checks
// its one complex variant inline; overlapping variants are hoisted functions; a discriminator
// picks the variant by its property.
import { describe, expect, it } from 'vitest';
import type { IrSchema } from '../../generator/model/ir.js';
import { boolean, closed, emit, integer, messages, named, nullType, number, object, ref, string, union } from './emit-support.js';

describe('union', () => {
  it('anyOf of leaves: one expression on the valid path; the value type picks the explanation', () => {
    const given = emit(union('anyOf', [string({ maxLength: 3 }), boolean, number()]));
    expect(given.text.split('\n')[0]).toBe(
      "if (!((typeof value === 'string' && (value.length <= 3 || codePoints(value) <= 3)) || typeof value === 'boolean' || Number.isFinite(value))) {",
    );
    expect(given.hoisted).toBe('');
    expect(messages(given.check, true)).toEqual([]);
    expect(messages(given.check, 'abcd')).toEqual(['(root): expected at most 3 characters, found 4']);
    expect(messages(given.check, { a: 1 })).toEqual(['(root): expected a string, a boolean or a number; found an object']);
  });

  it('nullable object: null is tested, the object is checked inline with "or null" in its type message', () => {
    const given = emit(union('anyOf', [object({ id: [string(), 'required'] }), nullType]));
    expect(given.text).toMatch(
      /^if \(value !== null\) \{\nif \(isObject\(value\)\) \{\nconst v1 = value\.id;\nif \(typeof v1 !== 'string'\) \{\nissues = reqString\(issues, v1, 'id'\);\n\}\n/,
    );
    expect(given.text).toContain("} else {\nissues = unlisted(issues, [], 'an object `{ id }` or null', value);\n}\n}");
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
    expect(messages(given.check, '123', 'request')).toEqual([
      '(root): expected exactly one of the oneOf variants (a string, a string) to match; found a value matching 2',
    ]);
    // 'loose' mode keeps a value that more than one variant describes (see ValidationMode)
    expect(messages(given.check, '123', 'loose')).toEqual([]);
    expect(messages(given.check, 'abcdef')).toEqual(['(root): expected at most 3 characters, found 6']);
  });

  it('anyOf with a bare string (an open enum, as OpenAI writes model ids) is any string: the enum adds nothing to check', () => {
    const models: IrSchema = { kind: 'enum', values: ['gpt-5', 'gpt-4o'], source: '#' };
    const given = emit(union('anyOf', [string(), models, string({ pattern: '^ft:' })]));
    expect(given.text).toBe("if (typeof value !== 'string') {\nissues = expected(issues, [], 'a string', value);\n}");
    expect(given.hoisted).toBe('');
    expect(messages(given.check, 'any-model-at-all', 'strict')).toEqual([]);
    expect(messages(given.check, 5)).toEqual(['(root): expected a string, found number 5']);
    // an unconstrained number takes the integers and number enums; null and objects stay
    const numbers = emit(union('anyOf', [integer({ minimum: 1 }), number(), { kind: 'const', value: 3, source: '#' }, nullType]));
    expect(numbers.text).not.toContain('Number.isInteger');
    expect(messages(numbers.check, 0.5)).toEqual([]);
    expect(messages(numbers.check, null)).toEqual([]);
    expect(messages(numbers.check, 'x')).toEqual(["(root): expected a number or null; found 'x'"]);
    // in a oneOf a listed value matches two variants, which 'request' mode refuses: kept as it is
    expect(emit(union('oneOf', [string(), models])).text).toContain('let n');
    // through a ref to such an anyOf too (OpenAI's ModelIdsResponses: [ModelIdsShared, enum])
    const shared = named('Shared', union('anyOf', [string(), models]));
    const through = emit(union('anyOf', [ref('Shared'), { kind: 'enum', values: ['o3-pro'], source: '#' }]), [shared]);
    expect(`${through.text}\n${through.hoisted}`).not.toContain("'o3-pro'");
    expect(messages(through.check, 'o9', 'strict')).toEqual([]);
    expect(messages(through.check, 5)).toEqual(['(root): expected a string, found number 5']);
  });

  it('anyOf of overlapping objects reports the variant with the fewest issues', () => {
    const given = emit(
      union('anyOf', [
        object({ a: [string(), 'required'] }, closed),
        object({ b: [number(), 'required'], c: [number(), 'required'] }, closed),
      ]),
    );
    expect(messages(given.check, { a: 'x' })).toEqual([]);
    expect(messages(given.check, { b: 1 }, 'request')).toEqual(['c: missing required key `c`: expected a number']);
    // in 'loose' mode the unknown key `b` costs the first variant nothing: of equals, the first
    expect(messages(given.check, { b: 1 }, 'loose')).toEqual(['a: missing required key `a`: expected a string']);
  });

  it('a discriminator picks the schema by the property; a bad or missing value is named', () => {
    const cat = named(
      'Cat',
      object({ pet_type: [{ kind: 'const', value: 'cat', source: '/c' }, 'required'], lives: integer({ maximum: 9 }) }),
    );
    const dog = named('Dog', object({ pet_type: [{ kind: 'const', value: 'dog', source: '/d' }, 'required'] }, closed));
    const pet = union('oneOf', [ref('Cat'), ref('Dog')], {
      discriminator: {
        propertyName: 'pet_type',
        mapping: [
          { value: 'cat', target: 'Cat' },
          { value: 'dog', target: 'Dog' },
        ],
      },
    });
    const given = emit(pet, [cat, dog]);
    expect(given.text).toMatch(
      /switch \((v\d+)\) \{\ncase 'cat': \{\nconst r\d+ = check_Cat\(value, mode, label, depth\);\n[\s\S]*\ncase 'dog': \{\nconst r\d+ = check_Dog\(value, mode, label, depth\);\n[\s\S]*\ndefault:\nif \(\1 === undefined\) \{/,
    );
    expect(messages(given.check, { pet_type: 'dog' })).toEqual([]);
    expect(messages(given.check, { pet_type: 'dog', extra: 1 }, 'request')).toEqual([
      'extra: unknown key `extra` in `Given`; known keys: `pet_type`',
    ]);
    expect(messages(given.check, { pet_type: 'dog', extra: 1 }, 'loose')).toEqual([]);
    expect(messages(given.check, { pet_type: 'cat', lives: 10 })).toEqual(['lives: expected at most 9, found 10']);
    // an unlisted string tag is a newer variant in 'loose' mode; another mode rejects it
    expect(messages(given.check, { pet_type: 'bird', lives: 'many' })).toEqual([]);
    expect(messages(given.check, { pet_type: 'bird' }, 'request')).toEqual([
      "pet_type: expected `pet_type` to be one of 'cat', 'dog'; found 'bird'",
    ]);
    expect(messages(given.check, { pet_type: 'bird' }, 'strict')).toEqual([
      "pet_type: expected `pet_type` to be one of 'cat', 'dog'; found 'bird'",
    ]);
    expect(messages(given.check, { pet_type: 1 })).toEqual(["pet_type: expected `pet_type` to be one of 'cat', 'dog'; found number 1"]);
    expect(messages(given.check, {})).toEqual(["pet_type: missing required key `pet_type`: expected one of 'cat', 'dog'"]);
    expect(messages(given.check, 'cat')).toEqual(["(root): expected an object with `pet_type` one of 'cat', 'dog', found string 'cat'"]);
  });

  it('a discriminator of many tags: one constant words its three messages; a case on the input returns its check', () => {
    const tags = ['conversation.created', 'conversation.updated', 'response.output_text.delta', 'response.done'];
    const variants = tags.map((tag, i) =>
      named(`Event${i}`, object({ type: [{ kind: 'const', value: tag, source: `/e${i}` }, 'required'], n: integer({ maximum: 9 }) })),
    );
    const event = union(
      'oneOf',
      variants.map((variant) => ref(variant.key)),
      { discriminator: { propertyName: 'type', mapping: tags.map((value, i) => ({ value, target: `Event${i}` })) } },
    );
    const listed = "one of 'conversation.created', 'conversation.updated', 'response.output_text.delta', 'response.done'";
    const given = emit(event, variants);
    expect(given.hoisted).toContain(`const TEXT_1 = "${listed}";`);
    expect(given.text).toContain("issues = fail(issues, ['type'], 'expected `type` to be ' + TEXT_1 + '; found ' + foundLiteral(");
    // check_Given is the discriminator alone: each case returns its variant's issues
    expect(given.source).toContain("case 'response.done':\nreturn check_Event3(value, mode, label, depth);");
    expect(messages(given.check, { type: 'response.done', n: 1 })).toEqual([]);
    expect(messages(given.check, { type: 'response.done', n: 10 })).toEqual(['n: expected at most 9, found 10']);
    expect(messages(given.check, { type: 'response.new' })).toEqual([]);
    expect(messages(given.check, { type: 'response.new' }, 'strict')).toEqual([
      `type: expected \`type\` to be ${listed}; found 'response.new'`,
    ]);
    expect(messages(given.check, {})).toEqual([`type: missing required key \`type\`: expected ${listed}`]);
    expect(messages(given.check, [])).toEqual([`(root): expected an object with \`type\` ${listed}, found an array`]);
    // inside a property, the issues of a case go on under the property's path
    const wrapper = emit(object({ event: [ref('Event'), 'required'], id: string() }), [...variants, named('Event', event)]);
    expect(messages(wrapper.check, { event: { type: 'response.done', n: 10 }, id: 1 })).toEqual([
      'event.n: expected at most 9, found 10',
      'id: expected a string, found number 1',
    ]);
  });

  it("objects that share a string tag, without a discriminator: an unlisted tag passes in 'loose' mode only", () => {
    const cat = named(
      'Cat',
      object({ pet_type: [{ kind: 'const', value: 'cat', source: '/c' }, 'required'], lives: integer({ maximum: 9 }) }),
    );
    const dog = named('Dog', object({ pet_type: [{ kind: 'enum', values: ['dog', 'puppy'], source: '/d' }, 'required'] }, closed));
    const given = emit(union('oneOf', [ref('Cat'), ref('Dog')]), [cat, dog]);
    expect(given.hoisted).toContain("const KEYS_1: readonly string[] = ['cat', 'dog', 'puppy'];");
    expect(given.text).toContain(
      "if (!((mode & 2) === 0 && isObject(value) && typeof value.pet_type === 'string' && !KEYS_1.includes(value.pet_type))) {\nissues = unionIssues(",
    );
    expect(messages(given.check, { pet_type: 'puppy' })).toEqual([]);
    expect(messages(given.check, { pet_type: 'bird', wings: 2 })).toEqual([]);
    expect(given.text).toContain(", '', 'pet_type', KEYS_1);");
    // an unlisted tag names every listed one, not the last variant's
    expect(messages(given.check, { pet_type: 'bird' }, 'request')).toEqual([
      "pet_type: expected `pet_type` to be one of 'cat', 'dog', 'puppy'; found 'bird'",
    ]);
    // a listed tag is still checked by its variant, and a tag of another type is no newer variant
    expect(messages(given.check, { pet_type: 'cat', lives: 10 })).toEqual(['lives: expected at most 9, found 10']);
    expect(messages(given.check, { pet_type: 1 })).toEqual([
      "pet_type: expected `pet_type` to be one of 'cat', 'dog', 'puppy'; found number 1",
    ]);
    expect(messages(given.check, {})).toEqual(["pet_type: missing required key `pet_type`: expected one of 'cat', 'dog', 'puppy'"]);
  });

  it('a listed tag picks the variants that list it, in every mode: an open enum tag takes in no other variant', () => {
    const cat = named(
      'Cat',
      object({ pet_type: [{ kind: 'const', value: 'cat', source: '/c' }, 'required'], lives: integer({ maximum: 9 }) }, closed),
    );
    const dog = named(
      'Dog',
      object({ pet_type: [{ kind: 'enum', values: ['dog', 'puppy'], source: '/d' }, 'required'], good: boolean }, closed),
    );
    for (const mode of ['oneOf', 'anyOf'] as const) {
      const given = emit(union(mode, [ref('Cat'), ref('Dog')]), [cat, dog]);
      const tag =
        /const (v\d+) = isObject\(value\) && typeof value\.pet_type === 'string' && KEYS_1\.includes\(value\.pet_type\) \? value\.pet_type : undefined;/.exec(
          given.text,
        )?.[1];
      expect(tag).toBeDefined();
      expect(given.text).toContain(
        `(${tag} === undefined || ${tag} === 'cat') && (r1 = check_Cat(value, mode, label, depth)) === undefined`,
      );
      expect(given.text).toContain(`(${tag} === undefined || KEYS_2.includes(${tag})) && (r2 = check_Dog(value, mode, label, depth))`);
      // in 'loose' mode Dog's enum takes any string and its closed object any key: without the
      // tag, this cat would pass as a Dog, its `lives` unchecked
      for (const check of ['loose', 'request', 'strict'] as const) {
        expect(messages(given.check, { pet_type: 'cat', lives: 10 }, check)).toEqual(['lives: expected at most 9, found 10']);
        expect(messages(given.check, { pet_type: 'puppy', good: 'yes' }, check)).toEqual(["good: expected a boolean, found string 'yes'"]);
      }
      // a closed variant keeps the field a newer server added in 'loose' mode only
      expect(messages(given.check, { pet_type: 'cat', lives: 9, owner: 'x' }, 'loose')).toEqual([]);
      expect(messages(given.check, { pet_type: 'cat', lives: 9, owner: 'x' }, 'request')).toEqual([
        'owner: unknown key `owner` in `Given`; known keys: `pet_type`, `lives`',
      ]);
      // no listed tag: every variant is tried, as before (a newer variant passes in 'loose' mode)
      expect(messages(given.check, { pet_type: 'bird' }, 'loose')).toEqual([]);
      expect(messages(given.check, { lives: 1 }, 'request')).toEqual([
        "pet_type: missing required key `pet_type`: expected one of 'cat', 'dog', 'puppy'",
      ]);
    }
    // tags that are all consts are closed in every mode: no variant can take another's value
    const bird = named('Bird', object({ pet_type: [{ kind: 'const', value: 'bird', source: '/b' }, 'required'] }, closed));
    const consts = emit(union('oneOf', [ref('Cat'), ref('Bird')]), [cat, bird]);
    expect(consts.text).not.toMatch(/\(v\d+ === undefined \|\|/);
    // nor variants that all list the same values: the tag would pick every one of them
    const same = (name: string, extra: string) =>
      named(name, object({ role: [{ kind: 'enum', values: ['user', 'system'], source: `/${name}` }, 'required'], [extra]: string() }));
    const shared = emit(union('anyOf', [ref('Said'), ref('Told')]), [same('Said', 'text'), same('Told', 'content')]);
    expect(shared.text).not.toMatch(/\(v\d+ === undefined \|\|/);
    expect(messages(consts.check, { pet_type: 'cat', lives: 10 }, 'loose')).toEqual(['lives: expected at most 9, found 10']);
  });

  it("a string-enum variant makes the union accept any string in 'loose' mode, and nothing else", () => {
    const given = emit(
      union('anyOf', [{ kind: 'enum', values: ['auto', 'none'], source: '/e' }, object({ name: [string(), 'required'] }, closed)]),
    );
    expect(given.text).toContain(
      "} else if (!((mode & 2) === 0 && typeof value === 'string')) {\nissues = unlisted(issues, [], \"one of 'auto', 'none' or an object `{ name }`\", value);",
    );
    expect(messages(given.check, 'auto', 'request')).toEqual([]);
    expect(messages(given.check, 'other')).toEqual([]);
    expect(messages(given.check, 'other', 'request')).toEqual([
      "(root): expected one of 'auto', 'none' or an object `{ name }`; found 'other'",
    ]);
    expect(messages(given.check, 1)).toEqual(["(root): expected one of 'auto', 'none' or an object `{ name }`; found number 1"]);
    expect(messages(given.check, { nam: 'x' }, 'request')).toEqual([
      'name: missing required key `name`: expected a string',
      'nam: unknown key `nam` in `Given`; did you mean `name`?',
    ]);
  });
});
