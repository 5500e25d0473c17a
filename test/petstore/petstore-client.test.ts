// A spec nobody here wrote: the OpenAPI Initiative's petstore-expanded 3.0 example. The client is
// generated into a temporary folder through the library API, imported from there, and every
// operation is called against a real HTTP server on 127.0.0.1. A second spec checks the 3.0
// forms (`nullable`, boolean `exclusiveMinimum`/`exclusiveMaximum`) through the generated code.
//
// Names are derived, as the spec has no x-sdk extensions: info.title "Swagger Petstore" gives
// SwaggerPetstoreClient; GET/POST /pets give pets.list/pets.create; GET/DELETE /pets/{id} give
// pets.retrieve/pets.delete. The types come from the committed golden tree, which the golden test
// holds equal to what `generate` returns for the same spec.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generate } from '../../generator/pipeline.js';
import { json, startRecordingServer, type RecordedRequest, type RecordingServer } from '../support/recording-server.js';

type PetstoreModule = typeof import('../golden/petstore-expanded/src/index.js');
type PetstoreValidators = typeof import('../golden/petstore-expanded/src/validators.js');
type FormsModule = typeof import('../golden/openapi-3-0-forms/src/index.js');
type FormsValidators = typeof import('../golden/openapi-3-0-forms/src/validators.js');
type Reading = import('../golden/openapi-3-0-forms/src/types.js').Reading;

const PETSTORE_SPEC = 'test/fixtures/specs/petstore-expanded.yaml';
const FORMS_SPEC = 'test/fixtures/specs/openapi-3-0-forms.yaml';
const API_KEY = 'petstore-test-key';

let tempDir: string;
let server: RecordingServer;
let petstore: PetstoreModule;
let petstoreValidators: PetstoreValidators;
let forms: FormsModule;
let formsValidators: FormsValidators;

/** Generates `spec` into `tempDir/<name>` and returns the folder. */
async function generateInto(spec: string, name: string): Promise<string> {
  const out = join(tempDir, name);
  const result = await generate({ spec, out });
  expect(result.wrote).toBe(true);
  expect(result.warnings).toEqual([]);
  return out;
}

const load = <T>(dir: string, file: string): Promise<T> => import(pathToFileURL(resolve(dir, 'src', file)).href) as Promise<T>;

beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'sdkgen-petstore-'));
  const [petDir, formsDir] = await Promise.all([generateInto(PETSTORE_SPEC, 'petstore'), generateInto(FORMS_SPEC, 'forms')]);
  [petstore, petstoreValidators, forms, formsValidators] = await Promise.all([
    load<PetstoreModule>(petDir, 'index.ts'),
    load<PetstoreValidators>(petDir, 'validators.ts'),
    load<FormsModule>(formsDir, 'index.ts'),
    load<FormsValidators>(formsDir, 'validators.ts'),
  ]);
  server = await startRecordingServer();
});
afterAll(async () => {
  await server?.close();
  if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
});
beforeEach(() => void server.requests.splice(0));

// petstore-expanded declares no security, so the client needs no key and sends no Authorization
function petstoreClient() {
  return new petstore.SwaggerPetstoreClient({ baseURL: server.url, maxRetries: 0 });
}

function only(): RecordedRequest {
  expect(server.requests).toHaveLength(1);
  return server.requests[0]!;
}

/** What every petstore request carries, and what none may carry. */
function expectCommonHeaders(request: RecordedRequest): void {
  expect(request.headers['authorization']).toBeUndefined();
  expect(request.headers['accept']).toBe('application/json');
  expect(request.headers['x-sdkgen-client']).toBe('swagger-petstore-client/1.0.0');
  expect(request.headers['openai-beta']).toBeUndefined();
  expect(request.headers['idempotency-key']).toBeUndefined();
}

function expectNoBody(request: RecordedRequest): void {
  expect(request.body).toBe('');
  expect(request.headers['content-type']).toBeUndefined();
}

describe('petstore-expanded: the derived client', () => {
  it('has the names sdkgen derives from the spec', () => {
    const client = petstoreClient();
    expect(petstore.default).toBe(petstore.SwaggerPetstoreClient);
    expect(client.baseURL).toBe(server.url);
    expect(Object.keys(client.pets).length).toBe(1); // only `client`; the methods are on the prototype
    expect(Object.getOwnPropertyNames(Object.getPrototypeOf(client.pets)).sort()).toEqual([
      'constructor',
      'create',
      'delete',
      'list',
      'retrieve',
    ]);
  });

  it("takes the spec's server as the default base URL", () => {
    const client = new petstore.SwaggerPetstoreClient({ apiKey: API_KEY });
    expect(client.baseURL).toBe('http://petstore.swagger.io/api');
  });
});

