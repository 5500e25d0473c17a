// oneOf / anyOf. Valid values take the cheap path: leaf variants are boolean tests tried first,
// and when the variants' JSON types cannot overlap (the nullable case, a oneOf of different
// types), the value's type picks the one remaining variant, checked inline with its own
// messages. Overlapping variants call hoisted check functions; a oneOf among them counts.
import type { Identifier, IrObjectSchema, IrSchema, IrUnionSchema } from '../../model/ir.js';
import { code, joinCode, literal, propertyAccess, type Code } from '../escape.js';
import { and, atom, compare, conditional, not, or, type Expr } from './expr.js';
import { flattenParts } from './all-of.js';
import { IS_LOOSE, IS_NOT_LOOSE } from './modes.js';
import { describeSchema } from './describe.js';
import { discriminatorToCheck } from './discriminator.js';
import { isTestable, leafRules, schemaToTest } from './leaf.js';
import { depthAt } from './ref.js';
import type { Scope } from './scope.js';
import { areDisjoint, isObjectTest, jsonTypesOf, typeGuard, withoutSubsumed, type JsonTypes } from './shape.js';
import { report, reportUnlisted, withoutOtherwise, type Target } from './target.js';

interface Variant {
  readonly schema: IrSchema;
  readonly types: JsonTypes;
  readonly isTestable: boolean;
}

export function unionToCheck(schema: IrUnionSchema, target: Target, scope: Scope): Code {
  if (schema.discriminator !== undefined) return discriminatorToCheck(schema, schema.discriminator, target, scope);
  const resolve = (inner: IrSchema) => scope.module.resolve(inner);
  if (target.otherwise !== undefined) {
    // Inside another union: values of other types go on to that union's next variant.
    const guard = typeGuard(jsonTypesOf(schema, resolve), target.value);
    const inner = unionToCheck(schema, withoutOtherwise(target), scope);
    return guard === undefined ? inner : code`if (${guard}) {\n${inner}\n} else {\n${target.otherwise}\n}`;
  }
  // a variant that takes any value (`{}`, or 3.0's `{ nullable: true }`) makes the union take any
  if (schema.variants.some((variant) => isAnything(variant, resolve, new Set()))) return code``;
  // in an anyOf, a variant that takes every value of its type (a bare `type: string`) leaves the
  // others of that type nothing to add: `anyOf: [string, enum]` (an open enum, as OpenAI writes
  // model ids) is any string, checked and described as one. Not in a oneOf, where a value both
  // match is invalid.
  if (schema.mode === 'anyOf') {
    const kept = withoutSubsumed(schema.variants, resolve);
    if (kept.length === 1) return scope.check(kept[0]!, target);
    if (kept.length < schema.variants.length) return unionToCheck({ ...schema, variants: kept }, target, scope);
  }
  const variants: Variant[] = schema.variants.map((variant) => ({
    schema: variant,
    types: jsonTypesOf(variant, resolve),
    isTestable: isTestable(variant, resolve),
  }));
  const expected = describeSchema(schema, resolve);
  const open = openGuard(
    variants.map((variant) => variant.schema),
    target,
    scope,
  );
  const generic = unlessOpen(open, reportUnlisted(target, expected));
  if (variants.length === 0) return generic;
  const isDisjoint = areDisjoint(variants.map((variant) => variant.types));
  if (isDisjoint) {
    // At most one variant can match: test the leaves, then let the value's type pick among the rest.
    const explained = variants.filter((variant) => !variant.isTestable || hasDetail(variant.schema, scope));
    const chain = [
      ...explained.filter((variant) => !variant.isTestable),
      ...explained.filter((variant) => variant.isTestable),
    ].reduceRight<Code>((rest, variant) => scope.check(variant.schema, { ...target, otherwise: rest }), generic);
    const tests = variants.filter((variant) => variant.isTestable);
    return tests.length === 0
      ? chain
      : code`if (${not(
          anyTest(
            tests,
            tests.map(() => undefined),
            target,
            scope,
          ),
        )}) {\n${chain}\n}`;
  }
  // Each variant's check function runs once: the tests keep its issues for the failure report.
  // Calling it again there made a value nested through overlapping variants cost 2^depth calls.
  const results = variants.map((variant) => (variant.isTestable ? undefined : scope.local('r')));
  const tagged = tagGates(variants, target, scope);
  const declarations = joinCode(
    [
      ...results.filter((result) => result !== undefined).map((result) => code`let ${result}: rt.Issues;`),
      ...(tagged === undefined ? [] : [tagged.declaration]),
    ],
    '\n',
  );
  const failure = unlessOpen(open, overlappingFailure(variants, results, expected, target, scope));
  if (schema.mode === 'anyOf')
    return code`${declarations}\nif (${not(anyTest(variants, results, target, scope, tagged?.gates))}) {\n${failure}\n}`;
  const count = scope.local('n');
  const tests = variants.map(
    (variant, i) => code`if (${gatedTest(variant, results[i], target, scope, tagged?.gates[i])}) {\n${count}++;\n}`,
  );
  const each = variants.map((variant) => describeSchema(variant.schema, resolve)).join(', ');
  const many = report(target, `expected exactly one of the oneOf variants (${each}) to match; found a value matching `, code`${count}`);
  // in 'loose' mode a value that several variants match is kept (a field a newer server added
  // may make a closed variant, open there, match too)
  const isMany = and([compare(code`${count} > 1`), IS_NOT_LOOSE]);
  return code`${declarations}\nlet ${count} = 0;\n${joinCode(tests, '\n')}\nif (${count} === 0) {\n${failure}\n} else if (${isMany}) {\n${many}\n}`;
}

