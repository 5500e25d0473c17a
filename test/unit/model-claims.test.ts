// Model diagnostics the README lists, each from a small spec written here: where it is reported,
// and what the model (and the validator generated from it) does with the construct. An external
// $ref an overlay writes (after the spec's own refs were bundled) is `model/external-ref`; a 3.0
// form in a 3.1 spec and 2019-09's `$recursiveRef` are `model/legacy-form` warnings, read the 3.0
// way and as a `$ref`; a `oneOf` whose branches overlap is `model/overlapping-one-of`, read as
// `anyOf`.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../generator/diagnostics/diagnostic.js';
import { loadSpec } from '../../generator/load/load-spec.js';
import { loadSpecFiles } from '../../generator/load/load-spec-files.js';
import { buildModel } from '../../generator/model/build-model.js';
import { generate } from '../../generator/pipeline.js';
import { validateSpec } from '../../generator/validate/validate-spec.js';
import { loadValidatorsOnly, validatorOf } from '../validators/harness.js';

/** A 3.1 spec with one operation returning `Thing` and the given component schemas (YAML, indented for `schemas:`). */
function specText(schemas: string): string {
  return `openapi: 3.1.0
info: { title: Claims, version: 1.0.0 }
paths:
  /things:
    post:
      operationId: makeThing
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Thing' }
components:
  schemas:
${schemas}`;
}

async function model(schemas: string) {
  return buildModel(await validateSpec(loadSpec('spec.yaml', specText(schemas))));
}

/** The 1-based line of the spec on which `text` first appears. */
function lineOf(schemas: string, text: string): number {
  return (
    specText(schemas)
      .split('\n')
      .findIndex((line) => line.includes(text)) + 1
  );
}

describe('model/external-ref', () => {
  const ref = "'./other.yaml#/components/schemas/Thing'";
  const files = {
    'spec.yaml': specText('    Thing: { type: object }\n'),
    'other.yaml': 'components:\n  schemas:\n    Thing: { type: object, properties: { id: { type: string } } }\n',
    'overlay.yaml': `overlay: 1.0.0\ninfo: { title: O, version: 1.0.0 }\nactions:\n  - target: $.components.schemas.Thing\n    update: { $ref: ${ref} }\n`,
  };

  it('is the error for a $ref to another file that an overlay writes (the spec is bundled before overlays apply), at the overlay line', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'sdkgen-external-ref-'));
    for (const [name, text] of Object.entries(files)) await writeFile(join(folder, name), text);
    const error = await generate({ spec: 'spec.yaml', overlays: ['overlay.yaml'], cwd: folder, write: false }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).diagnostics.map((d) => [d.code, d.severity, `${d.at.file}:${d.at.line}`, d.at.pointer])).toEqual([
      ['model/external-ref', 'error', 'overlay.yaml:5', '/actions/0/update/$ref'],
    ]);
    expect((error as SpecError).diagnostics[0]!.message).toContain('"./other.yaml#/components/schemas/Thing"');
    // the same ref written in the spec itself is bundled: other.yaml's schema becomes a component
    const written = specText(`    Thing: { $ref: ${ref} }\n`);
    const bundled = await loadSpecFiles('spec.yaml', written, join(folder, 'spec.yaml'));
    const { api, warnings } = buildModel(await validateSpec(bundled));
    expect(warnings).toEqual([]);
    expect(api.schemas.find((schema) => schema.key === 'Thing')?.schema).toMatchObject({ kind: 'object', properties: [{ name: 'id' }] });
  });
});

