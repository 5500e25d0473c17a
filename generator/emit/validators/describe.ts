// What a schema expects, in words, for messages ("an object `{ anchor, seconds }`", "one of
// 'a', 'b'", "a string or null"). Computed at generation time; the text becomes a literal.
import type { IrLiteral, IrObjectSchema, IrSchema } from '../../model/ir.js';
import { withoutSubsumed } from './shape.js';

const SHOWN_KEYS = 5;
const SHOWN_VALUES = 8;
const SHOWN_LENGTH = 40;

/**
 * The words for a schema that holds no other schema ("a string", "an integer", "any value"),
 * shared by validation messages and the change report (diff/schema-shape.ts typePhrase);
 * undefined for the kinds each describes its own way.
 */
export function leafPhrase(schema: IrSchema): string | undefined {
  switch (schema.kind) {
    case 'array':
      return 'an array';
    case 'string':
      return schema.format === 'binary' ? 'a file' : 'a string';
    case 'number':
      return schema.integer ? 'an integer' : 'a number';
    case 'boolean':
      return 'a boolean';
    case 'null':
      return 'null';
    case 'unknown':
      return 'any value';
    default:
      return undefined;
  }
}

/** `resolve` follows a ref to its named schema; `depth` stops a recursive schema's description. */
export function describeSchema(schema: IrSchema, resolve: (schema: IrSchema) => IrSchema, depth = 0): string {
  if (depth > 4) return 'a value';
  switch (schema.kind) {
    case 'array':
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
    case 'unknown':
      return leafPhrase(schema)!;
    case 'ref':
      return describeSchema(resolve(schema), resolve, depth + 1);
    case 'object':
      return describeObject([schema]);
    case 'allOf': {
      const parts = schema.parts.map(resolve);
      if (parts.every((part): part is IrObjectSchema => part.kind === 'object')) return describeObject(parts);
      return parts[0] === undefined ? 'any value' : describeSchema(parts[0], resolve, depth + 1);
    }
    case 'enum':
      return `one of ${listLiterals(schema.values)}`;
    case 'const':
      return showLiteral(schema.value);
    case 'union': {
      // an anyOf's variants that another takes whole are not said (`anyOf: [string, enum]` is "a string")
      const variants = schema.mode === 'anyOf' ? withoutSubsumed(schema.variants, resolve) : schema.variants;
      return joinAlternatives([...new Set(variants.map((variant) => describeSchema(variant, resolve, depth + 1)))]);
    }
    case 'not':
      return `a value that is not ${describeSchema(schema.schema, resolve, depth + 1)}`;
    case 'never':
      return 'no value (nothing is allowed here)';
  }
}

/** `an object \`{ anchor, seconds }\``, the keys of every part, cut after five. */
export function describeObject(parts: readonly IrObjectSchema[]): string {
  const keys = objectKeys(parts);
  if (keys.length === 0) return 'an object';
  const shown = keys.length > SHOWN_KEYS ? [...keys.slice(0, SHOWN_KEYS - 1), '…'] : keys;
  return `an object \`{ ${shown.join(', ')} }\``;
}

/**
 * The keys of every part, as describeObject lists them. The runtime's expectedPhrase words a key
 * list exactly as describeObject does (a unit test holds them equal), so a check can pass the
 * list, which unknown-key checks share, instead of the words.
 */
export function objectKeys(parts: readonly IrObjectSchema[]): string[] {
  return [...new Set(parts.flatMap((part) => part.properties.map((property) => property.name)))];
}

/** `'a', 'b', 'c'`, cut after eight values. */
export function listLiterals(values: readonly IrLiteral[]): string {
  const shown = values.slice(0, SHOWN_VALUES).map(showLiteral);
  return values.length > SHOWN_VALUES ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** A literal as messages show it: strings single-quoted (cut to 40 characters), the rest as JSON. */
export function showLiteral(value: IrLiteral): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  const shown = value.length > SHOWN_LENGTH ? `${value.slice(0, SHOWN_LENGTH)}…` : value;
  return `'${JSON.stringify(shown).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** `a, b or c`. */
export function joinAlternatives(alternatives: readonly string[]): string {
  if (alternatives.length <= 1) return alternatives[0] ?? 'no value';
  return `${alternatives.slice(0, -1).join(', ')} or ${alternatives[alternatives.length - 1]}`;
}

/** "1 character", "2 characters". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
