// The TypeScript type an operation's body or response refers to. build-model names every
// body and response schema, so this is always a named type (or `void` for no content).
import type { IrApi, IrSchema } from '../model/ir.js';
import { code, type Code } from './escape.js';
import { schemaIndex } from '../model/schema-index.js';

export function typeOf(schema: IrSchema | undefined, api: IrApi, usedTypes: Set<string>): Code {
  if (schema === undefined) return code`void`;
  if (schema.kind !== 'ref')
    throw new Error(`unnamed ${schema.kind} schema at ${schema.source}: build-model names every body and response`);
  const named = schemaIndex(api).named(schema.target);
  if (!named) throw new Error(`no named schema ${schema.target}`);
  usedTypes.add(named.name.text);
  return code`${named.name}`;
}