describe('model/legacy-form', () => {
  it('warns on `$recursiveRef: "#"` (JSON Schema 2019-09) at its pointer, and reads it as a $ref to the component', async () => {
    const schemas = `    Thing:
      type: object
      properties:
        name: { type: string }
        children:
          type: array
          items: { $recursiveRef: '#' }
`;
    const { api, warnings } = await model(schemas);
    const at = '/components/schemas/Thing/properties/children/items/$recursiveRef';
    expect(warnings.map((w) => [w.code, w.severity, w.at.pointer, w.at.line])).toEqual([
      ['model/legacy-form', 'warning', at, lineOf(schemas, '$recursiveRef')],
    ]);
    expect(warnings[0]!.message).toContain('`$ref: "#/components/schemas/Thing"`');
    const thing = api.schemas.find((schema) => schema.key === 'Thing')!.schema;
    expect(thing.kind === 'object' && thing.properties.find((p) => p.name === 'children')?.schema).toMatchObject({
      kind: 'array',
      items: { kind: 'ref', target: 'Thing' },
    });
    // the validator checks each child as a Thing, to any depth
    const validate = validatorOf(await loadValidatorsOnly(api), 'Thing');
    expect(validate({ name: 'a', children: [{ name: 'b', children: [{ name: 'c' }] }] })).toEqual([]);
    expect(validate({ name: 'a', children: [{ name: 'b', children: [{ name: 3 }] }] }).map((issue) => issue.path)).toEqual([
      ['children', 0, 'children', 0, 'name'],
    ]);
  });

  it('warns on a 3.0 form in a 3.1 spec (`nullable: true`) at its pointer, and reads it the 3.0 way', async () => {
    const { api, warnings } = await model(
      '    Thing:\n      type: object\n      properties:\n        note: { type: string, nullable: true }\n',
    );
    expect(warnings.map((w) => [w.code, w.severity, w.at.pointer])).toEqual([
      ['model/legacy-form', 'warning', '/components/schemas/Thing/properties/note/nullable'],
    ]);
    const validate = validatorOf(await loadValidatorsOnly(api), 'Thing');
    expect(validate({ note: null }, 'strict')).toEqual([]);
    expect(validate({ note: 'x' }, 'strict')).toEqual([]);
    expect(validate({ note: 1 }, 'strict')).toHaveLength(1);
  });

  it("hints at 3.1 in a 3.1 spec, and at the message's own fix in a 3.0 spec (twilio declares 3.0.1)", async () => {
    const hints = async (version: string, schemas: string) => {
      const text = specText(schemas).replace('openapi: 3.1.0', `openapi: ${version}`);
      return buildModel(await validateSpec(loadSpec('spec.yaml', text))).warnings.map((w) => [w.code, w.hint]);
    };
    const nullableRef =
      "    Status: { type: string }\n    Thing:\n      type: object\n      properties:\n        status: { $ref: '#/components/schemas/Status', nullable: true }\n";
    expect(await hints('3.0.1', nullableRef)).toEqual([
      ['model/legacy-form', 'Write it as the message says; the rest of the document stays OpenAPI 3.0.'],
    ]);
    expect(await hints('3.1.0', '    Thing: { type: string, nullable: true }\n')).toEqual([
      ['model/legacy-form', 'Write the OpenAPI 3.1 form (JSON Schema 2020-12), or declare `openapi: 3.0.x` if the spec is 3.0.'],
    ]);
    expect(await hints('3.0.3', '    Thing: { type: integer, exclusiveMinimum: true }\n')).toEqual([
      ['model/legacy-form', 'Give the `minimum` it makes exclusive, or remove it.'],
    ]);
  });
});

describe('model/overlapping-one-of', () => {
  it('warns on a oneOf whose branches overlap (integer and number) at its pointer, and reads it as anyOf', async () => {
    const schemas = '    Thing:\n      oneOf:\n        - { type: integer }\n        - { type: number }\n';
    const { api, warnings } = await model(schemas);
    expect(warnings.map((w) => [w.code, w.severity, w.at.pointer, w.at.line])).toEqual([
      ['model/overlapping-one-of', 'warning', '/components/schemas/Thing/oneOf', lineOf(schemas, 'oneOf:')],
    ]);
    expect(warnings[0]!.message).toContain('every integer is also a number');
    expect(api.schemas.find((schema) => schema.key === 'Thing')?.schema).toMatchObject({ kind: 'union', mode: 'anyOf' });
    // 3 matches both branches, which a oneOf rejects: as an anyOf it is accepted in every mode
    const validate = validatorOf(await loadValidatorsOnly(api), 'Thing');
    for (const mode of ['loose', 'request', 'strict'] as const) {
      expect(validate(3, mode), mode).toEqual([]);
      expect(validate(1.5, mode), mode).toEqual([]);
      expect(validate('3', mode), mode).toHaveLength(1);
    }
  });

  it('leaves a oneOf of disjoint branches a oneOf, without the warning', async () => {
    const { api, warnings } = await model('    Thing:\n      oneOf:\n        - { type: integer }\n        - { type: string }\n');
    expect(warnings).toEqual([]);
    expect(api.schemas.find((schema) => schema.key === 'Thing')?.schema).toMatchObject({ kind: 'union', mode: 'oneOf' });
  });
});

