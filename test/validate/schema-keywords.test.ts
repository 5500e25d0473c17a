// validate/schema for the JSON Schema keywords of an OpenAPI 3.1 or 3.2 document
// (generator/validate/rules/schema-keywords.ts): their OpenAPI schema checks only that a schema is
// an object or a boolean, so `required: true` or `maximum: ten` went through and the constraint
// was left out without a word. Each kind of keyword, wherever a schema sits; what only the docs
// show is a warning; 3.0 (whose own schema checks each keyword), another dialect and data that
// looks like a schema are left alone; and a run through the CLI refuses such a spec.
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../generator/diagnostics/diagnostic.js';
import { loadSpec } from '../../generator/load/load-spec.js';
import { checkSchemaKeywords } from '../../generator/validate/rules/schema-keywords.js';
import { runCli } from '../support/cli.js';

const HEAD = "openapi: 3.1.0\ninfo: { title: T, version: '1' }\n";

/** The findings for one property `x` of a component schema `A`, written as a flow mapping. */
function forProperty(x: string): Diagnostic[] {
  return checkSchemaKeywords(
    loadSpec('spec.yaml', `${HEAD}paths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        x: ${x}\n`),
  );
}

const brief = (d: Diagnostic) => `${d.severity} ${d.at.pointer}: ${d.message}`;

