// Rule: in an OpenAPI 3.1 or 3.2 document, every JSON Schema keyword holds the kind of value
// JSON Schema 2020-12 gives it. The OpenAPI schema of those versions checks only that a schema is
// an object or a boolean (3.0's checks each keyword), so `required: true`, `maximum: ten` or
// `enum: foo` went through, and sdkgen left the constraint out without a word. Such a value is an
// error, located, with the fix; on a keyword only the docs show (`description`, `examples`...) it
// is a warning. `type`'s names, `pattern`'s syntax and the forms of OpenAPI 3.0 (`nullable`,
// a boolean `exclusiveMinimum`) are the model's to report, as before.
import { defaultHint } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { isRecord } from '../../load/json-node.js';
import type { LoadedSpec } from '../../load/load-spec.js';
import { pointerOfPath, type PointerPath } from '../../load/pointer.js';

/** What a keyword's value must be. */
type Kind =
  | 'schema'
  | 'schemaMap'
  | 'schemaList'
  | 'count'
  | 'number'
  | 'bound'
  | 'positive'
  | 'string'
  | 'boolean'
  | 'names'
  | 'list'
  | 'types'
  | 'dependentRequired';

/** Each keyword's kind, by kind. */
const BY_KIND: Readonly<Record<Kind, readonly string[]>> = {
  schema: [
    'additionalProperties',
    'propertyNames',
    'items',
    'contains',
    'not',
    'if',
    'then',
    'else',
    'unevaluatedItems',
    'unevaluatedProperties',
    'contentSchema',
  ],
  schemaMap: ['properties', 'patternProperties', '$defs', 'dependentSchemas'],
  schemaList: ['allOf', 'anyOf', 'oneOf', 'prefixItems'],
  count: ['maxLength', 'minLength', 'maxItems', 'minItems', 'maxContains', 'minContains', 'maxProperties', 'minProperties'],
  number: ['maximum', 'minimum'],
  bound: ['exclusiveMaximum', 'exclusiveMinimum'],
  positive: ['multipleOf'],
  string: [
    'pattern',
    'format',
    'contentEncoding',
    'contentMediaType',
    '$ref',
    '$id',
    '$anchor',
    '$dynamicRef',
    '$dynamicAnchor',
    '$schema',
    'title',
    'description',
    '$comment',
  ],
  boolean: ['uniqueItems', 'readOnly', 'writeOnly', 'deprecated'],
  names: ['required'],
  list: ['enum', 'examples'],
  types: ['type'],
  dependentRequired: ['dependentRequired'],
};

const KEYWORDS: ReadonlyMap<string, Kind> = new Map(
  (Object.entries(BY_KIND) as [Kind, readonly string[]][]).flatMap(([kind, keywords]) =>
    keywords.map((keyword) => [keyword, kind] as const),
  ),
);

/** Keywords only the docs show: a malformed value is a warning. */
const DOCS_ONLY: ReadonlySet<string> = new Set(['title', 'description', '$comment', 'examples', 'deprecated']);

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'query'] as const;

const at = (parent: PointerPath | undefined, key: string): PointerPath => ({ parent, key });

export function checkSchemaKeywords(spec: LoadedSpec): Diagnostic[] {
  const root = spec.root;
  if (!isRecord(root) || typeof root['openapi'] !== 'string' || !/^3\.[12]\./.test(root['openapi'])) return [];
  // a document that declares another dialect gives its keywords other meanings
  if (typeof root['jsonSchemaDialect'] === 'string' && !isDefaultDialect(root['jsonSchemaDialect'])) return [];
  const problems: Diagnostic[] = [];
  const report: Report = (path, keyword, message, hint, severity = DOCS_ONLY.has(keyword) ? 'warning' : 'error') =>
    problems.push({
      code: 'validate/schema',
      severity,
      message,
      hint,
      at: spec.locate(pointerOfPath(path)),
    });
  walkDocument(root, (schema, path) => {
    if (!isRecord(schema) || CLEAN.has(schema)) return;
    const before = problems.length;
    checkSchema(schema, path, report);
    if (problems.length === before) CLEAN.add(schema);
  });
  return problems;
}

/**
 * Schemas found without a problem, inside and out. A watch session's later loads share every
 * value an edit left as it was (load-spec's LoadCache), so their schemas are not walked again; an
 * edited schema is a new value.
 */
const CLEAN = new WeakSet<object>();

