// `type: object`: properties and required, then one pass over the keys for additionalProperties
// (false, a schema, or, when undeclared, only in 'strict' mode), propertyNames and
// min/maxProperties. Several parts are the objects of one allOf, checked as one value.
import type { IrObjectSchema, IrProperty } from '../../model/ir.js';
import { code, literal, propertyAccess, type Code } from '../escape.js';
import { describeObject, describeSchema } from './describe.js';
import { keysToCheck } from './keys.js';
import type { Scope } from './scope.js';
import { not } from './expr.js';
import { isObjectTest } from './shape.js';
import { block, childTarget, EMPTY, mismatch, reportMissing, type Target } from './target.js';

/** Keys that a plain object inherits (`toString`, `__proto__`, …): read only when own. */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

export function objectToCheck(schema: IrObjectSchema, target: Target, scope: Scope): Code {
  return objectPartsToCheck([schema], target, scope);
}

export function objectPartsToCheck(parts: readonly IrObjectSchema[], target: Target, scope: Scope): Code {
  const object = scope.local('o');
  const statements = [
    ...parts.flatMap((part) => part.properties.map((property) => propertyToCheck(property, object, target, scope))),
    keysToCheck(parts, object, target, scope),
  ].filter((statement) => statement.text !== '');
  const otherwise = mismatch(target, describeObject(parts));
  if (statements.length === 0) return code`if (${not(isObjectTest(target.value))}) {\n${otherwise}\n}`;
  const cast = code`const ${object} = ${target.value} as Record<string, unknown>;`;
  return code`if (${isObjectTest(target.value)}) {\n${block([cast, ...statements])}\n} else {\n${otherwise}\n}`;
}

/** `const v1 = o.user; if (v1 === undefined) { missing } else { check }`. */
function propertyToCheck(property: IrProperty, object: Code, target: Target, scope: Scope): Code {
  const { name } = property;
  const access = code`${object}${propertyAccess(name)}`;
  const isInherited = INHERITED.has(name);
  const read = isInherited ? code`Object.hasOwn(${object}, ${literal(name)}) ? ${access} : undefined` : access;
  const value = scope.local('v');
  // TypeScript types `o.constructor` as Object's member, not the index signature's unknown.
  const declared = isInherited ? code`${value}: unknown` : code`${value}`;
  const child = childTarget(target, value, literal(name), `\`${name}\``, name);
  const inner = scope.check(property.schema, child);
  const missing = property.required
    ? reportMissing(child, describeSchema(property.schema, (schema) => scope.module.resolve(schema)))
    : EMPTY;
  if (inner.text === '' && missing.text === '') return EMPTY;
  if (inner.text === '') return code`if (${isInherited ? code`(${read})` : read} === undefined) {\n${missing}\n}`;
  if (missing.text === '') return code`const ${declared} = ${read};\nif (${value} !== undefined) {\n${inner}\n}`;
  return code`const ${declared} = ${read};\nif (${value} === undefined) {\n${missing}\n} else {\n${inner}\n}`;
}
