// The differential property that the fixture specs (differential.test.ts) and the published
// specs of the corpus (test/corpus/validators-corpus.test.ts) are held to: on fast-check values
// (valid ones, near misses and any JSON) the generated validator and ajv 2020, compiled from the
// same IR, give the same verdict in 'request' and 'strict' mode, and 'loose' accepts everything
// 'request' accepts, with a field more on every object too, and with null for a left-out field
// and a left-out null where the schema allows the other.
// Numbers stay below 1e12: for |value / multipleOf| >= 1e21 ajv's `parseInt` test calls any
// number a non-multiple, where Number.isInteger (ours, and JSON Schema) says it is one. ajv never
// treats `__proto__` as a declared property (it drops it from `properties` for its own safety),
// so values holding that key are not compared for a schema that declares it; the hostile-spec
// test pins our verdicts for them. ajv also looks up which keys its unevaluatedProperties has
// seen in a plain object, so a key named like an Object.prototype member (`constructor`,
// `toString`) always counts as evaluated there: such values are not compared for a schema with
// unevaluatedProperties (unevaluated.test.ts pins our verdicts).
import fc from 'fast-check';
import { parameterGroups } from '../../generator/emit/validators/parameters.js';
import type { IrApi, IrObjectSchema, IrProperty, IrSchema } from '../../generator/model/ir.js';
import { anyJson, define, flatten, nearMiss, resolve, valueOf } from './arbitraries.js';
import { loadValidatorsOnly, validatorOf } from './harness.js';
import { compileOracles, jsonSchemas } from './oracle.js';

/** A named schema or a parameter group: what gets a validator of its own. */
export interface Subject {
  readonly name: string;
  readonly schema: IrSchema;
}

export function subjectsOf(api: IrApi): Subject[] {
  return [
    ...api.schemas.map((named) => ({ name: named.name.text, schema: named.schema })),
    ...api.operations.flatMap((op) => parameterGroups(op).map((group) => ({ name: group.type.text, schema: group.schema }))),
  ];
}

/**
 * Checks `runs` values per subject of `api` (its validators emitted and loaded here); throws the
 * first disagreement with the schema, the value and both verdicts. Returns how many values were
 * compared.
 */
export async function checkAgreement(api: IrApi, runs: number, seed: number, subjects = subjectsOf(api)): Promise<number> {
  const module = await loadValidatorsOnly(api);
  const oracles = { loose: compileOracles(api, 'loose'), strict: compileOracles(api, 'strict') };
  const schemas = jsonSchemas(api);
  let checked = 0;
  for (const subject of subjects) {
    const validate = validatorOf(module, subject.name);
    const declaresProto = JSON.stringify(schemas.get(subject.name)).includes('"__proto__":');
    const hasUnevaluated = reaches(schemas, subject.name, 'unevaluatedProperties');
    const isOpenToNewFields = !KEYS_KEYWORDS.some((keyword) => reaches(schemas, subject.name, keyword));
    const takesNullForAbsent = !PRESENCE_KEYWORDS.some((keyword) => reaches(schemas, subject.name, keyword));
    const valid = valueOf(subject.schema, api);
    const values = fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: nearMiss(valid), weight: 4 }, { arbitrary: anyJson, weight: 1 });
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
        // 'loose' only adds what a newer server may send (enum values, union tags, fields of
        // closed objects): it accepts everything 'request' accepts
        if (validate(value, 'request').length === 0) {
          if (validate(value, 'loose').length > 0) {
            throw new Error(`${subject.name}: valid in 'request' mode but not in 'loose': ${JSON.stringify(value)}`);
          }
          // and a field more on every object, as a newer server may add, where no keyword of the
          // schema speaks of keys it does not name
          const newer = isOpenToNewFields ? withNewerField(value) : value;
          if (newer !== value && validate(newer, 'loose').length > 0) {
            throw new Error(
              `${subject.name}: a field more on every object is refused in 'loose' mode: ${JSON.stringify(validate(newer, 'loose'))}\nvalue: ${JSON.stringify(newer)}`,
            );
          }
          // and null for every optional property left out whose schema does not list null, and
          // every required null whose schema lists it left out, as servers send them
          const swapped = takesNullForAbsent ? withNullsSwapped(value, subject.schema, api) : value;
          if (swapped !== value && validate(swapped, 'loose').length > 0) {
            throw new Error(
              `${subject.name}: null for a left-out field (or a left-out null) is refused in 'loose' mode: ${JSON.stringify(validate(swapped, 'loose'))}\nvalue: ${JSON.stringify(swapped)}\nfrom: ${JSON.stringify(value)}`,
            );
          }
        }
      }),
      { numRuns: runs, seed, endOnFailure: true },
    );
  }
  return checked;
}

const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

/** The name of the field a newer server adds: no schema names it. */
const NEWER_FIELD = 'x_newer_api_field';

/**
 * Keywords by which a schema speaks of keys it does not name (or compares whole objects), so a
 * field more may rightly fail it: an additionalProperties or unevaluatedProperties schema,
 * propertyNames, patternProperties, maxProperties, `not`, and object values of const and enum.
 */
