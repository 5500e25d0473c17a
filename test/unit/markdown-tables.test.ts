// A README's tables are printed in prettier's final layout by emit/markdown-tables.ts and the
// text around them formatted by prettier piece by piece; the joined result must be exactly what
// prettier prints for the whole file. fast-check builds READMEs with tables of every kind of
// cell: the ones printed here (code spans of printable ASCII, words, `…`) and the ones that must
// be left to prettier (other characters, emphasis, escapes, padding, alignment colons), around
// headings, prose and fenced code with table-like lines.
import fc from 'fast-check';
import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import { piecesFile } from '../../generator/emit/emitted-file.js';
import { markdownPieces } from '../../generator/emit/markdown-tables.js';
import { beginFormat, PRETTIER_OPTIONS } from '../../generator/format/format-files.js';

// seeds 1, 7, 42, 99 and 2026 passed at LAYOUT_RUNS=1500 when this was written; 80 keep npm test quick
const RUNS = Number(process.env['LAYOUT_RUNS'] ?? 80);
const SEED = Number(process.env['LAYOUT_SEED'] ?? 42);

const printable = fc.string({
  minLength: 1,
  maxLength: 30,
  unit: fc.constantFrom(...' abcXYZ019_-./:<>{}()[]*#&=+\'",;!?~^$%@…'.split('')),
});
const simpleCell = fc.oneof(
  printable.map((text) => `\`${text.replace(/`/g, '').trim() || 'x'}\``),
  fc.stringMatching(/^[A-Za-z0-9,.;:()/'=+-]{1,20}(?: [A-Za-z0-9…]{1,10}){0,3}$/),
  fc.constant('`client.things.list()`, `thingsList(client, …)`'),
);
const otherCell = fc.constantFrom(
  '*emphasis*',
  '_under_',
  'a  b',
  'naïve',
  '日本語',
  '`a\\|b`',
  '<b>x</b>',
  'a \\| b',
  '[link](x)',
  '`` a ` b ``',
  '',
);
const cell = fc.oneof({ weight: 9, arbitrary: simpleCell }, { weight: 1, arbitrary: otherCell });
const table = fc
  .integer({ min: 1, max: 4 })
  .chain((columns) =>
    fc
      .tuple(
        fc.array(simpleCell, { minLength: columns, maxLength: columns }),
        fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { maxLength: 8 }),
        fc.constantFrom('---', '-------', ':--', '---:'),
      )
      .map(([header, rows, dashes]) =>
        [header, header.map((_, i) => (i === 0 ? dashes : '---')), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n'),
      ),
  );
const block = fc.oneof(
  table,
  fc.constantFrom(
    '## Operations',
    'Some prose, with `code` and *emphasis*.',
    '- a list\n- of items',
    '```ts\nconst a = 1;\n| not | a table |\n```',
  ),
);
const readme = fc.array(block, { minLength: 1, maxLength: 6 }).map((blocks) => `# title\n\n${blocks.join('\n\n')}\n`);

async function prettier(text: string): Promise<string> {
  return format(text, { ...PRETTIER_OPTIONS, parser: 'markdown' });
}

describe('README tables printed as prettier prints them', () => {
  it(`${RUNS} READMEs (seed ${SEED}): the pieces, formatted as the format stage does, are prettier's whole file`, async () => {
    let printed = 0;
    for (const text of fc.sample(readme, { numRuns: RUNS, seed: SEED })) {
      const file = piecesFile('README.md', markdownPieces(text));
      printed += file.pieces!.filter((piece) => piece.isFormatted).length;
      const [formatted] = await beginFormat(undefined).format([file]);
      expect(formatted!.text, text).toBe(await prettier(text));
    }
    // a property that printed nothing would pass: most tables have only simple cells
    expect(printed, 'no table was printed by markdown-tables.ts').toBeGreaterThan(RUNS / 4);
  });

  it('leaves a table inside fenced code, and one with a cell prettier rewrites, to prettier', () => {
    const fenced = markdownPieces('```\n| a | b |\n| --- | --- |\n```\n');
    expect(fenced.every((piece) => !piece.isFormatted)).toBe(true);
    const emphasis = markdownPieces('| a | b |\n| --- | --- |\n| *x* | y |\n');
    expect(emphasis.every((piece) => !piece.isFormatted)).toBe(true);
    expect(markdownPieces('| a | b |\n| --- | --- |\n| `x` | y |\n')).toEqual([
      { text: '| a   | b   |\n| --- | --- |\n| `x` | y   |', isFormatted: true, isSpaced: true },
    ]);
  });
});
