// A declaration of types.ts in its final layout. The layout is prettier's (pinned config: 100
// columns, 2 spaces): the document prettier 3's TypeScript printer builds for these few
// constructs is built here from the type itself, and printed with prettier's own document
// printer (prettier/doc), so line breaking, widths and indentation are prettier's to the byte.
// What prettier would read from the source text instead of the syntax tree is fixed here: object
// types stay expanded (the source always had a line break after `{`), and comments are laid out
// the way TypeScript's printer wrote openapi-typescript's and prettier re-indented them.
// The one comment form prettier does not re-indent (a line break other than \n in spec text
// splits a JSDoc line) is written as TypeScript's printer would, and the declaration is
// reported uncertain so that prettier formats it.
import { builders, printer } from 'prettier/doc';
import type { TsMember, TsType } from './type-model.js';

type Doc = builders.Doc;

const { align, group, hardline, ifBreak, indent, indentIfBreak, join, line, lineSuffixBoundary, literalline, softline } = builders;

const PRINT_OPTIONS = { printWidth: 100, tabWidth: 2, useTabs: false };

export interface Declaration {
  readonly name: string;
  readonly type: TsType;
  /** The text of its leading comment (between `/*` and `*\/`). */
  readonly comment?: string;
}

export interface PrintedDeclaration {
  readonly text: string;
  /** Whether the text is certainly prettier's layout. */
  readonly isCertain: boolean;
}

/** Collects what the document of one declaration could not lay out with certainty. */
interface Layout {
  isCertain: boolean;
}

/** An object type becomes an interface (better hovers and errors); anything else a type alias. */
export function printDeclaration(declaration: Declaration): PrintedDeclaration {
  const layout: Layout = { isCertain: true };
  const { name, comment } = declaration;
  const type = visible(declaration.type);
  const body =
    type.kind === 'object' && type.members.every((member) => member.kind === 'property')
      ? ['export interface ', name, ' ', membersDoc(type.members, 1, layout, true)]
      : ['export ', typeAliasDoc(name, type, layout), ';'];
  const doc = comment === undefined ? body : [commentDoc(comment, 0, layout), hardline, body];
  return { text: printer.printDocToString(doc, PRINT_OPTIONS).formatted, isCertain: layout.isCertain };
}

/**
 * `type X = …`: a union that does not hug breaks after `=` and then, if it must, before every
 * `|`; anything else stays beside `=` unless its first line cannot fit there.
 */
function typeAliasDoc(name: string, type: TsType, layout: Layout): Doc {
  const left = group(`type ${name}`);
  if (type.kind === 'union' && !hugs(type)) return group([left, ' =', group(indent([line, unionMembersDoc(type, 0, layout)]))]);
  const groupId = Symbol('assignment');
  return group([
    left,
    ' =',
    group(indent(line), { id: groupId }),
    lineSuffixBoundary,
    indentIfBreak(typeDoc(type, 'alias', 0, layout), { groupId }),
  ]);
}

/**
 * Where a type is: the right side of `type X =`, a member's annotation, or inside a union,
 * intersection or array (where a union or intersection is parenthesized).
 */
type Position = 'alias' | 'annotation' | 'nested';

/** `depth` is the indentation level TypeScript's printer had here (for comment layout). */
function typeDoc(shape: TsType, position: Position, depth: number, layout: Layout): Doc {
  const type = visible(shape);
  switch (type.kind) {
    case 'keyword':
      return type.name;
    case 'literal':
      return type.text;
    case 'reference':
      return type.name;
    case 'record':
      return ['Record', group(['<', indent([softline, join([',', line], ['string', type.isEmpty ? 'never' : 'unknown'])]), softline, '>'])];
    case 'tuple':
      return tupleDoc(type, depth, layout);
    case 'array': {
      const element = typeDoc(type.element, 'nested', depth, layout);
      return isNegativeLiteral(type.element) ? ['Array<', element, '>'] : [element, '[]'];
    }
    case 'union':
      return unionDoc(type, position, depth, layout);
    case 'intersection': {
      const doc = intersectionDoc(type, depth, layout);
      return position === 'nested' ? ['(', doc, ')'] : doc;
    }
    case 'object':
      return membersDoc(type.members, depth + 1, layout, false);
  }
}

/**
 * `-1[]` is TypeScript, but not to prettier's parser, and prettier drops the parentheses of
 * `(-1)[]` (openapi-typescript wrote `-1[]`, and formatting failed on it).
 */
function isNegativeLiteral(type: TsType): boolean {
  const seen = visible(type);
  return seen.kind === 'literal' && seen.text.startsWith('-');
}

/** What prettier reads: a union or intersection of one type is that type (its parentheses go). */
function visible(type: TsType): TsType {
  return (type.kind === 'union' || type.kind === 'intersection') && type.types.length === 1 ? visible(type.types[0]!) : type;
}

/** `{ … } | null` (one object-like type and nulls) hugs: it never breaks at its `|`. */
function hugs(type: TsType & { kind: 'union' }): boolean {
  const types = type.types.map(visible);
  const objectLike = types.findIndex((t) => t.kind === 'object' || t.kind === 'reference' || t.kind === 'record');
  return objectLike !== -1 && types.every((t, i) => i === objectLike || (t.kind === 'keyword' && t.name === 'null'));
}

