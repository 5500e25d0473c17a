// Enums and consts: values removed or added, and a closed set of values becoming an open type
// (or the reverse). Which of these break callers is spelled out in change-kinds.ts.
import type { IrLiteral, IrSchema } from '../model/ir.js';
import type { DiffContext, SchemaPlace } from './diff-context.js';
import { atPlace, bySide, reportDirection, reportTypeChanged } from './report-direction.js';
import { literalList, literalsOf } from './schema-shape.js';

export function diffLiterals(
  a: IrSchema,
  b: IrSchema,
  before: readonly IrLiteral[],
  after: readonly IrLiteral[],
  place: SchemaPlace,
  ctx: DiffContext,
): void {
  // by value, as JSON Schema compares them: an object or array literal is equal to its copy
  const beforeKeys = new Set(before.map(literalKey));
  const afterKeys = new Set(after.map(literalKey));
  const removed = before.filter((value) => !afterKeys.has(literalKey(value)));
  const added = after.filter((value) => !beforeKeys.has(literalKey(value)));
  if (removed.length === 0 && added.length === 0) return;
  if (before.length === 1 && after.length === 1) return reportTypeChanged(ctx, place, a, b);
  const at = { old: keywordPointer(a), new: keywordPointer(b) };
  if (removed.length > 0) {
    const kind = place.side === 'request' ? 'request-enum-value-removed' : 'response-enum-value-removed';
    const detail = bySide(place, `no longer accepts ${literalList(removed)}`, `can no longer be ${literalList(removed)}`);
    ctx.report({ kind, side: place.side, subject: place.path, message: atPlace(place, detail), at });
  }
  if (added.length > 0) {
    const kind = place.side === 'request' ? 'request-enum-value-added' : 'response-enum-value-added';
    const detail = bySide(place, `now also accepts ${literalList(added)}`, `can now also be ${literalList(added)}`);
    ctx.report({ kind, side: place.side, subject: place.path, message: atPlace(place, detail), at });
  }
}

/** One side is an enum or const, the other a plain string, number or boolean type. */
export function diffLiteralsAndType(a: IrSchema, b: IrSchema, place: SchemaPlace, ctx: DiffContext): void {
  const fromLiterals = literalsOf(a);
  const literals = fromLiterals ?? literalsOf(b) ?? [];
  const typed = fromLiterals ? b : a;
  const noun = typeNoun(typed);
  if (noun === undefined || !literals.every((value) => fits(value, typed))) return reportTypeChanged(ctx, place, a, b);
  const at = { old: a.source, new: b.source };
  const list = literalList(literals);
  if (fromLiterals)
    reportDirection(
      ctx,
      place,
      'widened',
      bySide(place, `now accepts any ${noun} (was ${list})`, `can now be any ${noun} (was ${list})`),
      at,
    );
  else
    reportDirection(
      ctx,
      place,
      'narrowed',
      bySide(place, `now accepts only ${list} (was any ${noun})`, `is now always one of ${list} (was any ${noun})`),
      at,
    );
}

function typeNoun(schema: IrSchema): string | undefined {
  if (schema.kind === 'string' || schema.kind === 'boolean') return schema.kind;
  if (schema.kind === 'number') return schema.integer ? 'integer' : 'number';
  return undefined;
}

function fits(value: IrLiteral, schema: IrSchema): boolean {
  if (schema.kind === 'string' || schema.kind === 'boolean') return typeof value === schema.kind;
  if (schema.kind === 'number') return typeof value === 'number' && (!schema.integer || Number.isInteger(value));
  return false;
}

function keywordPointer(schema: IrSchema): string {
  return `${schema.source}/${schema.kind === 'const' ? 'const' : 'enum'}`;
}

/** A literal as text that is equal for equal JSON values: object keys in any order. */
export function literalKey(value: IrLiteral): string {
  if (Array.isArray(value)) return `[${value.map(literalKey).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${literalKey((value as Record<string, IrLiteral>)[key]!)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