describe('each kind of keyword', () => {
  it.each([
    [
      '{ type: string, required: true }',
      'error /components/schemas/A/properties/x/required: `required` must be a list of property names; found true.',
    ],
    [
      '{ type: object, required: id }',
      'error /components/schemas/A/properties/x/required: `required` must be a list of property names; found the string "id".',
    ],
    [
      '{ type: object, required: [id, 5] }',
      'error /components/schemas/A/properties/x/required/1: `required` lists property names; item 1 is the number 5.',
    ],
    [
      "{ type: string, minLength: '5' }",
      'error /components/schemas/A/properties/x/minLength: `minLength` must be a whole number, 0 or more; found the string "5".',
    ],
    [
      '{ type: array, minItems: -1 }',
      'error /components/schemas/A/properties/x/minItems: `minItems` must be a whole number, 0 or more; found the number -1.',
    ],
    [
      '{ type: number, maximum: ten }',
      'error /components/schemas/A/properties/x/maximum: `maximum` must be a number; found the string "ten".',
    ],
    [
      '{ type: number, exclusiveMaximum: [1] }',
      'error /components/schemas/A/properties/x/exclusiveMaximum: `exclusiveMaximum` must be a number; found a list.',
    ],
    [
      '{ type: number, multipleOf: 0 }',
      'error /components/schemas/A/properties/x/multipleOf: `multipleOf` must be a number greater than 0; found the number 0.',
    ],
    ['{ type: string, pattern: 5 }', 'error /components/schemas/A/properties/x/pattern: `pattern` must be a string; found the number 5.'],
    ['{ type: string, format: 5 }', 'error /components/schemas/A/properties/x/format: `format` must be a string; found the number 5.'],
    [
      "{ type: string, readOnly: 'true' }",
      'error /components/schemas/A/properties/x/readOnly: `readOnly` must be true or false; found the string "true".',
    ],
    [
      '{ type: string, enum: foo }',
      'error /components/schemas/A/properties/x/enum: `enum` must be a list of the allowed values; found the string "foo".',
    ],
    [
      '{ type: object, properties: [] }',
      'error /components/schemas/A/properties/x/properties: `properties` must map names to schemas; found an empty list.',
    ],
    [
      '{ type: object, properties: { y: 5 } }',
      'error /components/schemas/A/properties/x/properties/y: `properties` maps `y` to the number 5, which is not a schema (an object, or true or false).',
    ],
    [
      '{ type: array, items: [{ type: string }] }',
      'error /components/schemas/A/properties/x/items: `items` must be a schema (an object, or true or false); found a list.',
    ],
    [
      "{ type: object, additionalProperties: 'no' }",
      'error /components/schemas/A/properties/x/additionalProperties: `additionalProperties` must be a schema (an object, or true or false); found the string "no".',
    ],
    [
      '{ allOf: { type: string } }',
      'error /components/schemas/A/properties/x/allOf: `allOf` must be a list of one or more schemas; found a mapping.',
    ],
    [
      '{ oneOf: [] }',
      'error /components/schemas/A/properties/x/oneOf: `oneOf` must be a list of one or more schemas; found an empty list.',
    ],
    [
      '{ anyOf: [{ type: string }, 5] }',
      'error /components/schemas/A/properties/x/anyOf/1: Item 1 of `anyOf` is the number 5, not a schema (an object, or true or false).',
    ],
    ['{ type: 5 }', "error /components/schemas/A/properties/x/type: `type` must be a type's name or a list of them; found the number 5."],
    [
      '{ definitions: { d: { type: { type: string } } } }',
      "error /components/schemas/A/properties/x/definitions/d/type: `type` must be a type's name or a list of them; found a mapping.",
    ],
    [
      '{ type: object, dependentRequired: { a: b } }',
      'error /components/schemas/A/properties/x/dependentRequired: `dependentRequired` must map each property name to a list of property names; found a mapping.',
    ],
    [
      '{ type: string, description: 5 }',
      'warning /components/schemas/A/properties/x/description: `description` must be a string; found the number 5.',
    ],
    [
      '{ type: string, examples: 5 }',
      'warning /components/schemas/A/properties/x/examples: `examples` must be a list; found the number 5.',
    ],
    [
      "{ type: string, deprecated: 'yes' }",
      'warning /components/schemas/A/properties/x/deprecated: `deprecated` must be true or false; found the string "yes".',
    ],
    [
      '{ type: number, exclusiveMinimum: true }',
      'warning /components/schemas/A/properties/x/exclusiveMinimum: `exclusiveMinimum: true` has no `minimum` beside it, so it bounds nothing.',
    ],
  ])('%s', (x, expected) => {
    expect(forProperty(x).map(brief)).toEqual([expected]);
  });

  it('hints say how to write it', () => {
    const hint = (x: string) => forProperty(x)[0]?.hint;
    expect(hint('{ type: string, required: true }')).toMatch(
      /^Name the required properties in the list of the object that holds them \(`required: \[id, name\]`/,
    );
    expect(hint("{ type: string, minLength: '5' }")).toBe('Write the number without quotes: `minLength: 5`.');
    expect(hint('{ type: number, maximum: ten }')).toBe('Write a number, without quotes (`maximum: 100`, say).');
    expect(hint('{ type: array, items: [{ type: string }] }')).toMatch(/in `prefixItems`\.$/);
    expect(hint('{ allOf: { type: string } }')).toBe('Put the schema in a list: `allOf: [ ... ]`.');
  });

  it('valid values of every keyword, and keywords it does not know, pass', () => {
    const valid =
      '{ type: [object, "null"], title: X, description: D, $comment: c, required: [a], properties: { a: { type: integer, minimum: 0, maximum: 9, exclusiveMinimum: -1, exclusiveMaximum: 10, multipleOf: 0.5 } }, ' +
      'patternProperties: { "^x-": true }, additionalProperties: false, propertyNames: { pattern: "^[a-z]" }, minProperties: 0, maxProperties: 5, dependentRequired: { a: [b] }, dependentSchemas: { a: {} }, ' +
      'allOf: [{}], anyOf: [true], oneOf: [{ type: object }], not: { type: string }, if: {}, then: {}, else: false, unevaluatedProperties: false, $defs: { d: { type: string } }, ' +
      'enum: [{}, null], const: 1, default: {}, examples: [{}], deprecated: false, readOnly: true, writeOnly: false, x-anything: [1], nullable: true, discriminator: { propertyName: kind }, example: 5 }';
    expect(forProperty(valid)).toEqual([]);
    expect(
      forProperty(
        '{ type: array, prefixItems: [{ type: string }], items: false, contains: {}, minContains: 1, maxContains: 2, minItems: 0, maxItems: 3, uniqueItems: true, unevaluatedItems: false }',
      ),
    ).toEqual([]);
    expect(forProperty('{ type: number, exclusiveMinimum: true, minimum: 0 }')).toEqual([]); // the model reports 3.0's form
  });
});

describe('wherever a schema sits', () => {
  const findings = (paths: string, components = '') =>
    checkSchemaKeywords(loadSpec('spec.yaml', `${HEAD}paths:\n${paths}${components}`)).map((d) => d.at.pointer);
  const ok = "responses: { '200': { description: OK } }";

  it('parameters, request and response bodies, headers, callbacks, webhooks, 3.2 item schemas and every component', () => {
    const paths = [
      '  /a:',
      '    parameters: [{ name: p, in: query, schema: { maxLength: x } }]',
      '    post:',
      '      parameters: [{ name: q, in: header, content: { text/plain: { schema: { minimum: x } } } }]',
      '      requestBody: { content: { application/json: { schema: { type: object, properties: { n: { maximum: x } } }, encoding: { n: { headers: { H: { schema: { pattern: 5 } } } } } } } }',
      "      responses: { '200': { description: OK, headers: { R: { schema: { enum: x } } }, content: { application/json: { itemSchema: { required: x } } } } }",
      "      callbacks: { cb: { '{$request.body#/url}': { post: { requestBody: { content: { application/json: { schema: { oneOf: [] } } } }, " +
        ok +
        ' } } } }',
      'webhooks:',
      `  w: { post: { requestBody: { content: { application/json: { schema: { items: [] } } } }, ${ok} } }`,
      '',
    ].join('\n');
    const components = [
      'components:',
      '  schemas: { S: { allOf: {} } }',
      '  parameters: { P: { name: p, in: query, schema: { minItems: x } } }',
      '  headers: { H: { schema: { maxItems: x } } }',
      '  requestBodies: { B: { content: { application/json: { schema: { format: 1 } } } } }',
      '  responses: { R: { description: R, content: { application/json: { schema: { readOnly: x } } } } }',
      "  pathItems: { I: { get: { responses: { '200': { description: OK, content: { application/json: { schema: { minLength: x } } } } } } } }",
      '  mediaTypes: { M: { schema: { maxLength: y } } }',
      '',
    ].join('\n');
    expect(findings(paths, components).sort()).toEqual(
      [
        '/paths/~1a/parameters/0/schema/maxLength',
        '/paths/~1a/post/parameters/0/content/text~1plain/schema/minimum',
        '/paths/~1a/post/requestBody/content/application~1json/schema/properties/n/maximum',
        '/paths/~1a/post/requestBody/content/application~1json/encoding/n/headers/H/schema/pattern',
        '/paths/~1a/post/responses/200/headers/R/schema/enum',
        '/paths/~1a/post/responses/200/content/application~1json/itemSchema/required',
        '/paths/~1a/post/callbacks/cb/{$request.body#~1url}/post/requestBody/content/application~1json/schema/oneOf',
        '/webhooks/w/post/requestBody/content/application~1json/schema/items',
        '/components/schemas/S/allOf',
        '/components/parameters/P/schema/minItems',
        '/components/headers/H/schema/maxItems',
        '/components/requestBodies/B/content/application~1json/schema/format',
        '/components/responses/R/content/application~1json/schema/readOnly',
        '/components/pathItems/I/get/responses/200/content/application~1json/schema/minLength',
        '/components/mediaTypes/M/schema/maxLength',
      ].sort(),
    );
  });

  it('data that looks like a schema is not one: examples, extensions, a server variable or link named `schema`', () => {
    const paths = [
      '  /a:',
      '    get:',
      "      responses: { '200': { description: OK, links: { schema: { operationId: a } }, content: { application/json: { schema: { type: object }, example: { schema: { required: true } }, examples: { e: { value: { maximum: x } } } } } } }",
      '      x-data: { schema: { required: true } }',
      'servers: [{ url: "https://{schema}.x", variables: { schema: { default: a, enum: [a] } } }]',
      '',
    ].join('\n');
    expect(findings(paths)).toEqual([]);
  });

  it('OpenAPI 3.0 (its own schema checks each keyword), another dialect, and a schema of another draft are left alone', () => {
    const bad = 'components:\n  schemas:\n    A: { type: string, required: true }\n';
    expect(checkSchemaKeywords(loadSpec('spec.yaml', `openapi: 3.0.3\ninfo: { title: T, version: '1' }\npaths: {}\n${bad}`))).toEqual([]);
    expect(
      checkSchemaKeywords(loadSpec('spec.yaml', `${HEAD}jsonSchemaDialect: 'https://example.com/dialect'\npaths: {}\n${bad}`)),
    ).toEqual([]);
    expect(
      checkSchemaKeywords(
        loadSpec(
          'spec.yaml',
          `${HEAD}paths: {}\ncomponents:\n  schemas:\n    A: { $schema: 'http://json-schema.org/draft-07/schema#', required: true }\n`,
        ),
      ),
    ).toEqual([]);
    expect(
      checkSchemaKeywords(loadSpec('spec.yaml', `openapi: 3.2.0\ninfo: { title: T, version: '1' }\npaths: {}\n${bad}`)).map(brief),
    ).toEqual(['error /components/schemas/A/required: `required` must be a list of property names; found true.']);
  });
});

describe('through the CLI', () => {
  it('refuses the spec with each problem located, and writes nothing', async () => {
    const { mkdtemp, readdir, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const work = await mkdtemp(join(tmpdir(), 'sdkgen-keywords-'));
    try {
      await writeFile(
        join(work, 'api.yaml'),
        `${HEAD}paths: {}\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      properties:\n        name:\n          type: string\n          required: true\n`,
      );
      const run = await runCli(['generate', '--spec', 'api.yaml', '--out', 'out'], work);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('api.yaml:11:21: error[validate/schema] `required` must be a list of property names; found true.');
      expect(run.stderr).toContain('sdkgen: 1 problem in the spec; nothing was written.');
      expect(await readdir(work)).toEqual(['api.yaml']);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
