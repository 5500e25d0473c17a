// A small valid value for a schema, for `@example` blocks: the spec's own example, default,
// const or first enum value where there is one, else the least value that satisfies the
// schema (required properties only). Refs are followed a few levels deep, so recursion ends.
import type { IrApi, IrSchema } from '../model/ir.js';
import { code, exampleLiteral, type Code } from './escape.js';

export function exampleValue(schema: IrSchema, api: IrApi, name = 'value', depth = 0): unknown {
  // file content is a File, whatever text the spec shows for it (a string is no file)
  if (schema.kind === 'string' && schema.format === 'binary') return fileExample(name);
  if (schema.examples && schema.examples.length > 0) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  switch (schema.kind) {
    case 'ref': {
      const target = api.schemas.find((s) => s.key === schema.target);
      return target && depth < 4 ? exampleValue(target.schema, api, name, depth + 1) : {};
    }
    case 'const':
      return schema.value;
    case 'enum':
      return schema.values.find((v) => v !== null) ?? null;
    case 'string':
      return stringExample(name, schema.minLength ?? 0, schema.maxLength);
    case 'number': {
      const low = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (schema.integer ? 1 : 0.5) : undefined);
      const high = schema.maximum ?? schema.exclusiveMaximum;
      const value = low ?? (high !== undefined && high < 1 ? high - (schema.exclusiveMaximum !== undefined ? 1 : 0) : 1);
      return schema.integer ? Math.ceil(value) : value;
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return (schema.minItems ?? 0) > 0 ? [exampleValue(schema.items, api, name, depth + 1)] : [];
    case 'object':
      return Object.fromEntries(schema.properties.filter((p) => p.required).map((p) => [p.name, exampleValue(p.schema, api, p.name, depth + 1)]));
    case 'union': {
      const variant = schema.variants.find((v) => v.kind !== 'null') ?? schema.variants[0];
      return variant ? exampleValue(variant, api, name, depth + 1) : null;
    }
    case 'allOf':
      return Object.assign({}, ...schema.parts.map((part) => exampleValue(part, api, name, depth + 1)).filter((v) => typeof v === 'object' && v !== null && !Array.isArray(v)));
    case 'unknown':
    case 'never':
      return {};
  }
}

function stringExample(name: string, minLength: number, maxLength: number | undefined): string {
  const base = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `my_${name}` : 'text';
  const padded = base.length >= minLength ? base : base.padEnd(minLength, 'x');
  return maxLength !== undefined && padded.length > maxLength ? 'x'.repeat(Math.max(minLength, Math.min(maxLength, 1))) : padded;
}

/** `new File(['my_file'], 'file.bin')`: code, which exampleLiteral keeps as it is. */
function fileExample(name: string): Code {
  const base = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : 'file';
  return code`new File([${exampleLiteral(`my_${base}`)}], ${exampleLiteral(`${base}.bin`)})`;
}
