// Path item + operation -> IrOperation (names are claimed later, in build-model). Pure.
import { defaultHint, type DiagnosticCode } from '../diagnostics/codes.js';
import type { Diagnostic, SourceLocation } from '../diagnostics/diagnostic.js';
import { isRecord } from '../load/json-node.js';
import { type PathKey, splitPathKey } from '../load/path-key.js';
import { childPointer } from '../load/pointer.js';
import type { RawOperation } from '../validate/walk-operations.js';
import type { IrItemStream, IrParameter, IrPathPart, IrRequestBody, IrResponse, IrSchema } from './ir.js';
import { Identifier } from './ir.js';
import { toMemberName } from './names.js';
import { followRefs } from './refs.js';
import { schemaToIr, type SchemaContext } from './schemas.js';

/** An operation before names are final: `names` is filled in by build-model. */
export interface DraftOperation {
  readonly raw: RawOperation;
  readonly operationId: string;
  readonly resource: readonly string[];
  readonly method: string;
  readonly parameters: readonly IrParameter[];
  readonly fixedHeaders: readonly { readonly name: string; readonly value: string }[];
  readonly fixedQuery: readonly { readonly name: string; readonly value: string }[];
  readonly body?: IrRequestBody;
  readonly response: IrResponse;
  readonly errorSchema?: IrSchema;
  readonly exampleBody?: unknown;
  readonly path: readonly IrPathPart[];
}

type Raw = Record<string, unknown>;
const JSON_TYPES = /^application\/(.+\+)?json(;.*)?$/;
/**
 * `application/json` itself, which the client sends as Content-Type and asks for with Accept:
 * among several JSON media types (`application/geo+json` first, then `application/json`), its
 * schema is the one that describes what is sent and read.
 */
export const PLAIN_JSON = /^application\/json(;.*)?$/;

export function operationToDraft(op: RawOperation, ctx: SchemaContext, folders: PathFolders): DraftOperation {
  const key = splitPathKey(op.path);
  const fromParameters = parametersOf(op, key, ctx);
  const { parameters, fixedQuery } = fromParameters;
  const fixedHeaders = withDefaultHeaders(op, fromParameters.fixedHeaders, parameters, ctx);
  const body = requestBodyOf(op, ctx);
  const { response, errorSchema } = responsesOf(op, ctx);
  const naming = resourceAndMethod(op, key.path, ctx, folders);
  const path = pathParts(key.path, parameters);
  const declaredQuery = new Set(parameters.filter((p) => p.in === 'query').map((p) => p.name));
  const operationId = typeof op.operation['operationId'] === 'string' ? op.operation['operationId'] : `${op.method} ${op.path}`;
  return {
    raw: op,
    operationId,
    ...naming,
    parameters,
    fixedHeaders,
    // a parameter the operation declares wins over the same name written into the path key
    fixedQuery: [
      ...key.query.filter((pair) => !declaredQuery.has(pair.name) && !fixedQuery.some((fixed) => fixed.name === pair.name)),
      ...fixedQuery,
    ],
    ...(body ? { body: body.body } : {}),
    ...(body && body.example !== undefined ? { exampleBody: body.example } : {}),
    response,
    ...(errorSchema ? { errorSchema } : {}),
    path,
  };
}

/** The Fetch standard's forbidden methods (byte-case-insensitive): fetch() throws on them. */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * Why fetch cannot send the operation's method, or undefined when it can: a forbidden method
 * (`trace`, an `additionalOperations` key `CONNECT`), a name that is no HTTP token, or one that
 * is not upper case (HTTP methods are case-sensitive, and the client sends them upper-cased).
 * Such an operation is left out of the client with a warning, so no method throws on every call.
 */
export function unsendableMethod(op: RawOperation, locate: (pointer: string) => SourceLocation): Diagnostic | undefined {
  const method = op.wireMethod;
  const reason = FORBIDDEN_METHODS.has(method.toUpperCase())
    ? `fetch refuses the method ${method.toUpperCase()} (the Fetch standard forbids CONNECT, TRACE and TRACK)`
    : !HTTP_TOKEN.test(method)
      ? `${JSON.stringify(method)} is not an HTTP method name (a token of letters, digits and !#$%&'*+-.^_\`|~)`
      : method !== method.toUpperCase()
        ? `HTTP methods are case-sensitive, and the client sends \`${method}\` in upper case (\`${method.toUpperCase()}\`)`
        : undefined;
  if (reason === undefined) return undefined;
  return {
    code: 'model/unsendable-method',
    severity: 'warning',
    message: `The operation \`${method} ${op.path}\` is left out of the client: ${reason}.`,
    hint: defaultHint('model/unsendable-method'),
    at: locate(op.pointer),
  };
}

/** RFC 9110 §5.1: a field name is a token. */
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** RFC 9110 §5.5, as fetch's ByteString takes it: no CR, LF or NUL, nothing above U+00FF. */
const HEADER_VALUE = /^[^\r\n\0\u0100-\uffff]*$/;

function invalidHeader(message: string, pointer: string, ctx: SchemaContext): Diagnostic {
  return { code: 'model/invalid-header', severity: 'error', message, hint: defaultHint('model/invalid-header'), at: ctx.locate(pointer) };
}

