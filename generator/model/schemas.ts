// OpenAPI (3.0 or 3.1) Schema Object -> IrSchema, one function per construct. Pure: problems
// go to `ctx.report`. 3.0 forms (`nullable`, boolean `exclusiveMinimum`) get their 3.1 meaning.
import { closestMatch } from '../diagnostics/suggest.js';
import { defaultHint, type DiagnosticCode } from '../diagnostics/codes.js';
import type { Diagnostic, SourceLocation } from '../diagnostics/diagnostic.js';
import { childPointer } from '../load/pointer.js';
import type { OpenApiVersion } from '../validate/validate-spec.js';
import type { IrArraySchema, IrDiscriminator, IrLiteral, IrObjectSchema, IrProperty, IrSchema, IrSchemaBase } from './ir.js';
import { componentSchema, resolveRef, type RefTarget } from './refs.js';
import { patternToIr, type PatternKeys } from './pattern-to-ir.js';

export interface SchemaContext {
  readonly root: unknown;
  readonly locate: (pointer: string) => SourceLocation;
  readonly report: (diagnostic: Diagnostic) => void;
  /** Pointers of non-component refs being inlined, to stop cycles. */
  readonly inlining: Set<string>;
  /**
   * The pointers of the schemas that are named because non-component refs point at them and
   * they hold such refs themselves (hoisting.ts): wherever one is met, at its own place or
   * through a ref, it is a ref to its named schema.
   */
  readonly hoistTargets: ReadonlySet<string>;
  /** Each hoisted schema, converted once (build-model.ts names it); undefined while it is being converted. */
  readonly hoisted: Map<string, IrSchema | undefined>;
  /** The document's OpenAPI version: 3.0 forms in a 3.1 document get a warning. */
  readonly version: OpenApiVersion;
  /** The user's cap on the length of strings tested against a pattern (`--pattern-input-limit`). */
  readonly patternInputLimit?: number;
  /** Told what a conversion read beyond its own node (model-cache.ts): absent outside a watch session. */
  readonly reads?: SchemaReads;
}

/** What a conversion reads beyond its node, beside the context's fixed fields. */
export interface SchemaReads {
  /** A `#/components/schemas/<key>` ref was followed: the IR names the key, so only its existence counts. */
  component(key: string): void;
  /** The component schema `key` was read: `node` (undefined when there is none), its content counts. */
  schema(key: string, node: unknown): void;
  /** Anything else of the document was read (another node's content, a hoisted schema). */
  elsewhere(): void;
}

type Raw = Record<string, unknown>;

/**
 * Keywords sdkgen does not check yet, with what is lost. A valid spec is never refused for one:
 * the check is skipped (the validator accepts what the keyword would reject) and a warning
 * says so where the keyword is.
 */
const UNCHECKED_KEYWORDS: Readonly<Record<string, string>> = {
  if: 'the `if`/`then`/`else` condition is not checked',
  dependentSchemas: 'the schemas that apply when a key is present are not checked',
  dependentRequired: 'the keys required when another key is present are not checked',
  dependencies: 'the keys or schemas that apply when a key is present are not checked',
  patternProperties: 'keys matching these patterns are allowed with any value',
  unevaluatedItems: 'items no other keyword evaluates are not checked',
  contains: 'no item is required to match it',
  minContains: 'the number of matching items is not checked',
  maxContains: 'the number of matching items is not checked',
  additionalItems: 'items after the tuple are not checked',
  $dynamicRef: 'any value is accepted here',
};

const TYPES = ['string', 'number', 'integer', 'boolean', 'null', 'object', 'array'] as const;
type TypeName = (typeof TYPES)[number];

export function schemaToIr(raw: unknown, pointer: string, ctx: SchemaContext): IrSchema {
  if (!ctx.hoistTargets.has(pointer)) return convertSchema(raw, pointer, ctx);
  ctx.reads?.elsewhere();
  if (!ctx.hoisted.has(pointer)) {
    ctx.hoisted.set(pointer, undefined);
    ctx.hoisted.set(pointer, convertSchema(raw, pointer, ctx));
  }
  return { kind: 'ref', target: pointer, source: pointer };
}

function convertSchema(raw: unknown, pointer: string, ctx: SchemaContext): IrSchema {
  if (raw === true) return { kind: 'unknown', source: pointer };
  if (raw === false) return { kind: 'never', source: pointer };
  if (!isRaw(raw)) {
    report(ctx, 'model/unsupported-construct', pointer, 'A schema must be an object or a boolean.');
    return { kind: 'unknown', source: pointer };
  }
  const base = baseOf(raw, pointer);
  if (raw['nullable'] === true && ctx.version !== '3.0')
    legacyForm(
      ctx,
      childPointer(pointer, 'nullable'),
      '`nullable: true` is OpenAPI 3.0; in 3.1 it means nothing. sdkgen reads it as `type: [..., "null"]`.',
    );
  if (raw['$recursiveRef'] !== undefined) return recursiveRefToIr(raw, base, pointer, ctx);
  if (typeof raw['$ref'] === 'string') {
    const ref = refToIr(raw['$ref'], base, pointer, ctx);
    if (raw['nullable'] !== true) return ref;
    // OAS 3.0 ignores siblings of $ref, but `nullable` beside one is a common way to say "or null"
    if (ctx.version === '3.0')
      legacyForm(
        ctx,
        childPointer(pointer, 'nullable'),
        '`nullable` beside a `$ref` is ignored by OpenAPI 3.0; sdkgen honours it. Write `allOf: [{ $ref }]` with `nullable: true` to be explicit.',
      );
    return addNull(ref, base);
  }
  for (const [keyword, lost] of Object.entries(UNCHECKED_KEYWORDS)) {
    if (keyword in raw)
      degraded(
        ctx,
        childPointer(pointer, keyword),
        `The schema keyword \`${keyword}\` is not supported: ${lost}, and the type does not show it.`,
      );
  }
  // `then`/`else` without `if` mean nothing (JSON Schema §10.2.2); with it, the `if` warning covers them
  const schema = withoutNullable(raw, base, pointer, ctx);
  const isNullable = raw['nullable'] === true && !acceptsNull(schema);
  return isNullable ? addNull(schema, base) : schema;
}

