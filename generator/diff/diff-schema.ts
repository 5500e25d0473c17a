// Compares two schemas found at the same place of the client: docs, then nullability, then the
// shape, dispatched by kind. Two refs are queued as a named-schema pair (compared once); a ref
// against an inline schema is resolved and compared structurally.
import type { IrArraySchema, IrNumberSchema, IrObjectSchema, IrSchema, IrStringSchema } from '../model/ir.js';
import { diffArrayConstraints, diffNumberConstraints, diffStringConstraints } from './diff-constraints.js';
import type { DiffContext, SchemaPlace } from './diff-context.js';
import { diffDocs } from './diff-docs.js';
import { diffLiterals, diffLiteralsAndType } from './diff-literals.js';
import { diffObject } from './diff-object.js';
import { diffVariants } from './diff-variants.js';
import { atPlace, bySide, reportDirection, reportTypeChanged } from './report-direction.js';
import { typePhrase, isNullableRef, literalsOf, resolveRef, splitNull } from './schema-shape.js';

/** Resolving an inline schema against a ref stops here (a nullable ref to itself never ends). */
const MAX_DEPTH = 16;

export function diffSchema(a: IrSchema, b: IrSchema, place: SchemaPlace, ctx: DiffContext): void {
  diffDocs(a, b, { subject: place.path, oldPointer: a.source, newPointer: b.source }, ctx);
  const before = splitNull(a);
  const after = splitNull(b);
  // two refs: the named pair's own comparison sees their nullability, so it is not counted here too
  const bothRefs = before.core.kind === 'ref' && after.core.kind === 'ref';
  const wasNullable = before.nullable || (!bothRefs && isNullableRef(before.core, ctx.old));
  const isNullable = after.nullable || (!bothRefs && isNullableRef(after.core, ctx.new));
  if (wasNullable !== isNullable) reportNullable(isNullable, place, ctx, { old: a.source, new: b.source });
  diffCore(before.core, after.core, place, ctx, 0);
}

function reportNullable(isNullable: boolean, place: SchemaPlace, ctx: DiffContext, at: { old: string; new: string }): void {
  const side = place.side;
  const kind =
    side === 'request'
      ? isNullable
        ? 'request-field-nullable'
        : 'request-field-non-nullable'
      : isNullable
        ? 'response-field-nullable'
        : 'response-field-non-nullable';
  const detail = isNullable
    ? bySide(place, 'now accepts null', 'can now be null')
    : bySide(place, 'no longer accepts null', 'is never null any more');
  ctx.report({ kind, side, subject: place.path, message: atPlace(place, detail), at });
}

function diffCore(a: IrSchema, b: IrSchema, place: SchemaPlace, ctx: DiffContext, depth: number): void {
  if (a.kind === 'ref' && b.kind === 'ref') return ctx.visitRef(a.target, b.target, place);
  if (a.kind === 'ref' || b.kind === 'ref') {
    const before = a.kind === 'ref' ? resolveRef(a, ctx.old) : a;
    const after = b.kind === 'ref' ? resolveRef(b, ctx.new) : b;
    if (!before || !after || depth >= MAX_DEPTH) return;
    // nullability was compared through the ref already
    return diffCore(splitNull(before).core, splitNull(after).core, place, ctx, depth + 1);
  }
  if (isOpenEnded(a) || isOpenEnded(b)) return diffOpenEnded(a, b, place, ctx);
  const before = literalsOf(a);
  const after = literalsOf(b);
  if (before && after) return diffLiterals(a, b, before, after, place, ctx);
  if (a.kind === 'union' || b.kind === 'union') return diffVariants(a, b, 'union', place, ctx);
  if (a.kind === 'allOf' || b.kind === 'allOf') return diffVariants(a, b, 'allOf', place, ctx);
  if (before || after) return diffLiteralsAndType(a, b, place, ctx);
  if (a.kind !== b.kind) return reportTypeChanged(ctx, place, a, b);
  switch (a.kind) {
    case 'string':
      return diffStringConstraints(a, b as IrStringSchema, place, ctx);
    case 'number':
      return diffNumberConstraints(a, b as IrNumberSchema, place, ctx);
    case 'object':
      return diffObject(a, b as IrObjectSchema, place, ctx);
    case 'array':
      diffArrayConstraints(a, b as IrArraySchema, place, ctx);
      return ctx.diffSchema(a.items, (b as IrArraySchema).items, { ...place, path: `${place.path}[]` });
    default:
      return; // boolean and null carry nothing more to compare
  }
}

function isOpenEnded(schema: IrSchema): boolean {
  return schema.kind === 'unknown' || schema.kind === 'never';
}

/** `unknown` accepts every value and `never` none, so a change to or from them only narrows or widens. */
function diffOpenEnded(a: IrSchema, b: IrSchema, place: SchemaPlace, ctx: DiffContext): void {
  if (a.kind === b.kind) return;
  const at = { old: a.source, new: b.source };
  const was = typePhrase(a, ctx.old);
  const is = typePhrase(b, ctx.new);
  if (b.kind === 'never') {
    reportDirection(
      ctx,
      place,
      'narrowed',
      bySide(place, `no longer accepts any value (was ${was})`, `can no longer have any value (was ${was})`),
      at,
    );
  } else if (a.kind === 'unknown') {
    reportDirection(
      ctx,
      place,
      'narrowed',
      bySide(place, `now accepts only ${is} (was any value)`, `is now always ${is} (was any value)`),
      at,
    );
  } else if (b.kind === 'unknown') {
    reportDirection(ctx, place, 'widened', bySide(place, `now accepts any value (was ${was})`, `can now be any value (was ${was})`), at);
  } else {
    reportDirection(ctx, place, 'widened', bySide(place, `now accepts ${is} (was no value)`, `can now be ${is} (was no value)`), at);
  }
}
