// The naming module: every identifier in the generated code is made here, legal, unique and
// stable. Emitters never invent names. A clash becomes a diagnostic naming both sources.
import { defaultHint } from '../diagnostics/codes.js';
import type { Diagnostic, SourceLocation } from '../diagnostics/diagnostic.js';
import { Identifier } from './ir.js';

/** Words that cannot name a binding or a type in strict-mode ES modules or TypeScript. */
const RESERVED = new Set([
  'arguments',
  'await',
  'break',
  'case',
  'catch',
  'class',
  'const',
  'continue',
  'debugger',
  'default',
  'delete',
  'do',
  'else',
  'enum',
  'eval',
  'export',
  'extends',
  'false',
  'finally',
  'for',
  'function',
  'if',
  'implements',
  'import',
  'in',
  'instanceof',
  'interface',
  'let',
  'new',
  'null',
  'package',
  'private',
  'protected',
  'public',
  'return',
  'static',
  'super',
  'switch',
  'this',
  'throw',
  'true',
  'try',
  'typeof',
  'var',
  'void',
  'while',
  'with',
  'yield',
  // type-level names that would shadow built-ins in emitted declarations
  'any',
  'boolean',
  'never',
  'number',
  'object',
  'string',
  'symbol',
  'undefined',
  'unknown',
  'bigint',
]);

/**
 * Names the generated package itself declares, imports or uses as globals in the modules that
 * also hold spec types and validator objects (types.ts, validators.ts, requests.ts, client.ts,
 * index.ts): a spec type must not shadow them. `Response` and `Error` are not here: no such
 * module refers to those globals by bare name (client.ts writes `globalThis.Response`), so a
 * spec's `Error` or `Response` schema keeps its name.
 */
const TAKEN_TYPE_NAMES = new Set([
  'Array',
  'Boolean',
  'Date',
  'Function',
  'Map',
  'Number',
  'Object',
  'Promise',
  'Record',
  'RegExp',
  'Set',
  'String',
  'Symbol',
  'Partial',
  'Required',
  'Readonly',
  'Pick',
  'Omit',
  'JSON',
  'ReadonlyArray',
  'ReadonlySet',
  'Blob',
  'ArrayBuffer',
  'ArrayBufferView',
  'ReadableStream',
  'Uint8Array',
  'APIPromise',
  'ClientCore',
  'ClientOptions',
  'RequestOptions',
  'RequestDescription',
  'QueryEntry',
  'ValidationError',
  'ValidationIssue',
  'StandardSchemaV1',
  'APIError',
  'SDKError',
  'PagePromise',
  'Stream',
  'globalThis',
  'Uploadable',
  'FetchOptions',
  'FetchRequestInit',
  'ItemStream',
  'EventItem',
  // re-exported by validators.ts
  'ValidationMode',
  'Validator',
]);

/**
 * The names validators.ts imports by name or as a namespace (`rt`, `types`): the runtime's
 * validation helpers (templates/runtime/standard-schema.ts exports, kept in step by
 * test/unit/names.test.ts). A parameter group's `validateX` is claimed in this scope, so none
 * can take one of them.
 */
export const VALIDATORS_MODULE_NAMES: ReadonlySet<string> = new Set([
  'rt',
  'types',
  'StandardSchemaV1',
  'ValidationMode',
  'ValidationIssue',
  'Asserts',
  'Check',
  'Expected',
  'Guard',
  'Validator',
  'Issues',
  'Validate',
  'CLOSED_KEYS',
  'CLOSED_VALUES',
  'MAX_DEPTH',
  'NO_ISSUES',
  'closestKey',
  'codePoints',
  'duplicateItems',
  'editDistance',
  'expected',
  'fail',
  'found',
  'foundLiteral',
  'isObject',
  'jsonEqual',
  'missing',
  'modeFlags',
  'nest',
  'nestIssues',
  'nestRequired',
  'optBoolean',
  'optConst',
  'optInteger',
  'optNumber',
  'optString',
  'prefixIssues',
  'quote',
  'reqBoolean',
  'reqConst',
  'reqInteger',
  'reqNumber',
  'reqString',
  'required',
  'requiredUnlisted',
  'runCheck',
  'tooDeep',
  'unionIssues',
  'unknownKey',
  'unknownKeyMessage',
  'unknownKeys',
  'unlisted',
  'validatorOfCheck',
  'schemaOf',
  'reqIntegerIn',
  'optIntegerIn',
  'reqNumberIn',
  'optNumberIn',
  'reqStringIn',
  'optStringIn',
  'reqEnum',
  'optEnum',
  // the module's own constant
  'vendor',
]);

