// The one way to find a named schema and to follow a schema reference. Named schemas are found
// by key in a map built once per API (never a scan of api.schemas), and a chain of refs is
// followed to its end in one place. A chain that comes back to itself (`A: $ref B`, `B: $ref A`)
// is refused by build-model as model/ref-cycle, so after the model it never happens; the model's
// own passes, which run before that check, get `undefined` for it instead of a loop.
import type { IrApi, IrNamedSchema, IrSchema } from './ir.js';

/** A named schema's schema by key (a map's `get`, or an index's). */
export type SchemaLookup = (key: string) => IrSchema | undefined;

/** The schema a chain of refs ends at; undefined for a ref to nothing or a chain that returns to itself. */
export function followRefs(schema: IrSchema | undefined, lookup: SchemaLookup): IrSchema | undefined {
  let current = schema;
  let seen: Set<string> | undefined;
  while (current?.kind === 'ref') {
    seen ??= new Set();
    if (seen.has(current.target)) return undefined;
    seen.add(current.target);
    current = lookup(current.target);
  }
  return current;
}

export interface SchemaIndex {
  /** The named schema with this key. */
  named(key: string): IrNamedSchema | undefined;
  /** The named schema's schema with this key (a SchemaLookup). */
  readonly lookup: SchemaLookup;
  /** `schema` with its refs followed (see followRefs). */
  resolve(schema: IrSchema | undefined): IrSchema | undefined;
}

const indexes = new WeakMap<IrApi, SchemaIndex>();

/** The API's index, built on first use and kept for as long as the API is. */
export function schemaIndex(api: IrApi): SchemaIndex {
  let index = indexes.get(api);
  if (index === undefined) {
    const byKey = new Map(api.schemas.map((named) => [named.key, named]));
    const lookup: SchemaLookup = (key) => byKey.get(key)?.schema;
    index = { named: (key) => byKey.get(key), lookup, resolve: (schema) => followRefs(schema, lookup) };
    indexes.set(api, index);
  }
  return index;
}
