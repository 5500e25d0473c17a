// ajv 2020 as the validators' oracle, compiled from the same IR through
// test/validators/json-schema.ts. 'strict' mode compares against a JSON Schema in which every
// object that leaves additionalProperties undeclared is closed; an allOf of such objects gets
// `unevaluatedProperties: false` instead (its parts stay open), which is what our 'strict'
// mode means for composed objects. `discriminator` is left out: ajv rejects its `mapping`, and
// for the specs here (each variant pins the property with a required const) oneOf decides the same.
// `format: binary` (file content) becomes a keyword that calls the runtime's isUploadable.
// `decodingOracle` reads a spec as written instead, decoding JSON `contentSchema` (event data).
import { Ajv2020 } from 'ajv/dist/2020.js';
import { irToJsonSchema, type JsonSchema } from './json-schema.js';
import type { IrApi, IrSchema } from '../../generator/model/ir.js';
import { parameterGroups } from '../../generator/emit/validators/parameters.js';
import { isUploadable } from '../../templates/runtime/uploads.js';

type Json = { [key: string]: unknown };
export type Oracle = (value: unknown) => boolean;

/** The JSON Schema of every named schema and parameter group, by validator name (`ChatSession`, `CancelChatKitSessionPathParams`). */
export function jsonSchemas(api: IrApi): Map<string, JsonSchema> {
  const nameOf = new Map(api.schemas.map((named) => [named.key, named.name.text]));
  const convert = (schema: IrSchema) => retarget(irToJsonSchema(schema, (key) => nameOf.get(key) ?? key));
  const defs = new Map<string, JsonSchema>(api.schemas.map((named) => [named.name.text, convert(named.schema)]));
  for (const op of api.operations) for (const group of parameterGroups(op)) defs.set(group.type.text, convert(group.schema));
  return defs;
}

export function compileOracles(api: IrApi, mode: 'loose' | 'strict'): Map<string, Oracle> {
  const loose = jsonSchemas(api);
  const defs = mode === 'strict' ? strictDefs(loose) : loose;
  const ajv = new Ajv2020({
    strict: true,
    strictTypes: false,
    strictTuples: false,
    validateFormats: false,
    allErrors: false,
    ownProperties: true,
    logger: false,
  });
  // `format: binary` is file content, which JSON Schema cannot say: the runtime's own test
  ajv.addKeyword({ keyword: 'uploadable', schemaType: 'boolean', validate: (_flag: boolean, value: unknown) => isUploadable(value) });
  ajv.addSchema({ $id: 'spec', $defs: Object.fromEntries(defs) });
  return new Map([...loose.keys()].map((name) => [name, ajv.compile({ $ref: `spec#/$defs/${encodeURIComponent(name)}` }) as Oracle]));
}

/** `#/components/schemas/X` -> `#/$defs/X`; no `discriminator`; file content (`format: binary`) is `uploadable`. */
function retarget(schema: JsonSchema): JsonSchema {
  return mapSchema(schema, (node) => {
    const { discriminator: _discriminator, ...rest } = node;
    if (rest['format'] === 'binary') {
      const { type: _type, format: _format, minLength: _min, maxLength: _max, pattern: _pattern, ...others } = rest;
      return { ...others, uploadable: true };
    }
    if (typeof rest['$ref'] === 'string') rest['$ref'] = rest['$ref'].replace('#/components/schemas/', '#/$defs/');
    return rest;
  });
}

/** Applies `visit` to every schema node, children first (schema positions only, never to data). */
export function mapSchema(schema: JsonSchema, visit: (node: Json) => Json): JsonSchema {
  if (typeof schema === 'boolean') return schema;
  const node: Json = { ...schema };
  const inner = (value: unknown) => mapSchema(value as JsonSchema, visit);
  for (const key of ['additionalProperties', 'propertyNames', 'items', 'unevaluatedProperties'])
    if (key in node) node[key] = inner(node[key]);
  if (Array.isArray(node['prefixItems'])) node['prefixItems'] = (node['prefixItems'] as unknown[]).map(inner);
  if (node['properties'] !== undefined)
    node['properties'] = Object.fromEntries(Object.entries(node['properties'] as Json).map(([name, value]) => [name, inner(value)]));
  for (const key of ['oneOf', 'anyOf', 'allOf']) if (Array.isArray(node[key])) node[key] = (node[key] as unknown[]).map(inner);
  return visit(node);
}

