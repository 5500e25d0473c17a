// sdkgen's own spec rules (generator/validate/rules/) and the UTF-8 check of the loader: what
// each refuses and what it must not refuse. (test/corpus/ generates every real spec, so a rule
// that refused one fails there.)
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../generator/diagnostics/diagnostic.js';
import { decodeUtf8 } from '../../generator/load/decode-utf8.js';
import { loadSpec } from '../../generator/load/load-spec.js';
import { checkComponentNames } from '../../generator/validate/rules/component-names.js';
import { checkEquivalentPaths } from '../../generator/validate/rules/equivalent-paths.js';
import { checkSecuritySchemes } from '../../generator/validate/rules/security-schemes.js';
import { validateLater, validateSpec } from '../../generator/validate/validate-spec.js';

const spec = (text: string) => loadSpec('spec.yaml', `openapi: 3.1.0\ninfo: { title: T, version: '1' }\n${text}`);
const op = (id: string, parameter?: string) =>
  `{ operationId: ${id}, ${parameter ? `parameters: [{ name: ${parameter}, in: path, required: true, schema: { type: string } }], ` : ''}responses: { '200': { description: OK } } }`;

describe('validate/equivalent-paths (OAS 3.1 §4.8.8.2)', () => {
  it('warns of two templates that differ only in parameter names, at the second, pointing at the first', () => {
    const problems = checkEquivalentPaths(
      spec(`paths:\n  /pets/{id}:\n    get: ${op('a', 'id')}\n  /pets/{petId}:\n    delete: ${op('b', 'petId')}\n`),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: 'validate/equivalent-paths',
      severity: 'warning',
      at: { line: 6, column: 3, pointer: '/paths/~1pets~1{petId}' },
      related: [{ at: { line: 4, pointer: '/paths/~1pets~1{id}' } }],
    });
    expect(problems[0]!.message).not.toContain('both declare'); // GET and DELETE: the paths clash even so
  });

  it('names the methods both declare', () => {
    const [problem] = checkEquivalentPaths(spec(`paths:\n  /a/{x}/b/{y}:\n    get: ${op('a')}\n  /a/{p}/b/{q}:\n    get: ${op('b')}\n`));
    expect(problem?.message).toContain('both declare GET');
    // a warning: the pair is generated (test/fixtures/specs/member-collisions.yaml has one, with
    // the same method and no operationIds, and its golden type-checks)
    expect(problem?.message).toContain('Each operation is generated with its own template');
  });

  it('accepts paths that differ in a literal segment, in depth, or in a fragment or query after the path', () => {
    const keys = [
      '/pets/{id}',
      '/pets/{id}/toys',
      '/pets/mine',
      '/owners/{id}',
      '/#Action=A&id={id}',
      '/#Action=B&id={id}',
      '/items/{id}?beta=true',
      '/items/{id}',
    ];
    expect(checkEquivalentPaths(spec(`paths:\n${keys.map((key) => `  '${key}': {}\n`).join('')}`))).toEqual([]);
  });
});

// Published specs have malformed links that only documentation shows (gisgraphy.com's
// termsOfService is two URLs joined by ` | `): a warning, and the spec generates.
describe('a malformed documentation link', () => {
  const links = (info: string, more = '') =>
    loadSpec(
      'spec.yaml',
      `openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\n${info}paths:\n  /a:\n    get:\n      operationId: a\n      externalDocs: { url: 'see the wiki' }\n      responses: { '200': { description: OK } }\n${more}`,
    );

  it('is a warning at each place, in validateSpec and in the schema check that runs beside the model', async () => {
    const spec = links(`  termsOfService: 'https://a.example/terms | https://b.example/terms'\n  contact: { email: 'the team' }\n`);
    const expected = ['/info/termsOfService', '/info/contact/email', '/paths/~1a/get/externalDocs/url'].map((pointer) => ({
      code: 'validate/schema',
      severity: 'warning',
      at: expect.objectContaining({ pointer }),
    }));
    const { warnings } = await validateSpec(spec);
    expect(warnings).toEqual(expect.arrayContaining(expected.map((e) => expect.objectContaining(e))));
    expect(warnings).toHaveLength(3);
    expect(warnings[0]!.message).toContain('Only the docs show it, so the client is generated');
    const later = await validateLater(spec);
    expect(later.checked.warnings).toEqual([]);
    expect(await later.confirm()).toEqual(warnings);
  });

  it('stays an error where the client uses the value (a $ref)', async () => {
    const spec = links('', `components:\n  responses:\n    ok: { $ref: '#/components/responses/a b' }\n`);
    const error = await validateSpec(spec).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'validate/schema',
        severity: 'error',
        message: expect.stringContaining('must match format "uri-reference"'),
        at: expect.objectContaining({ pointer: '/components/responses/ok/$ref' }),
      }),
    );
  });
});

