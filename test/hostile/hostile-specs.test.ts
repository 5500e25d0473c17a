// Names and strings in a spec are data, never code. fast-check builds specs whose names,
// descriptions, enum values, defaults, header constants and server URLs come from a hostile
// alphabet; each must either generate code that type-checks under tsc --strict and runs no
// injected code when imported, or fail with located diagnostics (never an internal error).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { format } from 'prettier';
import { SpecError } from '../../generator/diagnostics/diagnostic.js';
import { PRETTIER_OPTIONS } from '../../generator/format/format-files.js';
import { generate } from '../../generator/pipeline.js';

const RUNS = Number(process.env['HOSTILE_RUNS'] ?? 200);
const SEED = Number(process.env['HOSTILE_SEED'] ?? Date.now() % 2 ** 31);

/** Each fragment tries to end a string, comment, template or statement and run code. */
const FRAGMENTS = [
  "'", '"', '`', '${', '}', '*/', '/*', '//', '\\', '\n', '\r\n', '\u2028', '\u2029', '\t', '<!--', '</script>', '{{', '}}',
  '@param', ' @example ', '__proto__', 'constructor', 'prototype', 'toString', 'class', 'default', 'await', 'enum', 'Promise', 'Error',
  '0', '9lives', '-', '.', ' ', '😀', 'é', 'Ünïcödé', 'x', 'Name', 'name', 'NAME', '`);globalThis.__pwned=1;(`',
  '"]; globalThis.__pwned = 1; //', "'); globalThis.__pwned = 1; ('", '*/ globalThis.__pwned = 1; /*', '${globalThis.__pwned=1}',
  '\\u0027', '\\x00', '\0',
];
const hostileText = fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
/** Component keys must match ^[a-zA-Z0-9._-]+$ (OAS §4.8.7.1); within that, be as awkward as possible. */
const componentKey = fc.array(fc.constantFrom('0', '9', '-', '.', '_', 'a', 'Z', 'class', 'constructor', '__proto__', 'Promise', 'user', 'User', 'default'), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));

const literalValue = fc.oneof(hostileText, fc.integer({ min: -5, max: 5 }), fc.boolean());

const propertySchema = fc.oneof(
  fc.record({ type: fc.constant('string'), description: hostileText, default: hostileText }),
  fc.record({ enum: fc.uniqueArray(hostileText, { minLength: 1, maxLength: 4 }), description: hostileText }),
  fc.record({ const: literalValue, description: hostileText }),
  fc.record({ type: fc.constant('integer'), minimum: fc.integer({ min: -3, max: 0 }), description: hostileText }),
  fc.record({ type: fc.constant('string'), pattern: fc.constantFrom('^a/b$', '\\*/', '^[`$]+$', "'\"", '\\u2028'), description: hostileText }),
);

const objectSchema = fc.record({
  type: fc.constant('object'),
  description: hostileText,
  additionalProperties: fc.boolean(),
  properties: fc.dictionary(hostileText, propertySchema, { minKeys: 1, maxKeys: 4 }),
});

