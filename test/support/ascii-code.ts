// Where TypeScript source holds a character past ASCII that its JavaScript would keep: in a
// literal or a name outside the type-only parts. Comments and types are left out: tsc drops them.
// A parse only, no program: ten times quicker than transpiling, for the hostile specs' thousand files.
import ts from 'typescript';

const NOT_ASCII = /[^\x00-\x7f]/;

/** The first such token with a little context, or undefined when the code is ASCII. */
export function nonAsciiInCode(fileName: string, text: string): string | undefined {
  if (!NOT_ASCII.test(text)) return undefined;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  let found: string | undefined;
  const visit = (node: ts.Node): void => {
    if (found !== undefined || isTypeOnly(node)) return;
    if (isToken(node)) {
      const token = node.getText(source);
      if (NOT_ASCII.test(token)) {
        const at = node.getStart(source);
        found = JSON.stringify(text.slice(Math.max(0, at - 40), node.end + 10));
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function isToken(node: ts.Node): boolean {
  return (
    ts.isIdentifier(node) ||
    ts.isPrivateIdentifier(node) ||
    ts.isStringLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isTemplateHead(node) ||
    ts.isTemplateMiddle(node) ||
    ts.isTemplateTail(node) ||
    ts.isRegularExpressionLiteral(node) ||
    ts.isNumericLiteral(node) ||
    ts.isBigIntLiteral(node)
  );
}

/** A part that tsc erases: a type, an interface, a type alias, a type-only import or export, a `declare`. */
function isTypeOnly(node: ts.Node): boolean {
  if (ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return true;
  if (ts.isImportDeclaration(node)) return node.importClause?.isTypeOnly === true;
  if (ts.isExportDeclaration(node)) return node.isTypeOnly;
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((modifier) => modifier.kind === ts.SyntaxKind.DeclareKeyword) ?? false);
}