function parametersOf(
  op: RawOperation,
  key: PathKey,
  ctx: SchemaContext,
): Pick<DraftOperation, 'parameters' | 'fixedHeaders' | 'fixedQuery'> {
  const byKey = new Map<string, { raw: Raw; pointer: string }>();
  const pathItemPointer = childPointer('/paths', op.path);
  const lists: [unknown, string][] = [
    [op.pathItem['parameters'], childPointer(pathItemPointer, 'parameters')],
    [op.operation['parameters'], childPointer(op.pointer, 'parameters')],
  ];
  for (const [list, listPointer] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((entry, index) => {
      const resolved = followRefs(entry, childPointer(listPointer, index), ctx.root, ctx.locate);
      if ('code' in resolved) return ctx.report(resolved);
      const raw = resolved.value as Raw;
      // operation-level parameters override path-item ones with the same name and location (OAS §4.8.9.1)
      byKey.set(`${String(raw['in'])} ${String(raw['name'])}`, { raw, pointer: resolved.pointer });
    });
  }
  const parameters: IrParameter[] = [];
  const fixedHeaders: { name: string; value: string }[] = [];
  const fixedQuery: { name: string; value: string }[] = [];
  const queryPointers = new Map<string, string>();
  let querystring: { name: string; pointer: string } | undefined;
  // templates in the query of a path key (`/search?term={term}`): a parameter declared for one
  // `in: path` is sent in the query, as the key writes it (the path before `?` is all that is
  // called, so as a path parameter it would be dropped)
  const keyQuery = new Map(key.templates.map((pair) => [pair.template, pair.name])); // template -> query name
  const wireTemplates = [...key.path.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1]!);
  for (const { raw, pointer } of byKey.values()) {
    const declaredName = String(raw['name']);
    const queryName = raw['in'] === 'path' && !wireTemplates.includes(declaredName) ? keyQuery.get(declaredName) : undefined;
    const inKeyQuery = queryName !== undefined;
    const location = (inKeyQuery ? 'query' : raw['in']) as IrParameter['in'];
    const name = queryName ?? declaredName;
    // OAS 3.1 §4.8.12.1: a header parameter named Accept or Content-Type "SHALL be ignored"
    // (the media types say them; published specs declare both, and the request builder would
    // set the header twice). Authorization stays: specs without a security scheme use it.
    if (location === 'header' && /^(accept|content-type)$/i.test(name)) continue;
    // a header with no name has nothing to send, whatever was meant (Notion's published spec has
    // one, from an empty row of a Postman collection): left out, with a warning
    if (location === 'header' && name === '') {
      ctx.report({
        ...invalidHeader('A header parameter has an empty name, so it cannot be sent: it is left out.', childPointer(pointer, 'name'), ctx),
        severity: 'warning',
        hint: 'Give the parameter its header name, or remove it.',
      });
      continue;
    }
    // a header fetch would refuse fails every call: refuse it here, where it is written
    if (location === 'header' && !HTTP_TOKEN.test(name)) {
      ctx.report(
        invalidHeader(`The header parameter name ${JSON.stringify(name)} is not an HTTP header name.`, childPointer(pointer, 'name'), ctx),
      );
      continue;
    }
    const content = raw['schema'] === undefined ? contentOf(raw, pointer, ctx) : undefined;
    const schemaPointer = content === undefined ? childPointer(pointer, 'schema') : childPointer(content.pointer, 'schema');
    const schema = onTheWire(schemaToIr(raw['schema'] ?? content?.media['schema'] ?? true, schemaPointer, ctx));
    // OpenAPI 3.2: the whole query string, described by its media type
    let serialisation: IrParameter['querystring'];
    if (location === 'querystring') {
      serialisation =
        content === undefined
          ? undefined
          : URLENCODED.test(content.mediaType)
            ? 'form'
            : JSON_TYPES.test(content.mediaType)
              ? 'json'
              : undefined;
      if (serialisation === undefined) {
        ctx.report({
          code: 'model/unsupported-construct',
          severity: 'warning',
          message: `The \`in: querystring\` parameter ${JSON.stringify(name)} is ${content === undefined ? 'not described by a `content` media type' : `described as \`${content.mediaType}\``}; sdkgen sends a query string as \`application/x-www-form-urlencoded\` or \`application/json\` only, so the client leaves this parameter out.`,
          hint: 'Describe the query string with `content: { application/x-www-form-urlencoded: { schema } }` (or `application/json`).',
          at: ctx.locate(content === undefined ? pointer : content.pointer),
        });
        continue;
      }
      if (querystring !== undefined) {
        querystringConflict(
          `The operation declares a second \`in: querystring\` parameter (${JSON.stringify(name)}); the query string is one parameter, here ${JSON.stringify(querystring.name)}.`,
          pointer,
          querystring.pointer,
          ctx,
        );
        continue;
      }
      querystring = { name, pointer };
    }
    // a required header or query parameter with one possible string value (`const`, or an `enum`
    // of one, as AWS writes `X-Amz-Target` and `Action`) is sent on every call, never passed
    const only = schema.kind === 'const' ? [schema.value] : schema.kind === 'enum' ? schema.values : [];
    if ((location === 'header' || location === 'query') && raw['required'] === true && only.length === 1 && typeof only[0] === 'string') {
      if (location === 'header' && !HEADER_VALUE.test(only[0])) {
        ctx.report(
          invalidHeader(
            `The fixed value of the header ${JSON.stringify(name)} holds a character no HTTP header can carry.`,
            childPointer(pointer, 'schema'),
            ctx,
          ),
        );
        continue;
      }
      (location === 'header' ? fixedHeaders : fixedQuery).push({ name, value: only[0] });
      queryPointers.set(name, pointer);
      continue;
    }
    // cookies are `form` (OAS 3.1 §4.8.12.4); every parameter of them goes into one Cookie header
    const defaultStyle = location === 'query' || location === 'cookie' ? 'form' : 'simple';
    const style = (typeof raw['style'] === 'string' ? raw['style'] : defaultStyle) as IrParameter['style'];
    if (location === 'query') queryPointers.set(name, pointer);
    parameters.push({
      name,
      in: location,
      argument: new Identifier(toMemberName(name)),
      required: location === 'path' || inKeyQuery || raw['required'] === true,
      schema,
      style,
      // OAS 3.2: explode defaults to true for `form` and `cookie`
      explode: typeof raw['explode'] === 'boolean' ? raw['explode'] : style === 'form' || style === 'cookie',
      ...(serialisation === undefined ? {} : { querystring: serialisation }),
      deprecated: raw['deprecated'] === true,
      ...(typeof raw['description'] === 'string' ? { description: raw['description'] } : {}),
      ...exampleOf(raw, content?.media),
      source: pointer,
    });
  }
  // a template no parameter declares: a required string (validate/path-parameter-mismatch warns;
  // where a declared path parameter is missing from the path too, it refused the spec)
  const declared = new Set([...byKey.values()].map(({ raw }) => raw['name']));
  const inferred = [
    ...wireTemplates.map((name) => ({ name, in: 'path' as const })),
    // a key's query template that some parameter declares is that parameter's (above)
    ...key.templates.filter((pair) => !declared.has(pair.template)).map((pair) => ({ name: pair.name, in: 'query' as const })),
  ];
  for (const template of inferred) {
    if (parameters.some((p) => p.in === template.in && p.name === template.name)) continue;
    parameters.push({
      name: template.name,
      in: template.in,
      argument: new Identifier(toMemberName(template.name)),
      required: true,
      schema: schemaToIr({ type: 'string' }, op.pointer, ctx),
      style: template.in === 'path' ? 'simple' : 'form',
      explode: template.in !== 'path',
      deprecated: false,
      source: op.pointer,
    });
  }
  // OAS 3.2 (Parameter Object): a querystring parameter excludes query parameters
  if (querystring !== undefined && queryPointers.size > 0) {
    const [first, at] = [...queryPointers][0]!;
    querystringConflict(
      `The operation takes the whole query string as the \`in: querystring\` parameter ${JSON.stringify(querystring.name)} and also the \`in: query\` parameter ${JSON.stringify(first)}.`,
      at,
      querystring.pointer,
      ctx,
    );
  }
  const order = { path: 0, query: 1, querystring: 1, header: 2, cookie: 3 } as const;
  parameters.sort(
    (a, b) =>
      order[a.in] - order[b.in] ||
      (a.in === 'path' ? wireTemplates.indexOf(a.name) - wireTemplates.indexOf(b.name) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  fixedHeaders.sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
  fixedQuery.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { parameters, fixedHeaders, fixedQuery };
}

/**
 * `x-sdk-headers: { Name: value }` of the operation and of the root `tags` entries it carries,
 * sent on every call (the operation's win over its tags', a later tag's over an earlier one's; a
 * `null` value on the operation drops a tag's header). They join the constant headers, replacing
 * one of the same name. An optional header parameter of the same name still overrides its
 * default when the caller passes it; a required one always does, so the default is dropped.
 */
function withDefaultHeaders(
  op: RawOperation,
  fixed: readonly { name: string; value: string }[],
  parameters: readonly IrParameter[],
  ctx: SchemaContext,
): { name: string; value: string }[] {
  const defaults = new Map<string, { name: string; value: string | null; pointer: string }>();
  const read = (raw: unknown, pointer: string, isOperation: boolean) => {
    if (raw === undefined) return;
    if (!isRecord(raw)) {
      report(
        ctx,
        'model/invalid-extension',
        pointer,
        '`x-sdk-headers` must be a mapping of header names to values, such as `{ OpenAI-Beta: assistants=v2 }`.',
      );
      return;
    }
    for (const [name, value] of Object.entries(raw)) {
      const at = childPointer(pointer, name);
      if (!HTTP_TOKEN.test(name)) {
        ctx.report(invalidHeader(`The header name ${JSON.stringify(name)} in \`x-sdk-headers\` is not an HTTP header name.`, at, ctx));
        continue;
      }
      if (value === null && isOperation) {
        defaults.set(name.toLowerCase(), { name, value: null, pointer: at });
        continue;
      }
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        report(
          ctx,
          'model/invalid-extension',
          at,
          `The value of the header ${JSON.stringify(name)} in \`x-sdk-headers\` must be a string${isOperation ? ' (or null, to drop a header its tag sets)' : ''}.`,
        );
        continue;
      }
      const text = String(value);
      if (!HEADER_VALUE.test(text)) {
        ctx.report(
          invalidHeader(
            `The value of the header ${JSON.stringify(name)} in \`x-sdk-headers\` holds a character no HTTP header can carry (a line break, NUL or a character above U+00FF).`,
            at,
            ctx,
          ),
        );
        continue;
      }
      defaults.set(name.toLowerCase(), { name, value: text, pointer: at });
    }
  };
  const root = isRecord(ctx.root) ? ctx.root : {};
  const tags = Array.isArray(op.operation['tags']) ? op.operation['tags'] : [];
  const declared = Array.isArray(root['tags']) ? root['tags'] : [];
  for (const tag of tags) {
    const index = declared.findIndex((entry) => isRecord(entry) && entry['name'] === tag);
    if (index !== -1) read((declared[index] as Raw)['x-sdk-headers'], childPointer('/tags', index, 'x-sdk-headers'), false);
  }
  read(op.operation['x-sdk-headers'], childPointer(op.pointer, 'x-sdk-headers'), true);
  if (defaults.size === 0) return [...fixed];
  const headers = fixed.filter((header) => !defaults.has(header.name.toLowerCase()));
  for (const [key, header] of defaults) {
    if (header.value === null) continue;
    const parameter = parameters.find((p) => p.in === 'header' && p.name.toLowerCase() === key);
    if (parameter?.required) {
      ctx.report({
        code: 'model/invalid-header',
        severity: 'warning',
        message: `\`x-sdk-headers\` sets ${JSON.stringify(header.name)}, which the operation takes as a required header parameter; the caller's value is always sent, so this default is ignored.`,
        hint: 'Make the parameter optional to give it a default, or remove the header from `x-sdk-headers`.',
        at: ctx.locate(header.pointer),
      });
      continue;
    }
    // under the parameter's spelling, so the caller's value replaces it (one key, not two that
    // differ in case and that a Headers object would join)
    headers.push({ name: parameter?.name ?? header.name, value: header.value });
  }
  return headers.sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0));
}

