// IR -> `src/client.ts`: the client class and one thin class per resource, in the shape of
// openai-node (`client.chatkit.sessions.create(body, options)`). Methods only wire a request
// builder, the validators and the runtime core together; all mechanics live in internal/.
import { Identifier, resourcesInOrder, type IrApi, type IrOperation, type IrResource, type IrSchema } from '../model/ir.js';
import { streamsOnFlag } from '../model/build-model.js';
import { schemaIndex } from '../model/schema-index.js';
import { Code, code, doc, exampleLiteral, joinCode, literal, propertyKey } from './escape.js';
import { chunkedFile, type EmitContext, type EmittedFile } from './emitted-file.js';
import type { TemplateSet } from '../load/template-set.js';
import { templateRenderer, type TemplateRenderer } from './templates.js';
import { fileHeader } from './file-header.js';
import { absoluteLinks } from './doc-links.js';
import { operationDoc } from './operation-doc.js';
import {
  printDeclaration,
  type ClassDeclaration,
  type FunctionDeclaration,
  type Method,
  type Parameter,
  type TypeAliasDeclaration,
} from './structures.js';
import { exampleValue, pathExampleValue } from './example-value.js';
import { typeOf } from './type-reference.js';
import { itemsType } from './requests.js';
import { parameterGroups } from './validators/parameters.js';

export function emitClient(api: IrApi, ctx: EmitContext & { readonly templates: TemplateSet }): EmittedFile[] {
  const render = templateRenderer(ctx.templates);
  const usedTypes = new Set<string>();
  const validators = new Set<string>();
  const functions: FunctionDeclaration[] = [];
  /** Each operation once: its standalone function, and the class method that calls it. */
  const methodsOf = (operations: readonly IrOperation[], path: readonly string[]): Method[] =>
    operations.map((op) => {
      const call = operationToCall(op, path, api, usedTypes, validators, render);
      functions.push(call.fn);
      return call.method;
    });
  const classes: ClassDeclaration[] = [baseClientClass(api), clientClass(api, methodsOf(api.rootOperations, []))];
  for (const { resource, path } of resourcesInOrder(api.resources))
    classes.push(resourceToClass(resource, path, methodsOf(resource.operations, path)));
  const aliases = operationTypeAliases(api, usedTypes);
  functions.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const hasParams = api.operations.some((op) => op.names.params !== undefined);
  const typeImport = usedTypes.size > 0 ? `import type { ${[...usedTypes].sort().join(', ')} } from './types.js';` : '';
  const paginates = api.operations.some((op) => op.pagination);
  const uploads = api.operations.some((op) => op.body?.contentType === 'multipart/form-data');
  const binaryBodies = api.operations.some((op) => op.body?.contentType === 'binary');
  const streams = api.operations.some((op) => op.response.stream);
  const itemStreams = api.operations.some((op) => op.response.items);
  const itemBodies = api.operations.some((op) => op.body?.items);
  const clientImports = [
    `import type { APIPromise } from './internal/api-promise.js';`,
    `import { ClientCore, type ClientIdentity, type ClientOptions, type RequestOptions } from './internal/core.js';`,
    paginates
      ? `import type * as pagination from './internal/pagination.js';\nimport type { PagePromise } from './internal/pagination.js';`
      : '',
    streams ? `import type { Stream } from './internal/streaming.js';` : '',
    itemStreams ? `import type { ItemStream } from './internal/item-streams.js';` : '',
    binaryBodies ? `import type { Uploadable } from './internal/uploads.js';` : '',
    functions.length > 0 ? `import { ${functions.map((fn) => fn.name).join(', ')} } from './operations.js';` : '',
    hasParams ? `import type * as requests from './requests.js';` : '',
    typeImport,
  ].filter(Boolean);
  // namespaces: a builder, a validator and a type may share a name (all come from the spec)
  const operationImports = [
    `import type { APIPromise } from './internal/api-promise.js';`,
    `import type { RequestOptions } from './internal/core.js';`,
    paginates ? `import { PagePromise } from './internal/pagination.js';` : '',
    streams ? `import { streamResponse, type Stream } from './internal/streaming.js';` : '',
    itemStreams || itemBodies
      ? `import { ${[itemBodies ? 'itemIssues' : '', itemStreams ? 'itemStream, type ItemStream' : ''].filter(Boolean).join(', ')} } from './internal/item-streams.js';`
      : '',
    uploads || binaryBodies
      ? `import { ${[uploads ? 'readUploads' : '', binaryBodies ? 'type Uploadable' : ''].filter(Boolean).join(', ')} } from './internal/uploads.js';`
      : '',
    `import type { ${[api.package.baseClientName.text, ...aliases.map((alias) => alias.name)].join(', ')} } from './client.js';`,
    functions.length > 0 ? `import * as requests from './requests.js';` : '',
    typeImport,
    validators.size > 0 ? `import * as validators from './validators.js';` : '',
  ].filter(Boolean);
  const identity = code`const IDENTITY: ClientIdentity = { clientName: ${api.package.clientName.text}, packageName: ${api.package.name}, packageVersion: ${api.package.version}, defaultBaseURL: ${api.package.defaultBaseURL}, apiKeyEnv: ${api.package.apiKeyEnv}, baseURLEnv: ${api.package.baseURLEnv}${authOf(api.package.auth)} };`;
  const operationsHeader = `${fileHeader(api)}// One function per operation, each importing only its own request builder and validators: a\n// bundler keeps the ones a program calls and drops the rest.\n${operationImports.join('\n')}`;
  return [
    chunkedFile('src/client.ts', [
      fileHeader(api) + clientImports.join('\n'),
      identity.text,
      ...aliases.map(printDeclaration),
      ...classes.map(printDeclaration),
    ]),
    chunkedFile('src/operations.ts', [operationsHeader, ...functions.map(printDeclaration)]),
  ];
}

