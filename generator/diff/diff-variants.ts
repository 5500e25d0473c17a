// oneOf/anyOf variants and allOf parts. Old and new ones are paired by signature (kind, ref
// target, literal value) and each pair is compared; what is left over was removed or added. A
// union that loses a variant accepts less; an allOf that loses a part accepts more.
import type { IrSchema } from '../model/ir.js';
import type { ApiSide, DiffContext, SchemaPlace } from './diff-context.js';
import { bySide, reportDirection } from './report-direction.js';
import { typePhrase, variantSignature, withoutDocs } from './schema-shape.js';

export function diffVariants(a: IrSchema, b: IrSchema, mode: 'union' | 'allOf', place: SchemaPlace, ctx: DiffContext): void {
  const { pairs, removed, added } = pairVariants(membersOf(a, mode), membersOf(b, mode), ctx.renames);
  if (mode === 'union') diffDiscriminator(a, b, place, ctx);
  for (const [before, after] of pairs) ctx.diffSchema(before, after, variantPlace(after, mode, place, ctx));
  const isUnion = mode === 'union';
  if (removed.length > 0) {
    const what = describeAll(removed, ctx.old, isUnion);
    const detail = isUnion
      ? bySide(place, `no longer accepts ${what}`, `can no longer be ${what}`)
      : bySide(place, `no longer has to match ${what}`, `no longer always matches ${what}`);
    reportDirection(ctx, place, isUnion ? 'narrowed' : 'widened', detail, { old: removed[0]!.source, new: b.source });
  }
  if (added.length > 0) {
    const what = describeAll(added, ctx.new, isUnion);
    const detail = isUnion
      ? bySide(place, `now also accepts ${what}`, `can now also be ${what}`)
      : bySide(place, `now also has to match ${what}`, `now always also matches ${what}`);
    reportDirection(ctx, place, isUnion ? 'widened' : 'narrowed', detail, { old: a.source, new: added[0]!.source });
  }
}

/** A schema that is not a union (or allOf) counts as one of one; its docs were compared already. */
/**
 * A change inside one of several union variants is named after the variant's type when it has
 * one (`Circle.radius`, not `Shape.radius`), since the union's own path cannot tell them apart.
 */
function variantPlace(variant: IrSchema, mode: 'union' | 'allOf', place: SchemaPlace, ctx: DiffContext): SchemaPlace {
  if (mode !== 'union' || variant.kind !== 'ref') return place;
  const name = ctx.new.schemas.get(variant.target)?.name.text;
  return name === undefined ? place : { ...place, path: name };
}

function membersOf(schema: IrSchema, mode: 'union' | 'allOf'): readonly IrSchema[] {
  if (mode === 'union') return schema.kind === 'union' ? schema.variants : [withoutDocs(schema)];
  return schema.kind === 'allOf' ? schema.parts : [withoutDocs(schema)];
}

function pairVariants(before: readonly IrSchema[], after: readonly IrSchema[], renames: ReadonlyMap<string, string>) {
  const unpaired = [...after];
  const pairs: (readonly [IrSchema, IrSchema])[] = [];
  const removed: IrSchema[] = [];
  const none = new Map<string, string>();
  for (const variant of before) {
    const signature = variantSignature(variant, renames);
    const index = unpaired.findIndex((candidate) => variantSignature(candidate, none) === signature);
    if (index === -1) removed.push(variant);
    else pairs.push([variant, unpaired.splice(index, 1)[0]!]);
  }
  return { pairs, removed, added: unpaired };
}

function diffDiscriminator(a: IrSchema, b: IrSchema, place: SchemaPlace, ctx: DiffContext): void {
  const before = a.kind === 'union' ? a.discriminator?.propertyName : undefined;
  const after = b.kind === 'union' ? b.discriminator?.propertyName : undefined;
  if (before === undefined || after === undefined || before === after) return;
  reportDirection(ctx, place, 'changed', `is told apart by \`${after}\` (was \`${before}\`)`, {
    old: `${a.source}/discriminator`,
    new: `${b.source}/discriminator`,
  });
}

function describeAll(schemas: readonly IrSchema[], side: ApiSide, isUnion: boolean): string {
  return schemas.map((schema) => typePhrase(schema, side)).join(isUnion ? ' or ' : ' and ');
}
