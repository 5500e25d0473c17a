// Names that collide are made unique (stable numbering) and reported as warnings that point
// at both places; the golden trees of test/fixtures/specs/name-collisions.yaml,
// member-collisions.yaml and root-operations.yaml pin the output. Client members are named
// collision-free by construction: a sub-resource and a method never share a property, and no
// spec name shadows a member of the client or resource classes.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpecError } from '../../generator/diagnostics/diagnostic.js';
import { loadSpec } from '../../generator/load/load-spec.js';
import { buildModel } from '../../generator/model/build-model.js';
import type { IrApi, IrOperation, IrResource } from '../../generator/model/ir.js';
import { toMemberName } from '../../generator/model/names.js';
import { generate } from '../../generator/pipeline.js';
import { validateSpec } from '../../generator/validate/validate-spec.js';

async function model(file: string): Promise<IrApi> {
  return buildModel(await validateSpec(loadSpec(file, await readFile(file, 'utf8')))).api;
}

/** `videos.report.reasons.list` for every operation, by operationId. */
function calls(api: IrApi): Record<string, string> {
  return Object.fromEntries(
    api.operations.map((op: IrOperation) => [op.operationId, [...op.names.resource.map(String), op.names.method.text].join('.')]),
  );
}

function members(resource: IrResource): string[] {
  return [...resource.children.map((child) => child.property.text), ...resource.operations.map((op) => op.names.method.text)];
}

describe('name collisions', () => {
  it('become unique names with one warning each, naming both places', async () => {
    const { warnings } = await generate({ spec: 'test/fixtures/specs/name-collisions.yaml', write: false });
    expect(warnings.map((w) => [w.code, w.severity, w.at.pointer, w.message])).toEqual([
      [
        'model/name-collision',
        'warning',
        '/components/schemas/user-profile',
        'The schema `user-profile` and the schema `UserProfile` both become the name `UserProfile`; the second is named `UserProfile2`.',
      ],
      [
        'model/name-collision',
        'warning',
        '/components/schemas/user.profile',
        'The schema `user.profile` and the schema `UserProfile` both become the name `UserProfile`; the second is named `UserProfile3`.',
      ],
      [
        'model/name-collision',
        'warning',
        '/paths/~1profiles~1all/get',
        'The operation `list-profiles-all` and the operation `listProfiles` both become the name `list`; the second is named `list2`.',
      ],
      [
        'model/name-collision',
        'warning',
        '/paths/~1profiles~1{profile_id}~1{profileId}/get',
        'The operation `encodePathSegment` would be named `encodePathSegment`, which the generated code already uses; it is named `encodePathSegment2`.',
      ],
    ]);
    expect(warnings[0]?.related?.[0]?.at.pointer).toBe('/components/schemas/UserProfile');
  });
});

