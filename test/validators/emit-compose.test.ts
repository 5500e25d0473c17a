// Given/want: arrays, refs (recursion through named check functions), allOf (objects checked
// as one, so 'strict' allows the keys of every part), and the generation-time diagnostics.
import { describe, expect, it } from 'vitest';
import { emitValidators } from '../../generator/emit/validators/module.js';
import { SpecError } from '../../generator/diagnostics/diagnostic.js';
import { closed, emit, integer, messages, named, nullType, object, ref, string, union } from './emit-support.js';

describe('array', () => {
  it('bounds, unique items (JSON equality), then each item under its index', () => {
    const given = emit({ kind: 'array', items: object({ k: string() }), minItems: 1, maxItems: 3, uniqueItems: true, source: '/given' });
    expect(given.text).toContain('const r1 = duplicateItems(value);');
    expect(messages(given.check, [{ k: 'a' }, { k: 'b' }])).toEqual([]);
    expect(messages(given.check, [])).toEqual(['(root): expected at least 1 item, found 0']);
    expect(messages(given.check, [{ k: 'a' }, { k: 1 }, { k: 'a' }, {}])).toEqual([
      '(root): expected at most 3 items, found 4',
      '(root): expected unique items; items 0 and 2 are equal',
      '1.k: expected a string, found number 1',
    ]);
  });
});

describe('array of objects', () => {
  it('checks an inline object item with paths from the item, a test and a call on failure a property, then puts its issues under the index', () => {
    const node = named('Node', object({ kids: { kind: 'array', items: ref('Node'), source: '/k' } }, closed));
    const item = object(
      { id: [string(), 'required'], size: [integer(), 'required'], meta: object({ tag: string() }, closed), tree: ref('Node') },
      closed,
    );
    const given = emit(object({ rows: { kind: 'array', items: item, source: '/rows' } }), [node]);
    // the item's properties are tested inline, with calls on failure at fixed paths (no `['rows', i3, 'id']` per property)
    expect(given.text).toMatch(/const (v\d+) = v\d+\.id;\nif \(typeof \1 !== 'string'\) \{\nissues = reqString\(issues, \1, 'id'\);\n\}/);
    expect(given.text).toMatch(
      /const (v\d+) = v\d+\.size;\nif \(!Number\.isInteger\(\1\)\) \{\nissues = reqInteger\(issues, \1, 'size'\);\n\}/,
    );
    expect(given.text).not.toMatch(/\['rows', i\d+, 'id'\]/);
    expect(given.text).toMatch(/issues = issues === undefined \? o\d+ : nestIssues\(o\d+, \['rows', i\d+\], issues, ''\);/);
    // the set-aside list is typed: nested in another item's loop, TypeScript could not infer it
    // (TS7022; a real spec, bbc.com's, has such nesting)
    expect(given.text).toMatch(/const o\d+: rt\.Issues = issues;\nissues = undefined;/);
    // a call below the item still gets the depth from the function's input: array, item, property
    expect(given.text).toMatch(/check_Node\(v\d+, mode, '`tree`', depth \+ 3\)/);
    const rows = [
      { id: 'a', size: 1, meta: { tag: 'x' }, tree: { kids: [] } },
      { id: 2, meta: { tag: 3, extra: true }, tree: { kids: [{ kid: 1 }] } },
      'row',
    ];
    expect(messages(given.check, { rows }, 'strict')).toEqual([
      'rows.1.id: expected a string, found number 2',
      'rows.1.size: missing required key `size`: expected an integer',
      'rows.1.meta.tag: expected a string, found number 3',
      'rows.1.meta.extra: unknown key `extra` in `meta`; known keys: `tag`',
      'rows.1.tree.kids.0.kid: unknown key `kid` in an item of `kids`; did you mean `kids`?',
      "rows.2: expected an object `{ id, size, meta, tree }`, found string 'row'",
    ]);
    // issues before the array stay first, in order
    expect(messages(given.check, { rows: [{ id: 1, size: 1 }], other: 1 }, 'strict')).toEqual([
      'rows.0.id: expected a string, found number 1',
      'other: unknown key `other` in `Given`; known keys: `rows`',
    ]);
    expect(messages(given.check, { rows: [rows[0]] }, 'strict')).toEqual([]);
    // the depth limit is met at the same place as when the item's paths were absolute
    let tree: { kids: unknown[] } = { kids: [] };
    for (let level = 0; level < 300; level++) tree = { kids: [tree] };
    const path = ['rows', '0', 'tree', ...Array.from({ length: 255 }, () => ['kids', '0']).flat()].join('.');
    expect(messages(given.check, { rows: [{ id: 'a', size: 1, tree }] })).toEqual([
      `${path}: nested deeper than 512 levels (the validators' limit); not checked further`,
    ]);
  });
});