describe('a closed object that requires a key it does not declare', () => {
  // e-conomic's published spec has such objects: as written no value matches them
  const schemas =
    '    Thing:\n      type: object\n      additionalProperties: false\n      required: [id, name]\n      properties:\n        id: { type: string }\n';

  it('warns (model/unchecked-construct) at `required`, and reads the key as a required property of any value', async () => {
    const { api, warnings } = await model(schemas);
    expect(warnings.map((w) => [w.code, w.severity, w.at.pointer, w.at.line])).toEqual([
      ['model/unchecked-construct', 'warning', '/components/schemas/Thing/required', lineOf(schemas, 'required:')],
    ]);
    expect(warnings[0]!.message).toBe(
      '`name` is required but the closed object declares no such property, so no value could match; sdkgen reads it as a required property of any value.',
    );
    expect(api.schemas.find((schema) => schema.key === 'Thing')?.schema).toMatchObject({
      kind: 'object',
      additionalProperties: false,
      properties: [
        { name: 'id', required: true, schema: { kind: 'string' } },
        { name: 'name', required: true, schema: { kind: 'unknown' } },
      ],
    });
    const validate = validatorOf(await loadValidatorsOnly(api), 'Thing');
    for (const mode of ['loose', 'request', 'strict'] as const) {
      expect(validate({ id: 'a', name: 7 }, mode), mode).toEqual([]);
      expect(
        validate({ id: 'a' }, mode).map((issue) => issue.message),
        mode,
      ).toEqual(['missing required key `name`: expected any value']);
    }
    // the object stays closed to every other key
    expect(validate({ id: 'a', name: 7, extra: 1 }, 'strict')).toHaveLength(1);
  });
});

describe('a request body with no media type', () => {
  // just-eat's published spec has `requestBody: { content: {}, required: false }`
  it('is a warning at its content, and the operation sends no body', async () => {
    const text = `openapi: 3.1.0
info: { title: Empty, version: 1.0.0 }
paths:
  /channels/{channel}:
    post:
      operationId: subscribe
      parameters: [{ name: channel, in: path, required: true, schema: { type: string } }]
      requestBody: { content: {}, required: false }
      responses: { '204': { description: subscribed } }
`;
    const { api, warnings } = buildModel(await validateSpec(loadSpec('spec.yaml', text)));
    expect(warnings.map((w) => [w.code, w.severity, w.at.pointer, w.at.line])).toEqual([
      ['validate/unsupported-media-type', 'warning', '/paths/~1channels~1{channel}/post/requestBody/content', 8],
    ]);
    expect(warnings[0]!.message).toBe(
      'The request body has no media type, so there is nothing to send: the operation is generated without a body.',
    );
    expect(api.operations[0]!.body).toBeUndefined();
  });
});

