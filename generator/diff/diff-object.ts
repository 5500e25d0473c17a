// Objects: properties removed, added, renamed or made (non-)required, then each kept property's
// schema; then additionalProperties, propertyNames and the property-count bounds.
import type { IrObjectSchema, IrProperty, IrSchema } from '../model/ir.js';
import { diffObjectConstraints } from './diff-constraints.js';
import type { DiffContext, SchemaPlace } from './diff-context.js';
import { isSimilarName, pairRenames } from './rename-heuristic.js';
import { atPlace, bySide, reportDirection } from './report-direction.js';
import { memberPath, splitNull } from './schema-shape.js';

export function diffObject(a: IrObjectSchema, b: IrObjectSchema, place: SchemaPlace, ctx: DiffContext): void {
  diffProperties(a, b, place, ctx);
  diffAdditionalProperties(a, b, place, ctx);
  if (a.propertyNames || b.propertyNames) {
    const anyName = (source: string): IrSchema => ({ kind: 'unknown', source: `${source}/propertyNames` });
    ctx.diffSchema(a.propertyNames ?? anyName(a.source), b.propertyNames ?? anyName(b.source), { ...place, path: `${place.path}[key]` });
  }
  diffObjectConstraints(a, b, place, ctx);
}

function diffProperties(a: IrObjectSchema, b: IrObjectSchema, place: SchemaPlace, ctx: DiffContext): void {
  const newByName = new Map(b.properties.map((property) => [property.name, property]));
  const oldNames = new Set(a.properties.map((property) => property.name));
  const renames = pairRenames(
    a.properties.filter((property) => !newByName.has(property.name)),
    b.properties.filter((property) => !oldNames.has(property.name)),
    (before, after) => isSimilarName(before.name, after.name) && splitNull(before.schema).core.kind === splitNull(after.schema).core.kind,
  );
  for (const property of renames.removed) {
    const path = memberPath(place.path, property.name);
    const kind = place.side === 'request' ? 'request-field-removed' : 'response-field-removed';
    ctx.report({
      kind,
      side: place.side,
      subject: path,
      message: `Removed \`${path}\` from the ${place.side}.`,
      at: { old: property.schema.source },
    });
  }
  for (const property of renames.added) reportAdded(property, place, ctx);
  for (const [before, after] of renames.pairs) {
    const path = memberPath(place.path, before.name);
    const at = { old: before.schema.source, new: after.schema.source };
    ctx.report({
      kind: 'field-renamed',
      side: place.side,
      subject: path,
      message: atPlace({ ...place, path }, `was renamed to \`${after.name}\``),
      at,
    });
    diffProperty(before, after, a, b, place, ctx);
  }
  for (const before of a.properties) {
    const after = newByName.get(before.name);
    if (after) diffProperty(before, after, a, b, place, ctx);
  }
}

function reportAdded(property: IrProperty, place: SchemaPlace, ctx: DiffContext): void {
  const path = memberPath(place.path, property.name);
  const at = { new: property.schema.source };
  if (place.side === 'response') {
    ctx.report({ kind: 'response-field-added', side: 'response', subject: path, message: `Added \`${path}\` to the response.`, at });
  } else if (property.required) {
    ctx.report({
      kind: 'request-field-added-required',
      side: 'request',
      subject: path,
      message: `Added the required field \`${path}\` to the request.`,
      at,
    });
  } else {
    ctx.report({
      kind: 'request-field-added-optional',
      side: 'request',
      subject: path,
      message: `Added the optional field \`${path}\` to the request.`,
      at,
    });
  }
}

function diffProperty(
  before: IrProperty,
  after: IrProperty,
  a: IrObjectSchema,
  b: IrObjectSchema,
  place: SchemaPlace,
  ctx: DiffContext,
): void {
  const path = memberPath(place.path, after.name);
  if (before.required !== after.required) {
    const at = { old: `${a.source}/required`, new: `${b.source}/required` };
    const here = { ...place, path };
    if (place.side === 'request') {
      const kind = after.required ? 'request-field-made-required' : 'request-field-made-optional';
      ctx.report({
        kind,
        side: 'request',
        subject: path,
        message: atPlace(here, after.required ? 'is now required' : 'is now optional'),
        at,
      });
    } else {
      const kind = after.required ? 'response-field-made-required' : 'response-field-made-optional';
      ctx.report({
        kind,
        side: 'response',
        subject: path,
        message: atPlace(here, after.required ? 'is now always present' : 'may now be missing'),
        at,
      });
    }
  }
  ctx.diffSchema(before.schema, after.schema, { ...place, path });
}

/** `true` and `false` compare as "any value" and "no value", so a schema change in between reads naturally. */
function diffAdditionalProperties(a: IrObjectSchema, b: IrObjectSchema, place: SchemaPlace, ctx: DiffContext): void {
  const [was, is] = [a.additionalProperties, b.additionalProperties];
  if (typeof was === 'boolean' && typeof is === 'boolean') {
    if (was === is) return;
    const at = { old: `${a.source}/additionalProperties`, new: `${b.source}/additionalProperties` };
    if (!is) {
      reportDirection(
        ctx,
        place,
        'narrowed',
        bySide(place, 'no longer accepts properties it does not list', 'no longer has properties it does not list'),
        at,
      );
    } else if (place.side === 'request') {
      reportDirection(ctx, place, 'widened', 'now accepts properties it does not list', at);
    } else {
      ctx.report({
        kind: 'response-object-opened',
        side: 'response',
        subject: place.path,
        message: atPlace(place, 'can now have properties it does not list'),
        at,
      });
    }
    return;
  }
  const extra = (value: boolean | IrSchema, source: string): IrSchema =>
    typeof value === 'object' ? value : { kind: value ? 'unknown' : 'never', source: `${source}/additionalProperties` };
  ctx.diffSchema(extra(was, a.source), extra(is, b.source), { ...place, path: `${place.path}[*]` });
}
