// The Standard Schema v1 interface (https://standardschema.dev, copied: no dependency) and the
// few helpers the generated validators call. Every helper here runs only when a value is
// invalid (or once per schema at import): the valid path is straight-line generated code.
import { ValidationError, type ValidationIssue } from './errors.js';

/** The Standard Schema v1 interface, as published by standard-schema/spec. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaV1.Props<Input, Output>;
}

export declare namespace StandardSchemaV1 {
  export interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  export type Result<Output> = SuccessResult<Output> | FailureResult;
  export interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  export interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  export interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  export interface PathSegment {
    readonly key: PropertyKey;
  }
  export interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
  export type InferInput<Schema extends StandardSchemaV1> = NonNullable<
    Schema['~standard']['types']
  >['input'];
  export type InferOutput<Schema extends StandardSchemaV1> = NonNullable<
    Schema['~standard']['types']
  >['output'];
}

/**
 * How far a value may go beyond the spec:
 * - 'loose' (what a client accepts from a server newer than its spec): unknown keys are kept on
 *   every object, even one whose schema says `additionalProperties: false`; a string the spec
 *   does not list (a string enum's value, a union's tag) is kept (an enum of numbers stays
 *   closed); a value that more than one oneOf variant describes is accepted; and null stands for a
 *   left-out optional property, and a left-out property for null where its schema lists null
 *   (many servers send one for the other; the types keep the spec's `?: T` and `T | null`, so
 *   test such a field with `== null`, not `=== undefined` or `=== null`).
 * - 'request' (what a client may send): only listed values; unknown keys only where allowed.
 * - 'strict': exactly the spec: only listed values, and no unknown keys on any object.
 */
export type ValidationMode = 'loose' | 'request' | 'strict';

/**
 * The bits of a check's `mode` argument: unknown keys rejected everywhere; unlisted values
 * rejected (and, with them, the unknown keys of closed objects, a value several oneOf variants
 * match, and null for a left-out property or the other way: everything 'loose' lets through).
 */
export const CLOSED_KEYS = 1;
export const CLOSED_VALUES = 2;

/** The `mode` argument of a check for a mode name; an unknown name throws. */
export function modeFlags(mode: ValidationMode): number {
  switch (mode) {
    case 'loose':
      return 0;
    case 'request':
      return CLOSED_VALUES;
    case 'strict':
      return CLOSED_KEYS | CLOSED_VALUES;
    default:
      throw new TypeError(
        `validation mode must be 'loose', 'request' or 'strict', got ${String(mode as unknown)}`,
      );
  }
}

/**
 * What a generated check function returns: undefined when the value is valid (nothing is
 * allocated), else the issues, with paths relative to the value it was given. `label` names
 * the value in unknown-key messages (e.g. "`rate_limits`"); `depth` is how many levels below
 * the validated value this one is (0 for the value itself).
 */
export type Check = (
  value: unknown,
  mode: number,
  label: string,
  depth: number,
) => ValidationIssue[] | undefined;

/**
 * How deep the validators go: a value nested more than MAX_DEPTH levels (objects and arrays)
 * below the validated one gets one issue, "nested deeper than 512 levels", at the first level
 * past it, instead of a RangeError from a stack that ran out. Measured in Node (984 KB stack),
 * the costliest recursion (a discriminated union) runs out at about 2,200 levels, and at about
 * 1,100 with half that stack: 512 leaves room for the caller's own frames and for runtimes with
 * smaller stacks, far above the nesting of real API data. Should a stack still run out,
 * runCheck turns the RangeError into the same kind of issue.
 */
export const MAX_DEPTH = 512;

/**
 * Runs a generated check on the value being validated (depth 0). A RangeError (a stack smaller
 * than MAX_DEPTH needs) becomes an issue, so validation never throws.
 */
export function runCheck(
  check: Check,
  value: unknown,
  mode: number,
  label: string,
): ValidationIssue[] | undefined {
  try {
    return check(value, mode, label, 0);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return [{ path: [], message: 'nested too deeply to check (the stack ran out)' }];
  }
}

/** The issue of a value nested deeper than MAX_DEPTH, at the first level past it. */
export function tooDeep(): ValidationIssue[] {
  return [
    {
      path: [],
      message: `nested deeper than ${MAX_DEPTH} levels (the validators' limit); not checked further`,
    },
  ];
}

