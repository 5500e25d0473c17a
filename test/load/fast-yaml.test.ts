// load-spec reads plain documents with js-yaml (fast-yaml.ts) and everything else with yaml; the
// two must give the same value, the same places and the same diagnostics. These documents cover
// what the two parsers could read differently: scalar resolution, keys, every scalar and
// collection style, comments and line ends, and what must go to yaml (anchors, aliases, tags,
// null keys, errors, nesting past the limit). The corpus test runs the same check on every real
// spec (test/corpus/fast-yaml-corpus.test.ts).
import { describe, expect, it } from 'vitest';
import { expectSameAsYaml } from './yaml-paths.js';

const FAST: Record<string, string> = {
  'plain scalars by YAML 1.2 core, not by js-yaml': [
    'openapi: 3.1.0',
    'values:',
    '  underscores: 1_000',
    '  octal: 0o17',
    '  octal11: 017',
    '  hex: 0x1F',
    '  hexUpper: 0X1F',
    '  plus: +12',
    '  minusZero: -0',
    '  exponent: 1e3',
    '  fraction: .5',
    '  trailingZero: 1.50',
    '  negInf: -.inf',
    '  nan: .NaN',
    '  tilde: ~',
    '  nullWord: Null',
    '  empty:',
    '  upper: TRUE',
    '  yes: yes',
    '  off: off',
    '  date: 2024-01-01',
    '  sexagesimal: 12:30',
    '  binary: 0b101',
    '  big: 123456789012345678901234567890',
    '  dotted: 1.2.3',
    '  quotedNumber: "0x10"',
    "  singleQuoted: '1'",
  ].join('\n'),
  'keys that resolve to numbers and booleans, and quoted ones': [
    'openapi: 3.1.0',
    'responses:',
    '  200: { description: ok }',
    '  1.0: float key',
    '  0x10: hex key',
    '  true: bool key',
    "  'null': quoted null",
    '  "~": quoted tilde',
    '  __proto__: own key',
  ].join('\n'),
  'block scalars, folding and multi-line plain and quoted scalars': [
    'openapi: 3.1.0',
    'info:',
    '  literal: |',
    '    line one',
    '      indented',
    '',
    '    after a blank',
    '  folded: >-',
    '    folded',
    '    text',
    '  keep: |+',
    '    kept',
    '',
    '  indicator: |2',
    '      two more',
    '  plain: a plain',
    '    scalar over',
    '    three lines',
    '  quoted: "a quoted',
    '    scalar \\u00e9 \\t"',
    "  single: 'it''s",
    "    folded'",
    '  last:',
  ].join('\n'),
  'flow collections and JSON': [
    '{"openapi": "3.1.0", "info": {"title": "t", "n": [1, -0.0, 1E5, "\\ud83d\\ude00", null, true],',
    '  "nested": {"a": [{"b": {}}, []],',
    '     "c": "d"}}, "flow": {a: 1, b: [x, y, {c: d}], e: }}',
  ].join('\n'),
  'comments, a document marker, a directive and CRLF': [
    '%YAML 1.2',
    '# a comment before the document',
    '---',
    'openapi: 3.1.0 # after a value',
    'info:   # after a key',
    '  # between keys',
    '  title: t',
    '  list:',
    '  - a',
    '  -   # an item after a comment',
    '    b',
    '  - - nested',
    '    - seq',
    '  - key: in item',
    '    other: 2',
    '',
  ].join('\r\n'),
  'explicit keys and wide characters before nodes': [
    'openapi: 3.1.0',
    '? explicit',
    ': value',
    'info: {title: "😀😀", after: here}',
    'wide: 😀 then text',
    'next: 1',
  ].join('\n'),
};

