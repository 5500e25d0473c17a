// Where a check writes its findings: the value being checked, its path relative to the check
// function's input, and how messages name it. Issues go into the function's `issues` list,
// created by the first one (through the runtime's fail/expected/missing), so a valid value
// allocates nothing.
import { Identifier } from '../../model/ir.js';
import { code, Code, joinCode, literal } from '../escape.js';

export interface Target {
  /** A local or parameter holding the value (cheap to read more than once). */
  readonly value: Identifier;
  /** Path segments from the function's input: string literals, or locals holding keys and indexes. */
  readonly path: readonly Code[];
  /**
   * Levels above `path` when the issues are written relative to an array item (see array.ts):
   * they still count toward the depth that nested calls are passed.
   */
  readonly levels?: number;
  /** A string expression naming the value in unknown-key messages, e.g. "`rate_limits`". */
  readonly label: Code;
  /** The property name holding the value, when fixed (for the labels of its items and values). */
  readonly name?: string;
  /** Fixed text before every message, e.g. "invalid key: " for propertyNames. */
  readonly prefix: string;
  /**
   * Run instead of reporting "expected <type>" when the value does not have the schema's JSON
   * type: a union passes the checks of its other variants here. Never inherited by children.
   */
  readonly otherwise?: Code;
  /**
   * A required property whose type test fails on `undefined`: a mismatch is reported by the
   * runtime's `required`, which says "missing required key" for an absent value, so the
   * property needs no separate `=== undefined` branch.
   */
  readonly required?: boolean;
  /**
   * With `required`: the schema lists null, so 'loose' mode takes the property left out as null.
   * The runtime's required helpers are given the mode, on the failure path only.
   */
  readonly nullable?: boolean;
}

/** A value inside `parent`: `segment` is a literal key, or a local holding a key or index. */
export function childTarget(parent: Target, value: Identifier, segment: Code, label: string, name?: string): Target {
  // no `otherwise`: it belongs to the parent's type test only
  return {
    value,
    path: [...parent.path, segment],
    ...levelsOf(parent),
    label: literal(label),
    ...(name !== undefined ? { name } : {}),
    prefix: parent.prefix,
  };
}

/** How many levels below the check function's input the target is: its path, and the levels above it. */
export function levelsAt(target: Target): number {
  return target.path.length + (target.levels ?? 0);
}

/** The `levels` a target inside `parent` keeps (spread into a new target). */
export function levelsOf(parent: Target): { levels?: number } {
  return parent.levels === undefined ? {} : { levels: parent.levels };
}

/**
 * The path as a hoisted constant when every segment is fixed (`PATH_3`), so that a call made on
 * every check (not only on a failure) allocates nothing; undefined when a segment is a local.
 */
export function constantPath(
  path: readonly Code[],
  scope: { module: { constant(kind: 'PATH', value: Code): Identifier } },
): Identifier | undefined {
  return isFixedPath(path) ? scope.module.constant('PATH', pathArray(path)) : undefined;
}

/**
 * A path for a runtime helper that takes a key or a path (its LeafPath): one fixed key as its
 * string literal, else as constantPath makes it. A one-key path then needs no module constant.
 */
