// Which media types of a response stream items: each JSON Lines name the README lists, and
// json-seq, read by the model as item streams with the item schema.
import { describe, expect, it } from 'vitest';
import { operationIr } from './operation-ir.js';

const listing = (mediaType: string) => `  /notes/lines:
    get:
      operationId: streamNotes
      responses:
        "200":
          description: One note per line.
          content:
            ${mediaType}:
              x-sdk-item-schema:
                $ref: '#/components/schemas/Note'
`;

describe('item stream media types', () => {
  for (const mediaType of ['application/jsonl', 'application/x-ndjson', 'application/ndjson', 'application/jsonlines']) {
    it(`${mediaType} streams JSON Lines items`, async () => {
      const { op, warnings } = await operationIr(listing(mediaType));
      expect(warnings).toEqual([]);
      expect(op.response.contentType).toBe('items');
      expect(op.response.items).toMatchObject({ format: 'json-lines', mediaType, schema: { kind: 'ref', target: 'Note' } });
    });
  }

  it('application/json-seq streams records', async () => {
    const { op } = await operationIr(listing('application/json-seq'));
    expect(op.response.items).toMatchObject({ format: 'json-seq', mediaType: 'application/json-seq' });
  });
});
