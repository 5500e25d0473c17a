// The only contract between model/ and emit/. Everything is resolved and final: names are
// unique legal identifiers, $refs point at named schemas by name, and every node keeps the
// JSON pointer it came from (`source`), for diagnostics. Lists are sorted for determinism.

/** A checked JS identifier (the idea behind ajv's Name): it cannot hold anything but an identifier. */
export class Identifier {
  /** The shape of an identifier sdkgen emits: ASCII letters, digits, `_` and `$`, no leading digit. */
  static readonly PATTERN = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

  constructor(readonly text: string) {
    if (!Identifier.PATTERN.test(text)) throw new Error(`not an identifier: ${JSON.stringify(text)}`);
  }
  toString(): string {
    return this.text;
  }
}

export interface IrApi {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
  /** The spec file the API came from, as given (for the generated files' header line). */
  readonly specFile: string;
  readonly package: IrPackage;
  /** Sorted by path, then method. */
  readonly operations: readonly IrOperation[];
  /** Sorted by name. */
  readonly schemas: readonly IrNamedSchema[];
  /** The resource tree, sorted by name at every level. */
  readonly resources: readonly IrResource[];
  /**
   * Operations whose path has no literal segment (`GET /`, `POST /{code}`): methods of the client
   * class itself (`client.getAPI()`), sorted by method name.
   */
  readonly rootOperations: readonly IrOperation[];
}

export interface IrPackage {
  /** npm package name, e.g. "chatkit-client". */
  readonly name: string;
  /** `x-sdk.packageVersion` or the config's `packageVersion`, else `info.version` as a semver. */
  readonly version: string;
  /** package.json's one line: `info.summary`, or the first sentence of `info.description`, as plain text. */
  readonly description: string;
  readonly clientName: Identifier;
  /** The thin client the operation functions take (no resources), e.g. `BaseChatKitClient`. */
  readonly baseClientName: Identifier;
  readonly defaultBaseURL: string;
  /** Environment variable holding the API key, e.g. "OPENAI_API_KEY". */
  readonly apiKeyEnv: string;
  readonly baseURLEnv: string;
  /** `bearer` when the spec requires a security scheme (sent as a bearer token); `none` when it declares none. */
  readonly auth: 'bearer' | 'none' | IrApiKeyAuth;
  /** Where the root-relative links of the spec's prose (`[guide](/docs/guides/x)`) point in the package's docs. */
  readonly docLinks: IrDocLinks;
}

/** An `apiKey` security scheme the client sends its key by: in a header, the query or a cookie, under `name`. */
export interface IrApiKeyAuth {
  readonly in: 'header' | 'query' | 'cookie';
  readonly name: string;
}

/**
 * The hosts a root-relative link in spec prose can resolve against, all named by the spec
 * itself (generator/emit/doc-links.ts applies the rule; README "Docs in the editor" states it).
 */
export interface IrDocLinks {
  /** `info.x-sdk.docsBaseURL` (without a trailing `/`), else the origin of the spec's `externalDocs.url`: every root-relative link goes under it. */
  readonly base?: string;
  /** Absolute http(s) URLs the spec names in `info.description` and `servers`, in that order: a link `/a/…` takes the origin of the first whose path starts with `/a/`. */
  readonly named: readonly string[];
}

export interface IrResource {
  /** Property name on the parent (`chatkit`, `sessions`). */
  readonly property: Identifier;
  /** Class name (`Chatkit`, `ChatkitSessions`); unique across the package. */
  readonly className: Identifier;
  readonly children: readonly IrResource[];
  /** Operations whose method lives on this resource, sorted by method name. */
  readonly operations: readonly IrOperation[];
}

/** Every resource, a parent before its children, with its property path on the client (`['chatkit', 'sessions']`). */
export function resourcesInOrder(
  resources: readonly IrResource[],
  parents: readonly string[] = [],
): { readonly resource: IrResource; readonly path: readonly string[] }[] {
  return resources.flatMap((resource) => {
    const path = [...parents, resource.property.text];
    return [{ resource, path }, ...resourcesInOrder(resource.children, path)];
  });
}

/** Whether only requests send the schema (no response carries it): its checks are written for size, and validate in 'request' mode by default. */
export function isRequestOnly(named: IrNamedSchema): boolean {
  return named.usage.request && !named.usage.response;
}

/**
 * An operation's method in lower case, for naming and ordering: a fixed field of the path item
 * (`query` is OpenAPI 3.2's) or an OpenAPI 3.2 `additionalOperations` key lowercased (`copy`).
 */
