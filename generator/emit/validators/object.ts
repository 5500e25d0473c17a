// `type: object`: properties and required, then one pass over the keys for additionalProperties
// (false, a schema, or, when undeclared, only in 'strict' mode), propertyNames and
// min/maxProperties. Several parts are the objects of one allOf, checked as one value.
import type {
  IrExcludedProperty,
  IrNumberSchema,
  IrObjectSchema,
  IrProperty,
  IrSchema,
  IrStringSchema,
  IrUnionSchema,
} from '../../model/ir.js';
import { code, Code, joinCode, literal, propertyAccess } from '../escape.js';
import { describeObject, describeSchema, objectKeys } from './describe.js';
import { flattenParts } from './all-of.js';
import { keyList, keysToCheck } from './keys.js';
import { isTestable } from './leaf.js';
import type { LeafKind, Scope } from './scope.js';
import { and, atom, compare, not, or, type Expr } from './expr.js';
import { IS_LOOSE, IS_NOT_LOOSE } from './modes.js';
import { areDisjoint, isObjectTest, jsonTypesOf } from './shape.js';
import { block, childTarget, constantPath, EMPTY, ifElse, mismatch, report, reportMissing, type Target } from './target.js';

/** Keys that a plain object inherits (`toString`, `__proto__`, …): read only when own. */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

export function objectToCheck(schema: IrObjectSchema, target: Target, scope: Scope): Code {
  return objectPartsToCheck([schema], target, scope);
}

export function objectPartsToCheck(parts: readonly IrObjectSchema[], target: Target, scope: Scope): Code {
  // isObject narrows the value to a record: its properties are read from it directly
  const object = target.value;
  const statements = [
    // the other direction's properties first: a misdirected value is the first thing to fix
    ...excludedOf(parts).map((property) => excludedToCheck(property, object, target)),
    ...parts.flatMap((part) => part.properties.map((property) => propertyToCheck(property, object, target, scope))),
    keysToCheck(parts, object, target, scope),
  ].filter((statement) => statement.text !== '');
  const keys = objectKeys(parts);
  const otherwise = mismatch(target, describeObject(parts), keys.length === 0 ? undefined : keyList(keys, scope));
  if (statements.length === 0) return code`if (${not(isObjectTest(target.value))}) {\n${otherwise}\n}`;
  return ifElse(isObjectTest(target.value), block(statements), otherwise);
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
  const leaf = target.prefix === '' ? leafCall(property.schema, scope) : undefined;
  const leafPath =
    leaf === undefined ? undefined : target.path.length === 0 ? literal(name) : constantPath([...target.path, literal(name)], scope);
  if (leaf !== undefined && leafPath !== undefined) {
    // The test is inline and the runtime call (see reqString in the runtime), which words the
    // issues, is made on failure only. A call for every property left a valid value's speed to
    // V8's inlining budget: the ChatSession check ran at 28 or 60 ns from one process to the
    // next, and at 15 ns with the tests inline (about a tenth more text).
    const helper = scope.module.helper(`${property.required ? 'req' : 'opt'}${leaf.kind}`);
    // an optional property's helper takes the mode after the path: in 'loose' mode it keeps a null
    const args = property.required ? [...leaf.rest, ...(leaf.readsMode === true ? [MODE] : [])] : [MODE, ...leaf.rest];
    const rest = joinCode(
      args.map((argument) => code`, ${argument}`),
      '',
    );
    // written for size (a request's check): one call, one line, unless the leaf keeps its test
    if (scope.isCompact && !leaf.keepsTest) return code`issues = ${helper}(issues, ${read}, ${leafPath}${rest});`;
    const fails = property.required ? not(leaf.test(value)) : and([compare(code`${value} !== undefined`), not(leaf.test(value))]);
    return code`const ${declared} = ${read};\nif (${fails}) {\nissues = ${helper}(issues, ${value}, ${leafPath}${rest});\n}`;
  }
  const child = childTarget(target, value, literal(name), `\`${name}\``, name);
  const resolve = (schema: IrSchema) => scope.module.resolve(schema);
  // 'loose' mode takes a required property whose schema lists null as null when left out
  const mayBeLeftOut = property.required && acceptsNull(property.schema, resolve, false);
  if (property.required && failsOnUndefined(property.schema, target, scope)) {
    // an absent value fails the type test and ends at the required report, which is told the mode
    const inner = scope.check(property.schema, { ...child, required: true, ...(mayBeLeftOut ? { nullable: true } : {}) });
    return code`const ${declared} = ${read};\n${inner}`;
  }
  const inner = scope.check(property.schema, child);
  const reported = property.required ? reportMissing(child, describeSchema(property.schema, resolve)) : EMPTY;
  const missing = mayBeLeftOut ? code`if (${IS_NOT_LOOSE}) {\n${reported}\n}` : reported;
  if (inner.text === '' && missing.text === '') return EMPTY;
  if (inner.text === '') return code`if (${isInherited ? code`(${read})` : read} === undefined) {\n${missing}\n}`;
  if (missing.text === '') {
    // and an optional property sent as null as left out, where its schema does not list null
    const present = acceptsNull(property.schema, resolve, true)
      ? compare(code`${value} !== undefined`)
      : and([compare(code`${value} !== undefined`), or([compare(code`${value} !== null`), IS_NOT_LOOSE])]);
    return code`const ${declared} = ${read};\nif (${present}) {\n${inner}\n}`;
  }
  return code`const ${declared} = ${read};\n${ifElse(code`${value} === undefined`, missing, inner)}`;
}