// opensuse's published spec writes an `example` inside a schema's XML Object, which OpenAPI 3.0's
// schema does not allow; sdkgen sends and reads JSON and never uses `xml`
describe('a malformed XML Object in a schema', () => {
  it('is a warning that says why, and the spec validates; a malformed value beside it stays an error', async () => {
    const xml = (extra = '') =>
      loadSpec(
        'spec.yaml',
        `openapi: 3.0.3\ninfo: { title: T, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        ns: { type: string, xml: { attribute: true, example: 'urn:x' }${extra} }\n`,
      );
    const { warnings } = await validateSpec(xml());
    expect(warnings).toEqual([
      expect.objectContaining({
        code: 'validate/schema',
        severity: 'warning',
        message: expect.stringContaining('sdkgen sends and reads JSON, so it does not use `xml`'),
        at: expect.objectContaining({ pointer: '/components/schemas/A/properties/ns/xml/example' }),
      }),
    ]);
    const error = await validateSpec(xml(', maxLength: many')).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).diagnostics.filter((d) => d.severity === 'error').map((d) => d.at.pointer)).toEqual([
      '/components/schemas/A/properties/ns/maxLength',
    ]);
  });
});

// gambitcomm's published spec writes its links' operationRefs as unescaped paths
// (`#/mimic/agent/{agentNum}/get/start`); sdkgen does not follow links
describe("a Link Object's malformed operationRef", () => {
  const linked = (link: string) =>
    loadSpec(
      'spec.yaml',
      `openapi: 3.0.3\ninfo: { title: T, version: '1' }\npaths:\n  /a/{id}:\n    get:\n      operationId: a\n      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]\n      responses:\n        '200':\n          description: OK\n          links:\n            next: ${link}\n`,
    );

  it('is a warning that says why, with no error from the Reference Object the link and the response could also have been', async () => {
    const { warnings } = await validateSpec(linked("{ operationRef: '#/paths/a/{id}/get', parameters: { id: $response.body } }"));
    expect(warnings).toEqual([
      expect.objectContaining({
        code: 'validate/schema',
        severity: 'warning',
        message: expect.stringContaining('sdkgen does not follow links, so the client is generated without it.'),
        at: expect.objectContaining({ pointer: '/paths/~1a~1{id}/get/responses/200/links/next/operationRef' }),
      }),
    ]);
  });

  it('an error inside a response is reported where it is, not also as a missing `$ref` at each level above', async () => {
    const error = await validateSpec(linked('{ operationId: 5 }')).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).diagnostics.map((d) => [d.severity, d.at.pointer])).toEqual([
      ['error', '/paths/~1a~1{id}/get/responses/200/links/next/operationId'],
    ]);
  });
});

describe('validate/undefined-security-scheme (OAS 3.1 §4.8.30.1)', () => {
  const schemes = `components:\n  securitySchemes:\n    bearer_auth: { type: http, scheme: bearer }\n    api_key: { type: apiKey, in: header, name: X-Key }\n`;

  it('refuses a name no scheme declares, in the document and in an operation, with a suggestion', () => {
    const problems = checkSecuritySchemes(
      spec(
        `security:\n  - bearerAuth: []\npaths:\n  /a:\n    get:\n      operationId: a\n      security: [{ api_key: [] }, { api_key: [], oauth: [read] }]\n      responses: { '200': { description: OK } }\n${schemes}`,
      ),
    );
    expect(problems.map((p) => [p.code, p.at.pointer, p.hint])).toEqual([
      ['validate/undefined-security-scheme', '/security/0/bearerAuth', 'Did you mean `bearer_auth`?'],
      [
        'validate/undefined-security-scheme',
        '/paths/~1a/get/security/1/oauth',
        'Declare `oauth` under `components/securitySchemes`, or use one of `bearer_auth`, `api_key`.',
      ],
    ]);
  });

  it('accepts declared names and the empty requirement (anonymous access)', () => {
    expect(checkSecuritySchemes(spec(`security: [{}, { bearer_auth: [] }]\npaths: {}\n${schemes}`))).toEqual([]);
  });

  it('is one of the rules validateSpec runs', async () => {
    const error = await validateSpec(spec('security: [{ nope: [] }]\npaths: {}\n')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).diagnostics.map((d) => d.code)).toContain('validate/undefined-security-scheme');
  });
});

