// generator/model/names.ts as given/want tables: each case is a raw name from a spec (a path
// segment, a schema key, an operationId) and the identifier sdkgen makes of it. The cases are
// the rules of the naming module written down: what a reader of the generated code can expect.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SourceLocation } from '../../generator/diagnostics/diagnostic.js';
import {
  isFreeInClientModule,
  isReservedName,
  lostLetters,
  NameTable,
  plural,
  requestShapeCandidates,
  ResourceNames,
  resourceClassCandidates,
  splitWords,
  toMemberName,
  toPropertyName,
  toTypeName,
  VALIDATORS_MODULE_NAMES,
} from '../../generator/model/names.js';

const locate = (pointer: string): SourceLocation => ({ file: 'spec.yaml', line: 1, column: 1, pointer });

describe('splitWords', () => {
  it.each([
    { given: 'chat_session.status', want: ['chat', 'session', 'status'] },
    { given: 'chatkit.sessions', want: ['chatkit', 'sessions'] },
    // camelCase and PascalCase humps split; an acronym stays one word until the next capitalised word
    { given: 'ChatKitWorkflow', want: ['Chat', 'Kit', 'Workflow'] },
    { given: 'HTTPServer', want: ['HTTP', 'Server'] },
    { given: 'getHTTPResponseCode', want: ['get', 'HTTP', 'Response', 'Code'] },
    // a digit before a capital ends a word; digits inside a word stay with it
    { given: 'v2Models', want: ['v2', 'Models'] },
    { given: '2fa_codes', want: ['2fa', 'codes'] },
    { given: 'x-request-id', want: ['x', 'request', 'id'] },
    { given: '__proto__', want: ['proto'] },
    // words are ASCII: a letter with an ASCII spelling is spelt so, other characters separate words
    { given: 'café_menu', want: ['cafe', 'menu'] },
    { given: '名前', want: [] },
    { given: '', want: [] },
  ])('$given -> $want', ({ given, want }) => {
    expect(splitWords(given)).toEqual(want);
  });
});

