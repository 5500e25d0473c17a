// Views of an IR schema that the comparison needs: nullability split off, enum/const values as
// one list, a key for "same shape", a signature for matching union variants, and the short
// phrase messages use ("a string", "`ChatSession`"). Pure.
import type { IrLiteral, IrSchema } from '../model/ir.js';
import { followRefs } from '../model/schema-index.js';
import { leafPhrase } from '../emit/validators/describe.js';
import type { ApiSide } from './diff-context.js';

/**
 * `type: [T, "null"]`, `nullable: true` and `anyOf: [T, {type: null}]` all become a union with a
 * null member in the IR (and an enum gains a null value); this undoes that, so nullability is
 * compared on its own and the rest by shape.
 */
export function splitNull(schema: IrSchema): { readonly core: IrSchema; readonly nullable: boolean } {
  if (schema.kind === 'union' && schema.variants.length > 1 && schema.variants.some((v) => v.kind === 'null')) {
    const rest = schema.variants.filter((v) => v.kind !== 'null');
    return { core: rest.length === 1 ? rest[0]! : { ...schema, variants: rest }, nullable: true };
  }
  if (schema.kind === 'enum' && schema.values.includes(null)) {
    const { values: all, ...base } = schema;
    const values = all.filter((v) => v !== null);
    return { core: values.length === 1 ? { ...base, kind: 'const', value: values[0]! } : { ...base, values }, nullable: true };
  }
  return { core: schema, nullable: false };
}

/** The named schema a ref points at, following chains of refs; undefined when it never resolves. */
export function resolveRef(schema: IrSchema, side: ApiSide): IrSchema | undefined {
  return followRefs(schema, (key) => side.schemas.get(key)?.schema);
}

/** Whether a ref's target, or one on the way along a chain of them, is nullable. */
export function isNullableRef(schema: IrSchema, side: ApiSide): boolean {
  let nullable = false;
  followRefs(schema, (key) => {
    const target = side.schemas.get(key)?.schema;
    if (target !== undefined && splitNull(target).nullable) nullable = true;
    return target;
  });
  return nullable;
}

/** The values an enum or const allows; undefined for any other schema. */
export function literalsOf(schema: IrSchema): readonly IrLiteral[] | undefined {
  if (schema.kind === 'enum') return schema.values;
  if (schema.kind === 'const') return [schema.value];
  return undefined;
}

const DOC_KEYS = new Set(['source', 'title', 'description', 'deprecated', 'default', 'examples']);

/** The schema without its docs, for when they were compared already at an enclosing node. */
export function withoutDocs(schema: IrSchema): IrSchema {
  const { title: _title, description: _description, deprecated: _deprecated, default: _default, examples: _examples, ...rest } = schema;
  return rest;
}

/** Equal for two schemas that validate the same values the same way, whatever their docs say. */
export function shapeKey(schema: IrSchema, renames: ReadonlyMap<string, string> = new Map()): string {
  return JSON.stringify(schema, function (this: unknown, key, value: unknown) {
    if (DOC_KEYS.has(key)) return undefined;
    if (key === 'target' && typeof value === 'string') return renames.get(value) ?? value;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    // sorted so that two schemas built in a different key order still compare equal
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

/**
 * What a union variant (or allOf part) is, for pairing old variants with new ones. Literals
 * carry their value, so `"a" | "b"` -> `"a" | "c"` pairs `"a"` and reports `"b"` and `"c"`.
 */
export function variantSignature(schema: IrSchema, renames: ReadonlyMap<string, string>): string {
  switch (schema.kind) {
    case 'ref':
      return `ref:${renames.get(schema.target) ?? schema.target}`;
    case 'const':
      return `literal:${JSON.stringify(schema.value)}`;
    case 'enum':
      return `enum:${typeof schema.values[0]}`;
    default:
      return schema.kind;
  }
}

/**
 * A short noun phrase for a change report: "a string", "an integer", "`ChatSession`",
 * "`"paused"`". Leaf schemas read as in validation messages (leafPhrase); a ref is named where
 * the validators' describeSchema (emit/validators/describe.ts) spells it out, because a reader of
 * a changelog knows the types by name while a caller whose value failed validation needs to see
 * what was expected.
 */
export function typePhrase(schema: IrSchema, side: ApiSide): string {
  switch (schema.kind) {
    case 'array':
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
    case 'unknown':
      return leafPhrase(schema)!;
    case 'ref':
      return `\`${side.schemas.get(schema.target)?.name.text ?? schema.target}\``;
    case 'object':
      return 'an object';
    case 'const':
      return literalList([schema.value]);
    case 'enum':
      return `one of ${literalList(schema.values)}`;
    case 'union':
      return schema.variants.map((variant) => typePhrase(variant, side)).join(' or ');
    case 'allOf':
      return `all of ${schema.parts.map((part) => typePhrase(part, side)).join(', ')}`;
    case 'never':
      return 'no value';
    case 'not':
      return `anything but ${typePhrase(schema.schema, side)}`;
  }
}

/** `"a"`, `"b"` as inline code, so values survive markdown. */
export function literalList(values: readonly IrLiteral[]): string {
  return values.map((value) => `\`${JSON.stringify(value)}\``).join(', ');
}

/** `Parent.name`, or `Parent["odd-name"]` when the key is not an identifier. */
export function memberPath(path: string, name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
}
