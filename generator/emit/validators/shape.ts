// What a schema accepts at a glance, decided at generation time: the JSON types it can match
// (for the union strategy), a type guard expression, and whether it is a leaf that a pure
// boolean test can decide.
import type { IrSchema } from '../../model/ir.js';
import { code, type Code } from '../escape.js';
import { atom, compare, FALSE, or, type Expr } from './expr.js';

export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';
/** `any` when the schema does not pin the JSON type (unknown, or a ref loop). */
export type JsonTypes = ReadonlySet<JsonType> | 'any';

const ALL: readonly JsonType[] = ['string', 'number', 'boolean', 'null', 'object', 'array'];

export function jsonTypesOf(schema: IrSchema, resolve: (schema: IrSchema) => IrSchema, seen: ReadonlySet<IrSchema> = new Set()): JsonTypes {
  if (seen.has(schema)) return 'any';
  const inner = (next: IrSchema) => jsonTypesOf(next, resolve, new Set([...seen, schema]));
  switch (schema.kind) {
    case 'ref':
      return inner(resolve(schema));
    case 'enum':
      return new Set(schema.values.map(typeOfLiteral));
    case 'const':
      return new Set([typeOfLiteral(schema.value)]);
    case 'union': {
      const sets = schema.variants.map(inner);
      return sets.includes('any') ? 'any' : new Set(sets.flatMap((set) => [...(set as ReadonlySet<JsonType>)]));
    }
    case 'allOf': {
      const sets = schema.parts.map(inner).filter((set): set is ReadonlySet<JsonType> => set !== 'any');
      return sets.length === 0 ? 'any' : new Set(ALL.filter((type) => sets.every((set) => set.has(type))));
    }
    case 'unknown':
    case 'not':
      return 'any';
    case 'never':
      return new Set();
    default:
      return new Set([schema.kind]);
  }
}

/** True when no value can have a JSON type of two different variants. */
export function areDisjoint(sets: readonly JsonTypes[]): boolean {
  const seen = new Set<JsonType>();
  for (const set of sets) {
    if (set === 'any') return false;
    for (const type of set) {
      if (seen.has(type)) return false;
    }
    for (const type of set) seen.add(type);
  }
  return true;
}

/** An expression true when `value` has one of `types`; undefined for `any`. */
export function typeGuard(types: JsonTypes, value: Code): Expr | undefined {
  if (types === 'any') return undefined;
  if (types.size === 0) return FALSE;
  return or([...types].sort().map((type) => singleGuard(type, value)));
}

function singleGuard(type: JsonType, value: Code): Expr {
  switch (type) {
    case 'null':
      return compare(code`${value} === null`);
    case 'object':
      return isObjectTest(value);
    case 'array':
      return atom(code`Array.isArray(${value})`);
    default:
      return compare(code`typeof ${value} === ${type}`);
  }
}

/** A JSON object: not null, not an array (the runtime's `isObject`, which narrows to a record). */
export function isObjectTest(value: Code): Expr {
  return atom(code`isObject(${value})`);
}

function typeOfLiteral(value: unknown): JsonType {
  if (Array.isArray(value)) return 'array';
  return value === null ? 'null' : (typeof value as 'string' | 'number' | 'boolean' | 'object');
}