describe('toTypeName / toMemberName / toPropertyName', () => {
  it.each([
    // given: the raw text; want: [type name, member (binding) name, property name]
    { given: 'chatkit.sessions', want: ['ChatkitSessions', 'chatkitSessions', 'chatkitSessions'] },
    { given: 'create-chat_kit session', want: ['CreateChatKitSession', 'createChatKitSession', 'createChatKitSession'] },
    { given: 'user-profile', want: ['UserProfile', 'userProfile', 'userProfile'] },
    // letters outside ASCII are spelt in ASCII where they have a spelling; other scripts' letters cannot be kept
    { given: 'récupérer_café', want: ['RecupererCafe', 'recupererCafe', 'recupererCafe'] },
    { given: 'Größe', want: ['Grosse', 'grosse', 'grosse'] },
    { given: 'ｌｉｓｔ ｉｔｅｍｓ', want: ['ListItems', 'listItems', 'listItems'] },
    { given: 'Ærø-straße', want: ['AEroStrasse', 'aEroStrasse', 'aEroStrasse'] },
    { given: 'получить', want: ['Unnamed', 'unnamed', 'unnamed'] },
    { given: 'x-request-id', want: ['XRequestId', 'xRequestId', 'xRequestId'] },
    // an existing PascalCase or camelCase name keeps its humps
    { given: 'ChatKitWorkflow', want: ['ChatKitWorkflow', 'chatKitWorkflow', 'chatKitWorkflow'] },
    { given: 'getHTTPResponseCode', want: ['GetHTTPResponseCode', 'getHTTPResponseCode', 'getHTTPResponseCode'] },
    // a leading acronym is lowered whole in member names, as a person writes it
    { given: 'HTTPServer', want: ['HTTPServer', 'httpServer', 'httpServer'] },
    { given: 'URLShortener', want: ['URLShortener', 'urlShortener', 'urlShortener'] },
    { given: 'IPAddress', want: ['IPAddress', 'ipAddress', 'ipAddress'] },
    { given: 'POST', want: ['POST', 'post', 'post'] },
    // a leading digit gets an underscore: no identifier starts with a digit
    { given: '2fa_codes', want: ['_2faCodes', '_2faCodes', '_2faCodes'] },
    // separators go; `__proto__` cannot reach an object key or binding as itself
    { given: '__proto__', want: ['Proto', 'proto', 'proto'] },
    { given: '$ref', want: ['Ref', 'ref', 'ref'] },
    // reserved words: illegal as bindings (`class_`), legal as properties (`client.class`)
    { given: 'class', want: ['Class', 'class_', 'class'] },
    { given: 'default', want: ['Default', 'default_', 'default'] },
    // type-level built-ins are reserved for types and bindings, not for properties
    { given: 'string', want: ['String_', 'string_', 'string'] },
    { given: 'Promise', want: ['Promise_', 'promise', 'promise'] },
    // `Error` and `Response` keep their names: no module refers to those globals by bare name
    { given: 'Error', want: ['Error', 'error', 'error'] },
    { given: 'Response', want: ['Response', 'response', 'response'] },
    // `constructor` and `prototype` would change what a class means, as properties only
    { given: 'constructor', want: ['Constructor', 'constructor', 'constructor_'] },
    { given: 'prototype', want: ['Prototype', 'prototype', 'prototype_'] },
    // a name with no ASCII spelling left is `Unnamed` (the model warns: model/non-ascii-name)
    { given: 'café_menu', want: ['CafeMenu', 'cafeMenu', 'cafeMenu'] },
    { given: 'données', want: ['Donnees', 'donnees', 'donnees'] },
    { given: '名前', want: ['Unnamed', 'unnamed', 'unnamed'] },
    { given: '', want: ['Unnamed', 'unnamed', 'unnamed'] },
  ])('$given -> $want', ({ given, want }) => {
    expect([toTypeName(given), toMemberName(given), toPropertyName(given)]).toEqual(want);
  });
});

describe('isReservedName / isFreeInClientModule', () => {
  it.each([
    // given: a type or class name; want: [reserved for a schema type, free for a class in client.ts]
    { given: 'Pet', want: [false, true] },
    { given: 'class', want: [true, false] },
    { given: 'string', want: [true, false] },
    { given: 'Promise', want: [true, false] },
    { given: 'Uploadable', want: [true, false] },
    // a spec's `Error` or `Response` schema keeps its name; a class may take it too
    { given: 'Error', want: [false, true] },
    { given: 'Response', want: [false, true] },
    // exported from the package root or imported by client.ts: a schema may be named so, a class may not
    { given: 'Page', want: [false, false] },
    { given: 'Stream', want: [true, false] },
    { given: 'toFile', want: [false, false] },
  ])('$given -> $want', ({ given, want }) => {
    expect([isReservedName(given), isFreeInClientModule(given)]).toEqual(want);
  });
});

describe('lostLetters', () => {
  it.each([
    { given: 'créer', want: '' },
    { given: 'ｌｉｓｔ', want: '' },
    { given: 'Straße²', want: '' },
    { given: 'get-пользователи', want: 'пользователи' },
    { given: 'listé用户', want: '用户' },
    { given: 'й', want: 'й' },
  ])('$given loses "$want"', ({ given, want }) => {
    expect(lostLetters(given)).toBe(want);
  });
});

