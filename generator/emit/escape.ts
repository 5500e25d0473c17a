// Spec strings become code only here. A plain string interpolated into `code` is always emitted
// as a string literal; only Code and Identifier values are spliced in as source text.
import { Identifier } from '../model/ir.js';

export class Code {
  protected constructor(readonly text: string) {}
  /** Fixed, sdkgen-authored text only; never pass spec data here. */
  static raw(text: string): Code {
    return new Code(text);
  }
  toString(): string {
    return this.text;
  }
}

export type CodeValue = Code | Identifier | string | number | boolean | null;

/**
 * A JS literal for any JSON value. JSON.stringify escapes quotes, backslashes and control
 * characters; U+2028/2029 are escaped too so older parsers cannot read them as line breaks.
 * Strings come out as prettier prints them (single quotes, unless the text has more single
 * quotes than double), so code that is not reformatted reads the same as code that is.
 */
export function literal(value: unknown): Code {
  if (value === undefined) return Code.raw('undefined');
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  // prettier writes exponents without `+`: 1e21, not 1e+21
  if (typeof value === 'number') return Code.raw(String(value).replace('e+', 'e'));
  if (typeof value !== 'string') return Code.raw(escapeJson(JSON.stringify(value)));
  // most strings (keys, names, messages) need no escape at all
  if (PLAIN.test(value)) return Code.raw(`'${value}'`);
  const content = escapeJson(JSON.stringify(value)).slice(1, -1);
  if (count(value, "'") > count(value, '"')) return Code.raw(`"${content}"`);
  return Code.raw(`'${content.replace(/\\"/g, '"').replace(/'/g, "\\'")}'`);
}

/** Text that JSON.stringify and the quote choice below leave as it is: no quote, backslash, control character, line separator or surrogate. */
const PLAIN = /^[^'"\\\u0000-\u001f\u007f\u2028\u2029\ud800-\udfff]*$/;

/**
 * Beyond JSON.stringify: U+2028/2029 become escapes, and a backslash becomes `\u005c`. Both
 * are the same characters to JS, but with no `\\` left, no `\\"` pair can make a printer
 * misread where the string ends (ts-morph's writer did, with hostile specs, and then took a
 * `/*` inside the string for a comment).
 */
function escapeJson(json: string): string {
  return json
    .replace(/\\(u[0-9a-fA-F]{4}|.)/g, (escape: string) => (escape === '\\\\' ? '\\u005c' : escape))
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}

export function code(parts: TemplateStringsArray, ...values: readonly CodeValue[]): Code {
  let text = parts[0] ?? '';
  values.forEach((value, i) => {
    const piece = value instanceof Code || value instanceof Identifier ? value.text : literal(value).text;
    text += piece + (parts[i + 1] ?? '');
  });
  return Code.raw(text);
}

/** Joins pieces of code with a fixed separator. */
export function joinCode(pieces: readonly Code[], separator: string): Code {
  return Code.raw(pieces.map((piece) => piece.text).join(separator));
}

/** An object key: bare when it is a plain identifier-like name, else a string literal. */
export function propertyKey(name: string): Code {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && name !== '__proto__' ? Code.raw(name) : literal(name);
}

/** Property access: `.name` when safe, else `["name"]`. */
export function propertyAccess(name: string): Code {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? Code.raw(`.${name}`) : Code.raw(`[${literal(name).text}]`);
}

/** Optional property access: `?.name` when safe, else `?.["name"]`. */
export function optionalAccess(name: string): Code {
  return Code.raw(`?${propertyAccess(name).text.replace(/^\[/, '.[')}`);
}

/**
 * A JSON value as a readable JS literal for docs (`{ user: 'u_1' }`), safe inside a JSDoc
 * comment: string contents are escaped and `*\/` cannot appear.
 */
export function exampleLiteral(value: unknown): string {
  const text = (() => {
    if (Array.isArray(value)) return `[${value.map(exampleLiteral).join(', ')}]`;
    if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value).map(([key, item]) => `${propertyKey(key).text}: ${exampleLiteral(item)}`);
      return entries.length > 0 ? `{ ${entries.join(', ')} }` : '{}';
    }
    if (typeof value === 'string') return `'${escapeJson(JSON.stringify(value)).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
    return literal(value ?? null).text;
  })();
  return text.replace(/\*\//g, '*\\/');
}

/** Spec prose as a JSDoc body: cannot close the comment, keeps line breaks, no stray `@` tags. */
export function jsDoc(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(/\*\//g, '*\\/')
    .replace(/^(\s*)@/gm, '$1\\@')
    .trim();
}

/** A JSDoc block of already escaped text (see jsDoc): `/** text *\/`, or one ` * ` line per line. */
export function docComment(text: string): string {
  const lines = text.split('\n');
  if (lines.length === 1) return `/** ${text} */`;
  return ['/**', ...lines.map((line) => ` * ${line}`.trimEnd()), ' */'].join('\n');
}

/** A `//` comment line: no line breaks can escape it. */
export function lineComment(text: string): string {
  return '// ' + text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}
