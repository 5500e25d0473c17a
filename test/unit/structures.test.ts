// generator/emit/structures.ts as a given/want table: a declaration structure (what requests.ts
// and client.ts build) and the exact TypeScript text printDeclaration makes of it, before the
// format stage lays it out. Docs are made with escape.ts, so spec text in them cannot end the
// comment or start a tag.
import { describe, expect, it } from 'vitest';
import { Code, code, doc, docCode, jsDoc } from '../../generator/emit/escape.js';
import { printDeclaration, type Declaration } from '../../generator/emit/structures.js';
import { Identifier } from '../../generator/model/ir.js';

const raw = (text: string) => Code.raw(text);

/**
 * The table writes names and types as plain text for reading; structures take Identifiers
 * (declaration and parameter names) and Code (property and method keys, types), which this makes.
 */
function typed(given: any): Declaration {
  const code = (value: unknown) => (typeof value === 'string' ? raw(value) : value);
  const parameter = (p: any) => ({ ...p, name: new Identifier(p.name), type: code(p.type) });
  const signature = (s: any) => ({
    ...s,
    parameters: (s.parameters ?? []).map(parameter),
    ...(s.returnType === undefined ? {} : { returnType: code(s.returnType) }),
  });
  const property = (p: any) => ({ ...p, name: code(p.name), type: code(p.type) });
  return {
    ...given,
    name: new Identifier(given.name),
    ...(given.type === undefined ? {} : { type: code(given.type) }),
    ...(given.extends === undefined ? {} : { extends: code(given.extends) }),
    ...(given.properties === undefined ? {} : { properties: given.properties.map(property) }),
    ...(given.parameters === undefined ? {} : signature(given)),
    ...(given.overloads === undefined ? {} : { overloads: given.overloads.map(signature) }),
    ...(given.ctors === undefined ? {} : { ctors: given.ctors.map(signature) }),
    ...(given.methods === undefined
      ? {}
      : {
          methods: given.methods.map((m: any) => ({
            ...signature(m),
            name: code(m.name),
            ...(m.overloads ? { overloads: m.overloads.map(signature) } : {}),
          })),
        }),
  };
}

