// generator/emit/client.ts's operationToCall as a given/want table: one operation of a small
// spec (through the real load, validate and model stages) and what client.ts and operations.ts
// hold for it, printed by printDeclaration before formatting: the standalone operation function
// (`notesRetrieve(client, noteId, options)`) and the resource method that calls it (shown
// without its class), the types.ts types and the validators they use, and the warnings the spec
// gave (none unless listed). The method bodies come from the built-in client-method template;
// the last test gives two of the cases a user's client-method template that prints its data.
import { beforeAll, describe, expect, it } from 'vitest';
import { operationToCall } from '../../generator/emit/client.js';
import { printDeclaration } from '../../generator/emit/structures.js';
import { Identifier } from '../../generator/model/ir.js';
import { templateRenderer, type TemplateRenderer } from '../../generator/emit/templates.js';
import { loadTemplates } from '../../generator/load/load-templates.js';
import { templateSet } from '../../generator/load/template-set.js';
import { operationIr } from './operation-ir.js';

const CASES: {
  rule: string;
  given: string;
  want: { fn: string[]; method: string[]; types: string[]; validators: string[]; warnings?: string[] };
}[] = [
  {
    rule: 'a path parameter is a positional argument with a plain type; the method calls the operation function',
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
      fn: [
        '/**',
        ' * `GET /notes/{note_id}`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * const client = new BaseNotesClient({ apiKey: 'my-api-key' });",
        " * const result = await notesRetrieve(client, 'my_note_id');",
        ' * ```',
        ' */',
        'export function notesRetrieve(client: BaseNotesClient, noteId: string, options?: RequestOptions): APIPromise<Note> {',
        'return client.request({ validateRequest: () => [...validators.validateGetNotePathParams({ note_id: noteId })], validateResponse: validators.Note.validate, build: () => requests.getNote({ path: { note_id: noteId } }) }, options);',
        '}',
      ],
      method: [
        '/**',
        ' * `GET /notes/{note_id}`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * const result = await client.notes.retrieve('my_note_id');",
        ' * ```',
        ' */',
        'retrieve(noteId: string, options?: RequestOptions): APIPromise<Note> {',
        'return notesRetrieve(this.client, noteId, options);',
        '}',
      ],
      types: ['Note'],
      validators: ['validateGetNotePathParams', 'Note'],
    },
  },
  {
    rule: 'an enum path parameter is typed from its path-params type; no content is void',
    given: `
  /notes/{note_id}/archive/{mode}:
    delete:
      operationId: archiveNote
      parameters:
        - { name: note_id, in: path, required: true, schema: { type: integer } }
        - { name: mode, in: path, required: true, schema: { enum: [soft, hard] } }
      responses:
        '204': { description: gone }
`,
    want: {
      fn: [
        '/**',
        ' * `DELETE /notes/{note_id}/archive/{mode}`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * const client = new BaseNotesClient({ apiKey: 'my-api-key' });",
        " * const result = await notesArchiveDelete(client, 1, 'soft');",
        ' * ```',
        ' */',
        "export function notesArchiveDelete(client: BaseNotesClient, noteId: number, mode: ArchiveNotePathParams['mode'], options?: RequestOptions): APIPromise<void> {",
        'return client.request({ validateRequest: () => [...validators.validateArchiveNotePathParams({ note_id: noteId, mode: mode })], build: () => requests.archiveNote({ path: { note_id: noteId, mode: mode } }) }, options);',
        '}',
      ],
      method: [
        '/**',
        ' * `DELETE /notes/{note_id}/archive/{mode}`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * const result = await client.notes.archive.delete(1, 'soft');",
        ' * ```',
        ' */',
        "delete(noteId: number, mode: ArchiveNotePathParams['mode'], options?: RequestOptions): APIPromise<void> {",
        'return notesArchiveDelete(this.client, noteId, mode, options);',
        '}',
      ],
      types: ['ArchiveNotePathParams'],
      validators: ['validateArchiveNotePathParams'],
    },
  },
  {
    rule: 'no input at all: only the options',
    given: `
  /health:
    get:
      operationId: getHealth
      responses:
        '200': { description: ok, content: { text/plain: { schema: { type: string } } } }
`,
    want: {
      fn: [
        '/**',
        ' * `GET /health`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * const client = new BaseNotesClient({ apiKey: 'my-api-key' });",
        ' * const result = await healthList(client);',
        ' * ```',
        ' */',
        'export function healthList(client: BaseNotesClient, options?: RequestOptions): APIPromise<string> {',
        "return client.request({ responseType: 'text', build: () => requests.getHealth() }, options);",
        '}',
      ],
      method: [
        '/**',
        ' * `GET /health`',
        ' *',
        ' * @example',
        ' * ```ts',
        ' * const result = await client.health.list();',
        ' * ```',
        ' */',
        'list(options?: RequestOptions): APIPromise<string> {',
        'return healthList(this.client, options);',
        '}',
      ],
      types: [],
      validators: [],
    },
  },
  {
    rule: 'one group (required query parameters) is passed as it is',
    given: `
  /notes/search:
    get:
      operationId: searchNotes
      parameters:
        - { name: q, in: query, required: true, schema: { type: string } }
        - { name: tag, in: query, schema: { type: array, items: { type: string } } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Note' } } } }
`,
    want: {
      fn: [
        '/**',
        ' * `GET /notes/search`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * const client = new BaseNotesClient({ apiKey: 'my-api-key' });",
        " * const result = await notesSearchList(client, { q: 'my_q' });",
        ' * ```',
        ' */',
        'export function notesSearchList(client: BaseNotesClient, query: SearchNotesQueryParams, options?: RequestOptions): APIPromise<Note> {',
        "return client.request({ validateRequest: () => [...validators.validateSearchNotesQueryParams(query).map((issue) => ({ path: ['query', ...issue.path], message: issue.message }))], validateResponse: validators.Note.validate, build: () => requests.searchNotes({ query }) }, options);",
        '}',
      ],
      method: [
        '/**',
        ' * `GET /notes/search`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * const result = await client.notes.search.list({ q: 'my_q' });",
        ' * ```',
        ' */',
        'list(query: SearchNotesQueryParams, options?: RequestOptions): APIPromise<Note> {',
        'return notesSearchList(this.client, query, options);',
        '}',
      ],
      types: ['SearchNotesQueryParams', 'Note'],
      validators: ['validateSearchNotesQueryParams', 'Note'],
    },
  },
  {
    rule: 'headers and a body travel in one params object, required because something in it is',
    given: `
  /notes:
    post:
      operationId: createNote
      parameters:
        - { name: Idempotency-Key, in: header, required: true, schema: { type: string } }
      requestBody:
        required: true
        content: { application/json: { schema: { $ref: '#/components/schemas/NoteInput' } } }
      responses:
        '201': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Note' } } } }
`,
    want: {
      fn: [
        '/**',
        ' * `POST /notes`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * const client = new BaseNotesClient({ apiKey: 'my-api-key' });",
        " * const result = await notesCreate(client, { body: { text: 'my_text' }, headers: { 'Idempotency-Key': 'text' } });",
        ' * ```',
        ' */',
        'export function notesCreate(client: BaseNotesClient, params: requests.CreateNoteParams, options?: RequestOptions): APIPromise<Note> {',
        "return client.request({ validateRequest: () => [...validators.validateCreateNoteHeaderParams(params.headers).map((issue) => ({ path: ['headers', ...issue.path], message: issue.message })), ...validators.NoteInput.validate(params.body, 'request')], validateBody: validators.NoteInput.validate, validateResponse: validators.Note.validate, build: (extend) => requests.createNote(extend({ ...params })) }, options);",
        '}',
      ],
      method: [
        '/**',
        ' * `POST /notes`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * const result = await client.notes.create({ body: { text: 'my_text' }, headers: { 'Idempotency-Key': 'text' } });",
        ' * ```',
        ' */',
        'create(params: requests.CreateNoteParams, options?: RequestOptions): APIPromise<Note> {',
        'return notesCreate(this.client, params, options);',
        '}',
      ],
      types: ['Note'],
      validators: ['validateCreateNoteHeaderParams', 'NoteInput', 'Note'],
    },
  },
  {
    rule: 'an optional body and optional query: the params object is optional, read through `params?.`',
    given: `
  /notes/import:
    post:
      operationId: importNotes
      parameters:
        - { name: dry_run, in: query, schema: { type: boolean } }
      requestBody:
        content: { application/json: { schema: { $ref: '#/components/schemas/NoteInput' } } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Note' } } } }
`,
    want: {
      fn: [
        '/**',
        ' * `POST /notes/import`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * const client = new BaseNotesClient({ apiKey: 'my-api-key' });",
        " * const result = await notesImportCreate(client, { body: { text: 'my_text' } });",
        ' * ```',
        ' */',
        'export function notesImportCreate(client: BaseNotesClient, params?: requests.ImportNotesParams, options?: RequestOptions): APIPromise<Note> {',
        "return client.request({ validateRequest: () => [...validators.validateImportNotesQueryParams(params?.query ?? {}).map((issue) => ({ path: ['query', ...issue.path], message: issue.message })), ...(params?.body === undefined ? [] : validators.NoteInput.validate(params?.body, 'request'))], validateBody: validators.NoteInput.validate, validateResponse: validators.Note.validate, build: (extend) => requests.importNotes(extend({ ...params })) }, options);",
        '}',
      ],
      method: [
        '/**',
        ' * `POST /notes/import`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * const result = await client.notes.import.create({ body: { text: 'my_text' } });",
        ' * ```',
        ' */',
        'create(params?: requests.ImportNotesParams, options?: RequestOptions): APIPromise<Note> {',
        'return notesImportCreate(this.client, params, options);',
        '}',
      ],
      types: ['Note'],
      validators: ['validateImportNotesQueryParams', 'NoteInput', 'Note'],
    },
  },
  {
    rule: 'a multipart body: its streams are read into files once, before the first attempt',
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
            schema: { type: object, required: [file], properties: { file: { type: string, format: binary } } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Note' } } } }
`,
    want: {
      fn: [
        '/**',
        ' * `POST /notes/{note_id}/attachments`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * const client = new BaseNotesClient({ apiKey: 'my-api-key' });",
        " * const result = await notesAttachmentsCreate(client, 'my_note_id', { file: new Blob(['file contents']) });",
        ' * ```',
        ' */',
        'export function notesAttachmentsCreate(client: BaseNotesClient, noteId: string, body: UploadAttachmentBody, options?: RequestOptions): APIPromise<Note> {',
        "return client.request({ validateRequest: () => [...validators.validateUploadAttachmentPathParams({ note_id: noteId }), ...validators.UploadAttachmentBody.validate(body, 'request')], validateResponse: validators.Note.validate, build: async (extend) => requests.uploadAttachment(await readUploads(extend({ path: { note_id: noteId }, body }))) }, options);",
        '}',
      ],
      method: [
        '/**',
        ' * `POST /notes/{note_id}/attachments`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * const result = await client.notes.attachments.create('my_note_id', { file: new Blob(['file contents']) });",
        ' * ```',
        ' */',
        'create(noteId: string, body: UploadAttachmentBody, options?: RequestOptions): APIPromise<Note> {',
        'return notesAttachmentsCreate(this.client, noteId, body, options);',
        '}',
      ],
      types: ['UploadAttachmentBody', 'Note'],
      validators: ['validateUploadAttachmentPathParams', 'UploadAttachmentBody', 'Note'],
    },
  },
  {
    rule: 'a binary answer is the unread Response',
    given: `
  /audio/speech:
    post:
      operationId: createSpeech
      requestBody:
        required: true
        content: { application/json: { schema: { $ref: '#/components/schemas/NoteInput' } } }
      responses:
        '200': { description: ok, content: { audio/mpeg: { schema: { type: string, format: binary } } } }
`,
    want: {
      fn: [
        '/**',
        ' * `POST /audio/speech`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * const client = new BaseNotesClient({ apiKey: 'my-api-key' });",
        " * const result = await audioSpeechCreate(client, { text: 'my_text' });",
        ' * ```',
        ' */',
        'export function audioSpeechCreate(client: BaseNotesClient, body: NoteInput, options?: RequestOptions): APIPromise<globalThis.Response> {',
        "return client.request({ validateRequest: () => validators.NoteInput.validate(body, 'request'), validateBody: validators.NoteInput.validate, responseType: 'binary', build: (extend) => requests.createSpeech(extend({ body })) }, options);",
        '}',
      ],
      method: [
        '/**',
        ' * `POST /audio/speech`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * const result = await client.audio.speech.create({ text: 'my_text' });",
        ' * ```',
        ' */',
        'create(body: NoteInput, options?: RequestOptions): APIPromise<globalThis.Response> {',
        'return audioSpeechCreate(this.client, body, options);',
        '}',
      ],
      types: ['NoteInput'],
      validators: ['NoteInput'],
    },
  },
  {
    rule: 'a paginated list returns a PagePromise whose fetcher re-runs the request with the page query',
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
      fn: [
        '/**',
        ' * `GET /notes`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * const client = new BaseNotesClient({ apiKey: 'my-api-key' });",
        ' * for await (const item of notesList(client)) {',
        ' *   console.log(item);',
        ' * }',
        ' * ```',
        ' */',
        'export function notesList(client: BaseNotesClient, query?: ListNotesQueryParams, options?: RequestOptions): PagePromise<NotesPage> {',
        "return new PagePromise<NotesPage>(query ?? {}, (query: ListNotesQueryParams, url) => client.request({ validateRequest: () => [...validators.validateListNotesQueryParams(query ?? {}).map((issue) => ({ path: ['query', ...issue.path], message: issue.message }))], validateResponse: validators.NoteList.validate, build: () => requests.listNotes({ ...(query === undefined ? {} : { query }) }) }, options), { style: 'cursor', items: 'data', cursorParam: 'after', cursorField: ['last_id'], hasMore: ['has_more'] });",
        '}',
      ],
      method: [
        '/**',
        ' * `GET /notes`',
        ' *',
        ' * @example',
        ' * ```ts',
        ' * for await (const item of client.notes.list()) {',
        ' *   console.log(item);',
        ' * }',
        ' * ```',
        ' */',
        'list(query?: ListNotesQueryParams, options?: RequestOptions): PagePromise<NotesPage> {',
        'return notesList(this.client, query, options);',
        '}',
      ],
      types: ['ListNotesQueryParams', 'NoteList'],
      validators: ['validateListNotesQueryParams', 'NoteList'],
    },
  },
  {
    rule: 'JSON or events chosen by the boolean `stream` of the body: overloads for true, false and either',
    given: `
  /completions:
    post:
      operationId: createCompletion
      requestBody:
        required: true
        content: { application/json: { schema: { $ref: '#/components/schemas/CompletionRequest' } } }
      responses:
        '200':
          description: ok
          content:
            application/json: { schema: { $ref: '#/components/schemas/Completion' } }
            text/event-stream: { schema: { $ref: '#/components/schemas/Completion' } }
`,
    want: {
      fn: [
        '/**',
        ' * `POST /completions`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * const client = new BaseNotesClient({ apiKey: 'my-api-key' });",
        " * const result = await completionsCreate(client, { prompt: 'my_prompt' });",
        ' * ```',
        ' */',
        'export function completionsCreate(client: BaseNotesClient, body: CompletionRequestStreaming, options?: RequestOptions): APIPromise<Stream<Completion>>;',
        '/**',
        ' * `POST /completions`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * const client = new BaseNotesClient({ apiKey: 'my-api-key' });",
        " * const result = await completionsCreate(client, { prompt: 'my_prompt' });",
        ' * ```',
        ' */',
        'export function completionsCreate(client: BaseNotesClient, body: CompletionRequestNonStreaming, options?: RequestOptions): APIPromise<Completion>;',
        '/**',
        ' * `POST /completions`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * const client = new BaseNotesClient({ apiKey: 'my-api-key' });",
        " * const result = await completionsCreate(client, { prompt: 'my_prompt' });",
        ' * ```',
        ' */',
        'export function completionsCreate(client: BaseNotesClient, body: CompletionRequest, options?: RequestOptions): APIPromise<Completion | Stream<Completion>>;',
        'export function completionsCreate(client: BaseNotesClient, body: CompletionRequest, options?: RequestOptions): APIPromise<Completion | Stream<Completion>> {',
        "return client.request({ validateRequest: () => validators.CompletionRequest.validate(body, 'request'), validateBody: validators.CompletionRequest.validate, validateResponse: validators.Completion.validate, responseType: body.stream === true ? 'sse' : 'json', stream: streamResponse, validateEvent: validators.Completion.validate, build: (extend) => requests.createCompletion(extend({ body })) }, options);",
        '}',
      ],
      method: [
        '/**',
        ' * `POST /completions`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * const result = await client.completions.create({ prompt: 'my_prompt' });",
        ' * ```',
        ' */',
        'create(body: CompletionRequestStreaming, options?: RequestOptions): APIPromise<Stream<Completion>>;',
        '/**',
        ' * `POST /completions`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * const result = await client.completions.create({ prompt: 'my_prompt' });",
        ' * ```',
        ' */',
        'create(body: CompletionRequestNonStreaming, options?: RequestOptions): APIPromise<Completion>;',
        '/**',
        ' * `POST /completions`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * const result = await client.completions.create({ prompt: 'my_prompt' });",
        ' * ```',
        ' */',
        'create(body: CompletionRequest, options?: RequestOptions): APIPromise<Completion | Stream<Completion>>;',
        'create(body: CompletionRequest, options?: RequestOptions): APIPromise<Completion | Stream<Completion>> {',
        'return completionsCreate(this.client, body, options);',
        '}',
      ],
      types: ['CompletionRequest', 'Completion'],
      validators: ['Completion', 'CompletionRequest'],
    },
  },
  {
    rule: 'events only: a Stream of validated events',
    given: `
  /notes/events:
    get:
      operationId: streamNoteEvents
      responses:
        '200': { description: ok, content: { text/event-stream: { schema: { $ref: '#/components/schemas/Note' } } } }
`,
    want: {
      fn: [
        '/**',
        ' * `GET /notes/events`',
        ' *',
        ' * @example',
        ' * ```ts',
        " * const client = new BaseNotesClient({ apiKey: 'my-api-key' });",
        ' * const result = await notesEventsList(client);',
        ' * ```',
        ' */',
        'export function notesEventsList(client: BaseNotesClient, options?: RequestOptions): APIPromise<Stream<Note>> {',
        "return client.request({ responseType: 'sse', stream: streamResponse, validateEvent: validators.Note.validate, build: () => requests.streamNoteEvents() }, options);",
        '}',
      ],
      method: [
        '/**',
        ' * `GET /notes/events`',
        ' *',
        ' * @example',
        ' * ```ts',
        ' * const result = await client.notes.events.list();',
        ' * ```',
        ' */',
        'list(options?: RequestOptions): APIPromise<Stream<Note>> {',
        'return notesEventsList(this.client, options);',
        '}',
      ],
      types: ['Note'],
      validators: ['Note'],
    },
  },
];