function strictDefs(defs: ReadonlyMap<string, JsonSchema>): Map<string, JsonSchema> {
  const out = new Map<string, JsonSchema>();
  const resolve = (schema: JsonSchema): JsonSchema => {
    for (let hops = 0; typeof schema === 'object' && typeof schema['$ref'] === 'string' && hops < 64; hops++) {
      schema = defs.get(decodeURIComponent(schema['$ref'].slice('#/$defs/'.length))) ?? true;
    }
    return schema;
  };
  const flatten = (parts: readonly JsonSchema[], seen: ReadonlySet<JsonSchema>): JsonSchema[] =>
    parts.flatMap((part) => {
      const target = resolve(part);
      if (seen.has(target)) return [target];
      return typeof target === 'object' && Array.isArray(target['allOf']) && target['type'] === undefined
        ? flatten(target['allOf'] as JsonSchema[], new Set([...seen, target]))
        : [target];
    });
  const isObject = (schema: JsonSchema) => typeof schema === 'object' && schema['type'] === 'object';
  const opened = new Set<string>();
  const openCopy = (ref: string): string => {
    const name = `${decodeURIComponent(ref.slice('#/$defs/'.length))}__open`;
    if (!opened.has(name)) {
      opened.add(name);
      out.set(name, close(defs.get(name.slice(0, -'__open'.length)) ?? true, true));
    }
    return `#/$defs/${encodeURIComponent(name)}`;
  };
  /** `isOpen`: this node is an allOf part whose keys the enclosing allOf checks. */
  const close = (schema: JsonSchema, isOpen: boolean): JsonSchema => {
    if (typeof schema === 'boolean') return schema;
    if (Array.isArray(schema['allOf']) && schema['type'] === undefined) {
      const parts = flatten(schema['allOf'] as JsonSchema[], new Set());
      const isMerged = parts.length > 0 && parts.every(isObject);
      const anyUndeclared = parts.some((part) => typeof part === 'object' && !('additionalProperties' in part));
      const anyDeclared = parts.some((part) => typeof part === 'object' && 'additionalProperties' in part);
      if (isMerged) {
        const allOf = (schema['allOf'] as JsonSchema[]).map((part) =>
          typeof part === 'object' && typeof part['$ref'] === 'string' ? { ...part, $ref: openCopy(part['$ref']) } : close(part, true),
        );
        return { ...schema, allOf, ...(anyUndeclared && !anyDeclared && !isOpen ? { unevaluatedProperties: false } : {}) };
      }
    }
    const node = mapChildren(schema, (child) => close(child, false));
    return isObject(node) && !('additionalProperties' in node) && !isOpen ? { ...node, additionalProperties: false } : node;
  };
  for (const [name, schema] of defs) out.set(name, close(schema, false));
  return out;
}

function mapChildren(schema: Json, visit: (child: JsonSchema) => JsonSchema): Json {
  const node: Json = { ...schema };
  for (const key of ['additionalProperties', 'propertyNames', 'items', 'unevaluatedProperties'])
    if (key in node) node[key] = visit(node[key] as JsonSchema);
  if (Array.isArray(node['prefixItems'])) node['prefixItems'] = (node['prefixItems'] as JsonSchema[]).map(visit);
  if (node['properties'] !== undefined)
    node['properties'] = Object.fromEntries(
      Object.entries(node['properties'] as Json).map(([name, value]) => [name, visit(value as JsonSchema)]),
    );
  for (const key of ['oneOf', 'anyOf', 'allOf']) if (Array.isArray(node[key])) node[key] = (node[key] as JsonSchema[]).map(visit);
  return node;
}

/**
 * ajv over a whole spec document as written (not the IR), for the schema at `pointer`, with
 * `contentSchema` decoded as the client decodes an event's JSON `data`: ajv itself treats
 * contentSchema as an annotation. Its `$ref`s resolve as written. Every `contentSchema`
 * under a JSON `contentMediaType` gets a sibling `jsonContent` keyword holding its pointer, which
 * parses the string and checks the result against the subschema.
 */
export function decodingOracle(root: Json, pointer: string): Oracle {
  const ajv = new Ajv2020({
    strict: false,
    validateFormats: false,
    allErrors: false,
    ownProperties: true,
    logger: false,
    validateSchema: false,
  });
  const marked = markContent(root, '');
  ajv.addKeyword({
    keyword: 'jsonContent',
    schemaType: 'string',
    validate: (at: string, data: unknown) => {
      if (typeof data !== 'string') return true;
      let parsed: unknown;
      try {
        parsed = JSON.parse(data);
      } catch {
        return false;
      }
      return ajv.getSchema(`spec#${at}`)!(parsed) === true;
    },
  });
  ajv.addSchema(marked as object, 'spec');
  const check = ajv.getSchema(`spec#${pointer}`)!;
  return (value) => check(value) === true;
}

function markContent(node: unknown, pointer: string): unknown {
  if (Array.isArray(node)) return node.map((item, index) => markContent(item, `${pointer}/${index}`));
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node))
    out[key] = markContent(value, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  if (typeof out['contentMediaType'] === 'string' && /json/.test(out['contentMediaType']) && out['contentSchema'] !== undefined)
    out['jsonContent'] = `${pointer}/contentSchema`;
  return out;
}
