// The items of a `text/event-stream` response with an item schema are event objects
// (`{ event, data, id, retry }`, as OpenAPI 3.2 models an event). On the wire `data` is text; the
// spec says it holds JSON with `contentMediaType: application/json` + `contentSchema`, or, as
// several server frameworks write it, by giving `data` a schema that is not a string. The client
// decodes such data before it yields the event, so the item schema the types and validators see
// is the decoded one: `data` is its contentSchema. Pure: it returns new schemas.
import type { IrObjectSchema, IrSchema } from './ir.js';
import { followRefs, type SchemaLookup } from './schema-index.js';

/** What an event-object variant says about its events: their names (undefined: any) and whether `data` is JSON. */
interface EventShape {
  readonly names: readonly string[] | undefined;
  readonly isJson: boolean;
}

export interface DecodedEvents {
  /** The item schema with every event object's JSON `data` replaced by its decoded schema. */
  readonly schema: IrSchema;
  /** Which events' `data` the client decodes (see IrItemStream.jsonData); undefined: none. */
  readonly jsonData: true | readonly string[] | undefined;
}

/**
 * The decoded view of an SSE item schema. A named schema it reaches through `$ref` (an event
 * object kept in `components/schemas`) is rewritten through `replace`, once: such a schema
 * describes an event, and its type is the event as the client yields it.
 */
export function decodeEvents(
  schema: IrSchema,
  lookup: (key: string) => IrSchema | undefined,
  replace: (key: string, schema: IrSchema) => void,
): DecodedEvents {
  const done = new Map<string, readonly EventShape[]>();
  const visit = (node: IrSchema, depth: number): { schema: IrSchema; shapes: readonly EventShape[] } => {
    if (depth > 16) return { schema: node, shapes: [{ names: undefined, isJson: false }] };
    switch (node.kind) {
      case 'ref': {
        const known = done.get(node.target);
        if (known !== undefined) return { schema: node, shapes: known };
        const target = lookup(node.target);
        if (target === undefined) return { schema: node, shapes: [{ names: undefined, isJson: false }] };
        done.set(node.target, [{ names: undefined, isJson: false }]); // a cycle reads as plain text
        const inner = visit(target, depth + 1);
        done.set(node.target, inner.shapes);
        if (inner.schema !== target) replace(node.target, inner.schema);
        return { schema: node, shapes: inner.shapes };
      }
      case 'object':
        return eventObject(node, lookup);
      case 'union': {
        const variants = node.variants.map((variant) => visit(variant, depth + 1));
        const changed = variants.some((variant, i) => variant.schema !== node.variants[i]);
        return {
          schema: changed ? { ...node, variants: variants.map((variant) => variant.schema) } : node,
          shapes: variants.flatMap((variant) => variant.shapes),
        };
      }
      case 'allOf': {
        const parts = node.parts.map((part) => visit(part, depth + 1));
        const changed = parts.some((part, i) => part.schema !== node.parts[i]);
        const shapes = parts.flatMap((part) => part.shapes);
        // one event: named by the part that names it, JSON when a part says its data is
        const merged: EventShape = {
          names: shapes.find((shape) => shape.names !== undefined)?.names,
          isJson: shapes.some((shape) => shape.isJson),
        };
        return { schema: changed ? { ...node, parts: parts.map((part) => part.schema) } : node, shapes: [merged] };
      }
      default:
        return { schema: node, shapes: [{ names: undefined, isJson: false }] };
    }
  };
  const { schema: decoded, shapes } = visit(schema, 0);
  const jsonData = shapes.some((shape) => shape.isJson && shape.names === undefined)
    ? true
    : shapes.some((shape) => shape.isJson)
      ? [...new Set(shapes.filter((shape) => shape.isJson).flatMap((shape) => shape.names ?? []))].sort()
      : undefined;
  return { schema: decoded, jsonData };
}

/** One event object: its `data` decoded, `event` and `data` required (the client always sets both). */
function eventObject(
  node: IrObjectSchema,
  lookup: (key: string) => IrSchema | undefined,
): { schema: IrSchema; shapes: readonly EventShape[] } {
  const event = node.properties.find((property) => property.name === 'event');
  const eventSchema = event === undefined ? undefined : resolve(event.schema, lookup);
  const names =
    eventSchema?.kind === 'const' && typeof eventSchema.value === 'string'
      ? [eventSchema.value]
      : eventSchema?.kind === 'enum' && eventSchema.values.every((value) => typeof value === 'string')
        ? (eventSchema.values as string[])
        : undefined;
  const data = node.properties.find((property) => property.name === 'data');
  if (data === undefined) return { schema: node, shapes: [{ names, isJson: false }] };
  const decoded = decodedData(data.schema, lookup);
  const properties = node.properties.map((property) => {
    if (property.name === 'data') return { ...property, required: true, ...(decoded === undefined ? {} : { schema: decoded }) };
    if (property.name === 'event') return { ...property, required: true };
    return property;
  });
  // every event may carry `id` and `retry` (OpenAPI 3.2's event object), declared or not
  const source = node.source;
  if (!properties.some((property) => property.name === 'id'))
    properties.push({ name: 'id', required: false, schema: { kind: 'string', source } });
  if (!properties.some((property) => property.name === 'retry'))
    properties.push({ name: 'retry', required: false, schema: { kind: 'number', integer: true, minimum: 0, source } });
  return { schema: { ...node, properties }, shapes: [{ names, isJson: decoded !== undefined || isJsonValue(data.schema, lookup) }] };
}

/** The contentSchema of JSON text (`contentMediaType: application/json`), else undefined. */
function decodedData(schema: IrSchema, lookup: (key: string) => IrSchema | undefined): IrSchema | undefined {
  const resolved = resolve(schema, lookup);
  return (resolved.kind === 'string' || resolved.kind === 'unknown') && resolved.contentSchema !== undefined
    ? resolved.contentSchema
    : undefined;
}

/** Data whose schema is not text: an object, array, number, boolean or null is sent as JSON. */
function isJsonValue(schema: IrSchema, lookup: (key: string) => IrSchema | undefined, depth = 0): boolean {
  const resolved = resolve(schema, lookup);
  if (depth > 8) return false;
  switch (resolved.kind) {
    case 'string':
    case 'unknown':
    case 'never':
    case 'not':
      return false;
    case 'enum':
      return !resolved.values.every((value) => typeof value === 'string');
    case 'const':
      return typeof resolved.value !== 'string';
    case 'union':
      return resolved.variants.some((variant) => isJsonValue(variant, lookup, depth + 1));
    case 'allOf':
      return resolved.parts.some((part) => isJsonValue(part, lookup, depth + 1));
    default:
      return true;
  }
}

function resolve(schema: IrSchema, lookup: SchemaLookup): IrSchema {
  return followRefs(schema, lookup) ?? { kind: 'unknown', source: schema.source };
}
