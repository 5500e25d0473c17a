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
 * characters; every character past ASCII is escaped too (`\u2026`), so generated code is ASCII
 * (see ascii). Strings come out as prettier prints them (single quotes, unless the text has
 * more single quotes than double), so code that is not reformatted reads the same as code that is.
 */
export function literal(value: unknown): Code {
  if (value === undefined) return Code.raw('undefined');
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  // prettier writes exponents without `+`: 1e21, not 1e+21
  if (typeof value === 'number') return Code.raw(String(value).replace('e+', 'e'));
  // a `__proto__` key in an object literal sets the prototype; a computed one makes the property
  // (`"__proto__":` right after `{` or `,` is a key: inside a JSON string its quotes are escaped)
  if (typeof value !== 'string')
    return Code.raw(ascii(escapeJson(JSON.stringify(value))).replace(/([{,])"__proto__":/g, '$1["__proto__"]:'));
  // most strings (keys, names, messages) need no escape at all
  if (PLAIN.test(value)) return Code.raw(`'${value}'`);
  const content = ascii(escapeJson(JSON.stringify(value)).slice(1, -1));
  if (count(value, "'") > count(value, '"')) return Code.raw(`"${content}"`);
  return Code.raw(singleQuoted(content));
}

/** A JSON string's content (its escapes, without the quotes) between single quotes. */
function singleQuoted(content: string): string {
  return `'${content.replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** Text that needs no escape: printable ASCII but for quotes and the backslash. */
const PLAIN = /^[^'"\\\u0000-\u001f\u007f-\uffff]*$/;

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

/**
 * Every character past ASCII as an escape, so that the JavaScript built from the code is ASCII:
 * one other character makes Node decode a whole module as UTF-8 and V8 keep its source as
 * two-byte text (`bench:build` measures what that costs). Docs keep their characters.
 */
function ascii(text: string): string {
  return text.replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
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

/**
 * An object literal's key: bare when it is a plain identifier-like name, else a string literal
 * (`quoted`'s), and computed for `__proto__`, which as a plain key would set the prototype.
 */
export function propertyKey(name: string, quoted: (text: string) => Code = literal): Code {
  if (name === '__proto__') return Code.raw(`[${quoted(name).text}]`);
  return Identifier.PATTERN.test(name) ? Code.raw(name) : quoted(name);
}

/** Property access: `.name` when safe, else `["name"]`. */
export function propertyAccess(name: string): Code {
  return Identifier.PATTERN.test(name) ? Code.raw(`.${name}`) : Code.raw(`[${literal(name).text}]`);
}

/** Optional property access: `?.name` when safe, else `?.["name"]`. */
export function optionalAccess(name: string): Code {
  return Code.raw(`?${propertyAccess(name).text.replace(/^\[/, '.[')}`);
}

/**
 * A JSON value as a readable JS literal for docs (`{ user: 'u_1' }`): code, shown in an
 * `@example` through docCode (which keeps it from closing the comment).
 */
export function exampleLiteral(value: unknown): Code {
  // sdkgen-built code in an example (a file: `new Blob([...])`)
  if (value instanceof Code) return value;
  if (Array.isArray(value)) return Code.raw(`[${value.map((item) => exampleLiteral(item).text).join(', ')}]`);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => `${propertyKey(key, exampleLiteral).text}: ${exampleLiteral(item).text}`);
    return Code.raw(entries.length > 0 ? `{ ${entries.join(', ')} }` : '{}');
  }
  // a doc keeps the text's own characters (`'café'`), as literal() does not
  if (typeof value === 'string') return Code.raw(singleQuoted(escapeJson(JSON.stringify(value)).slice(1, -1)));
  return literal(value ?? null);
}

/** The token that alone can make a DocText: DocText values are made in this module only. */
const DOC_TOKEN: unique symbol = Symbol('DocText');

/**
 * Text that is safe inside a JSDoc block: it cannot close the comment (`*\/` never appears) and
 * the spec's text inside it cannot start a `@tag` line. Made only by jsDoc, doc`` and docCode,
 * so a structure's docs cannot hold a raw spec string (the type checker refuses one).
 */
export class DocText {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: the brand that keeps a plain object from passing for a DocText
  readonly #isDocText = true;
  constructor(
    token: typeof DOC_TOKEN,
    readonly text: string,
  ) {
    if (token !== DOC_TOKEN) throw new Error('DocText is made by escape.ts only');
  }
  toString(): string {
    return this.text;
  }
}

/** The one place `*\/` is neutralised: text between `/*` and `*\/` that cannot end the comment. */
function commentSafe(text: string): string {
  return text.replace(/\*\//g, '*\\/');
}

/** Spec prose as a JSDoc body: cannot close the comment, keeps line breaks, no stray `@` tags. */
export function jsDoc(text: string): DocText {
  const body = text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(/^(\s*)@/gm, '$1\\@')
    .trim();
  return new DocText(DOC_TOKEN, commentSafe(body));
}

/**
 * A free-form comment body assembled by an emitter (types.ts's openapi-typescript style tags,
 * which carry spec text after `@description`): it cannot close the comment.
 */
export function commentBody(text: string): DocText {
  return new DocText(DOC_TOKEN, commentSafe(text));
}

/** Code shown in a doc comment (an `@example`): kept as written, except that it cannot close the comment. */
export function docCode(value: Code): DocText {
  return new DocText(DOC_TOKEN, commentSafe(value.text));
}

export type DocValue = DocText | Identifier | string | number;

/**
 * Doc text from a template: the template's own text is sdkgen's (it may hold `@example`,
 * `{@link X}`); interpolated strings are spec text and go through jsDoc; DocText and
 * Identifier values are kept.
 */
export function doc(parts: TemplateStringsArray, ...values: readonly DocValue[]): DocText {
  let text = parts[0] ?? '';
  values.forEach((value, i) => {
    const piece =
      value instanceof DocText || value instanceof Identifier ? value.text : typeof value === 'number' ? String(value) : jsDoc(value).text;
    text += piece + (parts[i + 1] ?? '');
  });
  return new DocText(DOC_TOKEN, commentSafe(text));
}

/** Joins doc texts with a fixed separator. */
export function joinDoc(pieces: readonly DocText[], separator: string): DocText {
  return new DocText(DOC_TOKEN, commentSafe(pieces.map((piece) => piece.text).join(separator)));
}

/** A JSDoc block: `/** text *\/`, or one ` * ` line per line. */
export function docComment(text: DocText): Code {
  const lines = text.text.split('\n');
  if (lines.length === 1) return Code.raw(`/** ${text.text} */`);
  return Code.raw(['/**', ...lines.map((line) => ` * ${line}`.trimEnd()), ' */'].join('\n'));
}

/** A `//` comment line: no line breaks can escape it. */
export function lineComment(text: string): Code {
  return Code.raw(`// ${text.replace(/[\r\n\u2028\u2029\u0085]+/g, ' ')}`);
}

/**
 * Spec text as inline Markdown (CommonMark/GFM): one line, and every character that could start
 * markup (emphasis, links, images, raw HTML, entities, table cells, code spans) backslash-escaped,
 * so a title like `` x | <script> ](javascript: `` reads as written and cannot break a table.
 */
export function markdownText(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>|&~!]/g, (c) => `\\${c}`);
}

/**
 * Spec text as a Markdown code span, safe in a table cell: the fence is longer than any run of
 * backticks inside, `|` is escaped (GFM splits cells before it reads code spans). Text with a
 * backslash is written as escaped text instead: inside a code span a backslash is literal, and
 * whether `\\|` then ends a cell differs between Markdown renderers.
 */
export function markdownCode(text: string): string {
  if (text.includes('\\')) return markdownText(text);
  const line = oneLine(text).replace(/\|/g, '\\|');
  if (line === '') return '';
  const longest = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const padding = longest > 0 || line.startsWith(' ') || line.endsWith(' ') ? ' ' : '';
  return `${fence}${padding}${line}${padding}${fence}`;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
}