const TO_YAML: Record<string, string> = {
  'an anchor and an alias': 'openapi: 3.1.0\na: &x {b: 1}\nc: *x\n',
  'a tag': 'openapi: 3.1.0\na: !!str 123\n',
  'a local tag': 'openapi: 3.1.0\na: !thing 123\n',
  'a null key': 'openapi: 3.1.0\n~: value\n',
  'an empty key': 'openapi: 3.1.0\n: value\n',
  'an explicit null key': 'openapi: 3.1.0\n? ~\n: value\n',
  'a collection as a key': 'openapi: 3.1.0\n? [a, b]\n: value\n',
  'a flow pair in a sequence': 'openapi: 3.1.0\na: [b: c]\n',
  // js-yaml composes no node for these, or one it then drops
  'an explicit key without a value': 'openapi: 3.1.0\n? key\ninfo: 1\n',
  'an empty item in a block sequence': 'openapi: 3.1.0\na:\n-\n- b\n',
  'a byte order mark': '\uFEFFopenapi: 3.1.0\ninfo:\n  title: t\n',
  'a document end marker': 'openapi: 3.1.0\ninfo: 1\n...\n',
  'a duplicate key': 'openapi: 3.1.0\ninfo: 1\ninfo: 2\n',
  'two documents': 'openapi: 3.1.0\n---\nopenapi: 3.1.0\n',
  'an unclosed quote': 'openapi: "3.1.0\ninfo: 1\n',
  'tab indentation': 'openapi: 3.1.0\ninfo:\n\ttitle: t\n',
  'a list at the top': '- openapi\n',
  'a scalar at the top': 'openapi\n',
  'nothing but a comment': '# nothing\n',
  'nesting past the limit': `openapi: 3.1.0\na: ${'['.repeat(300)}${']'.repeat(300)}\n`,
  'block nesting past the limit': `openapi: 3.1.0\n${Array.from({ length: 260 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} 1\n`,
};

/** Escapes, folding, comments, flow layouts, number-like words and syntax errors: either path, the same result. */
const ALIKE: readonly string[] = [
  'openapi: 3.1.0\na: "\\x41\\u263A\\U0001F600\\N\\_\\L\\P\\/\\0\\a\\b\\e\\f\\v\\ \\t"\n',
  'openapi: 3.1.0\na: "line one \\\n  continued"\nb: "x\n\n  y"\n',
  "openapi: 3.1.0\na: 'it''s\n\n  two'\n",
  'openapi: 3.1.0\na: a#b\nb: c # d\nc: "e" #f\n',
  'openapi: 3.1.0\na:\n  - [a, {b: c}, [d]]\n  - {x: [1, 2], y: }\n',
  'openapi: 3.1.0\na: |-\n  keep\n\n\nb: >+\n  folded\n  more\n\n',
  'openapi: 3.1.0\na: >\n  para one\n\n  para two\n    indented\n  back\n',
  'openapi: 3.1.0\n"quoted key": 1\n\'single key\': 2\n? complex\n: 3\n',
  'openapi: 3.1.0\na: -1.5e+3\nb: +.5\nc: 1.\nd: 0x\ne: 0o8\nf: 1e\ng: .e3\nh: -.Inf\ni: 00\nj: -0.0\n',
  'openapi: 3.1.0\na: true\nb: True\nc: tRue\nd: NULL\ne: nULL\nf: ~a\n',
  'openapi: 3.1.0\na:\t1\n',
  'openapi: 3.1.0\na: b\n  c\n  d: e\n',
  'openapi: 3.1.0\nlist:\n- a\n-  b\n-\n  c\n',
  'openapi: 3.1.0\na: {b: 1,\n  c: 2}\nd: [1,\n  2,\n]\n',
  'openapi: 3.1.0\na: "unterminated\n',
  'openapi: 3.1.0\na: @reserved\n',
  'openapi: 3.1.0\na: `reserved\n',
  'openapi: 3.1.0\na: %percent\n',
  'openapi: 3.1.0\n- mixed\n',
  'openapi: 3.1.0\na: b: c\n',
  'openapi: 3.1.0\na: [b, c]: d\n',
  'openapi: 3.1.0\n a: 1\nb: 2\n',
  'openapi: 3.1.0\r\na: "x\r\n  y"\r\n',
];

describe('reading a spec with js-yaml or with yaml', () => {
  it.each(Object.entries(FAST))('%s: fast, and the same as yaml', (name, text) => {
    expect(expectSameAsYaml(`${name}.yaml`, text)).toBe(true);
  });

  it.each(Object.entries(TO_YAML))('%s: read by yaml', (name, text) => {
    expect(expectSameAsYaml(`${name}.yaml`, text)).toBe(false);
  });

  it.each(ALIKE.map((text, i) => [i, text]))('tricky document %i: the same either way', (i, text) => {
    expectSameAsYaml(`tricky-${i}.yaml`, text);
  });
});
