// Path item + operation -> IrOperation (names are claimed later, in build-model). Pure.
import { defaultHint, type DiagnosticCode } from '../diagnostics/codes.js';
import { childPointer } from '../load/pointer.js';
import type { RawOperation } from '../validate/walk-operations.js';
import type { IrParameter, IrPathPart, IrRequestBody, IrResponse, IrSchema } from './ir.js';
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
  readonly body?: IrRequestBody;
  readonly response: IrResponse;
  readonly errorSchema?: IrSchema;
  readonly exampleBody?: unknown;
  readonly path: readonly IrPathPart[];
}

type Raw = Record<string, unknown>;
const JSON_TYPES = /^application\/(.+\+)?json(;.*)?$/;

export function operationToDraft(op: RawOperation, ctx: SchemaContext, allPaths: ReadonlySet<string>): DraftOperation {
  const { parameters, fixedHeaders } = parametersOf(op, ctx);
  const body = requestBodyOf(op, ctx);
  const { response, errorSchema } = responsesOf(op, ctx);
  const naming = resourceAndMethod(op, ctx, allPaths);
  const path = pathParts(op.path, parameters);
  const operationId = typeof op.operation['operationId'] === 'string' ? op.operation['operationId'] : `${op.method} ${op.path}`;
  return {
    raw: op,
    operationId,
    ...naming,
    parameters,
    fixedHeaders,
    ...(body ? { body: body.body } : {}),
    ...(body && body.example !== undefined ? { exampleBody: body.example } : {}),
    response,
    ...(errorSchema ? { errorSchema } : {}),
    path,
  };
}

