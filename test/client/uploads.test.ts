// Uploads, called for real: test/fixtures/specs/uploads.yaml (OpenAI's files.create and
// images.edit shapes, a raw binary body) is generated into a temp folder, imported, and called
// against a recording server on 127.0.0.1, which parses each multipart body with undici's own
// `Response.formData()`. Every kind of file content goes as a file part with a filename: File,
// Blob, Uint8Array, ArrayBuffer, a web ReadableStream, a Node fs.ReadStream and Readable.from,
// a Response, and toFile. A stream or a Response is read once, so a retry sends the same bytes.
// A string where a file is meant is a ValidationError before sending.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generate } from '../../generator/pipeline.js';
import { json, startRecordingServer, type RecordedRequest, type RecordingServer } from '../support/recording-server.js';

// The generated package is imported at run time; its types are checked by test/types/uploads-types.test.ts.
type AnyClient = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Package {
  readonly default: new (options: object) => AnyClient;
  readonly toFile: (data: unknown, name?: string | null, options?: { type?: string }) => Promise<File>;
  readonly ValidationError: new (
    ...args: never[]
  ) => Error & { issues: readonly { path: readonly (string | number)[]; message: string }[] };
}

let tempDir: string;
let server: RecordingServer;
let pkg: Package;
let client: AnyClient;
/** A temp file with bytes that are not UTF-8 (0xff, 0xfe) and a CR LF that looks like a boundary. */
let filePath: string;
const FILE_BYTES = Buffer.concat([Buffer.from('{"prompt":"2+2"}\r\n--not-a-boundary\r\n'), Buffer.from([0x00, 0xff, 0xfe, 0x80])]);

beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'sdkgen-uploads-'));
  const out = join(tempDir, 'uploads');
  await generate({ spec: 'test/fixtures/specs/uploads.yaml', out });
  pkg = (await import(pathToFileURL(join(out, 'src/index.ts')).href)) as Package;
  filePath = join(tempDir, 'train data.jsonl');
  await writeFile(filePath, FILE_BYTES);
  server = await startRecordingServer();
  client = new pkg.default({ apiKey: 'sk-uploads-test-0000', baseURL: server.url, maxRetries: 0, timeout: 10_000 });
}, 60_000);

afterAll(async () => {
  await server?.close();
  if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
});

beforeEach(() => {
  server.requests.splice(0);
  server.respond((_request, response) => json(response, 200, { id: 'file-1' }));
});

/** The multipart body of a request, parsed by undici. */
async function formOf(request: RecordedRequest): Promise<FormData> {
  const type = String(request.headers['content-type']);
  expect(type).toMatch(/^multipart\/form-data; boundary=/);
  return new Response(new Uint8Array(request.raw), { headers: { 'content-type': type } }).formData();
}

async function filePart(request: RecordedRequest, field = 'file'): Promise<{ name: string; type: string; bytes: Buffer }> {
  const part = (await formOf(request)).get(field);
  expect(part).toBeInstanceOf(File);
  const file = part as File;
  return { name: file.name, type: file.type, bytes: Buffer.from(await file.arrayBuffer()) };
}

const last = (): RecordedRequest => server.requests.at(-1)!;