const specArbitrary = fc
  .record({
    title: hostileText,
    description: hostileText,
    server: hostileText,
    schemas: fc.dictionary(componentKey, objectSchema, { minKeys: 1, maxKeys: 3 }),
    operations: fc.array(
      fc.record({ operationId: hostileText, summary: hostileText, segment: hostileText, param: hostileText, query: hostileText, header: hostileText, headerValue: hostileText }),
      { minLength: 1, maxLength: 2 },
    ),
  })
  .map(({ title, description, server, schemas, operations }) => {
    const keys = Object.keys(schemas);
    const paths: Record<string, unknown> = {};
    operations.forEach((op, i) => {
      const target = keys[i % keys.length]!;
      paths[`/r${i}/${op.segment.replace(/[{}/?#]/g, '')}/{${op.param.replace(/[{}/]/g, '') || 'p'}}`] = {
        post: {
          operationId: `${op.operationId}${i}`,
          summary: op.summary,
          parameters: [
            { name: op.param.replace(/[{}/]/g, '') || 'p', in: 'path', required: true, description: op.summary, schema: { type: 'string' } },
            { name: op.query, in: 'query', schema: { type: 'string' } },
            { name: `X-${op.header.replace(/[^A-Za-z0-9-]/g, '') || 'H'}`, in: 'header', required: true, schema: { const: op.headerValue } },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${target}` } } } },
          responses: { '200': { description: op.summary, content: { 'application/json': { schema: { $ref: `#/components/schemas/${target}` } } } } },
        },
      };
    });
    return { openapi: '3.1.0', info: { title, description, version: '1.0.0' }, servers: [{ url: server }], paths, components: { schemas } };
  });

let work: string | undefined;
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('hostile specs', () => {
  it(`${RUNS} generated specs: output type-checks and runs no injected code (seed ${SEED})`, async () => {
    work = await mkdtemp(join(tmpdir(), 'sdkgen-hostile-'));
    const specs = fc.sample(specArbitrary, { numRuns: RUNS, seed: SEED });
    const generated: string[] = [];
    let rejected = 0;
    for (const [index, spec] of specs.entries()) {
      const dir = join(work, String(index));
      await mkdir(dir, { recursive: true });
      const file = join(dir, 'hostile.json');
      await writeFile(file, JSON.stringify(spec, null, 2));
      let files: Awaited<ReturnType<typeof generate>>['files'];
      try {
        ({ files } = await generate({ spec: file, write: false }));
      } catch (error) {
        // a hostile spec may be refused, but only as located diagnostics of the spec itself
        expect(error, `spec ${index} (seed ${SEED}) crashed the generator: ${String((error as Error).message)}\n${String(((error as Error).cause as Error | undefined)?.stack).split("\n").slice(0, 6).join("\n")}\n${JSON.stringify(spec)}`).toBeInstanceOf(SpecError);
        expect((error as SpecError).diagnostics.length).toBeGreaterThan(0);
        rejected++;
        continue;
      }
      // validators.ts is printed by sdkgen, not formatted: hostile strings must still come out as prettier prints them
      const validators = files.find((out) => out.path === 'src/validators.ts')!.text;
      expect(await format(validators, { ...PRETTIER_OPTIONS, parser: 'babel-ts' }), `spec ${index} (seed ${SEED}): validators.ts is not as prettier prints it\n${JSON.stringify(spec)}`).toBe(validators);
      for (const out of files) {
        await mkdir(join(dir, 'out', out.path, '..'), { recursive: true });
        await writeFile(join(dir, 'out', out.path), out.text);
      }
      generated.push(dir);
    }
    expect(generated.length, `only ${generated.length} of ${RUNS} specs generated; ${rejected} were refused`).toBeGreaterThan(RUNS * 0.8);

    // One tsc run over every generated package: strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes.
    await writeFile(
      join(work, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'ES2022', moduleResolution: 'bundler', lib: ['ES2022', 'DOM'], types: [], strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, verbatimModuleSyntax: true, noEmit: true, skipLibCheck: true },
        include: generated.map((dir) => `${dir.slice(work!.length + 1)}/out/src/**/*.ts`),
      }),
    );
    const tsc = await promisify(execFile)(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', join(work, 'tsconfig.json')], { maxBuffer: 64 * 1024 * 1024 }).then(
      () => '',
      (error: { stdout: string }) => error.stdout,
    );
    expect(tsc.split('\n').slice(0, 40).join('\n'), `seed ${SEED}`).toBe('');

    // Import every package (client, requests, validators) in a fresh process; the sentinel must stay unset.
    const entries = generated.flatMap((dir) => ['index', 'requests', 'validators'].map((name) => join(dir, 'out/src', `${name}.ts`)));
    const bundle = join(work, 'all.mjs');
    await build({
      stdin: { contents: entries.map((entry, i) => `import * as m${i} from ${JSON.stringify(entry)}; globalThis.__modules = (globalThis.__modules ?? 0) + Object.keys(m${i}).length;`).join('\n'), resolveDir: work, loader: 'ts' },
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      outfile: bundle,
      logLevel: 'silent',
    });
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(bundle)}); console.log(JSON.stringify({ pwned: globalThis.__pwned ?? null, modules: globalThis.__modules }))`]);
    const result = JSON.parse(stdout) as { pwned: unknown; modules: number };
    expect(result.pwned, `injected code ran (seed ${SEED})`).toBeNull();
    expect(result.modules).toBeGreaterThan(generated.length);
  }, 600_000);
});