describe('ref', () => {
  it('calls the named check and nests its issues; recursion goes through it', () => {
    const node = named('Node', object({ name: [string(), 'required'], kids: { kind: 'array', items: ref('Node'), source: '/k' } }, closed));
    const given = emit(ref('Node'), [node]);
    expect(given.text).toBe('issues = nest(issues, PATH_1, check_Node(value, mode, label, depth));');
    expect(given.hoisted).toContain('const PATH_1: readonly (string | number)[] = [];');
    // the item is one level below the array, two below the object
    expect(given.source).toContain("const r5 = check_Node(v4, mode, 'an item of `kids`', depth + 2);");
    expect(messages(given.check, { name: 'a', kids: [{ name: 'b', kids: [{ name: 'c' }] }] })).toEqual([]);
    expect(messages(given.check, { name: 'a', kids: [{ name: 'b', kids: [{ nam: 'c' }] }] }, 'request')).toEqual([
      'kids.0.kids.0.name: missing required key `name`: expected a string',
      'kids.0.kids.0.nam: unknown key `nam` in an item of `kids`; did you mean `name`?',
    ]);
  });

  it('a check that can recurse stops past MAX_DEPTH with one issue; a check that cannot has no guard', () => {
    const node = named('Node', object({ kids: { kind: 'array', items: ref('Node'), source: '/k' } }, closed));
    const leaf = named('Leaf', object({ name: string() }, closed));
    const given = emit(object({ tree: ref('Node'), leaf: ref('Leaf') }), [node, leaf]);
    expect(checkFunctionOf(given.source, 'check_Node')).toContain('if (depth > MAX_DEPTH) {\nreturn tooDeep();\n}');
    expect(checkFunctionOf(given.source, 'check_Leaf')).not.toContain('MAX_DEPTH');
    expect(checkFunctionOf(given.source, 'check_Given')).toContain('if (depth > MAX_DEPTH) {'); // it refers to Node
    let tree: { kids: unknown[] } = { kids: [] };
    for (let level = 0; level < 300; level++) tree = { kids: [tree] }; // 600 levels of objects and arrays
    const path = ['tree', ...Array.from({ length: 256 }, () => ['kids', '0']).flat()].join('.');
    expect(messages(given.check, { tree, leaf: { name: 'x' } })).toEqual([
      `${path}: nested deeper than 512 levels (the validators' limit); not checked further`,
    ]);
  });

  it('inlines a named leaf (no call for an enum)', () => {
    const status = named('Status', { kind: 'enum', values: ['a', 'b'], source: '/s' });
    expect(emit(ref('Status'), [status]).text).not.toContain('check_Status');
  });

  it('inlines a small named object that does not recurse, with the property as its label', () => {
    const limits = named('Limits', object({ max: integer() }, closed));
    const given = emit(object({ rate_limits: ref('Limits') }), [limits]);
    expect(given.text).not.toContain('check_Limits');
    // a one-key path is passed as the key itself: no module constant for it
    expect(given.text).toContain("issues = unknownKey(issues, k3, '`rate_limits`', KEYS_2, 'rate_limits');");
    expect(given.hoisted).not.toMatch(/PATH_\d+\b.* = \['rate_limits'\];/);
    expect(messages(given.check, { rate_limits: { mx: 1 } }, 'request')).toEqual([
      'rate_limits.mx: unknown key `mx` in `rate_limits`; did you mean `max`?',
    ]);
    expect(messages(given.check, { rate_limits: 'x' })).toEqual(["rate_limits: expected an object `{ max }`, found string 'x'"]);
  });

  it('calls the named check of a larger object (over 12 nodes with its refs expanded), with the property as its label', () => {
    // 1 object + 11 properties is 12 nodes: inlined; one more property and it is called
    const props = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`p${i}`, integer()] as const));
    const small = emit(object({ rate_limits: ref('Limits') }), [named('Limits', object(props(11), closed))]);
    expect(small.text).not.toContain('check_Limits');
    const given = emit(object({ rate_limits: ref('Limits') }), [named('Limits', object(props(12), closed))]);
    expect(given.text).toContain("issues = nest(issues, 'rate_limits', check_Limits(v1, mode, '`rate_limits`', depth + 1));");
    expect(given.hoisted).not.toMatch(/PATH_\d+\b.* = \['rate_limits'\];/);
    expect(given.text).not.toContain('v1.p0');
    expect(messages(given.check, { rate_limits: { p0: 1, p1: 1.5, mx: 1 } }, 'request')).toEqual([
      'rate_limits.p1: expected an integer, found number 1.5',
      'rate_limits.mx: unknown key `mx` in `rate_limits`; did you mean `p0`?',
    ]);
    expect(messages(given.check, { rate_limits: 'x' })).toEqual([
      expect.stringMatching(/^rate_limits: expected an object `\{ p0, p1, p2, p3, … \}`, found string 'x'$/),
    ]);
  });
  it('a one-key path passed as the key: issues of a called check, a missing one, and unknown keys land at the key (the empty key too)', () => {
    const props = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`p${i}`, integer()] as const));
    const limits = named('Limits', object(props(12), closed));
    const schema = object({
      '': ref('Limits'),
      limits: [ref('Limits'), 'required'],
      small: object({ max: integer() }, closed),
      open: object({ max: integer() }),
    });
    const given = emit(schema, [limits]);
    expect(given.text).toContain("issues = nest(issues, '', check_Limits(");
    expect(given.text).toContain("issues = nestRequired(issues, 'limits', r");
    expect(given.text).toMatch(/unknownKey\(issues, k\d+, '`small`', KEYS_\d+, 'small'\)/);
    expect(given.text).toMatch(/unknownKeys\(issues, v\d+, '`open`', KEYS_\d+, 'open'\)/);
    // 'strict' closes the open object too: its unknown key lands at the key, not spread into characters
    expect(given.check({ limits: { p0: 1 }, open: { mx: 1 } }, 'strict')?.map((issue) => issue.path)).toEqual([['open', 'mx']]);
    const value = { '': { p0: 1.5, zz: 1 }, limits: { p1: 'x' }, small: { mx: 1 } };
    const found = given.check(value, 'request') ?? [];
    expect(found.map((issue) => issue.path)).toEqual([
      ['', 'p0'],
      ['', 'zz'],
      ['limits', 'p1'],
      ['small', 'mx'],
    ]);
    expect(messages(given.check, {})).toEqual([expect.stringMatching(/^limits: missing required key `limits`: expected an object/)]);
  });
});

