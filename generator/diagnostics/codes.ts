// Every diagnostic code sdkgen can report, with the hint shown when a stage has no better one.
// Codes are stable `stage/kebab-name` strings; tests assert them and the README lists them.

export const DIAGNOSTIC_CODES = {
  'load/read-failed': 'Check that the file exists and is readable.',
  'load/yaml-syntax': 'Fix the YAML syntax at this position; a YAML linter shows the exact rule.',
  'load/duplicate-key': 'Remove or rename one of the two keys; YAML maps must have unique keys.',
  'load/not-an-object': 'An OpenAPI document is a YAML or JSON mapping with an `openapi` key at the top.',
  'validate/unsupported-version': 'sdkgen reads OpenAPI 3.0.x and 3.1.x; set `openapi: 3.1.0`.',
  'validate/schema': 'Compare this part of the spec with the OpenAPI specification for this object.',
  'validate/duplicate-operation-id': 'Give each operation a unique operationId.',
  'validate/missing-operation-id': 'Add an operationId: it names the request builder and the type names of the operation.',
  'validate/duplicate-parameter': 'Remove one of them: a parameter is identified by its name and location.',
  'validate/path-parameter-mismatch': 'Declare each `{name}` of the path as an `in: path` parameter with `required: true`, and nothing else.',
  'validate/unsupported-media-type': 'sdkgen supports application/json request and response bodies here.',
  'model/unresolved-ref': 'Point the $ref at an existing `#/components/...` entry (check the spelling and the casing).',
  'model/external-ref': 'Inline the referenced document, or copy the schema into `components/schemas`.',
  'model/ref-cycle': 'A $ref chain that only points at other $refs never reaches a schema; point one of them at a real schema.',
  'model/name-collision': 'Rename one of the schemas, or give one an `x-sdk-name`.',
  'model/unsupported-construct': 'Remove the keyword or rewrite the schema with supported keywords (see the README).',
  'model/invalid-extension': 'See the README for the accepted form of sdkgen `x-sdk-*` extensions.',
  'model/legacy-form': 'Write the OpenAPI 3.1 form (JSON Schema 2020-12), or declare `openapi: 3.0.x` if the spec is 3.0.',
  'model/overlapping-one-of': 'Use `anyOf` when branches may overlap; sdkgen treats this `oneOf` as `anyOf`.',
  'emit/template-error': 'Fix the template; the README lists each template and the data it receives (`--templates`).',
  'emit/unsupported-construct': 'This construct cannot be emitted yet; see the README for the supported subset.',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export function defaultHint(code: DiagnosticCode): string {
  return DIAGNOSTIC_CODES[code];
}
