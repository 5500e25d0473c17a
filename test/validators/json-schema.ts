// IrSchema -> JSON Schema 2020-12 (the form OpenAPI 3.1 uses): the differential tests compile
// it with ajv as the validators' oracle, so both read the same normalised schema (3.0 forms
// already converted) that the IR holds, each readOnly/writeOnly shape with the other direction's
// properties dropped (generator/model/directions.ts).
import type { IrSchema } from '../../generator/model/ir.js';

export type JsonSchema = boolean | { [key: string]: unknown };

/** `refName` maps a named schema's key to the name its `$ref` should use. */
export function irToJsonSchema(schema: IrSchema, refName: (key: string) => string): JsonSchema {
  const annotations = {
    ...(schema.description !== undefined ? { description: schema.description } : {}),
    ...(schema.deprecated ? { deprecated: true } : {}),
    ...(schema.default !== undefined ? { default: schema.default } : {}),
  };
  const convert = (inner: IrSchema) => irToJsonSchema(inner, refName);
  switch (schema.kind) {
    case 'ref':
      return { $ref: `#/components/schemas/${refName(schema.target)}`, ...annotations };
    case 'unknown':
      return Object.keys(annotations).length ? annotations : true;
    case 'never':
      return false;
    case 'null':
      return { type: 'null', ...annotations };
    case 'boolean':
      return { type: 'boolean', ...annotations };
    case 'string':
      return pick({ type: 'string', ...annotations }, schema, ['minLength', 'maxLength', 'pattern', 'format']);
    case 'number':
      return pick({ type: schema.integer ? 'integer' : 'number', ...annotations }, schema, [
        'minimum',
        'maximum',
        'exclusiveMinimum',
        'exclusiveMaximum',
        'multipleOf',
      ]);
    case 'enum': {
      // a single-typed list says its type, as a spec would
      // JSON Schema's names: an array is no 'object' (a list of arrays once said type: object)
      const types = [...new Set(schema.values.map((v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)))];
      const type =
        types.length === 1 && types[0] !== 'null'
          ? types[0]
          : types.length === 2 && types.includes('null')
            ? types.find((t) => t !== 'null')
            : undefined;
      return { ...(type !== undefined && types.length === 1 ? { type } : {}), enum: [...schema.values], ...annotations };
    }
    case 'const':
      return { const: schema.value, ...annotations };
    case 'array':
      return pick(
        {
          type: 'array',
          ...(schema.prefixItems ? { prefixItems: schema.prefixItems.map(convert) } : {}),
          items: convert(schema.items),
          ...annotations,
        },
        schema,
        ['minItems', 'maxItems', 'uniqueItems'],
      );
    case 'object': {
      const result: Record<string, unknown> = { type: 'object', ...annotations };
      // a property of the other direction (readOnly in a request shape, writeOnly in a response
      // shape) is dropped from the shape: 'request' and 'strict' mode reject it, as `false` does
      const excluded = (schema.excluded ?? []).map((p): [string, JsonSchema] => [p.name, false]);
      if (schema.properties.length + excluded.length > 0)
        result['properties'] = Object.fromEntries([...schema.properties.map((p) => [p.name, convert(p.schema)]), ...excluded]);
      const required = schema.properties.filter((p) => p.required).map((p) => p.name);
      if (required.length > 0) result['required'] = required;
      if (schema.additionalPropertiesDeclared) {
        result['additionalProperties'] =
          typeof schema.additionalProperties === 'boolean' ? schema.additionalProperties : convert(schema.additionalProperties);
      }
      if (schema.propertyNames) result['propertyNames'] = convert(schema.propertyNames);
      return pick(result, schema, ['minProperties', 'maxProperties']);
    }
    case 'union':
      return {
        [schema.mode]: schema.variants.map(convert),
        ...(schema.discriminator
          ? {
              discriminator: {
                propertyName: schema.discriminator.propertyName,
                mapping: Object.fromEntries(
                  schema.discriminator.mapping.map((m) => [m.value, `#/components/schemas/${refName(m.target)}`]),
                ),
              },
            }
          : {}),
        ...(schema.unevaluatedProperties ? { unevaluatedProperties: convert(schema.unevaluatedProperties) } : {}),
        ...annotations,
      };
    case 'allOf':
      return {
        allOf: schema.parts.map(convert),
        ...(schema.unevaluatedProperties ? { unevaluatedProperties: convert(schema.unevaluatedProperties) } : {}),
        ...annotations,
      };
    case 'not':
      return { not: convert(schema.schema), ...annotations };
  }
}

function pick<T extends object>(target: Record<string, unknown>, source: T, keys: readonly (keyof T & string)[]): Record<string, unknown> {
  for (const key of keys) if (source[key] !== undefined) target[key] = source[key];
  return target;
}
