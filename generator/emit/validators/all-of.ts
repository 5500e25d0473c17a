// allOf: every part holds. When every part is an object (refs to named objects included, and
// nested allOfs flattened), the parts are checked as one object, so 'strict' mode allows the
// keys of all parts together; otherwise each part is checked on its own, in order.
import type { IrAllOfSchema, IrObjectSchema, IrSchema } from '../../model/ir.js';
import { code, type Code } from '../escape.js';
import { objectPartsToCheck } from './object.js';
import type { Scope } from './scope.js';
import { jsonTypesOf, typeGuard } from './shape.js';
import { block, withoutOtherwise, type Target } from './target.js';

export function allOfToCheck(schema: IrAllOfSchema, target: Target, scope: Scope): Code {
  const parts = flattenParts(schema.parts, scope, new Set());
  if (parts.length > 0 && parts.every((part): part is IrObjectSchema => part.kind === 'object')) return objectPartsToCheck(parts, target, scope);
  const checks = block(schema.parts.map((part) => scope.check(part, withoutOtherwise(target))));
  // Inside a union, values of another JSON type go on to the union's next variant.
  const otherwise = target.otherwise;
  const guard = otherwise === undefined ? undefined : typeGuard(jsonTypesOf(schema, (inner) => scope.module.resolve(inner)), target.value);
  return guard === undefined || otherwise === undefined ? checks : code`if (${guard}) {\n${checks}\n} else {\n${otherwise}\n}`;
}

/** The parts with refs resolved and nested allOfs spread, in order. */
export function flattenParts(parts: readonly IrSchema[], scope: Scope, seen: ReadonlySet<string>): IrSchema[] {
  return parts.flatMap((part): IrSchema[] => {
    if (part.kind === 'ref') {
      if (seen.has(part.target)) return [part];
      const target = scope.module.named(part.target).schema;
      return flattenParts([target], scope, new Set([...seen, part.target]));
    }
    return part.kind === 'allOf' ? flattenParts(part.parts, scope, seen) : [part];
  });
}
