// Validation keywords that bound a value (minLength, maximum, maxItems, pattern, …): a tighter
// bound narrows what is accepted, a looser one widens it. One line per keyword and schema kind.
import type { IrArraySchema, IrNumberSchema, IrObjectSchema, IrStringSchema } from '../model/ir.js';
import type { DiffContext, SchemaPlace } from './diff-context.js';
import { bySide, reportDirection, type Direction } from './report-direction.js';

/** lower: a larger value is tighter (minLength); upper: a smaller one is (maxLength); exact: any change is neither. */
type Bound = 'lower' | 'upper' | 'exact';
type KeywordValue = number | string | boolean | undefined;

export function diffStringConstraints(a: IrStringSchema, b: IrStringSchema, place: SchemaPlace, ctx: DiffContext): void {
  diffKeyword(a, b, 'minLength', 'lower', place, ctx);
  diffKeyword(a, b, 'maxLength', 'upper', place, ctx);
  diffKeyword(a, b, 'pattern', 'exact', place, ctx);
  // `format: binary` is file content (another type), checked as such; any other format is an annotation
  if (a.format === 'binary' || b.format === 'binary') diffKeyword(a, b, 'format', 'exact', place, ctx);
  else diffFormat(a, b, place, ctx);
}

/**
 * `format` is an annotation in JSON Schema 2020-12: the validators do not check it, and the types
 * do not show it (`int32` and `int64` are both `number`). Its change is a doc change.
 */
function diffFormat(a: IrStringSchema | IrNumberSchema, b: IrStringSchema | IrNumberSchema, place: SchemaPlace, ctx: DiffContext): void {
  if (a.format === b.format) return;
  const shown = (format: string | undefined) => (format === undefined ? 'none' : `\`${format}\``);
  ctx.report({
    kind: 'doc-changed',
    side: place.side,
    subject: place.path,
    message: `The format of \`${place.path}\` is now ${shown(b.format)} (was ${shown(a.format)}), an annotation the client does not check.`,
    at: { old: a.source, new: b.source },
  });
}

export function diffNumberConstraints(a: IrNumberSchema, b: IrNumberSchema, place: SchemaPlace, ctx: DiffContext): void {
  if (a.integer !== b.integer) {
    const at = { old: `${a.source}/type`, new: `${b.source}/type` };
    if (a.integer)
      reportDirection(
        ctx,
        place,
        'widened',
        bySide(place, 'now accepts any number, not only integers', 'can now be any number, not only an integer'),
        at,
      );
    else reportDirection(ctx, place, 'narrowed', bySide(place, 'now accepts only integers', 'is now always an integer'), at);
  }
  diffKeyword(a, b, 'minimum', 'lower', place, ctx);
  diffKeyword(a, b, 'exclusiveMinimum', 'lower', place, ctx);
  diffKeyword(a, b, 'maximum', 'upper', place, ctx);
  diffKeyword(a, b, 'exclusiveMaximum', 'upper', place, ctx);
  diffKeyword(a, b, 'multipleOf', 'exact', place, ctx);
  diffFormat(a, b, place, ctx);
}

export function diffArrayConstraints(a: IrArraySchema, b: IrArraySchema, place: SchemaPlace, ctx: DiffContext): void {
  diffKeyword(a, b, 'minItems', 'lower', place, ctx);
  diffKeyword(a, b, 'maxItems', 'upper', place, ctx);
  diffKeyword(a, b, 'uniqueItems', 'lower', place, ctx);
}

export function diffObjectConstraints(a: IrObjectSchema, b: IrObjectSchema, place: SchemaPlace, ctx: DiffContext): void {
  diffKeyword(a, b, 'minProperties', 'lower', place, ctx);
  diffKeyword(a, b, 'maxProperties', 'upper', place, ctx);
}

function diffKeyword<S extends { readonly source: string }, K extends keyof S & string>(
  a: S,
  b: S,
  keyword: K,
  bound: Bound,
  place: SchemaPlace,
  ctx: DiffContext,
): void {
  const before = a[keyword] as KeywordValue;
  const after = b[keyword] as KeywordValue;
  if (before === after) return;
  const detail =
    after === undefined
      ? `has no ${keyword} any more (was ${show(before)})`
      : before === undefined
        ? `has ${keyword} ${show(after)} (had none)`
        : `has ${keyword} ${show(after)} (was ${show(before)})`;
  reportDirection(ctx, place, directionOf(bound, before, after), detail, { old: `${a.source}/${keyword}`, new: `${b.source}/${keyword}` });
}

/** Adding a bound always narrows and removing one widens; for a changed value the bound decides. */
function directionOf(bound: Bound, before: KeywordValue, after: KeywordValue): Direction {
  if (before === undefined) return 'narrowed';
  if (after === undefined) return 'widened';
  if (bound === 'exact') return 'changed';
  const tighter = bound === 'lower' ? Number(after) > Number(before) : Number(after) < Number(before);
  return tighter ? 'narrowed' : 'widened';
}

function show(value: KeywordValue): string {
  return typeof value === 'string' ? `\`${value}\`` : String(value);
}