/** The result of a validate call on a valid value: shared, frozen, never written to. */
export const NO_ISSUES: readonly ValidationIssue[] = /* @__PURE__ */ Object.freeze([]);

/** `X.is`: a type guard. */
export type Guard<T> = (value: unknown) => value is T;

/** `X.assert`: a type assertion (declared with this type, as TypeScript requires of one). */
export type Asserts<T> = (value: unknown) => asserts value is T;

/** `X.validate(value, mode?)` and a parameter group's `validateX`: every issue, or the shared empty list. */
export type Validate = (value: unknown, mode?: ValidationMode) => readonly ValidationIssue[];

/**
 * `X`, the validator of a named schema: a Standard Schema v1 object with three functions of its
 * own. Each is a plain function, not a method that needs its object: `items.filter(ChatSession.is)`
 * works. All of them check in the schema's own mode unless `validate` is told another: 'request'
 * for a schema that only requests send (`X.is(body)` is true when the client would send `body`),
 * 'loose' for the others (what a client accepts from a server; see ValidationMode).
 */
export interface Validator<T> extends StandardSchemaV1<T> {
  /** A type guard: `if (ChatSession.is(value)) value.id`. */
  readonly is: Guard<T>;
  /** Throws a ValidationError listing every issue ("Invalid X (2 problems): …"). */
  readonly assert: Asserts<T>;
  /** Every issue, or the shared empty list, in `mode` (see ValidationMode) or the schema's own. */
  readonly validate: Validate;
}

/**
 * `X`: the validator of a named schema over its generated check (one line in the module), in
 * the mode `fallback` (a `mode` argument's flags: 0 is 'loose') unless `X.validate` is told
 * another. Frozen, as an export binding is: the client reads `X.validate` on every call, so no
 * code elsewhere in a program can swap it.
 */
export function schemaOf<T>(
  vendor: string,
  check: Check,
  label: string,
  fallback = 0,
): Validator<T> {
  const assert: Asserts<T> = (value) => {
    const issues = runCheck(check, value, fallback, label);
    if (issues !== undefined) throw new ValidationError(issues, `Invalid ${label.slice(1, -1)}`);
  };
  const standard: StandardSchemaV1.Props<T> = {
    version: 1,
    vendor,
    validate(value: unknown): StandardSchemaV1.Result<T> {
      const issues = runCheck(check, value, fallback, label);
      return issues === undefined ? { value: value as T } : { issues };
    },
  };
  return Object.freeze({
    '~standard': Object.freeze(standard),
    is: (value: unknown): value is T => runCheck(check, value, fallback, '') === undefined,
    assert,
    validate: validatorOfCheck(check, label, fallback),
  });
}

/**
 * `X.validate`, or a parameter group's `validateX(value, mode?)`, over a generated check;
 * `fallback` is the mode when none is given.
 */
export function validatorOfCheck(check: Check, label: string, fallback = 0): Validate {
  return (value, mode) =>
    runCheck(check, value, mode === undefined ? fallback : modeFlags(mode), label) ?? NO_ISSUES;
}

/**
 * A required property's type mismatch: "missing required key `user`: expected a string" when
 * the value is absent, else "expected a string, found number 5". With `nullableMode` (a
 * property whose schema lists null) an absent value passes in 'loose' mode.
 */
export function required(
  issues: ValidationIssue[] | undefined,
  path: (string | number)[],
  what: Expected,
  value: unknown,
  nullableMode?: number,
): Issues {
  if (value !== undefined) return expected(issues, path, what, value);
  return keepsLeftOut(nullableMode) ? issues : missing(issues, path, what);
}

/**
 * Whether a required property that is left out passes: given (`nullableMode`) only for one whose
 * schema lists null, which 'loose' mode (no CLOSED_VALUES) takes as null, as servers that leave
 * out a field they have no value for mean it.
 */
function keepsLeftOut(nullableMode: number | undefined): boolean {
  return nullableMode !== undefined && (nullableMode & CLOSED_VALUES) === 0;
}

/**
 * A property's path for the leaf checks below: its key, when it is a property of the checked
 * value itself, else a hoisted path; a fresh array on failure only.
 */