/**
 * The thin client the operation functions take: options, retries, errors and the runtime core,
 * and no resources, so a bundle holds only the operations it calls (`chatkitSessionsCreate(client, ...)`).
 */
function baseClientClass(api: IrApi): ClassDeclaration {
  const { clientName, baseClientName } = api.package;
  return {
    kind: 'class',
    isExported: true,
    name: baseClientName,
    extends: code`ClientCore`,
    docs: [
      doc`The ${api.title} client without its resources: pass it to the operation functions (\`operations.ts\`), which a bundler keeps only when they are called. \`${clientName}\` is this client with every operation as a method.\n\n@example\n\`\`\`ts\nconst client = new ${baseClientName}({ apiKey: 'my-api-key' });\n\`\`\``,
    ],
    ctors: [
      {
        docs: [
          doc`Reads the API key from \`${api.package.apiKeyEnv}\` and the base URL from \`${api.package.baseURLEnv}\` where the runtime has environment variables.`,
        ],
        parameters: [{ name: OPTIONS, type: code`ClientOptions`, initializer: code`{}` }],
        statements: [code`super(options, IDENTITY);`],
      },
    ],
  };
}

/** The client class: the top-level resources, and the methods of operations with no resource (`client.getAPI()`). */
function clientClass(api: IrApi, methods: readonly Method[]): ClassDeclaration {
  return {
    kind: 'class',
    isExported: true,
    name: api.package.clientName,
    extends: code`${api.package.baseClientName}`,
    docs: [
      doc`The ${api.title} client.${api.description ? doc`\n\n${absoluteLinks(api.description, api.package.docLinks)}` : doc``}\n\n@example\n\`\`\`ts\nconst client = new ${api.package.clientName}({ apiKey: 'my-api-key' });\n\`\`\``,
    ],
    properties: [
      ...api.resources.map((resource) => ({
        name: code`${resource.property}`,
        isReadonly: true,
        type: code`${resource.className}`,
        initializer: code`new ${resource.className}(this)`,
      })),
      // the client's own methods reach the core as `this.client`, like every resource's methods
      ...(api.rootOperations.length > 0
        ? [{ name: code`client`, scope: 'protected' as const, isReadonly: true, type: code`ClientCore`, initializer: code`this` }]
        : []),
    ],
    ctors: [
      {
        docs: [
          doc`Reads the API key from \`${api.package.apiKeyEnv}\` and the base URL from \`${api.package.baseURLEnv}\` where the runtime has environment variables.`,
        ],
        parameters: [{ name: OPTIONS, type: code`ClientOptions`, initializer: code`{}` }],
        statements: [code`super(options);`],
      },
    ],
    methods,
  };
}

/**
 * The named types of the API's calls, declared once each in client.ts (and so exported from the
 * package root): every page type (`NotesPage`, the `Page` of its items and body) and the
 * streaming and non-streaming parameters of a call whose `stream` flag chooses the response.
 */
