// Differential test: for every named schema (and parameter group) of every spec we generate,
// fast-check values, valid ones and near misses, must get the same verdict from the generated
// validator and from ajv 2020 compiled from the same IR ('request' and 'strict' mode both).
// Numbers stay below 1e12: for |value / multipleOf| >= 1e21 ajv's `parseInt` test calls any
// number a non-multiple, where Number.isInteger (ours, and JSON Schema) says it is one.
// ajv never treats `__proto__` as a declared property (it drops it from `properties` for its own
// safety), so values holding that key are not compared for a schema that declares it; the
// hostile-spec test pins our verdicts for them. ajv also looks up which keys its
// unevaluatedProperties has seen in a plain object, so a key named like an Object.prototype
// member (`constructor`, `toString`) always counts as evaluated there: such values are not
// compared for a schema with unevaluatedProperties (unevaluated.test.ts pins our verdicts).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IrApi, IrSchema } from '../../generator/model/ir.js';
import { parameterGroups } from '../../generator/emit/validators/parameters.js';
import { anyJson, define, nearMiss, valueOf } from './arbitraries.js';
import { loadValidatorsOnly, specIr, validatorOf } from './harness.js';
import { compileOracles, jsonSchemas } from './oracle.js';

const SPECS = [
  'spec/chatkit-sessions.yaml',
  ...readdirSync('test/fixtures/specs')
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => join('test/fixtures/specs', file)),
  ...readdirSync('test/validators/fixtures')
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => join('test/validators/fixtures', file)),
];
const TOTAL_VALUES = 12_000;

interface Subject {
  readonly spec: string;
  readonly name: string;
  readonly schema: IrSchema;
  readonly api: IrApi;
}

const subjects: Subject[] = [];
for (const [spec, api] of await Promise.all(SPECS.map(async (spec) => [spec, await specIr(spec)] as const))) {
  for (const named of api.schemas) subjects.push({ spec, name: named.name.text, schema: named.schema, api });
  for (const op of api.operations)
    for (const group of parameterGroups(op)) subjects.push({ spec, name: group.type.text, schema: group.schema, api });
}
const RUNS = Math.ceil(TOTAL_VALUES / subjects.length);

describe.each(SPECS)('validators agree with ajv: %s', (spec) => {
  it(`on ${RUNS} values per schema, 'request' and 'strict' (and 'loose' accepts more)`, async () => {
    const mine = subjects.filter((subject) => subject.spec === spec);
    const api = mine[0]?.api ?? (await specIr(spec));
    const module = await loadValidatorsOnly(api);
    const oracles = { loose: compileOracles(api, 'loose'), strict: compileOracles(api, 'strict') };
    const schemas = jsonSchemas(api);
    let checked = 0;
    for (const subject of mine) {
      const validate = validatorOf(module, subject.name);
      const declaresProto = JSON.stringify(schemas.get(subject.name)).includes('"__proto__":');
      const hasUnevaluated = reaches(schemas, subject.name, 'unevaluatedProperties');
      const valid = valueOf(subject.schema, api);
      const values = fc.oneof(
        { arbitrary: valid, weight: 3 },
        { arbitrary: nearMiss(valid), weight: 4 },
        { arbitrary: anyJson, weight: 1 },
      );
      fc.assert(
        fc.property(values, (value) => {
          fc.pre(!declaresProto || !JSON.stringify(value).includes('"__proto__":'));
          fc.pre(!hasUnevaluated || !hasInheritedKey(value));
          checked++;
          // ajv checks the spec as written: its 'loose' oracle (unknown keys allowed where the spec
          // leaves them open) is our 'request' mode, which accepts only listed values
          for (const [mode, oracle] of [
            ['request', 'loose'],
            ['strict', 'strict'],
          ] as const) {
            const issues = validate(value, mode);
            // ajv's deep equality (enum, const) also compares prototypes, which JSON values do not have
            const expected = oracles[oracle].get(subject.name)!(withPlainPrototypes(value));
            if ((issues.length === 0) !== expected) {
              throw new Error(
                [
                  `${subject.name} (${mode}) disagrees with ajv`,
                  `schema: ${JSON.stringify(schemas.get(subject.name))}`,
                  `value: ${JSON.stringify(value)}`,
                  `ours: ${issues.length === 0 ? 'valid' : `invalid ${JSON.stringify(issues)}`}`,
                  `ajv: ${expected ? 'valid' : 'invalid'}`,
                ].join('\n'),
              );
            }
          }
          // 'loose' only adds what a newer spec might list (enum values, union tags): it accepts
          // everything 'request' accepts
          if (validate(value, 'request').length === 0 && validate(value, 'loose').length > 0) {
            throw new Error(`${subject.name}: valid in 'request' mode but not in 'loose': ${JSON.stringify(value)}`);
          }
        }),
        { numRuns: RUNS, seed: Number(process.env['FC_SEED'] ?? 20261123), endOnFailure: true },
      );
    }
    expect(checked).toBeGreaterThanOrEqual(RUNS * mine.length);
  });
});

const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Whether the schema named `name`, or one it refers to, holds `keyword`. */
function reaches(schemas: ReadonlyMap<string, unknown>, name: string, keyword: string): boolean {
  const seen = new Set<string>();
  const visit = (current: string): boolean => {
    if (seen.has(current)) return false;
    seen.add(current);
    const text = JSON.stringify(schemas.get(current) ?? null);
    if (text.includes(`"${keyword}":`)) return true;
    return [...text.matchAll(/"\$ref":"#\/\$defs\/([^"]+)"/g)].some((match) => visit(decodeURIComponent(match[1]!)));
  };
  return visit(name);
}

/** The value with fast-check's null-prototype objects rebuilt as plain ones (own keys kept, `__proto__` too). */
function withPlainPrototypes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withPlainPrototypes);
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Blob) return value; // file content (`format: binary`) stays what it is
  const object: Record<string, unknown> = {};
  for (const key of Object.keys(value)) define(object, key, withPlainPrototypes((value as Record<string, unknown>)[key]));
  return object;
}

function hasInheritedKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasInheritedKey);
  if (typeof value !== 'object' || value === null) return false;
  return Object.keys(value).some((key) => INHERITED.has(key) || hasInheritedKey((value as Record<string, unknown>)[key]));
}
