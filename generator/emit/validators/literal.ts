// `enum` and `const`. Strings, numbers, booleans and null are compared with === (a long enum
// is a hoisted Set); an object or array value is a hoisted constant compared with the runtime's
// jsonEqual (JSON Schema's equality: same keys, equal values, arrays item by item).
import type { IrConstSchema, IrEnumSchema, IrLiteral } from '../../model/ir.js';
import { code, joinCode, literal, type Code } from '../escape.js';
import { atom, compare, FALSE, or, type Expr } from './expr.js';
import { listLiterals, showLiteral } from './describe.js';
import { rulesToCheck, type Rule } from './rules.js';
import type { Scope } from './scope.js';
import type { Target } from './target.js';

const INLINE_VALUES = 8;

export function literalRules(schema: IrEnumSchema | IrConstSchema, value: Code, scope: Scope): Rule[] {
  const values = schema.kind === 'enum' ? schema.values : [schema.value];
  const bad = values.find(isNotJson);
  if (bad !== undefined) {
    scope.module.unsupported(schema.source, `The ${schema.kind} value ${String(bad)} is not a JSON number, so no validator can be emitted for it.`);
    return [];
  }
  const tail = code`${scope.module.helper('foundLiteral')}(${value})`;
  const expected = schema.kind === 'const' ? `expected ${showLiteral(schema.value)}, found ` : `expected one of ${listLiterals(values)}; found `;
  return [{ holds: oneOf(values, value, scope), message: expected, tail }];
}

/** `v === "a" || v === "b"`, or `VALUES_1.has(v)` for many values; `jsonEqual(v, VALUE_2)` for an object or array. */
export function oneOf(values: readonly IrLiteral[], value: Code, scope: Scope): Expr {
  const primitives = values.filter((item) => item === null || typeof item !== 'object');
  const composites = values.filter((item) => item !== null && typeof item === 'object');
  const deep = composites.map((item) => atom(code`${scope.module.helper('jsonEqual')}(${value}, ${scope.module.constant('VALUE', literal(item))})`));
  if (primitives.length <= INLINE_VALUES) return or([...primitives.map((item) => compare(code`${value} === ${literal(item)}`)), ...deep]);
  const set = scope.module.constant('VALUES', code`new Set<unknown>([${joinCode(primitives.map((item) => literal(item)), ', ')}])`);
  return or([atom(code`${set}.has(${value})`), ...deep]);
}

/** A number that is not finite (YAML's `.inf`), anywhere in the value. */
function isNotJson(value: IrLiteral): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (value === null || typeof value !== 'object') return false;
  return (Array.isArray(value) ? value : Object.values(value)).some(isNotJson);
}

export function literalToCheck(schema: IrEnumSchema | IrConstSchema, target: Target, scope: Scope): Code {
  return rulesToCheck(literalRules(schema, target.value, scope), target);
}