describe('allOf: [{ $ref }, { nullable: true }]', () => {
  // how 3.0 specs, and OpenAI's (RunObject's truncation_strategy and tool_choice), say "X or null"
  const schemas = (part: string) =>
    `    Thing:\n      type: object\n      required: [limit]\n      properties:\n        limit:\n          allOf:\n            - $ref: '#/components/schemas/Limit'\n            - ${part}\n    Limit:\n      type: object\n      properties: { max: { type: integer } }\n`;

  it('is the ref or null, with the legacy-form warning at the `nullable`', async () => {
    const { api, warnings } = await model(schemas('nullable: true'));
    expect(warnings.map((w) => [w.code, w.at.pointer])).toEqual([
      ['model/legacy-form', '/components/schemas/Thing/properties/limit/allOf/1/nullable'],
    ]);
    const validate = validatorOf(await loadValidatorsOnly(api), 'Thing');
    for (const mode of ['loose', 'request', 'strict'] as const) {
      expect(validate({ limit: null }, mode), mode).toEqual([]);
      expect(validate({ limit: { max: 3 } }, mode), mode).toEqual([]);
      expect(
        validate({ limit: 5 }, mode).map((issue) => issue.message),
        mode,
      ).toEqual(['expected an object `{ max }` or null; found number 5']);
    }
  });

  it('in an anyOf, the same variant is null: `anyOf: [{ $ref }, { nullable: true }]` is the ref or null, not any value', async () => {
    const { api } = await model(schemas('nullable: true').replace('allOf:', 'anyOf:'));
    const validate = validatorOf(await loadValidatorsOnly(api), 'Thing');
    for (const mode of ['loose', 'request', 'strict'] as const) {
      expect(validate({ limit: null }, mode), mode).toEqual([]);
      expect(validate({ limit: { max: 3 } }, mode), mode).toEqual([]);
      expect(validate({ limit: 5 }, mode), mode).toHaveLength(1);
    }
  });

  it('a part that says more than `nullable` (a type) is a part like any other', async () => {
    const { api } = await model(schemas('{ nullable: true, type: object, required: [max] }'));
    const validate = validatorOf(await loadValidatorsOnly(api), 'Thing');
    expect(validate({ limit: null }, 'loose')).not.toEqual([]);
    expect(validate({ limit: { max: 3 } }, 'loose')).toEqual([]);
  });
});

describe('a header parameter with an empty name', () => {
  // Notion's published spec has one (an empty row of a Postman collection)
  it('is left out with a model/invalid-header warning at its name; one named wrongly stays an error', async () => {
    const spec = (name: string) => `openapi: 3.1.0
info: { title: Headers, version: 1.0.0 }
paths:
  /pages:
    get:
      operationId: getPages
      parameters:
        - { in: header, name: Notion-Version, required: true, schema: { type: string } }
        - { in: header, name: "${name}", schema: { type: string } }
      responses: { '204': { description: none } }
`;
    const { api, warnings } = buildModel(await validateSpec(loadSpec('spec.yaml', spec(''))));
    expect(warnings.map((w) => [w.code, w.severity, w.at.pointer, w.at.line])).toEqual([
      ['model/invalid-header', 'warning', '/paths/~1pages/get/parameters/1/name', 9],
    ]);
    expect(api.operations[0]!.parameters.map((parameter) => parameter.name)).toEqual(['Notion-Version']);
    const refused = await validateSpec(loadSpec('spec.yaml', spec('Not Fine')))
      .then((valid) => buildModel(valid))
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect((refused as SpecError).diagnostics.map((d) => [d.code, d.severity])).toEqual([['model/invalid-header', 'error']]);
  });
});

describe('a form body whose schema is a string', () => {
  // spoonacular's published spec: `application/x-www-form-urlencoded` with `schema: { type: string }`
  // and examples such as `text=I like tacos`; and one such body declared multipart/form-data
  const spec = (mediaType: string) => `openapi: 3.1.0
info: { title: Forms, version: 1.0.0 }
paths:
  /food/detect:
    post:
      operationId: detectFood
      requestBody:
        required: true
        content:
          ${mediaType}:
            schema: { type: string }
            example: text=I like tacos
      responses: { '204': { description: none } }
`;

  it('urlencoded: the form already encoded, sent as it is under its media type', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'sdkgen-form-string-')), 'spec.yaml');
    await writeFile(file, spec('application/x-www-form-urlencoded'));
    const { api, warnings } = buildModel(await validateSpec(loadSpec(file, spec('application/x-www-form-urlencoded'))));
    expect(warnings).toEqual([]);
    expect(api.operations[0]!.body).toMatchObject({ contentType: 'text', mediaType: 'application/x-www-form-urlencoded' });
    const { files } = await generate({ spec: file, write: false });
    const requests = files.find((f) => f.path === 'src/requests.ts')!.text;
    expect(requests).toContain("headers: { 'Content-Type': 'application/x-www-form-urlencoded' },\n    body: request.body,");
    expect(requests).toContain('  body: string;');
  });

  it('multipart: refused at the schema, since a form of named parts cannot be built from a string', async () => {
    const refused = await validateSpec(loadSpec('spec.yaml', spec('multipart/form-data')))
      .then((valid) => buildModel(valid))
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SpecError);
    expect((refused as SpecError).diagnostics.map((d) => [d.code, d.severity, d.at.pointer])).toEqual([
      ['model/unsupported-construct', 'error', '/paths/~1food~1detect/post/requestBody/content/multipart~1form-data/schema'],
    ]);
  });
});

