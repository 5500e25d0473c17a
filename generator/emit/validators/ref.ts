// A $ref to a named schema: a call to its check function (recursion works through these), or,
// for a leaf such as a string enum, its check inlined.
import type { IrRefSchema } from '../../model/ir.js';
import { code, type Code } from '../escape.js';
import { isTestable } from './leaf.js';
import type { Scope } from './scope.js';
import { nest, type Target } from './target.js';

export function refToCheck(schema: IrRefSchema, target: Target, scope: Scope): Code {
  const resolved = scope.module.resolve(schema);
  if (resolved.kind !== 'union' && isTestable(resolved, (inner) => scope.module.resolve(inner))) return scope.check(resolved, target);
  const result = scope.local('r');
  const call = code`${scope.module.checkOf(schema.target)}(${target.value}, strict, ${target.label})`;
  return code`const ${result} = ${call};\nif (${result} !== undefined) {\n${nest(target, result, scope.module.helper('nestIssues'))}\n}`;
}
