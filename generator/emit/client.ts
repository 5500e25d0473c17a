// IR -> `src/client.ts`: the client class and one thin class per resource, in the shape of
// openai-node (`client.chatkit.sessions.create(body, options)`). Methods only wire a request
// builder, the validators and the runtime core together; all mechanics live in internal/.
import type { Identifier, IrApi, IrOperation, IrResource, IrSchema } from '../model/ir.js';
import { Code, code, exampleLiteral, joinCode, jsDoc, literal, propertyKey } from './escape.js';
import { chunkedFile, type EmitContext, type EmittedFile } from './emitted-file.js';
import type { TemplateSet } from './template-set.js';
import { templateRenderer, type TemplateRenderer } from './templates.js';
import { fileHeader } from './file-header.js';
import { operationDoc } from './operation-doc.js';
import { printDeclaration, type ClassDeclaration, type Method, type Parameter } from './structures.js';
import { exampleValue } from './example-value.js';
import { typeOf } from './type-reference.js';
import { parameterGroups } from './validators/parameters.js';

export function emitClient(api: IrApi, ctx: EmitContext & { readonly templates: TemplateSet }): EmittedFile[] {
  const render = templateRenderer(ctx.templates);
  const usedTypes = new Set<string>();
  const validators = new Set<string>();
  const classes: ClassDeclaration[] = [clientClass(api)];
  const visit = (resource: IrResource, path: readonly string[]) => {
    classes.push(resourceToClass(resource, [...path, resource.property.text], api, usedTypes, validators, render));
    resource.children.forEach((child) => visit(child, [...path, resource.property.text]));
  };
  api.resources.forEach((resource) => visit(resource, []));
  const builders = api.operations.map((op) => op.names.builder.text).sort();
  const imports = [
    `import type { APIPromise } from './internal/api-promise.js';`,
    `import { ClientCore, type ClientIdentity, type ClientOptions, type RequestOptions } from './internal/core.js';`,
    api.operations.some((op) => op.pagination) ? `import { PagePromise } from './internal/pagination.js';` : '',
    api.operations.some((op) => op.response.stream) ? `import type { Stream } from './internal/streaming.js';` : '',
    // namespaces: a builder, a validator and a type may share a name (all come from the spec)
    builders.length > 0 ? `import * as requests from './requests.js';` : '',
    usedTypes.size > 0 ? `import type { ${[...usedTypes].sort().join(', ')} } from './types.js';` : '',
    validators.size > 0 ? `import * as validators from './validators.js';` : '',
  ].filter(Boolean);
  const identity = code`const IDENTITY: ClientIdentity = { clientName: ${api.package.clientName.text}, packageName: ${api.package.name}, packageVersion: ${api.package.version}, defaultBaseURL: ${api.package.defaultBaseURL}, apiKeyEnv: ${api.package.apiKeyEnv}, baseURLEnv: ${api.package.baseURLEnv}${api.package.auth === 'none' ? code`, auth: 'none'` : code``} };`;
  return [chunkedFile('src/client.ts', [fileHeader(api) + imports.join('\n'), identity.text, ...classes.map(printDeclaration)])];
}

function clientClass(api: IrApi): ClassDeclaration {
  const title = jsDoc(api.title);
  return {
    kind: 'class',
    isExported: true,
    name: api.package.clientName.text,
    extends: 'ClientCore',
    docs: [
      `The ${title} client.${api.description ? `\n\n${jsDoc(api.description)}` : ''}\n\n@example\n\`\`\`ts\nconst client = new ${api.package.clientName.text}({ apiKey: 'my-api-key' });\n\`\`\``,
    ],
    properties: api.resources.map((resource) => ({
      name: resource.property.text,
      isReadonly: true,
      type: resource.className.text,
      initializer: `new ${resource.className.text}(this)`,
    })),
    ctors: [
      {
        docs: [`Reads the API key from \`${api.package.apiKeyEnv}\` and the base URL from \`${api.package.baseURLEnv}\` where the runtime has environment variables.`],
        parameters: [{ name: 'options', type: 'ClientOptions', initializer: '{}' }],
        statements: ['super(options, IDENTITY);'],
      },
    ],
  };
}

