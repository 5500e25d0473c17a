// fast-check values for an IR schema: mostly valid ones built from the schema, near misses made
// by mutating them (a key dropped or added, a wrong type, a bound ±1, long strings, many
// map keys), and arbitrary JSON. Numbers stay below 1e12 (see differential.test.ts).
import fc from 'fast-check';
import type { IrApi, IrObjectSchema, IrSchema } from '../../generator/model/ir.js';

const SMALL_NUMBER = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 1, 0.5, 63, 64, 65, 512, 600, 601, 1e11),
);
const TEXT = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('', 'a', '😀😀', '__proto__', 'constructor', 'x'.repeat(70)),
);

/** JSON without huge numbers. */
export const anyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    SMALL_NUMBER,
    TEXT,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(TEXT, tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** Past this depth a value is any JSON: schemas that nest through inline parts (not refs) stop here too. */
const MAX_VALUE_DEPTH = 24;

export function valueOf(schema: IrSchema, api: IrApi, depth = 0): fc.Arbitrary<unknown> {
  if (depth > MAX_VALUE_DEPTH) return anyJson;
  const inner = (next: IrSchema) => valueOf(next, api, depth + 1);
  switch (schema.kind) {
    case 'ref': {
      const target = api.schemas.find((named) => named.key === schema.target);
      return target === undefined || depth > 6 ? anyJson : valueOf(target.schema, api, depth + 1);
    }
    case 'object':
      return objectOf([schema], api, depth);
    case 'allOf': {
      // Each part's value, merged when they are objects (as a value meeting every part would be).
      const parts = flatten(schema.parts, api);
      if (parts.every((part): part is IrObjectSchema => part.kind === 'object')) return objectOf(parts, api, depth);
      return fc.tuple(...parts.map(inner)).map((values) => (values.every(isPlainObject) ? merge(values) : values[0]));
    }
    case 'array': {
      // few items, fewer deep down; never fewer than minItems asks for (a spec's maxItems may be below it)
      const minLength = Math.min(schema.minItems ?? 0, 4);
      const rest = fc.array(inner(schema.items), {
        minLength,
        maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 4, depth > 2 ? 1 : 4)),
      });
      if (schema.prefixItems === undefined) return rest;
      // a tuple: its leading items, cut anywhere from minItems on, then maybe more
      const cut = fc.integer({ min: Math.min(schema.minItems ?? 0, schema.prefixItems.length), max: schema.prefixItems.length });
      return fc
        .tuple(fc.tuple(...schema.prefixItems.map(inner)), cut, schema.items.kind === 'never' ? fc.constant([]) : rest)
        .map(([leading, count, more]) => (count < leading.length ? leading.slice(0, count) : [...leading, ...more]));
    }
    case 'string':
      // file content: a Blob (valid), or the string a spec's example would show (invalid)
      if (schema.format === 'binary') return fc.oneof(fc.constant(new Blob(['x'])), stringOf(0, undefined, undefined));
      return stringOf(schema.minLength ?? 0, schema.maxLength, schema.pattern);
    case 'number':
      return numberOf(schema);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'enum':
      return fc.constantFrom(...schema.values);
    case 'const':
      return fc.constant(schema.value);
    case 'union':
      return schema.variants.length === 0 ? anyJson : fc.oneof(...schema.variants.map(inner));
    case 'unknown':
      return anyJson;
    case 'never':
      return fc.constant(undefined);
    case 'not':
      // any value: the oracle decides whether it falls inside the negated schema
      return anyJson;
  }
}

/** An allOf's parts, refs resolved and nested allOfs flattened. */
export function flatten(parts: readonly IrSchema[], api: IrApi, depth = 0): IrSchema[] {
  return parts.flatMap((part) => {
    const target = resolve(part, api);
    return target.kind === 'allOf' && depth < 8 ? flatten(target.parts, api, depth + 1) : [target];
  });
}