function webStream(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

describe('files.create sends every kind of file content as a file part with a filename', () => {
  const half = FILE_BYTES.length >> 1;
  const cases: [string, () => unknown, string][] = [
    [
      'a File, under the last segment of its name',
      () => new File([FILE_BYTES], 'some/dir/train.jsonl', { type: 'application/jsonl' }),
      'train.jsonl',
    ],
    ["a Blob, under fetch's name for one (as the official SDK sends it)", () => new Blob([FILE_BYTES]), 'blob'],
    ['a Uint8Array', () => new Uint8Array(FILE_BYTES), 'unknown_file'],
    ['a Node Buffer', () => Buffer.from(FILE_BYTES), 'unknown_file'],
    ['an ArrayBuffer', () => new Uint8Array(FILE_BYTES).buffer, 'unknown_file'],
    ['a DataView over part of a buffer', () => new DataView(withPrefix(FILE_BYTES).buffer, 2, FILE_BYTES.length), 'unknown_file'],
    ['a web ReadableStream', () => webStream([FILE_BYTES.subarray(0, half), FILE_BYTES.subarray(half)]), 'unknown_file'],
    ["a Node fs.ReadStream, under its file's name", () => createReadStream(filePath, { highWaterMark: 7 }), 'train data.jsonl'],
    [
      'a Node Readable.from of Buffer chunks',
      () => Readable.from([FILE_BYTES.subarray(0, half), FILE_BYTES.subarray(half)]),
      'unknown_file',
    ],
    [
      'an async generator',
      () =>
        (async function* () {
          yield FILE_BYTES.subarray(0, 3);
          yield FILE_BYTES.subarray(3);
        })(),
      'unknown_file',
    ],
    [
      'a Response, under the last segment of its URL',
      () => responseFrom('https://cdn.example.com/a/b/photo%20one.png', FILE_BYTES),
      'photo one.png',
    ],
  ];
  it.each(cases)('%s', async (_what, make, name) => {
    expect(await client['files'].create({ file: make(), purpose: 'fine-tune' })).toEqual({ id: 'file-1' });
    const part = await filePart(last());
    expect(part.name).toBe(name);
    expect(part.bytes.equals(FILE_BYTES)).toBe(true);
    expect((await formOf(last())).get('purpose')).toBe('fine-tune');
  });

  it('text chunks of a Node stream are sent as UTF-8', async () => {
    await client['files'].create({ file: Readable.from(['{"a":"ü"}\n', '{"b":2}\n']), purpose: 'batch' });
    expect((await filePart(last())).bytes.toString('utf8')).toBe('{"a":"ü"}\n{"b":2}\n');
  });

  it('toFile names and types the file; given a promise of a Response, it reads that', async () => {
    const named = await pkg.toFile(createReadStream(filePath), 'renamed.jsonl', { type: 'application/jsonl' });
    expect([named.name, named.type]).toEqual(['renamed.jsonl', 'application/jsonl']);
    await client['files'].create({ file: named, purpose: 'fine-tune' });
    expect(await filePart(last())).toEqual({ name: 'renamed.jsonl', type: 'application/jsonl', bytes: FILE_BYTES });

    const fetched = await pkg.toFile(Promise.resolve(responseFrom('https://x.test/files/report.csv', Buffer.from('a,b\n'), 'text/csv')));
    expect([fetched.name, fetched.type, await fetched.text()]).toEqual(['report.csv', 'text/csv', 'a,b\n']);
    expect([(await pkg.toFile(new Uint8Array([1]))).name, (await pkg.toFile(createReadStream(filePath))).name]).toEqual([
      'unknown_file',
      'train data.jsonl',
    ]);
    const same = new File(['x'], 'x.txt');
    expect(await pkg.toFile(same)).toBe(same); // nothing to change: the same File
  });

  it('sends every file of an array as `name[]` parts, streams among them, and an optional file beside them', async () => {
    const image = [new File(['a'], 'a.png'), Readable.from([Buffer.from('b')]), new Uint8Array([0x63])];
    await client['images'].edits.create({ image, mask: webStream([new Uint8Array([0x6d])]), prompt: 'otter' });
    const form = await formOf(last());
    const files = form.getAll('image[]') as File[];
    expect(await Promise.all(files.map(async (file) => [file.name, await file.text()]))).toEqual([
      ['a.png', 'a'],
      ['unknown_file', 'b'],
      ['unknown_file', 'c'],
    ]);
    expect([(form.get('mask') as File).name, await (form.get('mask') as File).text(), form.get('prompt')]).toEqual([
      'unknown_file',
      'm',
      'otter',
    ]);
  });

  it('reads a stream once, before the first attempt, so a retry sends the same bytes', async () => {
    const retrying = new pkg.default({ apiKey: 'sk-uploads-test-0000', baseURL: server.url, maxRetries: 1, timeout: 10_000 });
    server.respond((_request, response) =>
      server.requests.length === 1
        ? json(response, 500, { error: { message: 'try again' } }, { 'retry-after-ms': '0' })
        : json(response, 200, { id: 'file-2' }),
    );
    expect(await retrying['files'].create({ file: createReadStream(filePath), purpose: 'fine-tune' })).toEqual({ id: 'file-2' });
    expect(server.requests).toHaveLength(2);
    const [first, second] = await Promise.all(server.requests.map((request) => filePart(request)));
    expect(first).toEqual({ name: 'train data.jsonl', type: 'application/octet-stream', bytes: FILE_BYTES });
    expect(second).toEqual(first);
  });

  it('reads a Response once, before the first attempt, so a retry sends the same bytes', async () => {
    const retrying = new pkg.default({ apiKey: 'sk-uploads-test-0000', baseURL: server.url, maxRetries: 1, timeout: 10_000 });
    server.respond((_request, response) =>
      server.requests.length === 1
        ? json(response, 503, { error: { message: 'try again' } }, { 'retry-after-ms': '0' })
        : json(response, 200, { id: 'file-3' }),
    );
    // A one-shot body that counts what is pulled from it: read twice, it would give nothing more.
    let served = 0;
    const pieces = [FILE_BYTES.subarray(0, 5), FILE_BYTES.subarray(5)];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const piece = pieces.shift();
        if (piece === undefined) return controller.close();
        served += piece.length;
        controller.enqueue(new Uint8Array(piece));
      },
    });
    const file = new Response(body, { headers: { 'content-type': 'image/png' } });
    Object.defineProperty(file, 'url', { value: 'https://cdn.example.com/img/photo.png' });

    expect(await retrying['files'].create({ file, purpose: 'fine-tune' })).toEqual({ id: 'file-3' });
    expect(server.requests).toHaveLength(2);
    const [first, second] = await Promise.all(server.requests.map((request) => filePart(request)));
    expect(first).toEqual({ name: 'photo.png', type: 'image/png', bytes: FILE_BYTES });
    expect(second).toEqual(first);
    expect(file.bodyUsed).toBe(true);
    expect(served).toBe(FILE_BYTES.length); // each byte pulled from the Response once
  });
});