function operationTypeAliases(api: IrApi, usedTypes: Set<string>): TypeAliasDeclaration[] {
  const aliases = new Map<string, TypeAliasDeclaration>();
  for (const op of api.operations) {
    const { page, streaming } = op.names;
    if (op.pagination && page && !aliases.has(page.text)) {
      const body = typeOf(op.response.schema, api, usedTypes);
      aliases.set(page.text, {
        kind: 'type',
        isExported: true,
        name: page,
        type: code`pagination.Page<${pageItemType(op, body, api, usedTypes)}, ${body}>`,
        docs: [
          doc`A page of \`${op.pagination.items}\` items of \`client.${[...op.names.resource.map((id) => id.text), op.names.method.text].join('.')}()\`: \`data\`, \`body\`, \`hasNextPage()\`, \`getNextPage()\`, and \`for await\` over every item from this page on.`,
        ],
      });
    }
    if (streaming && !aliases.has(streaming.streaming.text)) {
      const inParams = op.names.params !== undefined;
      const body = bodyType(op, api, usedTypes);
      const flagged = (flag: Code) =>
        inParams ? code`requests.${op.names.params!} & { body: ${body} & ${flag} }` : code`${body} & ${flag}`;
      aliases.set(streaming.streaming.text, {
        kind: 'type',
        isExported: true,
        name: streaming.streaming,
        type: flagged(code`{ stream: true }`),
        docs: [doc`The parameters of a call that streams its response as events (\`stream: true\`).`],
      });
      aliases.set(streaming.nonStreaming.text, {
        kind: 'type',
        isExported: true,
        name: streaming.nonStreaming,
        type: flagged(code`{ stream?: false | null }`),
        docs: [doc`The parameters of a call that returns its whole response at once (no \`stream\`, or \`stream: false\`).`],
      });
    }
  }
  return [...aliases.values()];
}

/** The item type of a page: its named type, or the page body's items (through `NonNullable` when optional). */
function pageItemType(op: IrOperation, body: Code, api: IrApi, usedTypes: Set<string>): Code {
  const pagination = op.pagination!;
  if (pagination.itemSchema.kind === 'ref') return typeOf(pagination.itemSchema, api, usedTypes);
  const items = code`${body}[${pagination.items}]`;
  return pagination.itemsRequired ? code`${items}[number]` : code`NonNullable<${items}>[number]`;
}

/** The runtime's description of a page (`{ style: 'cursor', items: 'data', ... }`), as code. */
function paginationFields(pagination: NonNullable<IrOperation['pagination']>): string {
  const path = (field: readonly string[]) =>
    code`[${joinCode(
      field.map((key) => literal(key)),
      ', ',
    )}]`;
  const entries: Code[] = [code`style: ${pagination.style}`, code`items: ${pagination.items}`];
  switch (pagination.style) {
    case 'cursor':
      entries.push(code`cursorParam: ${pagination.cursorParam}`);
      if (pagination.cursorField) entries.push(code`cursorField: ${path(pagination.cursorField)}`);
      if (pagination.hasMore) entries.push(code`hasMore: ${path(pagination.hasMore)}`);
      break;
    case 'page':
      entries.push(code`pageParam: ${pagination.pageParam}`, code`firstPage: ${Code.raw(String(pagination.firstPage))}`);
      if (pagination.pageField) entries.push(code`pageField: ${path(pagination.pageField)}`);
      if (pagination.totalPages) entries.push(code`totalPages: ${path(pagination.totalPages)}`);
      break;
    case 'offset':
      entries.push(code`offsetParam: ${pagination.offsetParam}`);
      if (pagination.total) entries.push(code`total: ${path(pagination.total)}`);
      if (pagination.step !== undefined) entries.push(code`step: ${Code.raw(String(pagination.step))}`);
      if (pagination.maxOffset !== undefined) entries.push(code`maxOffset: ${Code.raw(String(pagination.maxOffset))}`);
      break;
    case 'next-url':
      entries.push(code`nextField: ${path(pagination.nextField)}`);
      break;
    case 'single':
      break;
  }
  return code`{ ${joinCode(entries, ', ')} }`.text;
}

