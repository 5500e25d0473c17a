// oneOf / anyOf. Valid values take the cheap path: leaf variants are boolean tests, others call
// a hoisted check function, and the first match wins (a oneOf whose variants cannot overlap is
// an anyOf). Only a failure looks for the variant the caller meant, to report its own issues.
import type { IrSchema, IrUnionSchema } from '../../model/ir.js';
import { code, joinCode, type Code } from '../escape.js';
import { describeSchema } from './describe.js';
import { discriminatorToCheck } from './discriminator.js';
import { isTestable, schemaToTest } from './leaf.js';
import type { Scope } from './scope.js';
import { areDisjoint, jsonTypesOf, typeGuard, type JsonTypes } from './shape.js';
import { report, type Target } from './target.js';

interface Variant {
  readonly schema: IrSchema;
  readonly types: JsonTypes;
  readonly isTestable: boolean;
}

export function unionToCheck(schema: IrUnionSchema, target: Target, scope: Scope): Code {
  if (schema.discriminator !== undefined) return discriminatorToCheck(schema, schema.discriminator, target, scope);
  const resolve = (inner: IrSchema) => scope.module.resolve(inner);
  const variants: Variant[] = schema.variants.map((variant) => ({ schema: variant, types: jsonTypesOf(variant, resolve), isTestable: isTestable(variant, resolve) }));
  const expected = describeSchema(schema, resolve);
  if (variants.length === 0) return report(target, 'expected no value (an empty union matches nothing), found ', code`${scope.module.helper('found')}(${target.value})`);
  if (schema.mode === 'oneOf' && !areDisjoint(variants.map((variant) => variant.types))) return exactlyOneToCheck(variants, expected, target, scope);
  const complex = variants.filter((variant) => !variant.isTestable);
  const single = complex[0];
  if (complex.length === 1 && single !== undefined) {
    const others = variants.filter((variant) => variant !== single);
    const guard = typeGuard(single.types, target.value);
    if (guard !== undefined && areDisjoint([single.types, ...others.map((variant) => variant.types)])) {
      // The common nullable case: only one variant can match the value's type, so its own check is the whole check.
      const body = code`if (${guard}) {\n${scope.check(single.schema, target)}\n} else {\n${failure(others, expected, target, scope)}\n}`;
      return others.length === 0 ? body : code`if (!(${anyTest(others, target, scope)})) {\n${body}\n}`;
    }
  }
  return code`if (!(${anyTest(variants, target, scope)})) {\n${failure(variants, expected, target, scope)}\n}`;
}

/** `t1 || f2(v, strict, label) === undefined || …`: true when some variant matches. */
function anyTest(variants: readonly Variant[], target: Target, scope: Scope): Code {
  return joinCode(variants.map((variant) => code`(${variantTest(variant, target, scope)})`), ' || ');
}

function variantTest(variant: Variant, target: Target, scope: Scope): Code {
  if (variant.isTestable) return schemaToTest(variant.schema, target.value, scope);
  return code`${scope.module.hoist(variant.schema, scope.owner)}(${target.value}, strict, ${target.label}) === undefined`;
}

/** oneOf with overlapping variants: count the matches; exactly one is valid. */
function exactlyOneToCheck(variants: readonly Variant[], expected: string, target: Target, scope: Scope): Code {
  const count = scope.local('n');
  const tests = variants.map((variant) => code`if (${variantTest(variant, target, scope)}) ${count}++;`);
  const many = report(target, `expected exactly one of ${expected}; found a value matching `, code`${count} + " of them"`);
  return code`let ${count} = 0;\n${joinCode(tests, '\n')}\nif (${count} === 0) {\n${failure(variants, expected, target, scope)}\n} else if (${count} > 1) {\n${many}\n}`;
}

/**
 * The issues of a value no variant accepts. When the variants' JSON types cannot overlap, the
 * value's type picks the variant, whose own check explains the failure; otherwise every
 * variant of the value's type is tried again and the one with the fewest issues is reported.
 */
function failure(variants: readonly Variant[], expected: string, target: Target, scope: Scope): Code {
  const found = scope.module.helper('found');
  const generic = report(target, `expected ${expected}; found `, code`${found}(${target.value})`);
  const guards = variants.map((variant) => typeGuard(variant.types, target.value));
  if (areDisjoint(variants.map((variant) => variant.types)) && guards.every((guard) => guard !== undefined)) {
    return variants.reduceRight<Code>((rest, variant, i) => code`if (${guards[i]!}) {\n${scope.check(variant.schema, target)}\n} else {\n${rest}\n}`, generic);
  }
  const candidates = variants.map((variant, i) => {
    const call = code`${scope.module.hoist(variant.schema, scope.owner)}(${target.value}, strict, ${target.label})`;
    const guard = guards[i];
    return guard === undefined ? call : code`${guard} ? ${call} : undefined`;
  });
  const helper = scope.module.helper('unionIssues');
  return code`issues = ${helper}(issues, [${joinCode(target.path, ', ')}], ${expected}, ${target.value}, [${joinCode(candidates, ', ')}], ${target.prefix});`;
}
