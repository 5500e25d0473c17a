// types.ts is printed in prettier's layout without prettier (generator/emit/types/layout.ts),
// and the format stage passes what it marks as formatted through. So every declaration it marks
// must be exactly what prettier prints for it: checked here on random schemas of every
// construct, with names long enough to break lines at every depth and spec text with quotes,
// comment ends, line breaks and wide characters. The goldens and the whole OpenAI spec check
// the same on real specs.
import fc from 'fast-check';
import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import { emitTypes } from '../../generator/emit/types.js';
import type { IrApi, IrLiteral, IrSchema } from '../../generator/model/ir.js';
import { PRETTIER_OPTIONS } from '../../generator/format/format-files.js';
import { named } from '../validators/emit-support.js';

const TEXT = fc.constantFrom(
  'A plain sentence.',
  `it's "quoted"`,
  'back\\slash',
  'ends */ early',
  'two\nlines',
  'crlf\r\nline',
  '  padded  \n\n  indented',
  '@tag first',
  'café 日本語 😀',
  '',
  'x'.repeat(110),
);
const KEY = fc.oneof(
  fc.constantFrom(
    'id',
    'type',
    'content-type',
    'X-Request-Id',
    '123',
    '1e21',
    '0.5',
    'Infinity',
    '',
    'with space',
    `it's`,
    'say "hi"',
    'tab\tkey',
    'café',
    '$ref',
  ),
  fc.integer({ min: 1, max: 70 }).map((n) => 'k'.repeat(n)),
);
const SCALAR: fc.Arbitrary<IrLiteral> = fc.oneof(
  TEXT,
  KEY,
  fc.integer({ min: -50, max: 50 }),
  fc.constantFrom(0.5, 1e21, -1e-7, true, false, null),
);
/** Scalars, and now and then an object or array value (an enum of objects is an object type, of arrays a tuple). */
const LITERAL: fc.Arbitrary<IrLiteral> = fc.oneof(
  { arbitrary: SCALAR, weight: 6 },
  { arbitrary: fc.array(SCALAR, { maxLength: 12 }), weight: 1 },
  { arbitrary: fc.dictionary(KEY, fc.oneof(SCALAR, fc.array(SCALAR, { maxLength: 3 })), { maxKeys: 3 }), weight: 1 },
);

function schemaOf(names: readonly string[]): fc.Arbitrary<IrSchema> {
  const base = fc.record(
    { description: TEXT, deprecated: fc.constant(true), default: fc.oneof(LITERAL, fc.constant({ a: [1, 'b'] })) },
    { requiredKeys: [] },
  );
  const node = (arbitrary: fc.Arbitrary<Record<string, unknown>>) =>
    fc.tuple(base, arbitrary).map(([annotations, schema]) => ({ source: '#', ...annotations, ...schema }) as IrSchema);
  return fc.letrec<{ schema: IrSchema }>((tie) => ({
    schema: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      node(fc.constantFrom(...names).map((target) => ({ kind: 'ref', target }))),
      node(
        fc.constantFrom(
          { kind: 'string' },
          { kind: 'string', format: 'binary' },
          { kind: 'string', format: 'date-time' },
          { kind: 'number', integer: true },
        ),
      ),
      node(
        fc.constantFrom(
          { kind: 'boolean' },
          { kind: 'null' },
          { kind: 'unknown' },
          { kind: 'never' },
          { kind: 'not', schema: { kind: 'string', source: '#' } },
        ),
      ),
      node(fc.array(LITERAL, { maxLength: 12 }).map((values) => ({ kind: 'enum', values }))),
      node(LITERAL.map((value) => ({ kind: 'const', value }))),
      node(tie('schema').map((items) => ({ kind: 'array', items }))),
      node(
        fc
          .tuple(
            fc.array(tie('schema'), { maxLength: 12 }),
            fc.oneof(tie('schema'), fc.constant({ kind: 'never', source: '#' })),
            fc.option(fc.nat(4)),
            fc.option(fc.nat(14)),
          )
          .map(([prefixItems, items, minItems, maxItems]) => ({
            kind: 'array',
            prefixItems,
            items,
            ...(minItems === null ? {} : { minItems }),
            ...(maxItems === null ? {} : { maxItems }),
          })),
      ),
      node(
        fc
          .tuple(
            fc.array(fc.record({ name: KEY, required: fc.boolean(), schema: tie('schema') }), { maxLength: 4 }),
            fc.option(fc.oneof(fc.constant(true), fc.constant(false), tie('schema'))),
          )
          .map(([properties, additional]) => ({
            kind: 'object',
            properties,
            additionalProperties: additional ?? true,
            additionalPropertiesDeclared: additional !== null,
          })),
      ),
      node(
        fc
          .tuple(fc.constantFrom('oneOf', 'anyOf'), fc.array(tie('schema'), { minLength: 1, maxLength: 8 }))
          .map(([mode, variants]) => ({ kind: 'union', mode, variants })),
      ),
      node(fc.array(tie('schema'), { maxLength: 3 }).map((parts) => ({ kind: 'allOf', parts }))),
    ),
  })).schema;
}

