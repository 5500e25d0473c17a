// The JSON Schema 2020-12 fixture (test/fixtures/specs/json-schema-2020.yaml) generates, once
// refused: its tuples, object enums and consts get exact types, its shared request body and
// response are one named type each (named after the component), the keywords sdkgen does not
// check are located warnings, and the whole package type-checks, with a typed usage file beside
// it that must compile (and one that must not).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EmittedFile } from '../../generator/emit/emitted-file.js';
import type { Diagnostic } from '../../generator/diagnostics/diagnostic.js';
import { generate } from '../../generator/pipeline.js';
import { typeCheckTrees } from '../support/typecheck.js';
import { bundleFiles, validatorOf, type ValidatorsModule } from '../validators/harness.js';

const SPEC = 'test/fixtures/specs/json-schema-2020.yaml';

/** Keywords sdkgen does not check, beside those of the fixture (line numbers matter to the test). */
const UNCHECKED_SPEC = `openapi: 3.1.0
info: { title: Keywords, version: 1.0.0 }
servers: [{ url: https://api.example.com }]
paths:
  /things:
    post:
      operationId: createThing
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: '#/components/schemas/Thing' }
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Thing' }
components:
  schemas:
    Thing:
      type: object
      properties:
        card: { type: string }
        billing: { type: string }
        tags:
          type: array
          items: { type: string }
          contains: { const: urgent }
        pair:
          type: array
          prefixItems: [{ type: string }]
          unevaluatedItems: false
      dependentRequired:
        card: [billing]
      dependentSchemas:
        billing:
          required: [card]
    Labels:
      type: object
      patternProperties:
        '^x-': { type: string }
      unevaluatedProperties: false
    Encoded:
      type: object
      properties:
        payload: { type: string, contentMediaType: application/json, contentSchema: { type: object, required: [a] } }
`;
let files: readonly EmittedFile[];
let warnings: readonly Diagnostic[];

beforeAll(async () => {
  ({ files, warnings } = await generate({ spec: SPEC, write: false }));
});

const text = (path: string) => files.find((file) => file.path === path)!.text;

