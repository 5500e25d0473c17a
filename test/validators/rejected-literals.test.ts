// An `enum` or `const` beside keywords that reject some of its values (`type: object` with
// `enum: [["sent"]]`, a published spec's; `maxLength: 1` with "bb"): JSON Schema checks every
// keyword, so such a value matches nothing. The generated validators agree with ajv, compiled
// from the schemas as written, on every listed value and a few others; the type leaves the
// rejected values out; one model/rejected-literal warning says which values and why.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/pipeline.js';
import { loadValidators, validatorOf, type ValidatorsModule } from './harness.js';

const SCHEMAS: Record<string, Record<string, unknown>> = {
  Arrays: { type: 'object', enum: [['abuse'], ['sent']] },
  Short: { type: 'string', enum: ['a', 'bb', 1], maxLength: 1 },
  Small: { type: 'integer', enum: [0, 1.5, 10], maximum: 9 },
  Above: { type: 'number', enum: [1, 2, 3], exclusiveMinimum: 1 },
  Five: { type: 'string', const: 5 },
  Mixed: { type: ['string', 'null'], enum: ['a', null, true] },
  Fine: { type: 'string', enum: ['a', 'b'], minLength: 1 },
};
const OTHERS: readonly unknown[] = ['a', 'b', 'bb', 0, 1, 2, 3, 1.5, 10, 5, null, true, ['sent'], { a: 1 }];

let work: string;
let module: ValidatorsModule;
let warnings: { pointer: string; message: string }[];
let types: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sdkgen-rejected-literals-'));
  const spec = join(work, 'spec.json');
  await writeFile(
    spec,
    JSON.stringify({ openapi: '3.1.0', info: { title: 'T', version: '1' }, paths: {}, components: { schemas: SCHEMAS } }),
  );
  const result = await generate({ spec, write: false });
  warnings = result.warnings.filter((d) => d.code === 'model/rejected-literal').map((d) => ({ pointer: d.at.pointer, message: d.message }));
  types = result.files.find((file) => file.path === 'src/types.ts')!.text;
  module = await loadValidators(spec);
}, 60_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('enum and const values their own schema rejects', () => {
  it('agree with ajv on every listed value and others', () => {
    const ajv = new Ajv2020({ strict: false });
    for (const [name, schema] of Object.entries(SCHEMAS)) {
      const oracle = ajv.compile(schema);
      const validate = validatorOf(module, name);
      for (const value of [...((schema['enum'] as unknown[] | undefined) ?? [schema['const']]), ...OTHERS]) {
        expect(validate(value, 'request').length === 0, `${name}: ${JSON.stringify(value)}`).toBe(oracle(value));
      }
    }
  });

  it('one warning a schema, naming the values and the keywords', () => {
    // in the order of the schemas' names
    expect([...warnings].sort((a, b) => a.pointer.localeCompare(b.pointer))).toEqual([
      {
        pointer: '/components/schemas/Above/enum',
        message:
          'One value of this enum (1) fails `exclusiveMinimum: 1`, and JSON Schema checks both: the validators reject it, and the type leaves it out.',
      },
      {
        pointer: '/components/schemas/Arrays/enum',
        message:
          'No value can match this schema: its enum ["abuse"], ["sent"] fails `type: object`, and JSON Schema checks both. The validators reject every value.',
      },
      {
        pointer: '/components/schemas/Five/const',
        message:
          'No value can match this schema: its const 5 fails `type: string`, and JSON Schema checks both. The validators reject every value.',
      },
      {
        pointer: '/components/schemas/Mixed/enum',
        message:
          'One value of this enum (true) fails `type: [string, null]`, and JSON Schema checks both: the validators reject it, and the type leaves it out.',
      },
      {
        pointer: '/components/schemas/Short/enum',
        message:
          '2 values of this enum ("bb", 1) fail `maxLength: 1` and `type: string`, and JSON Schema checks both: the validators reject them, and the type leaves them out.',
      },
      {
        pointer: '/components/schemas/Small/enum',
        message:
          '2 values of this enum (1.5, 10) fail `type: integer` and `maximum: 9`, and JSON Schema checks both: the validators reject them, and the type leaves them out.',
      },
    ]);
  });

  it('the types list only the values that can match', () => {
    expect(types).toMatch(/export type Short = 'a';/);
    expect(types).toMatch(/export type Small = 0;/);
    expect(types).toMatch(/export type Above = 2 \| 3;/);
    expect(types).toMatch(/export type Mixed = 'a' \| null;/);
    expect(types).toMatch(/export type Fine = 'a' \| 'b';/);
  });
});