/**
 * Whether a failed leaf variant can say more than "expected <type>": a string with a length,
 * an integer with bounds. A bare `type: string` that failed its test had the wrong type, so
 * the union's own message covers it.
 */
function hasDetail(schema: IrSchema, scope: Scope): boolean {
  const resolved = scope.module.resolve(schema);
  if (resolved.kind === 'union') return true;
  return (leafRules(resolved, code`value`, scope)?.length ?? 0) > 1;
}

/** Whether a schema takes any value: `{}`, or a union with such a variant (3.0's `{ nullable: true }` is one), through refs. */
function isAnything(schema: IrSchema, resolve: (schema: IrSchema) => IrSchema, seen: Set<IrSchema>): boolean {
  const resolved = resolve(schema);
  if (seen.has(resolved)) return false;
  seen.add(resolved);
  if (resolved.kind === 'union') return resolved.variants.some((variant) => isAnything(variant, resolve, seen));
  return resolved.kind === 'unknown' && resolved.contentSchema === undefined;
}

/** `(t1) || (r2 = f2(v, mode, label, depth)) === undefined || …`: true when some variant matches (each behind its gate, if any). */
function anyTest(
  variants: readonly Variant[],
  results: readonly (Identifier | undefined)[],
  target: Target,
  scope: Scope,
  gates?: readonly Expr[],
): Expr {
  return or(variants.map((variant, i) => gatedTest(variant, results[i], target, scope, gates?.[i])));
}

/** A variant's test (variantTest), tried only when its tag gate (tagGates) holds. */
function gatedTest(variant: Variant, result: Identifier | undefined, target: Target, scope: Scope, gate: Expr | undefined): Expr {
  const test = variantTest(variant, result, target, scope);
  return gate === undefined ? test : and([gate, test]);
}

/**
 * Variants told apart by a tag (see commonTag), some by an enum, open in 'loose' mode: such a
 * variant would take in another variant's value there (`{ pet_type: 'cat', lives: 10 }` as a Dog
 * whose `pet_type` is an enum, past Cat's bound on `lives`). So each variant is tried only when
 * the value's tag is one it lists, or one no variant lists; in 'request' and 'strict' mode it
 * would fail on the tag anyway. A failure is then reported from the variants of the value's tag.
 * Variants that all have a const tag, closed in every mode, need none of this, nor variants that
 * all list the same values.
 */
function tagGates(variants: readonly Variant[], target: Target, scope: Scope): { declaration: Code; gates: Expr[] } | undefined {
  const tag = commonTag(
    variants.map((variant) => scope.module.resolve(variant.schema)),
    scope,
  );
  // no gate when no variant's tag is open, or when every variant lists every value (it would pick them all)
  if (tag === undefined || !tag.isOpen.some(Boolean) || tag.perVariant.every((values) => new Set(values).size === tag.values.length))
    return undefined;
  const listed = scope.local('v');
  const read = code`${target.value}${propertyAccess(tag.name)}`;
  const all = scope.module.constant('KEYS', code`[${joinCode(tag.values.map(literal), ', ')}]`);
  const declaration = code`const ${listed} = ${conditional(
    and([isObjectTest(target.value), compare(code`typeof ${read} === 'string'`), atom(code`${all}.includes(${read})`)]),
    read,
    code`undefined`,
  )};`;
  const gates = tag.perVariant.map((values) => {
    const test =
      values.length === 1
        ? compare(code`${listed} === ${literal(values[0]!)}`)
        : atom(code`${scope.module.constant('KEYS', code`[${joinCode(values.map(literal), ', ')}]`)}.includes(${listed})`);
    return or([compare(code`${listed} === undefined`), test]);
  });
  return { declaration, gates };
}

/** A leaf variant's boolean test, or its check function's call, its issues kept in `result`. */
function variantTest(variant: Variant, result: Identifier | undefined, target: Target, scope: Scope): Expr {
  if (variant.isTestable || result === undefined) return schemaToTest(variant.schema, target.value, scope);
  return compare(
    code`(${result} = ${scope.module.hoist(variant.schema, scope.owner)}(${target.value}, mode, ${target.label}, ${depthAt(target)})) === undefined`,
  );
}

