// Every `@example` in a generated package's JSDoc is real code: the blocks of src/client.ts,
// src/operations.ts and src/requests.ts of generated/ and two goldens, type-checked under
// tsc --strict, one program for all of them (test/support/typecheck.ts). (test/openai does the same for the whole OpenAI API.)
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleModules } from '../support/example-blocks.js';
import { typeCheckTrees } from '../support/typecheck.js';

const PACKAGES = ['generated', 'test/golden/petstore-expanded', 'test/golden/pagination'];

describe('@example blocks', () => {
  it('of every package type-check against the package (client methods, operation functions and request builders)', () => {
    const trees = [];
    for (const dir of PACKAGES) {
      const [index, client, operations, requests] = ['index', 'client', 'operations', 'requests'].map((name) =>
        readFileSync(join(dir, 'src', `${name}.ts`), 'utf8'),
      );
      const modules = exampleModules(
        { index: index!, client: client!, operations: operations!, requests: requests! },
        (module) => `./${module}.js`,
      );
      // every operation has a builder example, and a method and a function example at least
      const operationCount = [...requests!.matchAll(/^export function /gm)].length;
      expect(modules.find((m) => m.name === 'requests')!.count, dir).toBe(operationCount);
      expect(modules.find((m) => m.name === 'client')!.count, dir).toBeGreaterThanOrEqual(2 * operationCount);
      // each example module beside the package's sources, in memory
      trees.push({ root: resolve(dir), extra: new Map(modules.map((module) => [`src/examples-${module.name}.check.ts`, module.text])) });
    }
    // one program: the packages' strict options, the runtime core shared; the examples are not declarations
    const result = typeCheckTrees(trees, { compilerOptions: { skipLibCheck: true, isolatedDeclarations: false, declaration: false } });
    expect(result.output).toBe('');
  }, 300_000);
});