describe('printDeclaration', () => {
  it.each<{ rule: string; given: any; want: string }>([
    {
      rule: 'a type alias',
      given: { kind: 'type', isExported: true, name: 'NotesPage', type: 'pagination.Page<Note, NoteList>' },
      want: 'export type NotesPage = pagination.Page<Note, NoteList>;',
    },
    {
      rule: 'a type alias, not exported, with a one-line doc',
      given: { kind: 'type', name: 'Id', type: 'string', docs: [jsDoc('An id.')] },
      want: '/** An id. */\ntype Id = string;',
    },
    {
      rule: 'an interface: docs on each property, optional and readonly ones',
      given: {
        kind: 'interface',
        isExported: true,
        name: 'CancelSessionInput',
        docs: [doc`The input of {@link ${new Identifier('cancelSession')}}.`],
        properties: [
          { name: 'path', type: 'CancelSessionPathParams', docs: [doc`The path parameters.`] },
          { name: 'query', type: 'CancelSessionQueryParams', hasQuestionToken: true },
          { name: 'id', type: 'string', isReadonly: true },
        ],
      },
      want: [
        '/** The input of {@link cancelSession}. */',
        'export interface CancelSessionInput {',
        '/** The path parameters. */',
        'path: CancelSessionPathParams;',
        'query?: CancelSessionQueryParams;',
        'readonly id: string;',
        '}',
      ].join('\n'),
    },
    {
      rule: 'a multi-line doc is one ` * ` line per line; each doc is its own block',
      given: {
        kind: 'interface',
        name: 'A',
        docs: [jsDoc('First line.\r\nSecond line.'), jsDoc('@deprecated is spec text, not a tag')],
        properties: [{ name: 'a', type: 'string' }],
      },
      want: [
        '/**',
        ' * First line.',
        ' * Second line.',
        ' */',
        '/** \\@deprecated is spec text, not a tag */',
        'interface A {',
        'a: string;',
        '}',
      ].join('\n'),
    },
    {
      rule: 'spec text holding `*/` stays inside its comment',
      given: { kind: 'type', isExported: true, name: 'Glob', type: 'string', docs: [jsDoc('Matches src/**/*.ts */ alert(1) /*')] },
      want: '/** Matches src/**\\/*.ts *\\/ alert(1) /* */\nexport type Glob = string;',
    },
    {
      rule: 'code in a doc (an @example) cannot close the comment either',
      given: { kind: 'type', name: 'X', type: 'string', docs: [doc`@example\n${docCode(code`x(${'*/'})`)}`] },
      want: ['/**', ' * @example', " * x('*\\/')", ' */', 'type X = string;'].join('\n'),
    },
    {
      rule: 'a function: parameters (optional, with an initializer), return type and statements',
      given: {
        kind: 'function',
        isExported: true,
        name: 'listNotes',
        docs: [jsDoc('Lists notes.')],
        parameters: [
          { name: 'request', type: 'ListNotesInput', initializer: code`{}` },
          { name: 'options', type: 'RequestOptions', hasQuestionToken: true },
        ],
        returnType: 'RequestDescription',
        statements: [raw('const path = "/notes";'), raw("return { method: 'GET', path, headers: {} };")],
      },
      want: [
        '/** Lists notes. */',
        'export function listNotes(request: ListNotesInput = {}, options?: RequestOptions): RequestDescription {',
        'const path = "/notes";',
        "return { method: 'GET', path, headers: {} };",
        '}',
      ].join('\n'),
    },
    {
      rule: 'a function without a return type or statements',
      given: { kind: 'function', name: 'noop', parameters: [], statements: [] },
      want: 'function noop() {\n\n}',
    },
    {
      rule: 'a function with overloads: each overload carries the docs, the implementation none',
      given: {
        kind: 'function',
        isExported: true,
        name: 'chatCreate',
        docs: [jsDoc('Creates a chat.')],
        overloads: [
          { parameters: [{ name: 'body', type: 'ChatStreaming' }], returnType: 'APIPromise<Stream<Chunk>>' },
          { parameters: [{ name: 'body', type: 'ChatNonStreaming' }], returnType: 'APIPromise<Chat>' },
        ],
        parameters: [{ name: 'body', type: 'ChatRequest' }],
        returnType: 'APIPromise<Stream<Chunk> | Chat>',
        statements: [raw('return create(body);')],
      },
      want: [
        '/** Creates a chat. */',
        'export function chatCreate(body: ChatStreaming): APIPromise<Stream<Chunk>>;',
        '/** Creates a chat. */',
        'export function chatCreate(body: ChatNonStreaming): APIPromise<Chat>;',
        'export function chatCreate(body: ChatRequest): APIPromise<Stream<Chunk> | Chat> {',
        'return create(body);',
        '}',
      ].join('\n'),
    },
    {
      rule: 'a class: properties (scoped, readonly, initialized), a constructor, methods; a blank line between members',
      given: {
        kind: 'class',
        isExported: true,
        name: 'NotesClient',
        extends: 'BaseNotesClient',
        docs: [jsDoc('The Notes API.')],
        properties: [
          { name: 'client', type: 'ClientCore', scope: 'protected', isReadonly: true, initializer: raw('this') },
          {
            name: 'notes',
            type: 'Notes',
            docs: [jsDoc('Notes and their attachments.')],
            isReadonly: true,
            initializer: raw('new Notes(this)'),
          },
        ],
        ctors: [{ parameters: [{ name: 'options', type: 'ClientOptions', initializer: code`{}` }], statements: [raw('super(options);')] }],
        methods: [
          {
            name: 'health',
            docs: [jsDoc('Checks the API.')],
            parameters: [{ name: 'options', type: 'RequestOptions', hasQuestionToken: true }],
            returnType: 'APIPromise<void>',
            statements: [raw('return health(this.client, options);')],
          },
          { name: 'ping', parameters: [], statements: [raw('return ping(this.client);')] },
        ],
      },
      want: [
        '/** The Notes API. */',
        'export class NotesClient extends BaseNotesClient {',
        'protected readonly client: ClientCore = this;',
        '/** Notes and their attachments. */',
        'readonly notes: Notes = new Notes(this);',
        '',
        'constructor(options: ClientOptions = {}) {',
        'super(options);',
        '}',
        '',
        '/** Checks the API. */',
        'health(options?: RequestOptions): APIPromise<void> {',
        'return health(this.client, options);',
        '}',
        '',
        'ping() {',
        'return ping(this.client);',
        '}',
        '}',
      ].join('\n'),
    },
    {
      rule: 'a constructor parameter property',
      given: {
        kind: 'class',
        isExported: true,
        name: 'Notes',
        ctors: [{ parameters: [{ name: 'client', type: 'BaseNotesClient', scope: 'protected', isReadonly: true }], statements: [] }],
      },
      want: 'export class Notes {\nconstructor(protected readonly client: BaseNotesClient) {\n\n}\n}',
    },
    {
      rule: 'a class with only a method that has overloads (docs on each overload, not the implementation)',
      given: {
        kind: 'class',
        name: 'Chat',
        methods: [
          {
            name: 'create',
            docs: [jsDoc('Creates.')],
            overloads: [
              { parameters: [{ name: 'body', type: 'Streaming' }], returnType: 'Stream' },
              { parameters: [{ name: 'body', type: 'NonStreaming' }], returnType: 'Chat' },
            ],
            parameters: [{ name: 'body', type: 'Request' }],
            returnType: 'Stream | Chat',
            statements: [raw('return create(body);')],
          },
        ],
      },
      want: [
        'class Chat {',
        '/** Creates. */',
        'create(body: Streaming): Stream;',
        '/** Creates. */',
        'create(body: NonStreaming): Chat;',
        'create(body: Request): Stream | Chat {',
        'return create(body);',
        '}',
        '}',
      ].join('\n'),
    },
    {
      rule: 'an empty class',
      given: { kind: 'class', isExported: true, name: 'Empty' },
      want: 'export class Empty {\n\n}',
    },
  ])('$rule', ({ given, want }) => {
    expect(printDeclaration(typed(given))).toBe(want);
  });
});