function withoutNullable(raw: Raw, base: IrSchemaBase, pointer: string, ctx: SchemaContext): IrSchema {
  if ('not' in raw) return notToIr(raw, base, pointer, ctx);
  const composed = compositionToIr(raw, base, pointer, ctx);
  if (composed) return composed;
  if ('const' in raw) return literalToIr('const', [raw['const']], base, pointer, ctx, raw);
  if (Array.isArray(raw['enum'])) return literalToIr('enum', raw['enum'], base, pointer, ctx, raw);
  const types = typesOf(raw, pointer, ctx);
  // `contentMediaType: application/json` + `contentSchema` without a type: any value, or a string of JSON
  if (types.length === 0 && jsonContentSchema(raw) !== undefined)
    return { ...base, kind: 'unknown', contentSchema: schemaToIr(raw['contentSchema'], childPointer(pointer, 'contentSchema'), ctx) };
  if (types.length === 0) return { ...base, kind: 'unknown' };
  const variants = types.map((type) => typedToIr(type, raw, types.length === 1 ? base : { source: pointer }, pointer, ctx));
  return variants.length === 1 ? variants[0]! : { ...base, kind: 'union', mode: 'anyOf', variants };
}

/** What other languages and formats call JSON Schema's types, as a hint writes them. */
const TYPE_NAMES_ELSEWHERE: Readonly<Record<string, string>> = {
  int: 'type: integer',
  int32: 'type: integer, format: int32',
  int64: 'type: integer, format: int64',
  long: 'type: integer, format: int64',
  float: 'type: number, format: float',
  double: 'type: number, format: double',
  decimal: 'type: number',
  bool: 'type: boolean',
  str: 'type: string',
  text: 'type: string',
  date: 'type: string, format: date',
  datetime: 'type: string, format: date-time',
  'date-time': 'type: string, format: date-time',
  file: 'type: string, format: binary',
  binary: 'type: string, format: binary',
  dict: 'type: object',
  map: 'type: object',
  hash: 'type: object',
  list: 'type: array',
};

function typeHint(type: unknown): string {
  const types = `The types are ${TYPES.join(', ')}.`;
  const elsewhere = typeof type === 'string' ? TYPE_NAMES_ELSEWHERE[type.toLowerCase()] : undefined;
  if (elsewhere !== undefined) return `Did you mean \`${elsewhere}\`? ${types}`;
  const near = typeof type === 'string' ? closestMatch(type, TYPES) : undefined;
  return near !== undefined ? `Did you mean \`type: ${near}\`? ${types}` : `Use one of ${TYPES.join(', ')}.`;
}

function typesOf(raw: Raw, pointer: string, ctx: SchemaContext): TypeName[] {
  const declared = raw['type'];
  const list = Array.isArray(declared) ? declared : declared === undefined ? [] : [declared];
  const types: TypeName[] = [];
  for (const type of list) {
    if (TYPES.includes(type as TypeName)) types.push(type as TypeName);
    else if (typeof type === 'string')
      report(
        ctx,
        'model/unsupported-construct',
        childPointer(pointer, 'type'),
        `Unknown schema type ${JSON.stringify(type)}.`,
        typeHint(type),
      );
    else
      report(
        ctx,
        'model/unsupported-construct',
        childPointer(pointer, 'type'),
        `\`type\` must be a type's name or a list of them; found ${isRaw(type) ? 'a mapping' : Array.isArray(type) ? 'a list inside the list' : JSON.stringify(type)}.`,
        isRaw(type)
          ? 'A mapping here reads like the schema of a property named `type`: move it under `properties`.'
          : `Use one of ${TYPES.join(', ')}.`,
      );
  }
  if (types.length > 0) return [...new Set(types)];
  // No `type`: infer from the keywords present, as most generators do.
  if ('properties' in raw || 'additionalProperties' in raw || 'unevaluatedProperties' in raw || 'required' in raw || 'propertyNames' in raw)
    return ['object'];
  if ('items' in raw) return ['array'];
  return [];
}

function typedToIr(type: TypeName, raw: Raw, base: IrSchemaBase, pointer: string, ctx: SchemaContext): IrSchema {
  switch (type) {
    case 'object':
      return objectToIr(raw, base, pointer, ctx);
    case 'array':
      return arrayToIr(raw, base, pointer, ctx);
    case 'string':
      return {
        ...base,
        kind: 'string',
        ...numberKeys(raw, ['minLength', 'maxLength']),
        ...patternOf(raw, pointer, ctx),
        ...(typeof raw['format'] === 'string' ? { format: raw['format'] } : {}),
        ...(jsonContentSchema(raw) !== undefined
          ? { contentSchema: schemaToIr(raw['contentSchema'], childPointer(pointer, 'contentSchema'), ctx) }
          : {}),
      };
    case 'number':
    case 'integer':
      return {
        ...base,
        kind: 'number',
        integer: type === 'integer',
        ...numericKeys(raw, pointer, ctx),
        ...(typeof raw['format'] === 'string' ? { format: raw['format'] } : {}),
      };
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'null':
      return { ...base, kind: 'null' };
  }
}

