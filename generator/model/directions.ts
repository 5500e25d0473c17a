// readOnly and writeOnly (OAS 3.1 §4.8.24, JSON Schema validation §9.4): a request leaves out
// read-only properties, a response leaves out write-only ones. A named schema that reaches such a
// property (directly, through $refs, allOf/oneOf/anyOf parts, arrays or additionalProperties)
// gets one shape per direction it is used in: its own name is the response shape (what users
// read most) and `<Name>Param` the request shape (openai-node's suffix for request-side types);
// one only requests reach keeps its name for the request shape. A schema with neither keyword in
// its reach is left as it is. The property of the other direction is kept in the shape's
// `excluded` list: types leave it out, validators keep it in 'loose' mode and report it otherwise.
import { requestShapeCandidates } from './names.js';
import type { Identifier, IrExcludedProperty, IrObjectSchema, IrParameter, IrRequestBody, IrResponse, IrSchema } from './ir.js';
import type { SchemaLookup } from './schema-index.js';

export type Direction = 'request' | 'response';

/** The keyword whose properties a direction leaves out. */
export const EXCLUDED_KEYWORD = { request: 'readOnly', response: 'writeOnly' } as const satisfies Record<
  Direction,
  IrExcludedProperty['keyword']
>;

type Resolve = SchemaLookup;

/**
 * Whether a property with this schema is left out in `direction`: the keyword on the schema
 * itself, on an allOf part, or on the named schema a `$ref` points at.
 */
export function isExcluded(schema: IrSchema, direction: Direction, resolve: Resolve, seen: ReadonlySet<string> = new Set()): boolean {
  if (schema[EXCLUDED_KEYWORD[direction]] === true) return true;
  if (schema.kind === 'ref') {
    const target = seen.has(schema.target) ? undefined : resolve(schema.target);
    return target !== undefined && isExcluded(target, direction, resolve, new Set([...seen, schema.target]));
  }
  return schema.kind === 'allOf' && schema.parts.some((part) => isExcluded(part, direction, resolve, seen));
}

/** The subschemas a value of `schema` may be checked against (not through refs), in a direction: excluded properties are not walked. */
function children(schema: IrSchema, direction: Direction | undefined, resolve: Resolve): IrSchema[] {
  switch (schema.kind) {
    case 'object':
      return [
        ...schema.properties.filter((p) => direction === undefined || !isExcluded(p.schema, direction, resolve)).map((p) => p.schema),
        ...(typeof schema.additionalProperties === 'object' ? [schema.additionalProperties] : []),
      ];
    case 'array':
      return [...(schema.prefixItems ?? []), schema.items];
    case 'union':
      return [...schema.variants, ...(schema.unevaluatedProperties ? [schema.unevaluatedProperties] : [])];
    case 'allOf':
      return [...schema.parts, ...(schema.unevaluatedProperties ? [schema.unevaluatedProperties] : [])];
    case 'not':
      return [schema.schema];
    default:
      return [];
  }
}

/** Whether the schema itself (not through refs) holds a property that some direction leaves out. */
function holdsExcluded(schema: IrSchema, resolve: Resolve): boolean {
  if (
    schema.kind === 'object' &&
    schema.properties.some((p) => isExcluded(p.schema, 'request', resolve) || isExcluded(p.schema, 'response', resolve))
  )
    return true;
  return children(schema, undefined, resolve).some((child) => holdsExcluded(child, resolve));
}

/** The named-schema keys a schema refers to (not through refs), discriminator mappings too. */
function refsIn(schema: IrSchema, direction: Direction | undefined, resolve: Resolve): string[] {
  // one array for the whole walk, a node's own refs before its children's
  const found: string[] = [];
  const walk = (node: IrSchema): void => {
    if (node.kind === 'ref') found.push(node.target);
    else if (node.kind === 'union') for (const entry of node.discriminator?.mapping ?? []) found.push(entry.target);
    for (const child of children(node, direction, resolve)) walk(child);
  };
  walk(schema);
  return found;
}

/** The keys of the named schemas whose shape differs by direction: those that hold or reach an excluded property. */
export function directionalKeys(schemas: ReadonlyMap<string, IrSchema>): Set<string> {
  const resolve: Resolve = (key) => schemas.get(key);
  const differs = new Set([...schemas].filter(([, schema]) => holdsExcluded(schema, resolve)).map(([key]) => key));
  const refs = new Map([...schemas].map(([key, schema]) => [key, refsIn(schema, undefined, resolve)]));
  for (let changed = differs.size > 0; changed; ) {
    changed = false;
    for (const [key, targets] of refs) {
      if (!differs.has(key) && targets.some((target) => differs.has(target))) {
        differs.add(key);
        changed = true;
      }
    }
  }
  return differs;
}

