// IrSchema -> JSON Schema 2020-12 (the form OpenAPI 3.1 uses). The type layer feeds this to
// openapi-typescript, and tests compile it with ajv as the validators' oracle, so both read the
// same normalised schema (3.0 forms already converted) that the IR holds.
import type { IrSchema } from '../model/ir.js';

export type JsonSchema = boolean | { [key: string]: unknown };

/** `refName` maps a named schema's key to the name its `$ref` should use. */
export interface JsonSchemaOptions {
  /**
   * For the type layer: leave out `discriminator` (openapi-typescript rewrites the members' tag
   * fields when it sees one), write `true`/`false` schemas as `{}`/`{ not: {} }` (it cannot read
   * boolean schemas everywhere), and read `not` as any value (a type cannot say "not").
   */
  readonly forTypes?: boolean;
}

export function irToJsonSchema(schema: IrSchema, refName: (key: string) => string, options: JsonSchemaOptions = {}): JsonSchema {
  const annotations = {
    ...(schema.description !== undefined ? { description: schema.description } : {}),
    ...(schema.deprecated ? { deprecated: true } : {}),
    ...(schema.default !== undefined ? { default: schema.default } : {}),
  };
  const convert = (inner: IrSchema) => irToJsonSchema(inner, refName, options);
  switch (schema.kind) {
    case 'ref':
      return { $ref: `#/components/schemas/${refName(schema.target)}`, ...annotations };
    case 'unknown':
      return Object.keys(annotations).length || options.forTypes ? annotations : true;
    case 'never':
      return options.forTypes ? { not: {}, ...annotations } : false;
    case 'null':
      return { type: 'null', ...annotations };
    case 'boolean':
      return { type: 'boolean', ...annotations };
    case 'string':
      return pick({ type: 'string', ...annotations }, schema, ['minLength', 'maxLength', 'pattern', 'format']);
    case 'number':
      return pick({ type: schema.integer ? 'integer' : 'number', ...annotations }, schema, ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']);
    case 'enum': {
      // the type helps readers and openapi-typescript's JSDoc; only a single-typed list has one
      const types = [...new Set(schema.values.map((v) => (v === null ? 'null' : typeof v)))];
      const type = types.length === 1 && types[0] !== 'null' ? types[0] : types.length === 2 && types.includes('null') ? types.find((t) => t !== 'null') : undefined;
      return { ...(type !== undefined && types.length === 1 ? { type } : {}), enum: [...schema.values], ...annotations };
    }
    case 'const':
      return { const: schema.value, ...annotations };
    case 'array':
      return pick({ type: 'array', items: convert(schema.items), ...annotations }, schema, ['minItems', 'maxItems', 'uniqueItems']);
    case 'object': {
      const result: Record<string, unknown> = { type: 'object', ...annotations };
      if (schema.properties.length > 0) result['properties'] = Object.fromEntries(schema.properties.map((p) => [p.name, convert(p.schema)]));
      const required = schema.properties.filter((p) => p.required).map((p) => p.name);
      if (required.length > 0) result['required'] = required;
      if (schema.additionalPropertiesDeclared) {
        result['additionalProperties'] = typeof schema.additionalProperties === 'boolean' ? schema.additionalProperties : convert(schema.additionalProperties);
      }
      if (schema.propertyNames) result['propertyNames'] = convert(schema.propertyNames);
      return pick(result, schema, ['minProperties', 'maxProperties']);
    }
    case 'union':
      return {
        [schema.mode]: schema.variants.map(convert),
        ...(schema.discriminator && !options.forTypes
          ? {
              discriminator: {
                propertyName: schema.discriminator.propertyName,
                mapping: Object.fromEntries(schema.discriminator.mapping.map((m) => [m.value, `#/components/schemas/${refName(m.target)}`])),
              },
            }
          : {}),
        ...annotations,
      };
    case 'allOf': {
      // parts that say nothing to the type layer (a `not`) would only add `& unknown`
      const parts = schema.parts.map(convert).filter((part) => !options.forTypes || (typeof part === 'object' && Object.keys(part).length > 0));
      return parts.length === 1 && options.forTypes ? { ...(parts[0] as object), ...annotations } : { allOf: parts, ...annotations };
    }
    case 'not':
      // the type layer cannot say "not": any value there; validators (and ajv) see the real thing
      return options.forTypes ? annotations : { not: convert(schema.schema), ...annotations };
  }
}

function pick<T extends object>(target: Record<string, unknown>, source: T, keys: readonly (keyof T & string)[]): Record<string, unknown> {
  for (const key of keys) if (source[key] !== undefined) target[key] = source[key];
  return target;
}