/**
 * A parameter is text on the wire: `format: binary` (or `byte`) in a path, query, header or
 * cookie parameter describes a string, not file content, so it is typed and checked as one.
 */
function onTheWire(schema: IrSchema): IrSchema {
  switch (schema.kind) {
    case 'string': {
      if (schema.format !== 'binary') return schema;
      const { format: _format, ...rest } = schema;
      return rest;
    }
    case 'array':
      return {
        ...schema,
        items: onTheWire(schema.items),
        ...(schema.prefixItems ? { prefixItems: schema.prefixItems.map(onTheWire) } : {}),
      };
    case 'union':
      return { ...schema, variants: schema.variants.map(onTheWire) };
    case 'object':
      return { ...schema, properties: schema.properties.map((p) => ({ ...p, schema: onTheWire(p.schema) })) };
    default:
      return schema;
  }
}

/** A parameter's `content`: its one media type, followed through a `$ref` (OpenAPI 3.2's `components/mediaTypes`). */
function contentOf(raw: Raw, pointer: string, ctx: SchemaContext): { mediaType: string; media: Raw; pointer: string } | undefined {
  const content = raw['content'];
  if (!isRecord(content)) return undefined;
  const mediaType = Object.keys(content)[0];
  if (mediaType === undefined) return undefined;
  const media = mediaTypeAt(content, mediaType, childPointer(pointer, 'content'), ctx);
  return media === undefined ? undefined : { mediaType, ...media };
}