function merge(objects: readonly Record<string, unknown>[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const object of objects) for (const key of Object.keys(object)) define(out, key, object[key]);
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The schema a ref chain ends at (the schema itself when it is no ref). */
export function resolve(schema: IrSchema, api: IrApi): IrSchema {
  let current = schema;
  for (let hops = 0; current.kind === 'ref' && hops < 16; hops++) {
    const target = api.schemas.find((named) => named.key === (current as { target: string }).target);
    if (target === undefined) break;
    current = target.schema;
  }
  return current;
}

function objectOf(parts: readonly IrObjectSchema[], api: IrApi, depth: number): fc.Arbitrary<unknown> {
  const properties = parts.flatMap((part) => part.properties);
  const entries = properties.map((property) => {
    const value = valueOf(property.schema, api, depth + 1);
    return property.required
      ? value.map((v) => [property.name, v] as const)
      : fc.option(value, { freq: depth > 2 ? 1 : 2, nil: undefined }).map((v) => [property.name, v] as const);
  });
  // a property of the other direction (readOnly in a request shape, writeOnly in a response
  // shape) now and then, as a client that sends back what it read would
  const excluded = parts
    .flatMap((part) => part.excluded ?? [])
    .map((property) => fc.option(anyJson, { freq: 3, nil: undefined }).map((v) => [property.name, v] as const));
  entries.push(...excluded);
  const extra = parts.map((part) => part.additionalProperties).find((additional): additional is IrSchema => typeof additional === 'object');
  const names = parts.map((part) => part.propertyNames).find((schema) => schema !== undefined);
  const extras =
    extra === undefined
      ? fc.constant([] as [string, unknown][])
      : fc.array(fc.tuple(names === undefined ? TEXT : valueOf(names, api, depth + 1).map(String), valueOf(extra, api, depth + 1)), {
          maxLength: depth > 2 ? 1 : 4,
        });
  return fc.tuple(fc.tuple(...entries), extras).map(([own, more]) => {
    const object: Record<string, unknown> = {};
    for (const [key, value] of [...more, ...own]) if (value !== undefined) define(object, key, value);
    return object;
  });
}

function stringOf(minLength: number, maxLength: number | undefined, pattern: string | undefined): fc.Arbitrary<unknown> {
  if (pattern !== undefined) {
    // fast-check cannot generate for some patterns (a lookahead, in published specs): any text then
    const matching = patternStrings(pattern);
    return matching === undefined ? TEXT : fc.oneof(matching, TEXT);
  }
  const max = Math.min(maxLength ?? 20, minLength + 20);
  return fc.oneof(
    fc.string({ minLength, maxLength: max }),
    fc.string({ unit: 'binary', minLength, maxLength: max }),
    fc.constant('x'.repeat(Math.max(minLength, 1))),
  );
}

function patternStrings(pattern: string): fc.Arbitrary<string> | undefined {
  try {
    return fc.stringMatching(new RegExp(pattern, 'u'));
  } catch {
    return undefined;
  }
}

function numberOf(schema: Extract<IrSchema, { kind: 'number' }>): fc.Arbitrary<unknown> {
  const low = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
  const high = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1000);
  const bounds = [schema.minimum, schema.maximum, schema.exclusiveMinimum, schema.exclusiveMaximum].filter(
    (b): b is number => b !== undefined,
  );
  const edges = fc.constantFrom(...bounds.flatMap((b) => [b - 1, b, b + 1, b + 0.5]), 0);
  const step = schema.multipleOf;
  // fast-check's integers are safe integers: a bound past them (an int64 maximum written out,
  // 9223372036854776000) hangs its generator, so the range is cut to them (the edges keep the bound)
  const safe = (n: number) => Math.min(Math.max(n, Number.MIN_SAFE_INTEGER), Number.MAX_SAFE_INTEGER);
  const [min, max] = [safe(Math.ceil(Math.min(low, high))), safe(Math.floor(Math.max(low, high)))];
  // no integer between the bounds (exclusive 0 to 1, 0.2 to 0.8): the one past them
  const base =
    schema.integer || step !== undefined
      ? min <= max
        ? fc.integer({ min, max })
        : fc.constant(min)
      : fc.double({ min: Math.min(low, high), max: Math.max(low, high), noNaN: true, noDefaultInfinity: true });
  const stepped = step === undefined ? base : base.map((n) => Math.round((n as number) / step) * step);
  return fc.oneof(stepped, edges, SMALL_NUMBER);
}

/** Sets a key as an own data property, even `__proto__`. */
export function define(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

const MUTATIONS = [
  'drop-key',
  'add-key',
  'near-key',
  'wrong-type',
  'null',
  'bump-up',
  'bump-down',
  'long-string',
  'many-keys',
  'emoji',
] as const;

/** A near miss: one mutation at one place in a valid-looking value. */
export function nearMiss(value: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(value, fc.nat(), fc.constantFrom(...MUTATIONS), anyJson, TEXT)
    .map(([original, where, mutation, replacement, text]) => mutate(structuredClone(original), where, mutation, replacement, text));
}

function mutate(root: unknown, where: number, mutation: (typeof MUTATIONS)[number], replacement: unknown, text: string): unknown {
  const places: { parent: Record<string, unknown> | unknown[] | undefined; key: string | number; value: unknown }[] = [
    { parent: undefined, key: '', value: root },
  ];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach((item, i) => (places.push({ parent: value, key: i, value: item }), walk(item)));
    else if (typeof value === 'object' && value !== null)
      for (const key of Object.keys(value))
        places.push({ parent: value as Record<string, unknown>, key, value: (value as Record<string, unknown>)[key] }),
          walk((value as Record<string, unknown>)[key]);
  };
  walk(root);
  const place = places[where % places.length]!;
  const set = (next: unknown): unknown => {
    if (place.parent === undefined) return next;
    if (Array.isArray(place.parent)) place.parent[place.key as number] = next;
    else define(place.parent, place.key as string, next);
    return root;
  };
  const objects = places.filter((p) => typeof p.value === 'object' && p.value !== null && !Array.isArray(p.value));
  const object = objects.length > 0 ? (objects[where % objects.length]!.value as Record<string, unknown>) : undefined;
  switch (mutation) {
    case 'drop-key': {
      const key = object === undefined ? undefined : Object.keys(object)[where % Math.max(1, Object.keys(object).length)];
      if (object !== undefined && key !== undefined) delete object[key];
      return root;
    }
    case 'add-key':
      if (object !== undefined) define(object, text === '' ? 'extra' : text, replacement);
      return root;
    case 'near-key': {
      const key = object === undefined ? undefined : Object.keys(object)[where % Math.max(1, Object.keys(object).length)];
      if (object !== undefined && key !== undefined) define(object, `${key}s`, object[key]);
      return root;
    }
    case 'many-keys':
      if (object !== undefined) for (let i = 0; i < 66; i++) define(object, `k${i}`, i % 2 === 0 ? 'v' : i);
      return root;
    case 'wrong-type':
      return set(replacement);
    case 'null':
      return set(null);
    case 'bump-up':
      return set(typeof place.value === 'number' ? place.value + 1 : typeof place.value === 'string' ? `${place.value}x` : place.value);
    case 'bump-down':
      return set(typeof place.value === 'number' ? place.value - 1 : typeof place.value === 'string' ? place.value.slice(1) : place.value);
    case 'long-string':
      return set('y'.repeat(65 + (where % 10)));
    case 'emoji':
      return set('😀'.repeat(1 + (where % 70)));
  }
}