function isDefaultDialect(uri: string): boolean {
  return /json-schema\.org\/draft\/2020-12\/schema|spec\.openapis\.org\/oas\/3\.[12]\/dialect/.test(uri);
}

type Report = (path: PointerPath, keyword: string, message: string, hint: string, severity?: 'error' | 'warning') => void;

/** Checks the keywords of a schema in place of a schema, then the schemas inside it. */
function checkSchema(schema: unknown, path: PointerPath, report: Report): void {
  if (!isRecord(schema)) return; // a boolean schema, or a non-schema its parent reports
  if (typeof schema['$schema'] === 'string' && !isDefaultDialect(schema['$schema'])) return;
  for (const keyword in schema) {
    const kind = KEYWORDS.get(keyword);
    if (kind === undefined) {
      // draft 7's `definitions`, which refs into published 3.1 specs use as `$defs`
      const definitions = schema[keyword];
      if (keyword === 'definitions' && isRecord(definitions))
        for (const name of Object.keys(definitions)) checkSchema(definitions[name], at(at(path, keyword), name), report);
      continue;
    }
    const value = schema[keyword];
    // a keyword's place is made only for a problem or a schema inside it
    switch (kind) {
      case 'schema':
        if (isSchema(value)) checkSchema(value, at(path, keyword), report);
        else
          report(
            at(path, keyword),
            keyword,
            `\`${keyword}\` must be a schema (an object, or true or false); found ${shown(value)}.`,
            schemaHint(keyword, value),
          );
        break;
      case 'schemaMap': {
        if (!isRecord(value)) {
          report(
            at(path, keyword),
            keyword,
            `\`${keyword}\` must map names to schemas; found ${shown(value)}.`,
            `Write \`${keyword}\` as a mapping: \`${keyword}: { name: { type: string } }\`.`,
          );
          break;
        }
        const place = at(path, keyword);
        for (const name of Object.keys(value)) {
          const child = value[name];
          const childPlace = at(place, name);
          if (isSchema(child)) checkSchema(child, childPlace, report);
          else
            report(
              childPlace,
              keyword,
              `\`${keyword}\` maps \`${name}\` to ${shown(child)}, which is not a schema (an object, or true or false).`,
              keyword === 'properties'
                ? `Describe \`${name}\` with a schema: \`${name}: { type: string }\`.`
                : 'Write a schema (an object, or true or false) there.',
            );
        }
        break;
      }
      case 'schemaList': {
        if (!Array.isArray(value) || value.length === 0) {
          report(
            at(path, keyword),
            keyword,
            `\`${keyword}\` must be a list of one or more schemas; found ${shown(value)}.`,
            Array.isArray(value)
              ? `List the schemas it allows, or remove the empty \`${keyword}\`.`
              : `Put the schema in a list: \`${keyword}: [ ... ]\`.`,
          );
          break;
        }
        const place = at(path, keyword);
        value.forEach((item, index) => {
          const itemPlace = at(place, String(index));
          if (isSchema(item)) checkSchema(item, itemPlace, report);
          else
            report(
              itemPlace,
              keyword,
              `Item ${index} of \`${keyword}\` is ${shown(item)}, not a schema (an object, or true or false).`,
              'Write a schema (an object, or true or false) there.',
            );
        });
        break;
      }
      case 'bound': {
        // true or false is OpenAPI 3.0's form: beside its bound, the model reports it with its 3.1
        // equivalent; alone, it bounds nothing in either version
        const bound = keyword === 'exclusiveMinimum' ? 'minimum' : 'maximum';
        if (typeof value === 'boolean') {
          if (!(bound in schema))
            report(
              at(path, keyword),
              keyword,
              `\`${keyword}: ${value}\` has no \`${bound}\` beside it, so it bounds nothing.`,
              `In OpenAPI 3.1 the bound goes in \`${keyword}\` itself (\`${keyword}: 0\`, say); true or false is OpenAPI 3.0's form, beside \`${bound}\`.`,
              'warning',
            );
        } else leafCheck('number', value, at(path, keyword), keyword, report);
        break;
      }
      case 'names':
        checkNames(value, at(path, keyword), keyword, report);
        break;
      default:
        leafCheck(kind, value, at(path, keyword), keyword, report);
    }
  }
}

/** What a keyword of a kind takes a plain value to be, and how the fix is worded. */
interface Leaf {
  fits(value: unknown): boolean;
  /** After "`keyword` must ". */
  expected(keyword: string): string;
  hint(keyword: string, value: unknown): string;
}

