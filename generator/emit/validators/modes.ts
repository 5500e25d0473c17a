// The `mode` argument of a generated check, as the emitted code tests it: the bits and default
// modes of templates/runtime/standard-schema.ts (CLOSED_KEYS, CLOSED_VALUES, modeFlags), in one
// place on this side too.
import { Code } from '../escape.js';
import { compare, type Expr } from './expr.js';

/** `mode & 1`: unknown keys of open objects are rejected ('strict'). */
export const REJECTS_UNKNOWN_KEYS: Expr = compare(Code.raw('mode & 1'));

/**
 * `mode & 2`: 'request' or 'strict', not 'loose'. What 'loose' lets through besides unlisted
 * values is rejected: the keys a closed object (`additionalProperties` or
 * `unevaluatedProperties` false) does not declare, and a value that several oneOf variants
 * match. A server newer than the spec may add a field, which can make a value match two.
 */
export const IS_NOT_LOOSE: Expr = compare(Code.raw('mode & 2'));

/** True in 'loose' mode: unlisted values (enum values, union tags) are kept. */
export const IS_LOOSE: Expr = compare(Code.raw('(mode & 2) === 0'));

/** The `mode` flags of the modes a generated function defaults to. */
export const MODE_FLAGS = { loose: Code.raw('0'), request: Code.raw('2') } as const;
