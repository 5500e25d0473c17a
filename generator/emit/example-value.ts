// A small valid value for a schema, for `@example` blocks, that type-checks against the type
// types.ts gives the schema: the spec's own example, default, const or first enum value where
// there is one and it fits that type (the spec's examples are not always right: a JSON text
// where an object goes, a key the schema does not have), else the least value the schema
// allows (required properties only; a union's first variant that has one; a file as a Blob).
// A reference already being expanded has no value of its own here, so recursion ends and a
// union takes another variant instead.
import type { IrApi, IrSchema } from '../model/ir.js';
import { type SchemaIndex, schemaIndex } from '../model/schema-index.js';
import { Code } from './escape.js';
import { flatten, saysSomething } from './types/flatten.js';

/** What a `format: binary` value is in an example: a Blob, which every runtime has. */
const FILE_EXAMPLE = Code.raw("new Blob(['file contents'])");

/**
 * A value of `schema`: `given` (an operation's own example) when it fits, else one made from
 * the schema. JSON values, and Code for a file; exampleLiteral prints either.
 */
export function exampleValue(schema: IrSchema, api: IrApi, name = 'value', given?: unknown): unknown {
  const ctx: ExampleContext = { index: schemaIndex(api) };
  if (given !== undefined && fits(given, schema, ctx, new Set())) return given;
  return made(schema, ctx, name, [])?.value ?? {};
}

/**
 * A path parameter's example: as exampleValue, but an array gets one item and an object one
 * property when the schema allows it (an empty one would empty its URL segment, which the
 * client refuses).
 */
export function pathExampleValue(schema: IrSchema, api: IrApi, name: string, given?: unknown): unknown {
  const value = exampleValue(schema, api, name, given);
  const ctx: ExampleContext = { index: schemaIndex(api) };
  const resolved = flatten(ctx.index.resolve(schema) ?? schema);
  if (Array.isArray(value) && value.length === 0 && resolved.kind === 'array' && (resolved.maxItems ?? 1) >= 1) {
    const item = made(resolved.prefixItems?.[0] ?? resolved.items, ctx, name, []);
    if (item !== undefined) return [item.value];
  }
  if (isEmptyObject(value) && resolved.kind === 'object' && resolved.properties.length > 0) {
    const [first] = resolved.properties;
    const item = made(first!.schema, ctx, first!.name, []);
    if (item !== undefined) return { [first!.name]: item.value };
  }
  return value;
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

interface ExampleContext {
  readonly index: SchemaIndex;
}

/**
 * A value of the schema, or undefined when there is none without expanding a ref already on
 * `stack`. `siblings` are the property schemas the other parts of an allOf declare: a part that
 * only requires a key (`anyOf: [{ required: [a] }, { required: [b] }]`) takes its value from there.
 */
function made(
  schema: IrSchema,
  ctx: ExampleContext,
  name: string,
  stack: readonly string[],
  siblings: ReadonlyMap<string, IrSchema> = new Map(),
): { value: unknown } | undefined {
  for (const candidate of [...(schema.examples ?? []).slice(0, 1), schema.default]) {
    if (candidate !== undefined && fits(candidate, schema, ctx, new Set())) return { value: candidate };
  }
  switch (schema.kind) {
    case 'ref': {
      const target = ctx.index.named(schema.target);
      if (target === undefined || stack.includes(schema.target)) return undefined;
      return made(target.schema, ctx, name, [...stack, schema.target], siblings);
    }
    case 'const':
      return { value: schema.value };
    case 'enum':
      return schema.values.length === 0 ? undefined : { value: schema.values.find((v) => v !== null) ?? null };
    case 'string':
      return { value: schema.format === 'binary' ? FILE_EXAMPLE : stringExample(name, schema.minLength ?? 0, schema.maxLength) };
    case 'number': {
      const low =
        schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (schema.integer ? 1 : 0.5) : undefined);
      const high = schema.maximum ?? schema.exclusiveMaximum;
      const value = low ?? (high !== undefined && high < 1 ? high - (schema.exclusiveMaximum !== undefined ? 1 : 0) : 1);
      return { value: schema.integer ? Math.ceil(value) : value };
    }
    case 'boolean':
      return { value: true };
    case 'null':
      return { value: null };
    case 'array': {
      const prefix = schema.prefixItems ?? [];
      const count = Math.max(schema.minItems ?? 0, 0);
      const items: unknown[] = [];
      for (let i = 0; i < count; i++) {
        const item = made(prefix[i] ?? schema.items, ctx, name, stack);
        if (item === undefined) return undefined;
        items.push(item.value);
      }
      return { value: items };
    }
    case 'object': {
      const entries: [string, unknown][] = [];
      for (const property of schema.properties.filter((p) => p.required)) {
        const declared = flatten(property.schema).kind === 'unknown' ? siblings.get(property.name) : undefined;
        const value = made(declared ?? property.schema, ctx, property.name, stack);
        if (value === undefined) return undefined;
        entries.push([property.name, value.value]);
      }
      return { value: Object.fromEntries(entries) };
    }
    case 'union': {
      // the first variant that has a value: a listed string before any string, anything before null
      const rank = (variant: IrSchema): number => {
        const kind = flatten(variant).kind;
        return kind === 'null' ? 2 : kind === 'string' && schema.variants.some((other) => isStringLiteral(flatten(other))) ? 1 : 0;
      };
      const variants = [...schema.variants].sort((a, b) => rank(a) - rank(b));
      for (const variant of variants) {
        const value = made(variant, ctx, name, stack, siblings);
        if (value !== undefined) return value;
      }
      return undefined;
    }
    case 'allOf': {
      const parts = schema.parts.filter(saysSomething);
      const declared = new Map([...siblings, ...parts.flatMap((part) => declaredProperties(part, ctx, []))]);
      const values: unknown[] = [];
      for (const part of parts) {
        const value = made(part, ctx, name, stack, declared);
        if (value === undefined) return undefined;
        values.push(value.value);
      }
      const objects = values.filter(isObject);
      if (objects.length === values.length && objects.length > 0) return { value: Object.assign({}, ...objects) as unknown };
      return values.length === 1 ? { value: values[0] } : values.length === 0 ? { value: {} } : undefined;
    }
    case 'unknown':
    case 'not':
    case 'never':
      return { value: {} };
  }
}

