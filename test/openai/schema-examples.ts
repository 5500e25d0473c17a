// Every `example`/`examples` value in a spec's component schemas, with the validator that must
// accept it. A component's own examples go through its generated `validateX`; an example deeper
// inside a component (a property, an array item, a variant) has no generated validator of its
// own, so its schema node is lifted into an extra named schema and emitted by the same validator
// emitter (`liftedValidatorsApi`). The IR keeps both `example` (3.0) and `examples` (3.1).
// OpenAI's spec also documents most objects with `x-oaiMeta.example`, a JSON text that the
// model ignores; `collectDocExamples` reads those from the raw spec.
import { encodePointer } from '../../generator/load/pointer.js';
import { Identifier, type IrApi, type IrNamedSchema, type IrSchema } from '../../generator/model/ir.js';

export interface SchemaExample {
  /** JSON pointer of the schema that carries the example, e.g. `/components/schemas/Batch/properties/id`. */
  readonly pointer: string;
  /** Which example of that schema (0 for a lone `example`). */
  readonly index: number;
  readonly value: unknown;
  /** The validator to run it through (its `validate`): a generated one (top level) or a lifted one (nested). */
  readonly schemaName: string;
  readonly nested: boolean;
}

export interface CollectedExamples {
  readonly examples: readonly SchemaExample[];
  /** Schema nodes below a component's root that carry examples, as extra named schemas. */
  readonly lifted: readonly IrNamedSchema[];
}

export function collectExamples(api: IrApi): CollectedExamples {
  const examples: SchemaExample[] = [];
  const lifted: IrNamedSchema[] = [];
  // One IR node per pointer: a schema inlined into another, or split into a union's variants,
  // shows up more than once; the outermost (first in pre-order) is the whole schema.
  const seen = new Set<string>();
  for (const named of api.schemas) {
    walk(named.schema, (node) => {
      if (node.examples === undefined || node.examples.length === 0 || seen.has(node.source)) return;
      seen.add(node.source);
      const isRoot = node.source === named.source;
      let schemaName = named.name.text;
      if (!isRoot) {
        const number = lifted.length + 1;
        lifted.push({
          key: `__example_${number}`,
          name: new Identifier(`SchemaExample${number}`),
          schema: node,
          usage: named.usage,
          source: node.source,
        });
        schemaName = `SchemaExample${number}`;
      }
      node.examples.forEach((value, index) => examples.push({ pointer: node.source, index, value, schemaName, nested: !isRoot }));
    });
  }
  return { examples, lifted };
}

export interface DocExamples {
  readonly examples: readonly SchemaExample[];
  /** `x-oaiMeta.example` texts that are not JSON, nor one JSON value per line (`...` for elided parts, trailing commas, comments). */
  readonly unparsed: readonly string[];
  /** `x-oaiMeta.example`s found where it is not clear which schema they show (none in OpenAI's spec). */
  readonly unplaced: readonly string[];
}

/**
 * Every `x-oaiMeta.example` under `components.schemas`. One on a component, or on one of its
 * `allOf` parts (the part that adds the documented fields), shows the whole component.
 */
export function collectDocExamples(root: unknown, api: IrApi): DocExamples {
  const examples: SchemaExample[] = [];
  const unparsed: string[] = [];
  const unplaced: string[] = [];
  const schemaNames = new Map(api.schemas.map((named) => [named.key, named.name.text]));
  const schemas = ((root as { components?: { schemas?: Record<string, unknown> } }).components?.schemas ?? {}) as Record<string, unknown>;
  for (const [key, schema] of Object.entries(schemas)) {
    findDocExamples(schema, [], (segments, text) => {
      const pointer = encodePointer(['components', 'schemas', key, ...segments, 'x-oaiMeta', 'example']);
      const schemaName = schemaNames.get(key);
      if (schemaName === undefined || !(segments.length === 0 || (segments.length === 2 && segments[0] === 'allOf')))
        return void unplaced.push(pointer);
      const values = parseDocExample(text);
      if (values === undefined) return void unparsed.push(pointer);
      values.forEach((value, index) => examples.push({ pointer, index, value, schemaName, nested: false }));
    });
  }
  return { examples, unparsed, unplaced };
}

/** The example's JSON value, or its values one per line (a stream of events); undefined when it is neither. */
function parseDocExample(text: unknown): unknown[] | undefined {
  if (typeof text !== 'string') return [text];
  try {
    return [JSON.parse(text)];
  } catch {
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    try {
      return lines.length > 1 ? lines.map((line) => JSON.parse(line) as unknown) : undefined;
    } catch {
      return undefined;
    }
  }
}

function findDocExamples(
  node: unknown,
  segments: (string | number)[],
  found: (segments: (string | number)[], text: unknown) => void,
): void {
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) return node.forEach((item, index) => findDocExamples(item, [...segments, index], found));
  for (const [key, value] of Object.entries(node)) {
    if (key === 'x-oaiMeta') {
      if (typeof value === 'object' && value !== null && 'example' in value) found(segments, (value as { example: unknown }).example);
    } else if (key !== 'example' && key !== 'examples' && key !== 'enum' && key !== 'const' && key !== 'default') {
      findDocExamples(value, [...segments, key], found);
    }
  }
}

/** The API with the lifted schemas added (and no operations): its validators module has one `validateSchemaExampleN` per nested example. */
export function liftedValidatorsApi(api: IrApi, lifted: readonly IrNamedSchema[]): IrApi {
  return { ...api, operations: [], resources: [], schemas: [...api.schemas, ...lifted] };
}

/** Pre-order over every schema node under `schema` (refs are leaves: recursion goes through names). */
function walk(schema: IrSchema, visit: (node: IrSchema) => void): void {
  visit(schema);
  switch (schema.kind) {
    case 'object':
      for (const property of schema.properties) walk(property.schema, visit);
      if (typeof schema.additionalProperties === 'object') walk(schema.additionalProperties, visit);
      if (schema.propertyNames !== undefined) walk(schema.propertyNames, visit);
      return;
    case 'array':
      return walk(schema.items, visit);
    case 'union':
      return schema.variants.forEach((variant) => walk(variant, visit));
    case 'allOf':
      return schema.parts.forEach((part) => walk(part, visit));
    case 'not':
      return walk(schema.schema, visit);
    default:
      return;
  }
}
