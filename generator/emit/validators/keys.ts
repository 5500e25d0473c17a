// The one pass over an object's keys: unknown keys (those a closed object does not declare in
// 'request' and 'strict' mode, undeclared ones in 'strict' mode), values of additionalProperties
// schemas, propertyNames, and the key count.
// Known keys and "did you mean" candidates are lists computed here, at generation time.
import type { Identifier, IrObjectSchema, IrSchema } from '../../model/ir.js';
import { code, type Code, joinCode, literal } from '../escape.js';
import { and, atom, compare, FALSE, not, or, TRUE, type Expr } from './expr.js';
import { plural } from './describe.js';
import { IS_NOT_LOOSE, REJECTS_UNKNOWN_KEYS } from './modes.js';
import { rulesAfterTypeToCheck } from './rules.js';
import type { Scope } from './scope.js';
import { stringRules } from './string.js';
import {
  block,
  childTarget,
  keyOrConstantPath,
  EMPTY,
  isFixedPath,
  levelsOf,
  pathArray,
  report,
  reportExpression,
  type Target,
} from './target.js';

const INLINE_KEYS = 8;

export function keysToCheck(parts: readonly IrObjectSchema[], object: Code, target: Target, scope: Scope): Code {
  const key = scope.local('k');
  const count = parts.some((part) => part.minProperties !== undefined || part.maxProperties !== undefined) ? scope.local('n') : undefined;
  const keyTarget: Target = {
    value: key,
    path: [...target.path, key],
    ...levelsOf(target),
    label: literal('a key'),
    prefix: `${target.prefix}invalid key: `,
  };
  const strictKeys = strictKeysOf(parts);
  const isStrictOnly =
    count === undefined &&
    target.prefix === '' &&
    strictKeys !== undefined &&
    parts.every(
      (part) => part.propertyNames === undefined && part.additionalProperties !== false && typeof part.additionalProperties !== 'object',
    );
  if (isStrictOnly) {
    // unknown keys of an open object, looked for only in 'strict' mode: one call of the runtime's
    // loop (a closed object, checked in 'request' mode too, keeps its own loop: it is faster per shape)
    return code`if (${REJECTS_UNKNOWN_KEYS}) {\n${unknownKeysCall(strictKeys, parts, object, target, scope)}\n}`;
  }
  // a loop that only looks for the keys closed parts do not declare runs only outside 'loose' mode
  const isClosedOnly =
    count === undefined &&
    strictKeys === undefined &&
    parts.some((part) => part.additionalProperties === false) &&
    parts.every((part) => part.propertyNames === undefined && typeof part.additionalProperties !== 'object');
  const inLoop: Code[] = count === undefined ? [] : [code`${count}++;`];
  for (const part of parts) {
    if (part.propertyNames !== undefined) inLoop.push(keyToCheck(part.propertyNames, keyTarget, scope));
    const own = declaredKeys(part);
    if (part.additionalProperties === false) {
      const test = isUnknown(own, key, scope);
      inLoop.push(code`if (${isClosedOnly ? test : and([IS_NOT_LOOSE, test])}) {\n${unknownKey(own, parts, key, target, scope)}\n}`);
    } else if (typeof part.additionalProperties === 'object')
      inLoop.push(extraValueToCheck(part.additionalProperties, own, object, key, target, scope));
  }
  if (strictKeys !== undefined) {
    inLoop.push(
      code`if (${and([REJECTS_UNKNOWN_KEYS, isUnknown(strictKeys, key, scope)])}) {\n${unknownKey(strictKeys, parts, key, target, scope)}\n}`,
    );
  }
  // declared `additionalProperties: true` and nothing else per key: no loop at all
  if (inLoop.every((statement) => statement.text === '')) return EMPTY;
  const loop = code`for (const ${key} in ${object}) {\n${block(inLoop)}\n}`;
  if (isClosedOnly) return code`if (${IS_NOT_LOOSE}) {\n${loop}\n}`;
  return count === undefined ? loop : block([code`let ${count} = 0;`, loop, ...sizeChecks(parts, count, target)]);
}

/** `issues = unknownKeys(issues, o, label, KEYS_1, PATH_2, NESTED_3);`: every key outside `known`. */
function unknownKeysCall(known: readonly string[], parts: readonly IrObjectSchema[], object: Code, target: Target, scope: Scope): Code {
  const helper = scope.module.helper('unknownKeys');
  const where = pathAndNested(target, parts, scope, () => keyOrConstantPath(target.path, scope) ?? pathArray(target.path));
  return code`issues = ${helper}(issues, ${object}, ${target.label}, ${keyList(known, scope)}${where});`;
}

/**
 * The last arguments of unknownKeys and unknownKey: `, path, nested`, each left out when empty
 * and nothing follows (the runtime's defaults), as most calls are, for the object checked itself.
 * `path` makes the path's code (a module constant) only when it is passed.
 */
function pathAndNested(target: Target, parts: readonly IrObjectSchema[], scope: Scope, path: () => Code): Code {
  const nested = nestedKeys(parts, scope);
  if (nested.length > 0) return code`, ${path()}, ${nestedConstant(nested, scope)}`;
  return target.path.length > 0 ? code`, ${path()}` : code``;
}

/**
 * The keys 'strict' mode allows: those of every part, when some part leaves additionalProperties
 * undeclared and none declares it (a declared `true` or schema allows extras; `false` already
 * rejects them). Undefined when 'strict' adds nothing.
 */
function strictKeysOf(parts: readonly IrObjectSchema[]): string[] | undefined {
  const isLoose = parts.some((part) => !part.additionalPropertiesDeclared);
  const isDeclared = parts.some((part) => part.additionalPropertiesDeclared);
  if (!isLoose || isDeclared) return undefined;
  return [...new Set(parts.flatMap(declaredKeys))];
}

