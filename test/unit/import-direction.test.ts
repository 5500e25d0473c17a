// The generator's stages import one way only: each stage may import the stages before it, never
// one after it. A stage that reached forward (load importing emit, say) would tie a low stage to
// a high one's changes and make import cycles possible. Every relative import of every file
// under generator/ is checked, static and dynamic, type-only included.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const GENERATOR = resolve(dirname(fileURLToPath(import.meta.url)), '../../generator');

/**
 * The stages in order. A file may import its own stage and the stages before it. The commands
 * (the CLI, `diff`, `watch`, the library entry) sit on top and may import everything.
 */
const STAGES = ['diagnostics', 'load', 'validate', 'model', 'emit', 'format', 'write', 'pipeline', 'commands'] as const;

function stageOf(file: string): number {
  const path = relative(GENERATOR, file).split('\\').join('/');
  const top = path.includes('/') ? path.slice(0, path.indexOf('/')) : path.replace(/\.ts$/, '');
  const stage =
    (
      {
        pipeline: 'pipeline',
        diff: 'commands',
        watch: 'commands',
        cli: 'commands',
        'cli-flags': 'commands',
        bin: 'commands',
        'v8-flags': 'commands',
        index: 'commands',
      } as Record<string, string>
    )[top] ?? top;
  const index = STAGES.indexOf(stage as (typeof STAGES)[number]);
  if (index < 0) throw new Error(`${path} is in no stage: add its folder to STAGES in this test`);
  return index;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Relative module specifiers of `import … from`, `export … from`, `import('…')` and `import type`. */
function relativeImports(text: string): string[] {
  const specifiers: string[] = [];
  for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"]+)\1/gm)) specifiers.push(match[2]!);
  return specifiers;
}

describe('import direction', () => {
  it('finds static, type-only, re-export and dynamic imports', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b/b.js';",
      "export { c } from './c.js';",
      "const d = await import('../d/d.js');",
      "import './e.js';",
      "const f = 'from ./not-an-import.js';",
    ].join('\n');
    expect(relativeImports(text)).toEqual(['./a.js', '../b/b.js', './c.js', '../d/d.js', './e.js']);
  });

  it('every generator file imports only its own stage and the stages before it', () => {
    const files = sourceFiles(GENERATOR);
    expect(files.length).toBeGreaterThan(100);
    const backwards: string[] = [];
    for (const file of files) {
      const from = stageOf(file);
      for (const specifier of relativeImports(readFileSync(file, 'utf8'))) {
        const target = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'));
        const to = stageOf(target);
        if (to > from) backwards.push(`${relative(GENERATOR, file)} (${STAGES[from]}) imports ${specifier} (${STAGES[to]})`);
      }
    }
    expect(backwards, `stages import only earlier stages: ${STAGES.join(' ← ')}`).toEqual([]);
  });

  it("only the executable sets V8 flags: generate() used as a library never changes its host process's", () => {
    const files = sourceFiles(GENERATOR);
    const setters = files.filter((file) => /\bsetFlagsFromString\s*\(/.test(readFileSync(file, 'utf8')));
    expect(setters.map((file) => relative(GENERATOR, file))).toEqual(['bin.ts']);
    const importersOfBin = files.filter((file) =>
      relativeImports(readFileSync(file, 'utf8')).some(
        (specifier) => resolve(dirname(file), specifier.replace(/\.js$/, '.ts')) === join(GENERATOR, 'bin.ts'),
      ),
    );
    expect(importersOfBin.map((file) => relative(GENERATOR, file))).toEqual([]);
  });
});
