// `enum` and `const`. Strings, numbers, booleans and null are compared with === (a long enum
// is a hoisted Set); an object or array value is a hoisted constant compared with the runtime's
// jsonEqual (JSON Schema's equality: same keys, equal values, arrays item by item).
import type { IrConstSchema, IrEnumSchema, IrLiteral } from '../../model/ir.js';
import { code, type Code, joinCode, literal } from '../escape.js';
import { and, atom, compare, or, type Expr } from './expr.js';
import { IS_LOOSE } from './modes.js';
import { listLiterals, showLiteral } from './describe.js';
import { rulesToCheck, type Rule } from './rules.js';
import type { Scope } from './scope.js';
import type { Target } from './target.js';

const INLINE_VALUES = 8;

/**
 * `open`: in 'loose' mode an enum of strings also accepts a string it does not list (an API that
 * adds a value must not break a client). Inside a union the variants stay closed;
 * the union is open as a whole (union.ts).
 */
export function literalRules(schema: IrEnumSchema | IrConstSchema, value: Code, scope: Scope, open = false): Rule[] {
  const values = schema.kind === 'enum' ? schema.values : [schema.value];
  const bad = values.find(isNotJson);
  if (bad !== undefined) {
    scope.module.unsupported(
      schema.source,
      `The ${schema.kind} value ${String(bad)} is not a JSON number, so no validator can be emitted for it.`,
    );
    return [];
  }
  const tail = code`${scope.module.helper('foundLiteral')}(${value})`;
  const what = schema.kind === 'const' ? showLiteral(schema.value) : `one of ${listLiterals(values)}`;
  const expected = `expected ${what}; found `;
  const listed = oneOf(values, value, scope);
  // only string enums are open: a new string value is how APIs grow; numbers and booleans are
  // usually a closed set (and the types say `(string & {})` for exactly these)
  const isOpen = open && schema.kind === 'enum' && values.some((item) => typeof item === 'string');
  if (!isOpen) return [{ holds: listed, message: expected, listed: what, tail }];
  return [{ holds: or([listed, and([IS_LOOSE, compare(code`typeof ${value} === 'string'`)])]), message: expected, listed: what, tail }];
}

/** `v === "a" || v === "b"`, or `VALUES_1.has(v)` for many values; `jsonEqual(v, VALUE_2)` for an object or array. */
export function oneOf(values: readonly IrLiteral[], value: Code, scope: Scope): Expr {
  const primitives = values.filter((item) => item === null || typeof item !== 'object');
  const composites = values.filter((item) => item !== null && typeof item === 'object');
  const deep = composites.map((item) =>
    atom(code`${scope.module.helper('jsonEqual')}(${value}, ${scope.module.constant('VALUE', literal(item))})`),
  );
  if (primitives.length <= INLINE_VALUES) return or([...primitives.map((item) => compare(code`${value} === ${literal(item)}`)), ...deep]);
  const set = scope.module.constant(
    'VALUES',
    code`new Set<unknown>([${joinCode(
      primitives.map((item) => literal(item)),
      ', ',
    )}])`,
  );
  return or([atom(code`${set}.has(${value})`), ...deep]);
}

/** A number that is not finite (YAML's `.inf`), anywhere in the value. */
function isNotJson(value: IrLiteral): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (value === null || typeof value !== 'object') return false;
  return (Array.isArray(value) ? value : Object.values(value)).some(isNotJson);
}

export function literalToCheck(schema: IrEnumSchema | IrConstSchema, target: Target, scope: Scope): Code {
  return rulesToCheck(literalRules(schema, target.value, scope, target.otherwise === undefined), target);
}
