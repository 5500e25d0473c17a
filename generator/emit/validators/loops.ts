// A named schema that reaches itself without descending into a property or an item
// (`A: { anyOf: [{ $ref: A }, …] }`, `A: { allOf: [{ $ref: B }] }, B: { $ref: A }`) would make
// its check call itself on the same value forever. Found here, before emitting, as
// emit/unsupported-construct.
import type { IrNamedSchema, IrSchema } from '../../model/ir.js';
import type { ModuleScope } from './scope.js';

export function reportLoops(schemas: readonly IrNamedSchema[], module: ModuleScope): void {
  const edges = new Map(schemas.map((named) => [named.key, sameValueRefs(named.schema)]));
  const reported = new Set<string>();
  for (const named of schemas) {
    const loop = findLoop(named.key, edges);
    if (loop === undefined || loop.some((key) => reported.has(key))) continue;
    loop.forEach((key) => reported.add(key));
    const names = loop.map((key) => `\`${module.named(key).name.text}\``);
    module.unsupported(
      named.source,
      `The schema \`${named.name.text}\` refers back to itself (${[...names, names[0]].join(' -> ')}) without descending into a property or an item, so no validator can be emitted for it.`,
      'Recursion must go through a property, an array item or a map value; remove the self-reference from the anyOf/oneOf/allOf.',
    );
  }
}

/** Named schemas that check the same value as `schema` (refs, variants, parts, discriminator targets). */
function sameValueRefs(schema: IrSchema): string[] {
  switch (schema.kind) {
    case 'ref':
      return [schema.target];
    case 'union':
      return [
        ...schema.variants.flatMap(sameValueRefs),
        ...(schema.discriminator?.mapping.map((entry) => entry.target) ?? []),
        ...(schema.discriminator?.defaultTarget === undefined ? [] : [schema.discriminator.defaultTarget]),
      ];
    case 'allOf':
      return schema.parts.flatMap(sameValueRefs);
    default:
      return [];
  }
}

/** The keys of a cycle through `start`, in order, or undefined. */
function findLoop(start: string, edges: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const path: string[] = [];
  const visited = new Set<string>();
  const visit = (key: string): boolean => {
    if (key === start && path.length > 0) return true;
    if (visited.has(key)) return false;
    visited.add(key);
    path.push(key);
    for (const next of edges.get(key) ?? []) if (visit(next)) return true;
    path.pop();
    return false;
  };
  return visit(start) ? path : undefined;
}