type LeafPath = string | readonly (string | number)[];

/** What a check returns: its issues, or undefined when the value is valid. */
export type Issues = ValidationIssue[] | undefined;

/** A leaf path as an issue's own path array (made on failure only). */
function pathOf(path: LeafPath): (string | number)[] {
  return typeof path === 'string' ? [path] : path.slice();
}

function leafIssue(
  issues: ValidationIssue[] | undefined,
  path: LeafPath,
  what: string,
  value: unknown,
): Issues {
  return required(issues, pathOf(path), what, value);
}

/**
 * Whether an optional property counts as left out: `undefined`, or in 'loose' mode (no
 * CLOSED_VALUES in `mode`) `null`, which many servers send for a field they leave out. The
 * generated checks call the optional helpers only for a value that fails its test, so a `null`
 * of a schema that lists it never comes here.
 */
function isAbsent(value: unknown, mode: number): boolean {
  return value === undefined || (value === null && (mode & CLOSED_VALUES) === 0);
}

// The issues of a property of the commonest kinds (a bare string, integer, number or boolean),
// required or optional. The generated check tests the value inline and calls these only when
// the test fails, so a valid value's speed does not depend on what the engine inlines.
/** A required string property. */
export function reqString(issues: Issues, value: unknown, path: LeafPath): Issues {
  return typeof value === 'string' ? issues : leafIssue(issues, path, 'a string', value);
}

/** An optional string property. */
export function optString(issues: Issues, value: unknown, path: LeafPath, mode: number): Issues {
  return isAbsent(value, mode) || typeof value === 'string'
    ? issues
    : leafIssue(issues, path, 'a string', value);
}

/** A required integer property. */
export function reqInteger(issues: Issues, value: unknown, path: LeafPath): Issues {
  return Number.isInteger(value) ? issues : leafIssue(issues, path, 'an integer', value);
}

/** An optional integer property. */
export function optInteger(issues: Issues, value: unknown, path: LeafPath, mode: number): Issues {
  return isAbsent(value, mode) || Number.isInteger(value)
    ? issues
    : leafIssue(issues, path, 'an integer', value);
}

/** A required number property. */
export function reqNumber(issues: Issues, value: unknown, path: LeafPath): Issues {
  return Number.isFinite(value) ? issues : leafIssue(issues, path, 'a number', value);
}

/** An optional number property. */
export function optNumber(issues: Issues, value: unknown, path: LeafPath, mode: number): Issues {
  return isAbsent(value, mode) || Number.isFinite(value)
    ? issues
    : leafIssue(issues, path, 'a number', value);
}

/** A required boolean property. */
export function reqBoolean(issues: Issues, value: unknown, path: LeafPath): Issues {
  return typeof value === 'boolean' ? issues : leafIssue(issues, path, 'a boolean', value);
}

/** An optional boolean property. */
export function optBoolean(issues: Issues, value: unknown, path: LeafPath, mode: number): Issues {
  return isAbsent(value, mode) || typeof value === 'boolean'
    ? issues
    : leafIssue(issues, path, 'a boolean', value);
}

/** A required property that must be one string (a `const`): "expected 'a'; found 'b'". */
export function reqConst(issues: Issues, value: unknown, path: LeafPath, listed: string): Issues {
  return value === listed ? issues : requiredUnlisted(issues, pathOf(path), quote(listed), value);
}

/** An optional property that must be one string (a `const`) when present. */
export function optConst(
  issues: Issues,
  value: unknown,
  path: LeafPath,
  mode: number,
  listed: string,
): Issues {
  return isAbsent(value, mode) || value === listed
    ? issues
    : unlisted(issues, pathOf(path), quote(listed), value);
}

/** A required integer property with bounds (minimum, maximum: -Infinity and Infinity for none). */
export function reqIntegerIn(
  issues: Issues,
  value: unknown,
  path: LeafPath,
  min: number,
  max: number,
): Issues {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
    ? issues
    : boundIssues(issues, value, path, min, max, 'an integer', Number.isInteger(value), true);
}

/** An optional integer property with bounds. */
export function optIntegerIn(
  issues: Issues,
  value: unknown,
  path: LeafPath,
  mode: number,
  min: number,
  max: number,
): Issues {
  return isAbsent(value, mode) ||
    (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max)
    ? issues
    : boundIssues(issues, value, path, min, max, 'an integer', Number.isInteger(value), false);
}

