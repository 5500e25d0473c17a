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
