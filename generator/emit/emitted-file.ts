// What every emitter returns: a path inside the output folder and the file's text.
import type { SourceLocation } from '../diagnostics/diagnostic.js';
import type { EmitCache } from './emit-cache.js';

export interface EmittedFile {
  /** POSIX path relative to the output folder, e.g. `src/types.ts`. */
  readonly path: string;
  readonly text: string;
  /**
   * Already in the pinned format, so the format stage passes it through: the built-in runtime
   * core is kept prettier-clean in the repository (a unit test checks it), which saves a third
   * of a small spec's run.
   */
  readonly isFormatted?: boolean;
  /**
   * The same text as top-level pieces (whole statements with their comments): the format stage
   * then formats only the pieces not already in the pinned format, in batches, and in watch
   * mode only those that changed. `text` is the pieces joined by their gaps.
   */
  readonly pieces?: readonly Piece[];
  /**
   * A formatted file of pieces: its pieces' texts as formatted, which `text` joins. The stages
   * after formatting read them one by one, so that a piece the same as last run's (the same
   * string) is not read again (text-memo.ts).
   */
  readonly parts?: readonly string[];
}

export interface EmitContext {
  /** A watch session's: what the emitters made in its previous run (see EmitCache). */
  readonly cache?: EmitCache;
  /** A folder of user templates that replace the built-in ones by file name. */
  readonly templatesDir?: string;
  /** Where a JSON pointer of the spec is (for emit/* diagnostics); absent in unit tests. */
  readonly locate?: (pointer: string) => SourceLocation;
}

/** One or more top-level statements of a file. */
export interface Piece {
  readonly text: string;
  /** Already in the pinned format (prettier would leave it unchanged). */
  readonly isFormatted: boolean;
  /** Whether a blank line comes before it (the first piece: ignored). */
  readonly isSpaced: boolean;
}

/**
 * A file of pieces that prettier formats, one blank line apart; empty pieces are dropped. A
 * piece's leading doc comment that prettier would print as it is goes apart, as formatted:
 * prettier's time on a client's files went a third to their comments, which it does not change.
 */
export function chunkedFile(path: string, chunks: readonly string[]): EmittedFile {
  return piecesFile(
    path,
    chunks.flatMap((chunk): Piece[] => {
      const text = chunk.trim();
      const doc = stableDocLength(text);
      if (doc === 0) return [{ text, isFormatted: false, isSpaced: true }];
      return [
        { text: text.slice(0, doc), isFormatted: true, isSpaced: true },
        { text: text.slice(doc + 1), isFormatted: false, isSpaced: false },
      ];
    }),
  );
}

/**
 * The length of the `/** … *\/` comment that starts `text` when prettier prints it unchanged
 * and code follows it on the next line, else 0. Prettier prints a one-line comment as it is,
 * and a comment whose every line starts with `*` line by line: the first without trailing
 * blanks, each next one as a space and the line without leading blanks (and without trailing
 * ones, but for a Markdown line break). Such a comment already in that form is left as it is.
 */
export function stableDocLength(text: string): number {
  if (!text.startsWith('/**')) return 0;
  const end = text.indexOf('*/');
  if (end === -1 || text[end + 2] !== '\n' || !/\S/.test(text.charAt(end + 3))) return 0;
  const lines = text.slice(0, end + 2).split('\n');
  // a one-line comment is printed as it is
  const stable = lines.every((line, i) => (i === 0 ? !/\s$/.test(line) : /^ \*(?:.*\S)?$/.test(line)));
  return stable ? end + 2 : 0;
}

export function piecesFile(path: string, pieces: readonly Piece[]): EmittedFile {
  const kept = pieces.map((piece) => ({ ...piece, text: piece.text.trim() })).filter((piece) => piece.text !== '');
  // joined only when asked: the format stage joins the formatted pieces instead (10 MB on a large spec)
  return {
    path,
    get text() {
      return joinPieces(
        kept.map((piece) => piece.text),
        kept,
      );
    },
    pieces: kept,
  };
}

/**
 * Texts of the pieces (formatted or not), each after its gap, in one copy. Built by `+=`, the
 * text was a chain of thousands of strings that its first reader copied flat (the runtime-file
 * scan, 18 ms for the whole OpenAI spec's validators): the copy takes as long here, without
 * the chain.
 */
export function joinPieces(texts: readonly string[], pieces: readonly Piece[]): string {
  const parts: string[] = [];
  texts.forEach((piece, i) => {
    if (i > 0) parts.push(pieces[i]!.isSpaced ? '\n\n' : '\n');
    parts.push(piece);
  });
  parts.push('\n');
  return parts.join('');
}