/** A required number property with bounds. */
export function reqNumberIn(
  issues: Issues,
  value: unknown,
  path: LeafPath,
  min: number,
  max: number,
): Issues {
  return Number.isFinite(value) && (value as number) >= min && (value as number) <= max
    ? issues
    : boundIssues(issues, value, path, min, max, 'a number', Number.isFinite(value), true);
}

/** An optional number property with bounds. */
export function optNumberIn(
  issues: Issues,
  value: unknown,
  path: LeafPath,
  mode: number,
  min: number,
  max: number,
): Issues {
  return isAbsent(value, mode) ||
    (Number.isFinite(value) && (value as number) >= min && (value as number) <= max)
    ? issues
    : boundIssues(issues, value, path, min, max, 'a number', Number.isFinite(value), false);
}

/** "expected an integer, found …", or one issue per bound the number is outside of. */
function boundIssues(
  issues: Issues,
  value: unknown,
  path: LeafPath,
  min: number,
  max: number,
  what: string,
  isNumber: boolean,
  isRequired: boolean,
): Issues {
  if (!isNumber)
    return isRequired
      ? required(issues, pathOf(path), what, value)
      : expected(issues, pathOf(path), what, value);
  if (!((value as number) >= min))
    issues = fail(issues, pathOf(path), `expected at least ${min}, found ${String(value)}`);
  if (!((value as number) <= max))
    issues = fail(issues, pathOf(path), `expected at most ${max}, found ${String(value)}`);
  return issues;
}

/**
 * A required string property with minLength (0 for none) and maxLength, counted in code points
 * as JSON Schema counts them: the UTF-16 length decides alone when it can (a code point is one
 * or two units).
 */
export function reqStringIn(
  issues: Issues,
  value: unknown,
  path: LeafPath,
  min: number,
  max?: number,
): Issues {
  return typeof value === 'string' &&
    value.length >= 2 * min &&
    (max === undefined || value.length <= max)
    ? issues
    : lengthIssues(issues, value, path, min, max, true);
}

/** An optional string property with minLength (0 for none) and maxLength. */
export function optStringIn(
  issues: Issues,
  value: unknown,
  path: LeafPath,
  mode: number,
  min: number,
  max?: number,
): Issues {
  return isAbsent(value, mode) ||
    (typeof value === 'string' &&
      value.length >= 2 * min &&
      (max === undefined || value.length <= max))
    ? issues
    : lengthIssues(issues, value, path, min, max, false);
}

function lengthIssues(
  issues: Issues,
  value: unknown,
  path: LeafPath,
  min: number,
  max: number | undefined,
  isRequired: boolean,
): Issues {
  if (typeof value !== 'string')
    return isRequired
      ? required(issues, pathOf(path), 'a string', value)
      : expected(issues, pathOf(path), 'a string', value);
  if (value.length < 2 * min) {
    const count = codePoints(value);
    if (count < min)
      issues = fail(issues, pathOf(path), `expected at least ${characters(min)}, found ${count}`);
  }
  if (max !== undefined && value.length > max) {
    const count = codePoints(value);
    if (count > max)
      issues = fail(issues, pathOf(path), `expected at most ${characters(max)}, found ${count}`);
  }
  return issues;
}

/** "1 character", "2 characters". */
function characters(count: number): string {
  return `${count} character${count === 1 ? '' : 's'}`;
}

/**
 * A required property whose value is one of `listed` (a string enum). In 'loose' mode (no
 * CLOSED_VALUES in `mode`) any string is kept, so the list is read only in the other modes.
 */
export function reqEnum(
  issues: Issues,
  value: unknown,
  path: LeafPath,
  listed: readonly string[],
  mode: number,
): Issues {
  return typeof value === 'string' && ((mode & CLOSED_VALUES) === 0 || listed.includes(value))
    ? issues
    : requiredUnlisted(issues, pathOf(path), oneOf(listed), value);
}

/** An optional property whose value is one of `listed` (a string enum) when present. */
export function optEnum(
  issues: Issues,
  value: unknown,
  path: LeafPath,
  mode: number,
  listed: readonly string[],
): Issues {
  return isAbsent(value, mode) ||
    (typeof value === 'string' && ((mode & CLOSED_VALUES) === 0 || listed.includes(value)))
    ? issues
    : unlisted(issues, pathOf(path), oneOf(listed), value);
}

