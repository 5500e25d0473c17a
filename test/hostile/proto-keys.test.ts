// `__proto__` as a spec's name or key: in an object literal a plain `__proto__` key sets the
// prototype instead of making a property, and so does an assignment `record['__proto__'] = …`.
// The generated code writes it computed (`['__proto__']: …`) and the runtime's header records
// define it, so a header named `__proto__` is sent, a path parameter of that name is read, and a
// `const` or `enum` object with such a key is the value the spec wrote (the header was dropped,
// and `{ "__proto__": {…} }` refused while `{}` passed). The request goes to a real server.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/pipeline.js';
import { json, startRecordingServer, type RecordingServer } from '../support/recording-server.js';
import { bundleFiles } from '../validators/harness.js';

const SPEC = {
  openapi: '3.1.0',
  info: { title: 'Proto', version: '1.0.0' },
  servers: [{ url: 'https://api.example.test' }],
  paths: {
    '/things/{__proto__}': {
      get: {
        operationId: 'getThing',
        parameters: [
          { name: '__proto__', in: 'path', required: true, schema: { type: 'string' } },
          { name: '__proto__', in: 'header', required: true, schema: { type: 'string' } },
        ],
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
      },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['shape'],
        properties: {
          shape: { const: JSON.parse('{"__proto__":{"kind":"x"}}') as unknown },
          shapes: { enum: [JSON.parse('{"__proto__":[1]}') as unknown, 'none'] },
        },
      },
    },
  },
};

interface Built {
  readonly getThing: (input: unknown) => { path: string; headers: Record<string, string> };
  readonly Thing: { validate: (value: unknown) => readonly unknown[] };
  readonly BaseProtoClient: new (options: Record<string, unknown>) => object;
  readonly thingsRetrieve: (client: object, proto: string, headers: unknown) => Promise<unknown>;
}

let work = '';
let built: Built;
let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
  work = await mkdtemp(join(tmpdir(), 'sdkgen-proto-keys-'));
  const spec = join(work, 'spec.json');
  // JSON.stringify writes an own `__proto__` key as one
  await writeFile(spec, JSON.stringify(SPEC));
  const { files } = await generate({ spec, write: false });
  const entry = {
    path: 'src/entry.ts',
    text: "export { getThing } from './requests.js';\nexport { Thing } from './validators.js';\nexport { BaseProtoClient, thingsRetrieve } from './index.js';\n",
  };
  built = (await import(pathToFileURL(await bundleFiles([...files, entry], 'src/entry.ts')).href)) as Built;
}, 60_000);
afterAll(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

describe('`__proto__` in a spec', () => {
  it('a header and a path parameter named `__proto__` reach the request', () => {
    const request = built.getThing(JSON.parse('{"path":{"__proto__":"a b"},"headers":{"__proto__":"v"}}'));
    expect(request.path).toBe('/things/a%20b');
    expect(Object.entries(request.headers)).toContainEqual(['__proto__', 'v']);
  });

  it('the client hands fetch the `__proto__` header and takes a response whose object has the key', async () => {
    const sent = JSON.parse('{"shape":{"__proto__":{"kind":"x"}}}') as unknown;
    server.respond((_request, response) => json(response, 200, sent));
    // what the client gives fetch: Node 20's fetch (undici) itself drops a header named
    // `__proto__`, even given as [name, value] pairs, so the server cannot be the witness
    const given: Record<string, string>[] = [];
    const fetchThrough = (url: string, init: { headers: Record<string, string> }) => {
      given.push(init.headers);
      return fetch(url, init as RequestInit);
    };
    const client = new built.BaseProtoClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0, fetch: fetchThrough });
    const result = await built.thingsRetrieve(client, 'a b', JSON.parse('{"__proto__":"v"}'));
    expect(result).toEqual(sent);
    expect(server.requests[0]?.url).toBe('/things/a%20b');
    expect(given).toHaveLength(1);
    expect(Object.getOwnPropertyDescriptor(given[0], '__proto__')?.value).toBe('v');
  });

  it('a const or enum object with a `__proto__` key is the value the spec wrote', () => {
    expect(built.Thing.validate(JSON.parse('{"shape":{"__proto__":{"kind":"x"}},"shapes":{"__proto__":[1]}}'))).toEqual([]);
    expect(built.Thing.validate(JSON.parse('{"shape":{}}'))).toHaveLength(1);
    expect(built.Thing.validate(JSON.parse('{"shape":{"__proto__":{"kind":"x"}},"shapes":{}}'))).toHaveLength(1);
  });
});
