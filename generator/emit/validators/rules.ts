// A rule is one condition a leaf value must meet, usable two ways: as a boolean test (a union
// tries its variants with `a && b`, allocating nothing) and as a check that reports the failure.
import { code, type Code } from '../escape.js';
import { and, not, type Expr } from './expr.js';
import { block, ifElse, report, reportMismatch, reportUnlisted, type Target } from './target.js';

export interface Rule {
  /** True when the value meets the rule; may rely on the rules before it having held. */
  readonly holds: Expr;
  /** For a type test: what was expected ("a string"); reported as "expected a string, found …". */
  readonly what?: string;
  readonly message: string;
  /**
   * For a test of listed values (enum, const): what they are ("one of 'a', 'b'"), reported by
   * the runtime's `unlisted` as "expected one of 'a', 'b'; found 'c'" instead of the message.
   */
  readonly listed?: string;
  /** A string expression appended to the message (what was found). */
  readonly tail?: Code;
  /**
   * For a check (not a test): a cheap pre-test that must be true for the rule to fail, and the
   * measure it then computes once, e.g. a string's code points only when its UTF-16 length is
   * over the limit. `fails` decides on the measure (a local named `count`), which the message shows.
   */
  readonly measured?: { readonly suspect: Expr; readonly measure: Code; readonly fails: Expr };
}

/** `a && b && c`, or `true` for no rules. */
export function rulesToTest(rules: readonly Rule[]): Expr {
  return and(rules.map((rule) => rule.holds));
}

/**
 * The first rule is the type test: when it fails nothing else is checked (and the target's
 * `otherwise` runs instead of the report, if it has one). The others are independent, so
 * every failing one is reported.
 */
export function rulesToCheck(rules: readonly Rule[], target: Target): Code {
  const [typeRule, ...rest] = rules;
  if (typeRule === undefined) return code``;
  const failed = (rule: Rule) => ruleToCheck(rule, target);
  const typeFailed = target.otherwise ?? failure(typeRule, target);
  return ifElse(not(typeRule.holds), typeFailed, block(rest.map(failed)));
}

/** The rules after the type test, for a value whose type is already known (an object's keys are strings). */
export function rulesAfterTypeToCheck(rules: readonly Rule[], target: Target): Code {
  return block(rules.slice(1).map((rule) => ruleToCheck(rule, target)));
}

function ruleToCheck(rule: Rule, target: Target): Code {
  if (rule.measured === undefined) return code`if (${not(rule.holds)}) {\n${failure(rule, target)}\n}`;
  const { suspect, measure, fails } = rule.measured;
  return code`if (${suspect}) {\nconst count = ${measure};\nif (${fails}) {\n${report(target, rule.message, code`count`)}\n}\n}`;
}

function failure(rule: Rule, target: Target): Code {
  if (rule.listed !== undefined) return reportUnlisted(target, rule.listed);
  return rule.what === undefined ? report(target, rule.message, rule.tail) : reportMismatch(target, rule.what);
}