/** The named schemas a value sent in `direction` from `starts` can be checked against. */
export function reachIn(starts: readonly IrSchema[], direction: Direction, schemas: ReadonlyMap<string, IrSchema>): Set<string> {
  const resolve: Resolve = (key) => schemas.get(key);
  const seen = new Set<string>();
  const visit = (schema: IrSchema): void => {
    for (const key of refsIn(schema, direction, resolve)) {
      if (seen.has(key)) continue;
      seen.add(key);
      const target = schemas.get(key);
      if (target) visit(target);
    }
  };
  starts.forEach(visit);
  return seen;
}

/**
 * The schema as `direction` sees it: properties of the other direction move to `excluded`, and
 * refs to directional named schemas point at that direction's shape (`retarget`). In an allOf, a
 * property one part marks is left out of every part that declares it (JSON Schema collects the
 * annotation from all parts); a referenced part that declares it is inlined without it.
 */
export function shapeFor(
  schema: IrSchema,
  direction: Direction,
  resolve: Resolve,
  retarget: (key: string) => string,
  also: ReadonlySet<string> = NONE,
  inlining: ReadonlySet<string> = NONE,
): IrSchema {
  const shape = (inner: IrSchema, names: ReadonlySet<string> = NONE, inlined = inlining): IrSchema =>
    shapeFor(inner, direction, resolve, retarget, names, inlined);
  switch (schema.kind) {
    case 'ref':
      return { ...schema, target: retarget(schema.target) };
    case 'object':
      return objectFor(schema, direction, resolve, also, (inner) => shape(inner));
    case 'array':
      return {
        ...schema,
        ...(schema.prefixItems ? { prefixItems: schema.prefixItems.map((item) => shape(item)) } : {}),
        items: shape(schema.items),
      };
    case 'union':
      return {
        ...schema,
        variants: schema.variants.map((variant) => shape(variant)),
        ...(schema.discriminator
          ? {
              discriminator: {
                ...schema.discriminator,
                mapping: schema.discriminator.mapping.map((m) => ({ ...m, target: retarget(m.target) })),
              },
            }
          : {}),
        ...(schema.unevaluatedProperties ? { unevaluatedProperties: shape(schema.unevaluatedProperties) } : {}),
      };
    case 'allOf': {
      const names = new Set([...also, ...allOfExcluded(schema.parts, direction, resolve, new Set())]);
      const parts = schema.parts.map((part) => {
        const target = part.kind === 'ref' && names.size > 0 && !inlining.has(part.target) ? resolve(part.target) : undefined;
        // a referenced part declaring a property another part marks: inlined without it (once
        // on a path, so an allOf that refers to itself ends)
        return target !== undefined && part.kind === 'ref' && declares(target, names, resolve, new Set([part.target]))
          ? shape(target, names, new Set([...inlining, part.target]))
          : shape(part, names);
      });
      return { ...schema, parts, ...(schema.unevaluatedProperties ? { unevaluatedProperties: shape(schema.unevaluatedProperties) } : {}) };
    }
    case 'not':
      return { ...schema, schema: shape(schema.schema) };
    default:
      return schema;
  }
}

const NONE: ReadonlySet<string> = new Set();

function objectFor(
  schema: IrObjectSchema,
  direction: Direction,
  resolve: Resolve,
  also: ReadonlySet<string>,
  shape: (inner: IrSchema) => IrSchema,
): IrObjectSchema {
  const keyword = EXCLUDED_KEYWORD[direction];
  const excluded: IrExcludedProperty[] = [];
  const properties = [];
  for (const property of schema.properties) {
    if (also.has(property.name) || isExcluded(property.schema, direction, resolve)) excluded.push({ name: property.name, keyword });
    else properties.push({ ...property, schema: shape(property.schema) });
  }
  const { excluded: _before, ...rest } = schema;
  return {
    ...rest,
    properties,
    ...(typeof schema.additionalProperties === 'object' ? { additionalProperties: shape(schema.additionalProperties) } : {}),
    ...(excluded.length > 0 || _before ? { excluded: [...(_before ?? []), ...excluded] } : {}),
  };
}

