// IrSchema -> the TypeScript type of it in types.ts. The mapping is openapi-typescript's (which
// wrote this file before, from a JSON Schema form of the IR), so the output stays the same byte
// for byte: a `not`, `never` or `const: null`
// is `unknown`; an object without properties or declared additionalProperties is
// `Record<string, unknown>`; declared additionalProperties add `& { [key: string]: T }`;
// `format: binary` is `Uploadable` (file content, from the runtime's uploads.ts); unions and intersections drop repeated keywords; and an
// array of a one-variant union of arrays loses a level, as it did there.
import type { IrLiteral, IrSchema } from '../../model/ir.js';
import { memberComment } from './jsdoc.js';
import { literalTypeText, propertyKeyText } from './literals.js';

export type TsKeyword = 'string' | 'number' | 'boolean' | 'null' | 'unknown' | 'never';

export type TsType =
  | { readonly kind: 'keyword'; readonly name: TsKeyword }
  /** A string, number or boolean literal type, as printed. */
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'reference'; readonly name: string }
  /** `Record<string, unknown>`, or `Record<string, never>` (an empty object literal) with `isEmpty`. */
  | { readonly kind: 'record'; readonly isEmpty?: true }
  | { readonly kind: 'array'; readonly element: TsType }
  /** `[A, B?, ...C[]]`: optional elements only after the required ones; `rest` is the element type of the rest. */
  | { readonly kind: 'tuple'; readonly elements: readonly TsTupleElement[]; readonly rest?: TsType }
  | { readonly kind: 'union'; readonly types: readonly TsType[] }
  | { readonly kind: 'intersection'; readonly types: readonly TsType[] }
  | { readonly kind: 'object'; readonly members: readonly TsMember[] };

export type TsMember =
  /** `key?: type;`, the key as printed, with the text of its comment. */
  | { readonly kind: 'property'; readonly key: string; readonly optional: boolean; readonly type: TsType; readonly comment?: string }
  /** `[key: string]: type;`. */
  | { readonly kind: 'index'; readonly type: TsType };

export interface TsTupleElement {
  readonly type: TsType;
  readonly optional: boolean;
}

/** A property of an object type, before it is ordered and typed. */
export interface PropertySource {
  readonly name: string;
  readonly required: boolean;
  readonly schema: IrSchema;
  /** Replaces the schema's description in the comment (a parameter's own description). */
  readonly description?: string;
}

/** Maps a named schema's key to the name its references use. */
export type RefName = (key: string) => string;

const keyword = (name: TsKeyword): TsType => ({ kind: 'keyword', name });
const UNKNOWN = keyword('unknown');
/** Any other string, without absorbing the literals beside it (`string` alone would). */
const OPEN_STRING: TsType = { kind: 'reference', name: '(string & {})' };
/** File content (templates/runtime/uploads.ts): a File, Blob, bytes or a stream, never a string. */
export const UPLOADABLE = 'Uploadable';
const BINARY: TsType = { kind: 'reference', name: UPLOADABLE };
/** Keywords a union or intersection keeps only once. */
const DEDUPED = new Set<TsKeyword>(['string', 'number', 'boolean', 'null', 'never']);

/**
 * `open`: the schema is read from responses, where an API may add enum values: a string enum is
 * `'a' | 'b' | (string & {})`, which keeps its literals for completion and accepts what a newer
 * API sends (as 'loose' response validation does). Request types list only what may be sent.
 */
export function typeOf(schema: IrSchema, refName: RefName, open = false): TsType {
  const s = flatten(schema);
  switch (s.kind) {
    case 'ref':
      return { kind: 'reference', name: refName(s.target) };
    case 'unknown':
    case 'not':
    case 'never':
      return UNKNOWN;
    case 'null':
    case 'boolean':
      return keyword(s.kind);
    case 'string':
      return s.format === 'binary' ? BINARY : keyword('string');
    case 'number':
      return keyword('number');
    case 'enum':
      return union([...s.values.map(literalType), ...(open && s.values.some((value) => typeof value === 'string') ? [OPEN_STRING] : [])]);
    case 'const':
      return s.value === null ? UNKNOWN : literalType(s.value);
    case 'array':
      return s.prefixItems === undefined ? arrayOf(s.items, refName, open) : tupleOf(s, refName, open);
    case 'object':
      return objectType(
        s.properties,
        s.additionalPropertiesDeclared && s.additionalProperties !== false ? s.additionalProperties : undefined,
        refName,
        open,
      );
    case 'union':
      return s.variants.length === 0 ? UNKNOWN : union(s.variants.map((variant) => typeOf(variant, refName, open)));
    case 'allOf': {
      const parts = s.parts.filter(saysSomething);
      return parts.length === 0 ? UNKNOWN : intersection(parts.map((part) => typeOf(part, refName, open)));
    }
  }
}

/**
 * An object type: `{ … }` of its properties (in JavaScript object order: integer keys first),
 * `& { [key: string]: T }` for declared additional properties, `Record<string, unknown>` for neither.
 */
