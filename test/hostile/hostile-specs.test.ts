// Names and strings in a spec are data, never code. fast-check builds specs in which every
// string that reaches the output comes from a hostile alphabet: info (title, description,
// version, contact, license, termsOfService), the x-sdk extensions (packageName, clientName,
// apiKeyEnv, baseURLEnv, x-sdk-resource, x-sdk-method, x-sdk-name), tags, servers (url,
// description, variables), security schemes, operation summaries and descriptions, parameter and
// property names, enum values, examples, defaults, header constants and patterns, and the tag
// (its name and values) of a union told apart by it. Each spec must
// either generate a package that type-checks under tsc --strict, runs no injected code when
// imported (payloads set a global or throw) and whose package.json and README.md hold together,
// or be refused with located diagnostics (never an internal error).
//
// HOSTILE_RUNS (default 200) and HOSTILE_SEED (default: fixed, as CI runs it) choose the sample.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build, type Plugin } from 'esbuild';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { format } from 'prettier';
import { SpecError } from '../../generator/diagnostics/diagnostic.js';
import { PRETTIER_OPTIONS } from '../../generator/format/format-files.js';
import { generate } from '../../generator/pipeline.js';
import { nonAsciiInCode } from '../support/ascii-code.js';
import { CORE_DIR, isCoreCopy, typeCheckTrees } from '../support/typecheck.js';

const RUNS = Number(process.env['HOSTILE_RUNS'] ?? 200);
/** The compiler options every generated package is checked with (lib declarations are not the subject). */
const TSCONFIG = JSON.stringify({
  compilerOptions: {
    target: 'ES2022',
    module: 'ES2022',
    moduleResolution: 'bundler',
    lib: ['ES2022', 'DOM'],
    types: [],
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    verbatimModuleSyntax: true,
    noEmit: true,
    skipLibCheck: true,
  },
  include: ['src'],
});
const SEED = Number(process.env['HOSTILE_SEED'] ?? 20_251_001);

/** Each fragment tries to end a string, comment, template or statement and run code. */
const FRAGMENTS = [
  "'",
  '"',
  '`',
  '${',
  '}',
  '*/',
  '/*',
  '//',
  '\\',
  '\n',
  '\r\n',
  '\u2028',
  '\u2029',
  '\t',
  '<!--',
  '</script>',
  '{{',
  '}}',
  '@param',
  ' @example ',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'class',
  'default',
  'await',
  'enum',
  'Promise',
  'Error',
  '0',
  '9lives',
  '-',
  '.',
  ' ',
  '😀',
  'é',
  'Ünïcödé',
  'x',
  'Name',
  'name',
  'NAME',
  '`);globalThis.__pwned=1;(`',
  '"]; globalThis.__pwned = 1; //',
  "'); globalThis.__pwned = 1; ('",
  '*/ globalThis.__pwned = 1; /*',
  '${globalThis.__pwned=1}',
  '\\u0027',
  '\\x00',
  '\0',
  "'); throw new Error('pwned'); ('",
  '*/ throw new Error("pwned") /*',
  'URL*/ static { (globalThis as any).__pwned = 1 } /*',
  '|',
  '<script>globalThis.__pwned = 1</script>',
  '](javascript:alert(1))',
  '[x]',
  '![i](x)',
  '&lt;',
  '# ',
  '```',
  '~~',
  '_',
  '\r',
  '\u0085',
];
const hostileText = fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
/** Component keys must match ^[a-zA-Z0-9._-]+$ (OAS §4.8.7.1); within that, be as awkward as possible. */
/** The union the generated specs hold, as written into them (an enum variant, then a const variant). */
interface TaggedUnionSchema {
  readonly oneOf: readonly [
    { readonly required: readonly string[]; readonly properties: Record<string, { readonly enum?: readonly unknown[] }> },
    { readonly required: readonly string[]; readonly properties: Record<string, { readonly const?: unknown }> },
  ];
}