/**
 * Whether `null` surely passes the schema: a null type, a union with such a variant, an enum or
 * const listing null, or (when `orAny`) a schema with no rules. Servers often send null for a
 * field they leave out, and leave out one whose value is null: 'loose' mode takes either for the
 * other where the schema allows one of them.
 */
function acceptsNull(schema: IrSchema, resolve: (schema: IrSchema) => IrSchema, orAny: boolean, depth = 0): boolean {
  const resolved = resolve(schema);
  switch (resolved.kind) {
    case 'null':
      return true;
    case 'unknown':
      return orAny;
    case 'enum':
      return resolved.values.includes(null);
    case 'const':
      return resolved.value === null;
    case 'union':
      return (
        depth < 8 &&
        resolved.unevaluatedProperties === undefined &&
        resolved.variants.some((variant) => acceptsNull(variant, resolve, orAny, depth + 1))
      );
    default:
      return false;
  }
}

/** The runtime's one-call check of a leaf property: its kind and the arguments after the path. */
interface LeafCall {
  readonly kind: LeafKind;
  readonly rest: readonly Code[];
  /** The inline test that a valid value passes (and, for bounded strings, a few valid ones fail); the call is made when it fails. */
  readonly test: (value: Code) => Expr;
  /** Tested inline in a check written for size too. */
  readonly keepsTest?: boolean;
  /** The required form's helper takes the mode last (an enum: any string in 'loose' mode). */
  readonly readsMode?: boolean;
}

/** The `mode` argument of a generated check. */
const MODE = Code.raw('mode');

/** `typeof value === 'string'`, the test (or the start of it) of a string, a bounded string and an enum. */
const isString = (value: Code): Expr => compare(code`typeof ${value} === 'string'`);

/**
 * A string (with length bounds), an integer or number (with minimum and maximum), a boolean, a
 * string const or an open string enum (directly or through refs, which inline leaves): the
 * runtime call that checks it alone; undefined for anything with other rules.
 */
function leafCall(schema: IrSchema, scope: Scope): LeafCall | undefined {
  const resolved = scope.module.resolve(schema);
  switch (resolved.kind) {
    case 'string':
      return resolved.pattern === undefined && resolved.format !== 'binary' ? stringCall(resolved) : undefined;
    case 'number':
      return numberCall(resolved);
    case 'boolean':
      return { kind: 'Boolean', rest: [], test: (value) => compare(code`typeof ${value} === 'boolean'`) };
    case 'const': {
      // the runtime's quote() words it exactly as showLiteral does here
      const listed = resolved.value;
      return typeof listed === 'string'
        ? { kind: 'Const', rest: [literal(listed)], test: (value) => compare(code`${value} === ${literal(listed)}`) }
        : undefined;
    }
    case 'enum': {
      // the runtime's oneOf() words the list exactly as listLiterals does here
      const values = resolved.values.filter((value): value is string => typeof value === 'string');
      if (values.length === 0 || values.length !== resolved.values.length) return undefined;
      // any string passes in 'loose' mode; in the others the runtime call looks it up
      return {
        kind: 'Enum',
        rest: [scope.module.constant('ENUM', code`[${joinCode(values.map(literal), ', ')}]`)],
        readsMode: true,
        test: (value) => and([isString(value), IS_LOOSE]),
      };
    }
    default:
      return undefined;
  }
}

function stringCall(schema: IrStringSchema): LeafCall {
  const { minLength, maxLength } = schema;
  if (minLength === undefined && maxLength === undefined) return { kind: 'String', rest: [], test: isString };
  const min = code`${minLength ?? 0}`;
  // surely within the bounds: a code point takes one or two UTF-16 units, so 2 × minLength - 1
  // units hold at least minLength code points, and maxLength units at most maxLength; the runtime
  // call counts the code points of any other string
  const test = (value: Code) =>
    and([
      isString(value),
      ...(minLength === undefined || minLength === 0 ? [] : [compare(code`${value}.length >= ${2 * minLength - 1}`)]),
      ...(maxLength === undefined ? [] : [compare(code`${value}.length <= ${maxLength}`)]),
    ]);
  return { kind: 'StringIn', rest: maxLength === undefined ? [min] : [min, code`${maxLength}`], test };
}