/**
 * Names the package root (`src/index.ts`) exports besides the spec's types, the client's classes
 * and the operation functions, and names `src/client.ts` imports: a resource class, page type or
 * streaming-params type (all declared in client.ts and exported from the root) must not take
 * them. The root exports `export type * from './types.js'` too, where an explicit export would
 * silently win: schema types already avoid these names (TAKEN_TYPE_NAMES, `guard`) or, for the
 * runtime's newer names below, are never shadowed because those are not exported by name.
 */
export const ROOT_EXPORTS: ReadonlySet<string> = new Set([
  'default',
  'APIPromise',
  'PagePromise',
  'Pagination',
  'Stream',
  'ServerSentEvent',
  'ClientOptions',
  'RequestOptions',
  'ResponseValidation',
  'SDKError',
  'APIError',
  'APIConnectionError',
  'APIConnectionTimeoutError',
  'APIUserAbortError',
  'AuthenticationError',
  'BadRequestError',
  'ConflictError',
  'InternalServerError',
  'InvalidResponseBodyError',
  'NotFoundError',
  'PermissionDeniedError',
  'RateLimitError',
  'ResponseTooLargeError',
  'UnprocessableEntityError',
  'ValidationError',
  'ValidationIssue',
  'FetchOptions',
  'FetchRequestInit',
  'QueryExtra',
  'RequestDescription',
  'toFile',
  'ToFileInput',
  'ToFileOptions',
  'Uploadable',
  'toRequestInit',
  'ItemStream',
  'EventItem',
  // imported by client.ts
  'ClientCore',
  'ClientIdentity',
  'IDENTITY',
  'Page',
]);

/** Whether a class or type declared in client.ts (and exported from the root) may take this name. */
export function isFreeInClientModule(name: string): boolean {
  return !RESERVED.has(name) && !TAKEN_TYPE_NAMES.has(name) && !ROOT_EXPORTS.has(name);
}

/** `Note` -> `Notes`, `Batch` -> `Batches`, `Policy` -> `Policies`: the last word, as English plurals it. */
export function plural(name: string): string {
  if (/(sis|xis)$/.test(name)) return `${name.slice(0, -2)}es`; // `Analysis` -> `Analyses`, `Axis` -> `Axes`
  if (/(ss|us|is|as|x|z|ch|sh)$/.test(name)) return `${name}es`;
  if (/s$/.test(name)) return name; // `Details`
  if (/[^aeiouAEIOU]y$/.test(name)) return `${name.slice(0, -1)}ies`;
  return `${name}s`;
}

/**
 * Class names for resources, best first, in the order of `paths`: the last segment alone
 * (`Sessions`) where no other resource ends in the same name, else as many parents as it takes to
 * tell them apart (`ChatkitSessions`, `RealtimeSessions`); then the longer forms and
 * `<Path>Resource`, for a class that has to give way to a type. Depends only on the set of paths.
 */
export function resourceClassCandidates(paths: readonly (readonly string[])[]): string[][] {
  const suffix = (path: readonly string[], length: number) =>
    path
      .slice(-length)
      .map((segment) => toTypeName(segment).replace(/_$/, ''))
      .join('');
  const byName = new Map<string, number>();
  for (const path of paths)
    for (let length = 1; length <= path.length; length++)
      byName.set(`${length}:${suffix(path, length)}`, (byName.get(`${length}:${suffix(path, length)}`) ?? 0) + 1);
  return paths.map((path) => {
    // the shortest suffix no other resource shares (the whole path when none is unique)
    let length = 1;
    while (length < path.length && (byName.get(`${length}:${suffix(path, length)}`) ?? 0) > 1) length++;
    const names: string[] = [];
    for (let n = length; n <= path.length; n++) names.push(suffix(path, n));
    names.push(`${suffix(path, path.length)}Resource`, `${suffix(path, path.length)}Methods`);
    return names.filter((name, index) => names.indexOf(name) === index && /^[A-Za-z_$]/.test(name));
  });
}

