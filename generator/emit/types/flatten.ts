// The schema the type layer sees, and the one its comments describe: an allOf of one part is
// that part (openapi-typescript's reading), and a nullable wrapper's documented schema is its
// one non-null variant.
import type { IrSchema } from '../../model/ir.js';

/**
 * The schema the type layer sees: an allOf with one part that says something is that part,
 * with the allOf's own description, deprecation and default over the part's.
 */
export function flatten(schema: IrSchema): IrSchema {
  if (schema.kind !== 'allOf') return schema;
  const parts = schema.parts.filter(saysSomething);
  if (parts.length !== 1) return schema;
  return {
    ...flatten(parts[0]!),
    ...(schema.title !== undefined ? { title: schema.title } : {}),
    ...(schema.description !== undefined ? { description: schema.description } : {}),
    ...(schema.deprecated ? { deprecated: true } : {}),
    ...(schema.default !== undefined ? { default: schema.default } : {}),
  };
}

/**
 * An allOf part the type layer keeps: all but a bare `{}` or `not`, and an object part whose
 * every property the direction left out (`{ id: { readOnly: true } }` in a request shape).
 */
export function saysSomething(part: IrSchema): boolean {
  const isBare = part.kind === 'unknown' || part.kind === 'not' || isEmptiedByDirection(part);
  return !(isBare && part.description === undefined && !part.deprecated && part.default === undefined);
}

function isEmptiedByDirection(part: IrSchema): boolean {
  return (
    part.kind === 'object' &&
    part.excluded !== undefined &&
    part.properties.length === 0 &&
    !part.additionalPropertiesDeclared &&
    part.propertyNames === undefined &&
    part.minProperties === undefined &&
    part.maxProperties === undefined
  );
}

/**
 * The schemas whose docs describe a value of `schema`, nearest first: the (flattened) schema;
 * for a nullable wrapper (`anyOf`/`oneOf` of one type and `null`), its non-null variant; for a
 * reference, the named schema it points to (`resolve`), whose description tells what the value
 * is when the reference says nothing itself.
 */
export function documentedSchemas(
  schema: IrSchema,
  resolve: (key: string) => IrSchema | undefined,
  seen: ReadonlySet<string> = new Set(),
): IrSchema[] {
  const s = flatten(schema);
  if (s.kind === 'ref') {
    const target = seen.has(s.target) ? undefined : resolve(s.target);
    return target === undefined ? [s] : [s, ...documentedSchemas(target, resolve, new Set([...seen, s.target]))];
  }
  if (s.kind !== 'union') return [s];
  const values = s.variants.filter((variant) => flatten(variant).kind !== 'null');
  return values.length === 1 && values.length < s.variants.length ? [s, ...documentedSchemas(values[0]!, resolve, seen)] : [s];
}