/** The keys an object part declares: its properties, and those of the other direction (object.ts checks them). */
export function declaredKeys(part: IrObjectSchema): string[] {
  return [...part.properties.map((property) => property.name), ...(part.excluded ?? []).map((property) => property.name)];
}

/** propertyNames: keys are strings, so a string schema's type test is left out. */
function keyToCheck(schema: IrSchema, keyTarget: Target, scope: Scope): Code {
  const resolved = scope.module.resolve(schema);
  return resolved.kind === 'string'
    ? rulesAfterTypeToCheck(stringRules(resolved, keyTarget.value, scope), keyTarget)
    : scope.check(schema, keyTarget);
}

/** A key outside the part's properties must match the additionalProperties schema. */
function extraValueToCheck(schema: IrSchema, own: readonly string[], object: Code, key: Identifier, target: Target, scope: Scope): Code {
  const value = scope.local('v');
  const label = target.name === undefined ? 'a value' : `a value of \`${target.name}\``;
  const inner = scope.check(schema, childTarget(target, value, key, label));
  if (inner.text === '') return EMPTY;
  const body = code`const ${value} = ${object}[${key}];\n${inner}`;
  return own.length === 0 ? body : code`if (${isUnknown(own, key, scope)}) {\n${body}\n}`;
}

/** `k === "a" || k === "b"`, or `KEY_SET_1.has(k)` for many keys. */
export function isKnown(known: readonly string[], key: Identifier, scope: Scope): Expr {
  if (known.length === 0) return FALSE;
  if (known.length <= INLINE_KEYS) return or(known.map((name) => compare(code`${key} === ${literal(name)}`)));
  const set = scope.module.constant('KEY_SET', code`new Set<string>(${keyList(known, scope)})`);
  return atom(code`${set}.has(${key})`);
}

/** `k !== "a" && k !== "b"`, or `!KEY_SET_1.has(k)` for many keys. */
export function isUnknown(known: readonly string[], key: Identifier, scope: Scope): Expr {
  if (known.length === 0) return TRUE;
  if (known.length <= INLINE_KEYS) return and(known.map((name) => compare(code`${key} !== ${literal(name)}`)));
  const set = scope.module.constant('KEY_SET', code`new Set<string>(${keyList(known, scope)})`);
  return not(atom(code`${set}.has(${key})`));
}

/** The issue of a key that no schema allows, with the nearest known key (`known`, and one level down in `parts`). */
export function unknownKey(
  known: readonly string[],
  parts: readonly IrObjectSchema[],
  key: Identifier,
  target: Target,
  scope: Scope,
): Code {
  if (target.prefix === '' && isFixedPath(target.path)) {
    // one call: the issue's path (the object's, then the key) is made by the runtime, on failure only
    const where = pathAndNested(target, parts, scope, () => keyOrConstantPath(target.path, scope)!);
    return code`issues = ${scope.module.helper('unknownKey')}(issues, ${key}, ${target.label}, ${keyList(known, scope)}${where});`;
  }
  const nested = nestedConstant(nestedKeys(parts, scope), scope);
  const message = code`${scope.module.helper('unknownKeyMessage')}(${key}, ${target.label}, ${keyList(known, scope)}, ${nested})`;
  return reportExpression({ ...target, path: [...target.path, key] }, message);
}

/** The module constant `KEYS_n` listing `known`, shared by every check that lists the same keys. */
export function keyList(known: readonly string[], scope: Scope): Identifier {
  return scope.module.constant(
    'KEYS',
    code`[${joinCode(
      known.map((name) => literal(name)),
      ', ',
    )}]`,
  );
}

/** `rate_limits.max_requests_per_1_minute`: the keys one level down, for "did you mean". */
function nestedKeys(parts: readonly IrObjectSchema[], scope: Scope): string[] {
  const paths: string[] = [];
  for (const property of parts.flatMap((part) => part.properties)) {
    for (const inner of objectsOf(property.schema, scope)) {
      for (const child of inner.properties) paths.push(`${property.name}.${child.name}`);
    }
  }
  return [...new Set(paths)];
}

function objectsOf(schema: IrSchema, scope: Scope): IrObjectSchema[] {
  const resolved = scope.module.resolve(schema);
  if (resolved.kind === 'object') return [resolved];
  if (resolved.kind === 'union')
    return resolved.variants
      .map((variant) => scope.module.resolve(variant))
      .filter((variant): variant is IrObjectSchema => variant.kind === 'object');
  if (resolved.kind === 'allOf')
    return resolved.parts.map((part) => scope.module.resolve(part)).filter((part): part is IrObjectSchema => part.kind === 'object');
  return [];
}

function sizeChecks(parts: readonly IrObjectSchema[], count: Identifier, target: Target): Code[] {
  const checks: Code[] = [];
  for (const part of parts) {
    if (part.minProperties !== undefined && part.minProperties > 0) {
      checks.push(
        code`if (${count} < ${part.minProperties}) {\n${report(target, `expected at least ${plural(part.minProperties, 'key')}, found `, code`String(${count})`)}\n}`,
      );
    }
    if (part.maxProperties !== undefined) {
      checks.push(
        code`if (${count} > ${part.maxProperties}) {\n${report(target, `expected at most ${plural(part.maxProperties, 'key')}, found `, code`String(${count})`)}\n}`,
      );
    }
  }
  return checks;
}

/** The module constant `NESTED_n` listing `nested`: the dotted paths of the keys nested objects declare (nestedKeys). */
function nestedConstant(nested: readonly string[], scope: Scope): Identifier {
  return scope.module.constant(
    'NESTED',
    code`[${joinCode(
      nested.map((path) => literal(path)),
      ', ',
    )}]`,
  );
}
