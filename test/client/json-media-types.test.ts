// JSON of a media type other than application/json, on the wire: JSON:API servers answer 415 to a
// body sent as application/json and may answer 406 to Accept: application/json, so a body or an
// answer the spec gives only as `application/vnd.api+json` (or a merge patch) is sent and asked
// for as that type. Where application/json is listed too, it is the one read and sent.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/pipeline.js';
import { json, startRecordingServer, type RecordingServer } from '../support/recording-server.js';

const SPEC = `openapi: 3.1.0
info: { title: Media, version: 1.0.0 }
servers: [{ url: https://media.example.com }]
paths:
  /articles/{id}:
    parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
    patch:
      operationId: updateArticle
      requestBody:
        required: true
        content: { application/vnd.api+json: { schema: { $ref: '#/components/schemas/Article' } } }
      responses:
        '200': { description: ok, content: { application/vnd.api+json: { schema: { $ref: '#/components/schemas/Article' } } } }
    put:
      operationId: replaceArticle
      x-sdk-method: replace
      requestBody:
        required: true
        content:
          application/merge-patch+json: { schema: { type: object } }
          application/json: { schema: { $ref: '#/components/schemas/Article' } }
      responses:
        '200':
          description: ok
          content:
            application/hal+json: { schema: { type: object, required: [_links], properties: { _links: { type: object } } } }
            application/json: { schema: { $ref: '#/components/schemas/Article' } }
components:
  schemas:
    Article: { type: object, required: [title], properties: { title: { type: string } } }
`;

interface MediaClient {
  articles: {
    update(id: string, body: { title: string }): Promise<{ title: string }>;
    replace(id: string, body: { title: string }): Promise<{ title: string }>;
  };
}

let server: RecordingServer;
let client: MediaClient;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sdkgen-media-'));
  await writeFile(join(work, 'spec.yaml'), SPEC);
  await generate({ spec: join(work, 'spec.yaml'), out: join(work, 'client') });
  server = await startRecordingServer();
  server.respond((_request, response) => json(response, 200, { title: 'Hello' }));
  const { MediaClient } = (await import(join(work, 'client/src/index.ts'))) as { MediaClient: new (options: object) => MediaClient };
  client = new MediaClient({ baseURL: server.url, maxRetries: 0 });
});
afterAll(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

describe('JSON media types on the wire', () => {
  it('a body and an answer given only as application/vnd.api+json are sent and asked for as it', async () => {
    expect(await client.articles.update('a1', { title: 'Hello' })).toEqual({ title: 'Hello' });
    const sent = server.requests.at(-1)!;
    expect([sent.method, sent.headers['content-type'], sent.headers['accept'], sent.body]).toEqual([
      'PATCH',
      'application/vnd.api+json',
      'application/vnd.api+json',
      '{"title":"Hello"}',
    ]);
  });

  it('with application/json listed too, it is the one sent, asked for and checked', async () => {
    // the answer is checked as an Article (application/json's schema), not as the HAL one
    expect(await client.articles.replace('a1', { title: 'Hello' })).toEqual({ title: 'Hello' });
    const sent = server.requests.at(-1)!;
    expect([sent.method, sent.headers['content-type'], sent.headers['accept']]).toEqual(['PUT', 'application/json', 'application/json']);
  });
});