/**
 * Members of every resource class (`client`, the ClientCore it calls) and of the client class
 * (ClientCore's public members): a sub-resource or a method named from the spec must not shadow
 * them, so they are reserved in those scopes.
 */
export const RESOURCE_CLASS_MEMBERS: ReadonlySet<string> = new Set(['client', 'constructor', 'prototype']);
export const CLIENT_CLASS_MEMBERS: ReadonlySet<string> = new Set([
  'baseURL',
  'timeout',
  'maxRetries',
  'request',
  'withOptions',
  'constructor',
  'prototype',
]);

/** Letters that have no decomposition into a base letter and a mark, written as ASCII. */
const ASCII_SPELLING: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'Th',
  ı: 'i',
};

/**
 * Names are ASCII (Identifier.PATTERN). A spec's letters outside ASCII are spelt in ASCII where
 * they have a spelling: `créer` -> `creer`, `Größe` -> `Grosse` (marks dropped, ß as ss),
 * full-width `ｌｉｓｔ` -> `list`. Letters of other scripts have none; lostLetters
 * says when a name loses some, so that the model can warn.
 */
export function asciiSpelling(raw: string): string {
  if (/^[\u0000-\u007f]*$/.test(raw)) return raw;
  return raw
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßẞæÆœŒøØłŁđĐðÐþÞı]/g, (letter) => ASCII_SPELLING[letter]!);
}

/** The letters and digits of `raw` that a name made from it cannot keep (no ASCII spelling), in order. */
export function lostLetters(raw: string): string {
  return [...raw.normalize('NFC')]
    .filter((char) => [...asciiSpelling(char)].some((spelt) => /[\p{L}\p{N}]/u.test(spelt) && !/[A-Za-z0-9]/.test(spelt)))
    .join('');
}