describe('the validators module scope', () => {
  it('reserves every name the runtime validation module exports, and every type validators.ts re-exports', () => {
    const runtime = readFileSync('templates/runtime/standard-schema.ts', 'utf8');
    const exported = [
      ...runtime.matchAll(/^export (?:declare )?(?:function|const|type|interface|namespace|class) ([A-Za-z_$][\w$]*)/gm),
    ].map((match) => match[1]!);
    expect(exported.length).toBeGreaterThan(30);
    expect(exported.filter((name) => !VALIDATORS_MODULE_NAMES.has(name))).toEqual([]);
    const validators = readFileSync('generated/src/validators.ts', 'utf8');
    const reexported = [...validators.matchAll(/^export type \{ ([^}]+) \} from/gm)].flatMap((match) => match[1]!.split(/,\s*/));
    expect(reexported.sort()).toEqual(['StandardSchemaV1', 'ValidationIssue', 'ValidationMode', 'Validator']);
    // a schema may not take a re-exported type's name (its Standard Schema object would meet it)
    for (const name of reexported) {
      expect(VALIDATORS_MODULE_NAMES.has(name)).toBe(true);
      expect(isReservedName(name)).toBe(true);
    }
  });
});

describe('plural', () => {
  it.each([
    { given: 'Note', want: 'Notes' },
    { given: 'Batch', want: 'Batches' },
    { given: 'Box', want: 'Boxes' },
    { given: 'Address', want: 'Addresses' },
    { given: 'Status', want: 'Statuses' },
    { given: 'Alias', want: 'Aliases' },
    { given: 'Policy', want: 'Policies' },
    // a vowel before `y` keeps it
    { given: 'Day', want: 'Days' },
    // a name already ending in `s` (not `ss`, `us`, `is`, `as`) is taken as plural
    { given: 'Details', want: 'Details' },
    // irregular English plurals are not known
    { given: 'Person', want: 'Persons' },
    // a Greek -sis/-xis noun replaces its -is (analyses, crises, axes)
    { given: 'Analysis', want: 'Analyses' },
    { given: 'Axis', want: 'Axes' },
  ])('$given -> $want', ({ given, want }) => {
    expect(plural(given)).toBe(want);
  });
});

