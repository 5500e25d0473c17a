// Turns the validated spec into the IR. Pure. Names are claimed here, once, through the naming
// module; every problem is collected and reported together in one SpecError.
import { defaultHint } from '../diagnostics/codes.js';
import { SpecError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { childPointer } from '../load/pointer.js';
import type { ValidatedSpec } from '../validate/validate-spec.js';
import { isRecord } from '../load/json-node.js';
import { walkOperations } from '../validate/walk-operations.js';
import { Identifier, type IrApi, type IrNamedSchema, type IrObjectSchema, type IrOperation, type IrPagination, type IrResource, type IrSchema } from './ir.js';
import { NameTable, ResourceNames, splitWords, toMemberName, toPropertyName, toTypeName } from './names.js';
import { operationToDraft, pathKeyDiagnostics, type DraftOperation } from './operations.js';
import { packageOf, type PackageOptions } from './package-info.js';
import { schemaToIr, type SchemaContext } from './schemas.js';

/** `packageName` and `clientName` override `info.x-sdk`'s; an invalid one is a UsageError. */
export interface ModelOptions extends PackageOptions {
  /** Validators test a `pattern` only on strings of at most this many characters. */
  readonly patternInputLimit?: number;
}

export interface BuiltModel {
  readonly api: IrApi;
  readonly warnings: readonly Diagnostic[];
}

export function buildModel(spec: ValidatedSpec, options: ModelOptions = {}): BuiltModel {
  const problems: Diagnostic[] = [];
  const ctx: SchemaContext = { root: spec.root, locate: spec.locate, report: (d) => problems.push(d), inlining: new Set(), version: spec.version, ...(options.patternInputLimit !== undefined ? { patternInputLimit: options.patternInputLimit } : {}) };
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
  problems.push(...pathKeyDiagnostics([...allPaths], spec.locate));
  // Inline body and response schemas get a name too, so every emitter refers to named types.
  // One inline schema reached by several operations (a shared `components/requestBodies` or
  // `components/responses` entry) is one named schema, keyed by its pointer and named after the
  // component (`SentimentAnalysisBody`).
  const uses = new Map<string, number>();
  for (const draft of drafts) {
    for (const schema of [draft.body?.schema, draft.response.schema, draft.response.stream?.schema]) {
      if (schema !== undefined && schema.kind !== 'ref') uses.set(schema.source, (uses.get(schema.source) ?? 0) + 1);
    }
  }
  const inlineKeys = new Set<string>();
  const named = drafts.map((draft) => {
    const pascal = toTypeName(toMemberName(draft.operationId));
    const name = (schema: IrSchema, suffix: string, what: string): IrSchema => {
      if (schema.kind === 'ref') return schema;
      const key = schema.source;
      const shared = (uses.get(key) ?? 0) > 1 ? /^\/components\/(?:requestBodies|responses)\/([^/]+)\//.exec(key)?.[1] : undefined;
      const component = shared === undefined ? undefined : toTypeName(shared.replace(/~1/g, '/').replace(/~0/g, '~'));
      const typeName = component === undefined ? `${pascal}${suffix}` : component.endsWith(suffix) ? component : `${component}${suffix}`;
      const described = component === undefined ? `the ${what} of \`${draft.operationId}\`` : `the shared ${what} \`${shared}\``;
      // named once: the first operation that reaches it claims the name, the others refer to it
      if (!inlineKeys.has(key)) {
        inlineKeys.add(key);
        schemaDrafts.push({ key, pointer: schema.source, name: claim(types, typeName, schema.source, described), schema });
      }
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
  const functions = new NameTable(spec.locate, FUNCTION_SCOPE, 'Give one of the operations an `x-sdk-method` (and, if needed, `x-sdk-resource`) extension.');
  // resources are named before methods, so a method never takes a sub-resource's or a class member's name
  const resourceNames = new ResourceNames(named.map((draft) => ({ resource: draft.resource, pointer: draft.raw.pointer })), spec.locate);
  problems.push(...resourceNames.warnings);
  const methodTables = new Map<string, NameTable>();
  const methods = (resource: readonly string[]) => {
    const key = resource.join('.');
    if (!methodTables.has(key)) methodTables.set(key, new NameTable(spec.locate, resourceNames.takenIn(resource), 'Give one of the operations an `x-sdk-method` (and, if needed, `x-sdk-resource`) extension.'));
    return methodTables.get(key)!;
  };
  const schemaByKey = new Map(schemaDrafts.map((d) => [d.key, d.schema]));
  const operations = named
    .sort((a, b) => (a.raw.path < b.raw.path ? -1 : a.raw.path > b.raw.path ? 1 : a.raw.method < b.raw.method ? -1 : 1))
    .map((draft) => nameOperation(draft, { types, builders, functions, methods, claim, resourceNames, problems }))
    .map((op) => {
      const pagination = paginationOf(op, schemaByKey, spec, problems);
      return pagination ? { ...op, pagination } : op;
    })
    .sort((a, b) => (a.pathTemplate < b.pathTemplate ? -1 : a.pathTemplate > b.pathTemplate ? 1 : a.httpMethod < b.httpMethod ? -1 : 1));
  const claimFirst = (table: NameTable, names: readonly string[], pointer: string, what: string): Identifier => {
    const { id, warning } = table.claimFirst(names, pointer, what);
    if (warning) problems.push(warning);
    return id;
  };
  const { resources, rootOperations } = buildResources(operations, types, claimFirst);
  // the package's identity: checked where read; the client class takes its name last, so a schema or resource keeps its own
  const identity = packageOf(root, spec.locate, options, (diagnostic) => problems.push(diagnostic));
  const clientPointer = isRecord(root['info']) && isRecord(root['info']['x-sdk']) && 'clientName' in root['info']['x-sdk'] ? '/info/x-sdk/clientName' : '/info/title';
  const clientName = claim(types, identity.clientName.text, clientPointer, 'the client class');
  const baseClientName = claim(types, `Base${clientName.text}`, clientPointer, 'the base client class');
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
      package: { ...identity, clientName, baseClientName },
      operations,
      schemas,
      resources,
      rootOperations,
    },
    warnings: [...spec.warnings, ...problems],
  };
}

type Claim = (table: NameTable, name: string, pointer: string, what: string) => Identifier;

/** Names `requests.ts` declares itself, which a builder must not take. */
const BUILDER_SCOPE = new Set(['encodePathSegment', 'formatQuery', 'cookieHeader', 'toFormData', 'toUrlEncoded', 'QueryEntry', 'RequestDescription', 'toRequestInit', 'FetchRequestInit', 'Uploadable']);
/** Names `operations.ts` imports, which an operation function must not take. */
const FUNCTION_SCOPE = new Set(['requests', 'validators', 'streamResponse', 'PagePromise', 'APIPromise', 'RequestOptions', 'Stream', 'readUploads', 'Uploadable', 'toFile', 'toRequestInit']);
/** Names a client method uses besides its positional path arguments. */
const ARGUMENT_SCOPE = new Set(['client', 'body', 'query', 'headers', 'cookies', 'params', 'options', 'request', 'requests', 'validators', 'globalThis', 'extend', 'readUploads']);

interface OperationNaming {
  readonly types: NameTable;
  readonly builders: NameTable;
  readonly functions: NameTable;
  readonly methods: (resource: readonly string[]) => NameTable;
  readonly claim: Claim;
  readonly resourceNames: ResourceNames;
  readonly problems: Diagnostic[];
}

function nameOperation(draft: DraftOperation, naming: OperationNaming): IrOperation {
  const { types, claim } = naming;
  const { raw } = draft;
  const what = `the operation \`${draft.operationId}\``;
  const builder = claim(naming.builders, toMemberName(draft.operationId), raw.pointer, what);
  const builderText = builder.text;
  const pascal = builderText.charAt(0).toUpperCase() + builderText.slice(1);
  const resource = naming.resourceNames.propertiesOf(draft.resource);
  const methods = naming.methods(resource);
  // two operations that derive the same method (POST /threads/runs and POST /threads/{id}/runs):
  // the later one is named after its operationId, which reads better than a number
  const derived = toPropertyName(draft.method);
  const method = claim(methods, methods.has(derived) && raw.operation['x-sdk-method'] === undefined ? toPropertyName(draft.operationId) : derived, raw.pointer, what);
  const fn = claim(naming.functions, toMemberName([...resource, method.text].join(' ')), raw.pointer, what);
  const argumentTable = new NameTable(() => ({ file: '', line: 0, column: 0, pointer: '' }), ARGUMENT_SCOPE);
  const parameters = draft.parameters.map((p) => ({ ...p, argument: argumentTable.claim(p.argument.text, p.source, `the parameter \`${p.name}\``).id }));
  const path = draft.path.map((part) => (part.kind === 'param' ? { ...part, parameter: parameters.find((p) => p.in === 'path' && p.name === part.name) ?? part.parameter } : part));
  // readable alternatives first (`CreateContainerInput` is often a schema of the same API); a number only as a last resort
  const typeName = (suffixes: readonly string[]) => {
    const { id, warning } = types.claimFirst(suffixes.map((suffix) => `${pascal}${suffix}`), raw.pointer, what);
    if (warning) naming.problems.push(warning);
    return id;
  };
  const group = (location: 'path' | 'query' | 'header' | 'cookie', suffix: string) =>
    draft.parameters.some((p) => p.in === location) ? typeName([`${suffix}Params`, `Request${suffix}Params`]) : undefined;
  const pathParams = group('path', 'Path');
  const queryParams = group('query', 'Query');
  const headerParams = group('header', 'Header');
  const cookieParams = group('cookie', 'Cookie');
  // body, query, headers and cookies a caller passes: two or more travel in one params object
  const passed = [draft.body !== undefined, queryParams, headerParams, cookieParams].filter(Boolean).length;
  const params = passed >= 2 ? typeName(['Params', 'RequestParams']) : undefined;
  const input = typeName(['Input', 'RequestInput']);
  const op = raw.operation;
  return {
    operationId: draft.operationId,
    names: {
      builder,
      input,
      resource: resource.map((segment) => new Identifier(segment)),
      method,
      function: fn,
      ...(pathParams ? { pathParams } : {}),
      ...(queryParams ? { queryParams } : {}),
      ...(headerParams ? { headerParams } : {}),
      ...(cookieParams ? { cookieParams } : {}),
      ...(params ? { params } : {}),
    },
    httpMethod: raw.method,
    pathTemplate: raw.path,
    path,
    parameters,
    fixedHeaders: draft.fixedHeaders,
    fixedQuery: draft.fixedQuery,
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

/**
 * The client's resource tree; class names join the path (`ChatkitSessions`) so they are unique.
 * Operations with no resource are methods of the client itself. Property and method names are
 * final already (ResourceNames, the method tables), so nothing here can collide.
 */
function buildResources(operations: readonly IrOperation[], types: NameTable, claimFirst: (table: NameTable, names: readonly string[], pointer: string, what: string) => Identifier): { resources: IrResource[]; rootOperations: IrOperation[] } {
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
  const byMethod = (a: IrOperation, b: IrOperation) => (a.names.method.text < b.names.method.text ? -1 : 1);
  const resourceNode = (node: Node): IrResource => ({
    property: new Identifier(node.property),
    // a schema may be called `<Path>Resource` already (OpenAI's `OrganizationSpendLimitResource`)
    className: claimFirst(types, ['Resource', 'Methods'].map((suffix) => `${node.path.map((p) => toTypeName(p)).join('')}${suffix}`), node.operations[0]?.source ?? firstSource(node) ?? '/paths', `the resource \`${node.path.join('.')}\``),
    children: [...node.children.values()].sort((a, b) => (a.property < b.property ? -1 : 1)).map(resourceNode),
    operations: [...node.operations].sort(byMethod),
  });
  const firstSource = (node: Node): string | undefined => node.operations[0]?.source ?? [...node.children.values()].map(firstSource).find(Boolean);
  return {
    resources: [...root.children.values()].sort((a, b) => (a.property < b.property ? -1 : 1)).map(resourceNode),
    rootOperations: [...root.operations].sort(byMethod),
  };
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
    response: reach(operations.flatMap((op) => [...(op.response.schema ? [op.response.schema] : []), ...(op.response.stream?.schema ? [op.response.stream.schema] : []), ...(op.errorSchema ? [op.errorSchema] : [])])),
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
      return [...(schema.prefixItems ?? []).flatMap(refsOf), ...refsOf(schema.items)];
    case 'union':
      return [...schema.variants.flatMap(refsOf), ...(schema.discriminator?.mapping.map((m) => m.target) ?? []), ...(schema.unevaluatedProperties ? refsOf(schema.unevaluatedProperties) : [])];
    case 'allOf':
      return [...schema.parts.flatMap(refsOf), ...(schema.unevaluatedProperties ? refsOf(schema.unevaluatedProperties) : [])];
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