let render: TemplateRenderer;
beforeAll(async () => {
  const loaded = await loadTemplates();
  render = templateRenderer(templateSet(loaded.sources, loaded.helpers));
});

describe('client.ts and operations.ts for one operation', () => {
  it.each(CASES)('$rule', async ({ given, want }) => {
    const { api, op, warnings } = await operationIr(given);
    const types = new Set<string>();
    const validators = new Set<string>();
    const { fn, method } = operationToCall(op, op.names.resource.map(String), api, types, validators, render);
    expect(printDeclaration(fn)).toBe(want.fn.join('\n'));
    // a method prints inside its class: the lines between `class R {` and `}`
    expect(
      printDeclaration({ kind: 'class', name: new Identifier('R'), methods: [method] })
        .split('\n')
        .slice(1, -1),
    ).toEqual(want.method);
    expect([...types]).toEqual(want.types);
    expect([...validators]).toEqual(want.validators);
    expect(warnings).toEqual(want.warnings ?? []);
  });
});

describe('a user client-method template (README "Templates")', () => {
  it('gets operationId, httpMethod, path, method, responseType and operation, and pagination only on a paginated operation', async () => {
    // read as --templates reads a folder; the template prints each field on a comment line (and,
    // through its helper, the names of all the fields it was given), then the built-in body
    const loaded = await loadTemplates('test/fixtures/templates/every-field');
    const custom = templateRenderer(templateSet(loaded.sources, loaded.helpers));
    const rendered = async (rule: string) => {
      const { given, want } = CASES.find((c) => c.rule.startsWith(rule))!;
      const { api, op } = await operationIr(given);
      const lines = printDeclaration(operationToCall(op, op.names.resource.map(String), api, new Set(), new Set(), custom).fn).split('\n');
      // around the comments, the function the built-in template gives
      expect(lines.filter((line) => !line.startsWith('// '))).toEqual(want.fn);
      const fields = lines.filter((line) => line.startsWith('// ')).map((line) => line.slice(3));
      const operation = fields.find((field) => field.startsWith('operation: '))!.slice('operation: '.length);
      return { fields, operation, signature: lines.find((line) => line.startsWith('export function '))!, body: lines.at(-2)! };
    };
    const plain = await rendered('a path parameter is a positional argument');
    expect(plain.fields).toEqual([
      'data: operationId, httpMethod, path, method, responseType, operation',
      "operationId: 'getNote'",
      "httpMethod: 'GET'",
      "path: '/notes/{note_id}'",
      "method: 'retrieve'",
      'responseType: Note',
      `operation: ${plain.operation}`,
    ]);
    const paged = await rendered('a paginated list');
    expect(paged.fields).toEqual([
      'data: operationId, httpMethod, path, method, responseType, operation, pagination',
      "operationId: 'listNotes'",
      "httpMethod: 'GET'",
      "path: '/notes'",
      "method: 'list'",
      'responseType: NoteList',
      `operation: ${paged.operation}`,
      'pagination.page: NotesPage',
      'pagination.query: ListNotesQueryParams',
      'pagination.first: query ?? {}',
      "pagination.fields: { style: 'cursor', items: 'data', cursorParam: 'after', cursorField: ['last_id'], hasMore: ['has_more'] }",
    ]);
    for (const { operation, signature, body } of [plain, paged]) {
      // `operation` is the { validateRequest, build, validateResponse } object as code, the request the body makes
      expect(operation).toMatch(
        /^\{ validateRequest: .*, validateResponse: validators\.\w+\.validate, build: \(\) => requests\.\w+\(.*\) \}$/,
      );
      expect(body).toContain(`client.request(${operation}, options)`);
      // `options` is no field: it is the function's parameter, the caller's RequestOptions
      expect(signature).toContain(', options?: RequestOptions): ');
    }
  });
});