/** Whether a media type's schema is file content (`type: string, format: binary`), looked up without reporting. */
function holdsFile(content: Raw, mediaType: string, ctx: SchemaContext): boolean {
  const media = followRefs(content[mediaType], '', ctx.root, ctx.locate);
  if ('code' in media || !isRecord(media.value)) return false;
  const schema = followRefs(media.value['schema'], '', ctx.root, ctx.locate);
  return !('code' in schema) && isRecord(schema.value) && schema.value['type'] === 'string' && schema.value['format'] === 'binary';
}

/**
 * The Media Type object of `content[mediaType]`, through its `$ref` when it is one (OpenAPI 3.2
 * `components/mediaTypes`), with the pointer of the object read (for schema sources).
 */
export function mediaTypeAt(
  content: Raw,
  mediaType: string,
  contentPointer: string,
  ctx: SchemaContext,
): { media: Raw; pointer: string } | undefined {
  const resolved = followRefs(content[mediaType], childPointer(contentPointer, mediaType), ctx.root, ctx.locate);
  if ('code' in resolved) return void ctx.report(resolved);
  return { media: isRecord(resolved.value) ? resolved.value : {}, pointer: resolved.pointer };
}

/** The parameter's example for docs: `example`, else the first of `examples` (its 3.2 `dataValue`, else `value`), from the parameter or its media type. */
function exampleOf(raw: Raw, media: Raw | undefined): { example?: unknown } {
  for (const holder of [raw, media]) {
    if (holder === undefined) continue;
    if ('example' in holder) return { example: holder['example'] };
    const value = firstExampleValue(holder['examples']);
    if (value !== undefined) return { example: value };
  }
  return {};
}

/**
 * The value of the first Example object of an `examples` map for docs: OpenAPI 3.2's
 * `dataValue` (the value as data), else `value`. A `serializedValue` alone (the example as
 * it is sent) is parsed when it is JSON text, else not used.
 */
