// The text of types.ts's comments, plain prose as editors show it best: a member's comment is
// its description (or, without one, its title), a `Format:` line, then `@default` and
// `@deprecated`, the two tags editors render well. The type itself already says what
// openapi-typescript's `@enum` and `@constant` tags said. Descriptions are read where specs put
// them: on the property, on a nullable wrapper's `anyOf`, or on its non-null variant. Links go
// through doc-links.ts. The text is what goes between `/*` and `*/`; layout.ts prints it.
import type { IrSchema } from '../../model/ir.js';
import { absoluteLinks } from '../doc-links.js';
import { commentBody, jsDoc } from '../escape.js';
import { documentedSchemas } from './flatten.js';
import type { TypeContext } from './type-model.js';

/**
 * The comment of an object member whose schema is `schema`, with `ownDescription` (a
 * parameter's own) over the schema's; undefined when it says nothing.
 */
export function memberComment(schema: IrSchema, ctx: TypeContext, ownDescription?: string): string | undefined {
  const schemas = documentedSchemas(schema, ctx.resolve);
  // deprecation is the member's own (a deprecated type shows as such where it is named)
  const firstRef = schemas.findIndex((s) => s.kind === 'ref');
  const own = firstRef === -1 ? schemas : schemas.slice(0, firstRef + 1);
  const prose = ownDescription?.trim() || describe(schemas);
  const format = schemas.map((s) => (s.kind === 'string' ? s.format : undefined)).find((f) => f !== undefined && f !== '');
  const defaultValue = schemas.find((s) => s.default !== undefined)?.default;
  // spec text goes through jsDoc (no `*/`, no line starting a tag); the tags are sdkgen's
  const tags: string[] = [];
  if (format !== undefined) tags.push(`Format: ${jsDoc(format).text}`);
  if (defaultValue !== undefined)
    tags.push(`@default ${jsDoc(typeof defaultValue === 'object' ? JSON.stringify(defaultValue, null, 2) : String(defaultValue)).text}`);
  if (own.some((s) => s.deprecated)) tags.push('@deprecated');
  const paragraphs = [...(prose ? [jsDoc(absoluteLinks(prose, ctx.links)).text] : []), ...(tags.length > 0 ? [tags.join('\n')] : [])];
  return paragraphs.length === 0 ? undefined : commentText(paragraphs.join('\n\n'), false);
}

/** The comment of a declaration: its description (or title), undefined when it has neither. */
export function declarationComment(schema: IrSchema, ctx: TypeContext): string | undefined {
  const prose = describe(documentedSchemas(schema, ctx.resolve));
  return prose === undefined ? undefined : commentText(jsDoc(absoluteLinks(prose, ctx.links)).text, true);
}

/**
 * The comment of a request shape (`PetParam`): what it leaves out of the response shape, then
 * the schema's own description.
 */
export function requestShapeComment(responseName: string, schema: IrSchema, ctx: TypeContext): string {
  const prose = describe(documentedSchemas(schema, ctx.resolve));
  const lead = `\`${responseName}\` as a request sends it: without its read-only properties, with its write-only ones.`;
  return commentText([jsDoc(lead).text, ...(prose === undefined ? [] : [jsDoc(absoluteLinks(prose, ctx.links)).text])].join('\n\n'), true);
}

/** Fixed sdkgen text as a declaration's comment. */
export function fixedComment(text: string): string {
  return commentText(jsDoc(text).text, true);
}

/** The first description of the schemas, else the first title. */
function describe(schemas: readonly IrSchema[]): string | undefined {
  const description = schemas.map((s) => s.description?.trim()).find((text) => text !== undefined && text !== '');
  return description ?? schemas.map((s) => s.title?.trim()).find((text) => text !== undefined && text !== '');
}

/**
 * `* text ` for one line of a member's comment, else one ` * ` line per line (a declaration's
 * always); the text is escaped already, and still cannot end the comment.
 */
function commentText(body: string, isBlock: boolean): string {
  const lines = body.split('\n');
  if (lines.length === 1 && !isBlock) return commentBody(`* ${body} `).text;
  return commentBody(`*\n${lines.map((line) => ` * ${line}`.trimEnd()).join('\n')}\n `).text;
}
