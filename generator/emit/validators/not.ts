// `not`: the value must fail the inner schema. The inner check is a hoisted function; a value
// it accepts is one issue that says what was not allowed. (`not: {}` is `never` in the IR.)
// The inner check runs in 'request' mode, the spec's exact meaning, whatever the outer mode:
// 'loose' keeps unlisted enum values and 'strict' closes open objects, and either, negated,
// would turn around (`not: { enum: [a] }` would reject every string in 'loose').
import type { IrNotSchema } from '../../model/ir.js';
import { code, type Code } from '../escape.js';
import { describeSchema } from './describe.js';
import { MODE_FLAGS } from './modes.js';
import { depthAt } from './ref.js';
import type { Scope } from './scope.js';
import { report, type Target } from './target.js';

export function notToCheck(schema: IrNotSchema, target: Target, scope: Scope): Code {
  const inner = scope.module.hoist(schema.schema, scope.owner);
  const what = describeSchema(schema.schema, (next) => scope.module.resolve(next));
  const failure = report(target, `expected a value that is not ${what}; found one that is`);
  const check = code`if (${inner}(${target.value}, ${MODE_FLAGS.request}, ${target.label}, ${depthAt(target)}) === undefined) {\n${failure}\n}`;
  return check;
}
