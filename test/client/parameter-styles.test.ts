// Path and header parameters serialised as their `style` says (OpenAPI's style values table,
// with `color` = "blue", ["blue", "black", "brown"] and { R: 100, G: 200, B: 150 }):
// test/fixtures/specs/parameter-styles.yaml is generated into a temp folder, its request builders
// are called directly, and one call goes through the client to a recording server on 127.0.0.1,
// so the segment is checked as the server receives it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/pipeline.js';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.js';

type Builder = (input: unknown) => { path: string; headers: Record<string, string> };
type AnyClient = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let tempDir: string;
let server: RecordingServer;
let requests: Record<string, Builder>;
let client: AnyClient;

beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'sdkgen-styles-'));
  server = await startRecordingServer();
  const out = join(tempDir, 'client');
  await generate({ spec: 'test/fixtures/specs/parameter-styles.yaml', out });
  requests = await import(pathToFileURL(join(out, 'src/requests.ts')).href);
  const module = (await import(pathToFileURL(join(out, 'src/index.ts')).href)) as { default: new (options: object) => AnyClient };
  client = new module.default({ apiKey: 'sk-styles-test-0000', baseURL: server.url, maxRetries: 0, timeout: 10_000 });
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
});

const PATH = { color: 'blue', colors: ['blue', 'black', 'brown'], rgb: { R: 100, G: 200, B: 150 } };

describe('path parameters', () => {
  it.each([
    ['getSimple', '/simple/blue/blue,black,brown/R,100,G,200,B,150'],
    ['getSimpleExploded', '/simpleExploded/blue/blue,black,brown/R=100,G=200,B=150'],
    ['getLabel', '/label/.blue/.blue,black,brown/.R,100,G,200,B,150'],
    ['getLabelExploded', '/labelExploded/.blue/.blue.black.brown/.R=100.G=200.B=150'],
    ['getMatrix', '/matrix/;color=blue/;colors=blue,black,brown/;rgb=R,100,G,200,B,150'],
    ['getMatrixExploded', '/matrixExploded/;color=blue/;colors=blue;colors=black;colors=brown/;R=100;G=200;B=150'],
  ])('%s writes each value as the style table does', (builder, path) => {
    expect(requests[builder]!({ path: PATH }).path).toBe(path);
  });

  it('percent-encodes a separator inside a value, so it cannot split the value', () => {
    const path = { color: 'a.b', colors: ['x,y', 'z;w', 'p=q', 'sl/ash'], rgb: { 'R G': 1 } };
    expect(requests['getLabelExploded']!({ path }).path).toBe('/labelExploded/.a%2Eb/.x%2Cy.z%3Bw.p%3Dq.sl%2Fash/.R%20G=1');
    expect(requests['getMatrix']!({ path }).path).toBe('/matrix/;color=a.b/;colors=x%2Cy,z%3Bw,p%3Dq,sl%2Fash/;rgb=R%20G,1');
  });

  it('refuses a value that would empty the segment or climb out of the path, and a nested value', () => {
    expect(() => requests['getSimple']!({ path: { ...PATH, colors: [] } })).toThrow(/must not be empty/);
    expect(() => requests['getSimple']!({ path: { ...PATH, colors: ['..'] } })).toThrow(/must not be "\.\."/);
    expect(() => requests['getLabel']!({ path: { ...PATH, color: '.' } })).toThrow(/"\." or "\.\." segment/);
    expect(() => requests['getMatrix']!({ path: { ...PATH, rgb: { R: { deep: 1 } } } })).toThrow(/got a nested object/);
  });

  it('reaches the server as built, through the client', async () => {
    server.respond((_request, response) => {
      response.writeHead(204);
      response.end();
    });
    await client.matrixExploded.retrieve('blue', ['blue', 'black'], { R: 1, G: 2 });
    expect(server.requests.map((request) => request.url)).toEqual(['/matrixExploded/;color=blue/;colors=blue;colors=black/;R=1;G=2']);
  });
});

describe('header parameters', () => {
  it('writes an array as a list and an object as pairs (simple style)', () => {
    const { headers } = requests['getHeaders']!({
      headers: { 'X-Colors': ['blue', 'black'], 'X-Rgb': { R: 100, G: 200 }, 'X-Rgb-Exploded': { R: 100, G: 200 } },
    });
    expect(headers).toEqual({ 'X-Colors': 'blue,black', 'X-Rgb': 'R,100,G,200', 'X-Rgb-Exploded': 'R=100,G=200' });
  });
});

// A named object schema is an interface in the types, which has no index signature: the
// package type-checks with one in every place (the golden of this fixture), and it is sent as
// an inline object of the same shape is.
describe('a named object schema in every parameter place', () => {
  it('reaches the server as the styles say, through the client', async () => {
    server.respond((_request, response) => {
      response.writeHead(204);
      response.end();
    });
    const rgb = { R: 100, G: 200 };
    await client.named.retrieve(rgb, {
      query: { form: rgb, formJoined: rgb, deep: rgb },
      headers: { 'X-Rgb-Named': rgb },
      cookies: { rgbCookie: rgb },
    });
    const [request] = server.requests.slice(-1);
    expect(request!.url).toBe('/named/R,100,G,200?deep%5BR%5D=100&deep%5BG%5D=200&R=100&G=200&formJoined=R,100,G,200');
    expect(request!.headers['x-rgb-named']).toBe('R,100,G,200');
    expect(request!.headers.cookie).toBe('R=100; G=200');
  });
});