function resourceToClass(resource: IrResource, path: readonly string[], methods: readonly Method[]): ClassDeclaration {
  return {
    kind: 'class',
    isExported: true,
    name: resource.className,
    docs: [doc`\`client.${path.join('.')}\``],
    properties: resource.children.map((child) => ({ name: code`${child.property}`, isReadonly: true, type: code`${child.className}` })),
    ctors: [
      {
        parameters: [{ name: CLIENT, type: code`ClientCore`, scope: 'protected', isReadonly: true }],
        statements: resource.children.map((child) => code`this.${child.property} = new ${child.className}(client);`),
      },
    ],
    methods,
  };
}

/** What the caller passes besides path parameters, in this order: body, query, headers, cookies. */
/** The parameter names sdkgen gives every method and constructor. */
const OPTIONS = new Identifier('options');
const PARAMS = new Identifier('params');
const CLIENT = new Identifier('client');

const GROUPS = [
  { key: 'body', location: undefined },
  { key: 'query', location: 'query' },
  { key: 'headers', location: 'header' },
  { key: 'cookies', location: 'cookie' },
] as const;
type GroupKey = (typeof GROUPS)[number]['key'];

/**
 * `create(body, options)`, `retrieve(id, query?, options?)`: positional path parameters (always
 * required), then what else the caller passes, then options. One group (a body, or query
 * parameters, ...) is passed as it is; two or more travel in one params object (`{ body, query,
 * headers, cookies }`, its type `XParams` in requests.ts). That argument is required exactly
 * when something in it is, so a required argument never follows an optional one (TS1016).
 */
export function operationToCall(
  op: IrOperation,
  path: readonly string[],
  api: IrApi,
  usedTypes: Set<string>,
  validators: Set<string>,
  render: TemplateRenderer,
): { fn: FunctionDeclaration; method: Method } {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const parameters: Parameter[] = pathParams.map((p) => ({
    name: p.argument,
    type: scalarType(p.schema) ?? code`${op.names.pathParams!}[${p.name}]`,
  }));
  if (pathParams.some((p) => scalarType(p.schema) === undefined)) usedTypes.add(op.names.pathParams!.text);
  const groups = callerGroups(op, api, usedTypes);
  const paginated = op.pagination !== undefined && op.names.queryParams !== undefined;
  const params = op.names.params;
  const isRequired = (key: GroupKey) => groups.find((group) => group.key === key)?.required === true;
  /** How the method body reads each group (`body`, or `params.body` / `params?.body`). */
  const access = (key: GroupKey): string => {
    if (params === undefined || (key === 'query' && paginated)) return key;
    return groups.some((group) => group.required) ? `params.${key}` : `params?.${key}`;
  };
  const input: string[] = [];
  if (pathParams.length > 0) input.push(`path: { ${pathParams.map((p) => `${propertyKey(p.name).text}: ${p.argument.text}`).join(', ')} }`);
  const statements: Code[] = [];
  if (params !== undefined) {
    parameters.push({
      name: PARAMS,
      type: code`requests.${params}`,
      ...(groups.some((group) => group.required) ? {} : { hasQuestionToken: true }),
    });
    input.push('...params');
    // a paginated call's pages re-run the request with their own `query` (the template's page fetcher)
    if (paginated) {
      statements.push(Code.raw(`const query = params${groups.some((group) => group.required) ? '' : '?'}.query;`));
      input.push('...(query === undefined ? {} : { query })');
    }
  } else {
    for (const group of groups) {
      parameters.push({ name: new Identifier(group.key), type: group.type, ...(group.required ? {} : { hasQuestionToken: true }) });
      input.push(group.required ? group.key : `...(${group.key} === undefined ? {} : { ${group.key} })`);
    }
  }
  if (params === undefined) for (const group of groups) if (group.key !== 'body') usedTypes.add(group.type.text);
  // the page fetcher names the query type in either case
  if (paginated) usedTypes.add(op.names.queryParams!.text);
  const response = responseShape(op, api, usedTypes, validators, access, params !== undefined);
  // a next-url page's link replaces the built path and query
  if (op.pagination?.style === 'next-url') response.hooks.push('url');
  const request = input.length > 0 ? `{ ${input.join(', ')} }` : '';
  const validation = validationHooks(op, api, validators, access, isRequired);
  // the path is the resources' property names (Identifiers' text); none for the client's own methods
  const example = exampleCall(op, Code.raw(`client.${[...path, op.names.method.text].join('.')}`), [], api, groups);
  const functionExample = code`const client = new ${api.package.baseClientName}({ apiKey: 'my-api-key' });\n${exampleCall(op, Code.raw(op.names.function.text), [Code.raw('client')], api, groups)}`;
  const allParameters: Parameter[] = [...parameters, { name: OPTIONS, type: code`RequestOptions`, hasQuestionToken: true }];
  const body = methodBody(op, response.type, `{ ${[...validation, ...response.hooks, buildHook(op, request)].join(', ')} }`, render);
  const overloads = response.overloads?.(allParameters);
  const client: Parameter = { name: CLIENT, type: code`${api.package.baseClientName}` };
  const fn: FunctionDeclaration = {
    kind: 'function',
    isExported: true,
    name: op.names.function,
    docs: [operationDoc(op, functionExample, api.package.docLinks)],
    parameters: [client, ...allParameters],
    ...body,
    statements: [...statements, ...body.statements],
    ...(overloads ? { overloads: overloads.map((overload) => ({ ...overload, parameters: [client, ...overload.parameters] })) } : {}),
  };
  const method: Method = {
    name: code`${op.names.method}`,
    docs: [operationDoc(op, example, api.package.docLinks)],
    parameters: allParameters,
    ...(body.returnType === undefined ? {} : { returnType: body.returnType }),
    statements: [
      code`return ${op.names.function}(${joinCode([Code.raw('this.client'), ...allParameters.map((p) => code`${p.name}`)], ', ')});`,
    ],
    ...(overloads ? { overloads } : {}),
  };
  return { fn, method };
}

