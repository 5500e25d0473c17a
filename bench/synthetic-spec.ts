// Synthetic OpenAPI 3.1 specs of a chosen size, for the scaling part of `npm run bench:generate`:
// `count` component schemas and `count` operations, shaped like a real API (cursor-paginated
// lists, create/retrieve/delete, enums, formats, constraints, nullable fields, maps, oneOf,
// allOf) and recursive: every fifth schema contains itself, every tenth is mutually recursive
// with the next one. Schemas also refer to the one before them, in chains of at most 50 (real
// APIs nest deep, but not thousands of levels: a 2,000-long chain overflows the stack of
// @redocly/openapi-core, which openapi-typescript uses). Deterministic: the same count gives the
// same text.
// Run: npx tsx bench/synthetic-spec.ts 200 > spec.json
import { fileURLToPath } from 'node:url';

type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });

/** The longest chain of `previous` references. */
const CHAIN = 50;

/** The name of schema `index` (1-based; `Base` is the shared allOf part). */
const itemName = (index: number): string => `Item${index}`;

function itemSchema(index: number, count: number): Json {
  const properties: Record<string, Json> = {
    id: { type: 'string', pattern: '^it_[a-z0-9]+$', description: `The identifier of item ${index}.` },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    kind: { type: 'string', enum: ['alpha', 'beta', 'gamma', 'delta'] },
    count: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    ratio: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
    tags: { type: 'array', items: { type: 'string' }, maxItems: 20, uniqueItems: true },
    created_at: { type: 'string', format: 'date-time' },
    note: { type: ['string', 'null'], description: 'A free-form note, or null.' },
    metadata: { type: 'object', additionalProperties: { type: 'string' }, maxProperties: 16 },
    value: { oneOf: [{ type: 'string' }, { type: 'integer' }, { type: 'boolean' }] },
  };
  // a chain of references to the previous schema, without a cycle; with `partner_of` below,
  // two paths lead to the same schema (as `billing_address` and `shipping_address` would)
  if (index % CHAIN !== 1) properties['previous'] = ref(itemName(index - 1));
  if (index % 5 === 0) properties['children'] = { type: 'array', items: ref(itemName(index)) };
  if (index % 10 === 0 && index + 1 < count) properties['partner'] = ref(itemName(index + 1));
  if (index % 10 === 1 && index > 1) properties['partner_of'] = ref(itemName(index - 1));
  const object: Json = { type: 'object', description: `Item ${index} of a synthetic API.`, required: ['id', 'name', 'kind'], properties };
  return index % 3 === 0 ? { allOf: [ref('Base'), object] } : object;
}

/** `count` schemas (Base and Item1..Item{count-1}) and `count` operations. */
export function syntheticSpec(count: number): Json {
  if (!Number.isInteger(count) || count < 4) throw new Error(`count must be an integer of at least 4, got ${count}`);
  const schemas: Record<string, Json> = {
    Base: { type: 'object', required: ['object'], properties: { object: { type: 'string' }, version: { type: 'integer', minimum: 1 } } },
  };
  for (let index = 1; index < count; index++) schemas[itemName(index)] = itemSchema(index, count);
  const paths: Record<string, Json> = {};
  for (let op = 0, resource = 0; op < count; resource++) {
    const item = itemName((resource % (count - 1)) + 1);
    const collection = `/resources${resource}`;
    const member = `${collection}/{item_id}`;
    const idParam = { name: 'item_id', in: 'path', required: true, schema: { type: 'string' } };
    const ok = (schema: Json): Json => ({ '200': { description: 'OK', content: { 'application/json': { schema } } } });
    const operations: [string, string, Json][] = [
      [
        collection,
        'get',
        {
          operationId: `listResources${resource}`,
          summary: `List resource ${resource}.`,
          parameters: [
            { name: 'after', in: 'query', schema: { type: 'string' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
          ],
          responses: ok({
            type: 'object',
            required: ['object', 'data', 'has_more'],
            properties: {
              object: { const: 'list' },
              data: { type: 'array', items: ref(item) },
              first_id: { type: 'string' },
              last_id: { type: 'string' },
              has_more: { type: 'boolean' },
            },
          }),
        },
      ],
      [
        collection,
        'post',
        {
          operationId: `createResources${resource}`,
          requestBody: { required: true, content: { 'application/json': { schema: ref(item) } } },
          responses: ok(ref(item)),
        },
      ],
      [member, 'get', { operationId: `retrieveResources${resource}`, parameters: [idParam], responses: ok(ref(item)) }],
      [
        member,
        'delete',
        {
          operationId: `deleteResources${resource}`,
          parameters: [idParam],
          responses: ok({
            type: 'object',
            required: ['id', 'deleted'],
            properties: { id: { type: 'string' }, deleted: { type: 'boolean' } },
          }),
        },
      ],
    ];
    for (const [path, method, operation] of operations) {
      if (op++ >= count) break;
      paths[path] = { ...paths[path], [method]: operation };
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: `Synthetic ${count}`, version: '1.0.0' },
    servers: [{ url: 'https://api.example.com/v1' }],
    security: [{ bearerAuth: [] }],
    paths,
    components: { schemas, securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(syntheticSpec(Number(process.argv[2] ?? 200)), null, 2)}\n`);
}
