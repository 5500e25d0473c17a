// IR -> `src/requests.ts`: one pure request builder per operation, its input type in, a
// `{ method, path, headers, body }` description out. No I/O: usable with any HTTP client.
import { Identifier, type IrApi, type IrOperation, type IrParameter, type IrPathPart, type IrSchema } from '../model/ir.js';
import { Code, code, doc, exampleLiteral, joinCode, jsDoc, literal, optionalAccess, propertyAccess, propertyKey } from './escape.js';
import { chunkedFile, type EmitContext, type EmittedFile } from './emitted-file.js';
import { fileHeader } from './file-header.js';
import { exampleValue, pathExampleValue } from './example-value.js';
import { operationDoc } from './operation-doc.js';
import { printDeclaration, type Declaration, type FunctionDeclaration, type InterfaceDeclaration, type Property } from './structures.js';
import { typeOf } from './type-reference.js';
import { typeOf as tsTypeOf, type TypeContext } from './types/type-model.js';
import { PLAIN_JSON } from '../model/operations.js';
import { schemaIndex } from '../model/schema-index.js';

export function emitRequests(api: IrApi, _ctx: EmitContext): EmittedFile[] {
  const usedTypes = new Set<string>();
  const statements: Declaration[] = [];
  for (const op of api.operations) {
    statements.push(...operationToParams(op, api, usedTypes), operationToInput(op, api, usedTypes), operationToBuilder(op, api));
  }
  const bodies = new Set(api.operations.map((op) => op.body?.contentType));
  const styled = api.operations.flatMap((op) => op.parameters).filter((p) => isStyled(p, api));
  const styleImports = [
    ...(styled.some((p) => p.in === 'path') ? ['stylePathParam'] : []),
    ...(styled.some((p) => p.in === 'header') ? ['styleHeaderValue'] : []),
  ];
  const texts = api.operations
    .flatMap((op) => op.parameters)
    .some((p) => (p.in === 'path' || p.in === 'header') && !isStyled(p, api) && !isText(p.schema));
  const imports = [
    `import { encodePathSegment } from './internal/path.js';`,
    texts ? `import { scalarText } from './internal/url.js';` : '',
    styleImports.length > 0 ? `import { ${styleImports.join(', ')} } from './internal/styles.js';` : '',
    bodies.has('multipart/form-data') || bodies.has('application/x-www-form-urlencoded')
      ? `import { ${[bodies.has('multipart/form-data') ? 'toFormData' : '', bodies.has('application/x-www-form-urlencoded') ? 'toUrlEncoded' : ''].filter(Boolean).join(', ')} } from './internal/multipart.js';`
      : '',
    queryImports(api),
    `import type { RequestDescription } from './internal/core.js';`,
    bodies.has('binary') ? `import type { Uploadable } from './internal/uploads.js';` : '',
    bodies.has('items') ? `import { itemsBody } from './internal/item-streams.js';` : '',
    usedTypes.size > 0 ? `import type { ${[...usedTypes].sort().join(', ')} } from './types.js';` : '',
  ].filter(Boolean);
  // toRequestInit(r): the description ready for fetch, encoded as the client encodes it
  const header = `${fileHeader(api)}${imports.join('\n')}\n\nexport type { RequestDescription } from './internal/core.js';\nexport { toRequestInit, type FetchRequestInit } from './internal/request-init.js';`;
  return [chunkedFile('src/requests.ts', [header, ...statements.map(printDeclaration)])];
}

/** `formatQuery` for operations with query parameters (or a query written into the path key), `cookieHeader` for cookies. */
function queryImports(api: IrApi): string {
  const hasQuerystring = api.operations.some((op) => op.parameters.some((p) => p.in === 'querystring'));
  const hasQuery = api.operations.some(
    (op) => !op.parameters.some((p) => p.in === 'querystring') && (op.fixedQuery.length > 0 || op.parameters.some((p) => p.in === 'query')),
  );
  const hasCookies = api.operations.some((op) => op.parameters.some((p) => p.in === 'cookie'));
  const untyped = api.operations.some((op) =>
    op.parameters.some(
      (p) => (p.in === 'cookie' || (p.in === 'query' && !op.parameters.some((q) => q.in === 'querystring'))) && isUntyped(p.schema, api),
    ),
  );
  const names = [
    ...(hasCookies ? ['cookieHeader'] : []),
    ...(hasQuery ? ['formatQuery'] : []),
    ...(hasQuerystring ? ['formatQueryString'] : []),
    'type QueryEntry',
    ...(untyped ? ['type QueryValue'] : []),
  ];
  return hasQuery || hasCookies || hasQuerystring ? `import { ${names.join(', ')} } from './internal/query.js';` : '';
}