function parametersOf(op: RawOperation, ctx: SchemaContext): Pick<DraftOperation, 'parameters' | 'fixedHeaders'> {
  const byKey = new Map<string, { raw: Raw; pointer: string }>();
  const pathItemPointer = op.pointer.slice(0, op.pointer.lastIndexOf('/'));
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
  for (const { raw, pointer } of byKey.values()) {
    const location = raw['in'] as IrParameter['in'];
    const name = String(raw['name']);
    const rawSchema = raw['schema'] ?? contentSchemaOf(raw);
    const schema = schemaToIr(rawSchema ?? true, childPointer(pointer, 'schema'), ctx);
    if (location === 'header' && raw['required'] === true && schema.kind === 'const' && typeof schema.value === 'string') {
      fixedHeaders.push({ name, value: schema.value });
      continue;
    }
    if (location === 'cookie') {
      report(ctx, 'model/unsupported-construct', pointer, `The cookie parameter \`${name}\` is not supported.`, 'Browsers do not let scripts set the Cookie header; send it as a header parameter instead.');
      continue;
    }
    const defaultStyle = location === 'query' ? 'form' : 'simple';
    const style = (typeof raw['style'] === 'string' ? raw['style'] : defaultStyle) as IrParameter['style'];
    parameters.push({
      name,
      in: location,
      argument: new Identifier(toMemberName(name)),
      required: location === 'path' || raw['required'] === true,
      schema,
      style,
      explode: typeof raw['explode'] === 'boolean' ? raw['explode'] : style === 'form',
      deprecated: raw['deprecated'] === true,
      ...(typeof raw['description'] === 'string' ? { description: raw['description'] } : {}),
      ...('example' in raw ? { example: raw['example'] } : {}),
      source: pointer,
    });
  }
  const order = { path: 0, query: 1, header: 2, cookie: 3 } as const;
  const pathOrder = [...op.path.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]);
  parameters.sort(
    (a, b) =>
      order[a.in] - order[b.in] ||
      (a.in === 'path' ? pathOrder.indexOf(a.name) - pathOrder.indexOf(b.name) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  fixedHeaders.sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
  return { parameters, fixedHeaders };
}

function contentSchemaOf(raw: Raw): unknown {
  const content = raw['content'];
  if (typeof content !== 'object' || content === null) return undefined;
  const first = Object.values(content)[0] as Raw | undefined;
  return first?.['schema'];
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
const BODY_PREFERENCE: readonly IrRequestBody['contentType'][] = ['application/json', 'multipart/form-data', 'application/x-www-form-urlencoded', 'text', 'binary'];

function requestBodyOf(op: RawOperation, ctx: SchemaContext): { body: IrRequestBody; example: unknown } | undefined {
  if (op.operation['requestBody'] === undefined) return undefined;
  const resolved = followRefs(op.operation['requestBody'], childPointer(op.pointer, 'requestBody'), ctx.root, ctx.locate);
  if ('code' in resolved) return void ctx.report(resolved);
  const raw = resolved.value as Raw;
  const content = (raw['content'] ?? {}) as Raw;
  const mediaTypes = Object.keys(content);
  // JSON when offered (the official SDKs send JSON then), else multipart, urlencoded, text, binary
  const mediaType = [...mediaTypes].sort((a, b) => BODY_PREFERENCE.indexOf(bodyKind(a)) - BODY_PREFERENCE.indexOf(bodyKind(b)))[0];
  if (mediaType === undefined) {
    report(ctx, 'validate/unsupported-media-type', childPointer(resolved.pointer, 'content'), 'The request body has no media type.', 'Add a `content` entry such as `application/json` with its schema.');
    return undefined;
  }
  const media = (content[mediaType] ?? {}) as Raw;
  const pointer = childPointer(resolved.pointer, 'content', mediaType);
  const examples = media['examples'] as Record<string, Raw> | undefined;
  const example = 'example' in media ? media['example'] : examples ? Object.values(examples)[0]?.['value'] : undefined;
  const kind = bodyKind(mediaType);
  const defaultSchema = kind === 'binary' ? { type: 'string', format: 'binary' } : kind === 'text' ? { type: 'string' } : true;
  return {
    body: {
      contentType: kind,
      mediaType,
      schema: schemaToIr(media['schema'] ?? defaultSchema, childPointer(pointer, 'schema'), ctx),
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
      const rawSchema = mediaType === undefined ? undefined : (content[mediaType] as Raw | undefined)?.['schema'];
      return rawSchema === undefined ? undefined : schemaToIr(rawSchema, childPointer(resolved.pointer, 'content', mediaType!, 'schema'), ctx);
    };
    const mediaTypes = Object.keys(content);
    const json = mediaTypes.find((type) => JSON_TYPES.test(type));
    const events = mediaTypes.find((type) => EVENT_STREAM.test(type));
    const text = mediaTypes.find((type) => TEXT.test(type));
    const binary = mediaTypes.find((type) => !JSON_TYPES.test(type) && !EVENT_STREAM.test(type) && !TEXT.test(type));
    return { raw, pointer: resolved.pointer, json, events, text, binary, schemaAt };
  };
  const ok = success === undefined ? undefined : read(success);
  const error = failure === undefined ? undefined : read(failure);
  const errorSchema = error?.json ? error.schemaAt(error.json) : undefined;
  const stream = ok?.events !== undefined ? { stream: { ...optional('schema', ok.schemaAt(ok.events)) } } : {};
  const [contentType, mediaType]: [IrResponse['contentType'], string | undefined] = !ok
    ? ['none', undefined]
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
    ...(typeof ok?.raw['description'] === 'string' ? { description: ok.raw['description'] } : {}),
    source: ok?.pointer ?? pointer,
  };
  return { response, ...optional('errorSchema', errorSchema) };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/**
 * Where the method lives in the client (`client.chatkit.sessions.cancel`): from `x-sdk-resource`
 * and `x-sdk-method` when given, else from the path's literal segments and the HTTP method.
 */
function resourceAndMethod(op: RawOperation, ctx: SchemaContext, allPaths: ReadonlySet<string>): { resource: string[]; method: string } {
  const segments = op.path.split('/').filter(Boolean);
  const isParam = (segment: string) => /^\{.*\}$/.test(segment);
  const statics = segments.filter((segment) => !isParam(segment));
  const last = segments.at(-1);
  const beforeLast = segments.at(-2);
  let resource = statics;
  let method: string;
  if (last !== undefined && !isParam(last) && beforeLast !== undefined && isParam(beforeLast) && isAction(op, last, allPaths)) {
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
  const explicitResource = op.operation['x-sdk-resource'];
  const explicitMethod = op.operation['x-sdk-method'];
  if (explicitResource !== undefined && typeof explicitResource !== 'string') {
    report(ctx, 'model/invalid-extension', childPointer(op.pointer, 'x-sdk-resource'), '`x-sdk-resource` must be a dotted string such as `chat.completions`.');
  }
  if (explicitMethod !== undefined && typeof explicitMethod !== 'string') {
    report(ctx, 'model/invalid-extension', childPointer(op.pointer, 'x-sdk-method'), '`x-sdk-method` must be a string such as `create`.');
  }
  return {
    resource: typeof explicitResource === 'string' ? explicitResource.split('.').filter(Boolean) : resource,
    method: typeof explicitMethod === 'string' ? explicitMethod : method,
  };
}

/**
 * `/sessions/{id}/cancel` is an action on sessions; `/threads/{id}/messages` is a collection of
 * its own. A segment is a resource when paths below it exist (`/messages/{id}`), when it is
 * read with GET, or when it reads as a plural noun; otherwise it is an action.
 */
function isAction(op: RawOperation, segment: string, allPaths: ReadonlySet<string>): boolean {
  const prefix = op.path.endsWith('/') ? op.path : `${op.path}/`;
  for (const path of allPaths) if (path.startsWith(prefix)) return false;
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
