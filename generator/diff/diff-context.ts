// The state one comparison shares: both APIs, the changes found so far, and the queue of named
// schema pairs reached through refs. Each pair is compared once per side, breadth first, so a
// change inside a shared schema is reported once, at the shortest path that reaches it.
import type { SourceLocation } from '../diagnostics/diagnostic.js';
import type { IrApi, IrNamedSchema, IrSchema } from '../model/ir.js';
import { severityOf, type ChangeKind, type ChangeSide, type SpecChange } from './change-kinds.js';

/** One spec, built into the IR, with the means to turn its pointers into `file:line:col`. */
export interface LoadedApi {
  readonly file: string;
  readonly api: IrApi;
  readonly locate: (pointer: string) => SourceLocation;
}

export interface ApiSide extends LoadedApi {
  /** Named schemas by `IrNamedSchema.key`. */
  readonly schemas: ReadonlyMap<string, IrNamedSchema>;
}

/** Where a schema comparison is: the side of the wire and the path the client's types give it. */
export interface SchemaPlace {
  readonly side: ChangeSide;
  /** e.g. `SessionCreateParams.workflow.version`, `ListItemsQueryParams.limit`, `Item.tags[]`. */
  readonly path: string;
}

/** JSON pointers of the change in each spec: removals have only `old`, additions only `new`. */
export interface ChangeAt {
  readonly old?: string;
  readonly new?: string;
}

export interface ChangeReport {
  readonly kind: ChangeKind;
  readonly subject: string;
  readonly message: string;
  readonly at: ChangeAt;
  readonly side?: ChangeSide;
}

export type SchemaDiffer = (oldSchema: IrSchema, newSchema: IrSchema, place: SchemaPlace, ctx: DiffContext) => void;

export interface DiffContext {
  readonly old: ApiSide;
  readonly new: ApiSide;
  /** Component schemas renamed without a change of shape, old key -> new key. */
  readonly renames: ReadonlyMap<string, string>;
  report(change: ChangeReport): void;
  /** Queues the named schemas two refs point at, to be compared at `place`. */
  visitRef(oldKey: string, newKey: string, place: SchemaPlace): void;
  /** Compares two schemas; given by the driver so per-kind modules recurse without import cycles. */
  diffSchema(oldSchema: IrSchema, newSchema: IrSchema, place: SchemaPlace): void;
}

export interface DiffRun {
  readonly ctx: DiffContext;
  /** Compares every queued named-schema pair, including those queued while draining. */
  drain(): void;
  /** The ref pairs visited so far (old key, new key), in visiting order. */
  refPairs(): readonly (readonly [string, string])[];
  changes(): readonly SpecChange[];
}

export function sideOf(loaded: LoadedApi): ApiSide {
  return { ...loaded, schemas: new Map(loaded.api.schemas.map((named) => [named.key, named])) };
}

export function createDiffRun(old: ApiSide, next: ApiSide, renames: ReadonlyMap<string, string>, differ: SchemaDiffer): DiffRun {
  const changes: SpecChange[] = [];
  const reported = new Set<string>();
  const queue: { oldKey: string; newKey: string; place: SchemaPlace }[] = [];
  const visited = new Set<string>();
  let drained = 0;
  const ctx: DiffContext = {
    old,
    new: next,
    renames,
    report(change) {
      // a doc change in a schema reached from both sides, or in a shared component parameter,
      // is one change whatever the route to it; other changes count once per subject
      const isDoc = change.kind === 'doc-changed' || change.kind === 'deprecated';
      const key = [change.kind, isDoc ? '' : change.subject, change.at.old ?? '', change.at.new ?? ''].join('\u0000');
      if (reported.has(key)) return;
      reported.add(key);
      changes.push(toChange(change, old, next));
    },
    visitRef(oldKey, newKey, place) {
      const key = `${place.side}\u0000${oldKey}\u0000${newKey}`;
      if (visited.has(key)) return;
      visited.add(key);
      queue.push({ oldKey, newKey, place });
    },
    diffSchema: (oldSchema, newSchema, place) => differ(oldSchema, newSchema, place, ctx),
  };
  return {
    ctx,
    drain() {
      for (; drained < queue.length; drained++) {
        const { oldKey, newKey, place } = queue[drained]!;
        const before = old.schemas.get(oldKey);
        const after = next.schemas.get(newKey);
        if (before && after) differ(before.schema, after.schema, place, ctx);
      }
    },
    refPairs: () => queue.map((item) => [item.oldKey, item.newKey] as const),
    changes: () => changes,
  };
}

function toChange(change: ChangeReport, old: LoadedApi, next: LoadedApi): SpecChange {
  return {
    kind: change.kind,
    severity: severityOf(change.kind),
    ...(change.side !== undefined ? { side: change.side } : {}),
    subject: change.subject,
    message: change.message,
    location: {
      ...(change.at.old !== undefined ? { old: old.locate(change.at.old) } : {}),
      ...(change.at.new !== undefined ? { new: next.locate(change.at.new) } : {}),
    },
  };
}
