// `type: boolean`, `type: null`, `{}` (any value) and `false` / `not: {}` (no value).
import type { IrBooleanSchema, IrNeverSchema, IrNullSchema, IrUnknownSchema } from '../../model/ir.js';
import { code, type Code } from '../escape.js';
import { rulesToCheck, type Rule } from './rules.js';
import type { Scope } from './scope.js';
import type { Target } from './target.js';

type PrimitiveSchema = IrBooleanSchema | IrNullSchema | IrUnknownSchema | IrNeverSchema;

export function primitiveRules(schema: PrimitiveSchema, value: Code, scope: Scope): Rule[] {
  const tail = code`${scope.module.helper('found')}(${value})`;
  switch (schema.kind) {
    case 'boolean':
      return [{ holds: code`typeof ${value} === "boolean"`, message: 'expected a boolean, found ', tail }];
    case 'null':
      return [{ holds: code`${value} === null`, message: 'expected null, found ', tail }];
    case 'never':
      return [{ holds: code`false`, message: 'expected no value (nothing is allowed here), found ', tail }];
    case 'unknown':
      return [];
  }
}

export function primitiveToCheck(schema: PrimitiveSchema, target: Target, scope: Scope): Code {
  return rulesToCheck(primitiveRules(schema, target.value, scope), target);
}