/**
 * `interface CreateThingParams { query?: ...; headers: ...; body: ... }`: what the client method
 * takes in one object when the caller passes two or more of body, query, headers and cookies.
 */
export function operationToParams(op: IrOperation, api: IrApi, usedTypes: Set<string>): InterfaceDeclaration[] {
  if (op.names.params === undefined) return [];
  return [
    {
      kind: 'interface',
      isExported: true,
      name: op.names.params,
      docs: [doc`The parameters of {@link ${op.names.builder}} besides the path: what the client method takes after its path arguments.`],
      properties: inputProperties(op, api, usedTypes).filter((property) => property.name.text !== 'path'),
    },
  ];
}

/** `interface CancelChatKitSessionRequest { path: CancelChatKitSessionPathParams }`. */
export function operationToInput(op: IrOperation, api: IrApi, usedTypes: Set<string>): InterfaceDeclaration {
  return {
    kind: 'interface',
    isExported: true,
    name: op.names.input,
    docs: [doc`The input of {@link ${op.names.builder}}.`],
    properties: inputProperties(op, api, usedTypes),
  };
}

function inputProperties(op: IrOperation, api: IrApi, usedTypes: Set<string>): Property[] {
  const properties: Property[] = [];
  const group = (key: 'path' | 'query' | 'headers' | 'cookies', location: IrParameter['in'], name: Identifier | undefined) => {
    if (name === undefined) return;
    usedTypes.add(name.text);
    const required = op.parameters.some((p) => (p.in === location || (location === 'query' && p.in === 'querystring')) && p.required);
    const isQuerystring = location === 'query' && op.parameters.some((p) => p.in === 'querystring');
    properties.push({
      name: propertyKey(key),
      type: code`${name}`,
      hasQuestionToken: !required,
      docs: [isQuerystring ? doc`The query string.` : doc`The ${location} parameters.`],
    });
  };
  group('path', 'path', op.names.pathParams);
  group('query', 'query', op.names.queryParams);
  group('headers', 'header', op.names.headerParams);
  group('cookies', 'cookie', op.names.cookieParams);
  if (op.body) {
    properties.push({
      name: propertyKey('body'),
      type:
        op.body.contentType === 'binary'
          ? code`Uploadable`
          : op.body.contentType === 'text'
            ? code`string`
            : op.body.items !== undefined
              ? itemsType(typeOf(op.body.schema, api, usedTypes))
              : typeOf(op.body.schema, api, usedTypes),
      hasQuestionToken: !op.body.required,
      docs: [op.body.description === undefined ? doc`${BODY_DOCS[op.body.contentType]}` : jsDoc(op.body.description)],
    });
  }
  return properties;
}

/** What a body is when the spec does not describe it. */
const BODY_DOCS: Readonly<Record<NonNullable<IrOperation['body']>['contentType'], string>> = {
  'application/json': 'The JSON request body.',
  'multipart/form-data':
    'The multipart/form-data request body: files (File, Blob, bytes) go as file parts, other fields as text. Read streams first (`await toFile(stream)`).',
  'application/x-www-form-urlencoded': 'The application/x-www-form-urlencoded request body.',
  binary: 'The request body, sent as it is: a File, Blob, bytes or a stream.',
  text: 'The text request body.',
  items:
    'The items of the request body, sent one per line (JSON Lines) or record (json-seq): an array, checked whole before anything is sent, or an async iterable, each item checked as it is written.',
};

export function operationToBuilder(op: IrOperation, api: IrApi): FunctionDeclaration {
  const hasInput = op.parameters.length > 0 || op.body !== undefined;
  const input = new Identifier(hasInput ? 'request' : '_request');
  // an optional form body that is not given is no body at all (a GET must not carry one)
  const encoded = (encode: string) =>
    op.body?.required
      ? code`, body: ${Code.raw(encode)}(request.body)`
      : code`, ...(request.body === undefined ? {} : { body: ${Code.raw(encode)}(request.body) })`;
  const body = !op.body
    ? code``
    : op.body.items !== undefined
      ? op.body.required
        ? code`, body: itemsBody(request.body, ${op.body.items})`
        : code`, ...(request.body === undefined ? {} : { body: itemsBody(request.body, ${op.body.items}) })`
      : op.body.contentType === 'multipart/form-data'
        ? encoded('toFormData')
        : op.body.contentType === 'application/x-www-form-urlencoded'
          ? encoded('toUrlEncoded')
          : code`, body: request.body`;
  return {
    kind: 'function',
    isExported: true,
    name: op.names.builder,
    docs: [operationDoc(op, code`${op.names.builder}(${exampleInput(op, api)})`, api.package.docLinks)],
    parameters: [{ name: input, type: code`${op.names.input}`, ...(hasInput ? {} : { initializer: code`{}` }) }],
    returnType: code`RequestDescription`,
    statements: [
      code`return { method: ${op.wireMethod}, path: ${pathExpression(op, api)}, headers: ${headersExpression(op, api)}${body} };`,
    ],
  };
}

