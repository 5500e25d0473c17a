// Given/want support for the emitter unit tests: an IR fragment in, the printed check (text)
// and a runnable check function out. The function is compiled here with esbuild and
// `new Function` (test code only; the generated package never evaluates code).
import { transformSync } from 'esbuild';
import { Code } from '../../generator/emit/escape.js';
import { schemaToCheck } from '../../generator/emit/validators/dispatch.js';
import { checkFunction, ModuleScope, Scope } from '../../generator/emit/validators/scope.js';
import { Identifier, type IrNamedSchema, type IrSchema } from '../../generator/model/ir.js';
import * as runtime from '../../templates/runtime/standard-schema.js';
import type { Issue } from './harness.js';

/** A mode name, as validateX takes it ('loose' when omitted). */
export type Mode = runtime.ValidationMode;
export type Check = (value: unknown, mode?: Mode) => Issue[] | undefined;

export interface Emitted {
  /** The check's body (unformatted, as the emitter printed it). */
  readonly text: string;
  /** Hoisted module constants and functions, printed. */
  readonly hoisted: string;
  /** The whole module as compiled: constants, check_Given, the named checks, hoisted functions. */
  readonly source: string;
  readonly problems: readonly string[];
  readonly check: Check;
}

/** A named schema for refs: `named('Pet', schema)` is `Pet`, key `Pet`. */
export function named(name: string, schema: IrSchema): IrNamedSchema {
  return {
    key: name,
    name: new Identifier(name),
    schema,
    usage: { request: true, response: false },
    source: `/components/schemas/${name}`,
  };
}

export function emit(schema: IrSchema, schemas: readonly IrNamedSchema[] = []): Emitted {
  const module = new ModuleScope(schemas, schemaToCheck, (pointer) => ({ file: 'given.yaml', line: 1, column: 1, pointer }));
  const text = new Scope(module, 'Given').rootCheck(schema).text;
  // the depth guard where the generator puts it: in checks that can recurse
  const functions = [
    checkFunction(new Identifier('check_Given'), Code.raw(text), module.mayRecurse(schema)),
    ...schemas.map((entry) =>
      checkFunction(module.checkOf(entry.key), new Scope(module, entry.name.text).rootCheck(entry.schema), module.recursive.has(entry.key)),
    ),
  ];
  functions.push(...module.functions);
  const hoisted = [...module.constants, module.functions.join('\n')].join('\n');
  const numbered = numberedNames(module.constants, module.functions);
  const source = [...module.constants, ...functions, 'return check_Given;'].join('\n');
  const js = transformSync(`type ValidationIssue = { path: (string | number)[]; message: string };\n${source}`, { loader: 'ts' }).code;
  const helpers = Object.keys(runtime);
  const compiled = new Function(...helpers, js)(...helpers.map((name) => (runtime as Record<string, unknown>)[name])) as runtime.Check;
  return {
    text: numbered(text),
    hoisted: numbered(hoisted),
    source,
    problems: module.problems.map((problem) => `${problem.code} ${problem.message}`),
    check: (value, mode = 'loose') => compiled(value, runtime.modeFlags(mode), '`Given`', 0),
  };
}

/**
 * The module's constants and shared shapes are named after their content (`KEYS_1v8m2a`,
 * content-hash.ts). The wants here read them as numbers in the order they were made (`KEYS_3`:
 * the third constant; `check_shape_1`), so that a want shows which one is which; test/validators
 * /stable-names.test.ts checks the names themselves.
 */
function numberedNames(constants: readonly string[], functions: readonly string[]): (text: string) => string {
  const names = new Map<string, string>();
  constants.forEach((constant, i) => {
    const [, kind, hash] = /^const ([A-Z_]+)_([0-9a-z]{6})\b/.exec(constant)!;
    names.set(`${kind}_${hash}`, `${kind}_${i + 1}`);
  });
  let shapes = 0;
  for (const fn of functions) {
    const hash = /^function check_shape_([0-9a-z]{6})\(/.exec(fn)?.[1];
    if (hash !== undefined) names.set(`check_shape_${hash}`, `check_shape_${++shapes}`);
  }
  return (text) => text.replace(/\b(?:[A-Z_]+|check_shape)_[0-9a-z]{6}\b/g, (name) => names.get(name) ?? name);
}

/** Messages of a check, `path: message`, for compact wants. */
export function messages(check: Check, value: unknown, mode: Mode = 'loose'): string[] {
  return (check(value, mode) ?? []).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

// Fragment builders: every IR node needs a `source`.
const at = '/given';
export const string = (extra: Partial<Extract<IrSchema, { kind: 'string' }>> = {}): IrSchema => ({ kind: 'string', source: at, ...extra });
export const number = (extra: Partial<Extract<IrSchema, { kind: 'number' }>> = {}): IrSchema => ({
  kind: 'number',
  integer: false,
  source: at,
  ...extra,
});
export const integer = (extra: Partial<Extract<IrSchema, { kind: 'number' }>> = {}): IrSchema => ({
  kind: 'number',
  integer: true,
  source: at,
  ...extra,
});
export const boolean: IrSchema = { kind: 'boolean', source: at };
export const nullType: IrSchema = { kind: 'null', source: at };
export const ref = (target: string): IrSchema => ({ kind: 'ref', target, source: at });
export const object = (
  properties: Record<string, IrSchema | readonly [IrSchema, 'required']>,
  extra: Partial<Extract<IrSchema, { kind: 'object' }>> = {},
): Extract<IrSchema, { kind: 'object' }> => ({
  kind: 'object',
  source: at,
  properties: Object.entries(properties).map(([name, value]) =>
    isRequired(value) ? { name, required: true, schema: value[0] } : { name, required: false, schema: value },
  ),
  additionalProperties: true,
  additionalPropertiesDeclared: false,
  ...extra,
});
const isRequired = (value: IrSchema | readonly [IrSchema, 'required']): value is readonly [IrSchema, 'required'] => Array.isArray(value);
export const closed = { additionalProperties: false, additionalPropertiesDeclared: true } as const;
export const union = (
  mode: 'oneOf' | 'anyOf',
  variants: IrSchema[],
  extra: Partial<Extract<IrSchema, { kind: 'union' }>> = {},
): IrSchema => ({ kind: 'union', mode, variants, source: at, ...extra });
