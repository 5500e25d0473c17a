// `unevaluatedProperties` beside a composition (JSON Schema 2020-12 §11.3): after the
// composition's own checks, each key of an object value that no successful subschema evaluated
// must match it (`false`: no such key). What evaluates a key is decided at generation time for
// objects (their properties; every key once additionalProperties is declared) and allOf parts
// (they all hold when the value is valid); anyOf/oneOf variants evaluate only when they match,
// so each variant that can evaluate a key is tested once per value, before the pass over keys.
import type { Identifier, IrAllOfSchema, IrObjectSchema, IrSchema, IrUnionSchema } from '../../model/ir.js';
import { code, type Code } from '../escape.js';
import { and, atom, compare, FALSE, not, or, TRUE, type Expr } from './expr.js';
import { declaredKeys, isKnown, unknownKey } from './keys.js';
import { isTestable, schemaToTest } from './leaf.js';
import { depthAt } from './ref.js';
import type { Scope } from './scope.js';
import { isObjectTest, jsonTypesOf, typeGuard } from './shape.js';
import { IS_NOT_LOOSE } from './modes.js';
import { block, childTarget, report, withoutOtherwise, type Target } from './target.js';

type Composed = IrUnionSchema | IrAllOfSchema;
type ComposedCheck<S extends Composed> = (schema: S, target: Target, scope: Scope) => Code;

/** The check of a union or allOf, followed by its unevaluatedProperties check when it has one. */
export function composedToCheck<S extends Composed>(schema: S, check: ComposedCheck<S>, target: Target, scope: Scope): Code {
  const unevaluated = schema.unevaluatedProperties;
  if (unevaluated === undefined) return check(schema, target, scope);
  const inner = target.otherwise === undefined ? target : withoutOtherwise(target);
  const checks = block([check(schema, inner, scope), unevaluatedToCheck(schema, unevaluated, inner, scope)]);
  // Inside a union, values of another JSON type go on to the union's next variant.
  const guard =
    target.otherwise === undefined
      ? undefined
      : typeGuard(
          jsonTypesOf(schema, (next) => scope.module.resolve(next)),
          target.value,
        );
  return guard === undefined || target.otherwise === undefined
    ? checks
    : code`if (${guard}) {\n${checks}\n} else {\n${target.otherwise}\n}`;
}

/** Matching tests of variants, hoisted before the key loop as `const r1 = …;`. */
interface Matches {
  readonly declarations: Code[];
  readonly locals: Map<IrSchema, Expr>;
}

function unevaluatedToCheck(schema: Composed, unevaluated: IrSchema, target: Target, scope: Scope): Code {
  const key = scope.local('k');
  const object = scope.local('o');
  const matches: Matches = { declarations: [], locals: new Map() };
  const evaluated = ownEvaluation(schema, key, target, scope, matches);
  if (evaluated === TRUE) return code``;
  let body: Code;
  if (unevaluated.kind === 'never') {
    // "known keys" are those every valid value may have; a key of a variant that did not match
    // is named as such (suggesting the key itself would not help)
    const parts = objectsOf(schema, scope, new Set(), false);
    const known = keysOf(parts);
    const elsewhere = keysOf(objectsOf(schema, scope, new Set(), true)).filter((name) => !known.includes(name));
    const keyTarget = { ...target, path: [...target.path, key] };
    const unknown =
      known.length === 0 && elsewhere.length > 0
        ? report(keyTarget, 'unknown key: neither the schema nor the oneOf/anyOf variant the value matches declares it')
        : unknownKey(known, parts, key, target, scope);
    body =
      elsewhere.length === 0
        ? unknown
        : code`if (${isKnown(elsewhere, key, scope)}) {\n${report(keyTarget, 'unevaluated key: only a oneOf/anyOf variant that the value does not match declares it')}\n} else {\n${unknown}\n}`;
  } else {
    const value = scope.local('v');
    const label = target.name === undefined ? 'a value' : `a value of \`${target.name}\``;
    const inner = scope.check(unevaluated, childTarget(target, value, key, label));
    if (inner.text === '') return code``;
    body = code`const ${value} = ${object}[${key}];\n${inner}`;
  }
  const loop =
    evaluated === FALSE
      ? code`for (const ${key} in ${object}) {\n${body}\n}`
      : code`for (const ${key} in ${object}) {\nif (${not(evaluated)}) {\n${body}\n}\n}`;
  // `unevaluatedProperties: false` closes the object: its unknown keys are kept in 'loose' mode
  const guard = unevaluated.kind === 'never' ? and([IS_NOT_LOOSE, isObjectTest(target.value)]) : isObjectTest(target.value);
  return code`if (${guard}) {\nconst ${object} = ${target.value} as Record<string, unknown>;\n${block([...matches.declarations, loop])}\n}`;
}