export function firstExampleValue(examples: unknown): unknown {
  if (!isRecord(examples)) return undefined;
  const first = Object.values(examples)[0];
  if (!isRecord(first)) return undefined;
  if ('dataValue' in first) return first['dataValue'];
  if ('value' in first) return first['value'];
  if (typeof first['serializedValue'] === 'string') {
    try {
      return JSON.parse(first['serializedValue']) as unknown;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function querystringConflict(message: string, pointer: string, other: string, ctx: SchemaContext): void {
  ctx.report({
    code: 'model/querystring-conflict',
    severity: 'error',
    message,
    hint: defaultHint('model/querystring-conflict'),
    at: ctx.locate(pointer),
    related: [{ message: 'the `in: querystring` parameter', at: ctx.locate(other) }],
  });
}

const MULTIPART = /^multipart\/form-data(;.*)?$/;
const URLENCODED = /^application\/x-www-form-urlencoded(;.*)?$/;
const TEXT = /^(text\/(?!event-stream).*|application\/(sdp|xml|yaml)(;.*)?)$/;
const EVENT_STREAM = /^text\/event-stream(;.*)?$/;

/** Request media types in order of preference; anything else is sent as binary. */
function bodyKind(mediaType: string): IrRequestBody['contentType'] {
  if (JSON_TYPES.test(mediaType)) return 'application/json';
  if (MULTIPART.test(mediaType)) return 'multipart/form-data';
  if (URLENCODED.test(mediaType)) return 'application/x-www-form-urlencoded';
  if (TEXT.test(mediaType)) return 'text';
  return 'binary';
}
const BODY_PREFERENCE: readonly IrRequestBody['contentType'][] = [
  'application/json',
  'multipart/form-data',
  'application/x-www-form-urlencoded',
  'text',
  'binary',
];

const JSON_LINES = /^application\/(jsonl|x-ndjson|ndjson|jsonlines|x-jsonlines)\s*(;.*)?$/i;
const JSON_SEQ = /^application\/json-seq\s*(;.*)?$/i;

/**
 * The item stream a content map describes: the first media type with an `itemSchema` (3.2) or
 * `x-sdk-item-schema` (any version, e.g. from an overlay) that sdkgen can stream. An item schema
 * on any other media type is reported and left out. `allowEvents`: responses only.
 */
function itemStreamOf(content: Raw, contentPointer: string, ctx: SchemaContext, allowEvents: boolean): IrItemStream | undefined {
  let found: IrItemStream | undefined;
  for (const [mediaType, value] of Object.entries(content)) {
    if (!isRecord(value)) continue;
    const key = 'itemSchema' in value ? 'itemSchema' : 'x-sdk-item-schema' in value ? 'x-sdk-item-schema' : undefined;
    if (key === undefined) continue;
    const pointer = childPointer(contentPointer, mediaType, key);
    const format =
      allowEvents && EVENT_STREAM.test(mediaType)
        ? 'event-stream'
        : JSON_LINES.test(mediaType)
          ? 'json-lines'
          : JSON_SEQ.test(mediaType)
            ? 'json-seq'
            : undefined;
    if (format === undefined) {
      ctx.report({
        code: 'model/unsupported-item-stream',
        severity: 'warning',
        message: `The ${key} of \`${mediaType}\` is left out: sdkgen streams items of ${allowEvents ? '`text/event-stream`, ' : ''}JSON Lines (\`application/jsonl\`, \`application/x-ndjson\`) and \`application/json-seq\` ${allowEvents ? 'responses' : 'request bodies'}.`,
        hint: defaultHint('model/unsupported-item-stream'),
        at: ctx.locate(pointer),
      });
      continue;
    }
    if (found === undefined) found = { format, mediaType, schema: schemaToIr(value[key], pointer, ctx), source: pointer };
  }
  return found;
}

function requestBodyOf(op: RawOperation, ctx: SchemaContext): { body: IrRequestBody; example: unknown } | undefined {
  if (op.operation['requestBody'] === undefined) return undefined;
  const resolved = followRefs(op.operation['requestBody'], childPointer(op.pointer, 'requestBody'), ctx.root, ctx.locate);
  if ('code' in resolved) return void ctx.report(resolved);
  const raw = resolved.value as Raw;
  const content = (raw['content'] ?? {}) as Raw;
  const mediaTypes = Object.keys(content);
  // a sequence of items (JSON Lines, json-seq), unless the body can be sent as JSON
  const items = mediaTypes.some((type) => JSON_TYPES.test(type))
    ? undefined
    : itemStreamOf(content, childPointer(resolved.pointer, 'content'), ctx, false);
  if (items !== undefined && items.format !== 'event-stream') {
    return {
      body: {
        contentType: 'items',
        mediaType: items.mediaType,
        schema: items.schema,
        required: raw['required'] === true,
        ...(typeof raw['description'] === 'string' ? { description: raw['description'] } : {}),
        items: items.format,
        source: childPointer(resolved.pointer, 'content', items.mediaType),
      },
      example: undefined,
    };
  }
  // JSON when offered (the official SDKs send JSON then), else multipart, urlencoded, text, binary
  const mediaType =
    mediaTypes.find((type) => PLAIN_JSON.test(type)) ??
    [...mediaTypes].sort((a, b) => BODY_PREFERENCE.indexOf(bodyKind(a)) - BODY_PREFERENCE.indexOf(bodyKind(b)))[0];
  if (mediaType === undefined) {
    // `content: {}` (just-eat's published spec): there is nothing to send, so no body is sent
    ctx.report({
      code: 'validate/unsupported-media-type',
      severity: 'warning',
      message: 'The request body has no media type, so there is nothing to send: the operation is generated without a body.',
      hint: 'Add a `content` entry such as `application/json` with its schema, or remove the empty `requestBody`.',
      at: ctx.locate(childPointer(resolved.pointer, 'content')),
    });
    return undefined;
  }
  const at = mediaTypeAt(content, mediaType, childPointer(resolved.pointer, 'content'), ctx);
  if (at === undefined) return undefined;
  const { media, pointer } = at;
  const example = 'example' in media ? media['example'] : firstExampleValue(media['examples']);
  const declared = bodyKind(mediaType);
  const defaultSchema = declared === 'binary' ? { type: 'string', format: 'binary' } : declared === 'text' ? { type: 'string' } : true;
  const schema = schemaToIr(media['schema'] ?? defaultSchema, childPointer(pointer, 'schema'), ctx);
  // a form body whose schema is a string is the form already encoded (`text=I like tacos`, as
  // spoonacular's spec has it): sent as it is, under its media type
  const kind = declared === 'application/x-www-form-urlencoded' && schema.kind === 'string' ? 'text' : declared;
  // a multipart body is named parts, which a string has none of (spoonacular's spec declares one
  // with an example that is a urlencoded form): no request built from it could be read
  if (declared === 'multipart/form-data' && schema.kind === 'string' && schema.format !== 'binary') {
    report(
      ctx,
      'model/unsupported-construct',
      childPointer(pointer, 'schema'),
      'A multipart/form-data request body is a form of named parts, so its schema must be an object (its properties are the parts); this one is a string.',
      "Describe the parts as an object's properties, or declare the body application/x-www-form-urlencoded if the string is an encoded form (in the spec, or with an overlay).",
    );
    return undefined;
  }
  return {
    body: {
      contentType: kind,
      mediaType,
      schema,
      required: raw['required'] === true,
      ...(typeof raw['description'] === 'string' ? { description: raw['description'] } : {}),
      source: pointer,
    },
    example,
  };
}

function responsesOf(op: RawOperation, ctx: SchemaContext): { response: IrResponse; errorSchema?: IrSchema } {
  const responses = (op.operation['responses'] ?? {}) as Raw;
  const pointer = childPointer(op.pointer, 'responses');
  const codes = Object.keys(responses).sort();
  const success = codes.find((code) => /^2(\d\d|XX)$/.test(code));
  const failure = codes.find((code) => code === 'default') ?? codes.find((code) => /^[45]/.test(code));
  const read = (code: string) => {
    const resolved = followRefs(responses[code], childPointer(pointer, code), ctx.root, ctx.locate);
    if ('code' in resolved) return void ctx.report(resolved);
    const raw = resolved.value as Raw;
    const content = (raw['content'] ?? {}) as Raw;
    const schemaAt = (mediaType: string | undefined) => {
      const at = mediaType === undefined ? undefined : mediaTypeAt(content, mediaType, childPointer(resolved.pointer, 'content'), ctx);
      const rawSchema = at?.media['schema'];
      return rawSchema === undefined ? undefined : schemaToIr(rawSchema, childPointer(at!.pointer, 'schema'), ctx);
    };
    const mediaTypes = Object.keys(content);
    const events = mediaTypes.find((type) => EVENT_STREAM.test(type));
    const text = mediaTypes.find((type) => TEXT.test(type));
    const binary = mediaTypes.find((type) => !JSON_TYPES.test(type) && !EVENT_STREAM.test(type) && !TEXT.test(type));
    // file content listed under a JSON media type too (Azure's downloads: `application/json` and
    // `application/octet-stream`, both `format: binary`) is no JSON: the file is what is read
    const jsonTypes = mediaTypes.filter((type) => JSON_TYPES.test(type) && (binary === undefined || !holdsFile(content, type, ctx)));
    const json = jsonTypes.find((type) => PLAIN_JSON.test(type)) ?? jsonTypes[0];
    return {
      raw,
      pointer: resolved.pointer,
      json,
      events,
      text,
      binary,
      schemaAt,
      content,
      contentPointer: childPointer(resolved.pointer, 'content'),
    };
  };
  const ok = success === undefined ? undefined : read(success);
  let items = ok === undefined ? undefined : itemStreamOf(ok.content, ok.contentPointer, ctx, true);
  if (items !== undefined && ok?.json !== undefined) {
    ctx.report({
      code: 'model/unsupported-item-stream',
      severity: 'warning',
      message: `The item schema of \`${items.mediaType}\` is left out: the response can also be \`${ok.json}\`, which the client reads.`,
      hint: 'Describe the streamed response on its own operation (or its own status code), or remove the JSON media type.',
      at: ctx.locate(items.source),
    });
    items = undefined;
  }
  const error = failure === undefined ? undefined : read(failure);
  const errorSchema = error?.json ? error.schemaAt(error.json) : undefined;
  const stream = ok?.events !== undefined && items === undefined ? { stream: { ...optional('schema', ok.schemaAt(ok.events)) } } : {};
  const [contentType, mediaType]: [IrResponse['contentType'], string | undefined] = !ok
    ? ['none', undefined]
    : items !== undefined
      ? ['items', items.mediaType]
      : ok.json !== undefined
        ? ['application/json', ok.json]
        : ok.binary !== undefined
          ? ['binary', ok.binary]
          : ok.text !== undefined
            ? ['text', ok.text]
            : ok.events !== undefined
              ? ['event-stream', ok.events]
              : ['none', undefined];
  const schema = contentType === 'application/json' && mediaType ? ok?.schemaAt(mediaType) : undefined;
  const response: IrResponse = {
    status: success === undefined || success === '2XX' ? 200 : Number(success),
    contentType,
    ...optional('mediaType', mediaType),
    ...optional('schema', schema),
    ...stream,
    ...optional('items', items),
    ...(typeof ok?.raw['description'] === 'string' ? { description: ok.raw['description'] } : {}),
    ...(typeof ok?.raw['summary'] === 'string' && ok.raw['summary'].trim() !== '' ? { summary: ok.raw['summary'] } : {}),
    source: ok?.pointer ?? pointer,
  };
  return { response, ...optional('errorSchema', errorSchema) };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/**
 * Where the method lives in the client (`client.chatkit.sessions.cancel`): from `x-sdk-resource`
 * and `x-sdk-method` when given, else from the path's literal segments and the HTTP method. A
 * path with no literal segment (`GET /`, `GET /{code}`) has no resource: the method lives on the
 * client itself and is named after the operationId (`client.getAPI()`), or, without one, by the
 * same HTTP-method rule (`client.list()`, `client.retrieve(code)`).
 */
function resourceAndMethod(
  op: RawOperation,
  wirePath: string,
  ctx: SchemaContext,
  folders: PathFolders,
): { resource: string[]; method: string } {
  const segments = wirePath.split('/').filter(Boolean);
  const isParam = (segment: string) => /^\{.*\}$/.test(segment);
  const statics = segments.filter((segment) => !isParam(segment));
  const last = segments.at(-1);
  const beforeLast = segments.at(-2);
  let resource = statics;
  let method: string;
  if (last !== undefined && !isParam(last) && beforeLast !== undefined && isParam(beforeLast) && isAction(op, wirePath, last, folders)) {
    resource = statics.slice(0, -1);
    method = last;
  } else if (last !== undefined && isParam(last)) {
    method = { get: 'retrieve', delete: 'delete', post: 'update', put: 'update', patch: 'update' }[op.method as string] ?? op.method;
  } else if (last !== undefined && !isPlural(last) && beforeLast !== undefined && isParam(beforeLast)) {
    // a singleton under its parent (`/projects/{id}/data_retention`): read and update it;
    // a top-level singular noun (`/audio/speech`) is still created
    method = { get: 'retrieve', post: 'update', put: 'update', patch: 'update', delete: 'delete' }[op.method as string] ?? op.method;
  } else {
    method = { get: 'list', post: 'create', put: 'update', patch: 'update', delete: 'delete' }[op.method as string] ?? op.method;
  }
  const operationId = op.operation['operationId'];
  // no literal segment: an OpenAPI 3.2 nested tag (one with a `parent`) names the resource, else the client itself takes the method
  const tagResource = statics.length === 0 ? nestedTagResource(op, ctx.root) : undefined;
  if (tagResource !== undefined) resource = tagResource;
  else if (statics.length === 0 && typeof operationId === 'string' && /[A-Za-z]/.test(operationId)) method = operationId;
  const explicitResource = op.operation['x-sdk-resource'];
  const explicitMethod = op.operation['x-sdk-method'];
  const names = typeof explicitResource === 'string' ? explicitResource.split('.').filter(Boolean) : undefined;
  if (explicitResource !== undefined && (names === undefined || names.length === 0)) {
    report(
      ctx,
      'model/invalid-extension',
      childPointer(op.pointer, 'x-sdk-resource'),
      '`x-sdk-resource` must name a resource: a dotted string such as `chat.completions`.',
      'Leave `x-sdk-resource` out to derive the resource from the path (an operation whose path has no literal segment becomes a method of the client itself).',
    );
  }
  if (explicitMethod !== undefined && (typeof explicitMethod !== 'string' || !/[A-Za-z0-9]/.test(explicitMethod))) {
    report(
      ctx,
      'model/invalid-extension',
      childPointer(op.pointer, 'x-sdk-method'),
      '`x-sdk-method` must be a non-empty string such as `create`.',
    );
  }
  return {
    resource: names !== undefined && names.length > 0 ? names : resource,
    method: typeof explicitMethod === 'string' && /[A-Za-z0-9]/.test(explicitMethod) ? explicitMethod : method,
  };
}

/**
 * The resource an OpenAPI 3.2 nested tag gives an operation whose path has no literal segment:
 * the operation's first tag that the root `tags` list declares with a `parent`, preceded by its
 * ancestors (`sessions` under `chatkit` -> [`chatkit`, `sessions`]). Tags without a parent (all
 * of 3.0 and 3.1's) never shape the client; a path's literal segments and `x-sdk-resource` win
 * over any tag. An unknown parent or a cycle is reported by validate (tag-parents.ts).
 */
function nestedTagResource(op: RawOperation, root: unknown): string[] | undefined {
  const declared = isRecord(root) && Array.isArray(root['tags']) ? root['tags'].filter(isRecord) : [];
  const parentOf = new Map<string, unknown>(
    declared.filter((tag) => typeof tag['name'] === 'string').map((tag) => [tag['name'] as string, tag['parent']]),
  );
  const tags = Array.isArray(op.operation['tags']) ? op.operation['tags'] : [];
  const tag = tags.find((name): name is string => typeof name === 'string' && typeof parentOf.get(name) === 'string');
  if (tag === undefined) return undefined;
  const chain = [tag];
  for (
    let parent = parentOf.get(tag);
    typeof parent === 'string' && parentOf.has(parent) && !chain.includes(parent);
    parent = parentOf.get(parent)
  )
    chain.unshift(parent);
  return chain;
}

/**
 * A path key is a path template (OpenAPI's Paths Object: "a relative path to an individual
 * endpoint"). A query string in it is taken apart and sent as fixed query pairs, one warning per
 * key; fragments (common in AWS specs, one per operation) are dropped with one warning per spec.
 */
export function pathKeyDiagnostics(keys: readonly string[], locate: (pointer: string) => SourceLocation): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const fragments = keys.filter((key) => splitPathKey(key).fragment !== undefined);
  for (const key of keys) {
    const split = splitPathKey(key);
    const question = key.indexOf('?');
    if (question === -1 || (split.fragment !== undefined && key.indexOf('#') < question)) continue;
    const pairs = split.query.map((pair) => `\`${pair.name}=${pair.value}\``).join(', ');
    const templated = split.templates.map((pair) => `\`${pair.name}\``).join(', ');
    problems.push({
      code: 'model/query-in-path-key',
      severity: 'warning',
      message: `The path key \`${key}\` holds a query string; OpenAPI path keys are path templates, and query parameters are declared with \`in: query\`. sdkgen calls \`${split.path}\`${pairs ? ` and sends ${pairs} on every call` : ''}${templated ? `${pairs ? ',' : ''} with ${templated} as query parameters` : ''}.`,
      hint: defaultHint('model/query-in-path-key'),
      at: locate(childPointer('/paths', key)),
    });
  }
  if (fragments.length > 0) {
    const first = fragments[0]!;
    problems.push({
      code: 'model/fragment-in-path-key',
      severity: 'warning',
      message: `${fragments.length === 1 ? `The path key \`${first}\` holds` : `${fragments.length} path keys, the first \`${first}\`, hold`} a URL fragment (\`#...\`), which HTTP never sends; sdkgen calls the path before it (\`${splitPathKey(first).path}\`) and names each method after its operationId.`,
      hint: defaultHint('model/fragment-in-path-key'),
      at: locate(childPointer('/paths', first)),
    });
  }
  return problems;
}

/** Every start of a path's wire path that ends with `/` (`/a/`, `/a/b/` of `/a/b/c`): what has paths below it. */
export type PathFolders = ReadonlySet<string>;

/**
 * The folders of the spec's path keys, made once per spec: `isAction` asks for each operation
 * whether any path lies below its own, which a walk over every path key made quadratic
 * (Microsoft Graph's 20 MB spec spent 7 s there).
 */
export function pathFolders(pathKeys: Iterable<string>): PathFolders {
  const folders = new Set<string>();
  for (const key of pathKeys) {
    const { path } = splitPathKey(key);
    for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) folders.add(path.slice(0, slash + 1));
  }
  return folders;
}

/**
 * `/sessions/{id}/cancel` is an action on sessions; `/threads/{id}/messages` is a collection of
 * its own. A segment is a resource when paths below it exist (`/messages/{id}`), when it is
 * read with GET, or when it reads as a plural noun; otherwise it is an action.
 */
function isAction(op: RawOperation, wirePath: string, segment: string, folders: PathFolders): boolean {
  if (folders.has(wirePath.endsWith('/') ? wirePath : `${wirePath}/`)) return false;
  if (op.method === 'get' || 'get' in op.pathItem) return false;
  return !isPlural(segment);
}

function isPlural(segment: string): boolean {
  return /[^s]s$/.test(segment) || /ies$/.test(segment);
}

function pathParts(path: string, parameters: readonly IrParameter[]): IrPathPart[] {
  const parts: IrPathPart[] = [];
  let rest = path;
  for (const match of path.matchAll(/\{([^{}]*)\}/g)) {
    const index = rest.indexOf(match[0]);
    if (index > 0) parts.push({ kind: 'text', text: rest.slice(0, index) });
    const parameter = parameters.find((p) => p.in === 'path' && p.name === match[1]);
    if (parameter) parts.push({ kind: 'param', name: parameter.name, parameter });
    rest = rest.slice(index + match[0].length);
  }
  if (rest.length > 0) parts.push({ kind: 'text', text: rest });
  return parts;
}

function report(ctx: SchemaContext, code: DiagnosticCode, pointer: string, message: string, hint?: string): void {
  ctx.report({ code, severity: 'error', message, hint: hint ?? defaultHint(code), at: ctx.locate(pointer) });
}