describe('petstore-expanded: every operation against a real server', () => {
  it('findPets: pets.list() sends tags and limit as form/explode query parameters', async () => {
    const pets = [
      { id: 1, name: 'Rex', tag: 'a' },
      { id: 2, name: 'Tom' },
    ];
    server.respond((_request, response) => json(response, 200, pets));
    const result = await petstoreClient().pets.list({ tags: ['a', 'b'], limit: 2 });
    expect(result).toEqual(pets);
    expect(result[0]?.tag).toBe('a');

    const request = only();
    expect(request.method).toBe('GET');
    // form + explode (the default for query parameters): one `tags=` pair per item, never `tags=a,b`.
    // The generator orders query parameters by name, not by their order in the spec.
    expect(request.url).toBe('/pets?limit=2&tags=a&tags=b');
    const query = new URL(request.url, server.url).searchParams;
    expect(query.getAll('tags')).toEqual(['a', 'b']);
    expect(query.get('limit')).toBe('2');
    expectCommonHeaders(request);
    expectNoBody(request);
  });

  it('findPets: pets.list() percent-encodes items and leaves out absent parameters', async () => {
    server.respond((_request, response) => json(response, 200, []));
    const client = petstoreClient();
    expect(await client.pets.list({ tags: ['dog,cat', 'x y&z=1'] })).toEqual([]);
    expect(await client.pets.list()).toEqual([]);
    expect(await client.pets.list({ tags: [] })).toEqual([]);
    const [encoded, none, empty] = server.requests;
    expect(encoded?.url).toBe('/pets?tags=dog%2Ccat&tags=x%20y%26z%3D1');
    expect(new URL(encoded!.url, server.url).searchParams.getAll('tags')).toEqual(['dog,cat', 'x y&z=1']);
    expect(none?.url).toBe('/pets');
    expect(empty?.url).toBe('/pets');
  });

  it('addPet: pets.create() posts the NewPet as JSON and returns the Pet', async () => {
    server.respond((request, response) => json(response, 200, { id: 42, ...(JSON.parse(request.body) as object) }));
    const pet = await petstoreClient().pets.create({ name: 'Fido', tag: 'dog' });
    expect(pet).toEqual({ id: 42, name: 'Fido', tag: 'dog' });

    const request = only();
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/pets');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({ name: 'Fido', tag: 'dog' });
    expectCommonHeaders(request);
  });

  it('find pet by id: pets.retrieve() gets /pets/{id} and returns the Pet', async () => {
    server.respond((_request, response) => json(response, 200, { id: 7, name: 'Rex' }));
    const pet = await petstoreClient().pets.retrieve(7);
    expect(pet).toEqual({ id: 7, name: 'Rex' });
    expect(pet.id).toBe(7);

    const request = only();
    expect(request.method).toBe('GET');
    expect(request.url).toBe('/pets/7');
    expectCommonHeaders(request);
    expectNoBody(request);
  });

  it('deletePet: pets.delete() sends DELETE /pets/{id} and resolves to undefined on 204', async () => {
    server.respond((_request, response) => {
      response.writeHead(204);
      response.end();
    });
    await expect(petstoreClient().pets.delete(7)).resolves.toBeUndefined();

    const request = only();
    expect(request.method).toBe('DELETE');
    expect(request.url).toBe('/pets/7');
    expectCommonHeaders(request);
    expectNoBody(request);
  });

  it('the `default` Error response: 404 becomes a NotFoundError carrying the body', async () => {
    const body = { code: 404, message: 'Pet 99 not found' };
    server.respond((_request, response) => json(response, 404, body, { 'x-request-id': 'req_pet_99' }));
    const error = await petstoreClient()
      .pets.retrieve(99)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(petstore.NotFoundError);
    expect(error).toBeInstanceOf(petstore.APIError);
    const notFound = error as InstanceType<PetstoreModule['NotFoundError']>;
    expect(notFound.status).toBe(404);
    expect(notFound.requestID).toBe('req_pet_99');
    expect(notFound.message).toBe('404 Pet 99 not found');
    expect(notFound.code).toBe('404');
    // the parsed body, as the spec's Error schema describes it
    expect(notFound.error).toEqual(body);
    expect(petstoreValidators.Error.is(notFound.error)).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('the `default` Error response on other statuses: 400, 409 and 500 are typed too', async () => {
    const client = petstoreClient();
    const cases = [
      [400, petstore.BadRequestError],
      [409, petstore.ConflictError],
      [500, petstore.InternalServerError],
    ] as const;
    for (const [status, type] of cases) {
      server.respond((_request, response) => json(response, status, { code: status, message: `failed with ${status}` }));
      const error = await client.pets.create({ name: 'Fido' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(type);
      expect((error as InstanceType<typeof type>).status).toBe(status);
      expect((error as InstanceType<typeof type>).error).toEqual({ code: status, message: `failed with ${status}` });
    }
    expect(server.requests).toHaveLength(3); // maxRetries: 0
  });

  it('rejects input that breaks the schema before anything is sent', async () => {
    const client = petstoreClient();
    await expect(client.pets.retrieve(1.5)).rejects.toBeInstanceOf(petstore.ValidationError);
    await expect(client.pets.delete(Number.NaN)).rejects.toBeInstanceOf(petstore.ValidationError);
    await expect(client.pets.create({} as never)).rejects.toThrow(/name/);
    await expect(client.pets.list({ limit: 2.5 })).rejects.toThrow(/limit/);
    await expect(client.pets.list({ tags: 'a' as never })).rejects.toThrow(/tags/);
    expect(server.requests).toHaveLength(0);
  });

  it('rejects a 200 whose body is not a Pet', async () => {
    server.respond((_request, response) => json(response, 200, { name: 'no id' }));
    const error = await petstoreClient()
      .pets.retrieve(7)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(petstore.ValidationError);
    expect((error as Error).message).toContain('id');
  });

  it('never puts an API key in an error, even one given to a client that needs none', async () => {
    server.respond((_request, response) => json(response, 404, { code: 404, message: `bad key ${API_KEY}` }));
    const client = new petstore.SwaggerPetstoreClient({ apiKey: API_KEY, baseURL: server.url, maxRetries: 0 });
    const error = await client.pets.retrieve(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(petstore.NotFoundError);
    expect((error as Error).message).not.toContain(API_KEY);
    expect(JSON.stringify((error as { error: unknown }).error)).not.toContain(API_KEY);
  });
});

describe('OpenAPI 3.0 forms: nullable and boolean exclusive bounds', () => {
  const valid: Reading = {
    sensor: 'greenhouse-3',
    value: 21.5,
    ratio: 0.25,
    note: null,
    location: null,
    level: null,
    operator: null,
  };

  it('nullable: null is accepted where the spec says nullable: true', () => {
    expect(formsValidators.Reading.validate(valid)).toEqual([]);
    expect(
      formsValidators.Reading.validate({
        ...valid,
        note: 'calibrated',
        location: { lat: 51.5, lon: -0.12 },
        level: 'high',
        operator: { name: 'Ada' },
      }),
    ).toEqual([]);
  });

  it('nullable: null is still refused where the spec does not say nullable, and non-null values are checked', () => {
    // 'request' mode: in 'loose' mode an unlisted level is a value a newer API may send, and kept
    const paths = (value: unknown) => formsValidators.Reading.validate(value, 'request').map((issue) => issue.path.join('.'));
    expect(paths({ ...valid, sensor: null })).toEqual(['sensor']);
    expect(paths({ ...valid, level: 'extreme' })).toEqual(['level']);
    expect(paths({ ...valid, location: { lat: 91, lon: 0 } })).toEqual(['location.lat']);
    expect(paths({ ...valid, operator: {} })).toEqual(['operator.name']);
    // nullable allows null; it does not make a required key optional.
    expect(paths({ sensor: 's', value: 1, ratio: 0.5 })).toEqual(['note', 'location', 'level', 'operator']);
  });

  it('exclusiveMinimum: true makes minimum a strict bound; a value equal to it is refused', () => {
    const issues = (patch: Partial<Record<keyof Reading, unknown>>) => formsValidators.Reading.validate({ ...valid, ...patch });
    expect(issues({ value: 0 })).toEqual([{ path: ['value'], message: 'expected more than 0, found 0' }]);
    expect(issues({ value: Number.MIN_VALUE })).toEqual([]);
    expect(issues({ value: 1000 })).toEqual([]); // maximum without exclusiveMaximum stays inclusive
    expect(issues({ ratio: 0 })).toEqual([{ path: ['ratio'], message: 'expected more than 0, found 0' }]);
    expect(issues({ ratio: 1 })).toEqual([{ path: ['ratio'], message: 'expected less than 1, found 1' }]);
    expect(issues({ ratio: 0.999 })).toEqual([]);
    // exclusiveMinimum: false / exclusiveMaximum: false keep the bounds inclusive.
    expect(issues({ count: 1 })).toEqual([]);
    expect(issues({ count: 10 })).toEqual([]);
    expect(issues({ count: 0 })).toEqual([{ path: ['count'], message: 'expected at least 1, found 0' }]);
  });

  it('the client sends nulls as JSON null and refuses the exclusive minimum before sending', async () => {
    const client = new forms.ReadingsClient({ apiKey: API_KEY, baseURL: server.url, maxRetries: 0 });
    server.respond((request, response) => json(response, 201, { ...(JSON.parse(request.body) as object), id: 'rd_1' }));
    const stored = await client.readings.create(valid);
    expect(stored).toEqual({ ...valid, id: 'rd_1' });
    expect(stored.note).toBeNull();
    const request = only();
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/readings');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual(valid);

    await expect(client.readings.create({ ...valid, value: 0 })).rejects.toBeInstanceOf(forms.ValidationError);
    expect(server.requests).toHaveLength(1);
  });
});