/** "one of 'a', 'b'", cut after eight values (as the generator words a listed value). */
function oneOf(listed: readonly string[]): string {
  const shown = listed.slice(0, 8).map(quote).join(', ');
  return `one of ${listed.length > 8 ? `${shown}, \u2026` : shown}`;
}

/** A value the schema does not list: "expected one of 'a', 'b'; found 'c'". */
export function unlisted(
  issues: ValidationIssue[] | undefined,
  path: (string | number)[],
  what: string,
  value: unknown,
): ValidationIssue[] {
  return fail(issues, path, `expected ${what}; found ${foundLiteral(value)}`);
}

/** unlisted, for a required property: an absent value is "missing required key `key`". */
export function requiredUnlisted(
  issues: ValidationIssue[] | undefined,
  path: (string | number)[],
  what: string,
  value: unknown,
  nullableMode?: number,
): Issues {
  if (value !== undefined) return unlisted(issues, path, what, value);
  return keepsLeftOut(nullableMode) ? issues : missing(issues, path, what);
}

/** The path of the value checked itself, and a key list of no keys. */
const NONE: readonly never[] = /* @__PURE__ */ Object.freeze([]);

/**
 * Every key of `object` outside `known` (a key list computed by the generator), as one issue
 * each at `path` + key, with the nearest known key (see unknownKeyMessage). `path` is a key as a
 * string, or a path; it and `nested` are left out when empty (the value checked itself; no key
 * one level down).
 */
export function unknownKeys(
  issues: ValidationIssue[] | undefined,
  object: Record<string, unknown>,
  label: string,
  known: readonly string[],
  path: LeafPath = NONE,
  nested: readonly string[] = NONE,
): ValidationIssue[] | undefined {
  // a long list is looked up in a Set made once per list (a scan per key would be quadratic)
  const set = known.length > 8 ? keySet(known) : undefined;
  for (const key in object) {
    if (!(set === undefined ? known.includes(key) : set.has(key)))
      issues = fail(issues, withKey(path, key), unknownKeyMessage(key, label, known, nested));
  }
  return issues;
}

/** One key of `object` outside `known`: an issue at `path` + key (see unknownKeyMessage and unknownKeys). */
export function unknownKey(
  issues: ValidationIssue[] | undefined,
  key: string,
  label: string,
  known: readonly string[],
  path: LeafPath = NONE,
  nested: readonly string[] = NONE,
): ValidationIssue[] {
  return fail(issues, withKey(path, key), unknownKeyMessage(key, label, known, nested));
}

/** A path (one key as a string, or an array) with `key` after it, as a new array. */
function withKey(path: LeafPath, key: string): (string | number)[] {
  return typeof path === 'string' ? [path, key] : [...path, key];
}

const KEY_SETS = /* @__PURE__ */ new WeakMap<readonly string[], ReadonlySet<string>>();

function keySet(known: readonly string[]): ReadonlySet<string> {
  let set = KEY_SETS.get(known);
  if (set === undefined) {
    set = new Set(known);
    KEY_SETS.set(known, set);
  }
  return set;
}

/** Records one issue; the list is created by the first. Returns the list. */
export function fail(
  issues: ValidationIssue[] | undefined,
  path: (string | number)[],
  message: string,
): ValidationIssue[] {
  const out = issues ?? [];
  out.push({ path, message });
  return out;
}

/** "expected a string, found number 5". */
export function expected(
  issues: ValidationIssue[] | undefined,
  path: (string | number)[],
  what: Expected,
  value: unknown,
): ValidationIssue[] {
  return fail(issues, path, `expected ${expectedPhrase(what)}, found ${found(value)}`);
}

/**
 * What a check expects: its words ("a string"), or the keys of the object it expects, which the
 * checks share with the unknown-key lists instead of spelling out each object's description.
 */
export type Expected = string | readonly string[];

/** "an object `{ id, user, status, workflow, … }`": the keys, cut after five. */
function expectedPhrase(what: Expected): string {
  if (typeof what === 'string') return what;
  if (what.length === 0) return 'an object';
  const shown = what.length > 5 ? [...what.slice(0, 4), '\u2026'] : what;
  return `an object \`{ ${shown.join(', ')} }\``;
}

