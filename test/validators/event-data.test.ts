// Differential test of SSE item validation with JSON `data` (OpenAPI 3.2 itemSchema): events
// generated from the item schema (valid ones and near misses) are put on the wire as the server
// sends them (`data` as JSON text where the spec says it is JSON), then judged twice:
// - ours: decoded as the client decodes them (the IR's `jsonData`), then the generated item
//   validator in 'request' mode (the spec as written);
// - ajv 2020, on the spec exactly as written: `contentSchema` under a JSON `contentMediaType`
//   becomes a keyword that parses the string and checks it against that subschema (ajv itself
//   treats contentSchema as an annotation), and `data` with a non-string schema (CountEvent's
//   object) is parsed before ajv sees it, as a server framework that writes objects means it.
// Both must agree on every event.
import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { anyJson, nearMiss, valueOf } from './arbitraries.js';
import { loadValidatorsOnly, specIr, validatorOf } from './harness.js';
import { decodingOracle } from './oracle.js';

const SPEC = 'test/validators/fixtures/event-stream-items.yaml';
type Json = Record<string, unknown>;

describe('SSE items with JSON data agree with ajv decoding contentSchema', () => {
  it('on 3,000 events, valid ones and near misses', async () => {
    const api = await specIr(SPEC);
    const op = api.operations.find((candidate) => candidate.response.items !== undefined)!;
    const items = op.response.items!;
    expect(items.format).toBe('event-stream');
    expect(items.jsonData).toEqual(['count', 'put', 'tag', 'untag']);
    const target = items.schema.kind === 'ref' ? items.schema.target : '';
    const named = api.schemas.find((schema) => schema.key === target)!;
    const validate = validatorOf(await loadValidatorsOnly(api), named.name.text);
    const jsonData = items.jsonData === true ? undefined : new Set(items.jsonData);

    const root = parse(await readFile(SPEC, 'utf8')) as Json;
    const itemPointer = '/paths/~1feed/get/responses/200/content/text~1event-stream/itemSchema';
    const oracle = decodingOracle(root, itemPointer);
    const objectData = objectDataEvents(root, itemPointer);

    const values = fc.oneof(
      { arbitrary: valueOf(named.schema, api), weight: 4 },
      { arbitrary: nearMiss(valueOf(named.schema, api)), weight: 4 },
      { arbitrary: anyJson, weight: 1 },
    );
    let checked = 0;
    let valid = 0;
    fc.assert(
      fc.property(values, (value) => {
        const wire = onTheWire(value, jsonData);
        const ours = validate(
          decode(wire, (event) => jsonData?.has(event) ?? true),
          'request',
        );
        const ajv = oracle(decode(wire, (event) => objectData.has(event)));
        checked++;
        if (ajv) valid++;
        if ((ours.length === 0) !== ajv) {
          throw new Error(
            [`disagree on ${JSON.stringify(wire)}`, `ours: ${JSON.stringify(ours)}`, `ajv: ${ajv ? 'valid' : 'invalid'}`].join('\n'),
          );
        }
      }),
      { numRuns: 3_000, seed: Number(process.env['FC_SEED'] ?? 20261202), endOnFailure: true },
    );
    expect(checked).toBe(3_000);
    // both verdicts are well represented, so agreement says something
    expect(valid).toBeGreaterThan(300);
    expect(checked - valid).toBeGreaterThan(300);
  });
});

/** The event as the server sends it: JSON data as its text (other data as it is). */
function onTheWire(value: unknown, jsonData: ReadonlySet<string> | undefined): unknown {
  if (!isEvent(value) || value['data'] === undefined) return value;
  if (jsonData !== undefined && !jsonData.has(value['event'])) return value;
  return { ...value, data: JSON.stringify(value['data']) };
}

/** `data` parsed from JSON for the events `isJson` names (text that is not JSON stays text). */
function decode(value: unknown, isJson: (event: string) => boolean): unknown {
  if (!isEvent(value) || typeof value['data'] !== 'string' || !isJson(value['event'])) return value;
  try {
    return { ...value, data: JSON.parse(value['data']) };
  } catch {
    return value;
  }
}

function isEvent(value: unknown): value is Json & { event: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as Json)['event'] === 'string';
}

/** The events (by their `event` const or enum) whose `data` the spec types as a non-string JSON value. */
function objectDataEvents(root: Json, pointer: string): Set<string> {
  const at = (path: string): Json =>
    path
      .split('/')
      .slice(1)
      .reduce<unknown>((node, key) => (node as Json)[key.replace(/~1/g, '/').replace(/~0/g, '~')], root) as Json;
  const resolve = (node: Json): Json => (typeof node['$ref'] === 'string' ? resolve(at(node['$ref'].slice(1))) : node);
  const names = new Set<string>();
  for (const variant of (at(pointer)['oneOf'] as Json[]).map(resolve)) {
    const properties = variant['properties'] as Record<string, Json>;
    const type = properties['data']?.['type'];
    if (type === undefined || type === 'string') continue;
    const event = properties['event']!;
    for (const name of event['const'] !== undefined ? [event['const']] : (event['enum'] as unknown[])) names.add(String(name));
  }
  return names;
}
