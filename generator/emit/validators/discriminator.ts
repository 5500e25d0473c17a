// A union with a discriminator: the property's value picks the one schema to check (as ajv's
// `discriminator` option does); a missing or unmapped value is reported on that property, or,
// with OpenAPI 3.2's `defaultMapping`, checked against the default schema.
import type { IrDiscriminator, IrUnionSchema } from '../../model/ir.js';
import { code, joinCode, literal, propertyAccess, type Code } from '../escape.js';
import { listLiterals } from './describe.js';
import { depthAt } from './ref.js';
import type { Scope } from './scope.js';
import { isObjectTest } from './shape.js';
import { and, compare, not } from './expr.js';
import { IS_LOOSE } from './modes.js';
import { childTarget, ifElse, mismatch, nest, reportExpression, reportMissing, type Target } from './target.js';

/**
 * The length past which the text of the listed tags is a module constant rather than three
 * literals: past about two tags it is the fewer bytes, and it keeps each message's line short
 * enough for print.ts to lay out (a longer one goes to prettier).
 */
const SHARED_LENGTH = 20;

export function discriminatorToCheck(_schema: IrUnionSchema, discriminator: IrDiscriminator, target: Target, scope: Scope): Code {
  const name = discriminator.propertyName;
  const values = listLiterals(discriminator.mapping.map((entry) => entry.value));
  const object = scope.local('o');
  const tag = scope.local('v');
  const tagTarget = childTarget(target, tag, literal(name), `\`${name}\``, name);
  const byTarget = new Map<string, string[]>();
  for (const entry of discriminator.mapping) byTarget.set(entry.target, [...(byTarget.get(entry.target) ?? []), entry.value]);
  const checkAgainst = (key: string): Code => {
    const result = scope.local('r');
    return code`const ${result} = ${scope.module.checkOf(key)}(${target.value}, mode, ${target.label}, ${depthAt(target)});\nif (${result} !== undefined) {\n${nest(target, result, scope.module.helper('nestIssues'))}\n}`;
  };
  const cases = [...byTarget].map(([key, tags]) => {
    const labels = joinCode(
      tags.map((value) => code`case ${literal(value)}:`),
      '\n',
    );
    return code`${labels} {\n${checkAgainst(key)}\nbreak;\n}`;
  });
  // three messages name the listed tags: a long list is one module constant they share
  const listed = `one of ${values}`;
  const shared = listed.length > SHARED_LENGTH ? scope.module.constant('TEXT', literal(listed)) : undefined;
  /** `before`, the listed tags and `after`, as one string expression. */
  const words = (before: string, after: string): Code => {
    if (shared === undefined) return literal(before + listed + after);
    return joinCode([...(before === '' ? [] : [literal(before)]), shared, ...(after === '' ? [] : [literal(after)])], ' + ');
  };
  const missing = reportMissing(tagTarget, words('', ''));
  const found = code`${scope.module.helper('foundLiteral')}(${tag})`;
  const wrong = reportExpression(tagTarget, code`${words(`expected \`${name}\` to be `, '; found ')} + ${found}`);
  // in 'loose' mode a tag the spec does not list is a variant added since: kept as sent
  const unlisted = code`if (${not(and([IS_LOOSE, compare(code`typeof ${tag} === 'string'`)]))}) {\n${wrong}\n}`;
  // OpenAPI 3.2 `defaultMapping`: an absent or unmapped tag picks the default schema
  const defaultTarget = discriminator.defaultTarget;
  const fallback =
    defaultTarget === undefined
      ? code`default:\n${ifElse(code`${tag} === undefined`, missing, unlisted)}`
      : code`default: {\n${checkAgainst(defaultTarget)}\n}`;
  const otherwise = mismatch(
    target,
    shared === undefined ? `an object with \`${name}\` ${listed}` : words(`an object with \`${name}\` `, ''),
  );
  const read = code`${object}${propertyAccess(name)}`;
  return code`if (${isObjectTest(target.value)}) {\nconst ${object} = ${target.value} as Record<string, unknown>;\nconst ${tag}: unknown = Object.hasOwn(${object}, ${literal(name)}) ? ${read} : undefined;\nswitch (${tag}) {\n${joinCode([...cases, fallback], '\n')}\n}\n} else {\n${otherwise}\n}`;
}