/** "missing required key `user`: expected a string"; the key is the last segment of `path`. */
export function missing(
  issues: ValidationIssue[] | undefined,
  path: (string | number)[],
  what: Expected,
): ValidationIssue[] {
  return fail(
    issues,
    path,
    `missing required key \`${String(path[path.length - 1])}\`: expected ${expectedPhrase(what)}`,
  );
}

/** A JSON object: not null, not an array. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The issues of a called check (undefined when it passed) under `path`. */
export function nest(
  issues: ValidationIssue[] | undefined,
  path: LeafPath,
  inner: ValidationIssue[] | undefined,
): ValidationIssue[] | undefined {
  return inner === undefined ? issues : nestIssues(issues, path, inner, '');
}

/**
 * Like nest, for a required property: a check run on an absent value says "expected <what>,
 * found undefined" at its root, which becomes "missing required key `key`: expected <what>".
 * Small enough for the engine to inline: a valid value costs one comparison here.
 */
export function nestRequired(
  issues: ValidationIssue[] | undefined,
  path: LeafPath,
  inner: ValidationIssue[] | undefined,
  value: unknown,
  nullableMode?: number,
): ValidationIssue[] | undefined {
  return inner === undefined || (value === undefined && keepsLeftOut(nullableMode))
    ? issues
    : nestMissing(issues, path, inner, value);
}

function nestMissing(
  issues: ValidationIssue[] | undefined,
  path: LeafPath,
  inner: ValidationIssue[],
  value: unknown,
): ValidationIssue[] | undefined {
  const message = inner[0]?.message ?? '';
  if (
    value !== undefined ||
    !message.startsWith('expected ') ||
    !/[,;] found undefined$/.test(message)
  )
    return nestIssues(issues, path, inner, '');
  return missing(
    issues,
    pathOf(path),
    message.slice('expected '.length, -', found undefined'.length),
  );
}

/**
 * Adds `inner` (issues of a nested value, fresh from a check) to `issues`, each path prefixed
 * with `at` (a key as a string, or a path) and each message with `prefix`. Without a prefix the issue objects are moved,
 * their paths extended in place (they were made by the check for this call alone).
 */
export function nestIssues(
  issues: ValidationIssue[] | undefined,
  at: LeafPath,
  inner: readonly ValidationIssue[],
  prefix: string,
): ValidationIssue[] {
  const path = typeof at === 'string' ? [at] : at;
  if (prefix === '') {
    if (path.length > 0)
      for (const issue of inner)
        (issue as { path: readonly (string | number)[] }).path = joinPaths(path, issue.path);
    if (issues === undefined) return inner as ValidationIssue[];
    for (const issue of inner) issues.push(issue);
    return issues;
  }
  const out = issues ?? [];
  for (const issue of inner)
    out.push({
      path: joinPaths(path, issue.path),
      message: prefix + issue.message,
    });
  return out;
}

function joinPaths(
  head: readonly (string | number)[],
  tail: readonly (string | number)[],
): (string | number)[] {
  const path = head.slice();
  for (let i = 0; i < tail.length; i++) path.push(tail[i]!);
  return path;
}

/** Prefixes every issue's path with `segment` (the client uses it for `query`, `headers`). */
export function prefixIssues(
  segment: string,
  issues: readonly ValidationIssue[],
): readonly ValidationIssue[] {
  return issues.length === 0
    ? issues
    : issues.map((issue) => ({
        path: [segment, ...issue.path],
        message: issue.message,
      }));
}

const SHOWN_LENGTH = 40;

/** `'abc'`: a string as a message shows it, cut to 40 characters. */
export function quote(text: string): string {
  const shown = text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH)}\u2026` : text;
  return `'${JSON.stringify(shown).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** What a value is, for "found …": `number 1800`, `string 'abc'`, `null`, `an array`, `an object`. */
