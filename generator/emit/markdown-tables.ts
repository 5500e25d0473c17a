// A README as pieces for the format stage: its tables in prettier's final layout, the rest for
// prettier. A large spec's operations table is hundreds of rows that prettier pads to one width
// per column, most of the time it spends on the README (0.4 s of the whole OpenAI spec's run);
// the layout is simple to print: each column as wide as its widest cell (at least 3), cells
// padded on the right, the delimiter row all dashes. Only tables whose every cell prettier
// prints as written are printed here: code spans and plain words of printable ASCII (and `…`,
// one column wide). Any other table stays in the text prettier formats. Tests hold the result
// equal to prettier on every golden README and the whole OpenAI spec's.
import type { Piece } from './emitted-file.js';

/** The text as pieces, blank-line apart: runs of lines for prettier, and tables in their final layout. */
export function markdownPieces(text: string): Piece[] {
  const lines = text.split('\n');
  const pieces: Piece[] = [];
  let pending: string[] = [];
  const flush = () => {
    if (pending.join('').trim() !== '') pieces.push({ text: pending.join('\n'), isFormatted: false, isSpaced: true });
    pending = [];
  };
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const opening = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (opening !== undefined && opening[0] === fence[0] && opening.length >= fence.length && line.trim() === opening) fence = undefined;
    } else if (opening !== undefined) {
      fence = opening;
    } else if (line.startsWith('|') && (i === 0 || lines[i - 1]!.trim() === '')) {
      let end = i;
      while (end < lines.length && lines[end]!.startsWith('|')) end++;
      const table = end === lines.length || lines[end]!.trim() === '' ? alignedTable(lines.slice(i, end)) : undefined;
      if (table !== undefined) {
        flush();
        pieces.push({ text: table, isFormatted: true, isSpaced: true });
        i = end - 1;
        continue;
      }
    }
    pending.push(line);
  }
  flush();
  return pieces;
}

/** A code span with no backslash, backtick or pipe inside and no space at its ends. */
const CODE_SPAN =
  '`[\\x21-\\x5b\\x5d-\\x5f\\x61-\\x7b\\x7d\\x7e\\u2026](?:[\\x20-\\x5b\\x5d-\\x5f\\x61-\\x7b\\x7d\\x7e\\u2026]*[\\x21-\\x5b\\x5d-\\x5f\\x61-\\x7b\\x7d\\x7e\\u2026])?`';
/** Code spans, and plain words and punctuation, that prettier prints as written (one character a step: no backtracking blow-up). */
const SIMPLE_CELL = new RegExp(`^(?:${CODE_SPAN}|[A-Za-z0-9,.;:()/'=+\\- \\u2026])*$`);

/** The table in prettier's layout, or undefined when a row or cell is not one it prints as written. */
function alignedTable(rows: readonly string[]): string | undefined {
  const cells = rows.map((row) => (/^\| .* \|$/.test(row) ? row.slice(2, -2).split(' | ') : undefined));
  if (cells.length < 2 || cells.some((row) => row === undefined)) return undefined;
  const [header, delimiter, ...body] = cells as string[][];
  const columns = header!.length;
  if (delimiter!.length !== columns || !delimiter!.every((cell) => /^-{3,}$/.test(cell))) return undefined;
  const content = [header!, ...body];
  // a cell with padding or spaces inside would need prettier's reading of them
  const isSimple = (cell: string) => cell === cell.trim() && !cell.includes('  ') && !cell.includes('|') && SIMPLE_CELL.test(cell);
  if (content.some((row) => row.length !== columns || !row.every(isSimple))) return undefined;
  const widths = header!.map((_, column) => Math.max(3, ...content.map((row) => row[column]!.length)));
  const line = (row: readonly string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(header!), `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`, ...body.map(line)].join('\n');
}