/**
 * `build: () => requests.x(input)`. With a body, the input goes through the core's `extend`
 * (the caller's extra body fields); with a multipart body, its streams are read into Files
 * first (once, before the first attempt, so that a retry sends the same bytes).
 */
function buildHook(op: IrOperation, request: string): string {
  const builder = `requests.${op.names.builder.text}`;
  // a streamed body is sent as given: extra body fields have no place among its items
  if (!op.body || op.body.items !== undefined) return `build: () => ${builder}(${request})`;
  const input = `extend(${request === '' ? '{}' : request})`;
  return op.body.contentType === 'multipart/form-data'
    ? `build: async (extend) => ${builder}(await readUploads(${input}))`
    : `build: (extend) => ${builder}(${input})`;
}

/** The groups a caller passes besides path parameters, each with its type and whether it is required. */
function callerGroups(op: IrOperation, api: IrApi, usedTypes: Set<string>): { key: GroupKey; type: Code; required: boolean }[] {
  const names = { query: op.names.queryParams, headers: op.names.headerParams, cookies: op.names.cookieParams };
  return GROUPS.flatMap(({ key, location }): { key: GroupKey; type: Code; required: boolean }[] => {
    if (key === 'body')
      return op.body ? [{ key, type: op.names.params ? code`` : bodyType(op, api, usedTypes), required: op.body.required }] : [];
    const name = names[key];
    if (name === undefined) return [];
    return [
      {
        key,
        type: code`${name}`,
        required: op.parameters.some((p) => (p.in === location || (location === 'query' && p.in === 'querystring')) && p.required),
      },
    ];
  });
}

/** Binary bodies take any web binary value; text bodies a string; the rest their schema's type. */
function bodyType(op: IrOperation, api: IrApi, usedTypes: Set<string>): Code {
  if (op.body?.contentType === 'binary') return BINARY_BODY;
  if (op.body?.contentType === 'text') return code`string`;
  if (op.body?.items !== undefined) return itemsType(typeOf(op.body.schema, api, usedTypes));
  return typeOf(op.body?.schema, api, usedTypes);
}

/** File content (templates/runtime/uploads.ts), as a `format: binary` field takes it. */
const BINARY_BODY = code`Uploadable`;

/**
 * What the method resolves to and the runtime hooks that produce it: JSON (validated), the
 * unread Response for binary bodies, a string for text, a Stream of events for
 * `text/event-stream`. An operation with both JSON and events, whose body has a boolean
 * `stream`, gets overloads: `stream: true` streams, anything else returns the JSON.
 */
