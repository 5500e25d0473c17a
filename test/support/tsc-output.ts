// The generated package's build leaves doc comments out of its JavaScript (the declarations carry
// them) and indents its files with tabs, and its output is compared with a type-checking `tsc`'s,
// which keeps them and indents with spaces. Without its doc comments, tsc's printer also lays some
// lists out otherwise (a parameter list that a comment on a line of its own broke over lines is
// one line), so the two are compared as code and comments: the code as TypeScript's printer
// prints it without any comment, then every comment (without doc comments, for JavaScript), its
// runs of white space made one space.
import ts from 'typescript';

/**
 * `text` (JavaScript or declarations, by `fileName`'s extension) as its code, reprinted without
 * comments, and its comments in order, doc comments (`/** … *\/`) left out when `docs` is false:
 * two texts with equal results differ at most in those doc comments and in white space outside
 * literals. A string or a template that holds comment-like text is code.
 */
export function codeAndComments(text: string, fileName: string, { docs }: { readonly docs: boolean }): string {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const comments = new Map<number, string>();
  const collect = (ranges: readonly ts.CommentRange[] | undefined): void => {
    for (const range of ranges ?? []) {
      const comment = text.slice(range.pos, range.end);
      if (docs || !(comment.startsWith('/**') && comment.length > 4)) comments.set(range.pos, comment.replace(/\s+/g, ' '));
    }
  };
  const visit = (node: ts.Node): void => {
    collect(ts.getLeadingCommentRanges(text, node.pos));
    collect(ts.getTrailingCommentRanges(text, node.end));
    ts.forEachChild(node, visit);
  };
  visit(file);
  const code = ts.createPrinter({ removeComments: true }).printFile(file);
  const kept = [...comments].sort(([a], [b]) => a - b).map(([, comment]) => comment);
  return `${code}\n// the comments${docs ? '' : ' other than doc comments'}:\n${kept.join('\n')}\n`;
}

/** `text` as TypeScript printed it (four spaces a level) with a tab a level, when no line starts inside a literal. */
export function tabbed(text: string): string {
  return text.replace(/^(?: {4})+/gm, (spaces) => '\t'.repeat(spaces.length / 4));
}
