// Declarations as data, printed as TypeScript source for the format stage to lay out: the
// interfaces, functions, classes and type aliases of requests.ts and client.ts. A few kinds and fields are
// all those files need, so they are printed here rather than by ts-morph, whose import costs
// a second copy of the TypeScript compiler (a third of a small spec's run). Prettier keeps
// comments and blank lines as given, so those are placed here the way the files read.
//
// Docs are DocText; statements, initializers, types and property keys are Code; declaration and
// parameter names are Identifiers. All are made only by escape.ts and names.ts, so a raw spec
// string cannot reach a declaration (the type checker refuses it).
import type { Identifier } from '../model/ir.js';
import { docComment, type Code, type DocText } from './escape.js';

export interface Parameter {
  readonly name: Identifier;
  readonly type: Code;
  readonly hasQuestionToken?: boolean;
  readonly initializer?: Code;
  /** A constructor parameter property, e.g. `protected readonly client: ClientCore`. */
  readonly scope?: 'protected';
  readonly isReadonly?: boolean;
}

export interface Property {
  /** A property key: an identifier or a quoted string (propertyKey). */
  readonly name: Code;
  readonly type: Code;
  readonly docs?: readonly DocText[];
  readonly hasQuestionToken?: boolean;
  /** A class property only: `protected readonly client: ClientCore = this`. */
  readonly scope?: 'protected';
  readonly isReadonly?: boolean;
  readonly initializer?: Code;
}

/** What every top-level declaration has. */
interface Named {
  readonly name: Identifier;
  readonly docs?: readonly DocText[];
  readonly isExported?: boolean;
}

export interface InterfaceDeclaration extends Named {
  readonly kind: 'interface';
  readonly properties: readonly Property[];
}

export interface Signature {
  readonly parameters: readonly Parameter[];
  readonly returnType?: Code;
}

/** A body of statements under a signature. */
interface Body extends Signature {
  readonly docs?: readonly DocText[];
  readonly statements: readonly Code[];
}

export interface FunctionDeclaration extends Named, Body {
  readonly kind: 'function';
  /** As a method's: signatures printed before the implementation, each with the docs. */
  readonly overloads?: readonly Signature[];
}

export interface Method extends Body {
  /** A method key: an identifier or a quoted string (propertyKey). */
  readonly name: Code;
  /** Signatures printed before the implementation, each with the docs (callers see an overload's, never the implementation's). */
  readonly overloads?: readonly Signature[];
}

export type Constructor = Omit<Body, 'returnType'>;

export interface ClassDeclaration extends Named {
  readonly kind: 'class';
  readonly extends?: Code;
  readonly properties?: readonly Property[];
  readonly ctors?: readonly Constructor[];
  readonly methods?: readonly Method[];
}

/** `export type NotesPage = pagination.Page<Note, NoteList>;` */
export interface TypeAliasDeclaration extends Named {
  readonly kind: 'type';
  readonly type: Code;
}

export type Declaration = InterfaceDeclaration | FunctionDeclaration | ClassDeclaration | TypeAliasDeclaration;

export function printDeclaration(declaration: Declaration): string {
  const head = `${docs(declaration.docs)}${declaration.isExported ? 'export ' : ''}`;
  switch (declaration.kind) {
    case 'type':
      return `${head}type ${declaration.name} = ${declaration.type.text};`;
    case 'interface':
      return `${head}interface ${declaration.name} {\n${declaration.properties.map(property).join('\n')}\n}`;
    case 'function': {
      const exported = declaration.isExported ? 'export ' : '';
      const overloads = (declaration.overloads ?? [])
        .map((overload) => `${docs(declaration.docs)}${exported}function ${declaration.name}${signature(overload)};\n`)
        .join('');
      const own = overloads === '' ? head : exported;
      return `${overloads}${own}function ${declaration.name}${signature(declaration)} {\n${statements(declaration.statements)}\n}`;
    }
    case 'class': {
      const members = [
        (declaration.properties ?? []).map(property).join('\n'),
        ...(declaration.ctors ?? []).map(
          (ctor) => `${docs(ctor.docs)}constructor(${parameters(ctor.parameters)}) {\n${statements(ctor.statements)}\n}`,
        ),
        ...(declaration.methods ?? []).map(method),
      ].filter((member) => member !== '');
      return `${head}class ${declaration.name}${declaration.extends ? ` extends ${declaration.extends.text}` : ''} {\n${members.join('\n\n')}\n}`;
    }
  }
}

function method(member: Method): string {
  const overloads = member.overloads ?? [];
  const declared = overloads.map((overload) => `${docs(member.docs)}${member.name.text}${signature(overload)};\n`).join('');
  return `${declared}${overloads.length > 0 ? '' : docs(member.docs)}${member.name.text}${signature(member)} {\n${statements(member.statements)}\n}`;
}

function property(member: Property): string {
  const modifiers = `${member.scope ? `${member.scope} ` : ''}${member.isReadonly ? 'readonly ' : ''}`;
  const initializer = member.initializer === undefined ? '' : ` = ${member.initializer.text}`;
  return `${docs(member.docs)}${modifiers}${member.name.text}${member.hasQuestionToken ? '?' : ''}: ${member.type.text}${initializer};`;
}

function signature(value: Signature): string {
  return `(${parameters(value.parameters)})${value.returnType === undefined ? '' : `: ${value.returnType.text}`}`;
}

function parameters(list: readonly Parameter[]): string {
  return list
    .map((parameter) => {
      const modifiers = `${parameter.scope ? `${parameter.scope} ` : ''}${parameter.isReadonly ? 'readonly ' : ''}`;
      const initializer = parameter.initializer === undefined ? '' : ` = ${parameter.initializer.text}`;
      return `${modifiers}${parameter.name.text}${parameter.hasQuestionToken ? '?' : ''}: ${parameter.type.text}${initializer}`;
    })
    .join(', ');
}

/** JSDoc blocks, each on its own lines. */
function docs(list: readonly DocText[] | undefined): string {
  return (list ?? []).map((text) => `${docComment(text).text}\n`).join('');
}

function statements(list: readonly Code[]): string {
  return list.map((statement) => statement.text).join('\n');
}
