// The format stage passes through what the emitters mark as already formatted (validators.ts
// is printed in its final layout by generator/emit/validators/print.ts, a README's tables by
// generator/emit/markdown-tables.ts) and formats the rest in pieces. Either way every generated
// file must be exactly what prettier, with the pinned config, prints for the whole file: the
// golden trees are the generator's output, byte for byte.
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import { PRETTIER_OPTIONS } from '../../generator/format/format-files.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'internal' ? [] : sources(path);
    // a golden file that links to generated/ is checked there
    return name.endsWith('.ts') && !lstatSync(path).isSymbolicLink() ? [path] : [];
  });
}

const TREES = [
  'generated',
  ...readdirSync('test/golden')
    .filter((name) => name !== 'bad' && name !== 'runtime-core' && statSync(join('test/golden', name)).isDirectory())
    .map((name) => join('test/golden', name)),
];
const FILES = TREES.flatMap((tree) => sources(join(tree, 'src')));
const READMES = TREES.map((tree) => join(tree, 'README.md')).filter((file) => !lstatSync(file).isSymbolicLink());

/** Asserts that `file` is what prettier prints for it, showing the first lines that differ. */
async function expectPrettier(file: string, parser: string): Promise<void> {
  const text = readFileSync(file, 'utf8');
  const formatted = await format(text, { ...PRETTIER_OPTIONS, parser });
  if (formatted !== text) {
    const ours = text.split('\n');
    const theirs = formatted.split('\n');
    let line = 0;
    while (ours[line] === theirs[line]) line++;
    expect(ours.slice(line, line + 8).join('\n'), `${file}:${line + 1} differs from prettier`).toBe(
      theirs.slice(line, line + 8).join('\n'),
    );
  }
}

describe('generated TypeScript is what prettier prints', () => {
  it('covers the printed validators of every golden tree', () => {
    // chatkit-custom-templates links its validators.ts to generated/'s
    expect(FILES.filter((file) => file.endsWith('validators.ts')).length).toBe(TREES.length - 1);
  });

  it.each(FILES)('%s', async (file) => {
    await expectPrettier(file, 'babel-ts');
  });

  it.each(READMES)('%s (markdown)', async (file) => {
    await expectPrettier(file, 'markdown');
  });
});