export function found(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `string ${quote(value)}`;
    case 'number':
    case 'boolean':
    case 'bigint':
      return `${typeof value} ${String(value)}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

/** Like `found`, but a string is shown bare (`'c'`), as in "expected one of 'a', 'b'; found 'c'". */
export function foundLiteral(value: unknown): string {
  return typeof value === 'string' ? quote(value) : found(value);
}

/**
 * The message for a key an object does not allow, with the nearest known key: a close
 * spelling of an own key, or the same key one level down (`rate_limits.max_requests_per_1_minute`).
 * `known` and `nested` are computed by the generator.
 */
export function unknownKeyMessage(
  key: string,
  label: string,
  known: readonly string[],
  nested: readonly string[],
): string {
  const head = `unknown key \`${shownKey(key)}\` in ${label}`;
  const suggestion = nestedKey(key, nested) ?? closestKey(key, known);
  if (suggestion !== undefined) return `${head}; did you mean \`${suggestion}\`?`;
  if (known.length === 0) return `${head}; no keys are allowed here`;
  if (known.length <= 6)
    return `${head}; known keys: ${known.map((name) => `\`${name}\``).join(', ')}`;
  return head;
}

function shownKey(key: string): string {
  for (let i = 0; i < key.length && i <= SHOWN_LENGTH; i++) {
    const code = key.charCodeAt(i);
    if (code === 10 || code === 13 || code === 0x2028 || code === 0x2029 || i === SHOWN_LENGTH) {
      const flat = key.replace(/[\r\n\u2028\u2029]/g, ' ');
      return flat.length > SHOWN_LENGTH ? `${flat.slice(0, SHOWN_LENGTH)}\u2026` : flat;
    }
  }
  return key;
}

/** `parent.key` among the nested paths, when `key` is exactly a key one level down. */
function nestedKey(key: string, nested: readonly string[]): string | undefined {
  for (const path of nested) {
    if (
      path.length > key.length &&
      path.endsWith(key) &&
      path.charCodeAt(path.length - key.length - 1) === 46 /* . */
    )
      return path;
  }
  return undefined;
}

/** The known key nearest to `key` (ignoring ASCII case), when within a third of its length (at least 2 edits). */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  if (key.length > 256) return undefined;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.ceil(key.length / 3)) + 1;
  for (const candidate of known) {
    const apart = Math.abs(candidate.length - key.length);
    if (apart >= bestDistance) continue;
    // a key with characters left out (`requests_per_minute` of `max_requests_per_1_minute`), or
    // added, is as many edits apart as it is characters longer or shorter, and no fewer
    const distance = leavesOut(key, candidate) ? apart : editDistance(key, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Whether the shorter of two ASCII strings is the longer with characters left out, ignoring
 * ASCII case as editDistance does. False when either has a character past ASCII (editDistance
 * folds those otherwise).
 */
function leavesOut(a: string, b: string): boolean {
  const short = a.length <= b.length ? a : b;
  const long = short === a ? b : a;
  let found = 0;
  for (let i = 0; i < long.length; i++) {
    let code = long.charCodeAt(i);
    if (code > 127) return false;
    if (code >= 65 && code <= 90) code |= 32;
    if (found < short.length) {
      let wanted = short.charCodeAt(found);
      if (wanted > 127) return false;
      if (wanted >= 65 && wanted <= 90) wanted |= 32;
      if (code === wanted) found++;
    }
  }
  return found === short.length;
}

/** Bit masks of the pattern's (case-folded ASCII) characters for Myers' algorithm, reused between calls. */
const PEQ = /* @__PURE__ */ new Int32Array(128);
/** Which call last wrote each PEQ entry: entries from earlier calls read as 0, so nothing is cleared. */
const PEQ_CALL = /* @__PURE__ */ new Int32Array(128);
let peqCall = 0;

/**
 * Levenshtein distance, ignoring ASCII case. For an ASCII `b` of up to 31 characters (every key
 * of a realistic schema) Myers' bit-parallel algorithm (Hyyrö's form) takes one step per
 * character of `a` and allocates nothing; otherwise a plain dynamic programme.
 */
export function editDistance(a: string, b: string): number {
  const m = b.length;
  if (m === 0) return a.length;
  if (m > 31) return editDistanceSlow(a.toLowerCase(), b.toLowerCase());
  const call = (peqCall = (peqCall + 1) | 0);
  for (let i = 0; i < m; i++) {
    let code = b.charCodeAt(i);
    if (code > 127) return editDistanceSlow(a.toLowerCase(), b.toLowerCase());
    if (code >= 65 && code <= 90) code |= 32;
    PEQ[code] = (PEQ_CALL[code] === call ? PEQ[code]! : 0) | (1 << i);
    PEQ_CALL[code] = call;
  }
  const last = 1 << (m - 1);
  let pv = -1;
  let mv = 0;
  let score = m;
  for (let j = 0; j < a.length; j++) {
    let code = a.charCodeAt(j);
    if (code >= 65 && code <= 90) code |= 32;
    const eq = code < 128 && PEQ_CALL[code] === call ? PEQ[code]! : 0;
    const xv = eq | mv;
    // `| 0` keeps the sum an int32 for the engine (`^` truncates it the same): without it the
    // whole loop runs in floating point, 1.8x slower
    const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if (ph & last) score++;
    else if (mh & last) score--;
    ph = (ph << 1) | 1;
    mh <<= 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
  }
  return score;
}

function editDistanceSlow(a: string, b: string): number {
  const row: number[] = [];
  for (let j = 0; j <= b.length; j++) row.push(j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(
        above + 1,
        row[j - 1]! + 1,
        diagonal + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return row[b.length]!;
}

const SURROGATE = /[\ud800-\udfff]/;

/** Length in code points, as JSON Schema counts minLength/maxLength (a surrogate pair is one). */
export function codePoints(text: string): number {
  if (!SURROGATE.test(text)) return text.length;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** The first pair of equal items (JSON equality, key order ignored), or undefined. */
export function duplicateItems(items: readonly unknown[]): readonly [number, number] | undefined {
  for (let j = 1; j < items.length; j++) {
    for (let i = 0; i < j; i++) if (jsonEqual(items[i], items[j])) return [i, j];
  }
  return undefined;
}

/** JSON Schema's equality: equal primitives, arrays item by item, objects with the same keys and equal values. */
// Iterative (a list of pairs still to compare), so values of any depth cannot overflow the stack.
export function jsonEqual(a: unknown, b: unknown): boolean {
  const pending: unknown[] = [a, b];
  while (pending.length > 0) {
    const right = pending.pop();
    const left = pending.pop();
    if (left === right) continue;
    if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null)
      return false;
    if (Array.isArray(left)) {
      if (!Array.isArray(right) || left.length !== right.length) return false;
      for (let i = 0; i < left.length; i++) pending.push(left[i], right[i]);
      continue;
    }
    if (Array.isArray(right)) return false;
    const keys = Object.keys(left);
    if (keys.length !== Object.keys(right).length) return false;
    for (const key of keys) {
      if (!Object.hasOwn(right, key)) return false;
      pending.push((left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key]);
    }
  }
  return true;
}

/**
 * Issues for a value that matched no variant of a union. `candidates` holds, per variant, its
 * issues when the value has that variant's JSON type (else undefined): one candidate means the
 * caller meant that variant, so its own issues are the useful ones; otherwise the fewest win,
 * and with none, one "expected …; found …" issue. Objects told apart by a `tag` property whose
 * values are `tags`: an object with none of them gets that issue instead, naming them all.
 */
export function unionIssues(
  issues: ValidationIssue[] | undefined,
  path: readonly (string | number)[],
  expected: string,
  value: unknown,
  candidates: readonly (ValidationIssue[] | undefined)[],
  prefix: string,
  tag?: string,
  tags?: readonly string[],
): ValidationIssue[] {
  if (tag !== undefined && tags !== undefined && isObject(value)) {
    const at = value[tag];
    if (!(typeof at === 'string' && tags.includes(at))) {
      const where = [...path, tag];
      return at === undefined
        ? missing(issues, where, oneOf(tags))
        : fail(
            issues,
            where,
            `${prefix}expected \`${tag}\` to be ${oneOf(tags)}; found ${foundLiteral(at)}`,
          );
    }
  }
  let best: ValidationIssue[] | undefined;
  for (const candidate of candidates) {
    if (candidate !== undefined && (best === undefined || candidate.length < best.length))
      best = candidate;
  }
  if (best !== undefined) return nestIssues(issues, path, best, prefix);
  const out = issues ?? [];
  out.push({
    path: [...path],
    message: `${prefix}expected ${expected}; found ${found(value)}`,
  });
  return out;
}