export type IrHttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'head' | 'options' | 'trace' | 'query' | (string & {});

export interface IrOperation {
  readonly operationId: string;
  readonly names: {
    /** The pure request builder, e.g. `createChatKitSession`. */
    readonly builder: Identifier;
    /** The builder's input type, e.g. `CreateChatKitSessionInput`. */
    readonly input: Identifier;
    /** Resource path from the client, e.g. [`chatkit`, `sessions`]. */
    readonly resource: readonly Identifier[];
    /** Method on the resource, e.g. `create`. */
    readonly method: Identifier;
    /** The standalone operation function (resource path + method), e.g. `chatkitSessionsCreate`. */
    readonly function: Identifier;
    /** The named type of each non-empty parameter group, e.g. `CancelChatKitSessionPathParams`. */
    readonly pathParams?: Identifier;
    readonly queryParams?: Identifier;
    readonly headerParams?: Identifier;
    readonly cookieParams?: Identifier;
    /** The exported validator of each parameter group that has a type (`validateCancelChatKitSessionPathParams`). */
    readonly groupValidators: {
      readonly path?: Identifier;
      readonly query?: Identifier;
      readonly header?: Identifier;
      readonly cookie?: Identifier;
    };
    /**
     * Set when the caller passes two or more of body, query, headers and cookies: the client
     * method then takes them in one object of this type (`{ body, query, headers, cookies }`).
     */
    readonly params?: Identifier;
    /** A paginated operation's page type, named after its items as openai-node names them (`NotesPage`). */
    readonly page?: Identifier;
    /**
     * For an operation whose body's boolean `stream` chooses between events and JSON: the body
     * (or params) type with `stream: true` and without (`CreateChatCompletionRequestStreaming`,
     * `...NonStreaming`), so the overloads and their errors print short names.
     */
    readonly streaming?: { readonly streaming: Identifier; readonly nonStreaming: Identifier };
  };
  readonly httpMethod: IrHttpMethod;
  /** The method exactly as the request sends it: `GET`, `QUERY`, an `additionalOperations` key such as `COPY`. */
  readonly wireMethod: string;
  /** The path template as written in the spec, e.g. `/chatkit/sessions/{session_id}/cancel`. */
  readonly pathTemplate: string;
  /** Literal text and parameters, in order. */
  readonly path: readonly IrPathPart[];
  /** Parameters the caller passes, sorted by location then name (path ones in path order). */
  readonly parameters: readonly IrParameter[];
  /**
   * Query pairs written into the spec's path key (`/responses?beta=true`), sent on every call
   * before the caller's query parameters; the caller never passes them.
   */
  readonly fixedQuery: readonly { readonly name: string; readonly value: string }[];
  /** Headers with a constant value, sent on every call; the caller never passes them. */
  readonly fixedHeaders: readonly { readonly name: string; readonly value: string }[];
  readonly body?: IrRequestBody;
  /** The 2xx response the client returns. */
  readonly response: IrResponse;
  /** The schema of error responses (`default` or 4xx/5xx), when the spec gives one. */
  readonly errorSchema?: IrSchema;
  readonly summary?: string;
  readonly description?: string;
  readonly deprecated: boolean;
  /** An example request body from the spec, for JSDoc `@example`. */
  readonly exampleBody?: unknown;
  /** Set when the operation returns pages of a list (`x-sdk-pagination` or detected). */
  readonly pagination?: IrPagination;
  readonly source: string;
}

/**
 * How the client walks the pages of a list operation. `items` is a top-level array property of
 * the page; the other fields may be nested (`meta.next_token`).
 */
export type IrPagination = IrCursorPagination | IrPagePagination | IrOffsetPagination | IrNextURLPagination | IrSinglePagination;

/** A field of a page as the keys from the page down: `['meta', 'next_token']`. */
export type IrFieldPath = readonly string[];

interface IrPaginationBase {
  /** The page's array of items, e.g. `data`. */
  readonly items: string;
  /** The schema of one item (for the page type's item type). */
  readonly itemSchema: IrSchema;
  /** Whether the page always has the items array (else the item type reads through `NonNullable`). */
  readonly itemsRequired: boolean;
  /** Why the operation is paginated: written in `x-sdk-pagination`, or which shape was detected. */
  readonly origin: 'declared' | 'detected';
}

/**
 * A cursor the next request sends in `cursorParam`: read from `cursorField` (OpenAI's `last_id`,
 * AWS's `NextToken`), else the last item's `id`. With `hasMore`, that boolean field says whether
 * more pages follow; without it, a non-empty cursor field does.
 */
