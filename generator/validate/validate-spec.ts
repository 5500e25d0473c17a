// Checks the loaded document against the OpenAPI 3.0/3.1/3.2 schema (the schemas of
// @seriousme/openapi-schema-validator, precompiled in openapi-schemas/; the library itself words
// the errors of a spec that fails) and then sdkgen's own rules. Collects every problem, then
// throws one SpecError; warnings are returned for the caller to print.
import type { Validator } from '@seriousme/openapi-schema-validator';
import type { ErrorObject } from 'ajv';
import { defaultHint } from '../diagnostics/codes.js';
import { SpecError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { closestMatch } from '../diagnostics/suggest.js';
import type { LoadedSpec } from '../load/load-spec.js';
import { childPointer, decodePointer } from '../load/pointer.js';
import { checkOperationIds } from './rules/unique-operation-ids.js';
import { checkPathParameters } from './rules/path-parameters.js';
import { checkEquivalentPaths } from './rules/equivalent-paths.js';
import { checkSecuritySchemes } from './rules/security-schemes.js';
import { checkComponentNames } from './rules/component-names.js';
import { checkAdditionalOperations } from './rules/additional-operations.js';
import { checkUnsupportedKeywords } from './rules/unsupported-keywords.js';
import { checkTagParents } from './rules/tag-parents.js';
import { checkSchemaKeywords } from './rules/schema-keywords.js';

/** The OpenAPI minor versions sdkgen reads; 3.2 keeps 3.1's JSON Schema dialect. */
export type OpenApiVersion = '3.0' | '3.1' | '3.2';

export interface ValidatedSpec extends LoadedSpec {
  readonly version: OpenApiVersion;
  readonly warnings: readonly Diagnostic[];
}

/** Keys each OpenAPI object may hold, for "did you mean" hints on unknown keys. */
const KNOWN_KEYS = [
  'openapi',
  'info',
  'servers',
  'paths',
  'components',
  'security',
  'tags',
  'externalDocs',
  'webhooks',
  'jsonSchemaDialect',
  'title',
  'version',
  'description',
  'summary',
  'termsOfService',
  'contact',
  'license',
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
  'query',
  'additionalOperations',
  'parameters',
  'operationId',
  'requestBody',
  'responses',
  'callbacks',
  'deprecated',
  'name',
  'in',
  'required',
  'schema',
  'content',
  'style',
  'explode',
  'example',
  'examples',
  'headers',
  'schemas',
  'securitySchemes',
  'links',
  'requestBodies',
  'pathItems',
  'type',
  'scheme',
  'bearerFormat',
  'url',
  'variables',
  'default',
  'enum',
  'allowEmptyValue',
  'allowReserved',
  'encoding',
  'flows',
  'openIdConnectUrl',
  'value',
  'externalValue',
  '$self',
  'mediaTypes',
  'dataValue',
  'serializedValue',
  'parent',
  'kind',
  'defaultMapping',
  'itemSchema',
];

export async function validateSpec(spec: LoadedSpec): Promise<ValidatedSpec> {
  const root = spec.root as Record<string, unknown>;
  const version = openApiVersion(spec, root);
  const problems: Diagnostic[] = [];
  const own = ownRules(spec);
  const schemaErrors = (await schemaVerdict(version))(root) ? [] : await everySchemaError(root);
  if (schemaErrors.length > 0) {
    // where one of sdkgen's rules says what is wrong, the meta-schema's vaguer error at that node (or its map) goes
    const explained = new Set(
      own.filter((p) => p.severity === 'error').flatMap((p) => [p.at.pointer, p.at.pointer.slice(0, p.at.pointer.lastIndexOf('/'))]),
    );
    problems.push(
      ...simplifyErrors(schemaErrors)
        .filter((error) => !isForeignPattern(error))
        .map((error) => schemaErrorToDiagnostic(spec, error))
        .filter((d) => !(d.code === 'validate/schema' && explained.has(d.at.pointer))),
    );
  }
  problems.push(...own);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new SpecError(problems);
  return { ...spec, version, warnings: problems };
}

/**
 * validateSpec in two steps, for a pipeline that works on while the slow step waits: `checked`
 * is what validateSpec returns for a valid spec (the version and sdkgen's rules, which are
 * quick), and `confirm` runs the OpenAPI schema check. Whenever either finds an error, it
 * throws exactly what validateSpec throws.
 */
export async function validateLater(
  spec: LoadedSpec,
): Promise<{ readonly checked: ValidatedSpec; readonly confirm: () => Promise<readonly Diagnostic[]> }> {
  const root = spec.root as Record<string, unknown>;
  const version = openApiVersion(spec, root);
  const problems = ownRules(spec);
  if (problems.some((p) => p.severity === 'error')) await validateSpec(spec); // throws them, with the schema's
  let verdict: Promise<readonly Diagnostic[]> | undefined;
  // once, however often it is asked; resolves to the schema check's warnings (a malformed
  // documentation link), which `checked` could not hold yet
  const confirm = () =>
    (verdict ??= (async () => {
      if ((await schemaVerdict(version))(root)) return [];
      const { warnings } = await validateSpec(spec); // throws, with every error
      return warnings.filter((warning) => warning.code === 'validate/schema'); // the rules' own are in `checked`
    })());
  return { checked: { ...spec, version, warnings: problems }, confirm };
}

/** sdkgen's own rules (validate/rules/, one file each): what the OpenAPI schema cannot express. */
function ownRules(spec: LoadedSpec): Diagnostic[] {
  return [
    ...checkOperationIds(spec),
    ...checkPathParameters(spec),
    ...checkEquivalentPaths(spec),
    ...checkSecuritySchemes(spec),
    ...checkComponentNames(spec),
    ...checkAdditionalOperations(spec),
    ...checkUnsupportedKeywords(spec),
    ...checkTagParents(spec),
    ...checkSchemaKeywords(spec),
  ];
}

/** Each version's precompiled meta-schema check (openapi-schemas/compile.ts), loaded on first use. */
const VERDICTS: Record<OpenApiVersion, () => Promise<{ validate: (document: unknown) => boolean }>> = {
  '3.0': () => import('./openapi-schemas/schema-3-0.js'),
  '3.1': () => import('./openapi-schemas/schema-3-1.js'),
  '3.2': () => import('./openapi-schemas/schema-3-2.js'),
};

/**
 * Whether the document passes the OpenAPI meta-schema of its version: the same schema and ajv
 * options as the validator library's, compiled ahead of time, so a valid spec pays neither the
 * compile nor the library's reference walk (a full copy of the document: sdkgen's model resolves
 * and reports every $ref itself).
 */
async function schemaVerdict(version: OpenApiVersion): Promise<(document: unknown) => boolean> {
  return (await VERDICTS[version]()).validate;
}

let everyError: Validator | undefined;

/**
 * Every meta-schema error of a document that failed the verdict, from the validator library
 * itself (its compile is paid only by a spec that fails). A failed reference walk is not among
 * them: the library reports it as text, and the model reports each unresolved $ref with its place.
 */
async function everySchemaError(root: Record<string, unknown>): Promise<ErrorObject[]> {
  // loaded here: a valid spec never needs the library (nor ajv, which it compiles with)
  everyError ??= new (await import('@seriousme/openapi-schema-validator')).Validator({ allErrors: true, strict: false });
  const result = await everyError.validate(root);
  return result.valid || typeof result.errors === 'string' ? [] : (result.errors ?? []);
}

function openApiVersion(spec: LoadedSpec, root: Record<string, unknown>): OpenApiVersion {
  const declared = root['openapi'] ?? root['swagger'];
  const text = typeof declared === 'string' ? declared : String(declared ?? '');
  if (/^3\.0\.\d+$/.test(text)) return '3.0';
  if (/^3\.1\.\d+$/.test(text)) return '3.1';
  if (/^3\.2\.\d+$/.test(text)) return '3.2';
  const pointer = 'openapi' in root ? '/openapi' : 'swagger' in root ? '/swagger' : '';
  throw new SpecError([
    {
      code: 'validate/unsupported-version',
      severity: 'error',
      message:
        declared === undefined
          ? 'The spec has no `openapi` version field.'
          : `OpenAPI version ${JSON.stringify(declared)} is not supported.`,
      hint:
        'swagger' in root
          ? 'This is a Swagger 2.0 document; convert it to OpenAPI 3 first (for example with swagger2openapi).'
          : defaultHint('validate/unsupported-version'),
      at: spec.locate(pointer),
    },
  ]);
}

/**
 * Ajv reports every failed branch of every `oneOf`/`if` in the OpenAPI meta-schema. Keep the
 * most specific errors: drop combinator summaries and branch failures when a deeper or
 * non-branch error explains the same place.
 */
function simplifyErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  // a failed alternative: a numbered branch, or the Reference Object every `X | Reference` tries
  // (ajv reports it from the definition, `#/definitions/Reference/required`)
  const isBranch = (error: ErrorObject) => /\/(oneOf|anyOf)\/\d+\/|^#\/(definitions|\$defs)\/[Rr]eference\//.test(error.schemaPath);
  const isSummary = (error: ErrorObject) => ['if', 'then', 'else', 'oneOf', 'anyOf', 'not', 'propertyNames'].includes(error.keyword);
  const under = (path: string, base: string) => path === base || path.startsWith(`${base}/`);
  const kept = errors.filter((error) => {
    if (isSummary(error))
      return !errors.some((other) => other !== error && !isSummary(other) && under(other.instancePath, error.instancePath));
    if (!isBranch(error)) return true;
    return !errors.some(
      (other) =>
        other !== error &&
        !isSummary(other) &&
        ((other.instancePath !== error.instancePath && under(other.instancePath, error.instancePath)) ||
          (other.instancePath === error.instancePath && !isBranch(other))),
    );
  });
  // A missing key makes `if` branches of the meta-schema pass vacuously (`if: { in: path }` with
  // no `in`), and their `then` demands look like more problems: the missing key explains them.
  const missingAt = new Set(
    kept.filter((e) => e.keyword === 'required' && !/\/(then|else)\//.test(e.schemaPath)).map((e) => e.instancePath),
  );
  const seen = new Set<string>();
  return kept.filter((error) => {
    if (/\/(then|else)\//.test(error.schemaPath) && missingAt.has(error.instancePath)) return false;
    const key = `${error.instancePath} ${error.keyword} ${JSON.stringify(error.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A malformed value that no request or response depends on: a warning, not an error, that says
 * why (undefined for any other error). Published specs have such values: two URLs joined by
 * ` | ` as the terms of service, a bare name as a contact's URL, an `operationRef` with an
 * unescaped path (`#/paths/a/{id}/get`).
 * - A link or address that only documentation shows (`info.termsOfService`, a contact's or
 *   licence's `url` and `email`, an `externalDocs.url`): the generated docs show it as written.
 * - A Link Object's `operationRef`: sdkgen does not follow links.
 */
function harmlessFormat(error: ErrorObject): string | undefined {
  // a schema's XML Object: sdkgen sends and reads JSON, so nothing in it is used
  if (/\/xml(\/|$)/.test(error.instancePath) && isInSchema(error.instancePath))
    return 'sdkgen sends and reads JSON, so it does not use `xml`; the client is generated without it.';
  if (error.keyword !== 'format') return undefined;
  if (/^\/info\/(termsOfService|contact\/(url|email)|license\/url)$|\/externalDocs\/url$/.test(error.instancePath))
    return 'Only the docs show it, so the client is generated; they show it as written.';
  if (/\/links\/[^/]+\/operationRef$/.test(error.instancePath))
    return 'sdkgen does not follow links, so the client is generated without it.';
  return undefined;
}

/**
 * A schema's `pattern` that is no ECMAScript regular expression (`\\A...\\Z`, `(?i)`): OpenAPI
 * 3.0's schema refuses it, 3.1's does not look. The model reports it in both, as a warning with
 * the engine's reason and the other dialect's construct, and generates the client without that
 * check, as it does for 3.1.
 */
function isForeignPattern(error: ErrorObject): boolean {
  return error.keyword === 'format' && (error.params as { format?: unknown }).format === 'regex' && error.instancePath.endsWith('/pattern');
}

/** Whether a pointer is inside a schema (under a `schema`, `itemSchema` or a component schema). */
function isInSchema(pointer: string): boolean {
  return /\/(schema|itemSchema)(\/|$)|^\/components\/schemas\//.test(pointer);
}

function schemaErrorToDiagnostic(spec: LoadedSpec, error: ErrorObject): Diagnostic {
  const params = error.params as Record<string, unknown>;
  const harmless = harmlessFormat(error);
  const diagnostic = (pointer: string, message: string, hint?: string): Diagnostic =>
    harmless !== undefined
      ? {
          code: 'validate/schema',
          severity: 'warning',
          message: `${message} ${harmless}`,
          hint: 'Correct the value (in the spec, or with an overlay) to silence this warning.',
          at: spec.locate(pointer),
        }
      : { code: 'validate/schema', severity: 'error', message, hint: hint ?? defaultHint('validate/schema'), at: spec.locate(pointer) };
  const where = error.instancePath === '' ? 'the document root' : `\`${error.instancePath}\``;
  if (typeof error.propertyName === 'string') {
    return diagnostic(
      childPointer(error.instancePath, error.propertyName),
      `The key \`${error.propertyName}\` in ${where} ${error.message ?? 'is not allowed'}.`,
      error.keyword !== 'pattern'
        ? undefined
        : error.instancePath.endsWith('/additionalOperations')
          ? "An `additionalOperations` key is an HTTP method name as sent: a token of letters, digits and !#$%&'*+-.^_`|~ (RFC 9110 §9.1)."
          : 'Use only letters, digits, `.`, `_` and `-` in component names (OAS 3.1 §4.8.7.1); give the type another name with `x-sdk-name` if needed.',
    );
  }
  // the 3.2 meta-schema's checks over a parameter list: a querystring beside query parameters, or two of them
  if (
    ['not', 'contains', 'maxContains'].includes(error.keyword) &&
    error.instancePath.endsWith('/parameters') &&
    hasQuerystring(spec.root, error.instancePath)
  ) {
    return {
      code: 'model/querystring-conflict',
      severity: 'error',
      message: `The parameters in ${where} hold an \`in: querystring\` parameter beside \`in: query\` parameters, or two \`in: querystring\` parameters.`,
      hint: defaultHint('model/querystring-conflict'),
      at: spec.locate(error.instancePath),
    };
  }
  switch (error.keyword) {
    case 'required':
      return diagnostic(
        error.instancePath,
        `Missing required key \`${String(params['missingProperty'])}\` in ${where}.`,
        `Add \`${String(params['missingProperty'])}\` here.`,
      );
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const key = String(params['additionalProperty'] ?? params['unevaluatedProperty']);
      const suggestion = key.startsWith('x-') ? undefined : closestMatch(key, KNOWN_KEYS);
      return diagnostic(
        childPointer(error.instancePath, key),
        `Unknown key \`${key}\` in ${where}.`,
        suggestion
          ? `Did you mean \`${suggestion}\`? Vendor extensions must start with \`x-\`.`
          : 'Remove it, or prefix it with `x-` to make it a vendor extension.',
      );
    }
    case 'enum':
      return diagnostic(
        error.instancePath,
        `${where} must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`,
      );
    case 'type':
      return diagnostic(error.instancePath, `${where} must be of type ${String(params['type']).split(',').join(' or ')}.`);
    case 'const':
      return diagnostic(
        error.instancePath,
        `${where} must be ${JSON.stringify(params['allowedValue'])}.`,
        error.instancePath.endsWith('/required')
          ? 'Path parameters are always required (OAS 3.1 §4.8.12.1): set `required: true`.'
          : undefined,
      );
    default:
      return diagnostic(error.instancePath, `${where} ${error.message ?? 'is invalid'}.`);
  }
}

/** Whether the list at `pointer` holds an `in: querystring` parameter (written in place). */
function hasQuerystring(root: unknown, pointer: string): boolean {
  let node: unknown = root;
  for (const segment of decodePointer(pointer))
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[segment] : undefined;
  return (
    Array.isArray(node) &&
    node.some((entry) => typeof entry === 'object' && entry !== null && (entry as Record<string, unknown>)['in'] === 'querystring')
  );
}
