// `type: number` / `integer` with minimum, maximum, their exclusive forms and multipleOf.
// A number must be finite (JSON has no NaN); integers are checked with Number.isInteger. The
// bounds are checked on a finite non-integer too, so each problem is reported once.
import type { IrNumberSchema } from '../../model/ir.js';
import { code, type Code } from '../escape.js';
import { and, atom, compare } from './expr.js';
import { rulesToCheck, type Rule } from './rules.js';
import type { Scope } from './scope.js';
import type { Target } from './target.js';

const BOUNDS = [
  ['minimum', '>=', 'at least'],
  ['maximum', '<=', 'at most'],
  ['exclusiveMinimum', '>', 'more than'],
  ['exclusiveMaximum', '<', 'less than'],
] as const;

export function numberRules(schema: IrNumberSchema, value: Code, scope: Scope): Rule[] {
  const what = schema.integer ? 'an integer' : 'a number';
  // Number.isInteger / isFinite are false for a non-number; `typeof` is there only to narrow the
  // type for the bound checks after it
  const test = schema.integer ? atom(code`Number.isInteger(${value})`) : atom(code`Number.isFinite(${value})`);
  const rules: Rule[] = [{ holds: test, what, message: '' }];
  for (const [keyword, operator, words] of BOUNDS) {
    const bound = schema[keyword];
    if (bound === undefined || !isUsable(bound, keyword, schema, scope)) continue;
    rules.push({
      holds: compare(code`${value} ${OPERATORS[operator]} ${bound}`),
      message: `expected ${words} ${bound}, found `,
      tail: code`String(${value})`,
    });
  }
  if (rules.length > 1 || schema.multipleOf !== undefined)
    rules[0] = { holds: and([compare(code`typeof ${value} === 'number'`), test]), what, message: '' };
  const step = schema.multipleOf;
  if (step !== undefined && isUsable(step, 'multipleOf', schema, scope)) {
    if (step <= 0) scope.module.unsupported(schema.source, `multipleOf must be greater than 0, not ${step}.`);
    else
      rules.push({
        holds: Number.isInteger(step) ? compare(code`${value} % ${step} === 0`) : atom(code`Number.isInteger(${value} / ${step})`),
        message: `expected a multiple of ${step}, found `,
        tail: code`String(${value})`,
      });
  }
  return rules;
}

export function numberToCheck(schema: IrNumberSchema, target: Target, scope: Scope): Code {
  return rulesToCheck(numberRules(schema, target.value, scope), target);
}

function isUsable(bound: number, keyword: string, schema: IrNumberSchema, scope: Scope): boolean {
  if (Number.isFinite(bound)) return true;
  scope.module.unsupported(schema.source, `\`${keyword}: ${bound}\` is not a finite number, so no validator can be emitted for it.`);
  return false;
}

const OPERATORS = { '>=': code`>=`, '<=': code`<=`, '>': code`>`, '<': code`<` } as const;