const componentKey = fc
  .array(fc.constantFrom('0', '9', '-', '.', '_', 'a', 'Z', 'class', 'constructor', '__proto__', 'Promise', 'user', 'User', 'default'), {
    minLength: 1,
    maxLength: 4,
  })
  .map((parts) => parts.join(''));

const literalValue = fc.oneof(hostileText, fc.integer({ min: -5, max: 5 }), fc.boolean());
const hostileUri = fc.constantFrom(
  'https://e.test/*/',
  "https://e.test/');globalThis.__pwned=1;('",
  'https://e.test/*/globalThis.__pwned=1/*',
  "https://e.test/?q='$(x)*",
);
/** Mostly absent or well-formed, sometimes hostile: a spec with a bad x-sdk value is refused, and most specs should get through to tsc. */
const sometimes = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 12 }, { arbitrary: valid, weight: 6 }, { arbitrary: hostileText, weight: 1 });
const sdkExtension = fc.record({
  packageName: sometimes(fc.constantFrom('acme-client', '@acme/client', 'a.b_c-d')),
  clientName: sometimes(fc.constantFrom('AcmeClient', '$Client', '_c')),
  apiKeyEnv: sometimes(fc.constantFrom('ACME_API_KEY', '_KEY', 'key1')),
  baseURLEnv: sometimes(fc.constantFrom('ACME_BASE_URL', 'URL')),
});

const propertySchema = fc.oneof(
  fc.record({ type: fc.constant('string'), description: hostileText, default: hostileText, example: hostileText }),
  fc.record({ type: fc.constant('string'), title: hostileText, examples: fc.array(hostileText, { maxLength: 2 }), format: hostileText }),
  fc.record({ enum: fc.uniqueArray(hostileText, { minLength: 1, maxLength: 4 }), description: hostileText }),
  fc.record({ const: literalValue, description: hostileText }),
  fc.record({ type: fc.constant('integer'), minimum: fc.integer({ min: -3, max: 0 }), description: hostileText }),
  fc.record({
    type: fc.constant('string'),
    pattern: fc.constantFrom('^a/b$', '\\*/', '^[`$]+$', '\'"', '\\u2028'),
    description: hostileText,
  }),
);

const objectSchema = fc.record({
  type: fc.constant('object'),
  description: hostileText,
  'x-sdk-name': sometimes(fc.constantFrom('Named', 'Other')),
  additionalProperties: fc.boolean(),
  properties: fc.dictionary(hostileText, propertySchema, { minKeys: 1, maxKeys: 4 }),
});