/** The names of the properties some part of an allOf (through refs and nested allOfs) leaves out in `direction`. */
function allOfExcluded(parts: readonly IrSchema[], direction: Direction, resolve: Resolve, seen: ReadonlySet<string>): string[] {
  return parts.flatMap((part) => {
    if (part.kind === 'object') return part.properties.filter((p) => isExcluded(p.schema, direction, resolve)).map((p) => p.name);
    if (part.kind === 'allOf') return allOfExcluded(part.parts, direction, resolve, seen);
    if (part.kind === 'ref' && !seen.has(part.target)) {
      const target = resolve(part.target);
      return target === undefined ? [] : allOfExcluded([target], direction, resolve, new Set([...seen, part.target]));
    }
    return [];
  });
}

/** Whether an allOf part (through refs and nested allOfs) declares one of `names`. */
function declares(schema: IrSchema, names: ReadonlySet<string>, resolve: Resolve, seen: ReadonlySet<string>): boolean {
  if (schema.kind === 'object') return schema.properties.some((p) => names.has(p.name));
  if (schema.kind === 'allOf') return schema.parts.some((part) => declares(part, names, resolve, seen));
  if (schema.kind === 'ref' && !seen.has(schema.target)) {
    const target = resolve(schema.target);
    return target !== undefined && declares(target, names, resolve, new Set([...seen, schema.target]));
  }
  return false;
}

/** A named schema before the IR names its functions. */
export interface SchemaDraft {
  readonly key: string;
  readonly pointer: string;
  readonly name: Identifier;
  readonly schema: IrSchema;
  readonly requestShapeOf?: string;
}

/** What an operation sends and reads, as far as directions go. */
interface Sides {
  readonly parameters: readonly IrParameter[];
  readonly body?: IrRequestBody;
  readonly response: IrResponse;
  readonly errorSchema?: IrSchema;
}

/**
 * Gives every named schema whose shape differs by direction the shape of each direction it is
 * used in (see the top of this file), and points each operation's body and parameters at the
 * request shapes. `claimName` claims the request shape's type name from its candidates.
 */
export function splitDirections<T extends Sides>(
  drafts: readonly SchemaDraft[],
  operations: readonly T[],
  claimName: (candidates: readonly string[], pointer: string, what: string) => Identifier,
): { drafts: SchemaDraft[]; operations: T[] } {
  const byKey = new Map(drafts.map((draft) => [draft.key, draft.schema]));
  const differs = directionalKeys(byKey);
  if (differs.size === 0) return { drafts: [...drafts], operations: [...operations] };
  const resolve: Resolve = (key) => byKey.get(key);
  const sent = reachIn(
    operations.flatMap((op) => [...(op.body ? [op.body.schema] : []), ...op.parameters.map((p) => p.schema)]),
    'request',
    byKey,
  );
  const read = reachIn(
    operations.flatMap((op) =>
      [op.response.schema, op.response.stream?.schema, op.response.items?.schema, op.errorSchema].filter((schema) => schema !== undefined),
    ),
    'response',
    byKey,
  );
  // the request shape of a schema responses also reach (or none does) is a second named schema
  const requestKeys = new Map(
    [...differs]
      .filter((key) => sent.has(key) && read.has(key))
      .sort()
      .map((key) => [key, `${key} (request)`]),
  );
  const onlySent = (key: string) => differs.has(key) && sent.has(key) && !read.has(key);
  const retarget = { request: (key: string) => requestKeys.get(key) ?? key, response: (key: string) => key };
  const shape = (schema: IrSchema, direction: Direction) => shapeFor(schema, direction, resolve, retarget[direction]);
  const result: SchemaDraft[] = [];
  for (const draft of drafts) {
    if (!differs.has(draft.key)) {
      result.push(draft);
      continue;
    }
    result.push({ ...draft, schema: shape(draft.schema, onlySent(draft.key) ? 'request' : 'response') });
    const requestKey = requestKeys.get(draft.key);
    if (requestKey === undefined) continue;
    const name = claimName(
      requestShapeCandidates(draft.name.text),
      draft.pointer,
      `the request shape of \`${draft.name.text}\` (without its read-only properties)`,
    );
    result.push({ key: requestKey, pointer: draft.pointer, name, schema: shape(draft.schema, 'request'), requestShapeOf: draft.key });
  }
  const shaped = operations.map((op) => ({
    ...op,
    parameters: op.parameters.map((p) => ({ ...p, schema: shape(p.schema, 'request') })),
    ...(op.body ? { body: { ...op.body, schema: shape(op.body.schema, 'request') } } : {}),
    ...(op.errorSchema ? { errorSchema: shape(op.errorSchema, 'response') } : {}),
  }));
  return { drafts: result, operations: shaped };
}
