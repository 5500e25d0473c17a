// The guarded type and the emitted type agree: values the generated validator accepts in
// 'strict' mode (sampled as in the differential test) are written as typed literals,
// `const value: types.X = <value>`, next to the generated types.ts and compiled with tsc
// --strict. (TypeScript cannot express bounds or patterns, so only this direction is checked.)
// Schemas with a property named like an Object.prototype member are left out: in TypeScript an
// object literal always "has" `constructor` (typed Function), so no literal matches an interface
// declaring `constructor?: number`. That is a limit of the emitted type, not of the validator.
import { basename, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IrApi, IrSchema } from '../../generator/model/ir.js';
import { generate } from '../../generator/pipeline.js';
import { valueOf } from './arbitraries.js';
import { typeCheckTrees } from '../support/typecheck.js';
import { bundleFiles, specIr, validatorOf } from './harness.js';
import { pathToFileURL } from 'node:url';

const SPECS = ['spec/chatkit-sessions.yaml', 'test/fixtures/specs/all-schema-constructs.yaml', 'test/validators/fixtures/constructs.yaml'];
const PER_SCHEMA = 15;

describe('accepted values type-check as the emitted types', () => {
  it(`${PER_SCHEMA} accepted values per schema, of ${SPECS.join(', ')}`, async () => {
    const trees = [];
    for (const spec of SPECS) {
      const api = await specIr(spec);
      const { files } = await generate({ spec, write: false });
      const module = (await import(pathToFileURL(await bundleFiles(files, 'src/validators.ts')).href)) as Record<string, unknown>;
      const lines = ["import type * as types from './types.js';", ''];
      let count = 0;
      for (const named of api.schemas) {
        if (declaresInherited(named.schema, api, new Set())) continue;
        const validate = validatorOf(module, named.name.text);
        const values = fc.sample(valueOf(named.schema, api), { numRuns: 200, seed: 7 }).filter((value) => {
          const text = JSON.stringify(value);
          return value !== undefined && !text.includes('"__proto__"') && validate(value, 'strict').length === 0;
        });
        for (const value of values.slice(0, PER_SCHEMA))
          lines.push(`export const value${count++}: types.${named.name.text} = ${JSON.stringify(value)};`);
      }
      expect(count, spec).toBeGreaterThan(api.schemas.length);
      // beside the package's own files, in memory (the package itself is checked by the goldens)
      trees.push({
        root: resolve('test/.virtual/types-agree', basename(spec)),
        files: new Map(files.map((file) => [file.path, file.text])),
        extra: new Map([['src/accepted-values.ts', `${lines.join('\n')}\n`]]),
      });
    }
    // one program over the three value modules and the types they import
    const tsc = typeCheckTrees(trees, { compilerOptions: { skipLibCheck: true }, roots: 'extra' }).output;
    expect(tsc.split('\n').slice(0, 10).join('\n')).toBe('');
  });
});

const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

function declaresInherited(schema: IrSchema, api: IrApi, seen: Set<string>): boolean {
  const inner = (next: IrSchema) => declaresInherited(next, api, seen);
  switch (schema.kind) {
    case 'ref': {
      if (seen.has(schema.target)) return false;
      seen.add(schema.target);
      const target = api.schemas.find((named) => named.key === schema.target);
      return target !== undefined && inner(target.schema);
    }
    case 'object':
      return (
        schema.properties.some((property) => INHERITED.has(property.name) || inner(property.schema)) ||
        (typeof schema.additionalProperties === 'object' && inner(schema.additionalProperties))
      );
    case 'array':
      return inner(schema.items);
    case 'union':
      return schema.variants.some(inner);
    case 'allOf':
      return schema.parts.some(inner);
    default:
      return false;
  }
}
