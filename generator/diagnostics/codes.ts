// Every diagnostic code sdkgen can report, with the hint shown when a stage has no better one.
// Codes are stable `stage/kebab-name` strings; tests assert them and the README lists them.

export const DIAGNOSTIC_CODES = {
  'load/read-failed': 'Check that the file exists and is readable.',
  'load/yaml-syntax': 'Fix the YAML syntax at this position; a YAML linter shows the exact rule.',
  'load/duplicate-key': 'Remove or rename one of the two keys; YAML maps must have unique keys.',
  'load/not-an-object': 'An OpenAPI document is a YAML or JSON mapping with an `openapi` key at the top.',
  'load/url-ref': 'Download the file and ref it relatively (`$ref: ./schemas/pet.yaml`); sdkgen never uses the network while generating.',
  'load/too-deep': 'Flatten the nesting: move deeply nested schemas into `components/schemas` and point at them with `$ref`.',
  'load/alias-cycle': 'Write the value out, or use a `$ref` to a component schema for a recursive structure.',
  'load/invalid-utf8': 'Save the file as UTF-8 (an editor\'s "save with encoding", or `iconv -f latin1 -t utf-8`).',
  'load/invalid-overlay':
    'An overlay is `overlay: 1.0.0`, `info: { title, version }` and a list of `actions`, each `{ target: <JSONPath>, update: <value> }` or `{ target: <JSONPath>, remove: true }` (see the README).',
  'load/overlay-no-match': 'Check the target against the spec (a renamed path, operationId or tag?); the other actions still apply.',
  'validate/unsupported-version': 'sdkgen reads OpenAPI 3.0.x, 3.1.x and 3.2.x; set `openapi: 3.2.0`.',
  'validate/schema': 'Compare this part of the spec with the OpenAPI specification for this object.',
  'validate/duplicate-operation-id': 'Give each operation a unique operationId.',
  'validate/duplicate-parameter': 'Remove one of them: a parameter is identified by its name and location.',
  'validate/path-parameter-mismatch':
    'Declare each `{name}` of the path as an `in: path` parameter with `required: true`, and nothing else.',
  'validate/equivalent-paths': 'Give both templates the same parameter names and merge the two path items into one.',
  'validate/undefined-security-scheme': 'Declare the scheme under `components/securitySchemes`, or fix the name in the requirement.',
  'validate/additional-operation-fixed-method':
    "Move the operation to the path item's own field for that method (`post:`, `query:`, ...): `additionalOperations` holds only the other methods (OAS 3.2, Path Item Object).",
  'validate/unknown-parent-tag': 'Declare the parent tag in the root `tags` list, or fix its name in `parent`.',
  'validate/tag-parent-cycle': "Break the cycle: a tag's `parent` chain must end at a tag without a parent.",
  'validate/unsupported-media-type': 'sdkgen supports application/json request and response bodies here.',
  'validate/unsupported-keyword':
    'Leave the keyword out, or describe the parts with `encoding` by property name, which sdkgen reads; see "OpenAPI 3.2" in the README.',
  'model/unresolved-ref': 'Point the $ref at an existing `#/components/...` entry (check the spelling and the casing).',
  'model/external-ref':
    'Put the referenced object in `components` (of this file or of a file it refs) and point the $ref there; an overlay can ref a component that the spec itself brings in.',
  'model/ref-cycle': 'A $ref chain that only points at other $refs never reaches a schema; point one of them at a real schema.',
  'model/name-collision': 'Rename one of the schemas, or give one an `x-sdk-name`.',
  'model/unsupported-construct': 'Remove the keyword or rewrite the schema with supported keywords (see the README).',
  'model/unchecked-construct':
    'The client is generated without this check (a wider type, a skipped validation); rewrite the schema with supported keywords to have it checked (see the README).',
  'model/invalid-extension': 'See the README for the accepted form of sdkgen `x-sdk-*` extensions.',
  'model/legacy-form': 'Write the OpenAPI 3.1 form (JSON Schema 2020-12), or declare `openapi: 3.0.x` if the spec is 3.0.',
  'model/query-in-path-key':
    'Move the query string out of the path key into `in: query` parameters (a `const` or `enum` of one value for a fixed one).',
  'model/fragment-in-path-key': 'A fragment never reaches the server; give each operation its own path, or an `x-sdk-method` to name it.',
  'model/invalid-header':
    "A header name is an HTTP token (letters, digits and !#$%&'*+-.^_`|~), and a fixed value holds no CR, LF, NUL or character above U+00FF (RFC 9110 §5.1, §5.5): fetch refuses any other, on every call.",
  'model/slow-pattern': 'Rewrite the pattern so that no part of a string can be matched in more than one way (see the README on patterns).',
  'model/unpaginated-list':
    'Declare how its pages link up with `x-sdk-pagination` on the operation (in the spec, an overlay or the config file; see "Pagination" in the README), `style: single` for a list that always fits in one page, or `x-sdk-pagination: false` to keep the plain response without the warning.',
  'model/unsendable-method':
    'The operation is left out of the client: fetch refuses CONNECT, TRACE and TRACK and any method that is not an HTTP token, and the client sends methods in upper case. Remove the operation with an overlay to silence this, or write the method name in upper case.',
  'model/querystring-conflict':
    'An operation takes either one `in: querystring` parameter or `in: query` parameters, never both (OAS 3.2, Parameter Object): keep one.',
  'model/unsupported-item-stream':
    'sdkgen streams the items of `text/event-stream`, `application/jsonl` (or `application/x-ndjson`) and `application/json-seq` bodies with an `itemSchema` (or `x-sdk-item-schema`); see "Streams (OpenAPI 3.2 itemSchema)" in the README.',
  'model/non-ascii-name':
    'Give the operation ASCII names: `x-sdk-method` (and `x-sdk-resource`) on the operation, or an ASCII operationId, in the spec, an overlay or the config file.',
  'model/unsent-credentials':
    'Send the credential as the scheme asks through `defaultHeaders` or `defaultQuery` (the message shows how); the client sends its key as `Authorization: Bearer <apiKey>`.',
  'model/contradicting-enum':
    'Remove the values the API does not use, or the keyword that contradicts them, so that every tool reads the schema alike.',
  'model/overlapping-one-of': 'Use `anyOf` when branches may overlap; sdkgen treats this `oneOf` as `anyOf`.',
  'emit/template-error': 'Fix the template; the README lists each template and the data it receives (`--templates`).',
  'emit/unsupported-construct': 'This construct cannot be emitted yet; see the README for the supported subset.',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export function defaultHint(code: DiagnosticCode): string {
  return DIAGNOSTIC_CODES[code];
}
