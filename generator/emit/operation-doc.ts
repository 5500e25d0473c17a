// The JSDoc of an operation's builder and client method: summary, description, an example.
import type { IrOperation } from '../model/ir.js';
import { jsDoc } from './escape.js';

/** `exampleCall` is sdkgen-built code (literals made by escape.literal), shown in an @example. */
export function operationDoc(op: IrOperation, exampleCall: string): string {
  const prose = [op.summary, op.description].filter((text): text is string => text !== undefined && text.trim() !== '').map(jsDoc);
  const lines = [...(prose.length > 0 ? [prose.join('\n\n'), ''] : []), `\`${op.httpMethod.toUpperCase()} ${jsDoc(op.pathTemplate).replace(/`/g, "'")}\``];
  if (op.deprecated) lines.push('', '@deprecated');
  lines.push('', '@example', '```ts', exampleCall.replace(/\*\//g, '*\\/'), '```');
  return lines.join('\n');
}
