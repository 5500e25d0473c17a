// `enum` and `const` (JSON literals only, compared with ===). A long enum is a hoisted Set.
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
  const bad = values.find((item) => typeof item === 'number' && !Number.isFinite(item));
  if (bad !== undefined) {
    scope.module.unsupported(schema.source, `The ${schema.kind} value ${String(bad)} is not a JSON number, so no validator can be emitted for it.`);
    return [];
  }
  const tail = code`${scope.module.helper('foundLiteral')}(${value})`;
  const expected = schema.kind === 'const' ? `expected ${showLiteral(schema.value)}, found ` : `expected one of ${listLiterals(values)}; found `;
  return [{ holds: oneOf(values, value, scope), message: expected, tail }];
}

/** `v === "a" || v === "b"`, or `VALUES_1.has(v)` for many values. */
export function oneOf(values: readonly IrLiteral[], value: Code, scope: Scope): Expr {
  if (values.length === 0) return FALSE;
  if (values.length <= INLINE_VALUES) return or(values.map((item) => compare(code`${value} === ${literal(item)}`)));
  const set = scope.module.constant('VALUES', code`new Set<unknown>([${joinCode(values.map((item) => literal(item)), ', ')}])`);
  return atom(code`${set}.has(${value})`);
}

export function literalToCheck(schema: IrEnumSchema | IrConstSchema, target: Target, scope: Scope): Code {
  return rulesToCheck(literalRules(schema, target.value, scope), target);
}
