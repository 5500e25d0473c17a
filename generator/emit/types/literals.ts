// Literal text in types.ts, exactly as it came out before: openapi-typescript wrote string
// literal types as JSON.stringify text and property keys through TypeScript's printer, then
// prettier requoted them (single quotes unless the text holds more of them than double quotes)
// and normalised numbers. Each function here is that whole chain for one kind of literal.
import type { IrLiteral } from '../../model/ir.js';

/** A key as openapi-typescript named it: identifier, number or string literal. */
export function propertyKeyText(name: string): string {
  if (String(Number(name)) === name && !name.startsWith('-')) return /^[0-9.]/.test(name) ? numberText(name) : name; // `Infinity`, `NaN`
  if (/^[A-Za-z_$][A-Za-z_$0-9]*$/.test(name)) return name;
  return prettierString(`"${typeScriptEscape(name)}"`);
}

/** A literal type (`'a'`, `-1`, `true`, `null`). */
export function literalTypeText(value: Exclude<IrLiteral, object | null> | null): string {
  if (typeof value === 'string') return prettierString(JSON.stringify(value));
  if (typeof value === 'number') return value < 0 ? `-${numberText(String(-value))}` : numberText(String(value));
  return String(value);
}

/** prettier's number normalisation (lower case, no `+` or leading zeros in exponents, …). */
function numberText(text: string): string {
  return text
    .toLowerCase()
    .replace(/^([+-]?[\d.]+e)(?:\+|(-))?0*(?=\d)/, '$1$2')
    .replace(/^([+-]?[\d.]+)e[+-]?0+$/, '$1')
    .replace(/^([+-])?\./, '$10.')
    .replace(/(\.\d+?)0+(?=e|$)/, '$1')
    .replace(/\.(?=e|$)/, '');
}

/** prettier's string literal: single quotes unless the content holds more of them than double. */
function prettierString(raw: string): string {
  const content = raw.slice(1, -1);
  const quote = count(content, "'") > count(content, '"') ? '"' : "'";
  if (raw.startsWith(quote)) return raw;
  const other = quote === '"' ? "'" : '"';
  const body = content.replace(/\\(["'\\])|(["'])/g, (match: string, escaped?: string, bare?: string) =>
    escaped !== undefined ? (escaped === other ? other : match) : bare === quote ? `\\${bare}` : bare!,
  );
  return quote + body + quote;
}

function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}

const ESCAPES: Record<string, string> = {
  '\t': '\\t',
  '\v': '\\v',
  '\f': '\\f',
  '\b': '\\b',
  '\r': '\\r',
  '\n': '\\n',
  '\\': '\\\\',
  '"': '\\"',
};

/** TypeScript's printer inside double quotes: control, separator and all non-ASCII characters as escapes. */
function typeScriptEscape(text: string): string {
  return text
    .replace(/[\\"\u0000-\u001f\u2028\u2029\u0085]/g, (char: string, offset: number) => {
      if (char === '\0') return /[0-9]/.test(text.charAt(offset + 1)) ? '\\x00' : '\\0';
      return ESCAPES[char] ?? unicodeEscape(char);
    })
    .replace(/[^\u0000-\u007f]/g, unicodeEscape);
}

function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}
