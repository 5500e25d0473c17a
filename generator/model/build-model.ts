// Turns the validated spec into the IR. Pure. Names are claimed here, once, through the naming
// module; every problem is collected and reported together in one SpecError.
import { defaultHint } from '../diagnostics/codes.js';
import { SpecError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { childPointer } from '../load/pointer.js';
import type { ValidatedSpec } from '../validate/validate-spec.js';
import { isRecord, walkOperations } from '../validate/walk-operations.js';
import { Identifier, type IrApi, type IrNamedSchema, type IrObjectSchema, type IrOperation, type IrPackage, type IrPagination, type IrResource, type IrSchema } from './ir.js';
import { NameTable, splitWords, toMemberName, toPropertyName, toTypeName } from './names.js';
import { operationToDraft, type DraftOperation } from './operations.js';
import { schemaToIr, type SchemaContext } from './schemas.js';

export interface ModelOptions {
  /** Overrides `info.x-sdk.packageName`. */
  readonly packageName?: string;
  /** Overrides `info.x-sdk.clientName`. */
  readonly clientName?: string;
}

export interface BuiltModel {
  readonly api: IrApi;
  readonly warnings: readonly Diagnostic[];
}

export function buildModel(spec: ValidatedSpec, options: ModelOptions = {}): BuiltModel {
  const problems: Diagnostic[] = [];
  const ctx: SchemaContext = { root: spec.root, locate: spec.locate, report: (d) => problems.push(d), inlining: new Set(), version: spec.version };
  const root = spec.root as Record<string, unknown>;
  const types = new NameTable(spec.locate);
  const claim = (table: NameTable, name: string, pointer: string, what: string): Identifier => {
    const { id, warning } = table.claim(name, pointer, what);
    if (warning) problems.push(warning);
    return id;
  };

  const rawSchemas = isRecord(root['components']) && isRecord(root['components']['schemas']) ? root['components']['schemas'] : {};
  const schemaDrafts = Object.keys(rawSchemas)
    .sort()
    .map((key) => {
      const pointer = childPointer('/components/schemas', key);
      const raw = rawSchemas[key];
      const explicit = isRecord(raw) && typeof raw['x-sdk-name'] === 'string' ? raw['x-sdk-name'] : undefined;
      const name = claim(types, toTypeName(explicit ?? key), pointer, `the schema \`${key}\``);
      return { key, pointer, name, schema: schemaToIr(raw, pointer, ctx) };
    });

  const rawOperations = walkOperations(spec.root);
  const allPaths = new Set(rawOperations.map((op) => op.path));
  const drafts = rawOperations.map((op) => operationToDraft(op, ctx, allPaths));
  // Inline body and response schemas get a name too, so every emitter refers to named types.
  const named = drafts.map((draft) => {
    const pascal = toTypeName(toMemberName(draft.operationId));
    const name = (schema: IrSchema, suffix: string, what: string): IrSchema => {
      if (schema.kind === 'ref') return schema;
      const key = schema.source;
      schemaDrafts.push({ key, pointer: schema.source, name: claim(types, `${pascal}${suffix}`, schema.source, `the ${what} of \`${draft.operationId}\``), schema });
      return { kind: 'ref', target: key, source: schema.source, ...(schema.description !== undefined ? { description: schema.description } : {}) };
    };
    return {
      ...draft,
      ...(draft.body ? { body: { ...draft.body, schema: name(draft.body.schema, 'Body', 'request body') } } : {}),
      response: {
        ...draft.response,
        ...(draft.response.schema ? { schema: name(draft.response.schema, 'Response', 'response') } : {}),
        ...(draft.response.stream?.schema ? { stream: { schema: name(draft.response.stream.schema, 'Event', 'stream event') } } : {}),
      },
    };
  });
  schemaDrafts.sort((a, b) => (a.name.text < b.name.text ? -1 : a.name.text > b.name.text ? 1 : 0));
  const builders = new NameTable(spec.locate, BUILDER_SCOPE, 'Give the operation another operationId.');
  const methodTables = new Map<string, NameTable>();
  const methods = (resource: readonly string[]) => {
    const key = resource.join('.');
    if (!methodTables.has(key)) methodTables.set(key, new NameTable(spec.locate, new Set(), 'Give one of the operations an `x-sdk-method` (and, if needed, `x-sdk-resource`) extension.'));
    return methodTables.get(key)!;
  };
  const schemaByKey = new Map(schemaDrafts.map((d) => [d.key, d.schema]));
  const operations = named
    .sort((a, b) => (a.raw.path < b.raw.path ? -1 : a.raw.path > b.raw.path ? 1 : a.raw.method < b.raw.method ? -1 : 1))
    .map((draft) => nameOperation(draft, { types, builders, methods, claim }))
    .map((op) => {
      const pagination = paginationOf(op, schemaByKey, spec, problems);
      return pagination ? { ...op, pagination } : op;
    })
    .sort((a, b) => (a.pathTemplate < b.pathTemplate ? -1 : a.pathTemplate > b.pathTemplate ? 1 : a.httpMethod < b.httpMethod ? -1 : 1));
  const resources = buildResources(operations, types, claim, spec.locate, problems);
  const usage = schemaUsage(operations, new Map(schemaDrafts.map((d) => [d.key, d.schema])));
  const schemas: IrNamedSchema[] = schemaDrafts.map((draft) => ({
    key: draft.key,
    name: draft.name,
    guardName: new Identifier(`is${draft.name.text}`),
    assertName: new Identifier(`assert${draft.name.text}`),
    validateName: new Identifier(`validate${draft.name.text}`),
    schema: draft.schema,
    usage: { request: usage.request.has(draft.key), response: usage.response.has(draft.key) },
    source: draft.pointer,
  }));
  problems.push(...refOnlyCycles(schemaDrafts, spec.locate));
  const knownKeys = new Set(schemaDrafts.map((d) => d.key));
  for (const key of referencedKeys(operations, schemaDrafts.map((d) => d.schema))) {
    if (!knownKeys.has(key)) problems.push(missingSchema(spec, key));
  }

  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new SpecError(problems);
  const info = isRecord(root['info']) ? root['info'] : {};
  return {
    api: {
      title: typeof info['title'] === 'string' ? info['title'] : 'API',
      version: typeof info['version'] === 'string' ? info['version'] : '0.0.0',
      ...(typeof info['description'] === 'string' ? { description: info['description'] } : {}),
      specFile: spec.file,
      package: packageOf(root, info, options),
      operations,
      schemas,
      resources,
    },
    warnings: [...spec.warnings, ...problems],
  };
}

type Claim = (table: NameTable, name: string, pointer: string, what: string) => Identifier;

/** Names `requests.ts` declares itself, which a builder must not take. */
const BUILDER_SCOPE = new Set(['encodePathSegment', 'formatQuery', 'QueryEntry', 'RequestDescription']);
/** Names a client method uses besides its positional path arguments. */
const ARGUMENT_SCOPE = new Set(['body', 'query', 'headers', 'options', 'request', 'requests', 'validators']);

interface OperationNaming {
  readonly types: NameTable;
  readonly builders: NameTable;
  readonly methods: (resource: readonly string[]) => NameTable;
  readonly claim: Claim;
}

function nameOperation(draft: DraftOperation, naming: OperationNaming): IrOperation {
  const { types, claim } = naming;
  const { raw } = draft;
  const what = `the operation \`${draft.operationId}\``;
  const builder = claim(naming.builders, toMemberName(draft.operationId), raw.pointer, what);
  const builderText = builder.text;
  const pascal = builderText.charAt(0).toUpperCase() + builderText.slice(1);
  const resource = draft.resource.map((segment) => toPropertyName(segment));
  const methods = naming.methods(resource);
  // two operations that derive the same method (POST /threads/runs and POST /threads/{id}/runs):
  // the later one is named after its operationId, which reads better than a number
  const derived = toPropertyName(draft.method);
  const method = claim(methods, methods.has(derived) && raw.operation['x-sdk-method'] === undefined ? toPropertyName(draft.operationId) : derived, raw.pointer, what);
  const argumentTable = new NameTable(() => ({ file: '', line: 0, column: 0, pointer: '' }), ARGUMENT_SCOPE);
  const parameters = draft.parameters.map((p) => ({ ...p, argument: argumentTable.claim(p.argument.text, p.source, `the parameter \`${p.name}\``).id }));
  const path = draft.path.map((part) => (part.kind === 'param' ? { ...part, parameter: parameters.find((p) => p.in === 'path' && p.name === part.name) ?? part.parameter } : part));
  const group = (location: 'path' | 'query' | 'header', suffix: string) =>
    draft.parameters.some((p) => p.in === location) ? claim(types, `${pascal}${suffix}`, raw.pointer, what) : undefined;
  const pathParams = group('path', 'PathParams');
  const queryParams = group('query', 'QueryParams');
  const headerParams = group('header', 'HeaderParams');
  const op = raw.operation;
  return {
    operationId: draft.operationId,
    names: {
      builder,
      input: claim(types, `${pascal}Input`, raw.pointer, what),
      resource: resource.map((segment) => new Identifier(segment)),
      method,
      ...(pathParams ? { pathParams } : {}),
      ...(queryParams ? { queryParams } : {}),
      ...(headerParams ? { headerParams } : {}),
    },
    httpMethod: raw.method,
    pathTemplate: raw.path,
    path,
    parameters,
    fixedHeaders: draft.fixedHeaders,
    ...(draft.body ? { body: draft.body } : {}),
    response: draft.response,
    ...(draft.errorSchema ? { errorSchema: draft.errorSchema } : {}),
    ...(typeof op['summary'] === 'string' ? { summary: op['summary'] } : {}),
    ...(typeof op['description'] === 'string' ? { description: op['description'] } : {}),
    deprecated: op['deprecated'] === true,
    ...(draft.exampleBody !== undefined ? { exampleBody: draft.exampleBody } : {}),
    source: raw.pointer,
  };
}

/** The client's resource tree; class names join the path (`ChatkitSessions`) so they are unique. */
function buildResources(operations: readonly IrOperation[], types: NameTable, claim: Claim, locate: ValidatedSpec['locate'], problems: Diagnostic[]): IrResource[] {
  interface Node { property: string; path: string[]; children: Map<string, Node>; operations: IrOperation[] }
  const root: Node = { property: '', path: [], children: new Map(), operations: [] };
  for (const op of operations) {
    let node = root;
    for (const segment of op.names.resource) {
      let child = node.children.get(segment.text);
      if (!child) {
        child = { property: segment.text, path: [...node.path, segment.text], children: new Map(), operations: [] };
        node.children.set(segment.text, child);
      }
      node = child;
    }
    node.operations.push(op);
  }
  const toResource = (node: Node): IrResource => {
    for (const child of node.children.values()) {
      const clash = node.operations.find((op) => op.names.method.text === child.property);
      if (clash) {
        problems.push({
          code: 'model/name-collision',
          severity: 'error',
          message: `The method \`${clash.names.method.text}\` of \`${clash.operationId}\` and the sub-resource \`${[...node.path, child.property].join('.')}\` have the same name.`,
          hint: 'Give the operation an `x-sdk-method` (or `x-sdk-resource`) extension.',
          at: locate(clash.source),
        });
      }
    }
    return resourceNode(node);
  };
  const resourceNode = (node: Node): IrResource => ({
    property: new Identifier(node.property),
    className: claim(types, `${node.path.map((p) => toTypeName(p)).join('')}Resource`, node.operations[0]?.source ?? '/paths', `the resource \`${node.path.join('.')}\``),
    children: [...node.children.values()].sort((a, b) => (a.property < b.property ? -1 : 1)).map(toResource),
    operations: [...node.operations].sort((a, b) => (a.names.method.text < b.names.method.text ? -1 : 1)),
  });
  if (root.operations.length > 0) {
    problems.push({
      code: 'model/invalid-extension',
      severity: 'error',
      message: `The operation \`${root.operations[0]!.operationId}\` has no resource to live on.`,
      hint: 'Give it an `x-sdk-resource` extension, e.g. `x-sdk-resource: health`.',
      at: locate(root.operations[0]!.source),
    });
  }
  return [...root.children.values()].sort((a, b) => (a.property < b.property ? -1 : 1)).map(toResource);
}

/** Which named schemas each side of the wire reaches, through refs. */
function schemaUsage(operations: readonly IrOperation[], byKey: ReadonlyMap<string, IrSchema>): { request: Set<string>; response: Set<string> } {
  const reach = (starts: readonly IrSchema[]): Set<string> => {
    const seen = new Set<string>();
    const visit = (schema: IrSchema): void => {
      for (const key of refsOf(schema)) {
        if (seen.has(key)) continue;
        seen.add(key);
        const target = byKey.get(key);
        if (target) visit(target);
      }
    };
    starts.forEach(visit);
    return seen;
  };
  return {
    request: reach(operations.flatMap((op) => [...(op.body ? [op.body.schema] : []), ...op.parameters.map((p) => p.schema)])),
    response: reach(operations.flatMap((op) => [...(op.response.schema ? [op.response.schema] : []), ...(op.errorSchema ? [op.errorSchema] : [])])),
  };
}

/** The named-schema keys a schema refers to directly (not through other named schemas). */
export function refsOf(schema: IrSchema): string[] {
  switch (schema.kind) {
    case 'ref':
      return [schema.target];
    case 'object':
      return [
        ...schema.properties.flatMap((p) => refsOf(p.schema)),
        ...(typeof schema.additionalProperties === 'object' ? refsOf(schema.additionalProperties) : []),
        ...(schema.propertyNames ? refsOf(schema.propertyNames) : []),
      ];
    case 'array':
      return refsOf(schema.items);
    case 'union':
      return [...schema.variants.flatMap(refsOf), ...(schema.discriminator?.mapping.map((m) => m.target) ?? [])];
    case 'allOf':
      return schema.parts.flatMap(refsOf);
    case 'not':
      return refsOf(schema.schema);
    default:
      return [];
  }
}

function referencedKeys(operations: readonly IrOperation[], schemas: readonly IrSchema[]): Set<string> {
  const keys = new Set<string>();
  const all = [...schemas, ...operations.flatMap((op) => [...(op.body ? [op.body.schema] : []), ...(op.response.schema ? [op.response.schema] : []), ...op.parameters.map((p) => p.schema)])];
  for (const schema of all) for (const key of refsOf(schema)) keys.add(key);
  return keys;
}

/**
 * Cursor pagination from `x-sdk-pagination: { style: cursor, items, cursorParam, cursorField,
 * hasMore }`, or detected: a GET with an `after` query parameter whose JSON response has a
 * `data` array, a boolean `has_more` and a `last_id` (the shape of OpenAI's list endpoints).
 */
function paginationOf(op: IrOperation, schemas: ReadonlyMap<string, IrSchema>, spec: ValidatedSpec, problems: Diagnostic[]): IrPagination | undefined {
  const raw = walkOperations(spec.root).find((candidate) => candidate.pointer === op.source)?.operation['x-sdk-pagination'];
  const pointer = `${op.source}/x-sdk-pagination`;
  const response = resolveObject(op.response.schema, schemas);
  if (raw !== undefined) {
    const fields = isRecord(raw) ? raw : {};
    const text = (key: string, fallback: string) => (typeof fields[key] === 'string' ? (fields[key] as string) : fallback);
    const pagination: IrPagination = { style: 'cursor', items: text('items', 'data'), cursorParam: text('cursorParam', 'after'), cursorField: text('cursorField', 'last_id'), hasMore: text('hasMore', 'has_more') };
    const problem =
      !isRecord(raw) || (fields['style'] ?? 'cursor') !== 'cursor'
        ? '`x-sdk-pagination` must be an object with `style: cursor` (the only style sdkgen supports).'
        : !op.parameters.some((p) => p.in === 'query' && p.name === pagination.cursorParam)
          ? `The cursor parameter \`${pagination.cursorParam}\` is not a query parameter of the operation.`
          : response?.properties.find((p) => p.name === pagination.items)?.schema.kind !== 'array'
            ? `The response has no \`${pagination.items}\` array to paginate.`
            : undefined;
    if (problem) {
      problems.push({ code: 'model/invalid-extension', severity: 'error', message: problem, hint: 'See "Pagination" in the README for the extension\'s fields.', at: spec.locate(pointer) });
      return undefined;
    }
    return pagination;
  }
  const has = (name: string, kind: IrSchema['kind']) => response?.properties.some((p) => p.name === name && (resolveSchema(p.schema, schemas)?.kind === kind || (kind === 'string' && isNullableString(p.schema, schemas))));
  if (op.httpMethod === 'get' && op.parameters.some((p) => p.in === 'query' && p.name === 'after') && has('data', 'array') && has('has_more', 'boolean') && has('last_id', 'string')) {
    return { style: 'cursor', items: 'data', cursorParam: 'after', cursorField: 'last_id', hasMore: 'has_more' };
  }
  return undefined;
}

function resolveSchema(schema: IrSchema | undefined, schemas: ReadonlyMap<string, IrSchema>): IrSchema | undefined {
  let current = schema;
  for (let depth = 0; current?.kind === 'ref' && depth < 20; depth++) current = schemas.get(current.target);
  return current;
}

function resolveObject(schema: IrSchema | undefined, schemas: ReadonlyMap<string, IrSchema>): IrObjectSchema | undefined {
  const resolved = resolveSchema(schema, schemas);
  return resolved?.kind === 'object' ? resolved : undefined;
}

function isNullableString(schema: IrSchema, schemas: ReadonlyMap<string, IrSchema>): boolean {
  const resolved = resolveSchema(schema, schemas);
  return resolved?.kind === 'union' && resolved.variants.some((v) => resolveSchema(v, schemas)?.kind === 'string');
}

/** `A: { $ref: B }`, `B: { $ref: A }` names no type at all: report each such cycle once. */
function refOnlyCycles(drafts: readonly { key: string; pointer: string; schema: IrSchema }[], locate: ValidatedSpec['locate']): Diagnostic[] {
  const byKey = new Map(drafts.map((d) => [d.key, d]));
  const reported = new Set<string>();
  const problems: Diagnostic[] = [];
  for (const draft of drafts) {
    const chain: string[] = [];
    let current: { key: string; schema: IrSchema } | undefined = draft;
    while (current && current.schema.kind === 'ref' && !chain.includes(current.key)) {
      chain.push(current.key);
      current = byKey.get(current.schema.target);
    }
    if (current && chain.includes(current.key) && !chain.some((key) => reported.has(key))) {
      const cycle = chain.slice(chain.indexOf(current.key));
      cycle.forEach((key) => reported.add(key));
      problems.push({
        code: 'model/ref-cycle',
        severity: 'error',
        message: `The schemas ${[...cycle, current.key].map((key) => `\`${key}\``).join(' -> ')} only refer to each other, so none of them describes a value.`,
        hint: defaultHint('model/ref-cycle'),
        at: locate(`${byKey.get(cycle[0]!)!.pointer}/$ref`),
      });
    }
  }
  return problems;
}

function missingSchema(spec: ValidatedSpec, key: string): Diagnostic {
  return {
    code: 'model/unresolved-ref',
    severity: 'error',
    message: `A discriminator mapping names the schema \`${key}\`, which \`components/schemas\` does not define.`,
    hint: defaultHint('model/unresolved-ref'),
    at: spec.locate('/components/schemas'),
  };
}

/** Whether any operation (or the whole document) requires a security scheme. */
function usesSecurity(root: Record<string, unknown>): boolean {
  const requires = (security: unknown) => Array.isArray(security) && security.some((requirement) => isRecord(requirement) && Object.keys(requirement).length > 0);
  return requires(root['security']) || walkOperations(root).some(({ operation }) => requires(operation['security']));
}

function packageOf(root: Record<string, unknown>, info: Record<string, unknown>, options: ModelOptions): IrPackage {
  const sdk = isRecord(info['x-sdk']) ? info['x-sdk'] : {};
  const text = (key: string): string | undefined => (typeof sdk[key] === 'string' ? sdk[key] : undefined);
  const title = typeof info['title'] === 'string' ? info['title'] : 'API';
  const words = splitWords(title).filter((w) => !/^api$/i.test(w));
  const servers = Array.isArray(root['servers']) ? root['servers'] : [];
  const firstServer = isRecord(servers[0]) && typeof servers[0]['url'] === 'string' ? servers[0]['url'] : 'http://localhost';
  const upper = words.map((w) => w.toUpperCase()).join('_') || 'API';
  return {
    name: options.packageName ?? text('packageName') ?? `${words.map((w) => w.toLowerCase()).join('-') || 'api'}-client`,
    version: typeof info['version'] === 'string' && /^\d+\.\d+\.\d+/.test(info['version']) ? info['version'] : '0.0.0',
    clientName: new Identifier(toTypeName(options.clientName ?? text('clientName') ?? `${words.join(' ')} Client`)),
    defaultBaseURL: firstServer.replace(/\/+$/, ''),
    apiKeyEnv: text('apiKeyEnv') ?? `${upper}_API_KEY`,
    auth: usesSecurity(root) ? 'bearer' : 'none',
    baseURLEnv: text('baseURLEnv') ?? `${upper}_BASE_URL`,
  };
}
