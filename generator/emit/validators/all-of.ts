// allOf: every part holds. When every part is an object (refs to named objects included, and
// nested allOfs flattened), the parts are checked as one object, so 'strict' mode allows the
// keys of all parts together; otherwise each part is checked on its own, in order.
import type { IrAllOfSchema, IrObjectSchema, IrSchema } from '../../model/ir.js';
import { code, type Code } from '../escape.js';
import { objectPartsToCheck } from './object.js';
import type { Scope } from './scope.js';
import { jsonTypesOf, typeGuard } from './shape.js';
import { block, withoutOtherwise, type Target } from './target.js';

/**
 * The named schemas whose parts are being checked inline, per module: a schema recursive through
 * an allOf (`Root: { properties: { all: { allOf: [$ref Root] } } }`) is inlined once, and its
 * nested use is checked by calling its check function instead of inlining it forever.
 */
const inlining = new WeakMap<object, Set<string>>();

export function allOfToCheck(schema: IrAllOfSchema, target: Target, scope: Scope): Code {
  const active = inlining.get(scope.module) ?? new Set<string>();
  inlining.set(scope.module, active);
  const parts = flattenParts(schema.parts, scope, active);
  if (parts.length > 0 && parts.every((part): part is IrObjectSchema => part.kind === 'object')) {
    const entered = referencedKeys(schema.parts, scope, active);
    entered.forEach((key) => active.add(key));
    try {
      return objectPartsToCheck(parts, target, scope);
    } finally {
      entered.forEach((key) => active.delete(key));
    }
  }
  const checks = block(schema.parts.map((part) => scope.check(part, withoutOtherwise(target))));
  // Inside a union, values of another JSON type go on to the union's next variant.
  const otherwise = target.otherwise;
  const guard =
    otherwise === undefined
      ? undefined
      : typeGuard(
          jsonTypesOf(schema, (inner) => scope.module.resolve(inner)),
          target.value,
        );
  return guard === undefined || otherwise === undefined ? checks : code`if (${guard}) {\n${checks}\n} else {\n${otherwise}\n}`;
}

/** The named schemas that flattenParts inlines for these parts (those not already being inlined). */
function referencedKeys(parts: readonly IrSchema[], scope: Scope, seen: ReadonlySet<string>): Set<string> {
  const keys = new Set<string>();
  const visit = (part: IrSchema): void => {
    if (part.kind === 'ref' && !seen.has(part.target) && !keys.has(part.target)) {
      keys.add(part.target);
      visit(scope.module.named(part.target).schema);
    } else if (part.kind === 'allOf') part.parts.forEach(visit);
  };
  parts.forEach(visit);
  return keys;
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