function responseShape(
  op: IrOperation,
  api: IrApi,
  usedTypes: Set<string>,
  validators: Set<string>,
  access: (key: GroupKey) => string,
  inParams: boolean,
): { type: Code; hooks: string[]; overloads?: (parameters: readonly Parameter[]) => Method['overloads'] } {
  const { response } = op;
  const eventType = response.stream ? (response.stream.schema ? typeOf(response.stream.schema, api, usedTypes) : code`unknown`) : undefined;
  const eventValidator = response.stream?.schema ? validatorNameOf(response.stream.schema, api) : undefined;
  if (eventValidator) validators.add(eventValidator.text);
  const eventHook = [
    ...(eventValidator ? [`validateEvent: ${validateOf(eventValidator).text}`] : []),
    ...(response.stream?.schema && isEventEnvelope(response.stream.schema, api) ? ['eventEnvelope: true'] : []),
  ];
  switch (response.contentType) {
    case 'binary':
      // the global, whatever the spec names its own types (a schema may be called `Response`)
      return { type: code`globalThis.Response`, hooks: [`responseType: 'binary'`] };
    case 'text':
      return { type: code`string`, hooks: [`responseType: 'text'`] };
    case 'event-stream':
      return { type: code`Stream<${eventType!}>`, hooks: [`responseType: 'sse'`, 'stream: streamResponse', ...eventHook] };
    case 'items': {
      // templates/runtime/item-streams.ts: the items decoded and checked one by one
      const items = response.items!;
      const validator = validatorNameOf(items.schema, api);
      if (validator) validators.add(validator.text);
      const json =
        items.format !== 'event-stream' || items.jsonData === undefined
          ? code``
          : items.jsonData === true
            ? code`, true`
            : code`, [${joinCode(
                items.jsonData.map((name) => literal(name)),
                ', ',
              )}]`;
      return {
        type: code`ItemStream<${typeOf(items.schema, api, usedTypes)}>`,
        hooks: [
          `responseType: 'sse'`,
          code`stream: itemStream(${items.format}${json})`.text,
          ...(validator ? [`validateEvent: ${validateOf(validator).text}`] : []),
        ],
      };
    }
    default: {
      const json = typeOf(response.schema, api, usedTypes);
      if (eventType === undefined || !op.body || !streamsOnFlag(op, schemaIndex(api).lookup)) return { type: json, hooks: [] };
      const stream = code`Stream<${eventType}>`;
      return {
        type: code`${json} | ${stream}`,
        hooks: [
          `responseType: ${access('body')}${op.body.required ? '' : '?'}.stream === true ? 'sse' : 'json'`,
          'stream: streamResponse',
          ...eventHook,
        ],
        overloads: (parameters) => {
          // the named types of client.ts (`XStreaming`, `XNonStreaming`); in a params object, the body inside it carries the flag
          const named = op.names.streaming;
          const flagged = (flag: Code) => (inParams ? code`{ body: ${bodyType(op, api, usedTypes)} & ${flag} }` : flag);
          const withBody = (flag: Code, name: Identifier | undefined) =>
            parameters.map((p) =>
              p.name.text === (inParams ? 'params' : 'body')
                ? { ...p, type: name === undefined ? code`${p.type} & ${flagged(flag)}` : code`${name}`, hasQuestionToken: false }
                : p,
            );
          return [
            { parameters: withBody(code`{ stream: true }`, named?.streaming), returnType: code`APIPromise<${stream}>` },
            { parameters: withBody(code`{ stream?: false | null }`, named?.nonStreaming), returnType: code`APIPromise<${json}>` },
            { parameters: [...parameters], returnType: code`APIPromise<${json} | ${stream}>` },
          ];
        },
      };
    }
  }
}

/**
 * Events told apart only by the SSE `event:` name (OpenAI's AssistantStreamEvent) are described
 * as `{ event, data }` objects: the stream then yields that envelope rather than bare data.
 */
function isEventEnvelope(schema: IrSchema, api: IrApi, depth = 0): boolean {
  const resolved = schemaIndex(api).resolve(schema);
  if (resolved === undefined || depth > 8) return false;
  if (resolved.kind === 'union')
    return resolved.variants.length > 0 && resolved.variants.every((variant) => isEventEnvelope(variant, api, depth + 1));
  return resolved.kind === 'object' && ['event', 'data'].every((name) => resolved.properties.some((p) => p.name === name && p.required));
}