/** `"/chatkit/sessions/" + encodePathSegment(request.path.session_id, "session_id") + "/cancel"`, plus the query. */
function pathExpression(op: IrOperation, api: IrApi): Code {
  const pieces = op.path.map((part: IrPathPart) => {
    if (part.kind === 'text') return literal(part.text);
    const value = code`request.path${propertyAccess(part.name)}`;
    const { style, explode } = part.parameter;
    return isStyled(part.parameter, api)
      ? code`stylePathParam(${value}, ${part.name}, ${style}, ${explode})`
      : code`encodePathSegment(${stringValue(value, part.parameter.schema)}, ${part.name})`;
  });
  const query = op.parameters.filter((p) => p.in === 'query');
  const querystring = op.parameters.find((p) => p.in === 'querystring');
  if (querystring !== undefined) {
    // OpenAPI 3.2: the caller's value is the whole query string, after the path key's pairs
    const fixed = op.fixedQuery.map((pair) => code`[${pair.name}, ${pair.value}, 'form', true]`);
    pieces.push(code`formatQueryString([${joinCode(fixed, ', ')}], request.query, ${querystring.querystring ?? 'form'})`);
  } else if (query.length > 0 || op.fixedQuery.length > 0) {
    // pairs written into the spec's path key (`?beta=true`) first, then the caller's parameters
    const entries = [
      ...op.fixedQuery.map((pair) => code`[${pair.name}, ${pair.value}, 'form', true]`),
      ...query.map((p) => code`[${p.name}, ${queryValue(code`request.query${optionalAccess(p.name)}`, p, api)}, ${p.style}, ${p.explode}]`),
    ];
    pieces.push(code`formatQuery([${joinCode(entries, ', ')}] satisfies QueryEntry[])`);
  }
  return pieces.length > 0 ? joinCode(pieces, ' + ') : literal('/');
}

function headersExpression(op: IrOperation, api: IrApi): Code {
  const entries: Code[] = op.fixedHeaders.map((header) => code`${propertyKey(header.name)}: ${header.value}`);
  // binary and text bodies say what they are; JSON and form bodies get their type from the runtime
  if (op.body && (op.body.contentType === 'binary' || op.body.contentType === 'text' || op.body.contentType === 'items'))
    entries.push(code`'Content-Type': ${op.body.mediaType}`);
  // as the official SDK sends it (fetch alone would add `;charset=UTF-8`)
  if (op.body?.contentType === 'application/x-www-form-urlencoded') entries.push(code`'Content-Type': 'application/x-www-form-urlencoded'`);
  // JSON of another media type (JSON:API's `application/vnd.api+json`, a merge patch) is sent as
  // that type: such servers refuse `application/json` (415)
  if (op.body?.contentType === 'application/json' && !PLAIN_JSON.test(op.body.mediaType))
    entries.push(code`'Content-Type': ${op.body.mediaType}`);
  // an answer asks for its own media type, as the official SDK does for audio, unless it is the
  // client's default `application/json` (JSON:API servers may answer that with 406)
  const asked =
    op.response.contentType === 'binary' || op.response.contentType === 'items' || op.response.contentType === 'application/json';
  if (asked && op.response.mediaType && !PLAIN_JSON.test(op.response.mediaType)) entries.push(code`Accept: ${op.response.mediaType}`);
  for (const parameter of op.parameters.filter((p) => p.in === 'header')) {
    const value = code`request.headers${parameter.required ? propertyAccess(parameter.name) : optionalAccess(parameter.name)}`;
    const text = isStyled(parameter, api)
      ? code`styleHeaderValue(${value}, ${parameter.name}, ${parameter.explode})`
      : stringValue(value, parameter.schema);
    entries.push(
      parameter.required
        ? code`${propertyKey(parameter.name)}: ${text}`
        : code`...(${value} === undefined ? {} : { ${propertyKey(parameter.name)}: ${text} })`,
    );
  }
  // every cookie parameter in one Cookie header (form style), left out when none is set
  const cookies = op.parameters.filter((p) => p.in === 'cookie');
  if (cookies.length > 0) {
    const pairs = cookies.map(
      (p) =>
        code`[${p.name}, ${queryValue(code`request.cookies${p.required ? propertyAccess(p.name) : optionalAccess(p.name)}`, p, api)}, ${p.style}, ${p.explode}]`,
    );
    entries.push(code`...cookieHeader([${joinCode(pairs, ', ')}] satisfies QueryEntry[])`);
  }
  return entries.length > 0 ? code`{ ${joinCode(entries, ', ')} }` : code`{}`;
}