export interface IrCursorPagination extends IrPaginationBase {
  readonly style: 'cursor';
  readonly cursorParam: string;
  readonly cursorField?: IrFieldPath;
  readonly hasMore?: IrFieldPath;
}

/** Page numbers: the next page is the current one plus one, up to `totalPages` or an empty page. */
export interface IrPagePagination extends IrPaginationBase {
  readonly style: 'page';
  readonly pageParam: string;
  /** The page field with the number of the current page (default: the number asked for). */
  readonly pageField?: IrFieldPath;
  /** The page field with the number of pages. */
  readonly totalPages?: IrFieldPath;
  /** The number of the first page (default 1). */
  readonly firstPage: number;
}

/** Offsets: the next page starts after this page's items, up to `total` or an empty page. */
export interface IrOffsetPagination extends IrPaginationBase {
  readonly style: 'offset';
  readonly offsetParam: string;
  /** The page field with the number of items in the whole list. */
  readonly total?: IrFieldPath;
  /**
   * The offset parameter's `multipleOf` (a page size the API fixes, NYT's 20): a next offset
   * off that step means this page came up short, so it was the last.
   */
  readonly step?: number;
  /** The largest offset the parameter takes (its `maximum`): no page starts after it. */
  readonly maxOffset?: number;
}

/** The page carries the URL of the next page (Azure's `nextLink`), fetched as it is. */
export interface IrNextURLPagination extends IrPaginationBase {
  readonly style: 'next-url';
  readonly nextField: IrFieldPath;
}

/** One page holds the whole list (OpenAI's `{ object: 'list', data }` with no cursor). */
export interface IrSinglePagination extends IrPaginationBase {
  readonly style: 'single';
}

export type IrPathPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'param'; readonly name: string; readonly parameter: IrParameter };

export interface IrParameter {
  /** The wire name, e.g. `session_id` or `X-Request-Id`. */
  readonly name: string;
  /**
   * `querystring` (OpenAPI 3.2): the one parameter that is the whole query string, its value
   * serialised as `querystring` says; the caller passes it as `query`.
   */
  readonly in: 'path' | 'query' | 'querystring' | 'header' | 'cookie';
  /** A legal identifier for the parameter (positional argument names, locals). */
  readonly argument: Identifier;
  readonly required: boolean;
  readonly schema: IrSchema;
  /** Serialisation (OAS 3.1 §4.8.12.4): defaults are simple for path/header, form+explode for query. */
  readonly style: 'simple' | 'form' | 'label' | 'matrix' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject' | 'cookie';
  readonly explode: boolean;
  /**
   * For `in: querystring`: how the value becomes the query string, from the parameter's
   * `content` media type: `form` (`application/x-www-form-urlencoded`: `a=1&b=2`, as an
   * exploded form object) or `json` (the JSON text, percent-encoded).
   */
  readonly querystring?: 'form' | 'json';
  readonly description?: string;
  readonly deprecated: boolean;
  readonly example?: unknown;
  readonly source: string;
}

export interface IrRequestBody {
  /**
   * How the body is sent: JSON; web FormData (multipart); URLSearchParams (urlencoded); or as
   * given, for `binary` (Blob, ArrayBuffer, stream) and `text` bodies; `items`: a sequence of
   * JSON items (see `items`).
   */
  readonly contentType: 'application/json' | 'multipart/form-data' | 'application/x-www-form-urlencoded' | 'binary' | 'text' | 'items';
  /** The media type as the spec writes it (sent as Content-Type for binary and text bodies). */
  readonly mediaType: string;
  readonly schema: IrSchema;
  readonly required: boolean;
  readonly description?: string;
  /**
   * Set for a JSON Lines, NDJSON or json-seq body whose media type has an `itemSchema` (3.2) or
   * `x-sdk-item-schema`: the caller passes an array or an async iterable of items (`schema` then
   * describes one item), each validated before it is written.
   */
  readonly items?: IrItemFormat;
  readonly source: string;
}

/** How a sequence of items is framed on the wire. */
export type IrItemFormat = 'json-lines' | 'json-seq';

/**
 * A response whose items arrive one at a time (`itemSchema` in 3.2, `x-sdk-item-schema` before):
 * SSE events modelled as `{ event, data, id, retry }` objects, JSON Lines / NDJSON lines, or
 * json-seq records (RFC 7464). `schema` is one item, as the client yields it (an event's `data`
 * already decoded where the spec says it is JSON).
 */