const specArbitrary = fc
  .record({
    info: fc.record({
      title: hostileText,
      description: hostileText,
      version: fc.oneof(fc.constantFrom('1.0.0', 'v1', '2019-10-01-preview', 'Live', '1.0'), hostileText),
      // the schema check wants URIs and an email here: payloads made of characters those allow
      termsOfService: hostileUri,
      contact: fc.record({
        name: hostileText,
        url: hostileUri,
        email: fc.constantFrom('x*/globalThis.__pwned=1/*@e.test', "a'b`c@e.test", 'x@e.test'),
      }),
      license: fc.record({ name: hostileText, url: hostileUri }),
    }),
    sdk: sdkExtension,
    server: fc.record({ url: hostileText, description: hostileText, variable: hostileText, variableDescription: hostileText }),
    tag: fc.record({ name: hostileText, description: hostileText }),
    security: fc.record({ key: componentKey, header: hostileText, description: hostileText }),
    schemas: fc.dictionary(componentKey, objectSchema, { minKeys: 1, maxKeys: 3 }),
    // a union told apart by a hostile tag, an enum in one variant (so its check tests the tag) and a const in the other
    union: fc.record({
      tag: hostileText,
      listed: fc.uniqueArray(hostileText, { minLength: 2, maxLength: 3 }),
      other: hostileText,
      closed: fc.boolean(),
    }),
    operations: fc.array(
      fc.record({
        operationId: hostileText,
        summary: hostileText,
        description: hostileText,
        segment: hostileText,
        param: hostileText,
        query: hostileText,
        queryExample: hostileText,
        header: hostileText,
        // a value no HTTP header can carry (CR, LF, NUL, above U+00FF) is refused (model/invalid-header):
        // mostly the hostile text that a header can carry, sometimes the raw one
        headerValue: fc.oneof(
          { arbitrary: hostileText.map((text) => text.replace(/[\r\n\0\u0100-\uffff]/g, '') || '*/'), weight: 8 },
          { arbitrary: hostileText, weight: 1 },
        ),
        resource: sometimes(fc.constantFrom('things', 'a.b')),
        method: sometimes(fc.constantFrom('make', 'delete')),
        bodyExample: hostileText,
      }),
      { minLength: 1, maxLength: 2 },
    ),
  })
  .map(({ info, sdk, server, tag, security, schemas, operations, union }) => {
    const keys = Object.keys(schemas);
    const paths: Record<string, unknown> = {};
    operations.forEach((op, i) => {
      const target = keys[i % keys.length]!;
      paths[`/r${i}/${op.segment.replace(/[{}/?#]/g, '')}/{${op.param.replace(/[{}/]/g, '') || 'p'}}`] = {
        post: {
          operationId: `${op.operationId}${i}`,
          summary: op.summary,
          description: op.description,
          tags: [tag.name],
          ...(op.resource === undefined ? {} : { 'x-sdk-resource': op.resource }),
          ...(op.method === undefined ? {} : { 'x-sdk-method': `${op.method}${i}` }),
          parameters: [
            {
              name: op.param.replace(/[{}/]/g, '') || 'p',
              in: 'path',
              required: true,
              description: op.summary,
              schema: { type: 'string' },
            },
            { name: op.query, in: 'query', description: op.description, example: op.queryExample, schema: { type: 'string' } },
            {
              name: `X-${op.header.replace(/[^A-Za-z0-9-]/g, '') || 'H'}`,
              in: 'header',
              required: true,
              schema: { const: op.headerValue },
            },
          ],
          requestBody: {
            required: true,
            description: op.description,
            content: { 'application/json': { schema: { $ref: `#/components/schemas/${target}` }, example: op.bodyExample } },
          },
          responses: {
            '200': { description: op.summary, content: { 'application/json': { schema: { $ref: `#/components/schemas/${target}` } } } },
          },
        },
      };
    });
    const xSdk = Object.fromEntries(Object.entries(sdk).filter(([, value]) => value !== undefined));
    return {
      openapi: '3.1.0',
      info: { ...info, ...(Object.keys(xSdk).length > 0 ? { 'x-sdk': xSdk } : {}) },
      servers: [
        {
          url: `${server.url}/{v}`,
          description: server.description,
          variables: { v: { default: server.variable, enum: [server.variable, 'other'], description: server.variableDescription } },
        },
      ],
      tags: [tag],
      security: [{ [security.key]: [] }],
      paths,
      components: {
        schemas: {
          ...schemas,
          TaggedUnion: {
            oneOf: [
              {
                type: 'object',
                required: [union.tag],
                additionalProperties: !union.closed,
                properties: { [union.tag]: { enum: union.listed }, size: { type: 'integer' } },
              },
              { type: 'object', required: [union.tag], properties: { [union.tag]: { const: union.other }, count: { type: 'integer' } } },
            ],
          },
        },
        securitySchemes: { [security.key]: { type: 'apiKey', in: 'header', name: security.header, description: security.description } },
      },
    };
  });

/**
 * Markdown text outside fenced blocks and code spans, with backslash escapes removed: where
 * markup would take effect. Scans as CommonMark does: `\x` outside a code span is an escape; a
 * run of N backticks opens a code span that only a run of exactly N backticks closes.
 */
function markdownProse(markdown: string): string {
  const text = markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, '');
  let prose = '';
  for (let i = 0; i < text.length; ) {
    if (text[i] === '\\') {
      i += 2;
      continue;
    }
    if (text[i] === '`') {
      const run = /^`+/.exec(text.slice(i))![0];
      const close = new RegExp(`(?<!\`)${run}(?!\`)`, 'g');
      close.lastIndex = i + run.length;
      const end = close.exec(text);
      i = end === null ? i + run.length : end.index + run.length;
      if (end === null) prose += run;
      continue;
    }
    prose += text[i];
    i++;
  }
  return prose;
}