function resourceToClass(resource: IrResource, path: readonly string[], api: IrApi, usedTypes: Set<string>, validators: Set<string>, render: TemplateRenderer): ClassDeclaration {
  return {
    kind: 'class',
    isExported: true,
    name: resource.className.text,
    docs: [`\`client.${path.join('.')}\``],
    properties: resource.children.map((child) => ({ name: child.property.text, isReadonly: true, type: child.className.text })),
    ctors: [
      {
        parameters: [{ name: 'client', type: 'ClientCore', scope: 'protected', isReadonly: true }],
        statements: resource.children.map((child) => `this.${child.property.text} = new ${child.className.text}(client);`),
      },
    ],
    methods: resource.operations.map((op) => operationToMethod(op, path, api, usedTypes, validators, render)),
  };
}

/** `create(body, options)`: positional path parameters, then body, query and headers, then options. */
export function operationToMethod(op: IrOperation, path: readonly string[], api: IrApi, usedTypes: Set<string>, validators: Set<string>, render: TemplateRenderer): Method {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const parameters: { name: string; type: string; hasQuestionToken?: boolean }[] = pathParams.map((p) => ({
    name: p.argument.text,
    type: scalarType(p.schema) ?? `${op.names.pathParams!.text}[${literal(p.name).text}]`,
  }));
  if (parameters.some((p) => p.type.includes('['))) usedTypes.add(op.names.pathParams!.text);
  const input: string[] = [];
  if (pathParams.length > 0) input.push(`path: { ${pathParams.map((p) => `${propertyKey(p.name).text}: ${p.argument.text}`).join(', ')} }`);
  if (op.body) {
    parameters.push({ name: 'body', type: bodyType(op, api, usedTypes), ...(op.body.required ? {} : { hasQuestionToken: true }) });
    input.push(op.body.required ? 'body' : '...(body === undefined ? {} : { body })');
  }
  const group = (name: 'query' | 'headers', location: 'query' | 'header', type: string | undefined) => {
    if (type === undefined) return;
    usedTypes.add(type);
    const required = op.parameters.some((p) => p.in === location && p.required);
    parameters.push({ name, type, ...(required ? {} : { hasQuestionToken: true }) });
    input.push(required ? name : `...(${name} === undefined ? {} : { ${name} })`);
  };
  group('query', 'query', op.names.queryParams?.text);
  group('headers', 'header', op.names.headerParams?.text);
  const response = responseShape(op, api, usedTypes, validators);
  const request = input.length > 0 ? `{ ${input.join(', ')} }` : '';
  const validation = validationHooks(op, api, validators);
  const example = exampleCall(op, path, api);
  const allParameters = [...parameters, { name: 'options', type: 'RequestOptions', hasQuestionToken: true }];
  const body = methodBody(op, response.type, `{ ${[...validation, ...response.hooks, `build: () => requests.${op.names.builder.text}(${request})`].join(', ')} }`, render);
  return {
    name: op.names.method.text,
    docs: [operationDoc(op, example)],
    parameters: allParameters,
    ...body,
    ...(response.overloads ? { overloads: response.overloads(allParameters) ?? [] } : {}),
  };
}

/** Binary bodies take any web binary value; text bodies a string; the rest their schema's type. */
function bodyType(op: IrOperation, api: IrApi, usedTypes: Set<string>): string {
  if (op.body?.contentType === 'binary') return BINARY_BODY;
  if (op.body?.contentType === 'text') return 'string';
  return typeOf(op.body?.schema, api, usedTypes);
}

const BINARY_BODY = 'Blob | ArrayBuffer | ArrayBufferView | ReadableStream<Uint8Array>';

