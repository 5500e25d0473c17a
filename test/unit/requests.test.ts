// generator/emit/requests.ts as a given/want table: one operation of a small spec (through the
// real load, validate and model stages) and the declarations requests.ts holds for it, printed
// by printDeclaration before formatting: the params interface (when the client method takes two
// or more of body, query, headers and cookies), the input interface and the request builder,
// the types they import from types.ts, and the warnings the spec gave (none unless listed).
import { describe, expect, it } from 'vitest';
import { operationToBuilder, operationToInput, operationToParams } from '../../generator/emit/requests.js';
import { printDeclaration } from '../../generator/emit/structures.js';
import { operationIr } from './operation-ir.js';

const CASES: { rule: string; given: string; want: { lines: string[]; types: string[]; warnings?: string[] } }[] = [
  {
    rule: 'a path parameter: encoded into the path; a string goes as it is',
    given: `
  /notes/{note_id}:
    get:
      operationId: getNote
      parameters:
        - { name: note_id, in: path, required: true, schema: { type: string } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Note' } } } }
`,
    want: {
      lines: [
        '/** The input of {@link getNote}. */',
        'export interface GetNoteInput {',
        '/** The path parameters. */',
        'path: GetNotePathParams;',
        '}',
        '',
        '/**',
        ' * `GET /notes/{note_id}`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * getNote({ path: { note_id: 'my_note_id' } })",
        ' * ```',
        ' */',
        'export function getNote(request: GetNoteInput): RequestDescription {',
        "return { method: 'GET', path: '/notes/' + encodePathSegment(request.path.note_id, 'note_id'), headers: {} };",
        '}',
      ],
      types: ['GetNotePathParams'],
    },
  },
  {
    rule: 'an integer path parameter goes through scalarText() (plain digits, never 1e+21); two parameters in path order',
    given: `
  /notes/{note_id}/revisions/{revision}:
    delete:
      operationId: deleteRevision
      parameters:
        - { name: revision, in: path, required: true, schema: { type: integer } }
        - { name: note_id, in: path, required: true, schema: { type: string } }
      responses:
        '204': { description: gone }
`,
    want: {
      lines: [
        '/** The input of {@link deleteRevision}. */',
        'export interface DeleteRevisionInput {',
        '/** The path parameters. */',
        'path: DeleteRevisionPathParams;',
        '}',
        '',
        '/**',
        ' * `DELETE /notes/{note_id}/revisions/{revision}`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * deleteRevision({ path: { note_id: 'my_note_id', revision: 1 } })",
        ' * ```',
        ' */',
        'export function deleteRevision(request: DeleteRevisionInput): RequestDescription {',
        "return { method: 'DELETE', path: '/notes/' + encodePathSegment(request.path.note_id, 'note_id') + '/revisions/' + encodePathSegment(scalarText(request.path.revision), 'revision'), headers: {} };",
        '}',
      ],
      types: ['DeleteRevisionPathParams'],
    },
  },
  {
    rule: 'no parameters and no body: the input defaults to {}',
    given: `
  /health:
    get:
      operationId: getHealth
      responses:
        '204': { description: ok }
`,
    want: {
      lines: [
        '/** The input of {@link getHealth}. */',
        'export interface GetHealthInput {',
        '',
        '}',
        '',
        '/**',
        ' * `GET /health`',
        ' *',
        ' * @example',
        ' * ```ts',
        ' * getHealth()',
        ' * ```',
        ' */',
        'export function getHealth(_request: GetHealthInput = {}): RequestDescription {',
        "return { method: 'GET', path: '/health', headers: {} };",
        '}',
      ],
      types: [],
    },
  },
  {
    rule: 'query parameters: an exploded array, an unexploded one, a deepObject, each with its style and explode',
    given: `
  /notes:
    get:
      operationId: searchNotes
      parameters:
        - { name: tag, in: query, schema: { type: array, items: { type: string } } }
        - { name: ids, in: query, explode: false, schema: { type: array, items: { type: integer } } }
        - { name: filter, in: query, style: deepObject, explode: true, schema: { type: object, properties: { color: { type: string } } } }
        - { name: q, in: query, required: true, schema: { type: string } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Note' } } } }
`,
    want: {
      lines: [
        '/** The input of {@link searchNotes}. */',
        'export interface SearchNotesInput {',
        '/** The query parameters. */',
        'query: SearchNotesQueryParams;',
        '}',
        '',
        '/**',
        ' * `GET /notes`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * searchNotes({ query: { q: 'my_q' } })",
        ' * ```',
        ' */',
        'export function searchNotes(request: SearchNotesInput): RequestDescription {',
        "return { method: 'GET', path: '/notes' + formatQuery([['filter', request.query?.filter, 'deepObject', true], ['ids', request.query?.ids, 'form', false], ['q', request.query?.q, 'form', true], ['tag', request.query?.tag, 'form', true]] satisfies QueryEntry[]), headers: {} };",
        '}',
      ],
      types: ['SearchNotesQueryParams'],
    },
  },
  {
    rule: 'a query written into the path key is sent first, on every call',
    given: `
  /notes?beta=true:
    get:
      operationId: listBetaNotes
      parameters:
        - { name: limit, in: query, schema: { type: integer } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Note' } } } }
`,
    want: {
      lines: [
        '/** The input of {@link listBetaNotes}. */',
        'export interface ListBetaNotesInput {',
        '/** The query parameters. */',
        'query?: ListBetaNotesQueryParams;',
        '}',
        '',
        '/**',
        ' * `GET /notes?beta=true`',
        ' *',
        ' * @example',
        ' * ```ts',
        ' * listBetaNotes({})',
        ' * ```',
        ' */',
        'export function listBetaNotes(request: ListBetaNotesInput): RequestDescription {',
        "return { method: 'GET', path: '/notes' + formatQuery([['beta', 'true', 'form', true], ['limit', request.query?.limit, 'form', true]] satisfies QueryEntry[]), headers: {} };",
        '}',
      ],
      types: ['ListBetaNotesQueryParams'],
      warnings: [
        'The path key `/notes?beta=true` holds a query string; OpenAPI path keys are path templates, and query parameters are declared with `in: query`. sdkgen calls `/notes` and sends `beta=true` on every call.',
      ],
    },
  },
  {
    rule: 'header parameters: a required one as it is, an optional one only when set, a number through scalarText()',
    given: `
  /notes:
    post:
      operationId: createNote
      parameters:
        - { name: Idempotency-Key, in: header, required: true, schema: { type: string } }
        - { name: X-Trace, in: header, schema: { type: integer } }
      requestBody:
        required: true
        content: { application/json: { schema: { $ref: '#/components/schemas/NoteInput' } } }
      responses:
        '201': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Note' } } } }
`,
    want: {
      lines: [
        '/** The parameters of {@link createNote} besides the path: what the client method takes after its path arguments. */',
        'export interface CreateNoteParams {',
        '/** The header parameters. */',
        'headers: CreateNoteHeaderParams;',
        '/** The JSON request body. */',
        'body: NoteInput;',
        '}',
        '',
        '/** The input of {@link createNote}. */',
        'export interface CreateNoteInput {',
        '/** The header parameters. */',
        'headers: CreateNoteHeaderParams;',
        '/** The JSON request body. */',
        'body: NoteInput;',
        '}',
        '',
        '/**',
        ' * `POST /notes`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * createNote({ headers: { 'Idempotency-Key': 'text' }, body: { text: 'my_text' } })",
        ' * ```',
        ' */',
        'export function createNote(request: CreateNoteInput): RequestDescription {',
        "return { method: 'POST', path: '/notes', headers: { 'Idempotency-Key': request.headers['Idempotency-Key'], ...(request.headers?.['X-Trace'] === undefined ? {} : { 'X-Trace': scalarText(request.headers?.['X-Trace']) }) }, body: request.body };",
        '}',
      ],
      types: ['CreateNoteHeaderParams', 'NoteInput'],
    },
  },
  {
    rule: 'cookie parameters: one Cookie header, left out when none is set',
    given: `
  /me:
    get:
      operationId: getMe
      parameters:
        - { name: session, in: cookie, required: true, schema: { type: string } }
        - { name: theme, in: cookie, schema: { type: string } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Note' } } } }
`,
    want: {
      lines: [
        '/** The input of {@link getMe}. */',
        'export interface GetMeInput {',
        '/** The cookie parameters. */',
        'cookies: GetMeCookieParams;',
        '}',
        '',
        '/**',
        ' * `GET /me`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * getMe({ cookies: { session: 'my_session' } })",
        ' * ```',
        ' */',
        'export function getMe(request: GetMeInput): RequestDescription {',
        "return { method: 'GET', path: '/me', headers: { ...cookieHeader([['session', request.cookies.session, 'form', true], ['theme', request.cookies?.theme, 'form', true]] satisfies QueryEntry[]) } };",
        '}',
      ],
      types: ['GetMeCookieParams'],
    },
  },
  {
    rule: 'an optional JSON body with its own description; query and body make a params interface',
    given: `
  /notes/import:
    post:
      operationId: importNotes
      parameters:
        - { name: dry_run, in: query, schema: { type: boolean } }
      requestBody:
        description: The notes to import.
        content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/NoteInput' } } } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/NoteList' } } } }
`,
    want: {
      lines: [
        '/** The parameters of {@link importNotes} besides the path: what the client method takes after its path arguments. */',
        'export interface ImportNotesParams {',
        '/** The query parameters. */',
        'query?: ImportNotesQueryParams;',
        '/** The notes to import. */',
        'body?: ImportNotesBody;',
        '}',
        '',
        '/** The input of {@link importNotes}. */',
        'export interface ImportNotesInput {',
        '/** The query parameters. */',
        'query?: ImportNotesQueryParams;',
        '/** The notes to import. */',
        'body?: ImportNotesBody;',
        '}',
        '',
        '/**',
        ' * `POST /notes/import`',
        ' *',
        ' * @example',
        ' * ```ts',
        ' * importNotes({ body: [] })',
        ' * ```',
        ' */',
        'export function importNotes(request: ImportNotesInput): RequestDescription {',
        "return { method: 'POST', path: '/notes/import' + formatQuery([['dry_run', request.query?.dry_run, 'form', true]] satisfies QueryEntry[]), headers: {}, body: request.body };",
        '}',
      ],
      types: ['ImportNotesQueryParams', 'ImportNotesBody'],
    },
  },
  {
    rule: 'a multipart body is encoded by toFormData',
    given: `
  /notes/{note_id}/attachments:
    post:
      operationId: uploadAttachment
      parameters:
        - { name: note_id, in: path, required: true, schema: { type: string } }
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema: { type: object, required: [file], properties: { file: { type: string, format: binary }, caption: { type: string } } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Note' } } } }
`,
    want: {
      lines: [
        '/** The input of {@link uploadAttachment}. */',
        'export interface UploadAttachmentInput {',
        '/** The path parameters. */',
        'path: UploadAttachmentPathParams;',
        '/** The multipart/form-data request body: files (File, Blob, bytes) go as file parts, other fields as text. Read streams first (`await toFile(stream)`). */',
        'body: UploadAttachmentBody;',
        '}',
        '',
        '/**',
        ' * `POST /notes/{note_id}/attachments`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * uploadAttachment({ path: { note_id: 'my_note_id' }, body: { file: new Blob(['file contents']) } })",
        ' * ```',
        ' */',
        'export function uploadAttachment(request: UploadAttachmentInput): RequestDescription {',
        "return { method: 'POST', path: '/notes/' + encodePathSegment(request.path.note_id, 'note_id') + '/attachments', headers: {}, body: toFormData(request.body) };",
        '}',
      ],
      types: ['UploadAttachmentPathParams', 'UploadAttachmentBody'],
    },
  },
  {
    rule: 'an optional urlencoded body: no body at all when it is not given, and its own Content-Type',
    given: `
  /tokens:
    post:
      operationId: createToken
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: { type: object, properties: { grant_type: { type: string } } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Note' } } } }
`,
    want: {
      lines: [
        '/** The input of {@link createToken}. */',
        'export interface CreateTokenInput {',
        '/** The application/x-www-form-urlencoded request body. */',
        'body?: CreateTokenBody;',
        '}',
        '',
        '/**',
        ' * `POST /tokens`',
        ' *',
        ' * @example',
        ' * ```ts',
        ' * createToken({ body: {} })',
        ' * ```',
        ' */',
        'export function createToken(request: CreateTokenInput): RequestDescription {',
        "return { method: 'POST', path: '/tokens', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, ...(request.body === undefined ? {} : { body: toUrlEncoded(request.body) }) };",
        '}',
      ],
      types: ['CreateTokenBody'],
    },
  },
  {
    rule: 'a binary body is sent as it is with its media type; a binary answer asks for its own',
    given: `
  /audio/convert:
    post:
      operationId: convertAudio
      requestBody:
        required: true
        content: { audio/wav: { schema: { type: string, format: binary } } }
      responses:
        '200': { description: ok, content: { audio/mpeg: { schema: { type: string, format: binary } } } }
`,
    want: {
      lines: [
        '/** The input of {@link convertAudio}. */',
        'export interface ConvertAudioInput {',
        '/** The request body, sent as it is: a File, Blob, bytes or a stream. */',
        'body: Uploadable;',
        '}',
        '',
        '/**',
        ' * `POST /audio/convert`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * convertAudio({ body: new Blob(['file contents']) })",
        ' * ```',
        ' */',
        'export function convertAudio(request: ConvertAudioInput): RequestDescription {',
        "return { method: 'POST', path: '/audio/convert', headers: { 'Content-Type': 'audio/wav', Accept: 'audio/mpeg' }, body: request.body };",
        '}',
      ],
      types: [],
    },
  },
  {
    rule: 'a text body',
    given: `
  /notes/{note_id}/text:
    put:
      operationId: replaceText
      parameters:
        - { name: note_id, in: path, required: true, schema: { type: string } }
      requestBody:
        required: true
        content: { text/plain: { schema: { type: string } } }
      responses:
        '204': { description: ok }
`,
    want: {
      lines: [
        '/** The input of {@link replaceText}. */',
        'export interface ReplaceTextInput {',
        '/** The path parameters. */',
        'path: ReplaceTextPathParams;',
        '/** The text request body. */',
        'body: string;',
        '}',
        '',
        '/**',
        ' * `PUT /notes/{note_id}/text`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * replaceText({ path: { note_id: 'my_note_id' }, body: 'my_value' })",
        ' * ```',
        ' */',
        'export function replaceText(request: ReplaceTextInput): RequestDescription {',
        "return { method: 'PUT', path: '/notes/' + encodePathSegment(request.path.note_id, 'note_id') + '/text', headers: { 'Content-Type': 'text/plain' }, body: request.body };",
        '}',
      ],
      types: ['ReplaceTextPathParams'],
    },
  },
  {
    rule: 'a paginated list: the builder is a plain query builder (the client walks the pages)',
    given: `
  /notes:
    get:
      operationId: listNotes
      parameters:
        - { name: after, in: query, schema: { type: string } }
        - { name: limit, in: query, schema: { type: integer } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/NoteList' } } } }
`,
    want: {
      lines: [
        '/** The input of {@link listNotes}. */',
        'export interface ListNotesInput {',
        '/** The query parameters. */',
        'query?: ListNotesQueryParams;',
        '}',
        '',
        '/**',
        ' * `GET /notes`',
        ' *',
        ' * @example',
        ' * ```ts',
        ' * listNotes({})',
        ' * ```',
        ' */',
        'export function listNotes(request: ListNotesInput): RequestDescription {',
        "return { method: 'GET', path: '/notes' + formatQuery([['after', request.query?.after, 'form', true], ['limit', request.query?.limit, 'form', true]] satisfies QueryEntry[]), headers: {} };",
        '}',
      ],
      types: ['ListNotesQueryParams'],
    },
  },
  {
    rule: 'an array path parameter is written by its style (styles.ts), and its example has an item',
    given: `
  /notes/{ids}:
    get:
      operationId: getNotes
      parameters:
        - { name: ids, in: path, required: true, schema: { type: array, items: { type: integer } } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Note' } } } }
`,
    want: {
      lines: [
        '/** The input of {@link getNotes}. */',
        'export interface GetNotesInput {',
        '/** The path parameters. */',
        'path: GetNotesPathParams;',
        '}',
        '',
        '/**',
        ' * `GET /notes/{ids}`',
        ' *',
        ' * @example',
        ' * ```ts',
        // an empty array would be an empty segment, which the client refuses
        ' * getNotes({ path: { ids: [1] } })',
        ' * ```',
        ' */',
        'export function getNotes(request: GetNotesInput): RequestDescription {',
        "return { method: 'GET', path: '/notes/' + stylePathParam(request.path.ids, 'ids', 'simple', false), headers: {} };",
        '}',
      ],
      types: ['GetNotesPathParams'],
    },
  },
  {
    rule: 'a header with a constant value is sent on every call; the caller never passes it',
    given: `
  /notes:
    get:
      operationId: getNotesV2
      parameters:
        - { name: X-Api-Version, in: header, required: true, schema: { const: '2024-06-01' } }
        - { name: X-Trace, in: header, schema: { type: string } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Note' } } } }
`,
    want: {
      lines: [
        '/** The input of {@link getNotesV2}. */',
        'export interface GetNotesV2Input {',
        '/** The header parameters. */',
        'headers?: GetNotesV2HeaderParams;',
        '}',
        '',
        '/**',
        ' * `GET /notes`',
        ' *',
        ' * @example',
        ' * ```ts',
        ' * getNotesV2({})',
        ' * ```',
        ' */',
        'export function getNotesV2(request: GetNotesV2Input): RequestDescription {',
        "return { method: 'GET', path: '/notes', headers: { 'X-Api-Version': '2024-06-01', ...(request.headers?.['X-Trace'] === undefined ? {} : { 'X-Trace': request.headers?.['X-Trace'] }) } };",
        '}',
      ],
      types: ['GetNotesV2HeaderParams'],
    },
  },
  {
    rule: 'a required query parameter with one value (a const, an enum of one) is sent on every call; the caller never passes it',
    given: `
  /notes:
    get:
      operationId: exportNotes
      parameters:
        - { name: format, in: query, required: true, schema: { const: csv } }
        - { name: Action, in: query, required: true, schema: { type: string, enum: [ExportNotes] } }
        - { name: limit, in: query, schema: { type: integer } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Note' } } } }
`,
    want: {
      lines: [
        '/** The input of {@link exportNotes}. */',
        'export interface ExportNotesInput {',
        '/** The query parameters. */',
        'query?: ExportNotesQueryParams;',
        '}',
        '',
        '/**',
        ' * `GET /notes`',
        ' *',
        ' * @example',
        ' * ```ts',
        ' * exportNotes({})',
        ' * ```',
        ' */',
        'export function exportNotes(request: ExportNotesInput): RequestDescription {',
        "return { method: 'GET', path: '/notes' + formatQuery([['Action', 'ExportNotes', 'form', true], ['format', 'csv', 'form', true], ['limit', request.query?.limit, 'form', true]] satisfies QueryEntry[]), headers: {} };",
        '}',
      ],
      types: ['ExportNotesQueryParams'],
    },
  },
];

describe('requests.ts for one operation', () => {
  it.each(CASES)('$rule', async ({ given, want }) => {
    const { api, op, warnings } = await operationIr(given);
    const types = new Set<string>();
    const declarations = [...operationToParams(op, api, types), operationToInput(op, api, types), operationToBuilder(op, api)];
    expect(declarations.map(printDeclaration).join('\n\n')).toBe(want.lines.join('\n'));
    expect([...types]).toEqual(want.types);
    expect(warnings).toEqual(want.warnings ?? []);
  });
});
