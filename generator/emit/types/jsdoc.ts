// The text of types.ts's comments, as openapi-typescript wrote them (its addJSDocComment): a
// member's comment is made of `Format:`, `@deprecated`, `@description`, `@default`,
// `@constant` and `@enum {type}` lines; a declaration's is the schema's description. The text
// is what goes between `/*` and `*/`; layout.ts writes it the way TypeScript's printer did.
import type { IrLiteral, IrSchema } from '../../model/ir.js';
import { commentBody, jsDoc } from '../escape.js';

const LINE_BREAK = /\r?\n/g;

/**
 * The comment of an object member whose (flattened) schema is `schema`, with `ownDescription`
 * (a parameter's own) over the schema's; undefined when it says nothing.
 */
export function memberComment(schema: IrSchema, ownDescription?: string): string | undefined {
  const description = ownDescription || schema.description;
  const lines: string[] = [];
  if (schema.kind === 'string' && schema.format) lines.push(`Format: ${schema.format}`);
  if (schema.deprecated) lines.push('@deprecated');
  if (description !== undefined && description !== '') lines.push(`@description ${continued(description)}`);
  if (schema.default !== undefined) lines.push(`@default ${continued(typeof schema.default === 'object' ? JSON.stringify(schema.default, null, 2) : String(schema.default))}`);
  if (schema.kind === 'const') lines.push('@constant');
  if (schema.kind === 'enum') lines.push(`@enum {${enumType(schema.values)}}`);
  if (lines.length === 0) return undefined;
  const text = lines.length === 1 && !lines[0]!.includes('\n') ? `* ${lines[0]} ` : `*\n * ${lines.join('\n * ')}\n `;
  return commentBody(text).text;
}

/** The comment of a declaration: its description, one ` * ` line per line. */
export function declarationComment(description: string): string {
  const body = jsDoc(description)
    .text.split('\n')
    .map((line) => ` * ${line}`.trimEnd())
    .join('\n');
  return `*\n${body}\n `;
}

/** Multi-line text, its later lines indented under the tag. */
function continued(text: string): string {
  return text.trim().replace(LINE_BREAK, '\n *     ');
}

/** The JSON type of an enum in the JSON Schema form: its values' one type, else `unknown`. */
function enumType(values: readonly IrLiteral[]): string {
  const types = new Set(values.map((value) => (value === null ? 'null' : typeof value)));
  const [only] = types;
  return types.size === 1 && only !== 'null' ? only! : 'unknown';
}