const LEAVES: Readonly<Record<'count' | 'number' | 'positive' | 'string' | 'boolean' | 'list' | 'types' | 'dependentRequired', Leaf>> = {
  count: {
    fits: (value) => Number.isInteger(value) && (value as number) >= 0,
    expected: () => 'be a whole number, 0 or more',
    hint: (keyword, value) => numberHint(keyword, value, 'count'),
  },
  number: { fits: isNumber, expected: () => 'be a number', hint: (keyword, value) => numberHint(keyword, value, 'number') },
  positive: {
    fits: (value) => isNumber(value) && value > 0,
    expected: () => 'be a number greater than 0',
    hint: (keyword, value) => numberHint(keyword, value, 'positive'),
  },
  string: {
    fits: (value) => typeof value === 'string',
    expected: () => 'be a string',
    hint: (keyword, value) => `Quote the value: \`${keyword}: '${quotable(value)}'\`.`,
  },
  boolean: {
    fits: (value) => typeof value === 'boolean',
    expected: () => 'be true or false',
    hint: (keyword) => `Write \`${keyword}: true\` or \`${keyword}: false\`, without quotes.`,
  },
  list: {
    fits: Array.isArray,
    expected: (keyword) => `be a list${keyword === 'enum' ? ' of the allowed values' : ''}`,
    hint: (keyword) =>
      keyword === 'examples'
        ? 'Write the examples as a list (`examples: [ ... ]`), or use `example` for one.'
        : `Write the values as a list: \`${keyword}: [ ... ]\`.`,
  },
  // the names themselves are the model's to check (it names the types it knows)
  types: {
    fits: (value) =>
      typeof value === 'string' || (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')),
    expected: () => "be a type's name or a list of them",
    hint: (_keyword, value) =>
      isRecord(value)
        ? 'A mapping here reads like the schema of a property named `type`: move it under `properties`.'
        : 'Write `type: string`, or a list such as `type: [string, "null"]`.',
  },
  dependentRequired: {
    fits: (value) =>
      isRecord(value) && Object.values(value).every((names) => Array.isArray(names) && names.every((name) => typeof name === 'string')),
    expected: () => 'map each property name to a list of property names',
    hint: (keyword) => `Write it as \`${keyword}: { card: [billing_address] }\`.`,
  },
};

function leafCheck(kind: keyof typeof LEAVES, value: unknown, place: PointerPath, keyword: string, report: Report): void {
  const leaf = LEAVES[kind];
  if (!leaf.fits(value))
    report(place, keyword, `\`${keyword}\` must ${leaf.expected(keyword)}; found ${shown(value)}.`, leaf.hint(keyword, value));
}

/** `required` lists property names: `required: true` on a property is the usual mistake. */
function checkNames(value: unknown, place: PointerPath, keyword: string, report: Report): void {
  if (typeof value === 'boolean') {
    report(
      place,
      keyword,
      `\`required\` must be a list of property names; found ${value}.`,
      'Name the required properties in the list of the object that holds them (`required: [id, name]`, beside `properties`); `required: true` is how a parameter says it, not a schema.',
    );
    return;
  }
  if (!Array.isArray(value)) {
    report(
      place,
      keyword,
      `\`required\` must be a list of property names; found ${shown(value)}.`,
      'Write the names as a list: `required: [id, name]`.',
    );
    return;
  }
  value.forEach((name, index) => {
    if (typeof name !== 'string')
      report(
        at(place, String(index)),
        keyword,
        `\`required\` lists property names; item ${index} is ${shown(name)}.`,
        `Quote the name: \`'${quotable(name)}'\`.`,
      );
  });
}

function isSchema(value: unknown): boolean {
  return typeof value === 'boolean' || isRecord(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function schemaHint(keyword: string, value: unknown): string {
  if (keyword === 'items' && Array.isArray(value))
    return 'In OpenAPI 3.1 `items` is the one schema of every item; list the schemas of a tuple, item by item, in `prefixItems`.';
  if (keyword === 'additionalProperties')
    return 'Write a schema (`additionalProperties: { type: string }`), or `true` or `false` without quotes.';
  return defaultHint('validate/schema');
}

function numberHint(keyword: string, value: unknown, kind: 'count' | 'number' | 'positive'): string {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  const fits = kind === 'count' ? Number.isInteger(number) && number >= 0 : kind === 'positive' ? number > 0 : Number.isFinite(number);
  if (fits) return `Write the number without quotes: \`${keyword}: ${number}\`.`;
  if (kind === 'count') return `Write a whole number, 0 or more, without quotes (\`${keyword}: 1\`, say).`;
  if (kind === 'positive') return `Write a number greater than 0, without quotes (\`${keyword}: 0.01\`, say).`;
  return `Write a number, without quotes (\`${keyword}: 100\`, say).`;
}

/** A value as a hint quotes it back, inside single quotes. */
function quotable(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const cut = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return cut.replaceAll("'", "''");
}

/** How a message names a value it found: its kind, and a short one itself. */
function shown(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  return 'a mapping';
}

/**
 * Visits every schema in place of a schema in the document: component schemas, and the `schema`
 * (and 3.2's `itemSchema`) of parameters, headers and media types, wherever they are. A Reference
 * Object is not followed: what it names is visited where it is defined.
 */
function walkDocument(root: Record<string, unknown>, visit: (schema: unknown, path: PointerPath) => void): void {
  const each = (map: unknown, path: PointerPath, fn: (value: unknown, path: PointerPath) => void) => {
    if (isRecord(map)) for (const key of Object.keys(map)) fn(map[key], at(path, key));
  };
  const list = (items: unknown, path: PointerPath, fn: (value: unknown, path: PointerPath) => void) => {
    if (Array.isArray(items)) items.forEach((item, index) => fn(item, at(path, String(index))));
  };
  const isRef = (node: unknown): node is Record<string, unknown> => isRecord(node) && '$ref' in node;
  const schemaOf = (node: Record<string, unknown>, path: PointerPath) => {
    if ('schema' in node) visit(node['schema'], at(path, 'schema'));
  };
  const mediaType = (node: unknown, path: PointerPath) => {
    if (!isRecord(node) || isRef(node)) return;
    schemaOf(node, path);
    if ('itemSchema' in node) visit(node['itemSchema'], at(path, 'itemSchema'));
    each(node['encoding'], at(path, 'encoding'), (encoding, encodingPath) => {
      if (isRecord(encoding)) each(encoding['headers'], at(encodingPath, 'headers'), header);
    });
  };
  const content = (node: Record<string, unknown>, path: PointerPath) => each(node['content'], at(path, 'content'), mediaType);
  // a parameter and a header hold a schema or content alike
  const parameter = (node: unknown, path: PointerPath) => {
    if (!isRecord(node) || isRef(node)) return;
    schemaOf(node, path);
    content(node, path);
  };
  const header = parameter;
  const requestBody = (node: unknown, path: PointerPath) => {
    if (isRecord(node) && !isRef(node)) content(node, path);
  };
  const response = (node: unknown, path: PointerPath) => {
    if (!isRecord(node) || isRef(node)) return;
    each(node['headers'], at(path, 'headers'), header);
    content(node, path);
  };
  const callback = (node: unknown, path: PointerPath) => {
    if (isRecord(node) && !isRef(node)) each(node, path, pathItem);
  };
  const operation = (node: unknown, path: PointerPath) => {
    if (!isRecord(node)) return;
    list(node['parameters'], at(path, 'parameters'), parameter);
    requestBody(node['requestBody'], at(path, 'requestBody'));
    each(node['responses'], at(path, 'responses'), response);
    each(node['callbacks'], at(path, 'callbacks'), callback);
  };
  function pathItem(node: unknown, path: PointerPath): void {
    if (!isRecord(node)) return;
    list(node['parameters'], at(path, 'parameters'), parameter);
    for (const method of METHODS) if (method in node) operation(node[method], at(path, method));
    each(node['additionalOperations'], at(path, 'additionalOperations'), operation);
  }
  each(root['paths'], at(undefined, 'paths'), pathItem);
  each(root['webhooks'], at(undefined, 'webhooks'), pathItem);
  const components = root['components'];
  if (!isRecord(components)) return;
  const base = at(undefined, 'components');
  each(components['schemas'], at(base, 'schemas'), visit);
  each(components['parameters'], at(base, 'parameters'), parameter);
  each(components['headers'], at(base, 'headers'), header);
  each(components['requestBodies'], at(base, 'requestBodies'), requestBody);
  each(components['responses'], at(base, 'responses'), response);
  each(components['callbacks'], at(base, 'callbacks'), callback);
  each(components['pathItems'], at(base, 'pathItems'), pathItem);
  each(components['mediaTypes'], at(base, 'mediaTypes'), mediaType);
}