/** `items`, or a tuple: `prefixItems` for the leading items and `items` for the rest. */
function arrayToIr(raw: Raw, base: IrSchemaBase, pointer: string, ctx: SchemaContext): IrArraySchema {
  const prefix = Array.isArray(raw['prefixItems']) ? raw['prefixItems'] : undefined;
  return {
    ...base,
    kind: 'array',
    ...(prefix !== undefined
      ? { prefixItems: prefix.map((item, i) => schemaToIr(item, childPointer(pointer, 'prefixItems', i), ctx)) }
      : {}),
    items: 'items' in raw ? schemaToIr(raw['items'], childPointer(pointer, 'items'), ctx) : { kind: 'unknown', source: pointer },
    ...numberKeys(raw, ['minItems', 'maxItems']),
    ...(raw['uniqueItems'] === true ? { uniqueItems: true } : {}),
  };
}

function objectToIr(raw: Raw, base: IrSchemaBase, pointer: string, ctx: SchemaContext): IrObjectSchema {
  // Without a composition beside it, `unevaluatedProperties` is the object's additionalProperties
  // (only its own properties evaluate keys), unless additionalProperties is written too (it then
  // evaluates every key, so unevaluatedProperties has nothing left to check).
  const additionalKey =
    'additionalProperties' in raw
      ? 'additionalProperties'
      : 'unevaluatedProperties' in raw && unmodelledEvaluation(raw, pointer, ctx) === undefined
        ? 'unevaluatedProperties'
        : undefined;
  const additional = additionalKey === undefined ? undefined : raw[additionalKey];
  const additionalSchema = (): IrSchema => schemaToIr(additional, childPointer(pointer, additionalKey ?? 'additionalProperties'), ctx);
  const required = Array.isArray(raw['required']) ? raw['required'].filter((r): r is string => typeof r === 'string') : [];
  const rawProperties = isRaw(raw['properties']) ? raw['properties'] : {};
  const properties: IrProperty[] = Object.entries(rawProperties).map(([name, value]) => ({
    name,
    required: required.includes(name),
    schema: schemaToIr(value, childPointer(pointer, 'properties', name), ctx),
  }));
  for (const name of required) {
    if (name in rawProperties) continue;
    // A closed object that requires a key it does not declare matches no value, as written; the
    // author left the property out (e-conomic's published spec does), and the API sends it. It
    // is taken as a property of any value, with a warning, rather than refusing the spec.
    if (additional === false)
      ctx.report({
        code: 'model/unchecked-construct',
        severity: 'warning',
        message: `\`${name}\` is required but the closed object declares no such property, so no value could match; sdkgen reads it as a required property of any value.`,
        hint: `Declare \`${name}\` under \`properties\` (with its schema), or remove it from \`required\`.`,
        at: ctx.locate(childPointer(pointer, 'required')),
      });
    // `required` alone (common inside anyOf) still demands the key; its value is whatever
    // additionalProperties allows
    properties.push({
      name,
      required: true,
      schema:
        additional === undefined || typeof additional === 'boolean'
          ? { kind: 'unknown', source: childPointer(pointer, 'required') }
          : additionalSchema(),
    });
  }
  return {
    ...base,
    kind: 'object',
    properties,
    additionalProperties: additional === undefined || additional === true ? true : additional === false ? false : additionalSchema(),
    additionalPropertiesDeclared: additional !== undefined,
    ...('propertyNames' in raw
      ? { propertyNames: schemaToIr(keySchema(raw['propertyNames']), childPointer(pointer, 'propertyNames'), ctx) }
      : {}),
    ...numberKeys(raw, ['minProperties', 'maxProperties']),
  };
}

/**
 * Keys are always strings, so a typeless `propertyNames: { maxLength: 64 }` means a string
 * schema; without this its string keywords would be dropped with the unknown type.
 */
function keySchema(raw: unknown): unknown {
  if (!isRaw(raw)) return raw;
  const isTyped = ['type', '$ref', 'const', 'enum', 'oneOf', 'anyOf', 'allOf', 'not'].some((keyword) => keyword in raw);
  return isTyped ? raw : { ...raw, type: 'string' };
}

