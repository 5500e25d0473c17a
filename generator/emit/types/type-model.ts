// IrSchema -> the TypeScript type of it in types.ts. The mapping is openapi-typescript's (which
// wrote this file before, from a JSON Schema form of the IR), so the output stays the same byte
// for byte, with one fix: `const: null` is `null` (openapi-typescript wrote `unknown`). A `not` or
// `never` is `unknown`; an object without properties or declared additionalProperties is
// `Record<string, unknown>`; declared additionalProperties add `& { [key: string]: T }`;
// `format: binary` is `Uploadable` (file content, from the runtime's uploads.ts); unions and intersections drop repeated keywords; and an
// array of a one-variant union of arrays loses a level, as it did there.
import type { IrDocLinks, IrLiteral, IrSchema } from '../../model/ir.js';
import { flatten, saysSomething } from './flatten.js';
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

/** What the mapping needs beyond the schema itself. */
export interface TypeContext {
  /** The name a reference to a named schema (by its key) uses. */
  readonly refName: (key: string) => string;
  /** The schema of a named schema, by its key. */
  readonly resolve: (key: string) => IrSchema | undefined;
  /** Where the root-relative links of descriptions point (generator/emit/doc-links.ts). */
  readonly links: IrDocLinks;
}

const keyword = (name: TsKeyword): TsType => ({ kind: 'keyword', name });
const UNKNOWN = keyword('unknown');
/** Any other string, without absorbing the literals beside it (`string` alone would). */
const OPEN_STRING_NAME = '(string & {})';
const OPEN_STRING: TsType = { kind: 'reference', name: OPEN_STRING_NAME };
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
export function typeOf(schema: IrSchema, ctx: TypeContext, open = false): TsType {
  const s = flatten(schema);
  switch (s.kind) {
    case 'ref':
      return { kind: 'reference', name: ctx.refName(s.target) };
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
      return literalType(s.value);
    case 'array':
      return s.prefixItems === undefined ? arrayOf(s.items, ctx, open) : tupleOf(s, ctx, open);
    case 'object':
      return objectType(
        s.properties,
        s.additionalPropertiesDeclared && s.additionalProperties !== false ? s.additionalProperties : undefined,
        ctx,
        open,
      );
    case 'union':
      return s.variants.length === 0
        ? UNKNOWN
        : (openStringUnion(s.variants, ctx, open) ?? union(s.variants.map((variant) => typeOf(variant, ctx, open))));
    case 'allOf': {
      const parts = s.parts.filter(saysSomething);
      return parts.length === 0 ? UNKNOWN : intersection(parts.map((part) => typeOf(part, ctx, open)));
    }
  }
}

/**
 * An object type: `{ … }` of its properties (in JavaScript object order: integer keys first),
 * `& { [key: string]: T }` for declared additional properties, `Record<string, unknown>` for neither.
 */
export function objectType(
  properties: readonly PropertySource[],
  additional: true | IrSchema | undefined,
  ctx: TypeContext,
  open = false,
): TsType {
  const required = new Set(properties.filter((p) => p.required).map((p) => p.name));
  const ordered = Object.entries(Object.fromEntries(properties.map((p) => [p.name, p])));
  const members = ordered.map(([name, p]): TsMember => {
    const comment = memberComment(p.schema, ctx, p.description);
    return {
      kind: 'property',
      key: propertyKeyText(name),
      optional: !required.has(name),
      type: typeOf(p.schema, ctx, open),
      ...(comment !== undefined ? { comment } : {}),
    };
  });
  const literal: TsType[] = members.length > 0 ? [{ kind: 'object', members }] : [];
  if (additional === undefined) return literal[0] ?? { kind: 'record' };
  const index: TsType = {
    kind: 'object',
    members: [{ kind: 'index', type: additional === true ? UNKNOWN : typeOf(additional, ctx, open) }],
  };
  return intersection([...literal, index]);
}

/** `T[]`; an array of arrays is `T[][]`, but items whose type is an array without being one keep it. */
function arrayOf(items: IrSchema, ctx: TypeContext, open: boolean): TsType {
  const element = typeOf(items, ctx, open);
  if (flatten(items).kind !== 'array' && element.kind === 'array') return element;
  return { kind: 'array', element };
}

/**
 * `prefixItems` as a tuple: its first `minItems` elements required, the others optional, and
 * `...T[]` for the items after them unless `items: false` or `maxItems` forbids any.
 */