export interface IrItemStream {
  readonly format: 'event-stream' | IrItemFormat;
  readonly mediaType: string;
  readonly schema: IrSchema;
  /**
   * For `event-stream`: which events' `data` is decoded from JSON. `true`: every event's;
   * a list: the events with these names (an event the spec does not list keeps its text).
   */
  readonly jsonData?: true | readonly string[];
  /** Where the item schema was written (`.../itemSchema` or `.../x-sdk-item-schema`). */
  readonly source: string;
}

export interface IrResponse {
  readonly status: number;
  /**
   * `none` for an empty 2xx body (e.g. 204); `binary` returns the Response unread (audio, files);
   * `text` returns the body as a string; `event-stream` only streams (see `stream`); `items`
   * streams validated items (see `items`).
   */
  readonly contentType: 'application/json' | 'none' | 'binary' | 'text' | 'event-stream' | 'items';
  readonly mediaType?: string;
  readonly schema?: IrSchema;
  /**
   * Set when the operation can answer with `text/event-stream`: the schema of one event's data.
   * With a JSON answer too, a boolean `stream` field of the body chooses between them.
   */
  readonly stream?: { readonly schema?: IrSchema };
  /** Set when the 2xx response is a stream of items with an item schema (see IrItemStream). */
  readonly items?: IrItemStream;
  readonly description?: string;
  /** OpenAPI 3.2's short `summary` of the response (JSDoc `@returns`). */
  readonly summary?: string;
  readonly source: string;
}

export interface IrNamedSchema {
  /** The key under `components/schemas`. */
  readonly key: string;
  /** The TypeScript type name, and the name of its validator in validators.ts (`X`, with `X.is`, `X.assert` and `X.validate`). */
  readonly name: Identifier;
  readonly schema: IrSchema;
  /**
   * Set on the request shape of a schema whose shape differs by direction (`PetParam` beside
   * `Pet`, generator/model/directions.ts): the key of the schema it is the request shape of.
   */
  readonly requestShapeOf?: string;
  /** Whether any operation sends this schema (used for request-side strictness and docs). */
  readonly usage: { readonly request: boolean; readonly response: boolean };
  readonly source: string;
}

/** Keywords every schema node may carry. */
export interface IrSchemaBase {
  readonly source: string;
  readonly title?: string;
  readonly description?: string;
  readonly deprecated?: boolean;
  readonly readOnly?: boolean;
  readonly writeOnly?: boolean;
  readonly default?: unknown;
  readonly examples?: readonly unknown[];
}

/**
 * A schema, one variant per construct. `nullable` (3.0) and `type: [T, "null"]` (3.1) both
 * become a `union` with a `null` member; a multi-type array becomes a union of single types.
 */
export type IrSchema =
  | IrRefSchema
  | IrObjectSchema
  | IrArraySchema
  | IrStringSchema
  | IrNumberSchema
  | IrBooleanSchema
  | IrNullSchema
  | IrEnumSchema
  | IrConstSchema
  | IrUnionSchema
  | IrAllOfSchema
  | IrUnknownSchema
  | IrNeverSchema
  | IrNotSchema;

/** A reference to a named schema (by `IrNamedSchema.key`). Recursion goes through refs only. */
export interface IrRefSchema extends IrSchemaBase {
  readonly kind: 'ref';
  readonly target: string;
}

export interface IrProperty {
  /** The JSON key, exactly as in the spec. */
  readonly name: string;
  readonly required: boolean;
  readonly schema: IrSchema;
}

export interface IrObjectSchema extends IrSchemaBase {
  readonly kind: 'object';
  /** In spec order (the order a person wrote them in, and the order of the emitted type). */
  readonly properties: readonly IrProperty[];
  /**
   * `false`: closed (unknown keys are errors). `true`: open, values unchecked (the default when the
   * spec says nothing). A schema: open, each extra value must match it.
   */
  readonly additionalProperties: boolean | IrSchema;
  /** Whether `additionalProperties` was written in the spec (false = defaulted to open). */
  readonly additionalPropertiesDeclared: boolean;
  readonly propertyNames?: IrSchema;
  /**
   * Properties of the other direction (generator/model/directions.ts): `readOnly` ones in a
   * request shape, `writeOnly` ones in a response shape. Types leave them out; validators keep
   * them in 'loose' mode and report them in 'request' and 'strict' mode.
   */
  readonly excluded?: readonly IrExcludedProperty[];
  readonly minProperties?: number;
  readonly maxProperties?: number;
}

