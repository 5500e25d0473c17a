// Turns the validated spec into the IR. Pure. Names are claimed here, once, through the naming
// module; every problem is collected and reported together in one SpecError.
import { defaultHint } from '../diagnostics/codes.js';
import { SpecError, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import { childPointer, decodePointer, valueAt } from '../load/pointer.js';
import type { ValidatedSpec } from '../validate/validate-spec.js';
import { isRecord } from '../load/json-node.js';
import { walkOperations } from '../validate/walk-operations.js';
import { Identifier, type IrApi, type IrNamedSchema, type IrOperation, type IrResource, type IrSchema } from './ir.js';
import {
  isFreeInClientModule,
  lostLetters,
  NameTable,
  plural,
  resourceClassCandidates,
  ResourceNames,
  toMemberName,
  toPropertyName,
  toTypeName,
  VALIDATORS_MODULE_NAMES,
} from './names.js';
import { operationToDraft, pathFolders, pathKeyDiagnostics, unsendableMethod, type DraftOperation } from './operations.js';
import { packageOf, type PackageOptions } from './package-info.js';
import { paginationOf, unpaginatedList } from './pagination.js';
import type { ModelCache } from './model-cache.js';
import { schemaToIr, type SchemaContext } from './schemas.js';
import { splitDirections, type SchemaDraft } from './directions.js';
import { decodeEvents } from './item-streams.js';
import { followRefs, type SchemaLookup } from './schema-index.js';
import { hoistedName, hoistedTargets, type HoistedOwners } from './hoisting.js';

/** `packageName` and `clientName` override `info.x-sdk`'s; an invalid one is a UsageError. */
export interface ModelOptions extends PackageOptions {
  /** Validators test a `pattern` only on strings of at most this many characters. */
  readonly patternInputLimit?: number;
}

export interface BuiltModel {
  readonly api: IrApi;
  readonly warnings: readonly Diagnostic[];
}

/** The IR of a validated spec; a watch session passes its ModelCache, which keeps what an edit did not reach. */
export function buildModel(spec: ValidatedSpec, options: ModelOptions = {}, cache?: ModelCache): BuiltModel {
  const problems: Diagnostic[] = [];
  const ctx: SchemaContext = {
    root: spec.root,
    locate: spec.locate,
    report: (d) => problems.push(d),
    inlining: new Set(),
    hoistTargets: hoistedTargets(spec.root),
    hoisted: new Map(),
    version: spec.version,
    ...(options.patternInputLimit !== undefined ? { patternInputLimit: options.patternInputLimit } : {}),
  };
  const root = spec.root as Record<string, unknown>;
  const cached = cache?.begin(ctx);
  const types = new NameTable(spec.locate);
  const claim = (table: NameTable, name: string, pointer: string, what: string): Identifier => {
    const { id, warning } = table.claim(name, pointer, what);
    if (warning) problems.push(warning);
    return id;
  };

  const rawSchemas = isRecord(root['components']) && isRecord(root['components']['schemas']) ? root['components']['schemas'] : {};
  const schemaDrafts: SchemaDraft[] = Object.keys(rawSchemas)
    .sort()
    .map((key) => {
      const pointer = childPointer('/components/schemas', key);
      const raw = rawSchemas[key];
      const name = claim(types, sdkName(raw) ?? toTypeName(key), pointer, `the schema \`${key}\``);
      return { key, pointer, name, schema: cached !== undefined ? cached.schema(key, raw, pointer) : schemaToIr(raw, pointer, ctx) };
    });

  // an operation fetch cannot send (TRACE, CONNECT, ...) is left out, with a warning
  const rawOperations = walkOperations(spec.root).filter((op) => {
    const unsendable = unsendableMethod(op, spec.locate);
    if (unsendable) problems.push(unsendable);
    return unsendable === undefined;
  });
  const allPaths = new Set(rawOperations.map((op) => op.path));
  const folders = pathFolders(allPaths);
  const drafts = rawOperations.map((op) => operationToDraft(op, ctx, folders));
  problems.push(...pathKeyDiagnostics([...allPaths], spec.locate));
  // Inline body and response schemas get a name too, so every emitter refers to named types.
  // One inline schema reached by several operations (a shared `components/requestBodies` or
  // `components/responses` entry) is one named schema, keyed by its pointer and named after the
  // component (`SentimentAnalysisBody`).
  const uses = new Map<string, number>();
  for (const draft of drafts) {
    for (const schema of [draft.body?.schema, draft.response.schema, draft.response.stream?.schema, draft.response.items?.schema]) {
      if (schema !== undefined && schema.kind !== 'ref') uses.set(schema.source, (uses.get(schema.source) ?? 0) + 1);
    }
  }
  const inlineKeys = new Set<string>();
  const inlined = drafts.map((draft) => {
    const pascal = toTypeName(toMemberName(draft.operationId));
    const name = (schema: IrSchema, suffix: string, what: string): IrSchema => {
      if (schema.kind === 'ref') return schema;
      const key = schema.source;
      const shared =
        (uses.get(key) ?? 0) > 1 ? /^\/components\/(?:requestBodies|responses|mediaTypes)\/([^/]+)\//.exec(key)?.[1] : undefined;
      const component = shared === undefined ? undefined : toTypeName(shared.replace(/~1/g, '/').replace(/~0/g, '~'));
      const typeName = component === undefined ? `${pascal}${suffix}` : component.endsWith(suffix) ? component : `${component}${suffix}`;
      const described = component === undefined ? `the ${what} of \`${draft.operationId}\`` : `the shared ${what} \`${shared}\``;
      // named once: the first operation that reaches it claims the name, the others refer to it
      if (!inlineKeys.has(key)) {
        inlineKeys.add(key);
        schemaDrafts.push({ key, pointer: schema.source, name: claim(types, typeName, schema.source, described), schema });
      }
      return {
        kind: 'ref',
        target: key,
        source: schema.source,
        ...(schema.description !== undefined ? { description: schema.description } : {}),
      };
    };
    return {
      ...draft,
      ...(draft.body
        ? {
            body: {
              ...draft.body,
              schema: draft.body.items
                ? name(draft.body.schema, 'BodyItem', 'request body item')
                : name(draft.body.schema, 'Body', 'request body'),
            },
          }
        : {}),
      response: {
        ...draft.response,
        ...(draft.response.schema ? { schema: name(draft.response.schema, 'Response', 'response') } : {}),
        ...(draft.response.stream?.schema ? { stream: { schema: name(draft.response.stream.schema, 'Event', 'stream event') } } : {}),
        ...(draft.response.items
          ? { items: { ...draft.response.items, schema: name(draft.response.items.schema, 'Item', 'stream item') } }
          : {}),
      },
    };
  });
  // Schemas hoisted from refs' targets (hoisting.ts) are named last, in pointer order, so that a
  // component or an operation's body keeps its own name; one inside an operation is named after it.
  const owners: HoistedOwners = {
    schemas: new Map(schemaDrafts.map((draft) => [draft.key, draft.name.text])),
    operations: new Map(drafts.map((draft) => [draft.raw.pointer, toTypeName(toMemberName(draft.operationId))])),
  };
  for (const [pointer, schema] of [...ctx.hoisted].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (schema === undefined) continue;
    const raw = valueAt(spec.root, decodePointer(pointer));
    const name = claim(types, sdkName(raw) ?? hoistedName(pointer, owners), pointer, `the schema that $refs point at, \`#${pointer}\``);
    schemaDrafts.push({ key: pointer, pointer, name, schema });
  }
  // an event stream's items are event objects whose JSON `data` the client decodes: their schemas
  // (named by now) describe the decoded event
  const withEvents = inlined.map((draft) => {
    const items = draft.response.items;
    if (items?.format !== 'event-stream') return draft;
    const lookup = (key: string) => schemaDrafts.find((d) => d.key === key)?.schema;
    const replace = (key: string, schema: IrSchema) => {
      const index = schemaDrafts.findIndex((d) => d.key === key);
      if (index !== -1) schemaDrafts[index] = { ...schemaDrafts[index]!, schema };
    };
    const decoded = decodeEvents(items.schema, lookup, replace);
    return {
      ...draft,
      response: {
        ...draft.response,
        items: { ...items, schema: decoded.schema, ...(decoded.jsonData === undefined ? {} : { jsonData: decoded.jsonData }) },
      },
    };
  });
  // readOnly/writeOnly: a schema that differs by direction gets a shape per direction
  const directed = splitDirections(schemaDrafts, withEvents, (candidates, pointer, what) => {
    const { id, warning } = types.claimFirst(candidates, pointer, what);
    if (warning) problems.push(warning);
    return id;
  });
  schemaDrafts.splice(0, schemaDrafts.length, ...directed.drafts);
  const named = directed.operations;
  schemaDrafts.sort((a, b) => (a.name.text < b.name.text ? -1 : a.name.text > b.name.text ? 1 : 0));
  const builders = new NameTable(spec.locate, BUILDER_SCOPE, 'Give the operation another operationId.');
  const functions = new NameTable(
    spec.locate,
    FUNCTION_SCOPE,
    'Give one of the operations an `x-sdk-method` (and, if needed, `x-sdk-resource`) extension.',
  );
  // resources are named before methods, so a method never takes a sub-resource's or a class member's name
  const resourceNames = new ResourceNames(
    named.map((draft) => ({ resource: draft.resource, pointer: draft.raw.pointer })),
    spec.locate,
  );
  problems.push(...resourceNames.warnings);
  const methodTables = new Map<string, NameTable>();
  const methods = (resource: readonly string[]) => {
    const key = resource.join('.');
    if (!methodTables.has(key))
      methodTables.set(
        key,
        new NameTable(
          spec.locate,
          resourceNames.takenIn(resource),
          'Give one of the operations an `x-sdk-method` (and, if needed, `x-sdk-resource`) extension.',
        ),
      );
    return methodTables.get(key)!;
  };
  const schemaByKey = new Map(schemaDrafts.map((d) => [d.key, d.schema]));
  const rawByPointer = new Map(rawOperations.map((raw) => [raw.pointer, raw]));
  const operations = named
    .sort((a, b) => (a.raw.path < b.raw.path ? -1 : a.raw.path > b.raw.path ? 1 : a.raw.method < b.raw.method ? -1 : 1))
    .map((draft) => nameOperation(draft, { types, builders, functions, methods, claim, resourceNames, problems, locate: spec.locate }))
    .map((op) => {
      const declared = rawByPointer.get(op.source)?.operation['x-sdk-pagination'];
      const pagination = paginationOf(op, declared, schemaByKey, spec.locate, problems);
      const paged = pagination ? { ...op, pagination } : op;
      // `x-sdk-pagination: false` says the list has one page: no warning
      const unpaginated = declared === false ? undefined : unpaginatedList(paged, schemaByKey, spec.locate);
      if (unpaginated) problems.push(unpaginated);
      return paged;
    })
    .sort((a, b) => (a.pathTemplate < b.pathTemplate ? -1 : a.pathTemplate > b.pathTemplate ? 1 : a.httpMethod < b.httpMethod ? -1 : 1));
  const claimFirst = (table: NameTable, names: readonly string[], pointer: string, what: string): Identifier => {
    const { id, warning } = table.claimFirst(names, pointer, what);
    if (warning) problems.push(warning);
    return id;
  };
  // page and streaming-params types are types of the API's calls: named before resource classes, which give way
  // validators.ts: each parameter group's exported `validateX` is claimed here, beside the runtime names it imports
  // (a named schema's export is its type name, with `is`, `assert` and `validate` as its own properties)
  const validatorsScope = new NameTable(spec.locate, VALIDATORS_MODULE_NAMES);
  const validator = (name: string, pointer: string, what: string) => claim(validatorsScope, name, pointer, what);
  const typed = operationTypeNames(operations, schemaDrafts, types, claimFirst).map((op) => {
    const groupValidators = Object.fromEntries(
      PARAMETER_GROUPS.flatMap(([location, key]) => {
        const type = op.names[key];
        return type === undefined ? [] : [[location, validator(`validate${type.text}`, op.source, `the validator of \`${type.text}\``)]];
      }),
    );
    return { ...op, names: { ...op.names, groupValidators } };
  });
  const { resources, rootOperations } = buildResources(typed, types, (name) => functions.has(name), claimFirst);
  // the package's identity: checked where read; the client class takes its name last, so a schema or resource keeps its own
  const identity = packageOf(root, spec.locate, options, (diagnostic) => problems.push(diagnostic));
  const clientPointer =
    isRecord(root['info']) && isRecord(root['info']['x-sdk']) && 'clientName' in root['info']['x-sdk']
      ? '/info/x-sdk/clientName'
      : '/info/title';
  const clientName = claim(types, identity.clientName.text, clientPointer, 'the client class');
  const baseClientName = claim(types, `Base${clientName.text}`, clientPointer, 'the base client class');
  const usage = schemaUsage(typed, new Map(schemaDrafts.map((d) => [d.key, d.schema])));
  const schemas: IrNamedSchema[] = schemaDrafts.map((draft) => ({
    key: draft.key,
    name: draft.name,
    schema: draft.schema,
    ...(draft.requestShapeOf !== undefined ? { requestShapeOf: draft.requestShapeOf } : {}),
    usage: { request: usage.request.has(draft.key), response: usage.response.has(draft.key) },
    source: draft.pointer,
  }));
  problems.push(...refOnlyCycles(schemaDrafts, spec.locate));
  const knownKeys = new Set(schemaDrafts.map((d) => d.key));
  for (const key of referencedKeys(
    typed,
    schemaDrafts.map((d) => d.schema),
  )) {
    if (!knownKeys.has(key)) problems.push(missingSchema(spec, key));
  }

  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new SpecError(distinct(problems));
  const info = isRecord(root['info']) ? root['info'] : {};
  cached?.end();
  return {
    api: {
      title: typeof info['title'] === 'string' ? info['title'] : 'API',
      version: typeof info['version'] === 'string' ? info['version'] : '0.0.0',
      ...(typeof info['description'] === 'string' ? { description: info['description'] } : {}),
      specFile: spec.file,
      package: { ...identity, clientName, baseClientName },
      operations: typed,
      schemas,
      resources,
      rootOperations,
    },
    warnings: [...spec.warnings, ...distinct(problems)],
  };
}

type Claim = (table: NameTable, name: string, pointer: string, what: string) => Identifier;

/** Names are ASCII: letters of the operationId or path that have no ASCII spelling are left out of them. */
function nonAsciiName(operationId: string, path: string, lost: string, builder: string, at: SourceLocation): Diagnostic {
  return {
    code: 'model/non-ascii-name',
    severity: 'warning',
    message: `The operation \`${operationId}\` (\`${path}\`) has ${[...lost].length} letters with no ASCII spelling; generated names are ASCII, so its names leave them out (the request builder is \`${builder}\`).`,
    hint: defaultHint('model/non-ascii-name'),
    at,
  };
}

/** Each parameter location and the key of its group's type in an operation's names. */
const PARAMETER_GROUPS = [
  ['path', 'pathParams'],
  ['query', 'queryParams'],
  ['header', 'headerParams'],
  ['cookie', 'cookieParams'],
] as const;

/** Names `requests.ts` declares itself, which a builder must not take. */
const BUILDER_SCOPE = new Set([
  'itemsBody',
  'encodePathSegment',
  'formatQuery',
  'cookieHeader',
  'toFormData',
  'toUrlEncoded',
  'QueryEntry',
  'RequestDescription',
  'toRequestInit',
  'FetchRequestInit',
  'Uploadable',
]);
/** Names `operations.ts` imports, which an operation function must not take. */
const FUNCTION_SCOPE = new Set([
  'itemStream',
  'itemIssues',
  'ItemStream',
  'requests',
  'validators',
  'streamResponse',
  'PagePromise',
  'APIPromise',
  'RequestOptions',
  'Stream',
  'readUploads',
  'Uploadable',
  'toFile',
  'toRequestInit',
]);
/** Names a client method uses besides its positional path arguments. */
const ARGUMENT_SCOPE = new Set([
  'client',
  'body',
  'query',
  'headers',
  'cookies',
  'params',
  'options',
  'request',
  'requests',
  'validators',
  'globalThis',
  'extend',
  'readUploads',
]);

interface OperationNaming {
  readonly types: NameTable;
  readonly builders: NameTable;
  readonly functions: NameTable;
  readonly methods: (resource: readonly string[]) => NameTable;
  readonly claim: Claim;
  readonly resourceNames: ResourceNames;
  readonly problems: Diagnostic[];
  readonly locate: (pointer: string) => SourceLocation;
}

function nameOperation(draft: DraftOperation, naming: OperationNaming): IrOperation {
  const { types, claim } = naming;
  const { raw } = draft;
  const what = `the operation \`${draft.operationId}\``;
  const builder = claim(naming.builders, toMemberName(draft.operationId), raw.pointer, what);
  const lost = lostLetters(`${draft.operationId} ${raw.path}`);
  if (lost !== '') naming.problems.push(nonAsciiName(draft.operationId, raw.path, lost, builder.text, naming.locate(raw.pointer)));
  const builderText = builder.text;
  const pascal = builderText.charAt(0).toUpperCase() + builderText.slice(1);
  const resource = naming.resourceNames.propertiesOf(draft.resource);
  const methods = naming.methods(resource);
  // two operations that derive the same method (POST /threads/runs and POST /threads/{id}/runs):
  // the later one is named after its operationId, which reads better than a number
  const derived = toPropertyName(draft.method);
  const method = claim(
    methods,
    methods.has(derived) && raw.operation['x-sdk-method'] === undefined ? toPropertyName(draft.operationId) : derived,
    raw.pointer,
    what,
  );
  const argumentTable = new NameTable(() => ({ file: '', line: 0, column: 0, pointer: '' }), ARGUMENT_SCOPE);
  const parameters = draft.parameters.map((p) => ({
    ...p,
    argument: argumentTable.claim(p.argument.text, p.source, `the parameter \`${p.name}\``).id,
  }));
  // the method calls the function with its own arguments (`options(options)` for `OPTIONS /`
  // at the root): a function named like one of them would be shadowed by it
  const derivedFunction = toMemberName([...resource, method.text].join(' '));
  const fn = claim(
    naming.functions,
    argumentTable.has(derivedFunction) ? `${derivedFunction}Operation` : derivedFunction,
    raw.pointer,
    what,
  );
  const path = draft.path.map((part) =>
    part.kind === 'param'
      ? { ...part, parameter: parameters.find((p) => p.in === 'path' && p.name === part.name) ?? part.parameter }
      : part,
  );
  // readable alternatives first (`CreateContainerInput` is often a schema of the same API); a number only as a last resort
  const typeName = (suffixes: readonly string[]) => {
    const { id, warning } = types.claimFirst(
      suffixes.map((suffix) => `${pascal}${suffix}`),
      raw.pointer,
      what,
    );
    if (warning) naming.problems.push(warning);
    return id;
  };
  // a `querystring` parameter (3.2) is the whole query: the caller passes it as `query`
  const group = (location: 'path' | 'query' | 'header' | 'cookie', suffix: string) =>
    draft.parameters.some((p) => p.in === location || (location === 'query' && p.in === 'querystring'))
      ? typeName([`${suffix}Params`, `Request${suffix}Params`])
      : undefined;
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
      // claimed once every type is named (validatorsScope in buildModel)
      groupValidators: {},
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
    wireMethod: raw.wireMethod,
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
 * The client's resource tree. A class is named after its last segment as openai-node names them
 * (`client.chatkit.sessions` is `Sessions`); where two resources share that name, each takes
 * enough of its parents to be told apart (`ChatkitSessions`, `RealtimeSessions`). A class gives
 * way to a schema type, a page type, an operation function and a name the package root exports,
 * taking the next longer name, then `...Resource`. Operations with no resource are methods of the
 * client itself. Property and method names are final already (ResourceNames, the method tables).
 */
function buildResources(
  operations: readonly IrOperation[],
  types: NameTable,
  isFunction: (name: string) => boolean,
  claimFirst: (table: NameTable, names: readonly string[], pointer: string, what: string) => Identifier,
): { resources: IrResource[]; rootOperations: IrOperation[] } {
  interface Node {
    property: string;
    path: string[];
    children: Map<string, Node>;
    operations: IrOperation[];
  }
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
  const byProperty = (a: Node, b: Node) => (a.property < b.property ? -1 : 1);
  const all: Node[] = [];
  const collect = (node: Node) =>
    [...node.children.values()].sort(byProperty).forEach((child) => {
      all.push(child);
      collect(child);
    });
  collect(root);
  const candidates = resourceClassCandidates(all.map((node) => node.path));
  const free = (name: string) => !isFunction(name) && isFreeInClientModule(name);
  const firstSource = (node: Node): string | undefined =>
    node.operations[0]?.source ?? [...node.children.values()].map(firstSource).find(Boolean);
  const classNames = new Map(
    all.map((node, index) => [
      node,
      claimFirst(types, freeOrLast(candidates[index]!, free), firstSource(node) ?? '/paths', `the resource \`${node.path.join('.')}\``),
    ]),
  );
  const resourceNode = (node: Node): IrResource => ({
    property: new Identifier(node.property),
    className: classNames.get(node)!,
    children: [...node.children.values()].sort(byProperty).map(resourceNode),
    operations: [...node.operations].sort(byMethod),
  });
  return {
    resources: [...root.children.values()].sort(byProperty).map(resourceNode),
    rootOperations: [...root.operations].sort(byMethod),
  };
}

/**
 * The page type of each paginated operation (`NotesPage`: the plural of its item type, as
 * openai-node names them; an item without a named type, or one that several different pages
 * list, takes the resource's name, `FoldersFilesPage`), shared by operations with the same page; and the streaming
 * and non-streaming variants of a body whose `stream` flag chooses between events and JSON.
 */
function operationTypeNames(
  operations: readonly IrOperation[],
  schemas: readonly { key: string; name: Identifier; schema: IrSchema }[],
  types: NameTable,
  claimFirst: (table: NameTable, names: readonly string[], pointer: string, what: string) => Identifier,
): IrOperation[] {
  const byKey = new Map(schemas.map((s) => [s.key, s]));
  const pages = new Map<string, Identifier>();
  const streams = new Map<string, { streaming: Identifier; nonStreaming: Identifier }>();
  const pageKey = (op: IrOperation) =>
    `${op.response.schema?.kind === 'ref' ? op.response.schema.target : op.response.source}\n${op.pagination!.items}`;
  const itemOf = (op: IrOperation) =>
    op.pagination!.itemSchema.kind === 'ref' ? byKey.get(op.pagination!.itemSchema.target)?.name.text : undefined;
  // an item type listed by differing pages names none of them: each takes its resource's name
  const pagesOfItem = new Map<string, Set<string>>();
  for (const op of operations) {
    const item = op.pagination === undefined ? undefined : itemOf(op);
    if (item !== undefined) pagesOfItem.set(item, (pagesOfItem.get(item) ?? new Set()).add(pageKey(op)));
  }
  return operations.map((op) => {
    let names = op.names;
    if (op.pagination !== undefined) {
      const listed = itemOf(op);
      const item = listed !== undefined && pagesOfItem.get(listed)!.size === 1 ? listed : undefined;
      const key = pageKey(op);
      const fromResource = `${op.names.resource.map((segment) => toTypeName(segment.text)).join('')}${op.names.method.text === 'list' && op.names.resource.length > 0 ? '' : toTypeName(op.names.method.text)}Page`;
      const page =
        pages.get(key) ??
        claimFirst(
          types,
          freeOrLast(
            [...(item ? [`${plural(item)}Page`] : []), fromResource, `${toTypeName(op.names.function.text)}Page`],
            isFreeInClientModule,
          ),
          op.source,
          `the page type of \`${op.operationId}\``,
        );
      pages.set(key, page);
      names = { ...names, page };
    }
    if (streamsOnFlag(op, (key) => byKey.get(key)?.schema)) {
      const base = names.params?.text ?? (op.body?.schema.kind === 'ref' ? byKey.get(op.body.schema.target)?.name.text : undefined);
      if (base !== undefined) {
        const known = streams.get(base);
        const what = `the streaming parameters of \`${op.operationId}\``;
        const streaming = known ?? {
          streaming: claimFirst(types, freeOrLast([`${base}Streaming`, `${base}StreamingParams`], isFreeInClientModule), op.source, what),
          nonStreaming: claimFirst(
            types,
            freeOrLast([`${base}NonStreaming`, `${base}NonStreamingParams`], isFreeInClientModule),
            op.source,
            what,
          ),
        };
        streams.set(base, streaming);
        names = { ...names, streaming };
      }
    }
    return names === op.names ? op : { ...op, names };
  });
}

/** The candidates the client module can take; the last one (numbered by the table if taken) when none can. */
function freeOrLast(candidates: readonly string[], free: (name: string) => boolean): string[] {
  const usable = candidates.filter(free);
  return usable.length > 0 ? usable : [`${candidates[candidates.length - 1]!}_`];
}

/** An operation that answers with JSON or with events, chosen by a boolean `stream` in its body. */
export function streamsOnFlag(op: IrOperation, lookup: SchemaLookup): boolean {
  if (op.response.stream === undefined || op.response.contentType !== 'application/json' || op.body === undefined) return false;
  const hasFlag = (schema: IrSchema | undefined, depth: number): boolean => {
    const resolved = followRefs(schema, lookup);
    if (resolved === undefined || depth > 10) return false;
    if (resolved.kind === 'allOf') return resolved.parts.some((part) => hasFlag(part, depth + 1));
    return resolved.kind === 'object' && resolved.properties.some((p) => p.name === 'stream');
  };
  return hasFlag(op.body.schema, 0);
}

/** Which named schemas each side of the wire reaches, through refs. */
function schemaUsage(
  operations: readonly IrOperation[],
  byKey: ReadonlyMap<string, IrSchema>,
): { request: Set<string>; response: Set<string> } {
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
    response: reach(
      operations.flatMap((op) => [
        ...(op.response.schema ? [op.response.schema] : []),
        ...(op.response.stream?.schema ? [op.response.stream.schema] : []),
        ...(op.response.items ? [op.response.items.schema] : []),
        ...(op.errorSchema ? [op.errorSchema] : []),
      ]),
    ),
  };
}

/**
 * The named-schema keys a schema refers to directly (not through other named schemas), one entry
 * a `$ref`; with `mappings`, a discriminator's mapping targets too.
 */
export function refsOf(schema: IrSchema, mappings = true): string[] {
  const found: string[] = [];
  collectRefs(schema, mappings, found);
  return found;
}

/** refsOf into `found`, in its order (one array for the whole walk: a large spec's IR is walked often). */
function collectRefs(schema: IrSchema, mappings: boolean, found: string[]): void {
  switch (schema.kind) {
    case 'ref':
      found.push(schema.target);
      return;
    case 'object':
      for (const property of schema.properties) collectRefs(property.schema, mappings, found);
      if (typeof schema.additionalProperties === 'object') collectRefs(schema.additionalProperties, mappings, found);
      if (schema.propertyNames) collectRefs(schema.propertyNames, mappings, found);
      return;
    case 'array':
      for (const item of schema.prefixItems ?? []) collectRefs(item, mappings, found);
      collectRefs(schema.items, mappings, found);
      return;
    case 'union':
      for (const variant of schema.variants) collectRefs(variant, mappings, found);
      if (mappings) for (const entry of schema.discriminator?.mapping ?? []) found.push(entry.target);
      if (schema.unevaluatedProperties) collectRefs(schema.unevaluatedProperties, mappings, found);
      return;
    case 'allOf':
      for (const part of schema.parts) collectRefs(part, mappings, found);
      if (schema.unevaluatedProperties) collectRefs(schema.unevaluatedProperties, mappings, found);
      return;
    case 'not':
      collectRefs(schema.schema, mappings, found);
      return;
    default:
      return;
  }
}

function referencedKeys(operations: readonly IrOperation[], schemas: readonly IrSchema[]): Set<string> {
  const keys = new Set<string>();
  const all = [
    ...schemas,
    ...operations.flatMap((op) => [
      ...(op.body ? [op.body.schema] : []),
      ...(op.response.schema ? [op.response.schema] : []),
      ...(op.response.items ? [op.response.items.schema] : []),
      ...op.parameters.map((p) => p.schema),
    ]),
  ];
  for (const schema of all) for (const key of refsOf(schema)) keys.add(key);
  return keys;
}

/** `A: { $ref: B }`, `B: { $ref: A }` names no type at all: report each such cycle once. */
function refOnlyCycles(
  drafts: readonly { key: string; pointer: string; schema: IrSchema }[],
  locate: ValidatedSpec['locate'],
): Diagnostic[] {
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

/** The type name a schema's `x-sdk-name` gives it, if it has one. */
function sdkName(raw: unknown): string | undefined {
  return isRecord(raw) && typeof raw['x-sdk-name'] === 'string' ? toTypeName(raw['x-sdk-name']) : undefined;
}

/**
 * Each problem once: a schema inlined at many places (a `$ref` into another schema's properties)
 * reports the same problem from each, which says nothing more (one Azure spec gave 68,000 copies).
 */
function distinct(problems: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.severity} ${problem.code} ${problem.at.file} ${problem.at.pointer} ${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
