// generator/model/directions.ts on hand-built IR: which named schemas differ by direction, what
// each direction's shape holds, and that an allOf which refers to itself ends.
import { describe, expect, it } from 'vitest';
import { directionalKeys, isExcluded, shapeFor } from '../../generator/model/directions.js';
import type { IrObjectSchema, IrSchema } from '../../generator/model/ir.js';

const str = (extra: Partial<IrSchema> = {}): IrSchema => ({ kind: 'string', source: '', ...extra }) as IrSchema;
const obj = (properties: Record<string, IrSchema>, required: string[] = []): IrObjectSchema => ({
  kind: 'object',
  source: '',
  properties: Object.entries(properties).map(([name, schema]) => ({ name, required: required.includes(name), schema })),
  additionalProperties: true,
  additionalPropertiesDeclared: false,
});
const ref = (target: string, extra: Partial<IrSchema> = {}): IrSchema => ({ kind: 'ref', target, source: '', ...extra }) as IrSchema;

describe('directions', () => {
  it('a schema differs when it holds or reaches a readOnly/writeOnly property, through refs, arrays and unions', () => {
    const schemas = new Map<string, IrSchema>([
      ['Plain', obj({ a: str() })],
      ['Secret', obj({ password: str({ writeOnly: true }) })],
      ['List', { kind: 'array', source: '', items: ref('Secret') }],
      ['Either', { kind: 'union', mode: 'anyOf', source: '', variants: [ref('Plain'), ref('List')] }],
      ['Stamped', obj({ at: ref('Plain', { readOnly: true }) })],
    ]);
    expect([...directionalKeys(schemas)].sort()).toEqual(['Either', 'List', 'Secret', 'Stamped']);
  });

  it('the keyword marks a property on its schema, a $ref beside it, an allOf part of it, or the named schema it refers to', () => {
    const resolve = (key: string): IrSchema | undefined =>
      key === 'Stamp' ? str({ readOnly: true }) : key === 'Plain' ? str() : undefined;
    expect(isExcluded(str({ readOnly: true }), 'request', resolve)).toBe(true);
    expect(isExcluded(ref('Plain', { readOnly: true }), 'request', resolve)).toBe(true);
    expect(
      isExcluded({ kind: 'allOf', source: '', parts: [ref('Plain'), { kind: 'unknown', source: '', readOnly: true }] }, 'request', resolve),
    ).toBe(true);
    expect(isExcluded(ref('Stamp'), 'request', resolve)).toBe(true);
    expect(isExcluded(ref('Stamp'), 'response', resolve)).toBe(false);
    expect(isExcluded(ref('Plain'), 'request', resolve)).toBe(false);
  });

  it('a $ref sibling marks the property; a request shape points at request shapes', () => {
    const resolve = (key: string): IrSchema | undefined => (key === 'Owner' ? obj({ id: str({ readOnly: true }) }) : undefined);
    const pet = obj({ id: ref('Owner', { readOnly: true }), owner: ref('Owner'), name: str() }, ['id', 'name']);
    const request = shapeFor(pet, 'request', resolve, (key) => `${key} (request)`) as IrObjectSchema;
    expect(request.properties.map((p) => [p.name, p.schema.kind === 'ref' ? p.schema.target : p.schema.kind])).toEqual([
      ['owner', 'Owner (request)'],
      ['name', 'string'],
    ]);
    expect(request.excluded).toEqual([{ name: 'id', keyword: 'readOnly' }]);
    const response = shapeFor(pet, 'response', resolve, (key) => key) as IrObjectSchema;
    expect(response.properties.map((p) => p.name)).toEqual(['id', 'owner', 'name']);
    expect(response.excluded).toBeUndefined();
  });

  it('an allOf part that marks a property leaves it out of a referenced part, and an allOf that refers to itself ends', () => {
    const loop: IrSchema = {
      kind: 'allOf',
      source: '',
      parts: [ref('Loop'), obj({ id: str(), name: str() }, ['id']), obj({ id: { kind: 'unknown', source: '', readOnly: true } })],
    };
    const resolve = (key: string): IrSchema | undefined => (key === 'Loop' ? loop : undefined);
    const shaped = shapeFor(loop, 'request', resolve, (key) => key);
    const names = (schema: IrSchema): unknown =>
      schema.kind === 'allOf' ? schema.parts.map(names) : schema.kind === 'object' ? schema.properties.map((p) => p.name) : schema.kind;
    // the referenced part (itself) is inlined once without `id`; inside it, the ref stays a ref
    expect(names(shaped)).toEqual([['ref', ['name'], []], ['name'], []]);
  });
});