function numberCall(schema: IrNumberSchema): LeafCall | undefined {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema;
  if (exclusiveMinimum !== undefined || exclusiveMaximum !== undefined || multipleOf !== undefined) return undefined;
  // a bound that is not finite is reported by number.ts
  if ([minimum, maximum].some((bound) => bound !== undefined && !Number.isFinite(bound))) return undefined;
  const kind = schema.integer ? 'Integer' : 'Number';
  const typed = (value: Code) => atom(schema.integer ? code`Number.isInteger(${value})` : code`Number.isFinite(${value})`);
  if (minimum === undefined && maximum === undefined) return { kind, rest: [], test: typed };
  // no bound is an infinite one: the runtime compares with both
  const min = minimum === undefined ? code`-Infinity` : code`${minimum}`;
  const max = maximum === undefined ? code`Infinity` : code`${maximum}`;
  const test = (value: Code) =>
    and([
      compare(code`typeof ${value} === 'number'`),
      typed(value),
      ...(minimum === undefined ? [] : [compare(code`${value} >= ${minimum}`)]),
      ...(maximum === undefined ? [] : [compare(code`${value} <= ${maximum}`)]),
    ]);
  // kept inline even where checks are written for size: a call per bounded number was
  // measurably slower in a large check
  return { kind: `${kind}In`, rest: [min, max], test, keepsTest: true };
}

/** The left-out properties of the parts, each name once. */
function excludedOf(parts: readonly IrObjectSchema[]): IrExcludedProperty[] {
  const byName = new Map(parts.flatMap((part) => part.excluded ?? []).map((property) => [property.name, property]));
  return [...byName.values()];
}

/** What each direction's left-out property is told when present. */
const EXCLUDED_MESSAGES: Readonly<Record<IrExcludedProperty['keyword'], string>> = {
  readOnly: 'is read-only: the server sets it',
  writeOnly: 'is write-only: the server does not send it',
};

/**
 * A property of the other direction (readOnly in a request, writeOnly in a response): kept in
 * 'loose' mode (a response that still sends it stays readable), an issue in 'request' and 'strict'.
 */
function excludedToCheck(property: IrExcludedProperty, object: Code, target: Target): Code {
  const { name } = property;
  const access = code`${object}${propertyAccess(name)}`;
  const present = INHERITED.has(name) ? compare(code`Object.hasOwn(${object}, ${literal(name)})`) : compare(code`${access} !== undefined`);
  const child: Target = { ...target, path: [...target.path, literal(name)] };
  return code`if (${and([not(IS_LOOSE), present])}) {\n${report(child, `\`${name}\` ${EXCLUDED_MESSAGES[property.keyword]}`)}\n}`;
}

/**
 * Kinds whose check starts with a type test that `undefined` fails, reported through the
 * target's mismatch (see Target.required). Refs to them are calls or literal tests, which
 * report otherwise, and unions and literals word their own messages.
 */
const MERGES_MISSING = new Set(['string', 'number', 'boolean', 'null', 'object', 'array', 'enum', 'const']);

function failsOnUndefined(schema: IrSchema, target: Target, scope: Scope): boolean {
  if (target.prefix !== '') return false;
  const resolve = (next: IrSchema) => scope.module.resolve(next);
  if (schema.kind === 'union') return isClosedDisjoint(schema, resolve);
  if (schema.kind !== 'ref') return MERGES_MISSING.has(schema.kind);
  const resolved = resolve(schema);
  // a leaf is tested inline; anything else is a call, whose check reports an absent value as
  // "expected …, found undefined" when its type test comes first
  if (isTestable(resolved, resolve))
    return resolved.kind === 'union' ? isClosedDisjoint(resolved, resolve) : MERGES_MISSING.has(resolved.kind);
  if (resolved.kind === 'union') return resolved.discriminator !== undefined && resolved.unevaluatedProperties === undefined;
  if (resolved.kind === 'allOf')
    return (
      resolved.unevaluatedProperties === undefined && flattenParts(resolved.parts, scope, new Set()).every((part) => part.kind === 'object')
    );
  return resolved.kind === 'object' || resolved.kind === 'array';
}

/**
 * A union whose variants cannot overlap and none of which takes any value: `undefined` fails
 * every variant and ends at the union's one "expected …" report.
 */
function isClosedDisjoint(schema: IrUnionSchema, resolve: (schema: IrSchema) => IrSchema): boolean {
  if (schema.discriminator !== undefined || schema.unevaluatedProperties !== undefined || schema.variants.length === 0) return false;
  const types = schema.variants.map((variant) => jsonTypesOf(variant, resolve));
  return !types.includes('any') && areDisjoint(types);
}
