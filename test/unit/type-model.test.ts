// generator/emit/types/type-model.ts as given/want tables: a hand-built IR schema and the type
// of it in types.ts, printed by types/layout.ts exactly as the file has it (`export type T = …`,
// or an interface for an object). `open` is the response reading (an API may add enum values).
import { describe, expect, it } from 'vitest';
import { printDeclaration } from '../../generator/emit/types/layout.js';
import {
  mentionsUploadable,
  objectType,
  typeOf,
  type PropertySource,
  type TsType,
  type TypeContext,
} from '../../generator/emit/types/type-model.js';
import type { IrLiteral, IrObjectSchema, IrSchema } from '../../generator/model/ir.js';

// small IR builders (every node needs a `source`; the type layer never reads it)
const s = { source: '' };
const str = (extra: object = {}): IrSchema => ({ kind: 'string', ...s, ...extra });
const int: IrSchema = { kind: 'number', integer: true, ...s };
const num: IrSchema = { kind: 'number', integer: false, ...s };
const bool: IrSchema = { kind: 'boolean', ...s };
const nul: IrSchema = { kind: 'null', ...s };
const unknown: IrSchema = { kind: 'unknown', ...s };
const never: IrSchema = { kind: 'never', ...s };
const ref = (target: string, extra: object = {}): IrSchema => ({ kind: 'ref', target, ...s, ...extra });
const enumOf = (...values: IrLiteral[]): IrSchema => ({ kind: 'enum', values, ...s });
const constOf = (value: IrLiteral): IrSchema => ({ kind: 'const', value, ...s });
const array = (items: IrSchema, extra: object = {}): IrSchema => ({ kind: 'array', items, ...s, ...extra });
const anyOf = (...variants: IrSchema[]): IrSchema => ({ kind: 'union', mode: 'anyOf', variants, ...s });
const allOf = (...parts: IrSchema[]): IrSchema => ({ kind: 'allOf', parts, ...s });
const obj = (properties: Record<string, IrSchema>, required: string[] = [], additionalProperties?: boolean | IrSchema): IrObjectSchema => ({
  kind: 'object',
  ...s,
  properties: Object.entries(properties).map(([name, schema]) => ({ name, required: required.includes(name), schema })),
  additionalProperties: additionalProperties ?? true,
  additionalPropertiesDeclared: additionalProperties !== undefined,
});

/** The named schemas refs point at: a key, its type name (as build-model named it) and its schema. */
const NAMED: Record<string, { name: string; schema: IrSchema }> = {
  Pet: { name: 'Pet', schema: obj({ name: str() }, ['name']) },
  'chat-model': { name: 'ChatModel', schema: enumOf('gpt-4o', 'o3') },
  Plain: { name: 'Plain', schema: str() },
};
const ctx: TypeContext = {
  refName: (key) => NAMED[key]?.name ?? key,
  resolve: (key) => NAMED[key]?.schema,
  links: { named: [] },
};

const printed = (type: TsType) => printDeclaration({ name: 'T', type }).text;

