// A $ref to a named schema: a call to its check function (recursion works through these), or,
// for a leaf such as a string enum, or a small schema that does not recurse, its check inlined
// (see ModuleScope.inlinesRef).
import type { IrRefSchema } from '../../model/ir.js';
import { code, type Code } from '../escape.js';
import { isTestable } from './leaf.js';
import type { Scope } from './scope.js';
import { jsonTypesOf, typeGuard } from './shape.js';
import { keyOrConstantPath, levelsAt, nest, nullableMode, pathArray, type Target } from './target.js';

/**
 * The `depth` argument of a call to a check function on `target`: the caller's own depth plus
 * the levels between its input and the target. Every call passes it, so a value nested past
 * MAX_DEPTH (templates/runtime/standard-schema.ts) is an issue, not a stack overflow.
 */
export function depthAt(target: Target): Code {
  const levels = levelsAt(target);
  return levels === 0 ? code`depth` : code`depth + ${levels}`;
}

export function refToCheck(schema: IrRefSchema, target: Target, scope: Scope): Code {
  const resolve = scope.module.resolve.bind(scope.module);
  const resolved = resolve(schema);
  if (resolved.kind !== 'union' && isTestable(resolved, resolve)) return scope.check(resolved, target);
  if (scope.module.inlinesRef(schema.target, scope.owner)) return scope.check(resolved, target);
  const call = code`${scope.module.checkOf(schema.target)}(${target.value}, mode, ${target.label}, ${depthAt(target)})`;
  const checked = nestCall(target, call, scope);
  // Inside a union, values of another JSON type go on to the union's next variant.
  const otherwise = target.otherwise;
  const guard = otherwise === undefined ? undefined : typeGuard(jsonTypesOf(schema, resolve), target.value);
  return guard === undefined || otherwise === undefined ? checked : code`if (${guard}) {\n${checked}\n} else {\n${otherwise}\n}`;
}

/**
 * `issues = nest(issues, path, check_X(…));`: the issues of a called check, under the target's
 * path. For a required property the check also runs on an absent value, and nestRequired words
 * its "expected …, found undefined" as "missing required key".
 */
export function nestCall(target: Target, call: Code, scope: Scope): Code {
  const path = keyOrConstantPath(target.path, scope);
  if (target.prefix !== '' || path === undefined) {
    // a path with an index or key in it would be a new array on every call: made only on failure
    const result = scope.local('r');
    const nested =
      target.required === true && target.prefix === ''
        ? code`issues = ${scope.module.helper('nestRequired')}(issues, ${pathArray(target.path)}, ${result}, ${target.value}${nullableMode(target)});`
        : nest(target, result, scope.module.helper('nestIssues'));
    return code`const ${result} = ${call};\nif (${result} !== undefined) {\n${nested}\n}`;
  }
  if (target.required !== true) return code`issues = ${scope.module.helper('nest')}(issues, ${path}, ${call});`;
  // A required property's result is tested here, not in the helper: a valid value (the common
  // case) then costs no helper call (about 4% of a valid ChatSession's check).
  const result = scope.local('r');
  return code`const ${result} = ${call};\nif (${result} !== undefined) issues = ${scope.module.helper('nestRequired')}(issues, ${path}, ${result}, ${target.value}${nullableMode(target)});`;
}
