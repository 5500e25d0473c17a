// oneOf/anyOf variants and allOf parts. Old and new ones are paired by signature (kind, ref
// target, literal value) and each pair is compared; what is left over was removed or added. A
// union that loses a variant accepts less; an allOf that loses a part accepts more.
import { withoutSubsumed } from '../emit/validators/shape.js';
import type { IrSchema } from '../model/ir.js';
import { followRefs } from '../model/schema-index.js';
import type { ApiSide, DiffContext, SchemaPlace } from './diff-context.js';
import { literalKey } from './diff-literals.js';
import { atPlace, bySide, reportDirection } from './report-direction.js';
import { literalsOf, typePhrase, variantSignature, withoutDocs } from './schema-shape.js';

export function diffVariants(a: IrSchema, b: IrSchema, mode: 'union' | 'allOf', place: SchemaPlace, ctx: DiffContext): void {
  const [before, after] = [membersOf(a, mode), membersOf(b, mode)];
  const [kept, keeps] = [taken(a, before, ctx.old), taken(b, after, ctx.new)];
  if (mode === 'union') {
    const subsumed = (members: readonly IrSchema[], taken: readonly IrSchema[]) => members.filter((member) => !taken.includes(member));
    diffListedValues(subsumed(before, kept), subsumed(after, keeps), place, ctx, { old: a.source, new: b.source });
  }
  const { pairs, removed, added } = pairVariants(kept, keeps, ctx.renames);
  if (mode === 'union') diffDiscriminator(a, b, place, ctx);
  for (const [was, is] of pairs) ctx.diffSchema(was, is, variantPlace(is, mode, place, ctx));
  const isUnion = mode === 'union';
  if (!isUnion && place.side === 'request') reportPartFields(removed, keeps, place, ctx);
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

/**
 * The variants an anyOf's values can take: without those a variant of their whole type subsumes
 * (`anyOf: [string, enum]` takes any string, as its validator checks it). Those listed values
 * only give the open type (`'gpt-4o' | (string & {})`) its completions.
 */
function taken(schema: IrSchema, members: readonly IrSchema[], side: ApiSide): readonly IrSchema[] {
  if (schema.kind !== 'union' || schema.mode !== 'anyOf') return members;
  return withoutSubsumed(members, (next) => followRefs(next, (key) => side.schemas.get(key)?.schema) ?? next);
}

/**
 * The values an open union lists beside the type that takes them all (the variants that type
 * subsumes, on each side): a change there accepts and returns what it did, and any code still
 * compiles; only the type's completions change.
 */
function diffListedValues(
  before: readonly IrSchema[],
  after: readonly IrSchema[],
  place: SchemaPlace,
  ctx: DiffContext,
  at: { readonly old: string; readonly new: string },
): void {
  const listed = (subsumed: readonly IrSchema[]) => new Set(subsumed.flatMap((member) => literalsOf(member) ?? []).map(literalKey));
  const [was, is] = [listed(before), listed(after)];
  const added = [...is].filter((value) => !was.has(value));
  const removed = [...was].filter((value) => !is.has(value));
  if (added.length === 0 && removed.length === 0) return;
  const words = [
    ...(added.length > 0 ? [`now also lists ${added.map((value) => `\`${value}\``).join(', ')}`] : []),
    ...(removed.length > 0 ? [`no longer lists ${removed.map((value) => `\`${value}\``).join(', ')}`] : []),
  ].join(' and ');
  const message = atPlace(place, `${words} (any other value of its type is still ${place.side === 'request' ? 'accepted' : 'possible'})`);
  ctx.report({ kind: 'open-union-values-changed', side: place.side, subject: place.path, message, at });
}

/**
 * An allOf part removed from a request takes its properties out of the type (`Named & Tagged`
 * becomes `Named`): a caller that sets one of them gets a type error, as for a field removed.
 * The properties another part still has are not gone.
 */
function reportPartFields(removed: readonly IrSchema[], remaining: readonly IrSchema[], place: SchemaPlace, ctx: DiffContext): void {
  const propertiesOf = (schema: IrSchema, side: ApiSide): readonly string[] => {
    const resolved = followRefs(schema, (key) => side.schemas.get(key)?.schema);
    return resolved?.kind === 'object' ? resolved.properties.map((property) => property.name) : [];
  };
  const kept = new Set(remaining.flatMap((part) => propertiesOf(part, ctx.new)));
  for (const part of removed) {
    for (const name of propertiesOf(part, ctx.old).filter((property) => !kept.has(property))) {
      const subject = `${place.path}.${name}`;
      const message = `Removed \`${subject}\` from the request (it came with ${typePhrase(part, ctx.old)}, no longer one of its parts).`;
      ctx.report({ kind: 'request-field-removed', side: 'request', subject, message, at: { old: part.source } });
    }
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

/**
 * The discriminator: its property, and its mapping, which decides what a value's tag is checked
 * against. A tag gone is a value the union no longer takes, a tag added one it now takes, and a
 * tag that picks another schema, or a discriminator added or removed, changes what it takes.
 */
function diffDiscriminator(a: IrSchema, b: IrSchema, place: SchemaPlace, ctx: DiffContext): void {
  const before = a.kind === 'union' ? a.discriminator : undefined;
  const after = b.kind === 'union' ? b.discriminator : undefined;
  const at = { old: `${a.source}/discriminator`, new: `${b.source}/discriminator` };
  if (before === undefined || after === undefined) {
    if (before !== after) {
      const detail =
        after === undefined ? `is no longer told apart by \`${before!.propertyName}\`` : `is now told apart by \`${after.propertyName}\``;
      reportDirection(ctx, place, 'changed', detail, at);
    }
    return;
  }
  if (before.propertyName !== after.propertyName) {
    reportDirection(ctx, place, 'changed', `is told apart by \`${after.propertyName}\` (was \`${before.propertyName}\`)`, at);
    return;
  }
  const name = (side: ApiSide, key: string) => side.schemas.get(key)?.name.text ?? key;
  // by schema key, an old one as its rename (if any) calls it in the new spec
  const was = new Map(before.mapping.map((entry) => [entry.value, entry.target]));
  const is = new Map(after.mapping.map((entry) => [entry.value, entry.target]));
  const tags = (values: readonly string[]) => values.map((value) => `\`${after.propertyName}: ${JSON.stringify(value)}\``).join(', ');
  const removed = [...was.keys()].filter((value) => !is.has(value));
  const added = [...is.keys()].filter((value) => !was.has(value));
  const moved = [...was].filter(([value, key]) => is.has(value) && is.get(value) !== (ctx.renames.get(key) ?? key));
  if (removed.length > 0)
    reportDirection(ctx, place, 'narrowed', bySide(place, `no longer accepts ${tags(removed)}`, `can no longer have ${tags(removed)}`), at);
  if (added.length > 0)
    reportDirection(ctx, place, 'widened', bySide(place, `now also accepts ${tags(added)}`, `can now also have ${tags(added)}`), at);
  for (const [value, key] of moved)
    reportDirection(
      ctx,
      place,
      'changed',
      `checks ${tags([value])} as \`${name(ctx.new, is.get(value)!)}\` (was \`${name(ctx.old, key)}\`)`,
      at,
    );
}

function describeAll(schemas: readonly IrSchema[], side: ApiSide, isUnion: boolean): string {
  return schemas.map((schema) => typePhrase(schema, side)).join(isUnion ? ' or ' : ' and ');
}
