// OpenAPI 3.2, end to end: test/fixtures/specs/openapi-3-2.yaml is generated into a temp folder
// and its client called against a recording server on 127.0.0.1, so each request is checked as
// the server receives it: the QUERY method with its body, `additionalOperations` methods (COPY,
// PURGE), an `in: querystring` parameter as form fields and as JSON, `style: cookie` cookies,
// and a response checked through `discriminator.defaultMapping`. Then the 3.2 rules on small
// specs: unsendable methods, querystring conflicts, tag parents, and `$self` across two files.
// Last, the docs keywords: a `serializedValue` in `@example`, and the keywords read without
// effect (server `name`, XML `nodeType`, `oauth2MetadataUrl`, the device flow).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SpecError, type Diagnostic } from '../../generator/diagnostics/diagnostic.js';
import { diffSpecs } from '../../generator/diff/diff-specs.js';
import { renderDiff } from '../../generator/diff/render-diff.js';
import { firstExampleValue } from '../../generator/model/operations.js';
import { generate } from '../../generator/pipeline.js';
import { json, startRecordingServer, type RecordingServer } from '../support/recording-server.js';
import { ValidationError } from '../../templates/runtime/errors.js';
import { cookieHeader } from '../../templates/runtime/query.js';

// The generated package is imported at run time; its types are checked by tsc on the golden.
type AnyClient = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let tempDir: string;
let server: RecordingServer;
let client: AnyClient;
let requests: Record<string, (input?: unknown) => { method: string; path: string; headers: Record<string, string>; body?: unknown }>;

beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'sdkgen-oas32-'));
  server = await startRecordingServer();
  const out = join(tempDir, 'client');
  await generate({ spec: 'test/fixtures/specs/openapi-3-2.yaml', out });
  const module = (await import(pathToFileURL(join(out, 'src/index.ts')).href)) as { default: new (options: object) => AnyClient };
  client = new module.default({ apiKey: 'sk-oas32-test-0000', baseURL: server.url, maxRetries: 0, timeout: 10_000 });
  requests = await import(pathToFileURL(join(out, 'src/requests.ts')).href);
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
});

const note = { id: 'n1', title: 'Groceries', created_by: 'u1' };

beforeEach(() => {
  server.requests.splice(0);
  server.respond((request, response) => {
    if (request.method === 'PURGE') {
      response.writeHead(204);
      return response.end();
    }
    if (request.url.startsWith('/evt_scroll')) return json(response, 200, { kind: 'scroll', detail: 'down' });
    if (request.url.startsWith('/evt_bad')) return json(response, 200, { kind: 'scroll', detail: 7 });
    if (request.url.startsWith('/evt_click')) return json(response, 200, { kind: 'click', x: 1, y: 2 });
    if (request.method === 'COPY' || request.method === 'POST' || (request.method === 'GET' && request.url.startsWith('/notes/')))
      return json(response, request.method === 'GET' ? 200 : 201, note);
    return json(response, 200, { data: [note] });
  });
});

describe('QUERY and additionalOperations reach the server as written', () => {
  it('sends QUERY with its JSON body (client.notes.query)', async () => {
    const result = await client.notes.query({ text: 'milk', tags: ['home'] });
    expect(result).toEqual({ data: [note] });
    const [request] = server.requests;
    expect(request?.method).toBe('QUERY');
    expect(request?.url).toBe('/notes');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual({ text: 'milk', tags: ['home'] });
  });

  it('validates a QUERY body before sending it', async () => {
    await expect(client.notes.query({ tags: ['home'] })).rejects.toMatchObject({ name: 'ValidationError' });
    expect(server.requests).toHaveLength(0);
  });

  it('sends COPY with its header and PURGE, methods from additionalOperations', async () => {
    await expect(client.notes.copy('n1', { Destination: '/notes/n2' })).resolves.toEqual(note);
    await expect(client.notes.purge('n1')).resolves.toBeUndefined();
    expect(server.requests.map((r) => [r.method, r.url, r.headers['destination']])).toEqual([
      ['COPY', '/notes/n1', '/notes/n2'],
      ['PURGE', '/notes/n1', undefined],
    ]);
  });

  it('describes them with the wire method in the request builders', () => {
    expect(requests['searchNotes']!({ body: { text: 'x' } }).method).toBe('QUERY');
    expect(requests['copyNote']!({ path: { note_id: 'a' }, headers: { Destination: '/b' } }).method).toBe('COPY');
    expect(requests['purgeNote']!({ path: { note_id: 'a' } }).method).toBe('PURGE');
  });
});