describe('typeOf', () => {
  it.each<{ rule: string; given: IrSchema; open?: boolean; want: string }>([
    // scalars
    { rule: 'string', given: str(), want: 'export type T = string;' },
    { rule: 'a format other than binary is still a string', given: str({ format: 'date-time' }), want: 'export type T = string;' },
    { rule: 'integer and number are both number', given: anyOf(int, num), want: 'export type T = number;' },
    { rule: 'boolean', given: bool, want: 'export type T = boolean;' },
    { rule: 'null', given: nul, want: 'export type T = null;' },
    { rule: '{} (any value)', given: unknown, want: 'export type T = unknown;' },
    { rule: 'false (no value) is unknown, as openapi-typescript wrote it', given: never, want: 'export type T = unknown;' },
    { rule: 'a `not` is unknown: types cannot say "not"', given: { kind: 'not', schema: str(), ...s }, want: 'export type T = unknown;' },
    // uploads
    { rule: 'format: binary is file content', given: str({ format: 'binary' }), want: 'export type T = Uploadable;' },
    { rule: 'an array of files', given: array(str({ format: 'binary' })), want: 'export type T = Uploadable[];' },
    // refs
    { rule: 'a ref is the named type of its target', given: ref('chat-model'), want: 'export type T = ChatModel;' },
    // enums and consts
    { rule: 'a string enum in a request lists only what may be sent', given: enumOf('a', 'b'), want: "export type T = 'a' | 'b';" },
    {
      rule: 'a string enum in a response is open',
      given: enumOf('a', 'b'),
      open: true,
      want: "export type T = 'a' | 'b' | (string & {});",
    },
    { rule: 'a number enum stays closed in a response', given: enumOf(1, 2, -3), open: true, want: 'export type T = 1 | 2 | -3;' },
    { rule: 'an enum with a quote picks the other quote', given: enumOf("it's", 'plain'), want: "export type T = \"it's\" | 'plain';" },
    { rule: 'a const string', given: constOf('list'), want: "export type T = 'list';" },
    { rule: 'const: null is null (openapi-typescript wrote unknown)', given: constOf(null), want: 'export type T = null;' },
    {
      rule: 'a union with const: null is the other variants or null',
      given: anyOf(str(), constOf(null)),
      want: 'export type T = string | null;',
    },
    {
      rule: 'a const object is the type of exactly that value',
      given: constOf({ a: 1, b: [true, 'x'] }),
      want: "export interface T {\n  a: 1;\n  b: [true, 'x'];\n}",
    },
    // nullable (3.0 `nullable: true` and 3.1 `type: [T, 'null']` both reach the IR as this union)
    { rule: 'nullable string', given: anyOf(str(), nul), want: 'export type T = string | null;' },
    { rule: 'a nullable ref hugs its null', given: anyOf(ref('Pet'), nul), want: 'export type T = Pet | null;' },
    { rule: 'a repeated keyword is kept once', given: anyOf(str(), str(), nul), want: 'export type T = string | null;' },
    { rule: 'an empty union is unknown', given: anyOf(), want: 'export type T = unknown;' },
    // open string unions: `string | 'a'` would reduce to `string`, and completion would be lost
    {
      rule: 'a string beside string literals keeps the literals',
      given: anyOf(str(), enumOf('gpt-4o', 'o3')),
      want: "export type T = 'gpt-4o' | 'o3' | (string & {});",
    },
    {
      rule: 'a string beside a ref to an enum, nullable: `(string & {})` before the null',
      given: anyOf(ref('chat-model'), str(), nul),
      want: 'export type T = ChatModel | (string & {}) | null;',
    },
    {
      rule: 'a ref to a plain string counts as a string',
      given: anyOf(ref('Plain'), constOf('auto')),
      want: "export type T = 'auto' | (string & {});",
    },
    {
      rule: 'an open enum in a response does not add a second `(string & {})`',
      given: anyOf(str(), enumOf('a')),
      open: true,
      want: "export type T = 'a' | (string & {});",
    },
    // arrays and tuples
    { rule: 'an array', given: array(str()), want: 'export type T = string[];' },
    { rule: 'an array of arrays', given: array(array(int)), want: 'export type T = number[][];' },
    { rule: 'an array of a union is parenthesized', given: array(anyOf(str(), int)), want: 'export type T = (string | number)[];' },
    {
      rule: 'an array of a negative literal is Array<…> (prettier cannot parse `-1[]`)',
      given: array(constOf(-1)),
      want: 'export type T = Array<-1>;',
    },
    {
      rule: 'prefixItems: required up to minItems, optional after, rest from items',
      given: array(str(), { prefixItems: [num, num, bool], minItems: 2 }),
      want: 'export type T = [number, number, boolean?, ...string[]];',
    },
    {
      rule: 'prefixItems with items: false is a closed tuple',
      given: array(never, { prefixItems: [num, num], minItems: 2 }),
      want: 'export type T = [number, number];',
    },
    {
      rule: 'maxItems cuts the tuple',
      given: array(unknown, { prefixItems: [num, num, num], maxItems: 2 }),
      want: 'export type T = [number?, number?];',
    },
    // objects
    {
      rule: 'an object is an interface: required and optional properties, keys quoted when not identifiers',
      given: obj({ id: str(), 'x-trace': str(), '2': int, $ref: str() }, ['id']),
      // integer keys come first, as JavaScript orders them
      want: "export interface T {\n  2?: number;\n  id: string;\n  'x-trace'?: string;\n  $ref?: string;\n}",
    },
    {
      rule: 'an object without properties or declared additionalProperties',
      given: obj({}),
      want: 'export type T = Record<string, unknown>;',
    },
    { rule: 'additionalProperties: true, declared', given: obj({}, [], true), want: 'export type T = {\n  [key: string]: unknown;\n};' },
    { rule: 'additionalProperties: a schema', given: obj({}, [], int), want: 'export type T = {\n  [key: string]: number;\n};' },
    {
      rule: 'properties and additionalProperties: the properties & the index signature',
      given: obj({ id: str() }, ['id'], ref('Pet')),
      want: 'export type T = {\n  id: string;\n} & {\n  [key: string]: Pet;\n};',
    },
    {
      rule: 'additionalProperties: false is just the properties',
      given: obj({ id: str() }, ['id'], false),
      want: 'export interface T {\n  id: string;\n}',
    },
    {
      rule: 'a property keeps its description and format as a comment',
      given: obj({ at: str({ format: 'date-time', description: 'When it happened.' }) }, ['at']),
      want: 'export interface T {\n  /**\n   * When it happened.\n   *\n   * Format: date-time\n   */\n  at: string;\n}',
    },
    {
      rule: 'a nested object is an inline object type; open propagates into it',
      given: obj({ status: obj({ state: enumOf('on', 'off') }, ['state']) }, ['status']),
      open: true,
      want: "export interface T {\n  status: {\n    state: 'on' | 'off' | (string & {});\n  };\n}",
    },
    // allOf
    {
      rule: 'allOf of refs is an intersection',
      given: allOf(ref('Pet'), obj({ id: str() }, ['id'])),
      want: 'export type T = Pet & {\n  id: string;\n};',
    },
    { rule: 'allOf of one part is that part', given: allOf(ref('Pet')), want: 'export type T = Pet;' },
    { rule: 'allOf drops bare `{}` parts; nothing left is unknown', given: allOf(unknown, unknown), want: 'export type T = unknown;' },
  ])('$rule', ({ given, open, want }) => {
    expect(printed(typeOf(given, ctx, open))).toBe(want);
  });
});