describe('an action or a collection: the last segment after an id', () => {
  // POST /jobs/{id}/run is an action on jobs; POST /jobs/{id}/note is a resource of its own
  // when a path lies below it (a singleton it updates), also one below only in a key whose query
  // or fragment the wire leaves out. One spec: each POST has its own kind of path below it.
  const id = '{ name: id, in: path, required: true, schema: { type: string } }';
  const post = (path: string, operationId: string) =>
    `  ${path}:\n    post: { operationId: ${operationId}, parameters: [${id}], responses: { '204': { description: ok } } }\n`;
  const below = (path: string, operationId: string) =>
    `  ${path}:\n    delete: { operationId: ${operationId}, parameters: [${id}${path.includes('{sub}') ? ', { name: sub, in: path, required: true, schema: { type: string } }' : ''}], responses: { '204': { description: ok } } }\n`;

  it('is an action without paths below it, and a resource of its own with one (also below a key with a query or a fragment)', async () => {
    const text = `openapi: 3.1.0
info: { title: Actions, version: 1.0.0 }
paths:
${post('/jobs/{id}/run', 'runJob')}${post('/jobs/{id}/note', 'addNote')}${below('/jobs/{id}/note/{sub}', 'underNote')}${post('/jobs/{id}/pin', 'pin')}${below('/jobs/{id}/pin/x?y=1', 'underPin')}${post('/jobs/{id}/tag', 'tag')}${below('/jobs/{id}/tag/x#Action=X', 'underTag')}${post('/jobs/{id}/flag', 'flag')}${below('/jobs/{id}/flag/', 'underFlag')}${post('/jobs/{id}/mark', 'mark')}${below('/jobs/{id}/markdown', 'markdown')}`;
    const { api } = buildModel(await validateSpec(loadSpec('spec.yaml', text)));
    const names = Object.fromEntries(
      api.operations.map((op) => [op.operationId, [...op.names.resource.map(String), String(op.names.method)].join('.')]),
    );
    expect(names).toMatchObject({
      runJob: 'jobs.run',
      addNote: 'jobs.note.update',
      pin: 'jobs.pin.update',
      tag: 'jobs.tag.update',
      flag: 'jobs.flag.update',
      // a sibling that only starts with the same letters is not below it
      mark: 'jobs.mark',
    });
  });
});

describe('among several JSON media types, application/json', () => {
  // va.gov facilities: `application/geo+json` (GeoFacility) first, then `application/json`
  // (Facility). The client asks with `Accept: application/json` and sends JSON bodies as
  // `application/json`, so that media type's schema is the one to check and type.
  it("is the response's and the request body's media type, wherever it is listed", async () => {
    const text = `openapi: 3.1.0
info: { title: Media, version: 1.0.0 }
paths:
  /facilities:
    patch:
      operationId: patchFacility
      requestBody:
        content:
          application/merge-patch+json: { schema: { $ref: '#/components/schemas/Patch' } }
          application/json; charset=utf-8: { schema: { $ref: '#/components/schemas/Facility' } }
      responses:
        '200':
          description: ok
          content:
            application/geo+json: { schema: { $ref: '#/components/schemas/GeoFacility' } }
            application/json: { schema: { $ref: '#/components/schemas/Facility' } }
        default:
          description: error
          content:
            application/problem+json: { schema: { $ref: '#/components/schemas/Patch' } }
            application/json: { schema: { $ref: '#/components/schemas/Problem' } }
  /geo:
    get:
      operationId: geo
      responses:
        '200': { description: ok, content: { application/geo+json: { schema: { $ref: '#/components/schemas/GeoFacility' } } } }
components:
  schemas:
    Facility: { type: object, properties: { id: { type: string } } }
    GeoFacility: { type: object, properties: { type: { const: Feature } } }
    Patch: { type: object }
    Problem: { type: object, properties: { title: { type: string } } }
`;
    const { api } = buildModel(await validateSpec(loadSpec('spec.yaml', text)));
    const [geo, patch] = [...api.operations].sort((a, b) => a.operationId.localeCompare(b.operationId));
    expect(patch!.response).toMatchObject({
      contentType: 'application/json',
      mediaType: 'application/json',
      schema: { kind: 'ref', target: 'Facility' },
    });
    expect(patch!.body).toMatchObject({ mediaType: 'application/json; charset=utf-8', schema: { kind: 'ref', target: 'Facility' } });
    expect(patch!.errorSchema).toMatchObject({ kind: 'ref', target: 'Problem' });
    // with no application/json, another JSON media type is read
    expect(geo!.response).toMatchObject({ mediaType: 'application/geo+json', schema: { kind: 'ref', target: 'GeoFacility' } });
  });
});

