// Shapes (emit/validators/shapes.ts) keeps each kept (frozen) IR node's serialization for a watch
// session's later runs. Numbering and hashing from the kept serializations must equal what a
// fresh serialization of the same nodes gives: the numbers name the check owners and the hashes
// name the shared shape checks and constants, so any difference changes validators.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Shapes } from '../../generator/emit/validators/shapes.js';
import { loadSpecFiles } from '../../generator/load/load-spec-files.js';
import { buildModel } from '../../generator/model/build-model.js';
import { ModelCache } from '../../generator/model/model-cache.js';
import type { IrSchema } from '../../generator/model/ir.js';
import { validateLater } from '../../generator/validate/validate-spec.js';

const SPECS = ['test/fixtures/specs/all-schema-constructs.yaml', 'test/fixtures/specs/json-schema-2020.yaml', 'spec/chatkit-sessions.yaml'];

/** Every schema node under `schema`, itself first, each once. */
function nodes(schema: IrSchema): IrSchema[] {
  const found: IrSchema[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    const node = value as { kind?: unknown; source?: unknown };
    if (typeof node.kind === 'string' && typeof node.source === 'string') found.push(value as IrSchema);
    for (const child of Object.values(value)) visit(child);
  };
  visit(schema);
  return found;
}

/** Each node's hash, and its number as the first node of its number (so equal partitions read the same). */
function shapesOf(schemas: readonly IrSchema[]): { hashes: string[]; classes: number[] } {
  const shapes = new Shapes();
  const number = shapes.numbering();
  const hash = shapes.hashing();
  const all = schemas.flatMap(nodes);
  const firsts = new Map<number, number>();
  return {
    hashes: all.map(hash),
    classes: all.map((node, i) => {
      const id = number(node);
      if (!firsts.has(id)) firsts.set(id, i);
      return firsts.get(id)!;
    }),
  };
}

describe('Shapes of kept IR nodes', () => {
  it.each(SPECS)('%s: numbered and hashed from kept serializations as from fresh ones', async (file) => {
    const spec = await loadSpecFiles(file, readFileSync(file, 'utf8'), file);
    const validation = await validateLater(spec);
    const { api } = buildModel(validation.checked, {}, new ModelCache());
    const schemas = api.schemas.map((named) => named.schema);
    expect(schemas.some((schema) => Object.isFrozen(schema))).toBe(true);
    const first = shapesOf(schemas); // serializes the frozen nodes and keeps them
    const again = shapesOf(schemas); // from what it kept
    const fresh = shapesOf(structuredClone(schemas)); // copies, not frozen: serialized anew
    expect(again).toEqual(first);
    expect(again).toEqual(fresh);
  });
});
