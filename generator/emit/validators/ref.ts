// A $ref to a named schema: a call to its check function (recursion works through these), or,
// for a leaf such as a string enum or a small schema that does not recurse, its check inlined.
import type { IrRefSchema } from '../../model/ir.js';
import { code, type Code } from '../escape.js';
import { isTestable } from './leaf.js';
import type { Scope } from './scope.js';
import { jsonTypesOf, typeGuard } from './shape.js';
import { nest, type Target } from './target.js';

/**
 * The `depth` argument of a call to a check function on `target`: the caller's own depth plus
 * the levels between its input and the target. Every call passes it, so a value nested past
 * MAX_DEPTH (templates/runtime/standard-schema.ts) is an issue, not a stack overflow.
 */
export function depthAt(target: Target): Code {
  const levels = target.path.length;
  return levels === 0 ? code`depth` : code`depth + ${levels}`;
}

export function refToCheck(schema: IrRefSchema, target: Target, scope: Scope): Code {
  const resolve = scope.module.resolve.bind(scope.module);
  const resolved = resolve(schema);
  if (resolved.kind !== 'union' && isTestable(resolved, resolve)) return scope.check(resolved, target);
  if (scope.module.isInlined(schema.target)) return scope.check(resolved, target);
  const result = scope.local('r');
  const call = code`${scope.module.checkOf(schema.target)}(${target.value}, strict, ${target.label}, ${depthAt(target)})`;
  const checked = code`const ${result} = ${call};\nif (${result} !== undefined) {\n${nest(target, result, scope.module.helper('nestIssues'))}\n}`;
  // Inside a union, values of another JSON type go on to the union's next variant.
  const otherwise = target.otherwise;
  const guard = otherwise === undefined ? undefined : typeGuard(jsonTypesOf(schema, resolve), target.value);
  return guard === undefined || otherwise === undefined ? checked : code`if (${guard}) {\n${checked}\n} else {\n${otherwise}\n}`;
}
