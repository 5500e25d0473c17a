// Cursor pagination end to end: a generated client walks every page of a real server on 127.0.0.1.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/pipeline.js';
import { json, startRecordingServer, type RecordingServer } from '../support/recording-server.js';

interface Note { id: string; text: string }
interface PageLike<T> extends AsyncIterable<T> { data: T[]; hasNextPage(): boolean; getNextPage(): Promise<PageLike<T>> }
interface PagesClient {
  notes: { list(query?: { after?: string; limit?: number }): PromiseLike<PageLike<Note>> & AsyncIterable<Note> };
  folders: { files: { list(folderId: string, query?: { cursor?: string }): PromiseLike<PageLike<{ name: string }>> & AsyncIterable<{ name: string }> } };
}

const NOTES = Array.from({ length: 7 }, (_, i) => ({ id: `note_${i}`, text: `Note ${i}` }));
let server: RecordingServer;
let client: PagesClient;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sdkgen-pages-'));
  await generate({ spec: 'test/fixtures/specs/pagination.yaml', out: work });
  server = await startRecordingServer();
  server.respond((request, response) => {
    const url = new URL(request.url, 'http://x');
    if (url.pathname === '/notes') {
      const limit = Number(url.searchParams.get('limit') ?? 3);
      const after = url.searchParams.get('after');
      const start = after === null ? 0 : NOTES.findIndex((n) => n.id === after) + 1;
      const data = NOTES.slice(start, start + limit);
      return json(response, 200, { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: start + limit < NOTES.length });
    }
    const cursor = Number(url.searchParams.get('cursor') ?? 0);
    return json(response, 200, { entries: [{ name: `file_${cursor}` }], more: cursor < 2, next_cursor: cursor < 2 ? String(cursor + 1) : null });
  });
  const { PagesClient } = (await import(join(work, 'src/index.ts'))) as { PagesClient: new (options: object) => PagesClient };
  client = new PagesClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
});
afterAll(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

describe('cursor pagination', () => {
  it('awaiting gives the first page, with hasNextPage and getNextPage', async () => {
    server.requests.splice(0);
    const page = await client.notes.list({ limit: 3 });
    expect(page.data.map((n) => n.id)).toEqual(['note_0', 'note_1', 'note_2']);
    expect(page.hasNextPage()).toBe(true);
    const next = await page.getNextPage();
    expect(next.data.map((n) => n.id)).toEqual(['note_3', 'note_4', 'note_5']);
    expect(server.requests.map((r) => r.url)).toEqual(['/notes?limit=3', '/notes?after=note_2&limit=3']);
  });

  it('for await walks every item of every page, and stops', async () => {
    server.requests.splice(0);
    const ids: string[] = [];
    for await (const note of client.notes.list({ limit: 3 })) ids.push(note.id);
    expect(ids).toEqual(NOTES.map((n) => n.id));
    expect(server.requests).toHaveLength(3);
  });

  it('follows x-sdk-pagination field names and keeps path parameters', async () => {
    server.requests.splice(0);
    const names: string[] = [];
    for await (const file of client.folders.files.list('fld_1')) names.push(file.name);
    expect(names).toEqual(['file_0', 'file_1', 'file_2']);
    expect(server.requests.map((r) => r.url)).toEqual(['/folders/fld_1/files', '/folders/fld_1/files?cursor=1', '/folders/fld_1/files?cursor=2']);
  });

  it('getNextPage on the last page says what to check', async () => {
    const last = await client.notes.list({ limit: 10 });
    expect(last.hasNextPage()).toBe(false);
    await expect(last.getNextPage()).rejects.toThrow(/hasNextPage/);
  });
});