describe('file content listed under a JSON media type too', () => {
  // Azure machine learning artifacts: a download lists `application/json` and
  // `application/octet-stream`, both `type: string, format: binary`
  it('is a binary response read as the file, asked for with its own media type', async () => {
    const text = `openapi: 3.0.3
info: { title: Files, version: 1.0.0 }
paths:
  /content:
    get:
      operationId: download
      responses:
        '200':
          description: the file
          content:
            application/json: { schema: { $ref: '#/components/schemas/File' } }
            application/octet-stream: { schema: { type: string, format: binary } }
  /summary:
    get:
      operationId: summary
      responses:
        '200':
          description: JSON beside a file type, read as JSON
          content:
            application/json: { schema: { type: object } }
            application/octet-stream: { schema: { type: string, format: binary } }
components:
  schemas:
    File: { type: string, format: binary }
`;
    const { api } = buildModel(await validateSpec(loadSpec('spec.yaml', text)));
    const byId = Object.fromEntries(api.operations.map((op) => [op.operationId, op.response]));
    expect(byId['download']).toMatchObject({ contentType: 'binary', mediaType: 'application/octet-stream' });
    expect(byId['summary']).toMatchObject({ contentType: 'application/json', mediaType: 'application/json' });
  });
});

describe('the scheme the client sends its key by', () => {
  const auth = async (security: string, schemes: string) => {
    const text = `openapi: 3.1.0
info: { title: Keys, version: 1.0.0 }
${security}
paths:
  /a:
    get: { operationId: getA, responses: { '204': { description: ok } } }
  /b:
    get:
      operationId: getB
      security: [{ key: [] }, { other: [] }]
      responses: { '204': { description: ok } }
  /open:
    get: { operationId: getOpen, security: [{}], responses: { '204': { description: ok } } }
components:
  securitySchemes:
${schemes}`;
    const { api, warnings } = buildModel(await validateSpec(loadSpec('spec.yaml', text)));
    return { auth: api.package.auth, warnings: warnings.map((w) => w.code) };
  };

  it('is an apiKey scheme that meets every operation requiring one alone, when a bearer token cannot: its place, no warning', async () => {
    expect(
      await auth(
        'security: [{ key: [] }]',
        '    key: { type: apiKey, in: header, name: X-Auth-Token }\n    other: { type: http, scheme: basic }',
      ),
    ).toEqual({
      auth: { in: 'header', name: 'X-Auth-Token' },
      warnings: [],
    });
    expect(
      await auth(
        'security: [{ key: [] }]',
        '    key: { type: apiKey, in: query, name: api_key }\n    other: { type: apiKey, in: cookie, name: s }',
      ),
    ).toEqual({
      auth: { in: 'query', name: 'api_key' },
      warnings: [],
    });
  });

  it('is the bearer token when it meets every operation, and stays so when no one apiKey scheme does (with the warnings)', async () => {
    // /b may use a bearer token; /a, with the document's requirement, may not: the key scheme it is
    expect(
      (
        await auth(
          'security: [{ key: [] }]',
          '    key: { type: apiKey, in: header, name: X-Key }\n    other: { type: http, scheme: bearer }',
        )
      ).auth,
    ).toEqual({
      in: 'header',
      name: 'X-Key',
    });
    expect(
      await auth(
        'security: [{ other: [] }]',
        '    key: { type: apiKey, in: header, name: X-Key }\n    other: { type: http, scheme: bearer }',
      ),
    ).toEqual({
      auth: 'bearer',
      warnings: [],
    });
    // the key as the whole Authorization header, or AWS SigV4, is never sent this way
    expect(
      await auth(
        'security: [{ key: [] }]',
        '    key: { type: apiKey, in: header, name: Authorization }\n    other: { type: http, scheme: basic }',
      ),
    ).toEqual({ auth: 'bearer', warnings: ['model/unsent-credentials', 'model/unsent-credentials'] });
  });
});

