// The generated package's build leaves doc comments out of its JavaScript (the declarations carry
// them), and its output is compared with a type-checking `tsc`'s, which keeps them. Without its
// doc comments, tsc's printer lays some lists out otherwise (a parameter list that a comment on a
// line of its own broke over lines is one line), so the two are compared as code and comments:
// the code as TypeScript's printer prints it without any comment, then every other comment.
import ts from 'typescript';

/**
 * JavaScript `text` as its code (reprinted, no comments) and its comments other than doc comments
 * (`/** … *\/`), in order: two texts with equal results differ at most in doc comments and in
 * where lines break. A string or a template that holds comment-like text is code.
 */
export function withoutDocComments(text: string): string {
  const file = ts.createSourceFile('file.js', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const comments = new Map<number, string>();
  const collect = (ranges: readonly ts.CommentRange[] | undefined): void => {
    for (const range of ranges ?? []) {
      const comment = text.slice(range.pos, range.end);
      if (!(comment.startsWith('/**') && comment.length > 4)) comments.set(range.pos, comment);
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
  return `${code}\n// the comments other than doc comments:\n${kept.join('\n')}\n`;
}