/** oneOf/anyOf/allOf, alone or beside sibling keywords (which become one more allOf part). */
function compositionToIr(raw: Raw, base: IrSchemaBase, pointer: string, ctx: SchemaContext): IrSchema | undefined {
  const parts: IrSchema[] = [];
  for (const mode of ['oneOf', 'anyOf'] as const) {
    const list = raw[mode];
    if (!Array.isArray(list)) continue;
    const variants = list.map((item, i): IrSchema => {
      const variant = schemaToIr(item, childPointer(pointer, mode, i), ctx);
      // `anyOf: [{ $ref: X }, { nullable: true }]` says "X or null" (Slack's spec writes it), as in allOf below;
      // read as JSON Schema the variant takes any value, and so would the union
      return isBareNullable(item) ? { kind: 'null', source: childPointer(pointer, mode, i) } : variant;
    });
    const discriminator = discriminatorOf(raw, pointer, ctx);
    // a `defaultMapping` schema outside the list is one more shape the value may take
    const defaultTarget = discriminator?.defaultTarget;
    if (defaultTarget !== undefined && !variants.some((variant) => variant.kind === 'ref' && variant.target === defaultTarget)) {
      variants.push({ kind: 'ref', target: defaultTarget, source: childPointer(pointer, 'discriminator', 'defaultMapping') });
    }
    const overlap = mode === 'oneOf' && !discriminator ? overlappingVariants(variants) : undefined;
    if (overlap) {
      ctx.report({
        code: 'model/overlapping-one-of',
        severity: 'warning',
        message: `Branches ${overlap[0]} and ${overlap[1]} of this \`oneOf\` overlap (${overlap[2]}), so by JSON Schema's rules such values match two branches and are rejected; sdkgen treats it as \`anyOf\`.`,
        hint: defaultHint('model/overlapping-one-of'),
        at: ctx.locate(childPointer(pointer, mode)),
      });
    }
    parts.push({
      source: childPointer(pointer, mode),
      kind: 'union',
      mode: overlap ? 'anyOf' : mode,
      variants,
      ...(discriminator ? { discriminator } : {}),
    });
  }
  let nullable = false;
  if (Array.isArray(raw['allOf'])) {
    raw['allOf'].forEach((item, i) => {
      const part = schemaToIr(item, childPointer(pointer, 'allOf', i), ctx);
      // `allOf: [{ $ref: X }, { nullable: true }]` is how 3.0 specs (and OpenAI's) say "X or null";
      // read as JSON Schema it is X alone, and the null the API sends would be refused
      if (isBareNullable(item)) nullable = true;
      else parts.push(part);
    });
  }
  if (parts.length === 0) return undefined;
  const siblings = { ...raw };
  for (const key of ['oneOf', 'anyOf', 'allOf', 'discriminator', 'nullable', 'unevaluatedProperties']) delete siblings[key];
  const rest = withoutNullable(siblings, { source: pointer }, pointer, ctx);
  if (!isUnconstrained(rest)) parts.unshift(rest);
  const unevaluated = unevaluatedOf(raw, rest, pointer, ctx);
  if (parts.length === 1 && !Array.isArray(raw['allOf'])) return { ...parts[0]!, ...base, ...unevaluated };
  const composed: IrSchema = { ...base, kind: 'allOf', parts, ...unevaluated };
  return nullable ? addNull(composed, base) : composed;
}

/** Keywords that say nothing about the value: a schema of only these and `nullable: true` says "or null". */
const ANNOTATIONS: ReadonlySet<string> = new Set([
  'title',
  'description',
  'deprecated',
  'readOnly',
  'writeOnly',
  'example',
  'examples',
  'default',
]);

function isBareNullable(item: unknown): boolean {
  return (
    isRaw(item) &&
    item['nullable'] === true &&
    Object.keys(item).every((key) => key === 'nullable' || ANNOTATIONS.has(key) || key.startsWith('x-'))
  );
}

/**
 * `unevaluatedProperties` beside a composition, when it checks anything: not when it is `true`,
 * nor when the schema's own additionalProperties already evaluates every key. Skipped, with a
 * warning, when a subschema evaluates keys by a keyword sdkgen does not check (so a key it
 * allows is never rejected).
 */
function unevaluatedOf(raw: Raw, rest: IrSchema, pointer: string, ctx: SchemaContext): { unevaluatedProperties?: IrSchema } {
  if (!('unevaluatedProperties' in raw) || raw['unevaluatedProperties'] === true) return {};
  if (rest.kind === 'object' && rest.additionalPropertiesDeclared) return {};
  if (unmodelledEvaluation(raw, pointer, ctx) !== undefined) return {};
  return { unevaluatedProperties: schemaToIr(raw['unevaluatedProperties'], childPointer(pointer, 'unevaluatedProperties'), ctx) };
}

/**
 * The first keyword that evaluates an object's keys in a way sdkgen does not model
 * (`patternProperties`, `if`/`then`/`else`, `dependentSchemas`, `$dynamicRef`) in `raw` or in
 * the subschemas that apply to the same value (allOf/anyOf/oneOf items, local $refs); reported
 * once, at `unevaluatedProperties`, as the reason it is not checked.
 */
