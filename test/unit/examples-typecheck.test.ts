// Every `@example` in a generated package's JSDoc is real code: the blocks of src/client.ts,
// src/operations.ts and src/requests.ts of generated/ and two goldens, type-checked under
// tsc --strict, one program for all of them. (test/openai does the same for the whole OpenAI API.)
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleModules } from '../support/example-blocks.js';

const PACKAGES = ['generated', 'test/golden/petstore-expanded', 'test/golden/pagination'];
let work: string | undefined;
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('@example blocks', () => {
  it('of every package type-check against the package (client methods, operation functions and request builders)', async () => {
    work = await mkdtemp(join(tmpdir(), 'sdkgen-examples-'));
    const files: string[] = [];
    for (const [n, dir] of PACKAGES.entries()) {
      const [index, client, operations, requests] = await Promise.all(['index', 'client', 'operations', 'requests'].map((name) => readFile(join(dir, 'src', `${name}.ts`), 'utf8')));
      const modules = exampleModules({ index: index!, client: client!, operations: operations!, requests: requests! }, (module) => resolve(dir, 'src', `${module}.js`));
      // every operation has a builder example, and a method and a function example at least
      const operationCount = [...requests!.matchAll(/^export function /gm)].length;
      expect(modules.find((m) => m.name === 'requests')!.count, dir).toBe(operationCount);
      expect(modules.find((m) => m.name === 'client')!.count, dir).toBeGreaterThanOrEqual(2 * operationCount);
      for (const module of modules) {
        const file = join(work, `package${n}-${module.name}.ts`);
        await writeFile(file, module.text);
        files.push(file);
      }
    }
    const config = join(work, 'tsconfig.json');
    await writeFile(
      config,
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'ES2022', moduleResolution: 'bundler', lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [], strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, noEmit: true, skipLibCheck: true },
        files,
      }),
    );
    const output = await promisify(execFile)(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', config]).then(
      () => '',
      (error: { stdout: string }) => error.stdout,
    );
    expect(output).toBe('');
  });
});
