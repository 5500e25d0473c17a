// The naming module: every identifier in the generated code is made here, legal, unique and
// stable. Emitters never invent names. A clash becomes a diagnostic naming both sources.
import { defaultHint } from '../diagnostics/codes.js';
import type { Diagnostic, SourceLocation } from '../diagnostics/diagnostic.js';
import { Identifier } from './ir.js';

/** Words that cannot name a binding or a type in strict-mode ES modules or TypeScript. */
const RESERVED = new Set([
  'arguments', 'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default',
  'delete', 'do', 'else', 'enum', 'eval', 'export', 'extends', 'false', 'finally', 'for', 'function',
  'if', 'implements', 'import', 'in', 'instanceof', 'interface', 'let', 'new', 'null', 'package',
  'private', 'protected', 'public', 'return', 'static', 'super', 'switch', 'this', 'throw', 'true',
  'try', 'typeof', 'var', 'void', 'while', 'with', 'yield',
  // type-level names that would shadow built-ins in emitted declarations
  'any', 'boolean', 'never', 'number', 'object', 'string', 'symbol', 'undefined', 'unknown', 'bigint',
]);

/**
 * Names the generated package itself declares or imports in the modules that also hold spec
 * types (types.ts, validators.ts, client.ts): a spec type must not shadow them.
 */
const TAKEN_TYPE_NAMES = new Set([
  'Array', 'Boolean', 'Date', 'Error', 'Function', 'Map', 'Number', 'Object', 'Promise', 'Record',
  'RegExp', 'Set', 'String', 'Symbol', 'Partial', 'Required', 'Readonly', 'Pick', 'Omit',
  'APIPromise', 'ClientCore', 'ClientOptions', 'RequestOptions', 'RequestDescription', 'ValidationError',
  'ValidationIssue', 'StandardSchemaV1', 'APIError', 'SDKError', 'Headers', 'Response', 'Request', 'URL',
]);

/** Splits any text into words: `chat_session.status` -> [chat, session, status]; `ChatKitWorkflow` keeps its humps. */
export function splitWords(raw: string): string[] {
  return raw
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
  const words = raw.split(/[^A-Za-z0-9]+/).filter(Boolean);
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
  const [first = 'unnamed', ...rest] = raw.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return first.charAt(0).toLowerCase() + first.slice(1) + rest.map(capitalize).join('');
}

function guard(name: string, isType: boolean): string {
  if (/^[0-9]/.test(name)) return `_${name}`;
  if (RESERVED.has(name) || (isType && TAKEN_TYPE_NAMES.has(name))) return `${name}_`;
  return name;
}

/** Claims names within one scope; on a clash returns a diagnostic naming both places. */
export class NameTable {
  readonly #owners = new Map<string, { pointer: string; what: string }>();
  readonly #folded = new Map<string, string>();

  constructor(
    private readonly locate: (pointer: string) => SourceLocation,
    /** Whether names differing only by case clash (true for anything that becomes a file name). */
    private readonly foldCase = false,
  ) {}

  has(name: string): boolean {
    return this.#owners.has(name);
  }

  claim(name: string, pointer: string, what: string): Identifier | Diagnostic {
    const key = this.foldCase ? name.toLowerCase() : name;
    const ownerName = this.#folded.get(key);
    const owner = ownerName === undefined ? undefined : this.#owners.get(ownerName);
    if (owner === undefined) {
      this.#owners.set(name, { pointer, what });
      this.#folded.set(key, name);
      return new Identifier(name);
    }
    return {
      code: 'model/name-collision',
      severity: 'error',
      message: `${capitalize(what)} and ${owner.what} both become the name \`${name}\` in the generated code.`,
      hint: defaultHint('model/name-collision'),
      at: this.locate(pointer),
      related: [{ message: `\`${ownerName}\` first claimed here`, at: this.locate(owner.pointer) }],
    };
  }
}
