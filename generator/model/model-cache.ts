// What a watch session keeps of the model from one run to the next: each component schema's IR,
// kept while the schema's parsed node is the same object. A watch run reads an edited spec from
// the last run's parse (load/fast-yaml-edit.ts), which shares every node the edit did not reach
// and copies those on its way down, so the same node is the same text. A conversion is kept only
// when it read nothing beyond its node but the existence of the component schemas its refs name
// (checked again on reuse); what it reported is reported again on reuse, located anew (lines
// move). The document's version, the pattern input limit and the set of hoisted schemas are the
// same for every kept conversion, or none is kept.
import type { Diagnostic, SourceLocation } from '../diagnostics/diagnostic.js';
import type { IrSchema } from './ir.js';
import { componentSchema } from './refs.js';
import { schemaToIr, type SchemaContext } from './schemas.js';

interface Kept {
  readonly raw: object;
  readonly pointer: string;
  /** The component schemas its refs name. */
  readonly names: readonly string[];
  /** The component schemas it read (a discriminator's variants), by key: the node, or undefined for none. */
  readonly read: ReadonlyMap<string, unknown>;
  readonly schema: IrSchema;
  readonly reported: readonly Reported[];
}

/** A diagnostic, with the pointers its locations were made from. */
interface Reported {
  readonly diagnostic: Diagnostic;
  readonly at: string;
  readonly related: readonly string[];
}

export class ModelCache {
  #kept = new Map<string, Kept>();
  #context: string | undefined;
  /** How many component schemas the last run, finished or not, converted and reused (for tests). */
  readonly stats = { converted: 0, reused: 0 };

  /** A run's conversions: `schema` for each component, then `end` once the model is built. */
  begin(ctx: SchemaContext): ModelCacheRun {
    const context = JSON.stringify([ctx.version, ctx.patternInputLimit ?? null, [...ctx.hoistTargets].sort()]);
    const last = context === this.#context ? this.#kept : new Map<string, Kept>();
    const next = new Map<string, Kept>();
    const stats = this.stats;
    stats.converted = 0;
    stats.reused = 0;
    return {
      schema: (key, raw, pointer) => {
        const known = last.get(key);
        if (
          known !== undefined &&
          known.raw === raw &&
          known.pointer === pointer &&
          known.names.every((name) => componentSchema(ctx.root, name) !== undefined) &&
          [...known.read].every(([name, node]) => componentSchema(ctx.root, name) === node)
        ) {
          stats.reused += 1;
          next.set(key, known);
          for (const { diagnostic, at, related } of known.reported) ctx.report(relocated(diagnostic, at, related, ctx.locate));
          return known.schema;
        }
        stats.converted += 1;
        let isOwn = true;
        const names = new Set<string>();
        const read = new Map<string, unknown>();
        const reported: Reported[] = [];
        const pointers = new WeakMap<SourceLocation, string>();
        const tracked: SchemaContext = {
          ...ctx,
          locate: (at) => {
            const location = ctx.locate(at);
            pointers.set(location, at);
            return location;
          },
          report: (diagnostic) => {
            const at = pointers.get(diagnostic.at);
            const related = (diagnostic.related ?? []).map((other) => pointers.get(other.at));
            if (at === undefined || related.some((pointer) => pointer === undefined)) isOwn = false;
            else reported.push({ diagnostic, at, related: related as string[] });
            ctx.report(diagnostic);
          },
          reads: {
            component: (name) => void names.add(name),
            schema: (name, node) => void read.set(name, node),
            elsewhere: () => void (isOwn = false),
          },
        };
        const schema = schemaToIr(raw, pointer, tracked);
        if (isOwn && typeof raw === 'object' && raw !== null) {
          // shared with later runs: a stage that changed it would change them (it throws instead)
          deepFreeze(schema);
          next.set(key, { raw, pointer, names: [...names], read, schema, reported });
        }
        return schema;
      },
      end: () => {
        this.#kept = next;
        this.#context = context;
      },
    };
  }
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

/** `diagnostic` with its locations made again from their pointers (the lines before them may have moved). */
function relocated(
  diagnostic: Diagnostic,
  at: string,
  related: readonly string[],
  locate: (pointer: string) => SourceLocation,
): Diagnostic {
  const moved = { ...diagnostic, at: locate(at) };
  if (diagnostic.related === undefined) return moved;
  return { ...moved, related: diagnostic.related.map((other, i) => ({ ...other, at: locate(related[i]!) })) };
}

export interface ModelCacheRun {
  /** The IR of the component schema `key`, converted or as a past run converted the same node. */
  schema(key: string, raw: unknown, pointer: string): IrSchema;
  /** The model was built: this run's conversions are kept for the next. */
  end(): void;
}