/**
 * The method's body comes from the `client-method.ts.hbs` template (users can override it): a
 * plain call returns the APIPromise of the request; a paginated call returns a PagePromise whose
 * page fetcher re-runs the request with the page's query (its parameter shadows the caller's
 * `query`, so validation and the builder see the cursor too).
 */
function methodBody(
  op: IrOperation,
  responseType: Code,
  operation: string,
  render: TemplateRenderer,
): Pick<Method, 'returnType' | 'statements'> {
  const base = {
    operationId: op.operationId,
    httpMethod: op.wireMethod,
    path: op.pathTemplate,
    method: op.names.method.text,
    responseType: responseType.text,
    operation,
  };
  if (!op.pagination || op.names.page === undefined) {
    return { returnType: code`APIPromise<${responseType}>`, statements: [templateCode(render('client-method.ts.hbs', base))] };
  }
  const page = op.names.page.text;
  // without query parameters, every page's request is the first one's (or the next-url link)
  const query = op.names.queryParams?.text ?? 'Record<string, never>';
  const first = op.names.queryParams === undefined ? '{}' : 'query ?? {}';
  return {
    returnType: code`PagePromise<${op.names.page}>`,
    statements: [
      templateCode(
        render('client-method.ts.hbs', { ...base, pagination: { page, query, first, fields: paginationFields(op.pagination) } }),
      ),
    ],
  };
}

/**
 * Validator hooks for the runtime core: `validateRequest` checks every input before anything is
 * sent (path parameters under their own names, the body as it is, query and header parameters
 * under `query` / `headers`); `validateResponse` is the JSON response schema's validator.
 */
function validationHooks(
  op: IrOperation,
  api: IrApi,
  validators: Set<string>,
  access: (key: GroupKey) => string,
  isRequired: (key: GroupKey) => boolean,
): string[] {
  const checks: Code[] = [];
  for (const group of parameterGroups(op)) {
    validators.add(group.validate.text);
    if (group.location === 'path') {
      const input = joinCode(
        group.parameters.map((parameter) => code`${propertyKey(parameter.name)}: ${parameter.argument}`),
        ', ',
      );
      checks.push(code`...${inNamespace(group.validate)}({ ${input} })`);
    } else {
      // issues are reported under the group's key: `query`, `headers`, `cookies`
      const key = group.location === 'query' ? 'query' : group.location === 'header' ? 'headers' : 'cookies';
      const value = Code.raw(access(key));
      const input = isRequired(key) ? value : code`${value} ?? {}`;
      checks.push(
        code`...${inNamespace(group.validate)}(${input}).map((issue) => ({ path: [${key}, ...issue.path], message: issue.message }))`,
      );
    }
  }
  const body = op.body === undefined ? undefined : validatorNameOf(op.body.schema, api);
  const bodyValue = Code.raw(access('body'));
  if (op.body?.items !== undefined && body !== undefined) {
    // an array's items are checked before sending, an async iterable's as each is written
    validators.add(body.text);
    const check = code`itemIssues(${bodyValue}, (item) => ${validateOf(body)}(item, 'request'))`;
    checks.push(op.body.required ? code`...${check}` : code`...(${bodyValue} === undefined ? [] : ${check})`);
  } else if (op.body !== undefined && body !== undefined) {
    validators.add(body.text);
    // 'request' mode: a request may send only the values the spec lists
    checks.push(
      op.body.required
        ? code`...${validateOf(body)}(${bodyValue}, 'request')`
        : code`...(${bodyValue} === undefined ? [] : ${validateOf(body)}(${bodyValue}, 'request'))`,
    );
  }
  const hooks: string[] = [];
  if (checks.length === 1 && op.body?.required === true && op.body.items === undefined && body !== undefined)
    hooks.push(code`validateRequest: () => ${validateOf(body)}(${bodyValue}, 'request')`.text);
  else if (checks.length > 0) hooks.push(code`validateRequest: () => [${joinCode(checks, ', ')}]`.text);
  // the JSON body is checked again as it is sent (see validateBody in the runtime's options.ts)
  if (op.body?.contentType === 'application/json' && op.body.items === undefined && body !== undefined)
    hooks.push(code`validateBody: ${validateOf(body)}`.text);
  const response = op.response.contentType === 'application/json' ? validatorNameOf(op.response.schema, api) : undefined;
  if (response !== undefined) {
    validators.add(response.text);
    hooks.push(code`validateResponse: ${validateOf(response)}`.text);
  }
  return hooks;
}