/**
 * Reached only when every variant's test ran and failed, so each check function's issues are in
 * its result: the candidate of the value's JSON type with the fewest issues is reported.
 */
function overlappingFailure(
  variants: readonly Variant[],
  results: readonly (Identifier | undefined)[],
  expected: string,
  target: Target,
  scope: Scope,
): Code {
  // objects that share a tag: a tag no variant lists (or none) is the issue, naming every listed
  // one, rather than the last variant's "expected 'note'" (the runtime's unionIssues words it)
  const tag = commonTag(
    variants.map((variant) => scope.module.resolve(variant.schema)),
    scope,
  );
  const tagged =
    tag === undefined
      ? code``
      : code`, ${literal(tag.name)}, ${scope.module.constant('KEYS', code`[${joinCode(tag.values.map(literal), ', ')}]`)}`;
  const candidates = variants.map((variant, i) => {
    // a leaf variant's test kept no issues: its check function runs now (a leaf does not recurse)
    const result = results[i];
    const issues =
      result !== undefined
        ? code`${result}`
        : code`${scope.module.hoist(variant.schema, scope.owner)}(${target.value}, mode, ${target.label}, ${depthAt(target)})`;
    const guard = typeGuard(variant.types, target.value);
    return guard === undefined ? issues : conditional(guard, issues, code`undefined`);
  });
  const helper = scope.module.helper('unionIssues');
  return code`issues = ${helper}(issues, [${joinCode(target.path, ', ')}], ${expected}, ${target.value}, [${joinCode(candidates, ', ')}], ${target.prefix}${tagged});`;
}

/**
 * In 'loose' mode, a value the union's variants do not list but might list in a newer spec: a
 * string where a variant is a string enum, or an object whose tag (a required property that
 * every variant pins to string constants) has a value no variant lists. Undefined when the
 * union has no such variant.
 */
function openGuard(variants: readonly IrSchema[], target: Target, scope: Scope): Expr | undefined {
  const resolve = (inner: IrSchema) => scope.module.resolve(inner);
  const resolved = variants.map(resolve);
  if (resolved.some((variant) => variant.kind === 'enum' && variant.values.some((value) => typeof value === 'string'))) {
    return and([IS_LOOSE, compare(code`typeof ${target.value} === 'string'`)]);
  }
  const tag = commonTag(resolved, scope);
  if (tag === undefined) return undefined;
  const tags = scope.module.constant(
    'KEYS',
    code`[${joinCode(
      tag.values.map((value) => literal(value)),
      ', ',
    )}]`,
  );
  const read = code`${target.value}${propertyAccess(tag.name)}`;
  return and([
    IS_LOOSE,
    isObjectTest(target.value),
    compare(code`typeof ${read} === 'string'`),
    not(atom(code`${tags}.includes(${read})`)),
  ]);
}

/**
 * The property that tells the variants apart: required in each, a string const or enum in each;
 * its values, all and per variant, and per variant whether it is an enum (open in 'loose' mode).
 */
function commonTag(
  variants: readonly IrSchema[],
  scope: Scope,
): { name: string; values: string[]; perVariant: string[][]; isOpen: boolean[] } | undefined {
  if (variants.length < 2) return undefined;
  const objects = variants.map((variant) =>
    variant.kind === 'object' ? [variant] : variant.kind === 'allOf' ? flattenParts(variant.parts, scope, new Set()) : [],
  );
  if (objects.some((parts) => parts.length === 0 || parts.some((part) => part.kind !== 'object'))) return undefined;
  const first = (objects[0] as IrObjectSchema[]).flatMap((part) => part.properties);
  for (const candidate of first) {
    const perVariant: string[][] = [];
    const isOpen: boolean[] = [];
    const isTag = objects.every((parts) => {
      const property = (parts as IrObjectSchema[])
        .flatMap((part) => part.properties)
        .find((entry) => entry.name === candidate.name && entry.required);
      if (property === undefined) return false;
      const schema = scope.module.resolve(property.schema);
      const listed = schema.kind === 'const' ? [schema.value] : schema.kind === 'enum' ? schema.values : [];
      if (listed.length === 0 || !listed.every((value): value is string => typeof value === 'string')) return false;
      perVariant.push([...listed]);
      isOpen.push(schema.kind === 'enum');
      return true;
    });
    if (isTag) return { name: candidate.name, values: [...new Set(perVariant.flat())], perVariant, isOpen };
  }
  return undefined;
}

function unlessOpen(open: Expr | undefined, failure: Code): Code {
  return open === undefined ? failure : code`if (${not(open)}) {\n${failure}\n}`;
}