function unmodelledEvaluation(raw: Raw, pointer: string, ctx: SchemaContext): string | undefined {
  ctx.reads?.elsewhere();
  const seen = new Set<unknown>();
  const find = (node: unknown, depth: number): string | undefined => {
    if (!isRaw(node) || seen.has(node) || depth > 32) return undefined;
    seen.add(node);
    const own = ['patternProperties', 'if', 'then', 'else', 'dependentSchemas', 'dependencies', '$dynamicRef'].find(
      (keyword) => keyword in node,
    );
    if (own !== undefined) return own;
    if (typeof node['$ref'] === 'string' && node['$ref'].startsWith('#/')) {
      const target = resolveRef(node['$ref'], pointer, ctx.root, ctx.locate);
      if (!('code' in target)) {
        const found = find(target.value, depth + 1);
        if (found !== undefined) return found;
      }
    }
    for (const mode of ['allOf', 'anyOf', 'oneOf']) {
      const list = node[mode];
      if (!Array.isArray(list)) continue;
      for (const item of list) {
        const found = find(item, depth + 1);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
  const keyword = find(raw, 0);
  if (keyword !== undefined) {
    degraded(
      ctx,
      childPointer(pointer, 'unevaluatedProperties'),
      `\`unevaluatedProperties\` is not checked: \`${keyword}\` here or in a subschema evaluates keys in a way sdkgen does not check, so no key is rejected as unevaluated.`,
    );
  }
  return keyword;
}

/**
 * Two primitive branches that accept a common value (`integer` and `number`, two unconstrained
 * strings, an empty schema beside anything): [first index, second index, what they share].
 */
function overlappingVariants(variants: readonly IrSchema[]): [number, number, string] | undefined {
  const shape = (schema: IrSchema): { kind: string; literals?: readonly unknown[] } | undefined => {
    switch (schema.kind) {
      case 'unknown':
        return { kind: 'any' };
      case 'number':
        return { kind: 'number' };
      case 'string':
      case 'boolean':
      case 'null':
        return { kind: schema.kind };
      case 'enum':
        return { kind: typeof schema.values[0], literals: schema.values };
      case 'const':
        return { kind: schema.value === null ? 'null' : typeof schema.value, literals: [schema.value] };
      default:
        return undefined;
    }
  };
  for (let i = 0; i < variants.length; i++) {
    for (let j = i + 1; j < variants.length; j++) {
      const a = shape(variants[i]!);
      const b = shape(variants[j]!);
      if (!a || !b) continue;
      if (a.kind === 'any' || b.kind === 'any') return [i, j, 'one accepts any value'];
      if (a.kind !== b.kind) continue;
      if (a.literals && b.literals && !a.literals.some((value) => b.literals!.includes(value))) continue;
      const both = [variants[i]!, variants[j]!];
      const what =
        both.every((v) => v.kind === 'number') && both.some((v) => v.kind === 'number' && v.integer)
          ? 'every integer is also a number'
          : `both accept ${a.kind} values`;
      return [i, j, what];
    }
  }
  return undefined;
}

/** `{}` or a bare `type: object` beside a composition adds nothing a person would want as a part. */
function isUnconstrained(schema: IrSchema): boolean {
  if (schema.kind === 'unknown') return true;
  return (
    schema.kind === 'object' &&
    schema.properties.length === 0 &&
    schema.additionalProperties === true &&
    schema.propertyNames === undefined &&
    schema.minProperties === undefined &&
    schema.maxProperties === undefined
  );
}

function discriminatorOf(raw: Raw, pointer: string, ctx: SchemaContext): IrDiscriminator | undefined {
  const discriminator = raw['discriminator'];
  if (!isRaw(discriminator) || typeof discriminator['propertyName'] !== 'string') return undefined;
  // the mapped schemas' existence and their tag values
  const schemaAt = (key: string): unknown => {
    const node = componentSchema(ctx.root, key);
    ctx.reads?.schema(key, node);
    return node;
  };
  const mapping: { value: string; target: string }[] = [];
  const explicit = isRaw(discriminator['mapping']) ? discriminator['mapping'] : {};
  for (const [value, ref] of Object.entries(explicit)) {
    const target = typeof ref === 'string' ? componentKeyOf(ref.includes('/') ? ref : `#/components/schemas/${ref}`) : undefined;
    if (target && schemaAt(target) !== undefined) mapping.push({ value, target });
    else
      report(
        ctx,
        'model/unresolved-ref',
        childPointer(pointer, 'discriminator', 'mapping', value),
        `The discriminator mapping for ${JSON.stringify(value)} points at ${JSON.stringify(ref)}, which is not a schema in \`components/schemas\`.`,
      );
  }
  // OpenAPI 3.2: the schema for a value whose tag is absent or maps to nothing
  const defaultRef = discriminator['defaultMapping'];
  let defaultTarget: string | undefined;
  if (typeof defaultRef === 'string') {
    defaultTarget = componentKeyOf(defaultRef.includes('/') ? defaultRef : `#/components/schemas/${defaultRef}`);
    if (defaultTarget === undefined || schemaAt(defaultTarget) === undefined) {
      report(
        ctx,
        'model/unresolved-ref',
        childPointer(pointer, 'discriminator', 'defaultMapping'),
        `The discriminator's \`defaultMapping\` points at ${JSON.stringify(defaultRef)}, which is not a schema in \`components/schemas\`.`,
      );
      defaultTarget = undefined;
    }
  }
  const variants = [...(Array.isArray(raw['oneOf']) ? raw['oneOf'] : []), ...(Array.isArray(raw['anyOf']) ? raw['anyOf'] : [])];
  const propertyName = discriminator['propertyName'];
  for (const variant of variants) {
    const target = isRaw(variant) && typeof variant['$ref'] === 'string' ? componentKeyOf(variant['$ref']) : undefined;
    // an inline variant has no name to map to: the union stays a plain union (same outcome)
    if (target === undefined) return undefined;
    // the default variant takes every other tag (and none): it need not pin one
    if (target === defaultTarget || mapping.some((m) => m.target === target)) continue;
    // The values the variant's own schema requires for the property (`const`/`enum`), as real
    // specs mean it. A variant that does not require and pin it could match without the tag, so
    // dispatching on the tag (or on schema names, OAS §4.8.25.2.2's fallback) would change the
    // outcome, which a discriminator must not: the union then stays a plain union.
    const allowed = allowedTagValues(schemaAt, target, propertyName);
    if (allowed === undefined) return undefined;
    for (const value of allowed) mapping.push({ value, target });
  }
  // two variants claiming one value: dispatching on it would change the outcome, so do not
  if (new Set(mapping.map((m) => m.value)).size !== mapping.length) return undefined;
  mapping.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return { propertyName, mapping, ...(defaultTarget === undefined ? {} : { defaultTarget }) };
}

/** The string values a component schema's property may take, from `const` or `enum` (through refs and allOf). */
function allowedTagValues(schemaAt: (key: string) => unknown, key: string, property: string, depth = 0): string[] | undefined {
  if (depth > 5) return undefined;
  const resolve = (node: unknown): unknown => {
    for (let i = 0; i < 5 && isRaw(node) && typeof node['$ref'] === 'string'; i++) {
      const next = componentKeyOf(node['$ref']);
      node = next === undefined ? undefined : schemaAt(next);
    }
    return node;
  };
  const schema = resolve(schemaAt(key));
  if (!isRaw(schema)) return undefined;
  const direct = resolve(isRaw(schema['properties']) ? schema['properties'][property] : undefined);
  const isRequired = Array.isArray(schema['required']) && schema['required'].includes(property);
  if (isRaw(direct) && isRequired) {
    if (typeof direct['const'] === 'string') return [direct['const']];
    if (Array.isArray(direct['enum']) && direct['enum'].length > 0 && direct['enum'].every((v) => typeof v === 'string'))
      return direct['enum'] as string[];
  }
  for (const part of Array.isArray(schema['allOf']) ? schema['allOf'] : []) {
    const ref = isRaw(part) && typeof part['$ref'] === 'string' ? componentKeyOf(part['$ref']) : undefined;
    const values = ref !== undefined ? allowedTagValues(schemaAt, ref, property, depth + 1) : undefined;
    if (values) return values;
  }
  return undefined;
}

/** `not: {}` accepts nothing; any other `not` is one more part beside the schema's other keywords. */
function notToIr(raw: Raw, base: IrSchemaBase, pointer: string, ctx: SchemaContext): IrSchema {
  const not = raw['not'];
  if ((isRaw(not) && Object.keys(not).length === 0) || not === true) return { ...base, kind: 'never' };
  const negated: IrSchema = {
    kind: 'not',
    schema: schemaToIr(not, childPointer(pointer, 'not'), ctx),
    source: childPointer(pointer, 'not'),
  };
  const siblings = { ...raw };
  delete siblings['not'];
  const rest = schemaToIr(siblings, pointer, ctx);
  return rest.kind === 'unknown' ? { ...negated, ...base } : { ...base, kind: 'allOf', parts: [rest, negated] };
}

/** `enum`/`const` of any JSON values; objects and arrays are compared deeply (JSON Schema's equality). */
function literalToIr(
  kind: 'enum' | 'const',
  values: readonly unknown[],
  base: IrSchemaBase,
  pointer: string,
  ctx: SchemaContext,
  raw: Raw,
): IrSchema {
  const literals: IrLiteral[] = [];
  for (const value of values) {
    if (isJsonValue(value)) literals.push(value);
    else
      report(
        ctx,
        'model/unsupported-construct',
        childPointer(pointer, kind),
        `The ${kind} value ${String(value)} is not a JSON value.`,
        'Write the value as JSON: strings, finite numbers, booleans, null, arrays and objects.',
      );
  }
  reportContradictions(kind, literals, raw, pointer, ctx);
  if (kind === 'const') return { ...base, kind: 'const', value: literals[0] ?? null };
  if (literals.length === 1) return { ...base, kind: 'const', value: literals[0]! };
  return { ...base, kind: 'enum', values: literals };
}

/**
 * A value its own schema's `type` or bounds reject matches nothing by JSON Schema; published specs
 * have such contradictions (Adyen's gender: enum [MALE, FEMALE, UNKNOWN] with maxLength: 1) for
 * values their APIs send. The enum is the plainer statement: sdkgen checks it alone, as it always
 * has, and says where the spec contradicts itself.
 */
function reportContradictions(kind: 'enum' | 'const', literals: readonly IrLiteral[], raw: Raw, pointer: string, ctx: SchemaContext): void {
  const rejected: IrLiteral[] = [];
  const reasons = new Set<string>();
  for (const literal of literals) {
    const reason = rejectionOf(raw, literal);
    if (reason === undefined) continue;
    rejected.push(literal);
    reasons.add(reason);
  }
  if (rejected.length === 0) return;
  const one = rejected.length === 1;
  const all = rejected.length === literals.length;
  const shown =
    rejected
      .slice(0, 3)
      .map((literal) => JSON.stringify(literal))
      .join(', ') + (rejected.length > 3 ? ', …' : '');
  const subject =
    kind === 'const'
      ? `The const ${shown} fails`
      : all
        ? `Every value of this enum (${shown}) fails`
        : `${one ? 'One value' : `${rejected.length} values`} of this enum (${shown}) fail${one ? 's' : ''}`;
  const them = one ? 'it' : 'them';
  ctx.report({
    code: 'model/contradicting-enum',
    severity: 'warning',
    message: `${subject} ${[...reasons].join(' and ')} beside it, so a JSON Schema validator would reject ${them}${all ? ' (and every value)' : ''}. sdkgen checks the ${kind} alone, so it accepts ${them}.`,
    hint: defaultHint('model/contradicting-enum'),
    at: ctx.locate(childPointer(pointer, kind)),
  });
}

/**
 * The keyword beside an `enum` or `const` that rejects one of its values (`type: object`, say, for
 * `["sent"]`), written as the message names it; undefined when none does. `type` (with 3.0's
 * `nullable`), the length of a string and the bounds of a number; not `pattern` or `format`.
 */
function rejectionOf(raw: Raw, literal: IrLiteral): string | undefined {
  const declared = raw['type'];
  const types = (Array.isArray(declared) ? declared : declared === undefined ? [] : [declared]).filter((t): t is TypeName =>
    TYPES.includes(t as TypeName),
  );
  if (types.length > 0 && !(literal === null && raw['nullable'] === true)) {
    const own: TypeName =
      literal === null ? 'null' : Array.isArray(literal) ? 'array' : typeof literal === 'object' ? 'object' : (typeof literal as TypeName);
    const fits = types.includes(own) || (own === 'number' && types.includes('integer') && Number.isInteger(literal));
    if (!fits) return `\`type: ${types.length === 1 ? types[0] : `[${types.join(', ')}]`}\``;
  }
  if (typeof literal === 'string') {
    const length = [...literal].length;
    if (typeof raw['minLength'] === 'number' && length < raw['minLength']) return `\`minLength: ${raw['minLength']}\``;
    if (typeof raw['maxLength'] === 'number' && length > raw['maxLength']) return `\`maxLength: ${raw['maxLength']}\``;
  }
  if (typeof literal === 'number') {
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = raw;
    const below = (bound: unknown, exclusive: boolean) => typeof bound === 'number' && (exclusive ? literal <= bound : literal < bound);
    const above = (bound: unknown, exclusive: boolean) => typeof bound === 'number' && (exclusive ? literal >= bound : literal > bound);
    // 3.0's exclusive bounds are booleans beside minimum and maximum (read so in 3.1 too, with a warning)
    if (below(minimum, exclusiveMinimum === true)) return `\`minimum: ${minimum}\``;
    if (above(maximum, exclusiveMaximum === true)) return `\`maximum: ${maximum}\``;
    if (below(exclusiveMinimum, true)) return `\`exclusiveMinimum: ${exclusiveMinimum}\``;
    if (above(exclusiveMaximum, true)) return `\`exclusiveMaximum: ${exclusiveMaximum}\``;
  }
  return undefined;
}

function refToIr(ref: string, base: IrSchemaBase, pointer: string, ctx: SchemaContext): IrSchema {
  const target: RefTarget | Diagnostic = resolveRef(ref, childPointer(pointer, '$ref'), ctx.root, ctx.locate);
  if ('code' in target) {
    ctx.report(target);
    return { ...base, kind: 'unknown' };
  }
  if (target.componentKey !== undefined) {
    ctx.reads?.component(target.componentKey);
    return { ...base, kind: 'ref', target: target.componentKey };
  }
  ctx.reads?.elsewhere();
  // a hoisted schema is a ref to its name (schemaToIr), through which recursion works
  if (ctx.hoistTargets.has(target.pointer)) return { ...schemaToIr(target.value, target.pointer, ctx), ...stripUndefined(base) };
  // only refs that name other refs can lead back here: a target holding more is hoisted
  if (ctx.inlining.has(target.pointer)) {
    report(
      ctx,
      'model/ref-cycle',
      childPointer(pointer, '$ref'),
      `The $ref ${JSON.stringify(ref)} leads back to itself through refs that only name other refs, so it never reaches a schema.`,
    );
    return { ...base, kind: 'unknown' };
  }
  ctx.inlining.add(target.pointer);
  const inlined = schemaToIr(target.value, target.pointer, ctx);
  ctx.inlining.delete(target.pointer);
  return { ...inlined, ...stripUndefined(base) };
}

function acceptsNull(schema: IrSchema): boolean {
  if (schema.kind === 'null') return true;
  if (schema.kind === 'enum') return schema.values.includes(null);
  if (schema.kind === 'const') return schema.value === null;
  return schema.kind === 'union' && schema.variants.some(acceptsNull);
}

/**
 * `$recursiveRef: "#"` (2019-09, not part of OpenAPI 3.1's dialect) refers to the schema it
 * sits in; inside a component schema that is the component, which is how real specs use it.
 */
function recursiveRefToIr(raw: Raw, base: IrSchemaBase, pointer: string, ctx: SchemaContext): IrSchema {
  const at = childPointer(pointer, '$recursiveRef');
  const component = /^\/components\/schemas\/([^/]+)/.exec(pointer)?.[1];
  if (raw['$recursiveRef'] !== '#' || component === undefined) {
    report(
      ctx,
      'model/unsupported-construct',
      at,
      'Only `$recursiveRef: "#"` inside a component schema is supported.',
      'Use a `$ref` to the component schema instead.',
    );
    return { ...base, kind: 'unknown' };
  }
  const key = component.replace(/~1/g, '/').replace(/~0/g, '~');
  legacyForm(
    ctx,
    at,
    `\`$recursiveRef\` is JSON Schema 2019-09, not OpenAPI 3.1; sdkgen reads it as \`$ref: "#/components/schemas/${key}"\`.`,
  );
  return { ...base, kind: 'ref', target: key };
}

function addNull(schema: IrSchema, base: IrSchemaBase): IrSchema {
  if (schema.kind === 'enum') return { ...schema, values: [...schema.values, null] };
  const { description: _description, title: _title, default: _default, deprecated: _deprecated, ...inner } = schema;
  return { ...base, kind: 'union', mode: 'anyOf', variants: [inner as IrSchema, { kind: 'null', source: base.source }] };
}

function baseOf(raw: Raw, pointer: string): IrSchemaBase {
  return {
    source: pointer,
    ...(typeof raw['title'] === 'string' ? { title: raw['title'] } : {}),
    ...(typeof raw['description'] === 'string' ? { description: raw['description'] } : {}),
    ...(raw['deprecated'] === true ? { deprecated: true } : {}),
    ...(raw['readOnly'] === true ? { readOnly: true } : {}),
    ...(raw['writeOnly'] === true ? { writeOnly: true } : {}),
    ...('default' in raw ? { default: raw['default'] } : {}),
    ...(Array.isArray(raw['examples']) ? { examples: raw['examples'] } : 'example' in raw ? { examples: [raw['example']] } : {}),
  };
}

function numberKeys<K extends string>(raw: Raw, keys: readonly K[]): Partial<Record<K, number>> {
  const found: Partial<Record<K, number>> = {};
  for (const key of keys) if (typeof raw[key] === 'number') found[key] = raw[key];
  return found;
}

/** 3.0's boolean `exclusiveMinimum: true` means "minimum is exclusive". */
function numericKeys(
  raw: Raw,
  pointer: string,
  ctx: SchemaContext,
): Partial<Record<'minimum' | 'maximum' | 'exclusiveMinimum' | 'exclusiveMaximum' | 'multipleOf', number>> {
  const keys = numberKeys(raw, ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']);
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof raw[exclusive] !== 'boolean') continue;
    if (raw[exclusive] === true && typeof raw[bound] !== 'number')
      legacyForm(
        ctx,
        childPointer(pointer, exclusive),
        `\`${exclusive}: true\` has no \`${bound}\` to make exclusive, so it has no effect.`,
        `Give the \`${bound}\` it makes exclusive, or remove it.`,
      );
    else if (ctx.version !== '3.0')
      legacyForm(
        ctx,
        childPointer(pointer, exclusive),
        `A boolean \`${exclusive}\` is OpenAPI 3.0; 3.1 wants the bound itself (\`${exclusive}: <number>\`). sdkgen reads it the 3.0 way.`,
      );
  }
  if (raw['exclusiveMinimum'] === true && keys.minimum !== undefined) {
    keys.exclusiveMinimum = keys.minimum;
    delete keys.minimum;
  }
  if (raw['exclusiveMaximum'] === true && keys.maximum !== undefined) {
    keys.exclusiveMaximum = keys.maximum;
    delete keys.maximum;
  }
  return keys;
}

function patternOf(raw: Raw, pointer: string, ctx: SchemaContext): PatternKeys {
  return typeof raw['pattern'] === 'string' ? patternToIr(raw['pattern'], raw['maxLength'], childPointer(pointer, 'pattern'), ctx) : {};
}

/** `#/components/schemas/Foo` -> `Foo`; anything else -> undefined. */
export function componentKeyOf(ref: string): string | undefined {
  const match = /^#\/components\/schemas\/([^/]+)$/.exec(ref);
  return match ? decodeURIComponent(match[1]!).replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
}

/** A construct sdkgen does not check: generation goes on without it, and the warning says what is lost. */
function degraded(ctx: SchemaContext, pointer: string, message: string): void {
  ctx.report({
    code: 'model/unchecked-construct',
    severity: 'warning',
    message,
    hint: defaultHint('model/unchecked-construct'),
    at: ctx.locate(pointer),
  });
}

/**
 * A form another version of the spec format reads. The code's hint (write 3.1, or declare 3.0)
 * fits a 3.1 document; a 3.0 document is told the message's own fix.
 */
function legacyForm(ctx: SchemaContext, pointer: string, message: string, hint?: string): void {
  ctx.report({
    code: 'model/legacy-form',
    severity: 'warning',
    message,
    hint:
      hint ??
      (ctx.version === '3.0'
        ? 'Write it as the message says; the rest of the document stays OpenAPI 3.0.'
        : defaultHint('model/legacy-form')),
    at: ctx.locate(pointer),
  });
}

function report(ctx: SchemaContext, code: DiagnosticCode, pointer: string, message: string, hint?: string): void {
  ctx.report({ code, severity: 'error', message, hint: hint ?? defaultHint(code), at: ctx.locate(pointer) });
}

function isJsonValue(value: unknown): value is IrLiteral {
  // a number that is not finite (YAML's .inf) is reported where a validator would need it
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return true;
  if (Array.isArray(value)) return value.every(isJsonValue);
  return isRaw(value) && Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every(isJsonValue);
}

function isRaw(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([key, v]) => v !== undefined && key !== 'source')) as Partial<T>;
}

/** The `contentSchema` of a string whose `contentMediaType` is JSON (`application/json`, `application/*+json`). */
function jsonContentSchema(raw: Raw): unknown {
  const media = raw['contentMediaType'];
  if (typeof media !== 'string' || !/^application\/(.+\+)?json\s*(;.*)?$/i.test(media)) return undefined;
  return raw['contentSchema'];
}