describe('in: querystring is the whole query string', () => {
  it('sends a form-urlencoded one as exploded form fields', async () => {
    await client.notes.list({ pinned: true, tag: 'work & play', limit: 5 });
    expect(server.requests[0]?.url).toBe('/notes?pinned=true&tag=work%20%26%20play&limit=5');
    await client.notes.list();
    expect(server.requests[1]?.url).toBe('/notes');
  });

  it('sends an application/json one as percent-encoded JSON', async () => {
    await client.notesExport.list({ text: 'a&b', tags: ['x'] });
    const url = server.requests[0]?.url ?? '';
    expect(url).toBe(`/notes-export?${encodeURIComponent(JSON.stringify({ text: 'a&b', tags: ['x'] }))}`);
    expect(JSON.parse(decodeURIComponent(url.slice(url.indexOf('?') + 1)))).toEqual({ text: 'a&b', tags: ['x'] });
  });

  it("formats form text, numbers and JSON after the path key's fixed pairs (the runtime function)", async () => {
    const { formatQueryString } = (await import(pathToFileURL(join(tempDir, 'client/src/internal/query.ts')).href)) as {
      formatQueryString: (
        fixed: readonly (readonly [string, unknown, string, boolean])[],
        value: unknown,
        media: 'form' | 'json',
      ) => string;
    };
    expect(formatQueryString([], 'a=1&b=x y#z', 'form')).toBe('?a=1&b=x%20y%23z');
    expect(formatQueryString([], '?a=1', 'form')).toBe('?a=1');
    expect(formatQueryString([['beta', 'true', 'form', true]], { n: [1, 2] }, 'form')).toBe('?beta=true&n=1&n=2');
    expect(formatQueryString([['beta', 'true', 'form', true]], { n: 1 }, 'json')).toBe(`?beta=true&${encodeURIComponent('{"n":1}')}`);
    expect(formatQueryString([['beta', 'true', 'form', true]], undefined, 'json')).toBe('?beta=true');
    expect(formatQueryString([], 'plain', 'json')).toBe(`?${encodeURIComponent('"plain"')}`);
  });

  it('validates the query string against its schema', async () => {
    await expect(client.notes.list({ limit: 0 })).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [expect.objectContaining({ path: ['query', 'limit'] })],
    });
    await expect(client.notesExport.list({ tags: ['x'] })).rejects.toMatchObject({ name: 'ValidationError' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('style: cookie', () => {
  it('joins cookies with "; " and sends values unencoded, an exploded object as its fields', async () => {
    await client.notes.create({ cookies: { session: 'abc/def=', prefs: { theme: 'dark', lang: 'en-GB' } }, body: { title: 'Groceries' } });
    const [request] = server.requests;
    expect(request?.headers['cookie']).toBe('theme=dark; lang=en-GB; session=abc/def=');
    expect(JSON.parse(request?.body ?? '')).toEqual({ title: 'Groceries' });
  });

  it('refuses a value that would end the pair, before sending', async () => {
    await expect(client.notes.create({ cookies: { session: 'a; admin=1' }, body: { title: 'x' } })).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [expect.objectContaining({ path: ['session'] })],
    });
    expect(server.requests).toHaveLength(0);
  });
});

describe('style: cookie, in the runtime (templates/runtime/query.ts)', () => {
  it('an unexploded array or object is one comma list, values unencoded; an exploded array one pair per item', () => {
    expect(cookieHeader([['id', [1, 2], 'cookie', false]])).toEqual({ Cookie: 'id=1,2' });
    expect(cookieHeader([['id', [1, 2], 'cookie', true]])).toEqual({ Cookie: 'id=1; id=2' });
    expect(cookieHeader([['rgb', { R: 100, G: 200 }, 'cookie', false]])).toEqual({ Cookie: 'rgb=R,100,G,200' });
    expect(cookieHeader([['path', 'a/b=c', 'cookie', false]])).toEqual({ Cookie: 'path=a/b=c' });
    // Latin-1 is sent as it is
    expect(cookieHeader([['name', 'Zoë', 'cookie', false]])).toEqual({ Cookie: 'name=Zoë' });
  });

  it('refuses a control character or a character above U+00FF, naming the item', () => {
    for (const [value, path] of [
      ['a\tb', ['session']],
      ['a\u007fb', ['session']],
      ['\u20ac5', ['session']],
      [
        ['ok', 'new\nline'],
        ['session', 1],
      ],
    ] as const) {
      let error: unknown;
      try {
        cookieHeader([['session', value, 'cookie', false]]);
      } catch (caught) {
        error = caught;
      }
      expect(error, JSON.stringify(value)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual([path]);
    }
  });
});

describe('discriminator.defaultMapping and nested tags', () => {
  it('checks a value with an unmapped tag against the default schema (client.admin.audit.retrieve)', async () => {
    await expect(client.admin.audit.retrieve('evt_scroll')).resolves.toEqual({ kind: 'scroll', detail: 'down' });
    await expect(client.admin.audit.retrieve('evt_click')).resolves.toEqual({ kind: 'click', x: 1, y: 2 });
    await expect(client.admin.audit.retrieve('evt_bad')).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [expect.objectContaining({ path: ['detail'] })],
    });
  });
});

// ---- the rules, on small specs ----

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sdkgen-oas32-rules-'));
});
afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