/** A property a direction leaves out, and the keyword that says so. */
export interface IrExcludedProperty {
  readonly name: string;
  readonly keyword: 'readOnly' | 'writeOnly';
}

export interface IrArraySchema extends IrSchemaBase {
  readonly kind: 'array';
  /** `prefixItems`: the schema of each leading item, in order (a tuple); absent when not written. */
  readonly prefixItems?: readonly IrSchema[];
  /** Every item (after the `prefixItems` ones); `never` when no further item is allowed. */
  readonly items: IrSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
}

export interface IrStringSchema extends IrSchemaBase {
  readonly kind: 'string';
  readonly minLength?: number;
  readonly maxLength?: number;
  /** An ECMAScript regular expression source, tested with `patternFlags` (generator/model/compile-pattern.ts). */
  readonly pattern?: string;
  /** The flags `pattern` compiled with at generation time: 'u' unless only the non-unicode dialect reads it (absent: 'u'). */
  readonly patternFlags?: 'u' | '';
  /** For a pattern whose time grows faster than linearly: strings longer than this (`string.length`) are not tested against it. */
  readonly patternInputLimit?: number;
  readonly format?: string;
  /**
   * `contentMediaType: application/json` with `contentSchema`: the string holds JSON of this
   * schema. An annotation in JSON Schema 2020-12 (validators do not decode it), except for an SSE
   * item's `data`, which the client decodes (generator/model/item-streams.ts).
   */
  readonly contentSchema?: IrSchema;
}

export interface IrNumberSchema extends IrSchemaBase {
  readonly kind: 'number';
  readonly integer: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  /** 3.1 numeric form; 3.0's boolean form is converted to this. */
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
  readonly format?: string;
}

export interface IrBooleanSchema extends IrSchemaBase {
  readonly kind: 'boolean';
}

export interface IrNullSchema extends IrSchemaBase {
  readonly kind: 'null';
}

/** A JSON value written in the spec (`enum`, `const`); objects and arrays are compared deeply. */
export type IrLiteral = string | number | boolean | null | readonly IrLiteral[] | { readonly [key: string]: IrLiteral };

export interface IrEnumSchema extends IrSchemaBase {
  readonly kind: 'enum';
  readonly values: readonly IrLiteral[];
}

export interface IrConstSchema extends IrSchemaBase {
  readonly kind: 'const';
  readonly value: IrLiteral;
}

export interface IrUnionSchema extends IrSchemaBase {
  readonly kind: 'union';
  /** `oneOf`: exactly one variant matches. `anyOf`: at least one. */
  readonly mode: 'oneOf' | 'anyOf';
  readonly variants: readonly IrSchema[];
  readonly discriminator?: IrDiscriminator;
  readonly unevaluatedProperties?: IrUnevaluatedProperties;
}

/**
 * `unevaluatedProperties` beside a composition (JSON Schema 2020-12 §11.3): each key of an
 * object value that neither the schema's own properties nor a matching subschema (allOf part,
 * matching anyOf/oneOf variant, $ref target) evaluates must match it; `never` for `false`. Set
 * only where it adds a check (alone on an object it is that object's additionalProperties).
 */
export type IrUnevaluatedProperties = IrSchema;

export interface IrDiscriminator {
  readonly propertyName: string;
  /** Discriminator value -> named schema key, sorted by value. */
  readonly mapping: readonly { readonly value: string; readonly target: string }[];
  /**
   * OpenAPI 3.2 `defaultMapping`: the named schema key a value is checked against when its tag
   * is absent or maps to no schema (else such a value is reported on the tag).
   */
  readonly defaultTarget?: string;
}

export interface IrAllOfSchema extends IrSchemaBase {
  readonly kind: 'allOf';
  readonly parts: readonly IrSchema[];
  readonly unevaluatedProperties?: IrUnevaluatedProperties;
}

/** `{}` or `true`: any value. */
export interface IrUnknownSchema extends IrSchemaBase {
  readonly kind: 'unknown';
  /** As IrStringSchema's: `contentMediaType: application/json` + `contentSchema` without a `type`. */
  readonly contentSchema?: IrSchema;
}

/**
 * `not: <schema>` beside other keywords (e.g. `not: { required: [a, b] }`: "not both").
 * Types cannot say "not", so the type layer reads it as any value; validators enforce it.
 */
export interface IrNotSchema extends IrSchemaBase {
  readonly kind: 'not';
  readonly schema: IrSchema;
}

/** `false` or `not: {}`: no value. */
export interface IrNeverSchema extends IrSchemaBase {
  readonly kind: 'never';
}