const KEYS_KEYWORDS: readonly (string | RegExp)[] = [
  '"additionalProperties":{',
  '"unevaluatedProperties":{',
  '"propertyNames":',
  '"patternProperties":',
  '"maxProperties":',
  '"not":',
  '"const":{',
  /"enum":\[[^\]]*\{/,
];

/**
 * Keywords by which a schema speaks of whether a key is there or compares whole values, so that
 * null for a left-out key (or the other way) may rightly fail it: key counts and key-dependent
 * rules, schemas for other keys, patternProperties and propertyNames (which also check the keys
 * another allOf part declares), `not`, `if`,
 * uniqueItems, and object values of const and enum.
 */
const PRESENCE_KEYWORDS: readonly (string | RegExp)[] = [
  '"additionalProperties":{',
  '"unevaluatedProperties":{',
  '"minProperties":',
  '"maxProperties":',
  '"dependentRequired":',
  '"dependentSchemas":',
  '"patternProperties":',
  '"propertyNames":',
  '"not":',
  '"if":',
  '"uniqueItems":true',
  '"const":{',
  /"enum":\[[^\]]*\{/,
];

/**
 * The value with, in each object whose schema is known without picking a union variant: null
 * for each left-out optional property whose schema does not take null, and each null of a
 * required property whose schema lists null left out (the same value when nothing changes).
 */
function withNullsSwapped(value: unknown, schema: IrSchema, api: IrApi, depth = 0): unknown {
  const resolved = resolve(schema, api);
  if (depth > 12) return value;
  if (resolved.kind === 'array' && Array.isArray(value)) {
    const items = value.map((item, i) => withNullsSwapped(item, resolved.prefixItems?.[i] ?? resolved.items, api, depth + 1));
    return items.every((item, i) => item === value[i]) ? value : items;
  }
  const parts = resolved.kind === 'object' ? [resolved] : resolved.kind === 'allOf' ? flatten(resolved.parts, api) : [];
  if (
    parts.length === 0 ||
    !parts.every((part): part is IrObjectSchema => part.kind === 'object') ||
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    value instanceof Blob
  )
    return value;
  const record = value as Record<string, unknown>;
  const declared = new Map<string, IrProperty[]>();
  for (const property of parts.flatMap((part) => part.properties))
    declared.set(property.name, [...(declared.get(property.name) ?? []), property]);
  const object: Record<string, unknown> = {};
  let changed = false;
  for (const key of Object.keys(record)) {
    const properties = declared.get(key) ?? [];
    const required = properties.filter((property) => property.required);
    if (record[key] === null && required.length > 0 && required.every((property) => takesNull(property.schema, api, false))) {
      changed = true;
      continue;
    }
    const next = properties.length === 1 ? withNullsSwapped(record[key], properties[0]!.schema, api, depth + 1) : record[key];
    changed ||= next !== record[key];
    define(object, key, next);
  }
  for (const [name, properties] of declared) {
    if (Object.hasOwn(record, name) || INHERITED.has(name)) continue;
    if (properties.every((property) => !property.required && !takesNull(property.schema, api, true))) {
      define(object, name, null);
      changed = true;
    }
  }
  return changed ? object : value;
}

/** Whether null surely passes: a null type, a variant that takes it, a listed null, or (`orAny`) a schema without rules. */
function takesNull(schema: IrSchema, api: IrApi, orAny: boolean, depth = 0): boolean {
  const resolved = resolve(schema, api);
  if (resolved.kind === 'null') return true;
  if (resolved.kind === 'unknown') return orAny;
  if (resolved.kind === 'enum') return resolved.values.includes(null);
  if (resolved.kind === 'const') return resolved.value === null;
  if (resolved.kind === 'union') return depth < 8 && resolved.variants.some((variant) => takesNull(variant, api, orAny, depth + 1));
  return false;
}

/** The value with NEWER_FIELD added to each of its objects, at any depth (the same value when it holds none). */
function withNewerField(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(withNewerField);
    return items.every((item, i) => item === value[i]) ? value : items;
  }
  if (typeof value !== 'object' || value === null || value instanceof Blob) return value;
  const object: Record<string, unknown> = {};
  for (const key of Object.keys(value)) define(object, key, withNewerField((value as Record<string, unknown>)[key]));
  define(object, NEWER_FIELD, true);
  return object;
}

/** Whether the schema named `name`, or one it refers to, holds `keyword` (a name, JSON text such as `"not":`, or a pattern of it). */
function reaches(schemas: ReadonlyMap<string, unknown>, name: string, keyword: string | RegExp): boolean {
  const needle = typeof keyword !== 'string' || keyword.startsWith('"') ? keyword : `"${keyword}":`;
  const seen = new Set<string>();
  const visit = (current: string): boolean => {
    if (seen.has(current)) return false;
    seen.add(current);
    const text = JSON.stringify(schemas.get(current) ?? null);
    if (typeof needle === 'string' ? text.includes(needle) : needle.test(text)) return true;
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