describe('model/unsent-credentials', () => {
  // NYT's books API takes its key in the query, lambdatest HTTP basic, VTEX in headers of its own
  it('warns, with the client option that sends it, for each scheme of an operation that a bearer token cannot serve', async () => {
    const text = `openapi: 3.1.0
info: { title: Keys, version: 1.0.0 }
security: [{ query_key: [] }]
paths:
  /things:
    get:
      operationId: listThings
      security: [{ basic: [], header_key: [] }]
      responses: { '204': { description: ok } }
  /other:
    get: { operationId: listOther, responses: { '204': { description: ok } } }
  /either:
    get:
      operationId: listEither
      security: [{ cookie_key: [] }, { bearer: [] }]
      responses: { '204': { description: ok } }
  /open:
    get:
      operationId: listOpen
      security: [{}, { digest: [] }]
      responses: { '204': { description: ok } }
  /aws:
    get:
      operationId: listAws
      security: [{ hmac: [] }, { sigv4: [] }]
      responses: { '204': { description: ok } }
components:
  securitySchemes:
    query_key: { type: apiKey, in: query, name: api-key }
    header_key: { type: apiKey, in: header, name: X-VTEX-API-AppKey }
    cookie_key: { type: apiKey, in: cookie, name: session }
    basic: { type: http, scheme: basic }
    digest: { type: http, scheme: digest }
    bearer: { type: http, scheme: bearer }
    hmac: { type: apiKey, in: header, name: Authorization }
    sigv4: { type: apiKey, in: header, name: Authorization, x-amazon-apigateway-authtype: awsSigv4 }
`;
    const { api, warnings } = buildModel(await validateSpec(loadSpec('spec.yaml', text)));
    expect(api.package.auth).toBe('bearer');
    // cookie_key has a bearer alternative, digest an anonymous one: neither is warned about
    expect(warnings.map((w) => [w.code, w.at.pointer, w.hint])).toEqual([
      [
        'model/unsent-credentials',
        '/components/securitySchemes/basic',
        'Create the client with `{ apiKey: password, defaultHeaders: { authorization: `Basic ${btoa(`${user}:${password}`)}` } }`: defaultHeaders replace the bearer header.',
      ],
      [
        'model/unsent-credentials',
        '/components/securitySchemes/header_key',
        'Create the client with `{ apiKey, defaultHeaders: { "X-VTEX-API-AppKey": apiKey } }`: the key stays out of errors and logs (it also goes out as a bearer token).',
      ],
      [
        'model/unsent-credentials',
        '/components/securitySchemes/query_key',
        'Create the client with `{ apiKey, defaultQuery: { "api-key": apiKey } }`: the key stays out of errors and logs (it also goes out as a bearer token).',
      ],
      // AWS's specs: a key as the whole Authorization header, and SigV4 (signed per request)
      [
        'model/unsent-credentials',
        '/components/securitySchemes/hmac',
        'Create the client with `{ apiKey, defaultHeaders: { authorization: apiKey } }`: defaultHeaders replace the bearer header.',
      ],
      [
        'model/unsent-credentials',
        '/components/securitySchemes/sigv4',
        'Sign each request in a `fetch` given to the client (the `fetch` option), with a SigV4 signer such as `@smithy/signature-v4`.',
      ],
    ]);
    expect(warnings[2]!.message).toBe(
      'The security scheme "query_key" takes an API key in the query parameter "api-key". The client sends its key as `Authorization: Bearer <apiKey>`, which this scheme does not read.',
    );
  });
});
