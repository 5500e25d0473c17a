// Specs that used to overflow the stack: a schema recursive through allOf (valid: it generates),
// a YAML alias inside its own anchor (not JSON: refused, located) and nesting deeper than the
// YAML composer can follow (refused as what it is, not as a syntax error).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { SpecError } from '../../generator/diagnostics/diagnostic.js';
import { loadSpec, MAX_NESTING } from '../../generator/load/load-spec.js';
import { generate } from '../../generator/pipeline.js';
import { typeCheckTrees } from '../support/typecheck.js';

const run = promisify(execFile);
let work: string | undefined;
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

function refusal(file: string, text: string): SpecError {
  try {
    loadSpec(file, text);
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return error as SpecError;
  }
  throw new Error(`${file} loaded without an error`);
}

const HEAD = 'openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\npaths: {}\n';

describe('YAML the generator cannot represent', () => {
  it.each([
    ['a sequence holding itself', `${HEAD}x-a: &x [*x]\n`, 4, 10, '/x-a/0'],
    ['a map holding itself', `${HEAD}x-a: &x { self: *x }\n`, 4, 17, '/x-a/self'],
    [
      'a schema holding itself, deeper down',
      `${HEAD}components:\n  schemas:\n    A: &a\n      type: object\n      properties:\n        b: { items: [*a] }\n`,
      9,
      22,
      '/components/schemas/A/properties/b/items/0',
    ],
  ])('%s is load/alias-cycle at the alias', (_name, text, line, column, pointer) => {
    const [diagnostic, ...rest] = refusal('spec.yaml', text).diagnostics;
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({ code: 'load/alias-cycle', severity: 'error', at: { file: 'spec.yaml', line, column, pointer } });
  });

  it('keeps aliases that only repeat a value, and a redefined anchor names its latest node', () => {
    const spec = loadSpec('spec.yaml', `${HEAD}x-a: &x { a: 1 }\nx-b: [*x, *x]\nx-c: &y [1]\nx-d: [*y]\nx-e: &y [2]\nx-f: *y\n`);
    expect(spec.root).toMatchObject({ 'x-b': [{ a: 1 }, { a: 1 }], 'x-d': [[1]], 'x-f': [2] });
  });

  it.each([
    ['YAML flow', 'deep.yaml', `${HEAD}x-deep: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, 4, 9 + MAX_NESTING - 1],
    ['JSON', 'deep.json', `{"openapi": "3.1.0", "x": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`, 1, 27 + MAX_NESTING - 1],
  ])('10,000 nested collections in %s are load/too-deep, with the depth and the limit', (_name, file, text, line, column) => {
    const [diagnostic, ...rest] = refusal(file, text).diagnostics;
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({
      code: 'load/too-deep',
      message: `The document is nested 10001 levels deep; the limit is ${MAX_NESTING}.`,
      at: { file, line, column },
    });
  });

  it('block nesting counts the same way, and the limit itself is allowed', () => {
    const block = (depth: number) =>
      `${HEAD}x-deep:\n${Array.from({ length: depth - 1 }, (_, i) => `${'  '.repeat(i + 1)}k:`).join('\n')} 1\n`;
    expect(() => loadSpec('ok.yaml', block(MAX_NESTING))).not.toThrow(); // the root map and MAX_NESTING - 1 maps below it
    expect(refusal('deep.yaml', block(MAX_NESTING + 1)).diagnostics[0]).toMatchObject({
      code: 'load/too-deep',
      message: `The document is nested ${MAX_NESTING + 1} levels deep; the limit is ${MAX_NESTING}.`,
    });
  });
});

describe('a schema recursive through allOf', () => {
  it('generates a client that compiles and validates nested values', async () => {
    work = await mkdtemp(join(tmpdir(), 'sdkgen-recursive-'));
    const spec = join(work, 'recursive.yaml');
    await writeFile(
      spec,
      [
        'openapi: 3.1.0',
        'info: { title: Tree, version: 1.0.0 }',
        'paths:',
        '  /root:',
        '    get:',
        '      operationId: getRoot',
        '      responses:',
        "        '200':",
        '          description: The tree.',
        '          content: { application/json: { schema: { $ref: "#/components/schemas/Root" } } }',
        'components:',
        '  schemas:',
        '    Root:',
        '      type: object',
        '      additionalProperties: false',
        '      properties:',
        '        name: { type: string }',
        "        all: { allOf: [{ $ref: '#/components/schemas/Root' }] }",
        '',
      ].join('\n'),
    );
    const { files } = await generate({ spec, write: false });
    const out = join(work, 'out');
    for (const file of files) {
      await mkdir(dirname(join(out, file.path)), { recursive: true });
      await writeFile(join(out, file.path), file.text);
    }
    // the package's own tsconfig, the runtime core shared; lib declarations are checked by test/unit/typecheck.test.ts
    expect(typeCheckTrees([{ root: out }], { compilerOptions: { skipLibCheck: true } }).output).toBe('');

    const bundle = join(work, 'validators.mjs');
    await build({
      entryPoints: [join(out, 'src/validators.ts')],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      outfile: bundle,
      logLevel: 'silent',
    });
    const check = `const v = await import(${JSON.stringify(bundle)});
      const deep = { name: 'a', all: { name: 'b', all: { name: 'c', all: { name: 'd' } } } };
      const bad = { name: 'a', all: { all: { all: { name: 5 } } } };
      const extra = { all: { all: { surprise: true } } };
      console.log(JSON.stringify({ deep: v.Root.is(deep), bad: v.Root.validate(bad).map((i) => i.path.join('.')), extra: v.Root.validate(extra, 'strict').map((i) => i.path.join('.')) }));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', check]);
    expect(JSON.parse(stdout)).toEqual({ deep: true, bad: ['all.all.all.name'], extra: ['all.all.surprise'] });
  }, 60_000);
});