/** Splits any text into words: `chat_session.status` -> [chat, session, status]; `ChatKitWorkflow` keeps its humps. */
export function splitWords(raw: string): string[] {
  return asciiSpelling(raw)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Keeps a legal identifier's existing casing when it is already PascalCase (`ChatKitWorkflow`). */
export function toTypeName(raw: string): string {
  const words = asciiSpelling(raw)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const name = words.map(capitalize).join('') || 'Unnamed';
  return guard(name, true);
}

/** `create-chat_kit session` -> `createChatKitSession`; an already camelCase name is kept. */
export function toMemberName(raw: string): string {
  return guard(camelCase(raw), false);
}

/**
 * A class member or object property name (`client.files.delete`): reserved words are legal
 * there, but `constructor` and `prototype` would change what the class means.
 */
export function toPropertyName(raw: string): string {
  const name = camelCase(raw);
  if (/^[0-9]/.test(name)) return `_${name}`;
  return name === 'constructor' || name === 'prototype' ? `${name}_` : name;
}

function camelCase(raw: string): string {
  const [first = 'unnamed', ...rest] = asciiSpelling(raw)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return lowerFirstWord(first) + rest.map(capitalize).join('');
}

/**
 * `CreateContainer` -> `createContainer`; a leading acronym is lowered whole, as a person writes
 * it: `POST` -> `post`, `URLShortener` -> `urlShortener`, `IPAddress` -> `ipAddress`.
 */
function lowerFirstWord(word: string): string {
  const acronym = /^[A-Z0-9]+(?=[A-Z][a-z]|$)/.exec(word)?.[0] ?? '';
  if (acronym.length > 1) return acronym.toLowerCase() + word.slice(acronym.length);
  return word.charAt(0).toLowerCase() + word.slice(1);
}

/** Whether a type or class name is a reserved word or one the generated package already uses. */
export function isReservedName(name: string): boolean {
  return RESERVED.has(name) || TAKEN_TYPE_NAMES.has(name);
}

function guard(name: string, isType: boolean): string {
  if (/^[0-9]/.test(name)) return `_${name}`;
  if (RESERVED.has(name) || (isType && TAKEN_TYPE_NAMES.has(name))) return `${name}_`;
  return name;
}

/**
 * Claims names within one scope. A clash does not stop generation: the later claimant gets
 * the first free numbered name (`Foo2`), and a warning names both places so the user can pick
 * a better one. Claims happen in a sorted order, so the numbering is stable run to run.
 */
export class NameTable {
  readonly #owners = new Map<string, { pointer: string; what: string }>();

  constructor(
    private readonly locate: (pointer: string) => SourceLocation,
    /** Names the generated code already uses in this scope. */
    private readonly reserved: ReadonlySet<string> = new Set(),
    /** How to pick a better name, for the warning. */
    private readonly hint: string = defaultHint('model/name-collision'),
  ) {}

  has(name: string): boolean {
    return this.#owners.has(name) || this.reserved.has(name);
  }

  /**
   * Claims the first free name of `candidates` (readable alternatives, best first) without a
   * warning: `CreateContainerInput` taken by a schema makes the builder input
   * `CreateContainerRequestInput`. Only when every candidate is taken does the first one get a
   * number, with the usual warning.
   */
  claimFirst(candidates: readonly string[], pointer: string, what: string): { readonly id: Identifier; readonly warning?: Diagnostic } {
    const free = candidates.find((name) => !this.has(name));
    return this.claim(free ?? candidates[0]!, pointer, what);
  }

  claim(name: string, pointer: string, what: string): { readonly id: Identifier; readonly warning?: Diagnostic } {
    if (!this.#owners.has(name) && !this.reserved.has(name)) {
      this.#owners.set(name, { pointer, what });
      return { id: new Identifier(name) };
    }
    let n = 2;
    while (this.#owners.has(`${name}${n}`) || this.reserved.has(`${name}${n}`)) n++;
    const unique = `${name}${n}`;
    this.#owners.set(unique, { pointer, what });
    const owner = this.#owners.get(name);
    return {
      id: new Identifier(unique),
      warning: {
        code: 'model/name-collision',
        severity: 'warning',
        message: owner
          ? `${capitalize(what)} and ${owner.what} both become the name \`${name}\`; the second is named \`${unique}\`.`
          : `${capitalize(what)} would be named \`${name}\`, which the generated code already uses; it is named \`${unique}\`.`,
        hint: this.hint,
        at: this.locate(pointer),
        ...(owner ? { related: [{ message: `\`${name}\` first claimed here`, at: this.locate(owner.pointer) }] } : {}),
      },
    };
  }
}

/**
 * The client's resource tree, named once before any method is: each resource's property on its
 * parent, and the names its class already uses (its members and its sub-resources), which its
 * methods must not take. A sub-resource and a method never share a property, and no spec name
 * shadows a class member (`/oauth/client` is `client.oauth.client_`, with a warning).
 */
export class ResourceNames {
  readonly #properties = new Map<string, string>(); // raw resource path (joined by "\n") -> property
  readonly #children = new Map<string, Set<string>>(); // property path (joined by ".") -> child properties
  readonly warnings: Diagnostic[] = [];
  readonly #rootMembers: ReadonlySet<string>;

  constructor(
    resources: readonly { readonly resource: readonly string[]; readonly pointer: string }[],
    locate: (pointer: string) => SourceLocation,
  ) {
    const tables = new Map<string, NameTable>();
    // with methods of its own, the client class has a `client` member too (what they call)
    const hasRootMethods = resources.some(({ resource }) => resource.length === 0);
    const rootMembers = hasRootMethods ? new Set([...CLIENT_CLASS_MEMBERS, 'client']) : CLIENT_CLASS_MEMBERS;
    this.#rootMembers = rootMembers;
    for (const { resource, pointer } of [...resources].sort((a, b) => (a.resource.join('\n') < b.resource.join('\n') ? -1 : 1))) {
      const path: string[] = [];
      resource.forEach((segment, depth) => {
        const rawKey = resource.slice(0, depth + 1).join('\n');
        const parentKey = path.join('.');
        let property = this.#properties.get(rawKey);
        if (property === undefined) {
          const wanted = toPropertyName(segment);
          const siblings = this.#children.get(parentKey) ?? new Set<string>();
          if (siblings.has(wanted))
            property = wanted; // `user-profile` and `user_profile`: one resource
          else {
            if (!tables.has(parentKey))
              tables.set(
                parentKey,
                new NameTable(
                  locate,
                  depth === 0 ? rootMembers : RESOURCE_CLASS_MEMBERS,
                  'Give the operation an `x-sdk-resource` extension that names the resource differently.',
                ),
              );
            const table = tables.get(parentKey)!;
            const what = `the resource \`${[...path, wanted].join('.')}\``;
            const { id, warning } = table.has(wanted)
              ? table.claimFirst([`${wanted}_`, wanted], pointer, what)
              : table.claim(wanted, pointer, what);
            property = id.text;
            if (property !== wanted) {
              this.warnings.push(
                warning ?? {
                  code: 'model/name-collision',
                  severity: 'warning',
                  message: `${capitalize(what)} would be named \`${wanted}\`, which ${depth === 0 ? 'the client' : 'its parent resource'} class already uses; it is named \`${property}\`.`,
                  hint: 'Give the operation an `x-sdk-resource` extension that names the resource differently.',
                  at: locate(pointer),
                },
              );
            }
          }
          this.#properties.set(rawKey, property);
          this.#children.set(parentKey, siblings.add(property));
        }
        path.push(property);
      });
    }
  }

  /** The properties from the client down to the resource (`['chatkit', 'sessions']`). */
  propertiesOf(resource: readonly string[]): string[] {
    return resource.map((_, depth) => this.#properties.get(resource.slice(0, depth + 1).join('\n'))!);
  }

  /** Names a method of this resource (or, for `[]`, of the client) must not take. */
  takenIn(properties: readonly string[]): Set<string> {
    return new Set([
      ...(properties.length === 0 ? this.#rootMembers : RESOURCE_CLASS_MEMBERS),
      ...(this.#children.get(properties.join('.')) ?? []),
    ]);
  }
}

/**
 * The type names the request shape of a schema that differs by readOnly/writeOnly may take,
 * best first (generator/model/directions.ts): `PetParam`, openai-node's suffix for request-side
 * types; `PetRequestParam` when the spec has a `PetParam` of its own.
 */
export function requestShapeCandidates(responseName: string): string[] {
  return [`${responseName}Param`, `${responseName}RequestParam`];
}

/**
 * validators.ts's internal names, made here by rules that keep them apart from every claimed
 * name: the module's exports are PascalCase type names (which hold no `_` but a trailing one)
 * and `validate` plus one (claimed in VALIDATORS_MODULE_NAMES' scope), and the
 * runtime names it imports are camelCase; these start with `check_`, are an upper-case kind
 * and `_<hash>`, or are a one-letter local and a number inside a function.
 */
export const VALIDATOR_INTERNAL_NAMES = {
  /** `check_ChatSession`: the check function of a named schema or parameter group type. */
  check: (typeName: string): Identifier => new Identifier(`check_${typeName}`),
  /** `check_ChatSession_2`: a check hoisted out of the one for `owner` (a union variant). */
  hoisted: (owner: string, n: number): Identifier => new Identifier(`check_${owner}_${n}`),
  /** `check_shape_0k3x9q`: an inline shape that occurs more than once, checked by one function; `hash` is its contentHash. */
  sharedShape: (hash: string): Identifier => new Identifier(`check_shape_${hash}`),
  /** `KEYS_1v8m2a`: a module constant (a key list, a regex, a path); `hash` is its value's contentHash. */
  constant: (kind: string, hash: string): Identifier => new Identifier(`${kind}_${hash}`),
  /** `v12`: a local of a check function. */
  local: (prefix: 'v' | 'k' | 'i' | 'o' | 'r' | 'n', n: number): Identifier => new Identifier(`${prefix}${n}`),
} as const;
