// Schemas named although no component names them. A $ref may point into part of another schema
// (`#/components/schemas/Gateway/properties/rules/items`, or into an operation's body). When
// that part holds such refs itself, copying it at each ref copies what its refs point at too:
// a chain of them grew the output exponentially (a valid 3 KB spec of 22 schemas, each a ref
// into the next one's properties, ran for minutes) and a cycle of them had no end (Azure's and
// Codat's specs). Such a part is a named schema, keyed by its pointer, and met everywhere as a
// ref to that name (schemas.ts). A part that holds no such ref is copied where it is used: its
// copies grow with the spec, and a leaf (`#/components/schemas/Page/properties/page`, as Linode
// writes) needs no name of its own.
//
// Its name is its owner's (the component schema's type name, or the operation's for a part of
// one) followed by the way down to it, as a person would say it: `GatewayRulesItem`.
import { decodePointer, encodePointer, valueAt } from '../load/pointer.js';
import { toTypeName } from './names.js';
import { componentSchemaKey } from './refs.js';

/**
 * Keys whose values are data, not schemas or OpenAPI objects, where a `$ref` key is left alone
 * (examples, defaults, literals); so are `x-` extensions other than sdkgen's own.
 */
const DATA_KEYS: ReadonlySet<string> = new Set(['example', 'examples', 'default', 'const', 'enum']);

/** Keys whose values map names to schemas or OpenAPI objects: a key there (`default`, `x-id`) is a name. */
const NAME_MAPS: ReadonlySet<string> = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
  'components',
  'schemas',
  'parameters',
  'responses',
  'requestBodies',
  'headers',
  'links',
  'callbacks',
  'pathItems',
  'mediaTypes',
  'paths',
  'webhooks',
  'content',
  'encoding',
]);

/** The pointers of the parts of schemas that are named (see the top of this file). */
export function hoistedTargets(root: unknown): Set<string> {
  const targets = new Set<string>();
  const decided = new Set<string>();
  const visit = (node: unknown, isNameMap: boolean): void => {
    const pointer = isNameMap ? undefined : inlinedRef(node);
    if (pointer !== undefined && !decided.has(pointer)) {
      decided.add(pointer);
      if (holdsInlinedRefBelow(valueAt(root, decodePointer(pointer)))) targets.add(pointer);
    }
    forEachChild(node, visit, isNameMap);
  };
  visit(root, false);
  return targets;
}

/**
 * Whether an inlined ref is in `value` below its top: a part that is only such a ref
 * (`region: { $ref: '#/components/schemas/Region/properties/id' }`) is an alias, followed to
 * where it leads and decided there.
 */
function holdsInlinedRefBelow(value: unknown, isNameMap = false): boolean {
  let found = false;
  forEachChild(
    value,
    (child, childIsNameMap) => {
      found ||= (!childIsNameMap && inlinedRef(child) !== undefined) || holdsInlinedRefBelow(child, childIsNameMap);
    },
    isNameMap,
  );
  return found;
}

/** The canonical pointer of a node's local `$ref` that does not name a component schema (it is inlined, or hoisted). */
function inlinedRef(node: unknown): string | undefined {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
  const ref = (node as Record<string, unknown>)['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
  try {
    const segments = decodePointer(ref);
    return componentSchemaKey(segments) === undefined ? encodePointer(segments) : undefined;
  } catch {
    return undefined; // not a pointer: resolveRef reports it where it is used
  }
}

/**
 * Calls `visit` on each item of an array, or on each value of an object but its `$ref` and its
 * data (DATA_KEYS, `x-`); in a map of names (`isNameMap`), on every value.
 */
function forEachChild(node: unknown, visit: (child: unknown, isNameMap: boolean) => void, isNameMap = false): void {
  if (Array.isArray(node)) {
    for (const item of node) visit(item, false);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  // for-in, not Object.entries: this walks the whole document on every run, and makes no array per node
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    if (!isNameMap && (key === '$ref' || DATA_KEYS.has(key) || (key.startsWith('x-') && !key.startsWith('x-sdk-')))) continue;
    const value = record[key];
    if (typeof value === 'object' && value !== null) visit(value, !isNameMap && NAME_MAPS.has(key));
  }
}

export interface HoistedOwners {
  /** Type names of the component schemas, by key. */
  readonly schemas: ReadonlyMap<string, string>;
  /** The PascalCase name of each operation (its inline body is `${name}Body`), by its pointer (`/paths/~1pets/get`). */
  readonly operations: ReadonlyMap<string, string>;
}

/** Keywords followed by a name or index that the way down says in its own word, or not at all (''). */
const NAMED_STEPS: Readonly<Record<string, (next: string) => string>> = {
  properties: toTypeName,
  patternProperties: () => 'Value',
  $defs: toTypeName,
  definitions: toTypeName,
  dependentSchemas: toTypeName,
  prefixItems: (next) => `Item${ordinal(next)}`,
  allOf: (next) => `Part${ordinal(next)}`,
  anyOf: (next) => `Variant${ordinal(next)}`,
  oneOf: (next) => `Variant${ordinal(next)}`,
  content: () => '',
  responses: () => 'Response',
  headers: toTypeName,
  parameters: () => 'Parameter',
};

/** Keywords that stand alone. */
const STEPS: Readonly<Record<string, string>> = {
  items: 'Item',
  additionalProperties: 'Value',
  unevaluatedProperties: 'Value',
  not: 'Not',
  schema: '',
  requestBody: 'Body',
};

/** The type name for the schema at `pointer` (a JSON pointer without `#`). */
export function hoistedName(pointer: string, owners: HoistedOwners): string {
  const segments = decodePointer(pointer);
  let owner = '';
  let rest = segments;
  if (segments[0] === 'components' && segments[1] === 'schemas' && segments[2] !== undefined) {
    owner = owners.schemas.get(segments[2]) ?? toTypeName(segments[2]);
    rest = segments.slice(3);
  } else if (segments[0] === 'paths' && segments[1] !== undefined && segments[2] !== undefined) {
    const operation = owners.operations.get(encodePointer(segments.slice(0, 3)));
    if (operation !== undefined) {
      owner = operation;
      rest = segments.slice(3);
    }
  } else if (segments[0] === 'components' && segments[1] !== undefined && segments[2] !== undefined) {
    // a shared body or response is named as build-model.ts names one that is not hoisted
    const suffix = { requestBodies: 'Body', responses: 'Response' }[segments[1]] ?? '';
    const component = toTypeName(segments[2]);
    owner = component.endsWith(suffix) ? component : `${component}${suffix}`;
    rest = segments.slice(3);
  }
  const words = [owner];
  for (let i = 0; i < rest.length; i++) {
    const segment = rest[i]!;
    const named = Object.hasOwn(NAMED_STEPS, segment) ? NAMED_STEPS[segment] : undefined;
    if (named !== undefined && i + 1 < rest.length) {
      words.push(named(rest[i + 1]!));
      i++;
    } else {
      words.push(Object.hasOwn(STEPS, segment) ? STEPS[segment]! : toTypeName(segment));
    }
  }
  return toTypeName(words.filter(Boolean).join(' '));
}

/** A zero-based index as people count: `0` is 1. */
function ordinal(index: string): string {
  return /^\d+$/.test(index) ? String(Number(index) + 1) : toTypeName(index);
}
