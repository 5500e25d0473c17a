// The names of hoisted schemas: a schema that non-component $refs point at and that holds such
// refs itself is a named schema (schemas.ts, hoists), keyed by its pointer. Its name is its
// owner's (the component schema's type name, or the operation's for a schema inside one)
// followed by the way down to it, as a person would say it: `#/components/schemas/Gateway/
// properties/rules/items` is `GatewayRulesItem`.
import { decodePointer, encodePointer } from '../load/pointer.js';
import { toTypeName } from './names.js';

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
