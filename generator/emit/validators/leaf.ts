// Leaf schemas (strings, numbers, literals, booleans, null, and unions of them): their rules,
// so a union can test a variant as one allocation-free boolean expression.
import type { IrSchema } from '../../model/ir.js';
import type { Code } from '../escape.js';
import { FALSE, or, type Expr } from './expr.js';
import { literalRules } from './literal.js';
import { numberRules } from './number.js';
import { primitiveRules } from './primitive.js';
import { rulesToTest, type Rule } from './rules.js';
import type { Scope } from './scope.js';
import { areDisjoint, jsonTypesOf } from './shape.js';
import { stringRules } from './string.js';

/** The rules of a leaf schema, or undefined when the schema is not a leaf. */
export function leafRules(schema: IrSchema, value: Code, scope: Scope): Rule[] | undefined {
  switch (schema.kind) {
    case 'string':
      return stringRules(schema, value, scope);
    case 'number':
      return numberRules(schema, value, scope);
    case 'enum':
    case 'const':
      return literalRules(schema, value, scope);
    case 'boolean':
    case 'null':
    case 'unknown':
    case 'never':
      return primitiveRules(schema, value, scope);
    default:
      return undefined;
  }
}

/**
 * Whether a boolean expression can decide `schema`: leaves, refs to leaves, and unions of
 * leaves (a oneOf only when its variants cannot overlap). Objects, arrays and allOf cannot.
 */
export function isTestable(schema: IrSchema, resolve: (schema: IrSchema) => IrSchema, depth = 0): boolean {
  if (depth > 8) return false;
  switch (schema.kind) {
    case 'ref':
      return isTestable(resolve(schema), resolve, depth + 1);
    case 'union':
      return (
        schema.discriminator === undefined &&
        schema.unevaluatedProperties === undefined &&
        (schema.mode === 'anyOf' || areDisjoint(schema.variants.map((variant) => jsonTypesOf(variant, resolve)))) &&
        schema.variants.every((variant) => isTestable(variant, resolve, depth + 1))
      );
    case 'object':
    case 'array':
    case 'allOf':
    case 'not':
      return false;
    default:
      return true;
  }
}

/** The boolean expression of a testable schema (see isTestable). */
export function schemaToTest(schema: IrSchema, value: Code, scope: Scope): Expr {
  if (schema.kind === 'ref') return schemaToTest(scope.module.resolve(schema), value, scope);
  if (schema.kind === 'union') {
    if (schema.variants.length === 0) return FALSE;
    return or(schema.variants.map((variant) => schemaToTest(variant, value, scope)));
  }
  const rules = leafRules(schema, value, scope);
  if (rules === undefined) throw new Error(`schemaToTest: ${schema.kind} at ${schema.source} is not testable`);
  return rulesToTest(rules);
}