describe('client members', () => {
  it('never share a name: a method gives way to a sub-resource, a `client` segment to the class member', async () => {
    const api = await model('test/fixtures/specs/member-collisions.yaml');
    expect(calls(api)).toEqual({
      // equivalent paths (a warning), each generated with a name of its own
      'post /v1/{sourceDataset}:deidentify': 'v1.sourceDatasetDeidentify.create',
      'post /v1/{sourceStore}:deidentify': 'v1.sourceStoreDeidentify.create',
      // templates no `in: path` parameter matches: a required string, in the path or the query
      getUndeclared: 'undeclared.retrieve',
      searchTerms: 'search.list',
      reportVideo: 'videos.reportVideo',
      listReportReasons: 'videos.report.reasons.list',
      createOauthClient: 'oauth.client_.create',
      getResponse: 'responses.retrieve',
      beta_getResponse: 'responses.betaGetResponse',
      CreateContainer: 'createContainer',
    });
    const check = (resource: IrResource): void => {
      expect(new Set(members(resource)).size, resource.className.text).toBe(members(resource).length);
      expect(members(resource)).not.toContain('client');
      resource.children.forEach(check);
    };
    api.resources.forEach(check);
  });

  it('keeps schema names that only the globals had (`Response`, `Error`), and names no type after a parameter value', async () => {
    const api = await model('test/fixtures/specs/member-collisions.yaml');
    expect(api.schemas.map((s) => s.name.text)).toEqual(expect.arrayContaining(['Response', 'Error', 'CreateContainerInput']));
    const names = [
      ...api.schemas.map((s) => s.name.text),
      ...api.operations.flatMap((op) => [op.names.input.text, op.names.builder.text, op.names.method.text]),
    ];
    expect(names.filter((name) => /true|beta[A-Z]*True/i.test(name))).toEqual([]);
  });

  it('gives the builder input a readable name, without a warning of its own, when a schema has `<Operation>Input`', async () => {
    const { warnings } = await generate({ spec: 'test/fixtures/specs/member-collisions.yaml', write: false });
    const api = await model('test/fixtures/specs/member-collisions.yaml');
    const create = api.operations.find((op) => op.operationId === 'CreateContainer')!;
    expect([create.names.builder.text, create.names.input.text, create.fixedHeaders, create.parameters]).toEqual([
      'createContainer',
      'CreateContainerRequestInput',
      [{ name: 'X-Amz-Target', value: 'Store.CreateContainer' }],
      [],
    ]);
    expect(warnings.map((w) => [w.code, w.at.pointer, w.message])).toEqual([
      [
        'validate/path-parameter-mismatch',
        '/paths/~1undeclared~1{thing}/get',
        'The path has `{thing}` but the operation declares no `in: path` parameter named `thing`; the client takes it as a required string.',
      ],
      [
        'validate/path-parameter-mismatch',
        '/paths/~1search?term={term}&page={page}/get',
        'The path has `{page}` but the operation declares no `in: path` parameter named `page`; the client sends it as the query parameter `page`, a required string.',
      ],
      [
        'validate/equivalent-paths',
        '/paths/~1v1~1{sourceStore}:deidentify',
        'The paths `/v1/{sourceDataset}:deidentify` and `/v1/{sourceStore}:deidentify` differ only in the names of their templates, so they are the same path (OAS 3.1 §4.8.8.2: such paths MUST NOT exist); both declare POST. Each operation is generated with its own template; a server may not tell the two apart.',
      ],
      [
        'model/query-in-path-key',
        '/paths/~1search?term={term}&page={page}',
        'The path key `/search?term={term}&page={page}` holds a query string; OpenAPI path keys are path templates, and query parameters are declared with `in: query`. sdkgen calls `/search` with `term`, `page` as query parameters.',
      ],
      [
        'model/query-in-path-key',
        '/paths/~1responses~1{response_id}?beta=true',
        'The path key `/responses/{response_id}?beta=true` holds a query string; OpenAPI path keys are path templates, and query parameters are declared with `in: query`. sdkgen calls `/responses/{response_id}` and sends `beta=true` on every call.',
      ],
      [
        'model/fragment-in-path-key',
        '/paths/~1#X-Amz-Target=Store.CreateContainer',
        'The path key `/#X-Amz-Target=Store.CreateContainer` holds a URL fragment (`#...`), which HTTP never sends; sdkgen calls the path before it (`/`) and names each method after its operationId.',
      ],
      [
        'model/name-collision',
        '/paths/~1oauth~1client/post',
        'The resource `oauth.client` would be named `client`, which its parent resource class already uses; it is named `client_`.',
      ],
    ]);
  });

  it('puts operations with no literal path segment on the client, clear of its members', async () => {
    const api = await model('test/fixtures/specs/root-operations.yaml');
    expect(api.rootOperations.map((op) => [op.httpMethod, op.pathTemplate, op.names.method.text, op.names.function.text])).toEqual([
      ['post', '/', 'create', 'create'],
      ['get', '/', 'getAPI', 'getAPI'],
      // the method's own `options` argument would shadow a function named `options`
      ['options', '/', 'options', 'optionsOperation'],
      ['get', '/{code}', 'retrieve', 'retrieve'],
    ]);
    expect(api.resources.map((r) => r.property.text)).toEqual(['client_', 'request_']);
  });

  it('lowers a leading acronym whole when camel-casing', () => {
    expect(['POST_AddTagsToResource', 'URLShortener', 'IPAddress', 'getAPI', 'CreateContainer', 'ID'].map(toMemberName)).toEqual([
      'postAddTagsToResource',
      'urlShortener',
      'ipAddress',
      'getAPI',
      'createContainer',
      'id',
    ]);
  });
});

describe('x-sdk-resource', () => {
  let dir: string;
  beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'sdkgen-names-'))));
  afterAll(async () => void (await rm(dir, { recursive: true, force: true })));

  it('that names no resource is refused at the extension, with a hint to leave it out', async () => {
    const spec = join(dir, 'empty-resource.yaml');
    await writeFile(
      spec,
      [
        'openapi: 3.1.0',
        'info: { title: T, version: 1.0.0 }',
        'paths:',
        '  /things:',
        '    get:',
        '      operationId: listThings',
        '      x-sdk-resource: ""',
        '      responses:',
        '        "204": { description: none }',
        '',
      ].join('\n'),
    );
    const error = await generate({ spec, write: false }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SpecError);
    const [diagnostic] = (error as SpecError).diagnostics;
    expect([diagnostic?.code, diagnostic?.at.pointer, diagnostic?.at.line, diagnostic?.message]).toEqual([
      'model/invalid-extension',
      '/paths/~1things/get/x-sdk-resource',
      7,
      '`x-sdk-resource` must name a resource: a dotted string such as `chat.completions`.',
    ]);
    expect(diagnostic?.hint).toMatch(/^Leave `x-sdk-resource` out to derive the resource from the path/);
  });
});

describe('names from letters outside ASCII', () => {
  it('spells letters in ASCII where they have a spelling, and warns at an operation whose letters have none', async () => {
    const text = [
      'openapi: 3.1.0',
      'info: { title: T, version: 1.0.0 }',
      'paths:',
      '  /utilisateurs/{id}:',
      '    get:',
      '      operationId: récupérerUtilisateur',
      '      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]',
      '      responses: { "204": { description: none } }',
      '  /пользователи:',
      '    get:',
      '      operationId: получитьПользователей',
      '      responses: { "204": { description: none } }',
      '',
    ].join('\n');
    const { api, warnings } = buildModel(await validateSpec(loadSpec('non-ascii.yaml', text)));
    expect(api.operations.map((op) => op.names.builder.text).sort()).toEqual(['recupererUtilisateur', 'unnamed']);
    expect(warnings.map((w) => [w.code, w.at.pointer, w.at.line])).toEqual([['model/non-ascii-name', '/paths/~1пользователи/get', 10]]);
    expect(warnings[0]?.message).toContain('`получитьПользователей` (`/пользователи`) has 33 letters with no ASCII spelling');
  });
});