describe('objectType', () => {
  it.each<{ rule: string; given: { properties: PropertySource[]; additional?: true | IrSchema }; want: TsType }>([
    {
      rule: 'nothing: Record<string, unknown>',
      given: { properties: [] },
      want: { kind: 'record' },
    },
    {
      rule: 'a parameter group: its own description replaces the schema one',
      given: {
        properties: [
          {
            name: 'limit',
            required: false,
            schema: { kind: 'number', integer: true, source: '', description: 'schema text' },
            description: 'How many.',
          },
        ],
      },
      want: {
        kind: 'object',
        members: [{ kind: 'property', key: 'limit', optional: true, type: { kind: 'keyword', name: 'number' }, comment: '* How many. ' }],
      },
    },
    {
      rule: 'a property repeated by name is one member, at its first place, with its last schema',
      given: {
        properties: [
          { name: 'a', required: true, schema: str() },
          { name: 'b', required: true, schema: str() },
          { name: 'a', required: false, schema: int },
        ],
      },
      want: {
        kind: 'object',
        members: [
          { kind: 'property', key: 'a', optional: false, type: { kind: 'keyword', name: 'number' } },
          { kind: 'property', key: 'b', optional: false, type: { kind: 'keyword', name: 'string' } },
        ],
      },
    },
    {
      rule: 'additional properties alone: an object type of one index signature',
      given: { properties: [], additional: true },
      want: { kind: 'object', members: [{ kind: 'index', type: { kind: 'keyword', name: 'unknown' } }] },
    },
  ])('$rule', ({ given, want }) => {
    expect(objectType(given.properties, given.additional, ctx)).toEqual(want);
  });
});

describe('mentionsUploadable', () => {
  // whether types.ts must import Uploadable for this type
  it.each([
    { rule: 'a file', given: str({ format: 'binary' }), want: true },
    { rule: 'an array of files in a property', given: obj({ files: array(str({ format: 'binary' })) }), want: true },
    { rule: 'a nullable file', given: anyOf(str({ format: 'binary' }), nul), want: true },
    { rule: 'a file in additionalProperties', given: obj({ name: str() }, [], str({ format: 'binary' })), want: true },
    { rule: 'a file as the rest of a tuple', given: array(str({ format: 'binary' }), { prefixItems: [int], minItems: 1 }), want: true },
    { rule: 'a tuple without files', given: array(str(), { prefixItems: [int], minItems: 1 }), want: false },
    // a ref is a name: the named type's own declaration imports what it needs
    { rule: 'a ref', given: ref('Pet'), want: false },
  ])('$rule -> $want', ({ given, want }) => {
    expect(mentionsUploadable(typeOf(given, ctx))).toBe(want);
  });
});