function tupleOf(schema: IrSchema & { kind: 'array' }, ctx: TypeContext, open: boolean): TsType {
  const prefix = schema.prefixItems ?? [];
  const isClosed = flatten(schema.items).kind === 'never';
  const max = Math.min(schema.maxItems ?? Infinity, isClosed ? prefix.length : Infinity);
  const min = schema.minItems ?? 0;
  const elements = prefix.slice(0, max).map((item, i): TsTupleElement => ({ type: typeOf(item, ctx, open), optional: i >= min }));
  return { kind: 'tuple', elements, ...(max > prefix.length ? { rest: typeOf(schema.items, ctx, open) } : {}) };
}

/**
 * A union of `string` with string literals (enum or const variants, directly or through refs):
 * TypeScript reduces `string | 'gpt-4o'` to `string`, and an editor then completes nothing. The
 * literals stay and `string` becomes `(string & {})`, after them (before a `null`):
 * `'gpt-4o' | 'o3' | (string & {})`, or `ChatModel | (string & {})` for a ref. An enum that is
 * already open (read from responses) joins the union without a second `(string & {})`.
 * Undefined when the union is not one of these.
 */
function openStringUnion(variants: readonly IrSchema[], ctx: TypeContext, open: boolean): TsType | undefined {
  const isPlain = variants.map((variant) => isPlainString(variant, ctx, new Set()));
  if (!isPlain.includes(true) || !variants.some((variant, i) => !isPlain[i] && hasStringLiterals(variant, ctx, new Set())))
    return undefined;
  const types = variants
    .flatMap((variant, i): readonly TsType[] => {
      if (isPlain[i]) return [];
      const type = typeOf(variant, ctx, open);
      return type.kind === 'union' ? type.types : [type];
    })
    .filter((type) => !(type.kind === 'reference' && type.name === OPEN_STRING_NAME));
  const nulls = types.filter((type) => type.kind === 'keyword' && type.name === 'null');
  return union([...types.filter((type) => !nulls.includes(type)), OPEN_STRING, ...nulls.slice(0, 1)]);
}

/** `{ type: string }` (not a file), directly or through refs. */
function isPlainString(schema: IrSchema, ctx: TypeContext, seen: Set<string>): boolean {
  const s = flatten(schema);
  if (s.kind === 'string') return s.format !== 'binary';
  if (s.kind !== 'ref' || seen.has(s.target)) return false;
  seen.add(s.target);
  const target = ctx.resolve(s.target);
  return target !== undefined && isPlainString(target, ctx, seen);
}

/** Whether a value of the schema can be a string literal it lists (an enum or const), through refs and unions. */
function hasStringLiterals(schema: IrSchema, ctx: TypeContext, seen: Set<string>): boolean {
  const s = flatten(schema);
  switch (s.kind) {
    case 'enum':
      return s.values.some((value) => typeof value === 'string');
    case 'const':
      return typeof s.value === 'string';
    case 'union':
      return s.variants.some((variant) => hasStringLiterals(variant, ctx, seen));
    case 'ref': {
      if (seen.has(s.target)) return false;
      seen.add(s.target);
      const target = ctx.resolve(s.target);
      return target !== undefined && hasStringLiterals(target, ctx, seen);
    }
    default:
      return false;
  }
}

/** A literal's type; an object or array value is the object or tuple type of exactly that value. */
function literalType(value: IrLiteral): TsType {
  if (value === null) return keyword('null');
  if (Array.isArray(value))
    return { kind: 'tuple', elements: value.map((item: IrLiteral) => ({ type: literalType(item), optional: false })) };
  if (typeof value === 'object') {
    const entries = Object.entries(value as { readonly [key: string]: IrLiteral });
    if (entries.length === 0) return { kind: 'record', isEmpty: true };
    return {
      kind: 'object',
      members: entries.map(
        ([key, item]): TsMember => ({ kind: 'property', key: propertyKeyText(key), optional: false, type: literalType(item) }),
      ),
    };
  }
  return { kind: 'literal', text: literalTypeText(value) };
}

function union(types: readonly TsType[]): TsType {
  // `unknown | string` is `unknown`: a variant that takes any value (`{}`) takes in the others
  if (types.some((type) => type.kind === 'keyword' && type.name === 'unknown')) return UNKNOWN;
  return combined('union', types);
}

function intersection(types: readonly TsType[]): TsType {
  // `A & unknown` is `A`: a part that takes any value (`allOf: [A, { anyOf: [{}, null] }]`) adds nothing
  const said = types.filter((type) => !(type.kind === 'keyword' && type.name === 'unknown'));
  return said.length === 0 ? UNKNOWN : combined('intersection', said);
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
      return (
        type.elements.some((element) => mentionsUploadable(element.type)) || (type.rest !== undefined && mentionsUploadable(type.rest))
      );
    case 'union':
    case 'intersection':
      return type.types.some(mentionsUploadable);
    case 'object':
      return type.members.some((member) => mentionsUploadable(member.type));
    default:
      return false;
  }
}
