// `type: boolean`, `type: null`, `{}` (any value) and `false` / `not: {}` (no value).
import type { IrBooleanSchema, IrNeverSchema, IrNullSchema, IrUnknownSchema } from '../../model/ir.js';
import { code, type Code } from '../escape.js';
import { compare, FALSE } from './expr.js';
import { rulesToCheck, type Rule } from './rules.js';
import type { Scope } from './scope.js';
import type { Target } from './target.js';

type PrimitiveSchema = IrBooleanSchema | IrNullSchema | IrUnknownSchema | IrNeverSchema;

export function primitiveRules(schema: PrimitiveSchema, value: Code, _scope: Scope): Rule[] {
  switch (schema.kind) {
    case 'boolean':
      return [{ holds: compare(code`typeof ${value} === 'boolean'`), what: 'a boolean', message: '' }];
    case 'null':
      return [{ holds: compare(code`${value} === null`), what: 'null', message: '' }];
    case 'never':
      return [{ holds: FALSE, what: 'no value (nothing is allowed here)', message: '' }];
    case 'unknown':
      return [];
  }
}

export function primitiveToCheck(schema: PrimitiveSchema, target: Target, scope: Scope): Code {
  return rulesToCheck(primitiveRules(schema, target.value, scope), target);
}
