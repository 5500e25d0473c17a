// Every `@example` in the generated client's JSDoc is real code: extracted from src/client.ts
// and src/operations.ts of generated/ and two goldens, and type-checked under tsc --strict.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const PACKAGES = [
  { dir: 'generated', client: 'ChatKitClient' },
  { dir: 'test/golden/petstore-expanded', client: 'SwaggerPetstoreClient' },
  { dir: 'test/golden/pagination', client: 'PagesClient' },
];
let work: string | undefined;
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** The ```ts blocks of the JSDoc comments of a file, with the ` * ` prefixes removed. */
function exampleBlocks(source: string): string[] {
  const blocks: string[] = [];
  for (const match of source.matchAll(/\* ```ts\n([\s\S]*?)\n\s*\* ```/g)) {
    blocks.push((match[1] ?? '').split('\n').map((line) => line.replace(/^\s*\* ?/, '')).join('\n'));
  }
  return blocks;
}

describe('@example blocks', () => {
  it.each(PACKAGES)('$dir: every example type-checks against the package', async ({ dir, client }) => {
    work ??= await mkdtemp(join(tmpdir(), 'sdkgen-examples-'));
    const sources = await Promise.all(['src/client.ts', 'src/operations.ts'].map((path) => readFile(join(dir, path), 'utf8')));
    const blocks = sources.flatMap(exampleBlocks);
    expect(blocks.length).toBeGreaterThan(2);
    // the package's own classes and functions, as a user imports them from its root
    const exported = [...new Set(sources.flatMap((source) => [...source.matchAll(/^export (?:class|function) (\w+)/gm)].map((match) => match[1]!)))];
    expect(exported).toContain(client);
    const index = resolve(dir, 'src/index.js');
    const file = join(work, `${client}.ts`);
    await writeFile(
      file,
      [`import { ${exported.join(', ')} } from ${JSON.stringify(index)};`, `declare const client: ${client};`, `void client;`, ...blocks.map((block, i) => `export async function example${i}() {\n${block}\n}`)].join('\n'),
    );
    const config = join(work, `tsconfig.${client}.json`);
    await writeFile(
      config,
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'ES2022', moduleResolution: 'bundler', lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [], strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, noEmit: true, skipLibCheck: true, noUnusedLocals: false },
        files: [file],
      }),
    );
    const output = await promisify(execFile)(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', config]).then(
      () => '',
      (error: { stdout: string }) => error.stdout,
    );
    expect(output).toBe('');
  });
});