function unionDoc(type: TsType & { kind: 'union' }, position: Position, depth: number, layout: Layout): Doc {
  if (hugs(type)) {
    const doc = join(
      ' | ',
      type.types.map((t) => typeDoc(t, 'nested', depth, layout)),
    );
    return position === 'nested' ? ['(', doc, ')'] : doc;
  }
  const members = unionMembersDoc(type, depth, layout);
  if (position === 'nested') return ['(', group([indent([softline, members]), softline]), ')'];
  return group(indent([softline, members]));
}

/** `A | B`, or broken: `| A` and `| B` on lines of their own. */
function unionMembersDoc(type: TsType & { kind: 'union' }, depth: number, layout: Layout): Doc {
  return group(type.types.map((t, i) => [i === 0 ? ifBreak('| ') : [line, '| '], align(2, typeDoc(t, 'nested', depth, layout))]));
}

/**
 * `[A, B?, ...C[]]`, broken one element a line. A union element breaks at its `|`s: alone,
 * right inside the brackets; beside others, inside parentheses that only a break shows;
 * optional (`(A | B)?`) or in the rest (`...(A | B)[]`), in parentheses always.
 */
function tupleDoc(type: TsType & { kind: 'tuple' }, depth: number, layout: Layout): Doc {
  const count = type.elements.length + (type.rest === undefined ? 0 : 1);
  if (count === 0) return '[]';
  const elements = type.elements.map((element): Doc => {
    if (element.optional) return [typeDoc(element.type, 'nested', depth, layout), '?'];
    const seen = visible(element.type);
    if (seen.kind !== 'union' || hugs(seen)) return typeDoc(seen, 'annotation', depth, layout);
    const members = unionMembersDoc(seen, depth, layout);
    return count === 1 ? members : group([indent([ifBreak(['(', softline]), members]), softline, ifBreak(')')]);
  });
  if (type.rest !== undefined) elements.push(['...', typeDoc({ kind: 'array', element: type.rest }, 'nested', depth, layout)]);
  return group(['[', indent([softline, join([',', line], elements)]), ifBreak(','), softline, ']']);
}

/** Objects join with ` & `; other types break after `&`, objects among them stay beside it. */
function intersectionDoc(type: TsType & { kind: 'intersection' }, depth: number, layout: Layout): Doc {
  let isIndented = false;
  return group(
    type.types.map((t, i) => {
      const doc = typeDoc(t, 'nested', depth, layout);
      if (i === 0) return doc;
      const isObject = visible(t).kind === 'object';
      const wasObject = visible(type.types[i - 1]!).kind === 'object';
      if (isObject && wasObject) return [' & ', isIndented ? indent(doc) : doc];
      if (!isObject && !wasObject) return indent([' &', line, doc]);
      if (i > 1) isIndented = true;
      return [' & ', i > 1 ? indent(doc) : doc];
    }),
  );
}

/** An interface body (one member per line) or an object type (always expanded). */
function membersDoc(members: readonly TsMember[], depth: number, layout: Layout, isInterface: boolean): Doc {
  const printed = members.map((member, i) => memberDoc(member, isInterface || i < members.length - 1 ? ';' : ifBreak(';'), depth, layout));
  if (isInterface) return ['{', indent([hardline, join(hardline, printed)]), hardline, '}'];
  return group(['{', indent([line, join(line, printed)]), line, '}'], { shouldBreak: true });
}

function memberDoc(member: TsMember, separator: Doc, depth: number, layout: Layout): Doc {
  if (member.kind === 'index') {
    return [
      group(['[', group([indent([softline, 'key: string']), softline]), ']', ': ', typeDoc(member.type, 'annotation', depth, layout)]),
      separator,
    ];
  }
  const comment = member.comment === undefined ? '' : [commentDoc(member.comment, depth, layout), hardline];
  return [comment, group([member.key, member.optional ? '?' : '', ': ', typeDoc(member.type, 'annotation', depth, layout)]), separator];
}

/**
 * A block comment: TypeScript's printer split it at every line break (\r, \n, U+2028, U+2029)
 * and trimmed each line; prettier re-indents a JSDoc block whose lines all start with `*` and
 * otherwise keeps the text as TypeScript wrote it (4 spaces a level, plus the line's own indent).
 */
function commentDoc(text: string, depth: number, layout: Layout): Doc {
  const lines = `/*${text}*/`.split(/\r\n|[\r\n\u2028\u2029]/);
  const trimmed = lines.map((l) => l.trim());
  if (trimmed.slice(1).every((l) => l.startsWith('*')))
    return join(
      hardline,
      trimmed.map((l, i) => (i === 0 ? l : ` ${l}`)),
    );
  layout.isCertain = false;
  return join(
    literalline,
    trimmed.map((l, i) => (i === 0 ? l : ' '.repeat(Math.max(0, depth * 4 + typeScriptIndent(lines[i]!))) + l)),
  );
}

/** The width of a line's leading white space, as TypeScript's printer measures it (tab stops of 4). */
function typeScriptIndent(text: string): number {
  let width = 0;
  for (const char of text) {
    if (char === '\t') width += 4 - (width % 4);
    else if (/[ \v\f\u00a0\u0085\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]/.test(char)) width++;
    else break;
  }
  return width;
}