/** The keys the composition's own parts or variants evaluate (its unevaluatedProperties set aside). */
function ownEvaluation(schema: Composed, key: Identifier, target: Target, scope: Scope, matches: Matches): Expr {
  if (schema.kind === 'allOf')
    return or(schema.parts.map((part) => evaluatedBy(part, key, target, scope, matches, new Set())).filter((expr) => expr !== FALSE));
  return unionEvaluation(schema, key, target, scope, matches, new Set());
}

/**
 * True when `key` is evaluated by `schema`, given that the value is valid against it except for
 * the unevaluatedProperties being checked. A subschema with unevaluatedProperties of its own has
 * evaluated every key when it holds; a ref that leads back to where it started evaluates every
 * key too (so nothing is rejected that might be evaluated).
 */
function evaluatedBy(schema: IrSchema, key: Identifier, target: Target, scope: Scope, matches: Matches, seen: ReadonlySet<string>): Expr {
  const inner = (next: IrSchema) => evaluatedBy(next, key, target, scope, matches, seen);
  switch (schema.kind) {
    case 'ref': {
      if (seen.has(schema.target)) return TRUE;
      return evaluatedBy(scope.module.named(schema.target).schema, key, target, scope, matches, new Set([...seen, schema.target]));
    }
    case 'object': {
      if (schema.additionalPropertiesDeclared) return TRUE;
      return isKnown(declaredKeys(schema), key, scope);
    }
    case 'allOf':
      return schema.unevaluatedProperties !== undefined ? TRUE : or(schema.parts.map(inner).filter((expr) => expr !== FALSE));
    case 'union': {
      // a union with its own unevaluatedProperties evaluates every key (it holds: the value is valid)
      if (schema.unevaluatedProperties !== undefined) return TRUE;
      return unionEvaluation(schema, key, target, scope, matches, seen);
    }
    default:
      // leaves, arrays, `not` (which evaluates nothing, JSON Schema §10.2.2.4) and `{}`
      return FALSE;
  }
}

/** The keys of the variants that match: `r1 && (k === 'a') || r2 && …`. */
function unionEvaluation(
  schema: IrUnionSchema,
  key: Identifier,
  target: Target,
  scope: Scope,
  matches: Matches,
  seen: ReadonlySet<string>,
): Expr {
  const branches = schema.variants.flatMap((variant) => {
    const evaluates = evaluatedBy(variant, key, target, scope, matches, seen);
    if (evaluates === FALSE) return [];
    const isMatch = matched(variant, target, scope, matches);
    return [evaluates === TRUE ? isMatch : and([isMatch, evaluates])];
  });
  return or(branches);
}

/** A local holding whether the value matches `schema`, declared once per check. */
function matched(schema: IrSchema, target: Target, scope: Scope, matches: Matches): Expr {
  const existing = matches.locals.get(schema);
  if (existing !== undefined) return existing;
  const local = scope.local('r');
  const test = isTestable(schema, (next) => scope.module.resolve(next))
    ? schemaToTest(schema, target.value, scope)
    : compare(code`${scope.module.hoist(schema, scope.owner)}(${target.value}, mode, ${target.label}, ${depthAt(target)}) === undefined`);
  matches.declarations.push(code`const ${local} = ${test};`);
  const expr = atom(code`${local}`);
  matches.locals.set(schema, expr);
  return expr;
}

/**
 * The objects whose keys every valid value may have: the schema's own and its allOf parts'
 * (through refs); with `withVariants`, those of anyOf/oneOf variants too.
 */
function objectsOf(schema: IrSchema, scope: Scope, seen: ReadonlySet<string>, withVariants: boolean): IrObjectSchema[] {
  switch (schema.kind) {
    case 'ref':
      return seen.has(schema.target)
        ? []
        : objectsOf(scope.module.named(schema.target).schema, scope, new Set([...seen, schema.target]), withVariants);
    case 'object':
      return [schema];
    case 'allOf':
      return schema.parts.flatMap((part) => objectsOf(part, scope, seen, withVariants));
    case 'union':
      return withVariants ? schema.variants.flatMap((variant) => objectsOf(variant, scope, seen, withVariants)) : [];
    default:
      return [];
  }
}

function keysOf(parts: readonly IrObjectSchema[]): string[] {
  return [...new Set(parts.flatMap(declaredKeys))];
}