async function specFolder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(work, 'spec-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

async function outcome(
  files: Record<string, string>,
): Promise<{ warnings: readonly Diagnostic[]; errors: readonly Diagnostic[]; files: readonly { path: string; text: string }[] }> {
  const dir = await specFolder(files);
  try {
    const result = await generate({ spec: 'api.yaml', cwd: dir, write: false });
    return { warnings: result.warnings, errors: [], files: result.files };
  } catch (error) {
    if (error instanceof SpecError) return { warnings: [], errors: error.diagnostics.filter((d) => d.severity === 'error'), files: [] };
    throw error;
  }
}

const spec32 = (paths: string, extra = '') => `openapi: 3.2.0
info:
  title: Rules
  version: 1.0.0
${extra}paths:
${paths}`;

const ok = `      responses:
        '204':
          description: done
`;
const ok8 = ok.replace(/^ {6}/gm, '        ');

describe('3.2 rules', () => {
  it('leaves out an operation fetch cannot send, with a located warning', async () => {
    const { warnings, errors, files } = await outcome({
      'api.yaml': spec32(`  /things:
    get:
      operationId: listThings
${ok}    trace:
      operationId: traceThings
${ok}    additionalOperations:
      CONNECT:
        operationId: connectThings
${ok8}      lock:
        operationId: lockThings
${ok8}      LOCK:
        operationId: lockThingsUpper
${ok8}`),
    });
    expect(errors).toEqual([]);
    const unsendable = warnings.filter((w) => w.code === 'model/unsendable-method');
    expect(unsendable.map((w) => [w.at.pointer, w.at.line])).toEqual([
      ['/paths/~1things/trace', 12],
      ['/paths/~1things/additionalOperations/CONNECT', 18],
      ['/paths/~1things/additionalOperations/lock', 23],
    ]);
    expect(unsendable[2]?.message).toContain('`LOCK`');
    const builders = files.find((file) => file.path === 'src/requests.ts')?.text ?? '';
    expect(builders).toContain("method: 'LOCK'");
    expect(builders).not.toMatch(/traceThings|connectThings|lockThings\b/);
  });

  it('refuses a fixed method in additionalOperations', async () => {
    const { errors } = await outcome({
      'api.yaml': spec32(`  /things:\n    additionalOperations:\n      POST:\n        operationId: createThing\n${ok8}`),
    });
    expect(errors.map((e) => [e.code, e.at.pointer])).toEqual([
      ['validate/additional-operation-fixed-method', '/paths/~1things/additionalOperations/POST'],
    ]);
  });

  it('refuses querystring beside query parameters (in one list, or from the path item), and two querystrings', async () => {
    const querystring = (name: string) =>
      `        - name: ${name}\n          in: querystring\n          content:\n            application/x-www-form-urlencoded:\n              schema: { type: object }\n`;
    const { errors } = await outcome({
      'api.yaml': spec32(`  /a:
    get:
      operationId: a
      parameters:
        - { name: limit, in: query, schema: { type: integer } }
${querystring('q')}${ok}  /b:
    get:
      operationId: b
      parameters:
${querystring('one')}${querystring('two')}${ok}`),
    });
    // one list: the OpenAPI 3.2 meta-schema finds it, and sdkgen says what it means
    expect(errors.map((e) => [e.code, e.at.pointer])).toEqual([
      ['model/querystring-conflict', '/paths/~1a/get/parameters'],
      ['model/querystring-conflict', '/paths/~1b/get/parameters'],
    ]);
    // a path item's query parameter beside the operation's querystring: the model finds it
    const { errors: across } = await outcome({
      'api.yaml': spec32(`  /c:
    parameters:
      - { name: limit, in: query, schema: { type: integer } }
    get:
      operationId: c
      parameters:
${querystring('q')}${ok}`),
    });
    expect(across.map((e) => [e.code, e.at.pointer, e.related?.[0]?.at.pointer])).toEqual([
      ['model/querystring-conflict', '/paths/~1c/parameters/0', '/paths/~1c/get/parameters/0'],
    ]);
  });

  it('warns about a querystring media type it cannot send, and leaves the parameter out', async () => {
    const { warnings } = await outcome({
      'api.yaml': spec32(`  /a:
    get:
      operationId: a
      parameters:
        - name: q
          in: querystring
          content:
            text/plain:
              schema: { type: string }
${ok}`),
    });
    expect(warnings.filter((w) => w.code === 'model/unsupported-construct').map((w) => w.at.pointer)).toEqual([
      '/paths/~1a/get/parameters/0/content/text~1plain',
    ]);
  });

  it('reports an unknown parent tag and a parent cycle where they are written', async () => {
    const tags = `tags:
  - { name: a, parent: b }
  - { name: b, parent: a }
  - { name: c, parent: nowhere }
`;
    const { errors } = await outcome({ 'api.yaml': spec32(`  /x:\n    get:\n      operationId: x\n${ok}`, tags) });
    expect(errors.map((e) => [e.code, e.at.pointer, e.at.line])).toEqual([
      ['validate/tag-parent-cycle', '/tags/0/parent', 6],
      ['validate/unknown-parent-tag', '/tags/2/parent', 8],
    ]);
  });

  it('resolves refs against $self, and a ref to its own $self URI to the same document', async () => {
    const schemas = `Pet:
  type: object
  required: [name]
  properties:
    name: { type: string }
    owner:
      $ref: 'https://api.example.com/specs/openapi.yaml#/components/schemas/Owner'
`;
    const main = `openapi: 3.2.0
$self: https://api.example.com/specs/openapi.yaml
info:
  title: Pets
  version: 1.0.0
paths:
  /pets:
    get:
      operationId: listPets
      x-sdk-pagination: false
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: 'https://api.example.com/specs/openapi.yaml#/components/schemas/Pet'
components:
  schemas:
    Pet:
      $ref: 'models/pets.yaml#/Pet'
    Owner:
      type: object
      properties:
        id: { type: string }
`;
    // the file sits in a folder named unlike the $self path: refs follow $self, then the file's place
    const { files, errors } = await outcome({ 'api.yaml': main, 'models/pets.yaml': schemas });
    expect(errors).toEqual([]);
    const types = files.find((file) => file.path === 'src/types.ts')?.text ?? '';
    expect(types).toMatch(/export interface Pet \{[^}]*owner\?: Owner;/s);
    expect(types).toContain('export interface Owner {');
  });

  it('diffs additionalOperations and QUERY by their wire method', async () => {
    const { readFile } = await import('node:fs/promises');
    const before = await readFile('test/fixtures/specs/openapi-3-2.yaml', 'utf8');
    const after = before
      .replace(/ {6}PURGE:\n(?: {8}.*\n)+/, '')
      .replace(/ {4}query:\n {6}operationId: searchNotes\n[\s\S]*?(?= {2}\/notes\/\{note_id\}:)/, '');
    expect(after).not.toMatch(/PURGE|searchNotes/);
    const dir = await specFolder({ 'old.yaml': before, 'new.yaml': after });
    const text = renderDiff(await diffSpecs(join(dir, 'old.yaml'), join(dir, 'new.yaml')), 'text');
    expect(text).toContain('Removed `client.notes.purge` (`PURGE /notes/{note_id}`');
    expect(text).toContain('Removed `client.notes.query` (`QUERY /notes`');
  });

  it("applies the config file's operation settings to additionalOperations and query operations", async () => {
    const settings = {
      file: 'sdkgen.config.yaml',
      text: 'operations:\n  copyNote:\n    method: duplicate\n  searchNotes:\n    resource: notes.search\n    method: run\n',
    };
    const { files, warnings } = await generate({ spec: 'test/fixtures/specs/openapi-3-2.yaml', write: false, settings });
    expect(warnings.filter((w) => w.code === 'load/overlay-no-match')).toEqual([]);
    const clientFile = files.find((file) => file.path === 'src/client.ts')?.text ?? '';
    expect(clientFile).toMatch(/\n {2}duplicate\(\n\s+noteId: string,\n\s+headers: CopyNoteHeaderParams/);
    expect(clientFile).toMatch(/class Search \{[\s\S]*?\n {2}run\(body: NoteSearch/);
  });

  it('sends any token method as a string literal, and refuses a key that is no token with its own hint', async () => {
    const spec = (key: string) => ({
      'api.yaml': spec32(`  /things:\n    additionalOperations:\n      ${JSON.stringify(key)}:\n        operationId: odd\n${ok8}`),
    });
    const { files, errors } = await outcome(spec("X'`|~"));
    expect(errors).toEqual([]);
    const builders = files.find((file) => file.path === 'src/requests.ts')?.text ?? '';
    expect(builders).toContain(`method: "X'\`|~"`);
    const refused = await outcome(spec('X */'));
    expect(refused.errors.map((e) => [e.code, e.hint])).toEqual([['validate/schema', expect.stringContaining('HTTP method name as sent')]]);
  });

  it('follows a content entry that refs a Media Type object in another file (placed in components/mediaTypes)', async () => {
    const main = spec32(`  /notes:
    get:
      operationId: getNotes
      x-sdk-pagination: false
      responses:
        '200':
          description: ok
          content:
            application/json:
              $ref: 'media.yaml#/NoteBody'
    post:
      operationId: createNote
      requestBody:
        required: true
        content:
          application/json:
            $ref: 'media.yaml#/NoteBody'
${ok}`);
    const media = `NoteBody:
  schema:
    type: object
    required: [id]
    properties:
      id: { type: string }
  examples:
    one:
      dataValue: { id: note_1 }
`;
    const { files, errors } = await outcome({ 'api.yaml': main, 'media.yaml': media });
    expect(errors).toEqual([]);
    const types = files.find((file) => file.path === 'src/types.ts')?.text ?? '';
    // one Media Type object, one type, named after its component
    expect(types).toMatch(/export interface NoteBody\w* \{\n(?:.*\n)*?\s+id: string;/);
    expect(types.match(/export interface NoteBody/g)).toHaveLength(1);
    expect(files.find((file) => file.path === 'src/requests.ts')?.text).toContain("createNote({ body: { id: 'note_1' } })");
  });
});

describe('3.2 docs keywords: Example objects in @example, and keywords read without effect', () => {
  it('shows a serializedValue alone in @example when it is JSON text, never text that is not, and dataValue before it', async () => {
    const post = (path: string, id: string, media: string, schema: string, examples: string) => `  ${path}:
    post:
      operationId: ${id}
      requestBody:
        required: true
        content:
          ${media}:
            schema: ${schema}
            examples:
              first:
${examples.replace(/^/gm, '                ')}
${ok}`;
    const pair = "{ $ref: '#/components/schemas/Pair' }";
    const components = `components:
  schemas:
    Pair:
      type: object
      required: [a, b]
      properties: { a: { type: string }, b: { type: string } }
`;
    const jsonText = `serializedValue: '{"a": "from serializedValue", "b": "b"}'`;
    const paths = [
      post('/json-text', 'jsonText', 'application/json', pair, jsonText),
      post('/json-string', 'jsonString', 'text/plain', '{ type: string }', `serializedValue: '"a JSON string"'`),
      post('/form-text', 'formText', 'application/x-www-form-urlencoded', pair, 'serializedValue: a=1&b=2'),
      post('/plain-text', 'plainText', 'text/plain', '{ type: string }', 'serializedValue: a=1&b=2'),
      post('/both', 'both', 'application/json', pair, `dataValue: { a: from dataValue, b: b }\n${jsonText}`),
    ];
    const { files, errors } = await outcome({ 'api.yaml': spec32(paths.join(''), components) });
    expect(errors).toEqual([]);
    const clientFile = files.find((file) => file.path === 'src/client.ts')?.text ?? '';
    const calls = clientFile.match(/^ +\* const result = await client\..*$/gm)?.map((line) => line.replace(/^ +\* /, ''));
    expect(calls).toEqual([
      // dataValue is shown even beside a serializedValue that is JSON text
      "const result = await client.both.create({ a: 'from dataValue', b: 'b' });",
      // form text is not parsed: the example is made from the schema
      "const result = await client.formText.create({ a: 'my_a', b: 'my_b' });",
      // JSON text: a JSON string is the string it holds
      "const result = await client.jsonString.create('a JSON string');",
      "const result = await client.jsonText.create({ a: 'from serializedValue', b: 'b' });",
      // text that is not JSON is not shown even where a string fits
      "const result = await client.plainText.create('my_value');",
    ]);
    // `value` beside `serializedValue` is refused by the 3.2 meta-schema (Example Object); read anyway, `value` comes first
    expect(firstExampleValue({ first: { value: { a: 'from value' }, serializedValue: '{"a": "from serializedValue"}' } })).toEqual({
      a: 'from value',
    });
  });

  it('reads server name, XML nodeType, oauth2MetadataUrl and the device flow without effect: no diagnostic, the same files', async () => {
    // the spec with them; the lines marked `# 3.2` are left out for the spec without them
    const withThem = `openapi: 3.2.0
info:
  title: Keywords
  version: 1.0.0
servers:
  - url: https://api.example.com/v1
    name: production # 3.2
    description: The live API
  - url: https://sandbox.example.com/v1
    name: sandbox # 3.2
security:
  - oauth: [notes:read]
paths:
  /notes/{note_id}:
    servers:
      - url: https://notes.example.com/v1
        name: notes # 3.2
    get:
      operationId: getNote
      servers:
        - url: https://replica.example.com/v1
          name: replica # 3.2
      parameters:
        - name: note_id
          in: path
          required: true
          schema: { type: string }
      responses:
        '200':
          description: The note.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Note' }
components:
  securitySchemes:
    oauth:
      type: oauth2
      oauth2MetadataUrl: https://auth.example.com/.well-known/oauth-authorization-server # 3.2
      flows:
        clientCredentials:
          tokenUrl: https://auth.example.com/token
          scopes:
            notes:read: Read notes
        deviceAuthorization: # 3.2
          deviceAuthorizationUrl: https://auth.example.com/device # 3.2
          tokenUrl: https://auth.example.com/token # 3.2
          scopes: # 3.2
            notes:read: Read notes # 3.2
  schemas:
    Note:
      type: object
      required: [id]
      xml:
        name: note
        nodeType: element # 3.2
      properties:
        id:
          type: string
          xml:
            name: id
            nodeType: attribute # 3.2
        body:
          type: string
          xml:
            name: body
            nodeType: cdata # 3.2
`;
    const without = withThem
      .split('\n')
      .filter((line) => !line.endsWith(' # 3.2'))
      .join('\n');
    expect(without).not.toMatch(/name: (production|sandbox|notes|replica)|nodeType|oauth2MetadataUrl|deviceAuthorization/);
    const [them, plain] = await Promise.all([outcome({ 'api.yaml': withThem }), outcome({ 'api.yaml': without })]);
    expect(plain.errors).toEqual([]);
    expect(plain.warnings).toEqual([]);
    expect(them.errors).toEqual([]);
    expect(them.warnings).toEqual([]);
    expect(them.files.length).toBeGreaterThan(0);
    expect(them.files.map((file) => file.path)).toEqual(plain.files.map((file) => file.path));
    const changed = them.files.filter((file, index) => file.text !== plain.files[index]?.text).map((file) => file.path);
    expect(changed).toEqual([]);
  });
});