describe('allOf', () => {
  const base = named('Base', object({ id: [string(), 'required'] }));

  it('objects (refs included) are checked as one: strict allows the keys of every part', () => {
    const given = emit({ kind: 'allOf', parts: [ref('Base'), object({ extra: [integer(), 'required'] })], source: '/given' }, [base]);
    expect(given.text).not.toContain('check_Base');
    expect(messages(given.check, { id: 'x', extra: 1 }, 'strict')).toEqual([]);
    expect(messages(given.check, { id: 'x', extra: 1, more: true }, 'strict')).toEqual([
      'more: unknown key `more` in `Given`; known keys: `id`, `extra`',
    ]);
    expect(messages(given.check, { extra: 'x' })).toEqual([
      'id: missing required key `id`: expected a string',
      "extra: expected an integer, found string 'x'",
    ]);
  });

  it("a closed part still rejects the keys of the other parts (JSON Schema semantics) outside 'loose' mode", () => {
    const given = emit({ kind: 'allOf', parts: [ref('Base'), object({ id: string(), name: string() }, closed)], source: '/given' }, [base]);
    expect(messages(given.check, { id: 'x', name: 'n' })).toEqual([]);
    expect(messages(given.check, { id: 'x', other: 1 }, 'request')).toEqual([
      'other: unknown key `other` in `Given`; known keys: `id`, `name`',
    ]);
    expect(messages(given.check, { id: 'x', other: 1 }, 'loose')).toEqual([]);
  });

  it('mixed parts are checked one after the other', () => {
    const given = emit(
      {
        kind: 'allOf',
        parts: [ref('Base'), union('anyOf', [object({ a: [string(), 'required'] }), object({ b: [integer(), 'required'] })])],
        source: '/given',
      },
      [base],
    );
    expect(given.text).not.toContain('check_Base'); // a small named schema that does not recurse is inlined
    expect(given.hoisted).toContain('function check_Given_1('); // the union's overlapping objects
    expect(messages(given.check, { id: 'x', b: 1 })).toEqual([]);
    expect(messages(given.check, { b: 1 })).toEqual(['id: missing required key `id`: expected a string']);
  });
});

/** The text of one emitted check function, from its header to its closing brace. */
function checkFunctionOf(source: string, name: string): string {
  const start = source.indexOf(`function ${name}(`);
  expect(start).toBeGreaterThanOrEqual(0);
  return source.slice(start, source.indexOf('\n}', start) + 2);
}

describe('generation-time diagnostics', () => {
  it('a schema that reaches itself without descending into a value is emit/unsupported-construct, with its location', () => {
    const loop = named('Loop', union('anyOf', [ref('Loop'), nullType]));
    const api = { specFile: 'given.yaml', package: { name: 'p' }, schemas: [loop], operations: [] } as unknown as Parameters<
      typeof emitValidators
    >[0];
    const locate = (pointer: string) => ({ file: 'given.yaml', line: 7, column: 5, pointer });
    let error: unknown;
    try {
      emitValidators(api, { locate });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).diagnostics).toEqual([
      {
        code: 'emit/unsupported-construct',
        severity: 'error',
        message:
          'The schema `Loop` refers back to itself (`Loop` -> `Loop`) without descending into a property or an item, so no validator can be emitted for it.',
        hint: 'Recursion must go through a property, an array item or a map value; remove the self-reference from the anyOf/oneOf/allOf.',
        at: { file: 'given.yaml', line: 7, column: 5, pointer: '/components/schemas/Loop' },
      },
    ]);
  });
});