/** `validators.validateX` (a parameter group's): validators are imported as a namespace. */
function inNamespace(id: Identifier): Code {
  return Code.raw(`validators.${id.text}`);
}

/** `validators.X.validate`: a named schema's `validate`, a plain function (no `this`). */
function validateOf(schema: Identifier): Code {
  return Code.raw(`validators.${schema.text}.validate`);
}

/** The validator of a body or response schema: its named schema's export (build-model names every one of them). */
function validatorNameOf(schema: IrSchema | undefined, api: IrApi): Identifier | undefined {
  if (schema?.kind !== 'ref') return undefined;
  return schemaIndex(api).named(schema.target)?.name;
}

/** `string` or `number` for a plain path parameter, so signatures read like openai-node's. */
function scalarType(schema: IrSchema): Code | undefined {
  if (schema.kind === 'string') return code`string`;
  if (schema.kind === 'number') return code`number`;
  return undefined;
}

/**
 * A call of the operation for a README, compiling as written: `await client.a.b.create({ ... });`
 * (a list or an item stream walked with `for await`), `callee` being `client.a.b.create`.
 */
export function readmeExample(op: IrOperation, api: IrApi, callee: string): string {
  return exampleCall(op, Code.raw(callee), [], api, callerGroups(op, api, new Set())).text.replace(/^const result = /, '');
}

/**
 * `client.a.b.create({ ... })`: path arguments, then the body; with a params object, the body
 * and every required query, header and cookie parameter in it, so the call compiles as written.
 */
function exampleCall(
  op: IrOperation,
  callee: Code,
  leading: readonly Code[],
  api: IrApi,
  groups: readonly { key: GroupKey; required: boolean }[],
): Code {
  const args = [
    ...leading,
    ...op.parameters.filter((p) => p.in === 'path').map((p) => exampleLiteral(pathExampleValue(p.schema, api, p.name, p.example))),
  ];
  const value = op.body ? exampleLiteral(exampleValue(op.body.schema, api, 'value', op.exampleBody)) : undefined;
  // a streamed body takes its items (an array here)
  const body = value !== undefined && op.body?.items !== undefined ? code`[${value}]` : value;
  const location = { query: 'query', headers: 'header', cookies: 'cookie' } as const;
  const required = (key: Exclude<GroupKey, 'body'>): Code => {
    // an OpenAPI 3.2 `in: querystring` parameter is the whole query
    const querystring = key === 'query' ? op.parameters.find((p) => p.in === 'querystring') : undefined;
    if (querystring !== undefined) return exampleLiteral(exampleValue(querystring.schema, api, 'query', querystring.example));
    const entries = op.parameters
      .filter((p) => p.in === location[key] && p.required)
      .map((p) => code`${propertyKey(p.name)}: ${exampleLiteral(exampleValue(p.schema, api, p.name, p.example))}`);
    return code`{ ${joinCode(entries, ', ')} }`;
  };
  if (op.names.params !== undefined) {
    const members = groups.flatMap((group) =>
      group.key === 'body'
        ? body === undefined
          ? []
          : [code`body: ${body}`]
        : group.required
          ? [code`${Code.raw(group.key)}: ${required(group.key)}`]
          : [],
    );
    if (members.length > 0) args.push(code`{ ${joinCode(members, ', ')} }`);
  } else if (body !== undefined) {
    args.push(body);
  } else {
    const group = groups.find((candidate) => candidate.required && candidate.key !== 'body');
    if (group !== undefined && group.key !== 'body') args.push(required(group.key));
  }
  const call = code`${callee}(${joinCode(args, ', ')})`;
  if (op.pagination) return code`for await (const item of ${call}) {\n  console.log(item);\n}`;
  if (op.response.items) return code`for await (const item of await ${call}) {\n  console.log(item);\n}`;
  return code`const result = await ${call};`;
}

/** A method body rendered from `client-method.ts.hbs`: template text, with data that is code or passed through its escaping helpers. */
function templateCode(text: string): Code {
  return Code.raw(text.trim());
}

/** The identity's `auth`: left out for the default bearer token. */
function authOf(auth: IrApi['package']['auth']): Code {
  if (auth === 'bearer') return code``;
  if (auth === 'none') return code`, auth: 'none'`;
  return code`, auth: { in: ${literal(auth.in)}, name: ${literal(auth.name)} }`;
}
