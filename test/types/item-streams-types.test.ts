// Compile-time checks of item streams (OpenAPI 3.2 `itemSchema`), on the committed golden of
// test/fixtures/specs/openapi-3-2-streams.yaml (this file is type-checked by
// test/unit/typecheck.test.ts). The calls sit in functions that are never run: only tsc reads them.
import { describe, expectTypeOf, it } from 'vitest';
import type { ItemStream, StreamsClient, EventItem } from '../golden/openapi-3-2-streams/src/index.js';
import { createImport } from '../golden/openapi-3-2-streams/src/requests.js';
import type { Change, DeltaEvent, ImportRecord, LogEntry, StreamChatEventsItem } from '../golden/openapi-3-2-streams/src/types.js';

describe('item stream types', () => {
  it('narrow an event on `event`, which types its decoded `data`', () => {
    void (async (client: StreamsClient) => {
      const stream = await client.chats.events.list('chat_1');
      for await (const ev of stream) {
        if (ev.event === 'delta') {
          const text: string = ev.data.text;
          const index: number | undefined = ev.data.index;
          void [text, index];
          // @ts-expect-error a delta's data has no tokens
          void ev.data.tokens;
        } else if (ev.event === 'usage') {
          const tokens: number = ev.data.tokens;
          void tokens;
          // @ts-expect-error a usage event's data has no text
          void ev.data.text;
        } else {
          const note: string = ev.data;
          void note;
          // @ts-expect-error a note's data is text, not an object
          void ev.data.text;
        }
        const id: string | undefined = ev.id;
        const retry: number | undefined = ev.retry;
        void [id, retry];
      }
      const first = await (await client.chats.events.list('chat_1'))[Symbol.asyncIterator]().next();
      // @ts-expect-error before narrowing, data may be text
      void (first.done || first.value.data.text);
      // @ts-expect-error `delete` is not a listed event
      for await (const ev of stream) if (ev.event === 'delete') void ev;
    });
    expectTypeOf<StreamChatEventsItem>().toExtend<EventItem<unknown>>();
    expectTypeOf<Extract<StreamChatEventsItem, { event: 'delta' }>>().toEqualTypeOf<DeltaEvent>();
  });

  it('type JSON Lines, NDJSON and json-seq items', () => {
    void (async (client: StreamsClient) => {
      const logs = await client.logs.list({ level: 'warn' });
      expectTypeOf(logs).toEqualTypeOf<ItemStream<LogEntry>>();
      for await (const entry of logs) {
        const message: string = entry.message;
        void message;
      }
      for await (const sample of await client.metrics.list()) {
        const value: number = sample.value;
        void value;
      }
      for await (const change of await client.changes.list()) expectTypeOf(change).toEqualTypeOf<Change>();
      // @ts-expect-error a query parameter outside its enum
      await client.logs.list({ level: 'loud' });
    });
  });

  it('take an array or an async iterable of items as a streamed body', () => {
    void (async (client: StreamsClient) => {
      await client.imports.create([{ name: 'a' }, { name: 'b', size: 1 }]);
      async function* records(): AsyncGenerator<ImportRecord> {
        yield { name: 'a' };
      }
      await client.imports.create(records());
      createImport({ body: records() });
      // @ts-expect-error one item is not a sequence of items
      await client.imports.create({ name: 'a' });
      // @ts-expect-error each item has its schema's type
      await client.imports.create([{ name: 1 }]);
      // @ts-expect-error a sync iterable of strings is not a sequence of records
      await client.imports.create(['{"name":"a"}']);
    });
  });
});