export function objectType(properties: readonly PropertySource[], additional: true | IrSchema | undefined, refName: RefName, open = false): TsType {
  const required = new Set(properties.filter((p) => p.required).map((p) => p.name));
  const ordered = Object.entries(Object.fromEntries(properties.map((p) => [p.name, p])));
  const members = ordered.map(([name, p]): TsMember => {
    const comment = memberComment(flatten(p.schema), p.description);
    return { kind: 'property', key: propertyKeyText(name), optional: !required.has(name), type: typeOf(p.schema, refName, open), ...(comment !== undefined ? { comment } : {}) };
  });
  const literal: TsType[] = members.length > 0 ? [{ kind: 'object', members }] : [];
  if (additional === undefined) return literal[0] ?? { kind: 'record' };
  const index: TsType = { kind: 'object', members: [{ kind: 'index', type: additional === true ? UNKNOWN : typeOf(additional, refName, open) }] };
  return intersection([...literal, index]);
}

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
    ...(schema.description !== undefined ? { description: schema.description } : {}),
    ...(schema.deprecated ? { deprecated: true } : {}),
    ...(schema.default !== undefined ? { default: schema.default } : {}),
  };
}

/** An allOf part the type layer keeps: all but a bare `{}` or `not`. */
function saysSomething(part: IrSchema): boolean {
  return !((part.kind === 'unknown' || part.kind === 'not') && part.description === undefined && !part.deprecated && part.default === undefined);
}

/** `T[]`; an array of arrays is `T[][]`, but items whose type is an array without being one keep it. */
function arrayOf(items: IrSchema, refName: RefName, open: boolean): TsType {
  const element = typeOf(items, refName, open);
  if (flatten(items).kind !== 'array' && element.kind === 'array') return element;
  return { kind: 'array', element };
}

/**
 * `prefixItems` as a tuple: its first `minItems` elements required, the others optional, and
 * `...T[]` for the items after them unless `items: false` or `maxItems` forbids any.
 */
function tupleOf(schema: IrSchema & { kind: 'array' }, refName: RefName, open: boolean): TsType {
  const prefix = schema.prefixItems ?? [];
  const isClosed = flatten(schema.items).kind === 'never';
  const max = Math.min(schema.maxItems ?? Infinity, isClosed ? prefix.length : Infinity);
  const min = schema.minItems ?? 0;
  const elements = prefix.slice(0, max).map((item, i): TsTupleElement => ({ type: typeOf(item, refName, open), optional: i >= min }));
  return { kind: 'tuple', elements, ...(max > prefix.length ? { rest: typeOf(schema.items, refName, open) } : {}) };
}

/** A literal's type; an object or array value is the object or tuple type of exactly that value. */
function literalType(value: IrLiteral): TsType {
  if (value === null) return keyword('null');
  if (Array.isArray(value)) return { kind: 'tuple', elements: value.map((item: IrLiteral) => ({ type: literalType(item), optional: false })) };
  if (typeof value === 'object') {
    const entries = Object.entries(value as { readonly [key: string]: IrLiteral });
    if (entries.length === 0) return { kind: 'record', isEmpty: true };
    return { kind: 'object', members: entries.map(([key, item]): TsMember => ({ kind: 'property', key: propertyKeyText(key), optional: false, type: literalType(item) })) };
  }
  return { kind: 'literal', text: literalTypeText(value) };
}

function union(types: readonly TsType[]): TsType {
  return combined('union', types);
}

function intersection(types: readonly TsType[]): TsType {
  return combined('intersection', types);
}

/**
 * One type stays itself; of more, repeated keywords go. What is left may be one keyword: it
 * prints as that keyword, but stays a union or intersection to the unions around it, which keep
 * a repetition of it.
 */
function combined(kind: 'union' | 'intersection', types: readonly TsType[]): TsType {
  if (types.length === 0) return keyword('never');
  if (types.length === 1) return types[0]!;
  const seen = new Set<TsKeyword>();
  const kept = types.filter((type) => {
    if (type.kind !== 'keyword' || !DEDUPED.has(type.name)) return true;
    if (seen.has(type.name)) return false;
    seen.add(type.name);
    return true;
  });
  return { kind, types: kept };
}

/** Whether the type mentions file content (`Uploadable`), which types.ts then imports. */
export function mentionsUploadable(type: TsType): boolean {
  switch (type.kind) {
    case 'reference':
      return type.name === UPLOADABLE;
    case 'array':
      return mentionsUploadable(type.element);
    case 'tuple':
      return type.elements.some((element) => mentionsUploadable(element.type)) || (type.rest !== undefined && mentionsUploadable(type.rest));
    case 'union':
    case 'intersection':
      return type.types.some(mentionsUploadable);
    case 'object':
      return type.members.some((member) => mentionsUploadable(member.type));
    default:
      return false;
  }
}