/**
 * Whether a JSON value type-checks as an object literal of the schema's request type (closed
 * enums; an object literal may not have keys its type does not name, as TypeScript's excess
 * property check says). `extraKeys` are the keys other parts of an intersection name. A file is
 * never a JSON value.
 */
function fits(
  value: unknown,
  schema: IrSchema,
  ctx: ExampleContext,
  extraKeys: ReadonlySet<string>,
  refs: readonly string[] = [],
): boolean {
  const s = flatten(schema);
  switch (s.kind) {
    case 'ref': {
      // a ref to a ref without a value in between cannot go round forever
      const target = ctx.index.named(s.target);
      return target !== undefined && !refs.includes(s.target) && fits(value, target.schema, ctx, extraKeys, [...refs, s.target]);
    }
    case 'unknown':
    case 'not':
    case 'never':
      return true;
    case 'null':
      return value === null;
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string' && s.format !== 'binary';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && (!s.integer || Number.isInteger(value));
    case 'enum':
      return s.values.some((option) => sameJson(option, value));
    case 'const':
      return s.value === null || sameJson(s.value, value);
    case 'array': {
      if (!Array.isArray(value)) return false;
      const prefix = s.prefixItems ?? [];
      if (s.prefixItems !== undefined) {
        const isClosed = flatten(s.items).kind === 'never';
        const max = Math.min(s.maxItems ?? Infinity, isClosed ? prefix.length : Infinity);
        if (value.length < (s.minItems ?? 0) || value.length > max) return false;
      }
      return value.every((item: unknown, i) => fits(item, prefix[i] ?? s.items, ctx, new Set()));
    }
    case 'object': {
      if (!isObject(value)) return false;
      const byName = new Map(s.properties.map((p) => [p.name, p]));
      if (s.properties.some((p) => p.required && value[p.name] === undefined)) return false;
      const additional = s.additionalPropertiesDeclared && s.additionalProperties !== false ? s.additionalProperties : undefined;
      const isOpen = s.properties.length === 0 && !s.additionalPropertiesDeclared;
      return Object.entries(value).every(([key, item]) => {
        const property = byName.get(key);
        if (property !== undefined) return fits(item, property.schema, ctx, new Set());
        if (additional !== undefined) return additional === true || fits(item, additional, ctx, new Set());
        return isOpen || extraKeys.has(key);
      });
    }
    case 'union':
      return s.variants.some((variant) => fits(value, variant, ctx, extraKeys, refs));
    case 'allOf': {
      const parts = s.parts.filter(saysSomething);
      const keys = new Set([...extraKeys, ...parts.flatMap((part) => namedKeys(part, ctx, []))]);
      return parts.every((part) => fits(value, part, ctx, keys, refs));
    }
  }
}

/** The properties an object-like schema declares with a schema that says something (through refs and allOfs). */
function declaredProperties(schema: IrSchema, ctx: ExampleContext, refs: readonly string[]): [string, IrSchema][] {
  const s = flatten(schema);
  if (s.kind === 'object') return s.properties.filter((p) => flatten(p.schema).kind !== 'unknown').map((p) => [p.name, p.schema]);
  if (s.kind === 'allOf') return s.parts.flatMap((part) => declaredProperties(part, ctx, refs));
  if (s.kind === 'ref' && !refs.includes(s.target)) {
    const target = ctx.index.named(s.target);
    return target === undefined ? [] : declaredProperties(target.schema, ctx, [...refs, s.target]);
  }
  return [];
}

/** The property names an object-like schema's type has (through refs, allOfs and unions). */
function namedKeys(schema: IrSchema, ctx: ExampleContext, refs: readonly string[]): string[] {
  const s = flatten(schema);
  if (s.kind === 'object') return s.properties.map((p) => p.name);
  if (s.kind === 'allOf') return s.parts.flatMap((part) => namedKeys(part, ctx, refs));
  if (s.kind === 'union') return s.variants.flatMap((variant) => namedKeys(variant, ctx, refs));
  if (s.kind === 'ref' && !refs.includes(s.target)) {
    const target = ctx.index.named(s.target);
    return target === undefined ? [] : namedKeys(target.schema, ctx, [...refs, s.target]);
  }
  return [];
}

function isStringLiteral(schema: IrSchema): boolean {
  return (
    (schema.kind === 'enum' && schema.values.some((value) => typeof value === 'string')) ||
    (schema.kind === 'const' && typeof schema.value === 'string')
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Code);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function stringExample(name: string, minLength: number, maxLength: number | undefined): string {
  const base = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `my_${name}` : 'text';
  const padded = base.length >= minLength ? base : base.padEnd(minLength, 'x');
  return maxLength !== undefined && padded.length > maxLength ? 'x'.repeat(Math.max(minLength, Math.min(maxLength, 1))) : padded;
}
