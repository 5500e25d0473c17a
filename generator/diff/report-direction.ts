// Turns "the accepted set of values got smaller or larger" into a change kind for the side it
// happened on: a request that accepts less breaks callers, a response that can hold more
// breaks consumers; the other two directions are compatible.
import type { IrSchema } from '../model/ir.js';
import type { ChangeKind } from './change-kinds.js';
import type { ChangeAt, DiffContext, SchemaPlace } from './diff-context.js';
import { typePhrase } from './schema-shape.js';

/** `changed`: neither a subset nor a superset (e.g. a different pattern). */
export type Direction = 'narrowed' | 'widened' | 'changed';

export function reportDirection(ctx: DiffContext, place: SchemaPlace, direction: Direction, detail: string, at: ChangeAt): void {
  ctx.report({ kind: kindOf(place, direction), side: place.side, subject: place.path, message: atPlace(place, detail), at });
}

/** "In the request, `SessionCreateParams.user` <detail>." */
export function atPlace(place: SchemaPlace, detail: string): string {
  return `In the ${place.side}, \`${place.path}\` ${detail}.`;
}

/** The request's wording or the response's: "accepts" a value versus "can be" one. */
export function bySide(place: SchemaPlace, request: string, response: string): string {
  return place.side === 'request' ? request : response;
}

function kindOf(place: SchemaPlace, direction: Direction): ChangeKind {
  if (direction === 'changed') return 'constraint-changed';
  if (place.side === 'request') return direction === 'narrowed' ? 'request-type-narrowed' : 'request-type-widened';
  return direction === 'narrowed' ? 'response-type-narrowed' : 'response-type-widened';
}

/** Neither a subset nor a superset: `type-changed`, breaking on both sides. */
export function reportTypeChanged(ctx: DiffContext, place: SchemaPlace, a: IrSchema, b: IrSchema): void {
  const detail = `changed from ${typePhrase(a, ctx.old)} to ${typePhrase(b, ctx.new)}`;
  ctx.report({
    kind: 'type-changed',
    side: place.side,
    subject: place.path,
    message: atPlace(place, detail),
    at: { old: a.source, new: b.source },
  });
}
