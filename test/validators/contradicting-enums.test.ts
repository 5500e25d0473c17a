// An `enum` or `const` beside keywords that reject some of its values: `enum: [MALE, FEMALE,
// UNKNOWN]` with `maxLength: 1` (Adyen's published spec, for values its API sends), or an enum
// of arrays under `type: object`. By JSON Schema such a value matches nothing; sdkgen checks the
// enum alone, as the plainer statement of what the API sends, and one model/contradicting-enum
// warning a schema says which values and which keyword. The validators accept exactly the listed
// values (and the types list them); ajv, compiled from the schemas as written, rejects the
// contradicted ones: the warning's claim, checked.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { emitTypes } from '../../generator/emit/types.js';
import { loadSpec } from '../../generator/load/load-spec.js';
import { buildModel } from '../../generator/model/build-model.js';
import { validateSpec } from '../../generator/validate/validate-spec.js';
import { loadValidatorsOnly, validatorOf, type ValidatorsModule } from './harness.js';

const SCHEMAS: Record<string, Record<string, unknown>> = {
  Gender: { type: 'string', enum: ['MALE', 'FEMALE', 'UNKNOWN'], maxLength: 1, minLength: 1 },
  Arrays: { type: 'object', enum: [['abuse'], ['sent']] },
  Short: { type: 'string', enum: ['a', 'bb', 1], maxLength: 1 },
  Small: { type: 'integer', enum: [0, 1.5, 10], maximum: 9 },
  Above: { type: 'number', enum: [1, 2, 3], exclusiveMinimum: 1 },
  Five: { type: 'string', const: 5 },
  Mixed: { type: ['string', 'null'], enum: ['a', null, true] },
  Fine: { type: 'string', enum: ['a', 'b'], minLength: 1 },
};
/** The values each schema lists that its other keywords reject. */
const CONTRADICTED: Record<string, readonly unknown[]> = {
  Gender: ['MALE', 'FEMALE', 'UNKNOWN'],
  Arrays: [['abuse'], ['sent']],
  Short: ['bb', 1],
  Small: [1.5, 10],
  Above: [1],
  Five: [5],
  Mixed: [true],
  Fine: [],
};
const OTHERS: readonly unknown[] = ['a', 'b', 'bb', 'M', 0, 1, 2, 3, 1.5, 10, 5, null, true, ['sent'], { a: 1 }];

let module: ValidatorsModule;
let warnings: { pointer: string; message: string }[];
let types: string;

// the model and the two emitters the test reads, without a whole generation
beforeAll(async () => {
  const text = JSON.stringify({ openapi: '3.1.0', info: { title: 'T', version: '1' }, paths: {}, components: { schemas: SCHEMAS } });
  const model = buildModel(await validateSpec(loadSpec('spec.json', text)));
  warnings = model.warnings
    .filter((d) => d.code === 'model/contradicting-enum')
    .map((d) => ({ pointer: d.at.pointer, message: d.message }));
  types = (await emitTypes(model.api, {})).find((file) => file.path === 'src/types.ts')!.text;
  module = await loadValidatorsOnly(model.api);
}, 60_000);

describe('enum and const values their own schema contradicts', () => {
  it('the validators accept exactly the listed values; ajv rejects the contradicted ones, and agrees on the rest', () => {
    const ajv = new Ajv2020({ strict: false });
    for (const [name, schema] of Object.entries(SCHEMAS)) {
      const oracle = ajv.compile(schema);
      const validate = validatorOf(module, name);
      const listed = (schema['enum'] as unknown[] | undefined) ?? [schema['const']];
      const isListed = (value: unknown) => listed.some((item) => JSON.stringify(item) === JSON.stringify(value));
      const isContradicted = (value: unknown) => CONTRADICTED[name]!.some((item) => JSON.stringify(item) === JSON.stringify(value));
      for (const value of [...listed, ...OTHERS]) {
        const label = `${name}: ${JSON.stringify(value)}`;
        expect(validate(value, 'request').length === 0, label).toBe(isListed(value));
        expect(oracle(value), label).toBe(isListed(value) && !isContradicted(value));
      }
    }
  });

  it('one warning a schema with a contradiction, naming the values and the keywords', () => {
    // in the order of the schemas' names
    expect([...warnings].sort((a, b) => a.pointer.localeCompare(b.pointer))).toEqual([
      {
        pointer: '/components/schemas/Above/enum',
        message:
          'One value of this enum (1) fails `exclusiveMinimum: 1` beside it, so a JSON Schema validator would reject it. sdkgen checks the enum alone, so it accepts it.',
      },
      {
        pointer: '/components/schemas/Arrays/enum',
        message:
          'Every value of this enum (["abuse"], ["sent"]) fails `type: object` beside it, so a JSON Schema validator would reject them (and every value). sdkgen checks the enum alone, so it accepts them.',
      },
      {
        pointer: '/components/schemas/Five/const',
        message:
          'The const 5 fails `type: string` beside it, so a JSON Schema validator would reject it (and every value). sdkgen checks the const alone, so it accepts it.',
      },
      {
        pointer: '/components/schemas/Gender/enum',
        message:
          'Every value of this enum ("MALE", "FEMALE", "UNKNOWN") fails `maxLength: 1` beside it, so a JSON Schema validator would reject them (and every value). sdkgen checks the enum alone, so it accepts them.',
      },
      {
        pointer: '/components/schemas/Mixed/enum',
        message:
          'One value of this enum (true) fails `type: [string, null]` beside it, so a JSON Schema validator would reject it. sdkgen checks the enum alone, so it accepts it.',
      },
      {
        pointer: '/components/schemas/Short/enum',
        message:
          '2 values of this enum ("bb", 1) fail `maxLength: 1` and `type: string` beside it, so a JSON Schema validator would reject them. sdkgen checks the enum alone, so it accepts them.',
      },
      {
        pointer: '/components/schemas/Small/enum',
        message:
          '2 values of this enum (1.5, 10) fail `type: integer` and `maximum: 9` beside it, so a JSON Schema validator would reject them. sdkgen checks the enum alone, so it accepts them.',
      },
    ]);
  });

  it('the types list every value', () => {
    expect(types).toMatch(/export type Gender = 'MALE' \| 'FEMALE' \| 'UNKNOWN';/);
    expect(types).toMatch(/export type Short = 'a' \| 'bb' \| 1;/);
    expect(types).toMatch(/export type Above = 1 \| 2 \| 3;/);
    expect(types).toMatch(/export type Fine = 'a' \| 'b';/);
  });
});