describe('NameTable', () => {
  type Claim = readonly [name: string, pointer: string, what: string];
  it.each<{
    rule: string;
    reserved?: string[];
    given: Claim[];
    want: { names: string[]; warnings: (string | undefined)[]; related: (string | undefined)[] };
  }>([
    {
      rule: 'distinct names are claimed as they are, without warnings',
      given: [
        ['Pet', '/components/schemas/Pet', 'the schema `Pet`'],
        ['Owner', '/components/schemas/Owner', 'the schema `Owner`'],
      ],
      want: { names: ['Pet', 'Owner'], warnings: [undefined, undefined], related: [undefined, undefined] },
    },
    {
      rule: 'the second claimant of a name gets the first free number, and a warning pointing at the first',
      given: [
        ['UserProfile', '/components/schemas/UserProfile', 'the schema `UserProfile`'],
        ['UserProfile', '/components/schemas/user-profile', 'the schema `user-profile`'],
        ['UserProfile', '/components/schemas/user.profile', 'the schema `user.profile`'],
      ],
      want: {
        names: ['UserProfile', 'UserProfile2', 'UserProfile3'],
        warnings: [
          undefined,
          'The schema `user-profile` and the schema `UserProfile` both become the name `UserProfile`; the second is named `UserProfile2`.',
          'The schema `user.profile` and the schema `UserProfile` both become the name `UserProfile`; the second is named `UserProfile3`.',
        ],
        related: [undefined, '/components/schemas/UserProfile', '/components/schemas/UserProfile'],
      },
    },
    {
      rule: 'a numbered name already claimed by a spec name is skipped',
      given: [
        ['Pet2', '/components/schemas/Pet2', 'the schema `Pet2`'],
        ['Pet', '/components/schemas/Pet', 'the schema `Pet`'],
        ['Pet', '/components/schemas/pet', 'the schema `pet`'],
      ],
      want: {
        names: ['Pet2', 'Pet', 'Pet3'],
        warnings: [undefined, undefined, 'The schema `pet` and the schema `Pet` both become the name `Pet`; the second is named `Pet3`.'],
        related: [undefined, undefined, '/components/schemas/Pet'],
      },
    },
    {
      rule: 'a name the generated code uses is never given out; the warning says so and has no related place',
      reserved: ['encodePathSegment', 'encodePathSegment2'],
      given: [['encodePathSegment', '/paths/~1a/get', 'the operation `encodePathSegment`']],
      want: {
        names: ['encodePathSegment3'],
        warnings: [
          'The operation `encodePathSegment` would be named `encodePathSegment`, which the generated code already uses; it is named `encodePathSegment3`.',
        ],
        related: [undefined],
      },
    },
  ])('$rule', ({ reserved, given, want }) => {
    const table = new NameTable(locate, new Set(reserved));
    const claims = given.map(([name, pointer, what]) => table.claim(name, pointer, what));
    expect(claims.map((claim) => claim.id.text)).toEqual(want.names);
    expect(claims.map((claim) => claim.warning?.message)).toEqual(want.warnings);
    expect(claims.map((claim) => claim.warning?.related?.[0]?.at.pointer)).toEqual(want.related);
    // every warning is located at the claimant's own pointer, with the table's hint
    claims.forEach((claim, i) => {
      if (claim.warning === undefined) return;
      expect([claim.warning.code, claim.warning.severity, claim.warning.at.pointer, claim.warning.hint]).toEqual([
        'model/name-collision',
        'warning',
        given[i]![1],
        'Rename one of the schemas, or give one an `x-sdk-name`.',
      ]);
    });
  });

  it.each([
    // given: names already claimed, the candidates best first; want: the name and whether it warned
    { given: { taken: [], candidates: ['CreatePetInput', 'CreatePetRequestInput'] }, want: ['CreatePetInput', false] },
    {
      given: { taken: ['CreatePetInput'], candidates: ['CreatePetInput', 'CreatePetRequestInput'] },
      want: ['CreatePetRequestInput', false],
    },
    // only when every candidate is taken does the first one get a number, with the warning
    {
      given: { taken: ['CreatePetInput', 'CreatePetRequestInput'], candidates: ['CreatePetInput', 'CreatePetRequestInput'] },
      want: ['CreatePetInput2', true],
    },
  ])('claimFirst: taken $given.taken -> $want', ({ given, want }) => {
    const table = new NameTable(locate);
    for (const name of given.taken) table.claim(name, `/components/schemas/${name}`, `the schema \`${name}\``);
    const { id, warning } = table.claimFirst(given.candidates, '/paths/~1pets/post', 'the input of `createPet`');
    expect([id.text, warning !== undefined]).toEqual(want);
  });

  it('has(): claimed and reserved names', () => {
    const table = new NameTable(locate, new Set(['client']));
    table.claim('files', '/paths/~1files/get', 'the resource `files`');
    expect(['files', 'client', 'models'].map((name) => table.has(name))).toEqual([true, true, false]);
  });
});