describe('component names in OAS 3.0 documents (3.0.3 §4.7.7.1; the 3.1 schema checks them itself)', () => {
  const doc = (version: string) =>
    loadSpec(
      'spec.yaml',
      `openapi: ${version}\ninfo: { title: T, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    Good.Name_1-a: { type: object }\n    'Entity«string»': { type: object }\n  x-tools:\n    'any key': 1\n`,
    );

  it('refuses a 3.0 component key outside ^[a-zA-Z0-9._-]+$, at the key', () => {
    expect(checkComponentNames(doc('3.0.3')).map((d) => [d.code, d.at.pointer, d.at.line])).toEqual([
      ['validate/schema', '/components/schemas/Entity«string»', 7],
    ]);
  });

  it('leaves 3.1 documents to the OpenAPI schema, which reports the same key', async () => {
    expect(checkComponentNames(doc('3.1.0'))).toEqual([]);
    const error = await validateSpec(doc('3.1.0')).catch((e: unknown) => e);
    expect((error as SpecError).diagnostics.map((d) => d.at.pointer)).toEqual(['/components/schemas/Entity«string»']);
  });
});

describe('load/invalid-utf8', () => {
  const fails = (bytes: number[]) => {
    try {
      decodeUtf8('spec.yaml', Uint8Array.from(bytes));
    } catch (error) {
      return (error as SpecError).diagnostics[0];
    }
    throw new Error('decoded');
  };
  const ascii = (text: string) => [...Buffer.from(text, 'utf8')];

  it('decodes valid UTF-8 (a BOM is dropped)', () => {
    expect(decodeUtf8('spec.yaml', Uint8Array.from([0xef, 0xbb, 0xbf, ...ascii('title: Café ✓ 𝄞')]))).toBe('title: Café ✓ 𝄞');
  });

  it('locates the first bad byte as line:col, counting characters before it', () => {
    // "title: Café" in UTF-8, then a Latin-1 é on the third line (after a CRLF and a LF)
    expect(fails([...ascii('a: 1\r\nb: Café\nc: Caf'), 0xe9, ...ascii('\n')])).toMatchObject({
      code: 'load/invalid-utf8',
      severity: 'error',
      at: { file: 'spec.yaml', line: 3, column: 7 },
      message: expect.stringContaining('0xE9 at offset 21'),
    });
  });

  it('refuses overlong forms, surrogates and truncated sequences (RFC 3629)', () => {
    expect(fails([...ascii('x'), 0xc0, 0xaf])).toMatchObject({
      at: { line: 1, column: 2 },
      message: expect.stringContaining('0xC0 at offset 1'),
    });
    expect(fails([0xed, 0xa0, 0x80])).toMatchObject({ message: expect.stringContaining('0xED at offset 0') });
    expect(fails([...ascii('ab'), 0xe2, 0x9c])).toMatchObject({ at: { column: 3 }, message: expect.stringContaining('0xE2 at offset 2') });
  });
});

describe('validate/unsupported-keyword (OAS 3.2 Media Type)', () => {
  it('warns at itemEncoding and prefixEncoding of a content map and of components/mediaTypes, and not at a schema property named so or in data', async () => {
    const loaded = loadSpec(
      'spec.yaml',
      [
        'openapi: 3.2.0',
        "info: { title: T, version: '1' }",
        'paths:',
        '  /upload:',
        '    post:',
        '      operationId: upload',
        '      requestBody:',
        '        content:',
        '          multipart/mixed:',
        '            itemSchema: { type: object, properties: { itemEncoding: { type: string } } }',
        '            itemEncoding: { contentType: application/json }',
        "      responses: { '204': { description: done } }",
        // data that looks like a content map: an example's value, an extension, a schema's default
        '      x-sample: { content: { multipart/mixed: { itemEncoding: { contentType: text/plain } } } }',
        'components:',
        '  mediaTypes:',
        '    Parts:',
        '      schema: { type: array }',
        '      prefixEncoding: [{ contentType: text/plain }]',
        '      examples: { one: { value: { content: { a/b: { itemEncoding: {} } } } } }',
        '  schemas:',
        '    Doc: { type: object, default: { content: { a/b: { prefixEncoding: [] } } } }',
      ].join('\n'),
    );
    const { warnings } = await validateSpec(loaded);
    const found = warnings.filter((w) => w.code === 'validate/unsupported-keyword');
    expect(found.map((w) => [w.severity, w.at.pointer, w.at.line])).toEqual([
      ['warning', '/paths/~1upload/post/requestBody/content/multipart~1mixed/itemEncoding', 11],
      ['warning', '/components/mediaTypes/Parts/prefixEncoding', 18],
    ]);
    expect(found[0]!.message).toBe(
      '`itemEncoding` (OpenAPI 3.2) is not supported: sdkgen reads it without effect, and each part of this body is encoded as `encoding` (or the default for its value) says.',
    );
  });
});
