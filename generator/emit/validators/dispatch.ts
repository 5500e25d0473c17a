// The check of any schema: one emitter per kind, chosen here. Injected into the module scope,
// so that kind emitters check their subschemas without importing each other in a cycle.
import type { IrSchema } from '../../model/ir.js';
import { code, type Code } from '../escape.js';
import { allOfToCheck } from './all-of.js';
import { arrayToCheck } from './array.js';
import { isTestable } from './leaf.js';
import { literalToCheck } from './literal.js';
import { notToCheck } from './not.js';
import { numberToCheck } from './number.js';
import { objectToCheck } from './object.js';
import { primitiveToCheck } from './primitive.js';
import { depthAt, nestCall, refToCheck } from './ref.js';
import { ROOT_TARGET, type Scope } from './scope.js';
import { stringToCheck } from './string.js';
import type { Target } from './target.js';
import { composedToCheck } from './unevaluated.js';
import { unionToCheck } from './union.js';

export function schemaToCheck(schema: IrSchema, target: Target, scope: Scope): Code {
  // (not at a function's root: that is where a shared shape's own check is emitted)
  if (
    (schema.kind === 'object' || schema.kind === 'union') &&
    target !== ROOT_TARGET &&
    target.otherwise === undefined &&
    target.prefix === ''
  ) {
    // a union of leaves is tested where it is used (no call on the valid path), except in a
    // check written for size (ModuleScope.isCompact), which calls the shape's shared check
    const isInlineLeaves = !scope.isCompact && schema.kind === 'union' && isTestable(schema, (next) => scope.module.resolve(next));
    const shared = isInlineLeaves ? undefined : scope.module.sharedShape(schema);
    if (shared !== undefined) return nestCall(target, code`${shared}(${target.value}, mode, ${target.label}, ${depthAt(target)})`, scope);
  }
  switch (schema.kind) {
    case 'ref':
      return refToCheck(schema, target, scope);
    case 'object':
      return objectToCheck(schema, target, scope);
    case 'array':
      return arrayToCheck(schema, target, scope);
    case 'string':
      return stringToCheck(schema, target, scope);
    case 'number':
      return numberToCheck(schema, target, scope);
    case 'enum':
    case 'const':
      return literalToCheck(schema, target, scope);
    case 'union':
      return composedToCheck(schema, unionToCheck, target, scope);
    case 'allOf':
      return composedToCheck(schema, allOfToCheck, target, scope);
    case 'not':
      return notToCheck(schema, target, scope);
    case 'boolean':
    case 'null':
    case 'unknown':
    case 'never':
      return primitiveToCheck(schema, target, scope);
  }
}