describe('a string is not file content', () => {
  it('is a ValidationError naming the field, before anything is sent or any stream is read', async () => {
    const stream = Readable.from([Buffer.from('unread')]);
    const error = await client['images'].edits
      .create({ image: 'my_file.png', mask: stream, prompt: 'p' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(pkg.ValidationError);
    expect((error as InstanceType<Package['ValidationError']>).issues).toEqual([
      { path: ['image'], message: "expected a file or an array; found 'my_file.png'" },
    ]);
    const fileError = await client['files'].create({ file: 'my_file', purpose: 'fine-tune' }).catch((caught: unknown) => caught);
    expect((fileError as InstanceType<Package['ValidationError']>).issues).toEqual([
      { path: ['file'], message: "expected a file (a File, Blob, bytes or a stream; not a string), found string 'my_file'" },
    ]);
    expect(server.requests).toHaveLength(0);
    expect(stream.readableDidRead).toBe(false);
  });

  it('nor is a plain object or a number', async () => {
    for (const file of [{ name: 'x' }, 42]) {
      const error = await client['files'].create({ file, purpose: 'fine-tune' }).catch((caught: unknown) => caught);
      expect(
        (error as InstanceType<Package['ValidationError']>).issues.map((issue: { path: readonly (string | number)[] }) => issue.path),
      ).toEqual([['file']]);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('validate: false sends what it is given, as the official SDK would (a text field)', async () => {
    await client['files'].create({ file: 'my_file', purpose: 'fine-tune' }, { validate: false });
    expect((await formOf(last())).get('file')).toBe('my_file');
  });
});

describe('a binary body takes the same values', () => {
  it.each([
    ['a Uint8Array', () => new Uint8Array(FILE_BYTES)],
    ['a Blob', () => new Blob([FILE_BYTES])],
    ['a web ReadableStream', () => webStream([FILE_BYTES])],
    ['a Node fs.ReadStream (streamed as it is read)', () => createReadStream(filePath, { highWaterMark: 5 })],
    ['a Response', () => responseFrom('https://x.test/blob.bin', FILE_BYTES)],
  ])('%s', async (_what, make) => {
    await client['blobs'].update('b1', make());
    expect([last().method, last().url, last().headers['content-type']]).toEqual(['PUT', '/blobs/b1', 'application/octet-stream']);
    expect(last().raw.equals(FILE_BYTES)).toBe(true);
  });

  it('refuses a string before sending', async () => {
    const error = await client['blobs'].update('b1', 'not bytes').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(pkg.ValidationError);
    expect((error as InstanceType<Package['ValidationError']>).issues).toEqual([
      { path: [], message: "expected a file (a File, Blob, bytes or a stream; not a string), found string 'not bytes'" },
    ]);
    expect(server.requests).toHaveLength(0);
  });
});

/** A Response with a URL, as fetch returns one (a constructed Response has none). */
function responseFrom(url: string, bytes: Uint8Array, type = 'image/png'): Response {
  const response = new Response(new Uint8Array(bytes), { headers: { 'content-type': type } });
  Object.defineProperty(response, 'url', { value: url });
  return response;
}

/** `bytes` after two other bytes, in a buffer of their own. */
function withPrefix(bytes: Uint8Array): Uint8Array {
  const whole = new Uint8Array(bytes.length + 2);
  whole.set(bytes, 2);
  return whole;
}