describe('JSON Schema 2020-12 constructs', () => {
  it('types tuples, object enums and object consts exactly', () => {
    const types = text('src/types.ts');
    expect(types).toContain('export type Point = [number, number];');
    expect(types).toContain('export type Row = [string?, number?, ...boolean[]];');
    // a response's enum is open to strings a newer API may add (its other values stay exact)
    expect(types).toMatch(
      /export type Mode =\n {2}\| 'fast'\n {2}\| \{\n {6}speed: 'slow';\n {6}gears: \[1, 2\];\n {4}\}\n {2}\| \['on', 'off'\]\n {2}\| \(string & \{\}\);/,
    );
    expect(types).toMatch(/export interface Shape \{\n {2}kind: 'circle';\n {2}radius: 1;\n\}/);
  });

  it('names a body and a response shared by two operations once, after the component', () => {
    const types = text('src/types.ts');
    expect(types.match(/export interface PaymentInputBody /g)).toHaveLength(1);
    expect(types.match(/export interface PaymentResultResponse /g)).toHaveLength(1);
    expect(text('src/validators.ts').match(/function check_PaymentInputBody\(/g)).toHaveLength(1);
    expect(types).not.toMatch(/CreatePaymentBody|ReplacePaymentBody/);
  });

  it('warns, located, about each keyword whose check is skipped', () => {
    const unchecked = warnings
      .filter((warning) => warning.code === 'model/unchecked-construct')
      .map((warning) => `${warning.at.line}:${warning.at.column} ${warning.at.pointer}`);
    expect(unchecked).toEqual([
      '133:7 /components/schemas/Loose/if',
      '139:7 /components/schemas/Loose/patternProperties',
      '132:24 /components/schemas/Loose/properties/next/$dynamicRef',
    ]);
    expect(warnings.every((warning) => warning.severity === 'warning')).toBe(true);
  });

  it('generates a spec using the other keywords it does not check; each is a located warning and its check is skipped; a contentSchema outside event data is an annotation', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sdkgen-unchecked-'));
    const spec = join(dir, 'spec.yaml');
    await writeFile(spec, UNCHECKED_SPEC);
    const result = await generate({ spec, write: false });
    expect(
      result.warnings.map((warning) => `${warning.code} ${warning.at.line}:${warning.at.column} ${warning.at.pointer}`).sort(),
    ).toEqual(
      [
        'model/unchecked-construct 34:7 /components/schemas/Thing/dependentRequired',
        'model/unchecked-construct 36:7 /components/schemas/Thing/dependentSchemas',
        'model/unchecked-construct 29:11 /components/schemas/Thing/properties/tags/contains',
        'model/unchecked-construct 33:29 /components/schemas/Thing/properties/pair/unevaluatedItems',
        'model/unchecked-construct 41:7 /components/schemas/Labels/patternProperties',
        'model/unchecked-construct 43:30 /components/schemas/Labels/unevaluatedProperties',
      ].sort(),
    );
    const validators = (await import(pathToFileURL(await bundleFiles(result.files, 'src/validators.ts')).href)) as ValidatorsModule;
    // what each skipped keyword would reject is accepted: a card without billing, tags without
    // 'urgent', an item after the tuple's, and a key no pattern or property evaluates
    expect(validatorOf(validators, 'Thing')({ card: '4242', tags: ['low'], pair: ['a', 1] }, 'request')).toEqual([]);
    expect(validatorOf(validators, 'Labels')({ 'x-team': 'core', other: 1 }, 'request')).toEqual([]);
    // and the rest is still checked
    expect(validatorOf(validators, 'Thing')({ card: 7 }, 'request')).toEqual([
      { path: ['card'], message: 'expected a string, found number 7' },
    ]);
    // a contentSchema outside event data is an annotation: the string is neither decoded nor checked against it
    for (const payload of ['not json', '{}', '{"a":1}'])
      expect(validatorOf(validators, 'Encoded')({ payload }, 'strict'), payload).toEqual([]);
    expect(validatorOf(validators, 'Encoded')({ payload: {} }, 'strict')).toHaveLength(1);
    expect(result.files.find((file) => file.path === 'src/types.ts')!.text).toMatch(
      /export interface Encoded \{\n(?: {2}\/\*\*.*\n)* {2}payload\?: string;/,
    );
  });

  it('compiles, and so does typed use of it; a wrong tuple or enum value does not', async () => {
    // beside the package, in memory, under its own tsconfig, the runtime core shared (lib declarations are checked by test/unit/typecheck.test.ts)
    const usage = [
      "import type { Mode, PaymentInputBody, Point, Row, Shape } from './types.js';",
      "export const body: PaymentInputBody = { amount: 5, source: { object: 'card', number: '4242' }, at: [13.4, 52.5] };",
      "export const modes: Mode[] = ['fast', { speed: 'slow', gears: [1, 2] }, ['on', 'off']];",
      "export const rows: Row[] = [[], ['a'], ['a', 1, true, false]];",
      "export const shape: Shape = { kind: 'circle', radius: 1 };",
      '// @ts-expect-error a point has exactly two numbers',
      'export const point: Point = [1, 2, 3];',
      '// @ts-expect-error not one of the enum values',
      "export const mode: Mode = { speed: 'fast' };",
    ].join('\n');
    const tsc = typeCheckTrees(
      [
        {
          root: resolve('test/.virtual/json-schema-2020'),
          files: new Map(files.map((file) => [file.path, file.text])),
          extra: new Map([['src/usage.ts', usage]]),
        },
      ],
      { compilerOptions: { skipLibCheck: true } },
    ).output;
    expect(tsc).toBe('');
  });

  it('a spec without schemas still has a types module for index.ts to re-export', async () => {
    const empty = await generate({ spec: 'test/fixtures/specs/no-schemas.yaml', write: false });
    const types = empty.files.find((file) => file.path === 'src/types.ts')!.text;
    expect(types.split('\n').filter((line) => line !== '' && !line.startsWith('//'))).toEqual(['export {};']);
    expect(empty.files.find((file) => file.path === 'src/index.ts')!.text).toContain("export type * from './types.js';");
  });
});