describe('ResourceNames', () => {
  type Case = {
    rule: string;
    given: string[][];
    want: { properties: Record<string, string[]>; taken: Record<string, string[]>; warnings: string[] };
  };
  it.each<Case>([
    {
      rule: 'segments become camelCase properties; each level lists the sub-resources its methods must avoid',
      given: [
        ['chatkit', 'sessions'],
        ['chatkit', 'threads'],
        ['vector_stores', 'file_batches'],
      ],
      want: {
        properties: {
          'chatkit/sessions': ['chatkit', 'sessions'],
          'chatkit/threads': ['chatkit', 'threads'],
          'vector_stores/file_batches': ['vectorStores', 'fileBatches'],
        },
        taken: {
          '': ['baseURL', 'timeout', 'maxRetries', 'request', 'withOptions', 'constructor', 'prototype', 'chatkit', 'vectorStores'],
          chatkit: ['client', 'constructor', 'prototype', 'sessions', 'threads'],
          'chatkit.sessions': ['client', 'constructor', 'prototype'],
        },
        warnings: [],
      },
    },
    {
      rule: 'two spellings of one property are one resource',
      given: [['user-profile'], ['user_profile']],
      want: { properties: { 'user-profile': ['userProfile'], user_profile: ['userProfile'] }, taken: {}, warnings: [] },
    },
    {
      rule: 'a resource named like a class member gets a trailing underscore, with a warning',
      given: [['oauth', 'client'], ['request']],
      want: {
        properties: { 'oauth/client': ['oauth', 'client_'], request: ['request_'] },
        taken: { oauth: ['client', 'constructor', 'prototype', 'client_'] },
        warnings: [
          'The resource `oauth.client` would be named `client`, which its parent resource class already uses; it is named `client_`.',
          'The resource `request` would be named `request`, which the client class already uses; it is named `request_`.',
        ],
      },
    },
    {
      rule: 'with operations on the root path, the client class has a `client` member too',
      given: [[], ['client']],
      want: {
        properties: { client: ['client_'] },
        taken: { '': ['baseURL', 'timeout', 'maxRetries', 'request', 'withOptions', 'constructor', 'prototype', 'client', 'client_'] },
        warnings: ['The resource `client` would be named `client`, which the client class already uses; it is named `client_`.'],
      },
    },
    {
      rule: 'a leading digit and a reserved word: `_2fa`, and `class` as it is (a property may be a reserved word)',
      given: [['2fa', 'codes'], ['class']],
      want: { properties: { '2fa/codes': ['_2fa', 'codes'], class: ['class'] }, taken: {}, warnings: [] },
    },
  ])('$rule', ({ given, want }) => {
    const names = new ResourceNames(
      given.map((resource) => ({ resource, pointer: `/paths/~1${resource.join('~1')}/get` })),
      locate,
    );
    expect(Object.fromEntries(Object.keys(want.properties).map((key) => [key, names.propertiesOf(key.split('/'))]))).toEqual(
      want.properties,
    );
    expect(Object.fromEntries(Object.keys(want.taken).map((key) => [key, [...names.takenIn(key === '' ? [] : key.split('.'))]]))).toEqual(
      want.taken,
    );
    expect(names.warnings.map((warning) => warning.message)).toEqual(want.warnings);
  });
});

describe('resourceClassCandidates', () => {
  it.each([
    {
      rule: 'the last segment alone where it is unique; parents where it is shared; then the longer forms',
      given: [['chatkit', 'sessions'], ['realtime', 'sessions'], ['files'], ['chatkit', 'threads', 'items'], ['vector_stores', 'files']],
      want: [
        ['ChatkitSessions', 'ChatkitSessionsResource', 'ChatkitSessionsMethods'],
        ['RealtimeSessions', 'RealtimeSessionsResource', 'RealtimeSessionsMethods'],
        // `files` has no parent to tell it apart by: the whole path it is
        ['Files', 'FilesResource', 'FilesMethods'],
        ['Items', 'ThreadsItems', 'ChatkitThreadsItems', 'ChatkitThreadsItemsResource', 'ChatkitThreadsItemsMethods'],
        ['VectorStoresFiles', 'VectorStoresFilesResource', 'VectorStoresFilesMethods'],
      ],
    },
    {
      rule: 'a segment with a leading digit keeps its underscore; a reserved word loses the one toTypeName adds',
      given: [['2fa', 'codes'], ['class'], ['string']],
      want: [
        ['Codes', '_2faCodes', '_2faCodesResource', '_2faCodesMethods'],
        ['Class', 'ClassResource', 'ClassMethods'],
        ['String', 'StringResource', 'StringMethods'],
      ],
    },
  ])('$rule', ({ given, want }) => {
    expect(resourceClassCandidates(given)).toEqual(want);
  });
});

describe('requestShapeCandidates', () => {
  it.each([
    { given: 'Pet', want: ['PetParam', 'PetRequestParam'] },
    { given: 'ChatSession', want: ['ChatSessionParam', 'ChatSessionRequestParam'] },
  ])('$given -> $want', ({ given, want }) => {
    expect(requestShapeCandidates(given)).toEqual(want);
  });
});