const API: fc.Arbitrary<IrApi> = fc
  .uniqueArray(
    fc.tuple(fc.integer({ min: 1, max: 60 }), fc.constantFrom('A', 'B', 'C', 'D')).map(([n, letter]) => letter.repeat(n)),
    { minLength: 1, maxLength: 4 },
  )
  .chain((names) => fc.tuple(fc.constant(names), fc.array(schemaOf(names), { minLength: names.length, maxLength: names.length })))
  .map(([names, schemas]) => apiOf(names.map((name, i) => [name, schemas[i]!])));

function apiOf(schemas: readonly [string, IrSchema][]): IrApi {
  return {
    title: 't',
    version: '1',
    specFile: 'spec.yaml',
    package: {} as IrApi['package'],
    operations: [],
    schemas: schemas.map(([name, schema]) => named(name, schema)),
    resources: [],
    rootOperations: [],
  };
}

async function piecesOf(api: IrApi) {
  const [file] = await emitTypes(api, {});
  return file!.pieces!;
}

const prettier = async (text: string) => (await format(text, { ...PRETTIER_OPTIONS, parser: 'babel-ts' })).trim();

const RUNS = 300;
const SEED = Number(process.env['TYPES_LAYOUT_SEED'] ?? 20_261_202);
/** Declarations compared over the RUNS samples, at least (the default seed compares 723). */
const MIN_CHECKED = RUNS;

describe('types.ts layout', () => {
  it('every declaration marked formatted is what prettier prints', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(API, async (api) => {
        for (const piece of await piecesOf(api)) {
          if (!piece.isFormatted) continue;
          checked++;
          expect(piece.text).toBe(await prettier(piece.text));
        }
      }),
      // fixed, so CI is deterministic (fast-check prints the seed and path of a failure); TYPES_LAYOUT_SEED explores further
      { numRuns: RUNS, seed: SEED },
    );
    // a property that compared nothing would pass: most declarations must be marked formatted and compared
    expect(checked, `only ${checked} declarations marked formatted in ${RUNS} runs (seed ${SEED})`).toBeGreaterThanOrEqual(MIN_CHECKED);
  });

  it("writes a comment whose spec text breaks a line with U+2028 as two lines, in prettier's layout", async () => {
    const object: IrSchema = {
      kind: 'object',
      source: '#',
      properties: [{ name: 'a', required: true, schema: { kind: 'string', source: '#', description: 'one\u2028two' } }],
      additionalProperties: true,
      additionalPropertiesDeclared: false,
    };
    const [piece] = await piecesOf(apiOf([['A', object]]));
    // jsDoc makes every line break \n, so the layout is certain
    expect(piece!.text).toContain('  /**\n   * one\n   * two\n   */\n  a: string;');
    expect(piece!.isFormatted).toBe(true);
    expect(await prettier(piece!.text)).toBe(piece!.text);
  });

  it('writes an array of a negative number as Array<-1> (prettier cannot read -1[])', async () => {
    const [piece] = await piecesOf(apiOf([['A', { kind: 'array', source: '#', items: { kind: 'const', source: '#', value: -1 } }]]));
    expect(piece!.text.split('\n').pop()).toBe('export type A = Array<-1>;');
  });

  it('types properties named like Object.prototype members as declared', async () => {
    const property = (name: string, schema: IrSchema) => ({ name, required: true, schema });
    const object: IrSchema = {
      kind: 'object',
      source: '#',
      properties: [
        property('constructor', { kind: 'ref', target: 'A', source: '#' }),
        property('__proto__', { kind: 'number', integer: false, source: '#' }),
        property('hasOwnProperty', { kind: 'null', source: '#' }),
      ],
      additionalProperties: true,
      additionalPropertiesDeclared: false,
    };
    const [, piece] = await piecesOf(
      apiOf([
        ['A', { kind: 'string', source: '#' }],
        ['B', object],
      ]),
    );
    expect(piece!.text).toBe('export interface B {\n  constructor: A;\n  __proto__: number;\n  hasOwnProperty: null;\n}');
  });
});