/**
 * Whether a path or header parameter needs styles.ts: a `label` or `matrix` path style, or a
 * value that may be an array or object (one string, number or boolean is written as it is).
 */
/**
 * A query or cookie parameter's value as a QueryEntry holds it: cast when its type is `unknown`
 * (a schema that says no type: `{}`, a `not`, a ref to such), which the entry's QueryValue does
 * not take as it is; the runtime writes whatever value the request validation let through.
 */
function queryValue(value: Code, parameter: IrParameter, api: IrApi): Code {
  return isUntyped(parameter.schema, api) ? code`(${value} as QueryValue)` : value;
}

function isUntyped(schema: IrSchema, api: IrApi): boolean {
  const index = schemaIndex(api);
  // references by key, followed here to the type they name
  const ctx: TypeContext = { refName: (key) => key, resolve: (key) => index.named(key)?.schema, links: api.package.docLinks };
  let type = tsTypeOf(schema, ctx);
  for (let depth = 0; type.kind === 'reference' && depth < 16; depth++) {
    const named = index.named(type.name);
    if (named === undefined) return false;
    type = tsTypeOf(named.schema, ctx);
  }
  return type.kind === 'keyword' && type.name === 'unknown';
}

function isStyled(parameter: IrParameter, api: IrApi): boolean {
  if (parameter.in !== 'path' && parameter.in !== 'header') return false;
  return (parameter.in === 'path' && parameter.style !== 'simple') || !isScalar(parameter.schema, api, 0);
}

function isScalar(schema: IrSchema, api: IrApi, depth: number): boolean {
  const resolved = schemaIndex(api).resolve(schema);
  if (resolved === undefined || depth > 16) return false;
  switch (resolved.kind) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'enum':
    case 'const':
      return true;
    case 'union':
      return resolved.variants.every((variant) => variant.kind === 'null' || isScalar(variant, api, depth + 1));
    default:
      return false;
  }
}

/** A path or header parameter's value as text: a number through scalarText (`1e21` in plain digits, not `1e+21`). */
function stringValue(value: Code, schema: IrSchema): Code {
  return isText(schema) ? value : code`scalarText(${value})`;
}

function isText(schema: IrSchema): boolean {
  return schema.kind === 'string' || (schema.kind === 'enum' && schema.values.every((v) => typeof v === 'string'));
}

/** The builder's input in an example: the path, every required query, header and cookie parameter, and the body. */
function exampleInput(op: IrOperation, api: IrApi): Code {
  const parts: Code[] = [];
  const groups = [
    ['path', 'path'],
    ['query', 'query'],
    ['headers', 'header'],
    ['cookies', 'cookie'],
  ] as const;
  const querystring = op.parameters.find((p) => p.in === 'querystring' && p.required);
  if (querystring !== undefined)
    parts.push(code`query: ${exampleLiteral(exampleValue(querystring.schema, api, 'query', querystring.example))}`);
  for (const [key, location] of groups) {
    const required = op.parameters.filter((p) => p.in === location && p.required);
    if (required.length > 0)
      parts.push(
        code`${Code.raw(key)}: { ${joinCode(
          required.map(
            (p) =>
              code`${propertyKey(p.name)}: ${exampleLiteral((p.in === 'path' ? pathExampleValue : exampleValue)(p.schema, api, p.name, p.example))}`,
          ),
          ', ',
        )} }`,
      );
  }
  if (op.body) {
    const value = exampleLiteral(exampleValue(op.body.schema, api, 'value', op.exampleBody));
    parts.push(op.body.items !== undefined ? code`body: [${value}]` : code`body: ${value}`);
  }
  // the input is a required argument whenever the operation takes any
  return parts.length > 0 ? code`{ ${joinCode(parts, ', ')} }` : op.parameters.length > 0 ? code`{}` : code``;
}

/** A streamed body's items: an array, or an async iterable written as it yields. */
export function itemsType(item: Code): Code {
  return /^[A-Za-z0-9_$.]+$/.test(item.text)
    ? code`readonly ${item}[] | AsyncIterable<${item}>`
    : code`readonly (${item})[] | AsyncIterable<${item}>`;
}
