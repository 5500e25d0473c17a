// A misspelt $ref or schema type gets "did you mean": the ref's whole corrected pointer when the
// rest of its path is there (a misspelt `parameter` segment, not only the last key), never the
// node the ref stands in; a type under another language's name (`int`, `datetime`) its JSON
// Schema form. Without anything close, the message still names what is missing where.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpecError } from '../../generator/diagnostics/diagnostic.js';
import { generate } from '../../generator/pipeline.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sdkgen-misspellings-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** The errors of a spec: [code, pointer, message, hint]. */
async function errorsOf(name: string, text: string): Promise<string[][]> {
  const file = join(work, `${name}.yaml`);
  await writeFile(file, `openapi: 3.1.0\ninfo: { title: T, version: '1' }\n${text}`);
  const error = await generate({ spec: file, write: false }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SpecError);
  return (error as SpecError).diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.at.pointer, d.message, d.hint ?? '']);
}

const OK = "responses: { '200': { description: OK } }";

describe('a $ref that points at nothing', () => {
  it('a misspelt segment on the way: the whole ref, corrected', async () => {
    const errors = await errorsOf(
      'segment',
      `paths:\n  /a:\n    get: { parameters: [{ $ref: '#/components/parameter/Limit' }], ${OK} }\ncomponents:\n  parameters:\n    Limit: { name: limit, in: query, schema: { type: integer } }\n`,
    );
    expect(errors).toEqual([
      [
        'model/unresolved-ref',
        '/paths/~1a/get/parameters/0/$ref',
        'The $ref "#/components/parameter/Limit" points at nothing: `/components` has no `parameter`.',
        'Did you mean `#/components/parameters/Limit`?',
      ],
    ]);
  });

  it('a misspelt last key: the key that is there; none that the ref stands in', async () => {
    const errors = await errorsOf(
      'last',
      "paths: {}\ncomponents:\n  schemas:\n    Pet: { type: object, properties: { owner: { $ref: '#/components/schemas/Ownr' }, self: { $ref: '#/components/schemas/Pets' } } }\n    Owner: { type: string }\n",
    );
    expect(errors.map(([, pointer, , hint]) => [pointer, hint])).toEqual([
      ['/components/schemas/Pet/properties/owner/$ref', 'Did you mean `#/components/schemas/Owner`?'],
      // `Pet` is the schema the ref stands in: no suggestion
      [
        '/components/schemas/Pet/properties/self/$ref',
        'Point the $ref at an existing `#/components/...` entry (check the spelling and the casing).',
      ],
    ]);
    expect(errors[1]![2]).toBe('The $ref "#/components/schemas/Pets" points at nothing: `/components/schemas` has no `Pets`.');
  });

  it('nothing close: the message names what is missing where, with the general hint', async () => {
    const errors = await errorsOf('none', "paths: {}\ncomponents:\n  schemas:\n    A: { $ref: '#/definitions/Zebra' }\n");
    expect(errors).toEqual([
      [
        'model/unresolved-ref',
        '/components/schemas/A/$ref',
        'The $ref "#/definitions/Zebra" points at nothing: the document has no `definitions`.',
        'Point the $ref at an existing `#/components/...` entry (check the spelling and the casing).',
      ],
    ]);
  });
});

describe('an unknown schema type', () => {
  it.each([
    ['int', 'Did you mean `type: integer`?'],
    ['long', 'Did you mean `type: integer, format: int64`?'],
    ['double', 'Did you mean `type: number, format: double`?'],
    ['bool', 'Did you mean `type: boolean`?'],
    ['datetime', 'Did you mean `type: string, format: date-time`?'],
    ['dict', 'Did you mean `type: object`?'],
    ['strng', 'Did you mean `type: string`?'],
    ['Array', 'Did you mean `type: array`?'],
  ])('%s: %s', async (type, hint) => {
    const [error] = await errorsOf(`type-${type}`, `paths: {}\ncomponents:\n  schemas:\n    A: { type: ${type} }\n`);
    expect(error).toEqual([
      'model/unsupported-construct',
      '/components/schemas/A/type',
      `Unknown schema type "${type}".`,
      `${hint} The types are string, number, integer, boolean, null, object, array.`,
    ]);
  });

  it('a mapping in place of a type (a property named `type` out of `properties`): said so where the model reads it', async () => {
    const file = join(work, 'type-mapping.yaml');
    await writeFile(
      file,
      // in an extension, where neither OpenAPI's schema nor sdkgen's keyword rule looks
      "openapi: 3.0.3\ninfo: { title: T, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    A: { x-defs: { T: { type: { type: string, enum: [a, b] } } }, allOf: [{ $ref: '#/components/schemas/A/x-defs/T' }] }\n",
    );
    const error = await generate({ spec: file, write: false }).catch((e: unknown) => e);
    expect((error as SpecError).diagnostics.map((d) => [d.code, d.at.pointer, d.message, d.hint])).toEqual([
      [
        'model/unsupported-construct',
        '/components/schemas/A/x-defs/T/type',
        "`type` must be a type's name or a list of them; found a mapping.",
        'A mapping here reads like the schema of a property named `type`: move it under `properties`.',
      ],
    ]);
  });

  it('nothing close: the list of types', async () => {
    const [error] = await errorsOf('type-far', 'paths: {}\ncomponents:\n  schemas:\n    A: { type: zebra }\n');
    expect(error![3]).toBe('Use one of string, number, integer, boolean, null, object, array.');
  });
});
