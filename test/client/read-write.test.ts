// readOnly and writeOnly end to end, against a real server on 127.0.0.1: a request that sends a
// read-only property fails before anything is sent; a response that still carries a write-only
// one is kept in 'loose' mode (the default) and rejected in 'strict'; each direction's required
// properties are required only where they travel. Then the validators of both shapes in every
// mode, on the 3.1 fixture and the 3.0 one (a closed object: the other direction's property is
// never reported as an unknown key).
import type { ServerResponse } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/pipeline.js';
import { json, startRecordingServer, type RecordedRequest, type RecordingServer } from '../support/recording-server.js';
import { loadValidators, validatorOf, type ValidatorsModule } from '../validators/harness.js';

type Body = Record<string, unknown>;
interface ShelterClient {
  pets: { create(body: Body): Promise<Body>; retrieve(id: string): Promise<Body> };
  dogs: { update(id: string, body: Body): Promise<Body> };
  login: { create(body: Body): Promise<Body> };
}
type ClientClass = new (options: object) => ShelterClient;
interface Caught {
  name: string;
  status?: number;
  issues: { path: unknown[]; message: string }[];
}

const STORED_PET = { kind: 'pet', id: 'p_1', name: 'Rex', created_at: '2026-01-01T00:00:00Z', owner: { id: 'o_1', email: 'a@b.c' } };

