// Given/want: objects. Properties in spec order, then one pass over the keys; closed objects
// always reject unknown keys, undeclared ones only in 'strict' mode.
import { describe, expect, it } from 'vitest';
import { boolean, closed, emit, integer, messages, named, nullType, number, object, ref, string, union } from './emit-support.js';
import type { IrSchema } from '../../generator/model/ir.js';

describe('object', () => {
  it('reads each property once, reports a missing required key with what was expected', () => {
    const given = emit(
      object({
        id: [string(), 'required'],
        enabled: boolean,
        name: [string({ minLength: 2 }), 'required'],
        nick: string({ maxLength: 3 }),
      }),
    );
    // isObject narrows: properties are read from the value itself, no cast
    expect(given.text).toMatch(/^if \(isObject\(value\)\) \{\n/);
    expect(given.text).not.toContain(' as Record');
    expect(given.text.match(/value\.id\b/g)).toHaveLength(1);
    // a bare string, boolean, integer or number is tested inline, and a runtime call words the
    // issues when the test fails, required or optional
    expect(given.text).toContain(
      "const v1 = value.id;\nif (typeof v1 !== 'string') {\nissues = reqString(issues, v1, 'id');\n}\n" +
        "const v2 = value.enabled;\nif (v2 !== undefined && typeof v2 !== 'boolean') {\nissues = optBoolean(issues, v2, 'enabled', mode);\n}\n",
    );
    // a string with length bounds too: the test holds the strings surely within them (2 × minLength - 1
    // UTF-16 units or more, maxLength or fewer); the call gets minLength (0 for none), then maxLength
    expect(given.text).toContain(
      "const v3 = value.name;\nif (!(typeof v3 === 'string' && v3.length >= 3)) {\nissues = reqStringIn(issues, v3, 'name', 2);\n}\n" +
        "const v4 = value.nick;\nif (v4 !== undefined && !(typeof v4 === 'string' && v4.length <= 3)) {\nissues = optStringIn(issues, v4, 'nick', mode, 0, 3);\n}\n",
    );
    // strings the test leaves to the call: counted in code points
    expect(messages(given.check, { id: 'x', name: '\u{1F600}\u{1F600}', nick: '\u{1F600}\u{1F600}\u{1F600}' })).toEqual([]);
    expect(messages(given.check, { id: 'x', name: '\u{1F600}' })).toEqual(['name: expected at least 2 characters, found 1']);
    expect(messages(given.check, { id: 'x', name: 'a', nick: 'abcd' })).toEqual([
      'name: expected at least 2 characters, found 1',
      'nick: expected at most 3 characters, found 4',
    ]);
    expect(messages(given.check, { id: 'x', name: 'ab' })).toEqual([]);
    expect(messages(given.check, { name: 'ab' })).toEqual(['id: missing required key `id`: expected a string']);
    expect(messages(given.check, { id: undefined, enabled: undefined, name: 'ab' })).toEqual([
      'id: missing required key `id`: expected a string',
    ]);
    expect(messages(given.check, { id: 'x' })).toEqual(['name: missing required key `name`: expected a string']);
    expect(messages(given.check, null)).toEqual(['(root): expected an object `{ id, enabled, name, nick }`, found null']);
    expect(messages(given.check, { id: 1, enabled: 'yes', name: 2, nick: 3 })).toEqual([
      'id: expected a string, found number 1',
      "enabled: expected a boolean, found string 'yes'",
      'name: expected a string, found number 2',
      'nick: expected a string, found number 3',
    ]);
    expect(messages(given.check, [])).toEqual(['(root): expected an object `{ id, enabled, name, nick }`, found an array']);
  });

  it('bounded numbers: the test inline, the runtime call on failure only; string enums: any string passes inline in loose mode', () => {
    const given = emit(
      object({
        seconds: [integer({ minimum: 1, maximum: 600 }), 'required'],
        ratio: number({ maximum: 2 }),
        order: { kind: 'enum', values: ['asc', 'desc'], source: '/given' },
      }),
    );
    expect(given.text).toContain(
      "const v1 = value.seconds;\nif (!(typeof v1 === 'number' && Number.isInteger(v1) && v1 >= 1 && v1 <= 600)) {\nissues = reqIntegerIn(issues, v1, 'seconds', 1, 600);\n}",
    );
    expect(given.text).toContain(
      "if (v2 !== undefined && !(typeof v2 === 'number' && Number.isFinite(v2) && v2 <= 2)) {\nissues = optNumberIn(issues, v2, 'ratio', mode, -Infinity, 2);\n}",
    );
    // in 'loose' mode any string passes (an API may add values); otherwise the call looks it up
    expect(given.text).toContain(
      "const v3 = value.order;\nif (v3 !== undefined && !(typeof v3 === 'string' && (mode & 2) === 0)) {\nissues = optEnum(issues, v3, 'order', mode, ENUM_1);\n}",
    );
    expect(messages(given.check, { seconds: 1, order: 'newest' })).toEqual([]);
    expect(messages(given.check, { seconds: 1, order: 'newest' }, 'strict')).toEqual([
      "order: expected one of 'asc', 'desc'; found 'newest'",
    ]);
    expect(messages(given.check, { seconds: 600, ratio: -5, order: 'asc' })).toEqual([]);
    expect(messages(given.check, { ratio: 3 })).toEqual([
      'seconds: missing required key `seconds`: expected an integer',
      'ratio: expected at most 2, found 3',
    ]);
    expect(messages(given.check, { seconds: 0.5, order: 'up' })).toEqual(['seconds: expected an integer, found number 0.5']);
    expect(messages(given.check, { seconds: 0, order: 'up' }, 'request')).toEqual([
      'seconds: expected at least 1, found 0',
      "order: expected one of 'asc', 'desc'; found 'up'",
    ]);
    expect(messages(given.check, { seconds: 1, order: 1 })).toEqual(["order: expected one of 'asc', 'desc'; found number 1"]);
  });

  it('bare leaves and string consts nested in an inline object report at their full path', () => {
    const given = emit(
      object({
        source: [
          object({ type: [{ kind: 'const', value: 'file', source: '/given' }, 'required'], size: integer(), ratio: number() }),
          'required',
        ],
        kind: { kind: 'const', value: "it's", source: '/given' },
      }),
    );
    expect(given.text).toMatch(/const (v\d+) = v1\.type;\nif \(\1 !== '[^']*'\) \{\nissues = reqConst\(issues, \1, PATH_/);
    expect(given.text).toMatch(
      /const (v\d+) = v1\.size;\nif \(\1 !== undefined && !Number\.isInteger\(\1\)\) \{\nissues = optInteger\(issues, \1, PATH_/,
    );
    expect(given.text).toMatch(
      /const (v\d+) = value\.kind;\nif \(\1 !== undefined && \1 !== "it's"\) \{\nissues = optConst\(issues, \1, 'kind', mode, "it's"\);/,
    );
    expect(messages(given.check, { source: { type: 'file', size: 1, ratio: 0.5 }, kind: "it's" })).toEqual([]);
    expect(messages(given.check, { source: { size: 1.5, ratio: Number.NaN } })).toEqual([
      "source.type: missing required key `type`: expected 'file'",
      'source.size: expected an integer, found number 1.5',
      'source.ratio: expected a number, found number NaN',
    ]);
    expect(messages(given.check, { source: { type: 'url' }, kind: 'its' })).toEqual([
      "source.type: expected 'file'; found 'url'",
      "kind: expected 'it\\'s'; found 'its'",
    ]);
    // each issue has a path of its own (the hoisted path is copied)
    const issues = given.check({ source: {} }) ?? [];
    expect(issues[0]!.path).toEqual(['source', 'type']);
    (issues[0]!.path as (string | number)[]).push('x');
    expect(given.check({ source: {} })![0]!.path).toEqual(['source', 'type']);
  });

  it('closed: unknown keys are errors in request and strict mode, with a "did you mean" from the known keys; kept in loose mode', () => {
    const given = emit(object({ max_requests_per_1_minute: integer() }, closed));
    // in its own loop, which 'loose' mode skips; the key list is only for the message
    expect(given.text).toContain(
      "if (mode & 2) {\nfor (const k2 in value) {\nif (k2 !== 'max_requests_per_1_minute') {\nissues = unknownKey(issues, k2, label, KEYS_1);\n}\n}\n}",
    );
    expect(given.text).not.toContain('mode & 1');
    expect(given.hoisted).toContain("const KEYS_1: readonly string[] = ['max_requests_per_1_minute'];");
    const want = ['requests_per_minute: unknown key `requests_per_minute` in `Given`; did you mean `max_requests_per_1_minute`?'];
    expect(messages(given.check, { requests_per_minute: 20 }, 'request')).toEqual(want);
    expect(messages(given.check, { requests_per_minute: 20 }, 'strict')).toEqual(want);
    // a server newer than the spec may send a field more, even where the spec closed the object
    expect(messages(given.check, { max_requests_per_1_minute: 20, requests_per_minute: 20 }, 'loose')).toEqual([]);
    // what the spec describes is still checked in 'loose' mode
    expect(messages(given.check, { max_requests_per_1_minute: 'x', extra: 1 }, 'loose')).toEqual([
      "max_requests_per_1_minute: expected an integer, found string 'x'",
    ]);
  });

  it('closed beside a per-key check (propertyNames, a key count): the unknown-key test alone skips loose mode', () => {
    const given = emit(object({ a: integer() }, { ...closed, maxProperties: 1 }));
    expect(given.text).toContain("if (mode & 2 && k2 !== 'a') {");
    expect(messages(given.check, { a: 1, b: 2 }, 'loose')).toEqual(['(root): expected at most 1 key, found 2']);
    expect(messages(given.check, { a: 1, b: 2 }, 'request')).toEqual([
      'b: unknown key `b` in `Given`; did you mean `a`?',
      '(root): expected at most 1 key, found 2',
    ]);
  });

  it('undeclared additionalProperties: unknown keys are looked for only in strict mode, by one runtime call', () => {
    const given = emit(object({ id: string() }));
    expect(given.text).toContain('if (mode & 1) {\nissues = unknownKeys(issues, value, label, KEYS_1);\n}');
    expect(given.text).not.toContain('for (');
    expect(given.hoisted).toContain("const KEYS_1: readonly string[] = ['id'];");
    expect(messages(given.check, { id: 'x', extra: 1 })).toEqual([]);
    expect(messages(given.check, { id: 'x', extra: 1 }, 'request')).toEqual([]);
    expect(messages(given.check, { id: 'x', extra: 1 }, 'strict')).toEqual(['extra: unknown key `extra` in `Given`; known keys: `id`']);
  });

  it('additionalProperties: true (declared) stays open in strict mode', () => {
    const open = { additionalProperties: true, additionalPropertiesDeclared: true } as const;
    const given = emit(object({}, open));
    expect(given.text).not.toContain('for (');
    expect(messages(given.check, { anything: 1 }, 'strict')).toEqual([]);
    // nothing to check per key, so no loop over the keys at all (with properties, or an allOf part declaring it)
    for (const schema of [
      object({ id: string() }, open),
      { kind: 'allOf', parts: [object({ id: string() }), object({ b: string() }, open)], source: '/given' } as const,
    ]) {
      const withProperties = emit(schema);
      expect(withProperties.text).not.toContain('for (');
      expect(messages(withProperties.check, { id: 'x', anything: 1 }, 'strict')).toEqual([]);
    }
  });

  it('an additionalProperties schema checks every other value, under its key', () => {
    const given = emit(object({ id: string() }, { additionalProperties: integer({ minimum: 0 }), additionalPropertiesDeclared: true }));
    expect(messages(given.check, { id: 'x', a: 1, b: -1, c: 'no' })).toEqual([
      'b: expected at least 0, found -1',
      "c: expected an integer, found string 'no'",
    ]);
  });

  it('propertyNames and min/maxProperties in the same pass', () => {
    const given = emit(
      object(
        {},
        {
          propertyNames: string({ maxLength: 3 }),
          minProperties: 1,
          maxProperties: 2,
          additionalProperties: true,
          additionalPropertiesDeclared: true,
        },
      ),
    );
    expect(given.text).toContain('let n2 = 0;\nfor (const k1 in value) {\nn2++;\nif (k1.length > 3) {');
    expect(given.text).not.toContain("typeof k1 === 'string'");
    expect(given.text.split('for (')).toHaveLength(2);
    expect(messages(given.check, { abcd: 1 })).toEqual(['abcd: invalid key: expected at most 3 characters, found 4']);
    expect(messages(given.check, {})).toEqual(['(root): expected at least 1 key, found 0']);
    expect(messages(given.check, { a: 1, b: 2, c: 3 })).toEqual(['(root): expected at most 2 keys, found 3']);
  });

  it('many known keys: the loop of a closed object tests a hoisted Set, built from the one key list', () => {
    const properties = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`key${i}`, string()] as const));
    const list = "['key0', 'key1', 'key2', 'key3', 'key4', 'key5', 'key6', 'key7', 'key8']";
    const given = emit(object(properties, closed));
    expect(given.hoisted).toContain(
      `const KEYS_1: readonly string[] = ${list};\nconst KEY_SET_2: ReadonlySet<string> = /* @__PURE__ */ new Set<string>(KEYS_1);`,
    );
    expect(given.text).toContain('if (!KEY_SET_2.has(k10)) {\nissues = unknownKey(issues, k10, label, KEYS_1);');
    expect(given.text).not.toContain("k10 !== 'key0'");
    expect(messages(given.check, { key9: 'x' }, 'request')).toEqual(['key9: unknown key `key9` in `Given`; did you mean `key0`?']);
    expect(
      messages(
        given.check,
        { key0: 'a', key1: 'b', key2: 'c', key3: 'd', key4: 'e', key5: 'f', key6: 'g', key7: 'h', key8: 'i' },
        'request',
      ),
    ).toEqual([]);
    // an open object's strict-only pass is the runtime's: the list alone, no Set
    const open = emit(object(properties));
    expect(open.hoisted).toContain(`const KEYS_1: readonly string[] = ${list};`);
    expect(open.hoisted).not.toContain('KEY_SET_');
    expect(messages(open.check, { key9: 'x' })).toEqual([]);
    expect(messages(open.check, { key9: 'x' }, 'strict')).toEqual(['key9: unknown key `key9` in `Given`; did you mean `key0`?']);
  });

  it('keys named like Object.prototype members are read only when own', () => {
    const given = emit(object({ toString: [string(), 'required'] as const, constructor: integer() }));
    expect(given.text).toContain(
      "const v1: unknown = Object.hasOwn(value, 'toString') ? value.toString : undefined;\nif (typeof v1 !== 'string') {\nissues = reqString(issues, v1, 'toString');\n}",
    );
    expect(given.text).toContain(
      "const v2: unknown = Object.hasOwn(value, 'constructor') ? value.constructor : undefined;\nif (v2 !== undefined && !Number.isInteger(v2)) {\nissues = optInteger(issues, v2, 'constructor', mode);\n}",
    );
    expect(messages(given.check, { constructor: 1.5 })).toContain('constructor: expected an integer, found number 1.5');
    expect(messages(given.check, {})).toEqual(['toString: missing required key `toString`: expected a string']);
    expect(messages(given.check, { toString: 'x' })).toEqual([]);
  });

  it('a key one level down is suggested with its parent', () => {
    const limits = named('Limits', object({ max_requests_per_1_minute: integer() }, closed));
    const given = emit(object({ user: string(), rate_limits: ref('Limits') }, closed), [limits]);
    expect(messages(given.check, { max_requests_per_1_minute: 60 }, 'request')).toEqual([
      'max_requests_per_1_minute: unknown key `max_requests_per_1_minute` in `Given`; did you mean `rate_limits.max_requests_per_1_minute`?',
    ]);
    expect(messages(given.check, { rate_limits: { requests_per_minute: 1 } }, 'request')).toEqual([
      'rate_limits.requests_per_minute: unknown key `requests_per_minute` in `rate_limits`; did you mean `max_requests_per_1_minute`?',
    ]);
  });
});

describe('checks written for size or for speed', () => {
  const withUsage = (name: string, schema: IrSchema, request: boolean, response: boolean) => ({
    ...named(name, schema),
    usage: { request, response },
  });
  // (the source is unformatted: a function runs to the next one)
  const functionOf = (source: string, name: string) => source.slice(source.indexOf(`function check_${name}(`)).split('\nfunction ')[0]!;

  it('a schema only requests send: one runtime call a leaf property; a small schema is inlined only where it is its one use', () => {
    const shared = withUsage('Shared', object({ a: [string(), 'required'] }), true, false);
    const single = withUsage('Single', object({ b: [string(), 'required'] }), true, false);
    const request = withUsage(
      'Req',
      object({ id: [string(), 'required'], n: integer(), shared: ref('Shared'), single: ref('Single') }),
      true,
      false,
    );
    const other = withUsage('Other', object({ shared: ref('Shared') }), true, false);
    const given = emit(string(), [shared, single, request, other]);
    const text = functionOf(given.source, 'Req');
    expect(text).toContain("issues = reqString(issues, value.id, 'id');");
    expect(text).toContain("issues = optInteger(issues, value.n, 'n', mode);");
    // two schemas refer to Shared: inlining would copy its check, so it is called
    expect(text).toMatch(/check_Shared\(v\d+, mode, '`shared`', depth \+ 1\)/);
    // Single has no other use: inline, its issues need no nesting
    expect(text).not.toContain('check_Single(');
    expect(text).toMatch(/issues = reqString\(issues, v\d+\.b, PATH_[0-9a-z]{6}\);/);
  });

  it('a schema a response receives (whatever else sends it): an inline test a leaf, and small schemas inlined', () => {
    const small = withUsage('Small', object({ a: [string(), 'required'] }), true, false);
    const response = withUsage('Res', object({ id: [string(), 'required'], small: ref('Small') }), false, true);
    const both = withUsage('Both', object({ id: [string(), 'required'], other: boolean }), true, true);
    const given = emit(string(), [small, response, both]);
    for (const name of ['Res', 'Both']) {
      const text = functionOf(given.source, name);
      expect(text, name).toMatch(
        /const (v\d+) = value\.id;\nif \(typeof \1 !== 'string'\) \{\nissues = reqString\(issues, \1, 'id'\);\n\}/,
      );
    }
    expect(functionOf(given.source, 'Res')).not.toContain('check_Small(');
  });

  it('schemas of one shape share one check, written for speed when any of them is received', () => {
    const shape = () => object({ id: [string(), 'required'] });
    const given = emit(string(), [withUsage('Sent', shape(), true, false), withUsage('Received', shape(), false, true)]);
    expect(given.source).not.toContain('function check_Received(');
    expect(functionOf(given.source, 'Sent')).toMatch(/if \(typeof v\d+ !== 'string'\)/);
  });
});

describe("null and absent in 'loose' mode", () => {
  const nullable = (schema: IrSchema) => union('anyOf', [schema, nullType]);
  const inner = object({ a: [string(), 'required'] });
  const schema = object({
    // optional, null not listed: a leaf, a bounded leaf, an enum, an object
    note: string(),
    size: integer({ minimum: 1 }),
    order: { kind: 'enum', values: ['asc', 'desc'], source: '/given' },
    extra: inner,
    // required, null listed: a leaf union (tested inline) and an object union
    title: [nullable(string()), 'required'],
    owner: [nullable(inner), 'required'],
    // required, null not listed: never left out
    id: [string(), 'required'],
  });
  const given = emit(schema);
  const full = { note: 'n', size: 2, order: 'asc', extra: { a: 'x' }, title: 't', owner: { a: 'y' }, id: 'i' };

  it("an optional property sent as null is taken as left out in 'loose' mode, refused in 'request' and 'strict'", () => {
    const nulls = { ...full, note: null, size: null, order: null, extra: null };
    expect(messages(given.check, nulls, 'loose')).toEqual([]);
    for (const mode of ['request', 'strict'] as const) {
      expect(messages(given.check, nulls, mode), mode).toEqual([
        'note: expected a string, found null',
        'size: expected an integer, found null',
        "order: expected one of 'asc', 'desc'; found null",
        'extra: expected an object `{ a }`, found null',
      ]);
    }
  });

  it("a required property whose schema lists null may be left out in 'loose' mode, not in 'request' and 'strict'", () => {
    const { title: _title, owner: _owner, ...leftOut } = full;
    expect(messages(given.check, leftOut, 'loose')).toEqual([]);
    for (const mode of ['request', 'strict'] as const) {
      expect(messages(given.check, leftOut, mode), mode).toEqual([
        'title: missing required key `title`: expected a string or null',
        'owner: missing required key `owner`: expected an object `{ a }` or null',
      ]);
    }
  });

  it('the rest is checked as before: a required key whose schema does not list null, a null inside, a wrong type', () => {
    const { id: _id, ...noId } = full;
    expect(messages(given.check, noId, 'loose')).toEqual(['id: missing required key `id`: expected a string']);
    expect(messages(given.check, { ...full, id: null }, 'loose')).toEqual(['id: expected a string, found null']);
    expect(messages(given.check, { ...full, extra: { a: null } }, 'loose')).toEqual(['extra.a: expected a string, found null']);
    expect(messages(given.check, { ...full, note: 5, title: 5 }, 'loose')).toEqual([
      'note: expected a string, found number 5',
      'title: expected a string or null; found number 5',
    ]);
  });

  it("a required property's left-out test is in its failure report (a valid value takes no test more); none where null is listed or anything goes", () => {
    // the type test alone, and the mode given to the required report, which lets an absent value pass in 'loose' mode
    expect(given.text).toMatch(
      /if \(!\(typeof (v\d+) === 'string' \|\| \1 === null\)\) \{\nissues = requiredUnlisted\(issues, \['title'\], 'a string or null', \1, mode\);/,
    );
    expect(given.text).toMatch(/if \((v\d+) !== undefined && \(\1 !== null \|\| mode & 2\)\) \{/);
    const open = emit(object({ any: { kind: 'unknown', source: '/given' }, maybe: nullable(inner) }));
    expect(open.text).not.toContain('mode & 2');
    expect(messages(open.check, { any: null, maybe: null }, 'request')).toEqual([]);
  });

  it('in checks written for size too (a schema only requests send)', () => {
    const request = { ...named('Req', object({ n: integer(), s: string() })), usage: { request: true, response: false } };
    const compact = emit(ref('Req'), [request]);
    expect(compact.source).toContain("issues = optInteger(issues, value.n, 'n', mode);");
    expect(messages(compact.check, { n: null, s: null }, 'loose')).toEqual([]);
    expect(messages(compact.check, { n: null, s: null }, 'request')).toEqual([
      'n: expected an integer, found null',
      's: expected a string, found null',
    ]);
  });
});
