// Component schemas, each of which the client exports as a type with a guard and validators:
// removed, added, or renamed. A rename is a removed and an added schema of the same shape, or
// the two targets of refs found at the same place in both specs (`Pet.status` pointing at
// `PetStatus`, then at `PetState`), which also catches a component that became an inline body.
// Inline body and response types are named after their operation; diff-operations covers them.
import type { IrNamedSchema } from '../model/ir.js';
import type { ApiSide, DiffContext } from './diff-context.js';
import { shapeKey } from './schema-shape.js';

/** Schemas renamed without a change of shape, old key -> new key; ambiguous shapes are left out. */
export function matchRenamedSchemas(old: ApiSide, next: ApiSide): Map<string, string> {
  const byShape = (schemas: readonly IrNamedSchema[]) => {
    const groups = new Map<string, IrNamedSchema[]>();
    for (const named of schemas) groups.set(shapeKey(named.schema), [...(groups.get(shapeKey(named.schema)) ?? []), named]);
    return groups;
  };
  const removed = byShape(componentsOf(old).filter((named) => !next.schemas.has(named.key)));
  const added = byShape(componentsOf(next).filter((named) => !old.schemas.has(named.key)));
  const renames = new Map<string, string>();
  for (const [shape, before] of removed) {
    const after = added.get(shape);
    if (before.length === 1 && after?.length === 1) renames.set(before[0]!.key, after[0]!.key);
  }
  return renames;
}

export function diffNamedSchemas(ctx: DiffContext, refPairs: readonly (readonly [string, string])[]): void {
  const oldComponents = componentsOf(ctx.old);
  const newComponents = componentsOf(ctx.new);
  for (const before of oldComponents) {
    const after = ctx.new.schemas.get(before.key);
    if (after && after.name.text !== before.name.text) reportRenamed(before, after, ctx);
  }
  const removed = new Map(oldComponents.filter((named) => !ctx.new.schemas.has(named.key)).map((named) => [named.key, named]));
  const added = new Map(newComponents.filter((named) => !ctx.old.schemas.has(named.key)).map((named) => [named.key, named]));
  for (const [oldKey, newKey] of [...ctx.renames, ...refPairs]) {
    // an inline body that became a component: the component replaces the inline type, whose
    // rename (if its name changed) diff-operations reported
    if (isInline(oldKey)) {
      added.delete(newKey);
      continue;
    }
    const before = removed.get(oldKey);
    const after = added.get(newKey) ?? (isInline(newKey) ? ctx.new.schemas.get(newKey) : undefined);
    if (!before || !after) continue;
    if (before.name.text !== after.name.text) reportRenamed(before, after, ctx);
    removed.delete(oldKey);
    added.delete(newKey);
  }
  for (const named of removed.values()) {
    const message = `Removed the type \`${named.name.text}\` and its validators.`;
    ctx.report({ kind: 'schema-removed', subject: named.name.text, message, at: { old: named.source } });
  }
  for (const named of added.values()) {
    ctx.report({
      kind: 'schema-added',
      subject: named.name.text,
      message: `Added the type \`${named.name.text}\`.`,
      at: { new: named.source },
    });
  }
}

function reportRenamed(before: IrNamedSchema, after: IrNamedSchema, ctx: DiffContext): void {
  const message = `Renamed the type \`${before.name.text}\` to \`${after.name.text}\`, with its validators.`;
  ctx.report({ kind: 'schema-renamed', subject: before.name.text, message, at: { old: before.source, new: after.source } });
}

/** Schemas under `components/schemas`. */
function componentsOf(side: ApiSide): readonly IrNamedSchema[] {
  return side.api.schemas.filter((named) => !isInline(named.key));
}

/** Inline body and response schemas are keyed by their JSON pointer, components by their name. */
function isInline(key: string): boolean {
  return key.startsWith('/');
}
