// Compile-time checks of uploads, fetch-ready builders and request options, on the committed
// golden of test/fixtures/specs/uploads.yaml (this file is type-checked by
// test/unit/typecheck.test.ts). The calls sit in functions that are never run: only tsc reads them.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expectTypeOf, it } from 'vitest';
import { toFile, toRequestInit, type RequestOptions, type Uploadable, UploadsClient } from '../golden/uploads/src/index.js';
import { createFile, createThing, putBlob } from '../golden/uploads/src/requests.js';
import type { CreateFileRequest } from '../golden/uploads/src/types.js';

describe('upload types', () => {
  it('take every kind of file content, never a string', () => {
    void (async (client: UploadsClient) => {
      const purpose = 'fine-tune';
      await client.files.create({ file: new File(['x'], 'a.jsonl'), purpose });
      await client.files.create({ file: new Blob(['x']), purpose });
      await client.files.create({ file: new Uint8Array([1]), purpose });
      await client.files.create({ file: Buffer.from('x'), purpose });
      await client.files.create({ file: new ArrayBuffer(1), purpose });
      await client.files.create({ file: new ReadableStream<Uint8Array>(), purpose });
      await client.files.create({ file: createReadStream('train.jsonl'), purpose });
      await client.files.create({ file: Readable.from(['a', 'b']), purpose });
      await client.files.create({ file: await fetch('https://example.com/a.png'), purpose });
      await client.files.create({ file: await toFile(createReadStream('a.jsonl'), 'b.jsonl', { type: 'application/jsonl' }), purpose });
      await client.images.edits.create({ image: [new File(['x'], 'a.png'), createReadStream('b.png')], prompt: 'p' });
      await client.blobs.update('name', createReadStream('blob.bin'));
      // @ts-expect-error a file name is not a file
      await client.files.create({ file: 'my_file', purpose });
      // @ts-expect-error nor is an object that only looks like one
      await client.files.create({ file: { name: 'a.jsonl' }, purpose });
      // @ts-expect-error a binary body is not a string either
      await client.blobs.update('name', 'bytes');
      // @ts-expect-error toFile reads content, not a path
      await toFile('path/to/file');
    });
    expectTypeOf<CreateFileRequest['file']>().toEqualTypeOf<Uploadable>();
    expectTypeOf<string>().not.toExtend<Uploadable>();
    expectTypeOf(toFile).returns.toEqualTypeOf<Promise<File>>();
  });

  it('give fetch what it needs from a builder', () => {
    void (async (base: string) => {
      const json = createThing({ body: { name: 'n' } });
      await fetch(base + json.path, toRequestInit(json));
      const form = createFile({ body: { file: new File(['x'], 'a.jsonl'), purpose: 'batch' } });
      await fetch(new URL(form.path.slice(1), base), {
        ...toRequestInit(form),
        headers: { ...toRequestInit(form).headers, authorization: 'Bearer k' },
      });
      await fetch(base, toRequestInit(putBlob({ path: { name: 'b' }, body: new Uint8Array([1]) })));
    });
    expectTypeOf(toRequestInit).returns.toExtend<RequestInit>();
  });

  it('type per-request options and withOptions', () => {
    void (async (client: UploadsClient) => {
      await client.things.list(
        { limit: 1 },
        { query: { extra: ['a', 1, true], other: null }, fetchOptions: { cache: 'no-store', keepalive: true, dispatcher: {} } },
      );
      await client.things.create({ name: 'n' }, { body: { beta_field: { anything: [1] } } });
      // @ts-expect-error the client sets the body itself
      await client.things.create({ name: 'n' }, { fetchOptions: { body: 'x' } });
      // @ts-expect-error and the method
      await client.things.create({ name: 'n' }, { fetchOptions: { method: 'PUT' } });
      const options: RequestOptions = { query: { a: 'b' } };
      await client.things.list(undefined, options);
    });
    expectTypeOf<UploadsClient['withOptions']>().returns.toEqualTypeOf<UploadsClient>();
    class Mine extends UploadsClient {}
    expectTypeOf<Mine['withOptions']>().returns.toEqualTypeOf<Mine>();
  });
});