/**
 * What the method resolves to and the runtime hooks that produce it: JSON (validated), the
 * unread Response for binary bodies, a string for text, a Stream of events for
 * `text/event-stream`. An operation with both JSON and events, whose body has a boolean
 * `stream`, gets overloads: `stream: true` streams, anything else returns the JSON.
 */
function responseShape(op: IrOperation, api: IrApi, usedTypes: Set<string>, validators: Set<string>): { type: string; hooks: string[]; overloads?: (parameters: readonly Parameter[]) => Method['overloads'] } {
  const { response } = op;
  const eventType = response.stream ? (response.stream.schema ? typeOf(response.stream.schema, api, usedTypes) : 'unknown') : undefined;
  const eventValidator = response.stream?.schema ? validateNameOf(response.stream.schema, api) : undefined;
  if (eventValidator) validators.add(eventValidator.text);
  const eventHook = [
    ...(eventValidator ? [`validateEvent: validators.${eventValidator.text}`] : []),
    ...(response.stream?.schema && isEventEnvelope(response.stream.schema, api) ? ['eventEnvelope: true'] : []),
  ];
  switch (response.contentType) {
    case 'binary':
      return { type: 'Response', hooks: [`responseType: 'binary'`] };
    case 'text':
      return { type: 'string', hooks: [`responseType: 'text'`] };
    case 'event-stream':
      return { type: `Stream<${eventType}>`, hooks: [`responseType: 'sse'`, ...eventHook] };
    default: {
      const json = typeOf(response.schema, api, usedTypes);
      if (eventType === undefined || !op.body || !bodyHasStreamFlag(op, api)) return { type: json, hooks: [] };
      const stream = `Stream<${eventType}>`;
      return {
        type: `${json} | ${stream}`,
        hooks: [`responseType: body${op.body.required ? '' : '?'}.stream === true ? 'sse' : 'json'`, ...eventHook],
        overloads: (parameters) => {
          const withBody = (flag: string) => parameters.map((p) => (p.name === 'body' ? { ...p, type: `${p.type} & ${flag}`, hasQuestionToken: false } : p));
          return [
            { parameters: withBody('{ stream: true }'), returnType: `APIPromise<${stream}>` },
            { parameters: withBody('{ stream?: false | null }'), returnType: `APIPromise<${json}>` },
            { parameters: [...parameters], returnType: `APIPromise<${json} | ${stream}>` },
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
  if (depth > 8) return false;
  if (schema.kind === 'ref') {
    const target = api.schemas.find((s) => s.key === schema.target);
    return target !== undefined && isEventEnvelope(target.schema, api, depth + 1);
  }
  if (schema.kind === 'union') return schema.variants.length > 0 && schema.variants.every((variant) => isEventEnvelope(variant, api, depth + 1));
  return schema.kind === 'object' && ['event', 'data'].every((name) => schema.properties.some((p) => p.name === name && p.required));
}

/** Whether the body schema (through refs) has a `stream` property. */
function bodyHasStreamFlag(op: IrOperation, api: IrApi): boolean {
  let schema = op.body?.schema;
  for (let depth = 0; schema?.kind === 'ref' && depth < 10; depth++) schema = api.schemas.find((s) => s.key === (schema as { target: string }).target)?.schema;
  if (schema?.kind === 'allOf') return schema.parts.some((part) => bodyHasStreamFlag({ ...op, body: { ...op.body!, schema: part } }, api));
  return schema?.kind === 'object' && schema.properties.some((p) => p.name === 'stream');
}

/**
 * The method's body comes from the `client-method.ts.hbs` template (users can override it): a
 * plain call returns the APIPromise of the request; a paginated call returns a PagePromise whose
 * page fetcher re-runs the request with the page's query (its parameter shadows the caller's
 * `query`, so validation and the builder see the cursor too).
 */
function methodBody(op: IrOperation, responseType: string, operation: string, render: TemplateRenderer): Pick<Method, 'returnType' | 'statements'> {
  const base = { operationId: op.operationId, httpMethod: op.httpMethod.toUpperCase(), path: op.pathTemplate, method: op.names.method.text, responseType, operation };
  if (!op.pagination || op.names.queryParams === undefined) {
    return { returnType: `APIPromise<${responseType}>`, statements: [render('client-method.ts.hbs', base).trim()] };
  }
  const query = op.names.queryParams.text;
  const item = `${responseType}[${literal(op.pagination.items).text}][number]`;
  const fields = code`{ items: ${op.pagination.items}, cursorParam: ${op.pagination.cursorParam}, cursorField: ${op.pagination.cursorField}, hasMore: ${op.pagination.hasMore} }`.text;
  return {
    returnType: `PagePromise<${query}, ${responseType}, ${item}>`,
    statements: [render('client-method.ts.hbs', { ...base, pagination: { query, item, fields } }).trim()],
  };
}

/**
 * Validator hooks for the runtime core: `validateRequest` checks every input before anything is
 * sent (path parameters under their own names, the body as it is, query and header parameters
 * under `query` / `headers`); `validateResponse` is the JSON response schema's validator.
 */
function validationHooks(op: IrOperation, api: IrApi, validators: Set<string>): string[] {
  const checks: Code[] = [];
  for (const group of parameterGroups(op)) {
    validators.add(group.validate.text);
    if (group.location === 'path') {
      const input = joinCode(group.parameters.map((parameter) => code`${propertyKey(parameter.name)}: ${parameter.argument}`), ', ');
      checks.push(code`...${inNamespace(group.validate)}({ ${input} })`);
    } else {
      const name = group.location === 'query' ? code`query` : code`headers`;
      const input = group.parameters.some((parameter) => parameter.required) ? name : code`${name} ?? {}`;
      checks.push(code`...${inNamespace(group.validate)}(${input}).map((issue) => ({ path: [${name.text}, ...issue.path], message: issue.message }))`);
    }
  }
  const body = op.body === undefined ? undefined : validateNameOf(op.body.schema, api);
  if (op.body !== undefined && body !== undefined) {
    validators.add(body.text);
    checks.push(op.body.required ? code`...${inNamespace(body)}(body)` : code`...(body === undefined ? [] : ${inNamespace(body)}(body))`);
  }
  const hooks: string[] = [];
  if (checks.length === 1 && op.body?.required === true && body !== undefined) hooks.push(code`validateRequest: () => ${inNamespace(body)}(body)`.text);
  else if (checks.length > 0) hooks.push(code`validateRequest: () => [${joinCode(checks, ', ')}]`.text);
  const response = op.response.contentType === 'application/json' ? validateNameOf(op.response.schema, api) : undefined;
  if (response !== undefined) {
    validators.add(response.text);
    hooks.push(code`validateResponse: ${inNamespace(response)}`.text);
  }
  return hooks;
}

/** `validators.validateX`: validators are imported as a namespace. */
function inNamespace(id: Identifier): Code {
  return Code.raw(`validators.${id.text}`);
}

/** The validator of a body or response schema (build-model names every one of them). */
function validateNameOf(schema: IrSchema | undefined, api: IrApi): Identifier | undefined {
  if (schema?.kind !== 'ref') return undefined;
  return api.schemas.find((named) => named.key === schema.target)?.validateName;
}

/** `string` or `number` for a plain path parameter, so signatures read like openai-node's. */
function scalarType(schema: IrSchema): string | undefined {
  if (schema.kind === 'string') return 'string';
  if (schema.kind === 'number') return 'number';
  return undefined;
}

function exampleCall(op: IrOperation, path: readonly string[], api: IrApi): string {
  const args = op.parameters.filter((p) => p.in === 'path').map((p) => exampleLiteral(p.example ?? exampleValue(p.schema, api, p.name)));
  if (op.body) args.push(exampleLiteral(op.exampleBody ?? exampleValue(op.body.schema, api)));
  const call = `client.${path.join('.')}.${op.names.method.text}(${args.join(', ')})`;
  if (op.pagination) return `for await (const item of ${call}) {\n  console.log(item);\n}`;
  return `const result = await ${call};`;
}