/** Pipes that split a Markdown table row into cells (GFM splits before reading code spans, on every `|` not escaped). */
function cellSeparators(row: string): number {
  return row.replace(/\\./g, '').split('|').length - 1;
}

let work: string | undefined;
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('hostile specs', () => {
  it(`${RUNS} generated specs: output type-checks and runs no injected code (seed ${SEED})`, async () => {
    work = await mkdtemp(join(tmpdir(), 'sdkgen-hostile-'));
    const specs = fc.sample(specArbitrary, { numRuns: RUNS, seed: SEED });
    const generated: { root: string; files: Map<string, string> }[] = [];
    let rejected = 0;
    const refusals = new Map<string, number>();
    const tagged: { root: string; union: TaggedUnionSchema; context: string }[] = [];
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
        expect(
          error,
          `spec ${index} (seed ${SEED}) crashed the generator: ${String((error as Error).message)}\n${String(
            ((error as Error).cause as Error | undefined)?.stack,
          )
            .split('\n')
            .slice(0, 6)
            .join('\n')}\n${JSON.stringify(spec)}`,
        ).toBeInstanceOf(SpecError);
        const { diagnostics } = error as SpecError;
        expect(diagnostics.length).toBeGreaterThan(0);
        for (const diagnostic of diagnostics) {
          // located in the spec: its file, a real line, a pointer into it
          expect(diagnostic.at.file, `spec ${index} (seed ${SEED}): ${diagnostic.message}`).toBe(file);
          expect(diagnostic.at.line).toBeGreaterThanOrEqual(1);
          const where = diagnostic.at.pointer
            .replace(/\/paths\/[^/]+/, '/paths/…')
            .replace(/\/schemas\/[^/]+/, '/schemas/…')
            .replace(/\/properties\/[^/]+/, '/properties/…');
          if (diagnostic.severity === 'error')
            refusals.set(`${diagnostic.code} at ${where}`, (refusals.get(`${diagnostic.code} at ${where}`) ?? 0) + 1);
        }
        rejected++;
        continue;
      }
      const context = `spec ${index} (seed ${SEED})\n${JSON.stringify(spec)}`;
      // package.json: valid JSON, an npm name and a semver version (they are also the x-sdkgen-client header)
      const manifest = JSON.parse(files.find((out) => out.path === 'package.json')!.text) as {
        name: string;
        version: string;
        description: string;
      };
      expect(manifest.name, context).toMatch(/^(?:@[a-z0-9-][a-z0-9._-]*\/)?[a-z0-9-][a-z0-9._-]*$/);
      expect(manifest.version, context).toMatch(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/);
      // description: the first sentence of info.description as one line of plain text
      expect(manifest.description, context).not.toMatch(/[\u0000-\u001f\u007f]|<\/?[a-z][^>]*>/i);
      expect(manifest.description.length, context).toBeLessThanOrEqual(201);
      expect(manifest.description.trim(), context).not.toBe('');
      // README.md: every table row keeps its cells, and no spec text becomes markup (HTML, links, images)
      const readme = files.find((out) => out.path === 'README.md')!.text;
      // three columns in each table, but two in the resource classes' (when there are resources)
      const lines = readme.split('\n');
      const tables: { header: string; rows: string[] }[] = [];
      lines.forEach((line, i) => {
        if (!line.startsWith('| ')) return;
        if (lines[i - 1]?.startsWith('|') !== true) tables.push({ header: line, rows: [] });
        else tables.at(-1)!.rows.push(line);
      });
      const resourceTables = tables.filter((table) => /^\| resource +\| class +\|$/.test(table.header));
      expect(resourceTables.length, context).toBeLessThanOrEqual(1);
      for (const table of tables) expect(cellSeparators(table.header), table.header).toBe(resourceTables.includes(table) ? 3 : 4);
      for (const table of tables)
        for (const row of table.rows) expect(cellSeparators(row), `${row}\n${context}`).toBe(cellSeparators(table.header));
      const prose = markdownProse(readme);
      expect(prose, context).not.toMatch(/[<>]/);
      expect(prose.match(/\]\(/g), context).toEqual(['](']); // the template's own link to sdkgen
      // code blocks whose fences pair up (prettier may lengthen a fence past a run of backticks
      // inside): the usage example, and one resource made on its own when there are resources
      const fences = readme.split('\n').filter((line) => line.startsWith('```'));
      expect(fences.length, context).toBe(resourceTables.length === 1 ? 4 : 2);
      for (let i = 0; i < fences.length; i += 2) expect(fences[i], context).toBe(`${fences[i + 1]}ts`);
      // validators.ts is printed by sdkgen, not formatted: hostile strings must still come out as prettier prints them
      const validators = files.find((out) => out.path === 'src/validators.ts')!.text;
      expect(
        await format(validators, { ...PRETTIER_OPTIONS, parser: 'babel-ts' }),
        `spec ${index} (seed ${SEED}): validators.ts is not as prettier prints it\n${JSON.stringify(spec)}`,
      ).toBe(validators);
      // the code is ASCII (spec text in it is escaped), so the JavaScript built from it is too;
      // the runtime files are the pinned core (checked below), ASCII by test/unit/runtime-formatted
      for (const out of files.filter((file) => file.path.endsWith('.ts') && !file.path.startsWith('src/internal/'))) {
        expect(nonAsciiInCode(out.path, out.text), `${out.path}\n${context}`).toBeUndefined();
      }
      // the runtime files are the header line and the pinned core: the checks below share the one core copy
      const notCore = files.filter(
        (out) => out.path.startsWith('src/internal/') && !isCoreCopy(out.path.slice('src/internal/'.length), out.text),
      );
      expect(
        notCore.map((out) => out.path),
        `${context}\n(is test/golden/runtime-core/ stale? run \`npm run test:update\`)`,
      ).toEqual([]);
      generated.push({
        root: join(dir, 'out'),
        files: new Map([...files.map((out) => [out.path, out.text] as const), ['tsconfig.json', TSCONFIG]]),
      });
      tagged.push({ root: join(dir, 'out'), union: spec.components.schemas['TaggedUnion'] as unknown as TaggedUnionSchema, context });
    }
    // the sample must mostly reach tsc, or the test proves little; refusals are reported by code
    const summary = `hostile specs (seed ${SEED}): ${generated.length} generated, ${rejected} refused ${JSON.stringify(Object.fromEntries(refusals))}`;
    expect(generated.length, `only ${generated.length} of ${RUNS} specs generated; ${summary}`).toBeGreaterThan(RUNS * 0.6);

    // One program over every generated package (strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes), the runtime core once.
    const checked = typeCheckTrees(generated);
    expect(checked.output.split('\n').slice(0, 40).join('\n'), `seed ${SEED}`).toBe('');
    expect(checked.sharedRuntime).toBe(generated.length);

    // Import every package (client, requests, validators) in a fresh process; the sentinel must stay unset.
    const memory = new Map(generated.flatMap((tree) => [...tree.files].map(([path, text]) => [join(tree.root, path), text] as const)));
    const entries = generated.flatMap((tree) => ['index', 'requests', 'validators'].map((name) => join(tree.root, 'src', `${name}.ts`)));
    const bundle = join(work, 'all.mjs');
    await build({
      stdin: {
        contents: entries
          .map(
            (entry, i) =>
              `import * as m${i} from ${JSON.stringify(entry)}; globalThis.__modules = (globalThis.__modules ?? 0) + Object.keys(m${i}).length;`,
          )
          .join('\n'),
        resolveDir: work,
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      outfile: bundle,
      logLevel: 'silent',
      plugins: [inMemory(memory)],
    });
    const { stdout } = await promisify(execFile)(process.execPath, [
      '--input-type=module',
      '-e',
      `await import(${JSON.stringify(bundle)}); console.log(JSON.stringify({ pwned: globalThis.__pwned ?? null, modules: globalThis.__modules }))`,
    ]);
    const result = JSON.parse(stdout) as { pwned: unknown; modules: number };
    expect(result.pwned, `injected code ran (seed ${SEED})`).toBeNull();
    expect(result.modules).toBeGreaterThan(generated.length);

    // The union's hostile tag, through its validator: each variant's own value passes in every mode,
    // and a value of the const variant that fails it is not taken in by the enum variant, open in 'loose'
    // mode (its object closed or not): the listed tag picks the variant.
    const cases = tagged.flatMap(({ root, union, context }) => {
      const [enumVariant, constVariant] = union.oneOf;
      const tag = enumVariant.required[0]!;
      const listed = enumVariant.properties[tag]?.enum;
      const other = constVariant.properties[tag]?.const;
      if (listed === undefined || other === undefined || listed.includes(other) || tag === 'size' || tag === 'count') return [];
      return [{ module: join(root, 'src', 'validators.ts'), tag, listed, other, context }];
    });
    expect(cases.length, 'specs whose union has a usable hostile tag').toBeGreaterThan(RUNS * 0.3);
    const unionBundle = join(work, 'unions.mjs');
    await build({
      stdin: {
        contents: [
          ...cases.map((test, i) => `import { TaggedUnion as u${i} } from ${JSON.stringify(test.module)};`),
          `const cases = ${JSON.stringify(cases.map(({ tag, listed, other }) => ({ tag, listed, other })))};`,
          `const unions = [${cases.map((_, i) => `u${i}`).join(', ')}];`,
          'const failures = [];',
          'cases.forEach(({ tag, listed, other }, i) => {',
          '  const ok = (value, mode) => unions[i].validate(value, mode).length === 0;',
          '  const check = (what, holds) => { if (!holds) failures.push(`${i}: ${what}`); };',
          "  for (const mode of ['loose', 'request', 'strict']) {",
          '    for (const value of listed) check(`${mode} ${JSON.stringify(value)}`, ok({ [tag]: value, size: 1 }, mode));',
          '    check(`${mode} const`, ok({ [tag]: other, count: 1 }, mode));',
          "    check(`${mode} const variant's bad count`, !ok({ [tag]: other, count: 'x' }, mode));",
          "    check(`${mode} enum variant's bad size`, !ok({ [tag]: listed[0], size: 'x' }, mode));",
          '  }',
          '});',
          'console.log(JSON.stringify(failures));',
        ].join('\n'),
        resolveDir: work,
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      outfile: unionBundle,
      logLevel: 'silent',
      plugins: [inMemory(memory)],
    });
    const unions = await promisify(execFile)(process.execPath, [unionBundle]);
    const failures = JSON.parse(unions.stdout) as string[];
    expect(
      failures.slice(0, 10).map((failure) => `${failure}\n${cases[Number(failure.split(':')[0])]!.context}`),
      `seed ${SEED}`,
    ).toEqual([]);
  }, 600_000);
});

/**
 * esbuild reads the generated packages from memory; a package's runtime file (checked above to be
 * its header line and the pinned core) is the one core copy on disk, so the core is bundled once.
 */
function inMemory(memory: ReadonlyMap<string, string>): Plugin {
  return {
    name: 'in-memory',
    setup(context) {
      context.onResolve({ filter: /^\./ }, (args) => {
        const path = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
        const runtime = /[\\/]src[\\/]internal[\\/]([^\\/]+\.ts)$/.exec(path);
        if (memory.has(path) && runtime !== null) return { path: join(CORE_DIR, runtime[1]!) };
        return memory.has(path) ? { path, namespace: 'memory' } : undefined;
      });
      context.onLoad({ filter: /.*/, namespace: 'memory' }, (args) => ({
        contents: memory.get(args.path)!,
        loader: 'ts',
        resolveDir: dirname(args.path),
      }));
      context.onResolve({ filter: /^\// }, (args) => (memory.has(args.path) ? { path: args.path, namespace: 'memory' } : undefined));
    },
  };
}