export function keyOrConstantPath(
  path: readonly Code[],
  scope: { module: { constant(kind: 'PATH', value: Code): Identifier } },
): Code | undefined {
  const [only] = path;
  if (path.length === 1 && only !== undefined && /^['"]/.test(only.text)) return only;
  return constantPath(path, scope);
}

/** Whether every segment of the path is fixed (a string or index literal, not a local). */
export function isFixedPath(path: readonly Code[]): boolean {
  return path.every((segment) => /^['"]|^\d+$/.test(segment.text));
}

/** The path as an array literal, e.g. `["workflow", k3]`. */
export function pathArray(path: readonly Code[]): Code {
  return code`[${joinCode(path, ', ')}]`;
}

/** The target without its `otherwise` (for checks that handle a type mismatch themselves). */
export function withoutOtherwise(target: Target): Target {
  const { otherwise: _otherwise, ...rest } = target;
  return rest;
}

/** `if (test) {…} else {…}`, written `} else if (…) {` when the else branch is one `if` statement. */
export function ifElse(test: Code, then: Code, otherwise: Code): Code {
  if (otherwise.text === '') return code`if (${test}) {\n${then}\n}`;
  return isSingleIf(otherwise.text)
    ? code`if (${test}) {\n${then}\n} else ${otherwise}`
    : code`if (${test}) {\n${then}\n} else {\n${otherwise}\n}`;
}

/** Whether `text` (one statement or brace per line) is a single `if` statement, with its else branches. */
function isSingleIf(text: string): boolean {
  if (!text.startsWith('if (')) return false;
  const lines = text.split('\n');
  let depth = 0;
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line.startsWith('}')) depth--;
    if (line.endsWith('{')) depth++;
    if (depth <= 0 && i < lines.length - 1) return false;
  }
  return depth === 0;
}

/** The runtime helpers that record issues (templates/runtime/standard-schema.ts). */
const FAIL = new Identifier('fail');
const EXPECTED = new Identifier('expected');
const MISSING = new Identifier('missing');
const REQUIRED = new Identifier('required');
const UNLISTED = new Identifier('unlisted');
const REQUIRED_UNLISTED = new Identifier('requiredUnlisted');

/** The type-mismatch branch: the target's `otherwise`, else one "expected <what>, found …" issue. */
export function mismatch(target: Target, what: string | Code, keys?: Identifier): Code {
  return target.otherwise ?? reportMismatch(target, what, keys);
}

/**
 * `issues = expected(issues, path, "a string", value);`: "expected a string, found number 5".
 * For an object, `keys` (a key-list constant) stands for `what`: the runtime words it the same.
 */
export function reportMismatch(target: Target, what: string | Code, keys?: Identifier): Code {
  if (target.prefix !== '') {
    if (typeof what === 'string') return report(target, `expected ${what}, found `, code`found(${target.value})`);
    return reportExpression(target, code`${literal('expected ')} + ${what} + ${literal(', found ')} + found(${target.value})`);
  }
  return code`issues = ${target.required === true ? REQUIRED : EXPECTED}(issues, ${pathArray(target.path)}, ${keys ?? what}, ${target.value}${nullableMode(target)});`;
}

/** `issues = unlisted(issues, path, "one of 'a', 'b'", value);`: "expected one of 'a', 'b'; found 'c'". */
export function reportUnlisted(target: Target, what: string): Code {
  if (target.prefix !== '') return report(target, `expected ${what}; found `, code`foundLiteral(${target.value})`);
  return code`issues = ${target.required === true ? REQUIRED_UNLISTED : UNLISTED}(issues, ${pathArray(target.path)}, ${what}, ${target.value}${nullableMode(target)});`;
}

/** `, mode` after a required helper's arguments when a left-out value may pass (Target.nullable). */
export function nullableMode(target: Target): Code {
  return target.required === true && target.nullable === true ? Code.raw(', mode') : EMPTY;
}

/** `issues = missing(issues, ["user"], "a string");`: "missing required key `user`: expected a string". */
export function reportMissing(target: Target, what: string | Code): Code {
  return code`issues = ${MISSING}(issues, ${pathArray(target.path)}, ${what});`;
}

/** Records one issue: `message` is fixed text, `tail` an optional string expression after it. */
export function report(target: Target, message: string, tail?: Code): Code {
  const text = literal(target.prefix + message);
  return code`issues = ${FAIL}(issues, ${pathArray(target.path)}, ${tail === undefined ? text : code`${text} + ${tail}`});`;
}

/** Records one issue whose whole message is a string expression (the prefix still comes first). */
export function reportExpression(target: Target, message: Code): Code {
  const full = target.prefix === '' ? message : code`${literal(target.prefix)} + ${message}`;
  return code`issues = ${FAIL}(issues, ${pathArray(target.path)}, ${full});`;
}

/** Adds the issues held by `inner` (relative to the target) to `issues`. */
export function nest(target: Target, inner: Identifier, nestIssues: Identifier): Code {
  return code`issues = ${nestIssues}(issues, ${pathArray(target.path)}, ${inner}, ${literal(target.prefix)});`;
}

/** `a\nb` -> one statement block text. */
export function block(statements: readonly Code[]): Code {
  return joinCode(
    statements.filter((statement) => statement.text !== ''),
    '\n',
  );
}

export const EMPTY: Code = Code.raw('');
