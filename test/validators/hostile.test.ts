// A hostile spec (quotes, backticks, `*/`, `${`, backslashes, newlines, U+2028/2029 in property
// names, enum values, patterns and descriptions) generates validators that type-check and
// validate exactly what the spec says: spec text only ever becomes string literals.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/pipeline.js';
import { typeCheckTrees } from '../support/typecheck.js';
import { bundleFiles, validatorOf, type Validate } from './harness.js';

const SPEC = 'test/validators/fixtures/hostile.yaml';
const NAME_QUOTE = '"); throw 1; ("';
const NAME_TEMPLATE = '`${x}`';
let text: string;
let types: string;
let tree: Map<string, string>;
let validate: Validate;

beforeAll(async () => {
  const { files } = await generate({ spec: SPEC, write: false });
  text = files.find((file) => file.path === 'src/validators.ts')!.text;
  types = files.find((file) => file.path === 'src/types.ts')!.text;
  tree = new Map(files.map((file) => [file.path, file.text]));
  const module = (await import(pathToFileURL(await bundleFiles(files, 'src/validators.ts')).href)) as Record<string, unknown>;
  validate = validatorOf(module, 'Evil');
});

function evil(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { [NAME_QUOTE]: '"\'`/*', [NAME_TEMPLATE]: '${1+1}', ...extra };
}

describe('a hostile spec', () => {
  it('type-checks under the package tsconfig (strict)', async () => {
    // in memory, the runtime core shared and lib declarations taken as checked (test/unit/typecheck.test.ts checks them with the core)
    expect(
      typeCheckTrees([{ root: resolve('test/.virtual/validators-hostile'), files: tree }], { compilerOptions: { skipLibCheck: true } })
        .output,
    ).toBe('');
  });

  it('has no raw line terminators or comment ends outside literals, and no eval', () => {
    expect(text).not.toMatch(/[\u2028\u2029]/);
    expect(text).not.toMatch(/\beval\(|new Function|\bFunction\(/);
    // the schema's description is documented once, in types.ts, with its `*/` escaped
    expect(types).toContain("/**\n * *\\/ throw new Error('pwned') /* ${process.exit(1)}\n */\nexport interface Evil {");
    expect(types).not.toContain("*/ throw new Error('pwned')");
    expect(text).not.toContain('pwned');
  });

  it('accepts what the spec allows', () => {
    expect(validate(evil())).toEqual([]);
    expect(validate(evil({ 'line\nbreak\u2028sep': '</script><script>alert(1)</script>', 'a.b[c]': 'x*/y' }))).toEqual([]);
    for (const value of ['*/', '${1+1}', 'a\nb', '\u2028', '\u2029', '\'"', '\\'])
      expect(validate(evil({ [NAME_TEMPLATE]: value }))).toEqual([]);
  });

  it('rejects what it does not, naming the hostile keys verbatim', () => {
    expect(validate({ [NAME_TEMPLATE]: 'nope', 'a.b[c]': 'plain' }, 'request')).toEqual([
      { path: [NAME_QUOTE], message: `missing required key \`${NAME_QUOTE}\`: expected a string` },
      { path: [NAME_TEMPLATE], message: "expected one of '*/', '${1+1}', 'a\\nb', '\u2028', '\u2029', '\\'\"', '\\\\'; found 'nope'" },
      { path: ['a.b[c]'], message: "expected a string matching //\\*|\\*/|\\n|\u2028/, found 'plain'" },
    ]);
    // 'loose' keeps an enum value the spec does not list (a string all the same)
    expect(validate({ [NAME_TEMPLATE]: 'nope', 'a.b[c]': 'plain' })).toEqual([
      { path: [NAME_QUOTE], message: `missing required key \`${NAME_QUOTE}\`: expected a string` },
      { path: ['a.b[c]'], message: "expected a string matching //\\*|\\*/|\\n|\u2028/, found 'plain'" },
    ]);
    expect(validate({ [NAME_QUOTE]: '*', [NAME_TEMPLATE]: 1 })).toEqual([
      { path: [NAME_TEMPLATE], message: "expected one of '*/', '${1+1}', 'a\\nb', '\u2028', '\u2029', '\\'\"', '\\\\'; found number 1" },
    ]);
    expect(validate(evil({ [NAME_QUOTE]: 'abc' }))).toEqual([
      { path: [NAME_QUOTE], message: "expected a string matching /^[\"'`/*]+\\\\?$/, found 'abc'" },
    ]);
  });

  it('reads `constructor` and `toString` properties only when they are own', () => {
    expect(validate(evil())).toEqual([]);
    expect(validate(evil({ constructor: 'x', toString: null }))).toEqual([]);
    expect(validate(evil({ constructor: 'y', toString: 2 }), 'request')).toEqual([
      { path: ['constructor'], message: "expected 'x'; found 'y'" },
      { path: ['toString'], message: "expected one of 'a', 1, null; found number 2" },
    ]);
    // 'loose': the const stays closed; the enum keeps unlisted strings only
    expect(validate(evil({ constructor: 'y', toString: 'z' }))).toEqual([{ path: ['constructor'], message: "expected 'x'; found 'y'" }]);
    expect(validate(evil({ toString: 2 }))).toEqual([{ path: ['toString'], message: "expected one of 'a', 1, null; found number 2" }]);
    // inherited members are never read as the properties
    expect(validate(Object.assign(Object.create({ constructor: 'y', toString: true }) as object, evil()))).toEqual([]);
  });

  it("reads a `__proto__` property only when it is the object's own", () => {
    const own = JSON.parse(`{"__proto__": 1.5, ${JSON.stringify(NAME_QUOTE)}: "*", ${JSON.stringify(NAME_TEMPLATE)}: "*/"}`) as unknown;
    expect(validate(own)).toEqual([{ path: ['__proto__'], message: 'expected an integer, found number 1.5' }]);
    expect(validate(evil())).toEqual([]);
  });

  it("checks every key against propertyNames, and rejects unknown ones outside 'loose' mode", () => {
    const long = 'k'.repeat(41);
    expect(validate(evil({ [long]: 1 }), 'request')).toEqual([
      { path: [long], message: 'invalid key: expected at most 40 characters, found 41' },
      { path: [long], message: `unknown key \`${'k'.repeat(40)}…\` in \`Evil\`` },
    ]);
    // the object is closed, but 'loose' keeps what a newer server adds: propertyNames still holds
    expect(validate(evil({ [long]: 1 }), 'loose')).toEqual([
      { path: [long], message: 'invalid key: expected at most 40 characters, found 41' },
    ]);
  });
});
