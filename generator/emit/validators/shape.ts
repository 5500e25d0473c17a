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

/** The variants less those whose every value a variant that takes its whole type (wholeTypes) takes. */
export function withoutSubsumed(variants: readonly IrSchema[], resolve: (schema: IrSchema) => IrSchema): readonly IrSchema[] {
  const whole = new Map<JsonType, IrSchema>();
  for (const variant of variants) {
    for (const type of wholeTypes(variant, resolve, new Set())) if (!whole.has(type)) whole.set(type, variant);
  }
  if (whole.size === 0) return variants;
  return variants.filter((variant) => {
    const types = jsonTypesOf(variant, resolve);
    if (types === 'any' || types.size === 0) return true;
    const taker = [...types].every((type) => whole.has(type)) ? whole.get([...types][0]!) : undefined;
    // kept: the taker itself, or a variant with a type no whole-type variant takes
    return taker === undefined || taker === variant || [...types].some((type) => whole.get(type) !== taker);
  });
}

/**
 * The JSON types a schema takes every value of: `type: string` with no rule takes every string;
 * an anyOf (through refs) takes what any of its variants takes whole. Not a oneOf: there a value
 * two variants take is invalid.
 */
function wholeTypes(schema: IrSchema, resolve: (schema: IrSchema) => IrSchema, seen: Set<IrSchema>): ReadonlySet<JsonType> {
  const resolved = resolve(schema);
  if (seen.has(resolved)) return new Set();
  seen.add(resolved);
  switch (resolved.kind) {
    case 'string':
      return resolved.minLength === undefined &&
        resolved.maxLength === undefined &&
        resolved.pattern === undefined &&
        resolved.format === undefined &&
        resolved.contentSchema === undefined
        ? new Set(['string'])
        : new Set();
    case 'number':
      return !resolved.integer &&
        resolved.minimum === undefined &&
        resolved.maximum === undefined &&
        resolved.exclusiveMinimum === undefined &&
        resolved.exclusiveMaximum === undefined &&
        resolved.multipleOf === undefined &&
        resolved.format === undefined
        ? new Set(['number'])
        : new Set();
    case 'boolean':
    case 'null':
      return new Set([resolved.kind]);
    case 'union':
      return resolved.mode === 'anyOf' && resolved.discriminator === undefined && resolved.unevaluatedProperties === undefined
        ? new Set(resolved.variants.flatMap((variant) => [...wholeTypes(variant, resolve, seen)]))
        : new Set();
    default:
      return new Set();
  }
}