let server: RecordingServer;
let work: string;
let Client: ClientClass;
let answer: Body = STORED_PET;
let rw: ValidatorsModule;
let rw30: ValidatorsModule;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sdkgen-read-write-'));
  await generate({ spec: 'test/fixtures/specs/read-write-only.yaml', out: work });
  server = await startRecordingServer();
  server.respond((_request: RecordedRequest, response: ServerResponse) => json(response, 200, answer));
  ({ PetShelterClient: Client } = (await import(join(work, 'src/index.ts'))) as { PetShelterClient: ClientClass });
  [rw, rw30] = await Promise.all([
    loadValidators('test/fixtures/specs/read-write-only.yaml'),
    loadValidators('test/fixtures/specs/read-write-only-3-0.yaml'),
  ]);
});
afterAll(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

const client = (responseValidation?: 'strict') =>
  new Client({
    apiKey: 'sk-read-write-test-0123456789',
    baseURL: server.url,
    maxRetries: 0,
    ...(responseValidation ? { responseValidation } : {}),
  });
const failure = (promise: Promise<unknown>): Promise<Caught | undefined> =>
  promise.then(
    () => undefined,
    (caught: unknown) => caught as Caught,
  );

describe('requests', () => {
  it('a read-only property (top level, nested, or marked by an allOf part) fails before anything is sent', async () => {
    server.requests.splice(0);
    const pet = await failure(
      client().pets.create({
        kind: 'pet',
        id: 'p_1',
        name: 'Rex',
        microchip_code: 'c',
        owner: { id: 'o_1', email: 'a@b.c', password: 'pw' },
      }),
    );
    expect(pet?.name).toBe('ValidationError');
    expect(pet?.issues).toEqual([
      { path: ['id'], message: '`id` is read-only: the server sets it' },
      { path: ['owner', 'id'], message: '`id` is read-only: the server sets it' },
    ]);
    const dog = await failure(client().dogs.update('d_1', { kind: 'dog', id: 'd_1', breed: 'collie' }));
    expect(dog?.issues).toEqual([{ path: ['id'], message: '`id` is read-only: the server sets it' }]);
    expect(server.requests).toEqual([]);
  });

  it('required read-only properties are not required; required write-only ones are', async () => {
    server.requests.splice(0);
    await client().pets.create({ kind: 'pet', name: 'Rex', microchip_code: 'c', owner: { email: 'a@b.c', password: 'pw' } });
    expect(JSON.parse(server.requests[0]!.body)).toEqual({
      kind: 'pet',
      name: 'Rex',
      microchip_code: 'c',
      owner: { email: 'a@b.c', password: 'pw' },
    });
    const missing = await failure(client().pets.create({ kind: 'pet', name: 'Rex' }));
    expect(missing?.issues.map((issue) => issue.message)).toEqual(['missing required key `microchip_code`: expected a string']);
    const credentials = await failure(client().login.create({ username: 'u', last_login: 'yesterday' }));
    expect(credentials?.issues).toEqual([
      { path: ['last_login'], message: '`last_login` is read-only: the server sets it' },
      { path: ['password'], message: 'missing required key `password`: expected a string' },
    ]);
  });
});

describe('responses', () => {
  it("a write-only property a server sends back is kept in 'loose' mode and an issue in 'strict'", async () => {
    answer = { ...STORED_PET, microchip_code: 'c', owner: { id: 'o_1', email: 'a@b.c', password: 'pw' } };
    expect(await client().pets.retrieve('p_1')).toEqual(answer);
    const strict = await failure(client('strict').pets.retrieve('p_1'));
    expect(strict?.name).toBe('ValidationError');
    expect(strict?.status).toBe(200);
    expect(strict?.issues).toEqual([
      { path: ['microchip_code'], message: '`microchip_code` is write-only: the server does not send it' },
      { path: ['owner', 'password'], message: '`password` is write-only: the server does not send it' },
    ]);
  });

  it('required write-only properties are not required in responses; required read-only ones are', async () => {
    answer = STORED_PET;
    expect(await client('strict').pets.retrieve('p_1')).toEqual(STORED_PET);
    const { id: _id, ...withoutId } = STORED_PET;
    answer = withoutId;
    const missing = await failure(client().pets.retrieve('p_1'));
    expect(missing?.issues.map((issue) => issue.path)).toEqual([['id']]);
    answer = { token: 't' };
    expect(await client('strict').login.create({ username: 'u', password: 'pw' })).toEqual({ token: 't' });
  });
});

describe("the package's README", () => {
  it('lists each schema with a request shape beside its response shape', async () => {
    const readme = await readFile(join(work, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| `(\w+)` +\| `(\w+)` +\|$/gm)].map((match) => [match[1], match[2]]);
    expect(rows).toEqual([
      ['Animal', 'AnimalParam'],
      ['Dog', 'DogParam'],
      ['Label', 'LabelParam'],
      ['Owner', 'OwnerRequestParam'],
      ['Pet', 'PetParam'],
    ]);
    expect(readme).toContain("In `'request'` and `'strict'` mode a validator reports a property of the other direction");
  });
});

describe('validators of each shape', () => {
  const modes = ['loose', 'request', 'strict'] as const;
  const verdicts = (module: ValidatorsModule, name: string, value: unknown) =>
    modes.map((mode) => validatorOf(module, name)(value, mode).map((issue) => issue.message));

  it("report the other direction's property in 'request' and 'strict' mode, keep it in 'loose'", () => {
    const read = '`id` is read-only: the server sets it';
    expect(verdicts(rw, 'PetParam', { kind: 'pet', id: 'p', name: 'n', microchip_code: 'c' })).toEqual([[], [read], [read]]);
    expect(verdicts(rw, 'Pet', { ...STORED_PET, microchip_code: 'c' })).toEqual([
      [],
      ['`microchip_code` is write-only: the server does not send it'],
      ['`microchip_code` is write-only: the server does not send it'],
    ]);
    // through additionalProperties, a discriminated oneOf and the allOf part that marks `id`
    expect(
      validatorOf(rw, 'PetParam')(
        { kind: 'pet', name: 'n', microchip_code: 'c', labels: { a: { text: 't', updated_by: 'me' } } },
        'request',
      ),
    ).toEqual([{ path: ['labels', 'a', 'updated_by'], message: '`updated_by` is read-only: the server sets it' }]);
    expect(verdicts(rw, 'AnimalParam', { kind: 'dog', id: 'd', breed: 'b', vaccinated_at: 'x' })).toEqual([
      [],
      [read, '`vaccinated_at` is read-only: the server sets it'],
      [read, '`vaccinated_at` is read-only: the server sets it'],
    ]);
    expect(verdicts(rw, 'Animal', { kind: 'dog', id: 'd', breed: 'b', vaccinated_at: 'x' })).toEqual([[], [], []]);
  });

  it('on a closed object (3.0, additionalProperties: false) it is never an unknown key, and a schema with neither keyword is unchanged', () => {
    const user = { id: 1, email: 'a@b.c', created: '2026-01-01T00:00:00Z' };
    expect(verdicts(rw30, 'User', { ...user, password: 'pw' })).toEqual([
      [],
      ['`password` is write-only: the server does not send it'],
      ['`password` is write-only: the server does not send it'],
    ]);
    // a key neither direction declares: unknown outside 'loose' mode, which keeps what a newer server adds
    const typo = ['unknown key `pasword` in `User`; did you mean `password`?'];
    expect(verdicts(rw30, 'User', { ...user, pasword: 'pw' })).toEqual([[], typo, typo]);
    expect(verdicts(rw30, 'UserParam', { id: 1, nickname: null, email: 'a@b.c', password: 'pw' })).toEqual([
      [],
      ['`id` is read-only: the server sets it', '`nickname` is read-only: the server sets it'],
      ['`id` is read-only: the server sets it', '`nickname` is read-only: the server sets it'],
    ]);
    expect(verdicts(rw30, 'ProfileParam', { display_name: 'd', secret_answer: 's' })).toEqual([[], [], []]);
    expect(verdicts(rw, 'Tag', { name: 't' })).toEqual([[], [], []]);
    expect(Object.keys(rw).filter((name) => /^validate(Tag|Credentials|Session|DogFields|Timestamp)Param$/.test(name))).toEqual([]);
  });
});
