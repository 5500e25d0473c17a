// Which OpenAPI object sits where, so that a `$ref` is followed only where OpenAPI allows one
// (an example value or an `x-` extension that happens to hold a `$ref` key is data, not a
// reference) and so that a referenced file knows what it holds: a schema, a parameter, a path
// item... The shapes are OpenAPI 3.0/3.1's, with JSON Schema 2020-12's subschema keywords and
// 3.2's additions (`query`, `additionalOperations`, `components/mediaTypes`, `itemSchema`).

/** The objects a `$ref` may stand for, and the containers that hold them. */
export type NodeKind =
  | 'document'
  | 'components'
  | 'pathMap'
  | 'pathItem'
  | 'operation'
  | 'parameter'
  | 'parameterList'
  | 'parameterMap'
  | 'header'
  | 'headerMap'
  | 'requestBody'
  | 'requestBodyMap'
  | 'response'
  | 'responseMap'
  | 'contentMap'
  | 'mediaType'
  | 'mediaTypeMap'
  | 'operationMap'
  | 'encoding'
  | 'encodingMap'
  | 'example'
  | 'exampleMap'
  | 'link'
  | 'linkMap'
  | 'callback'
  | 'callbackMap'
  | 'securityScheme'
  | 'securitySchemeMap'
  | 'schema'
  | 'schemaMap'
  | 'schemaList';

interface Shape {
  /** The kind of every value of a map, or every item of a list. */
  readonly each?: NodeKind;
  /** The kind of the value under each of these keys. */
  readonly keys?: Readonly<Record<string, NodeKind>>;
  readonly isList?: boolean;
}

const OPERATION_KEYS = Object.fromEntries(
  ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'query'].map((method) => [method, 'operation' as const]),
);
const PARAMETER_KEYS = { schema: 'schema', content: 'contentMap', examples: 'exampleMap' } as const;
const SUBSCHEMA_KEYS = Object.fromEntries([
  ...[
    'additionalProperties',
    'items',
    'additionalItems',
    'not',
    'if',
    'then',
    'else',
    'contains',
    'propertyNames',
    'unevaluatedProperties',
    'unevaluatedItems',
    'contentSchema',
  ].map((key) => [key, 'schema' as const]),
  ...['properties', 'patternProperties', 'dependentSchemas', '$defs', 'definitions'].map((key) => [key, 'schemaMap' as const]),
  ...['allOf', 'anyOf', 'oneOf', 'prefixItems'].map((key) => [key, 'schemaList' as const]),
]);

export const SHAPES: Readonly<Record<NodeKind, Shape>> = {
  document: { keys: { paths: 'pathMap', webhooks: 'pathMap', components: 'components' } },
  components: {
    keys: {
      schemas: 'schemaMap',
      parameters: 'parameterMap',
      responses: 'responseMap',
      requestBodies: 'requestBodyMap',
      headers: 'headerMap',
      examples: 'exampleMap',
      links: 'linkMap',
      callbacks: 'callbackMap',
      securitySchemes: 'securitySchemeMap',
      pathItems: 'pathMap',
      mediaTypes: 'mediaTypeMap',
    },
  },
  pathMap: { each: 'pathItem' },
  pathItem: { keys: { ...OPERATION_KEYS, additionalOperations: 'operationMap', parameters: 'parameterList' } },
  operationMap: { each: 'operation' },
  operation: { keys: { parameters: 'parameterList', requestBody: 'requestBody', responses: 'responseMap', callbacks: 'callbackMap' } },
  parameter: { keys: PARAMETER_KEYS },
  parameterList: { each: 'parameter', isList: true },
  parameterMap: { each: 'parameter' },
  header: { keys: PARAMETER_KEYS },
  headerMap: { each: 'header' },
  requestBody: { keys: { content: 'contentMap' } },
  requestBodyMap: { each: 'requestBody' },
  response: { keys: { headers: 'headerMap', content: 'contentMap', links: 'linkMap' } },
  responseMap: { each: 'response' },
  contentMap: { each: 'mediaType' },
  mediaType: {
    keys: {
      schema: 'schema',
      itemSchema: 'schema',
      'x-sdk-item-schema': 'schema',
      examples: 'exampleMap',
      encoding: 'encodingMap',
      itemEncoding: 'encoding',
    },
  },
  mediaTypeMap: { each: 'mediaType' },
  encoding: { keys: { headers: 'headerMap' } },
  encodingMap: { each: 'encoding' },
  example: {},
  exampleMap: { each: 'example' },
  link: {},
  linkMap: { each: 'link' },
  callback: { each: 'pathItem' },
  callbackMap: { each: 'callback' },
  securityScheme: {},
  securitySchemeMap: { each: 'securityScheme' },
  schema: { keys: SUBSCHEMA_KEYS },
  schemaMap: { each: 'schema' },
  schemaList: { each: 'schema', isList: true },
};

/**
 * Where a referenced object of each kind is put in the bundled document
 * (`components/<section>/<name>`); a path item is copied in place instead, because OpenAPI 3.0
 * has no `components/pathItems` and a `paths` entry is read where it stands.
 */
export const COMPONENT_SECTION: Partial<Record<NodeKind, string>> = {
  schema: 'schemas',
  parameter: 'parameters',
  header: 'headers',
  requestBody: 'requestBodies',
  response: 'responses',
  example: 'examples',
  link: 'links',
  callback: 'callbacks',
  securityScheme: 'securitySchemes',
  mediaType: 'mediaTypes',
};

/** The kinds a `{ $ref }` object may stand in for. */
export const REFERENCEABLE: ReadonlySet<NodeKind> = new Set([
  'pathItem',
  'parameter',
  'header',
  'requestBody',
  'response',
  'example',
  'link',
  'callback',
  'securityScheme',
  'schema',
  'mediaType',
]);

/** The kind of a component section's entries: `components/parameters/X` is a parameter. */
export function sectionEntryKind(section: string): NodeKind | undefined {
  const container = SHAPES.components.keys?.[section];
  return container === undefined ? undefined : SHAPES[container].each;
}
