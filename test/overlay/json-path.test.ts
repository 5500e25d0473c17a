// The JSONPath evaluator against RFC 9535's own examples: the overview table (§1.5) and the
// examples of each selector, segment, filter and function section, with the normalized paths
// the RFC gives; then expressions the RFC's grammar or type rules refuse.
import { describe, expect, it } from 'vitest';
import { JsonPathSyntaxError, parseJsonPath } from '../../generator/load/json-path.js';

/** Normalized paths (§2.7) of what `expression` selects in `document`. */
function paths(expression: string, document: unknown): string[] {
  return parseJsonPath(expression)
    .select(document)
    .map(
      (node) =>
        `$${node.path.map((part) => (typeof part === 'number' ? `[${part}]` : `['${part.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`)).join('')}`,
    );
}

function values(expression: string, document: unknown): unknown[] {
  return parseJsonPath(expression)
    .select(document)
    .map((node) => node.value);
}

const BOOKSTORE = {
  store: {
    book: [
      { category: 'reference', author: 'Nigel Rees', title: 'Sayings of the Century', price: 8.95 },
      { category: 'fiction', author: 'Evelyn Waugh', title: 'Sword of Honour', price: 12.99 },
      { category: 'fiction', author: 'Herman Melville', title: 'Moby Dick', isbn: '0-553-21311-3', price: 8.99 },
      { category: 'fiction', author: 'J. R. R. Tolkien', title: 'The Lord of the Rings', isbn: '0-395-19395-8', price: 22.99 },
    ],
    bicycle: { color: 'red', price: 399 },
  },
};

describe('RFC 9535 §1.5, Table 2 (the bookstore)', () => {
  it.each([
    [
      '$.store.book[*].author',
      [
        "$['store']['book'][0]['author']",
        "$['store']['book'][1]['author']",
        "$['store']['book'][2]['author']",
        "$['store']['book'][3]['author']",
      ],
    ],
    [
      '$..author',
      [
        "$['store']['book'][0]['author']",
        "$['store']['book'][1]['author']",
        "$['store']['book'][2]['author']",
        "$['store']['book'][3]['author']",
      ],
    ],
    ['$.store.*', ["$['store']['book']", "$['store']['bicycle']"]],
    [
      '$.store..price',
      [
        "$['store']['book'][0]['price']",
        "$['store']['book'][1]['price']",
        "$['store']['book'][2]['price']",
        "$['store']['book'][3]['price']",
        "$['store']['bicycle']['price']",
      ],
    ],
    ['$..book[2]', ["$['store']['book'][2]"]],
    ['$..book[2].author', ["$['store']['book'][2]['author']"]],
    ['$..book[2].publisher', []],
    ['$..book[-1]', ["$['store']['book'][3]"]],
    ['$..book[0,1]', ["$['store']['book'][0]", "$['store']['book'][1]"]],
    ['$..book[:2]', ["$['store']['book'][0]", "$['store']['book'][1]"]],
    ['$..book[?@.isbn]', ["$['store']['book'][2]", "$['store']['book'][3]"]],
    ['$..book[?@.price<10]', ["$['store']['book'][0]", "$['store']['book'][2]"]],
  ])('%s', (expression, expected) => {
    expect(paths(expression, BOOKSTORE)).toEqual(expected);
  });

  it('$..* selects every member value and array element, each once', () => {
    const all = paths('$..*', BOOKSTORE);
    expect(all).toHaveLength(27);
    expect(new Set(all).size).toBe(27);
    expect(all.slice(0, 3)).toEqual(["$['store']", "$['store']['book']", "$['store']['bicycle']"]);
  });
});

describe('RFC 9535 §2.3 selectors', () => {
  it('name selectors (§2.3.1.3), with quotes and escapes', () => {
    const document = { o: { 'j j': { 'k.k': 3 } }, "'": { '@': 2 } };
    expect(values("$.o['j j']", document)).toEqual([{ 'k.k': 3 }]);
    expect(values("$.o['j j']['k.k']", document)).toEqual([3]);
    expect(values('$.o["j j"]["k.k"]', document)).toEqual([3]);
    expect(paths('$["\'"]["@"]', document)).toEqual(["$['\\'']['@']"]);
    expect(values("$['\\'']['\\u0040']", document)).toEqual([2]);
    expect(values('$["\\ud83d\\ude00"]', { '😀': 1 })).toEqual([1]);
  });

  it('wildcards (§2.3.2.3)', () => {
    const document = { o: { j: 1, k: 2 }, a: [5, 3] };
    expect(values('$[*]', document)).toEqual([{ j: 1, k: 2 }, [5, 3]]);
    expect(values('$.o[*]', document)).toEqual([1, 2]);
    expect(values('$.o[*, *]', document)).toEqual([1, 2, 1, 2]);
    expect(values('$.a[*]', document)).toEqual([5, 3]);
  });

  it('indexes (§2.3.3.3)', () => {
    expect(values('$[1]', ['a', 'b'])).toEqual(['b']);
    expect(values('$[-2]', ['a', 'b'])).toEqual(['a']);
    expect(values('$[2]', ['a', 'b'])).toEqual([]);
    expect(values('$[-3]', ['a', 'b'])).toEqual([]);
  });

  it('slices (§2.3.4.3)', () => {
    const letters = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    expect(values('$[1:3]', letters)).toEqual(['b', 'c']);
    expect(values('$[5:]', letters)).toEqual(['f', 'g']);
    expect(values('$[1:5:2]', letters)).toEqual(['b', 'd']);
    expect(values('$[5:1:-2]', letters)).toEqual(['f', 'd']);
    expect(values('$[::-1]', letters)).toEqual(['g', 'f', 'e', 'd', 'c', 'b', 'a']);
    expect(values('$[::0]', letters)).toEqual([]);
    expect(values('$[-2:]', letters)).toEqual(['f', 'g']);
    expect(values('$[0:2]', { a: 1 })).toEqual([]);
  });

  const FILTERED = {
    a: [3, 5, 1, 2, 4, 6, { b: 'j' }, { b: 'k' }, { b: {} }, { b: 'kilo' }],
    o: { p: 1, q: 2, r: 3, s: 5, t: { u: 6 } },
    e: 'f',
  };

  it.each([
    ["$.a[?@.b == 'kilo']", ["$['a'][9]"]],
    ["$.a[?(@.b == 'kilo')]", ["$['a'][9]"]],
    ['$.a[?@>3.5]', ["$['a'][1]", "$['a'][4]", "$['a'][5]"]],
    ['$.a[?@.b]', ["$['a'][6]", "$['a'][7]", "$['a'][8]", "$['a'][9]"]],
    ['$[?@.*]', ["$['a']", "$['o']"]],
    ['$[?@[?@.b]]', ["$['a']"]],
    ['$.o[?@<3, ?@<3]', ["$['o']['p']", "$['o']['q']", "$['o']['p']", "$['o']['q']"]],
    ['$.a[?@<2 || @.b == "k"]', ["$['a'][2]", "$['a'][7]"]],
    ['$.a[?match(@.b, "[jk]")]', ["$['a'][6]", "$['a'][7]"]],
    ['$.a[?search(@.b, "[jk]")]', ["$['a'][6]", "$['a'][7]", "$['a'][9]"]],
    ['$.o[?@>1 && @<4]', ["$['o']['q']", "$['o']['r']"]],
    ['$.o[?@.u || @.x]', ["$['o']['t']"]],
    ['$.a[?@.b == $.x]', ["$['a'][0]", "$['a'][1]", "$['a'][2]", "$['a'][3]", "$['a'][4]", "$['a'][5]"]],
    ['$.a[?@ == @]', FILTERED.a.map((_, index) => `$['a'][${index}]`)],
    ['$.a[?!@.b]', ["$['a'][0]", "$['a'][1]", "$['a'][2]", "$['a'][3]", "$['a'][4]", "$['a'][5]"]],
    ['$.a[?!(@ > 2 && @ < 6)]', ["$['a'][2]", "$['a'][3]", "$['a'][5]", "$['a'][6]", "$['a'][7]", "$['a'][8]", "$['a'][9]"]],
  ])('filter %s (§2.3.5.3)', (expression, expected) => {
    expect(paths(expression, FILTERED)).toEqual(expected);
  });

  it.each([
    ['$.absent1 == $.absent2', true],
    ['$.absent1 <= $.absent2', true],
    ["$.absent == 'g'", false],
    ['$.absent1 != $.absent2', false],
    ["$.absent != 'g'", true],
    ['1 <= 2', true],
    ['1 > 2', false],
    ["13 == '13'", false],
    ["'a' <= 'b'", true],
    ["'a' > 'b'", false],
    ['$.obj == $.arr', false],
    ['$.obj != $.arr', true],
    ['$.obj == $.obj', true],
    ['$.obj != $.obj', false],
    ['$.arr == $.arr', true],
    ['$.arr != $.arr', false],
    ['$.obj == 17', false],
    ['$.obj != 17', true],
    ['$.obj <= $.arr', false],
    ['$.obj < $.arr', false],
    ['$.obj <= $.obj', true],
    ['$.arr <= $.arr', true],
    ['1 <= $.arr', false],
    ['1 >= $.arr', false],
    ['1 > $.arr', false],
    ['1 < $.arr', false],
    ['true <= true', true],
    ['true > true', false],
    ['1 == 1.0', true],
    ['1e2 == 100', true],
    ['null == null', true],
  ])('comparison %s is %s (§2.3.5.2, Table 11)', (comparison, expected) => {
    // a filter on the root's members selects them all exactly when the comparison holds
    expect(values(`$[?${comparison}]`, { obj: { x: 'y' }, arr: [2, 3] }).length > 0).toBe(expected);
  });
});

describe('RFC 9535 §2.5 segments and §2.6 null', () => {
  const document = { o: { j: 1, k: 2 }, a: [5, 3, [{ j: 4 }, { k: 6 }]] };
  it.each([
    ['$..j', ["$['o']['j']", "$['a'][2][0]['j']"]],
    ['$..[0]', ["$['a'][0]", "$['a'][2][0]"]],
    [
      '$..[*]',
      [
        "$['o']",
        "$['a']",
        "$['o']['j']",
        "$['o']['k']",
        "$['a'][0]",
        "$['a'][1]",
        "$['a'][2]",
        "$['a'][2][0]",
        "$['a'][2][1]",
        "$['a'][2][0]['j']",
        "$['a'][2][1]['k']",
      ],
    ],
    [
      '$..*',
      [
        "$['o']",
        "$['a']",
        "$['o']['j']",
        "$['o']['k']",
        "$['a'][0]",
        "$['a'][1]",
        "$['a'][2]",
        "$['a'][2][0]",
        "$['a'][2][1]",
        "$['a'][2][0]['j']",
        "$['a'][2][1]['k']",
      ],
    ],
    ['$..o', ["$['o']"]],
    ['$.o..[*, *]', ["$['o']['j']", "$['o']['k']", "$['o']['j']", "$['o']['k']"]],
    ['$.a..[0, 1]', ["$['a'][0]", "$['a'][1]", "$['a'][2][0]", "$['a'][2][1]"]],
  ])('%s (§2.5.2.3)', (expression, expected) => {
    expect(paths(expression, document)).toEqual(expected);
  });

  it.each([
    ['$.a', [null]],
    ['$.a[0]', []],
    ['$.a.d', []],
    ['$.b[0]', [null]],
    ['$.b[*]', [null]],
    ['$.b[?@]', [null]],
    ['$.b[?@==null]', [null]],
    ['$.c[?@.d==null]', []],
    ['$.null', [1]],
  ])('%s (§2.6.1)', (expression, expected) => {
    expect(values(expression, { a: null, b: [null], c: [{}], null: 1 })).toEqual(expected);
  });
});

describe('RFC 9535 §2.4 functions', () => {
  const document = [
    { authors: ['a', 'b', 'c', 'd', 'e'], date: '1974-05-01', author: 'Bob', timezone: 'Europe/Paris', color: 'red' },
    { authors: ['a'], date: '1974-06-01', author: 'Alice', timezone: 'America/New_York', nested: { color: 'blue' } },
  ];
  it.each([
    ['$[?length(@.authors) >= 5]', [0]],
    ['$[?count(@.authors[*]) == 1]', [1]],
    ['$[?count(@.*) == 5]', [0, 1]],
    ['$[?match(@.date, "1974-05-..")]', [0]],
    ['$[?search(@.author, "[BR]ob")]', [0]],
    ['$[?value(@..color) == "red"]', [0]],
    ['$[?value(@..color) == "blue"]', [1]],
    ["$[?match(@.timezone, 'Europe/.*')]", [0]],
    ['$[?length(@.author) == 5]', [1]],
    ["$[?length('😀') == 1]", [0, 1]],
    ['$[?match(@.date, "1974")]', []],
    ['$[?search(@.date, "1974")]', [0, 1]],
    ['$[?match(@.author, "[")]', []],
  ])('%s', (expression, expected) => {
    expect(
      parseJsonPath(expression)
        .select(document)
        .map((node) => node.path[0]),
    ).toEqual(expected);
  });

  it('match() and search() read `.` as any character but CR and LF (I-Regexp), with the u flag', () => {
    expect(values('$[?match(@, "a.c")]', ['abc', 'a\u2028c', 'a\nc', 'a😀c'])).toEqual(['abc', 'a\u2028c', 'a😀c']);
    expect(values('$[?match(@, "\\\\p{Lu}+")]', ['ABC', 'AbC'])).toEqual(['ABC']);
  });
});

describe('malformed and ill-typed expressions are refused with the offset of the problem', () => {
  it.each([
    ['', 0, /starts with `\$`/],
    ['store.book', 0, /starts with `\$`/],
    ['$.store ', 7, /blank space at the end/],
    ['$.1a', 2, /cannot start a member name/],
    ['$[', 2, /selector/],
    ['$[0', 3, /never closed/],
    ["$['a", 2, /never closed/],
    ['$[01]', 2, /leading zeros/],
    ['$[-0]', 2, /-0/],
    ['$[9007199254740992]', 2, /range/],
    ["$['\\x']", 3, /not an escape/],
    ['$[?@.a = 1]', 7, /Expected `,` or `\]`/],
    ['$[?1]', 3, /literal alone is not a test/],
    ['$[?@.* == 1]', 3, /at most one node/],
    ['$[?length(@.*) < 3]', 10, /at most one node/],
    ['$[?count(1) == 1]', 9, /takes a query/],
    ["$[?match(@.timezone, 'Europe/.*') == true]", 3, /cannot be compared/],
    ['$[?value(@..color)]', 3, /not a test/],
    ['$[?foo(@.a)]', 3, /Unknown function `foo`/],
    ['$[?length(@.a, @.b) > 1]', 15, /takes 1 argument/],
    ['$[?@.a == tru]', 10, /Unexpected `tru`/],
    ['$..', 3, /Expected a member name/],
    ['$.a[?(@.b == 1]', 14, /Expected `\)`/],
  ])('%j at %d', (expression, offset, message) => {
    let error: unknown;
    try {
      parseJsonPath(expression);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(JsonPathSyntaxError);
    expect((error as JsonPathSyntaxError).message).toMatch(message);
    expect((error as JsonPathSyntaxError).offset).toBe(offset);
  });

  it('blank space is allowed between segments, around selectors and operators', () => {
    expect(values("$ .a [?@ .b== 'x' ]", { a: [{ b: 'x' }, { b: 'y' }] })).toEqual([{ b: 'x' }]);
    expect(values('$.a[ 0 , 1 ]', { a: [1, 2, 3] })).toEqual([1, 2]);
    expect(values('$.a[ 1 : 3 : 1 ]', { a: [1, 2, 3] })).toEqual([2, 3]);
  });
});
