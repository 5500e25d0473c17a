// The JSDoc of an operation's builder and client method: summary, description, an example.
import type { IrDocLinks, IrOperation } from '../model/ir.js';
import { absoluteLinks } from './doc-links.js';
import { doc, docCode, joinDoc, jsDoc, type Code, type DocText } from './escape.js';

/** `example` is sdkgen-built code (literals made by escape.ts), shown in an @example; `links` makes the prose's relative links absolute. */
export function operationDoc(op: IrOperation, example: Code, links: IrDocLinks): DocText {
  const prose = [op.summary, op.description]
    .filter((text): text is string => text !== undefined && text.trim() !== '')
    .map((text) => jsDoc(absoluteLinks(text, links)));
  const lines: DocText[] = prose.length > 0 ? [joinDoc(prose, '\n\n'), doc``] : [];
  lines.push(doc`\`${op.wireMethod} ${op.pathTemplate.replace(/`/g, "'")}\``);
  // OpenAPI 3.2: the success response's one-line summary
  if (op.response.summary !== undefined)
    lines.push(doc``, doc`@returns ${op.response.summary.trim().split(/[\r\n\u2028\u2029]/)[0] ?? ''}`);
  if (op.deprecated) lines.push(doc``, doc`@deprecated`);
  lines.push(doc``, doc`@example`, doc`\`\`\`ts`, docCode(example), doc`\`\`\``);
  return joinDoc(lines, '\n');
}
