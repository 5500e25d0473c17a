// What a watch session keeps of the emitters' work from one run to the next, so that an edit
// costs what it changes. The validators are a function of the IR without its docs (no
// description, summary, example or deprecation reaches a check or a message): an edit of docs
// only, the commonest in a long session, reuses them whole. After another edit, a named
// schema's validator statements, each check function made on the side and each parameter
// group's check are replayed while their IR (kept by the model, model-cache.ts; a group's: the
// same schema) and what they read of the module are unchanged (ModuleScope.replay). A named schema's declaration of types.ts is made again only when its IR
// or what it read changed, and printed again only when it changed. On the whole OpenAI spec
// these are most of a run's emit stage.
import type { IrApi, IrNamedSchema, IrSchema } from '../model/ir.js';
import type { EmittedFile, Piece } from './emitted-file.js';
import type { ModuleEvent, RecordedText, ScopeSession, SideFunction } from './validators/scope.js';
import { Shapes } from './validators/shapes.js';
import type { Declaration, PrintedDeclaration } from './types/layout.js';
import type { TypeContext } from './types/type-model.js';

/** IR fields that only docs read: left out of docFreeKey. */
const DOC_FIELDS: ReadonlySet<string> = new Set([
  'description',
  'summary',
  'title',
  'deprecated',
  'example',
  'examples',
  'exampleBody',
  'docLinks',
]);

/** IR fields that hold values from the spec (a const, an enum, a default): kept whole, their own keys included. */
const VALUE_FIELDS: ReadonlySet<string> = new Set(['value', 'values', 'default']);

/** A named schema's declaration of types.ts, and what making it read beyond the schema. */
interface KeptDeclaration {
  readonly schema: IrSchema;
  readonly name: string;
  readonly response: boolean;
  readonly shapeOf: string | undefined;
  /** The names refs were given, and the schemas looked into, by key. */
  readonly names: readonly (readonly [string, string])[];
  readonly resolved: readonly (readonly [string, IrSchema | undefined])[];
  readonly declaration: Declaration;
}

export interface DeclarationSession {
  /** `named`'s declaration as `declare` makes it, or as a past run made it of the same (kept, frozen) schema. */
  declaration(
    named: IrNamedSchema,
    shapeOf: string | undefined,
    declare: (named: IrNamedSchema, shapeOf: string | undefined, ctx: TypeContext) => Declaration,
  ): Declaration;
  end(): void;
}

/**
 * A named schema's statements in validators.ts (its export and check function), laid out, and
 * what making them read of the module and added to it (ModuleScope.record).
 */
export interface ValidatorUnit {
  readonly key: string;
  readonly schema: IrSchema;
  readonly name: string;
  readonly requestOnly: boolean;
  readonly events: readonly ModuleEvent[];
  readonly statements: readonly string[];
  readonly pieces: readonly Piece[];
}

/** A parameter group's check function in validators.ts, and its events (ModuleScope.record), by the group's key. */
export interface GroupCheck extends RecordedText {
  readonly key: string;
}

export interface ValidatorUnits extends ScopeSession {
  /** Last run's check function of the parameter group of `key` (its names and schema as text). */
  groupCheck(key: string): GroupCheck | undefined;
  /** Keeps a group's check function for the next run; `replayed` when it is last run's (counted, for tests). */
  keepGroupCheck(check: GroupCheck, replayed: boolean): void;
  /** Last run's unit of `named`, when it was made of the same (kept, frozen) schema under the same name and direction. */
  get(named: IrNamedSchema, requestOnly: boolean): ValidatorUnit | undefined;
  /** Keeps `unit` for the next run (only a kept, frozen schema's). */
  keep(unit: ValidatorUnit): void;
  /** This run's units become the ones the next run finds: call once the module is made. */
  end(): void;
}

export class EmitCache {
  #validators: { readonly key: DocFreeKey; readonly files: EmittedFile[] } | undefined;
  #units = new Map<string, ValidatorUnit>();
  /** Functions made on the side, by their schema (frozen) and name. */
  #sideFunctions = new Map<IrSchema, Map<string, SideFunction>>();
  #groupChecks = new Map<string, GroupCheck>();
  /** The schema nodes serialized (shapes.ts), and how many there were after its first run. */
  #shapes = new Shapes();
  #shapesAtFirstRun = 0;
  #declarations = new Map<string, PrintedDeclaration>();
  /** Each declaration printed last run, by the declaration object: a kept one is not serialized to be found. */
  #printed = new WeakMap<Declaration, PrintedDeclaration>();
  #schemaDeclarations = new Map<string, KeptDeclaration>();
  #links: string | undefined;
  /**
   * How many runs reused the validators, declarations printed, validator statements and functions
   * replayed or made, how often the serialized schema nodes were started again, and parameter
   * groups' check functions replayed (for tests).
   */
  readonly stats = {
    validatorsReused: 0,
    declarationsPrinted: 0,
    unitsReplayed: 0,
    unitsMade: 0,
    unitConflicts: 0,
    sideFunctionsReplayed: 0,
    shapesRenewed: 0,
    groupChecksReplayed: 0,
  };

  /** The validators made last run when the IR differs from that run's in docs at most, else `emit`'s. */
  validators(api: IrApi, emit: () => EmittedFile[]): EmittedFile[] {
    const key = docFreeKey(api);
    if (this.#validators !== undefined && sameKey(this.#validators.key, key)) {
      this.stats.validatorsReused += 1;
      return this.#validators.files;
    }
    const files = emit();
    this.#validators = { key, files };
    return files;
  }

  /**
   * The named schemas' validator statements kept from the last run that made the module, for a
   * run after an edit beyond docs: each is replayed (ModuleScope.replay) where what it read is
   * unchanged, so that only the schemas an edit reached are emitted again.
   */
  validatorUnits(none = false): ValidatorUnits {
    const last = none ? new Map<string, ValidatorUnit>() : this.#units;
    const lastSide = none ? new Map<IrSchema, Map<string, SideFunction>>() : this.#sideFunctions;
    const lastGroups = none ? new Map<string, GroupCheck>() : this.#groupChecks;
    const nextGroups = new Map<string, GroupCheck>();
    const next = new Map<string, ValidatorUnit>();
    const nextSide = new Map<IrSchema, Map<string, SideFunction>>();
    // Shapes keeps a number or two for every node it met, the ones edits replaced too: started
    // again when those outnumber the ones a run meets
    if (this.#shapes.size > 2 * this.#shapesAtFirstRun + 1_000) {
      this.#shapes = new Shapes();
      this.#shapesAtFirstRun = 0;
      this.stats.shapesRenewed += 1;
    }
    const shapes = this.#shapes;
    return {
      shapes,
      groupCheck: (key) => lastGroups.get(key),
      keepGroupCheck: (check, replayed) => {
        if (replayed) this.stats.groupChecksReplayed += 1;
        nextGroups.set(check.key, check);
      },
      get: (named, requestOnly) => {
        const unit = last.get(named.key);
        return unit !== undefined && unit.schema === named.schema && unit.name === named.name.text && unit.requestOnly === requestOnly
          ? unit
          : undefined;
      },
      keep: (unit) => {
        if (Object.isFrozen(unit.schema)) next.set(unit.key, unit);
      },
      side: (schema, name) => lastSide.get(schema)?.get(name),
      keepSide: (made, replayed) => {
        if (replayed) this.stats.sideFunctionsReplayed += 1;
        if (!Object.isFrozen(made.schema)) return;
        let byName = nextSide.get(made.schema);
        if (byName === undefined) nextSide.set(made.schema, (byName = new Map()));
        byName.set(made.name, made);
      },
      end: () => {
        this.#units = next;
        this.#sideFunctions = nextSide;
        this.#groupChecks = nextGroups;
        if (this.#shapesAtFirstRun === 0) this.#shapesAtFirstRun = shapes.size;
      },
    };
  }

  /** Each declaration printed by `print`, or as last run printed it; keeps this run's for the next. */
  declarations(declarations: readonly Declaration[], print: (declaration: Declaration) => PrintedDeclaration): PrintedDeclaration[] {
    const kept = new Map<string, PrintedDeclaration>();
    const printedNow = new WeakMap<Declaration, PrintedDeclaration>();
    const printed = declarations.map((declaration) => {
      const same = this.#printed.get(declaration);
      const key = same === undefined ? JSON.stringify(declaration) : undefined;
      let result = same ?? kept.get(key!) ?? this.#declarations.get(key!);
      if (result === undefined) {
        result = print(declaration);
        this.stats.declarationsPrinted += 1;
      }
      if (key !== undefined) kept.set(key, result);
      printedNow.set(declaration, result);
      return result;
    });
    this.#declarations = kept;
    this.#printed = printedNow;
    return printed;
  }

  /**
   * One run's declarations of named schemas: a schema whose IR the model kept (frozen) keeps its
   * declaration while its name, direction and request shape are the same, the names its refs
   * were given and the schemas its comment and type looked into are the same, and so are the
   * spec's doc links.
   */
  schemaDeclarations(ctx: TypeContext): DeclarationSession {
    const links = JSON.stringify(ctx.links);
    const last = links === this.#links ? this.#schemaDeclarations : new Map<string, KeptDeclaration>();
    const next = new Map<string, KeptDeclaration>();
    return {
      declaration: (named, shapeOf, declare) => {
        const known = last.get(named.key);
        if (
          known !== undefined &&
          known.schema === named.schema &&
          known.name === named.name.text &&
          known.response === named.usage.response &&
          known.shapeOf === shapeOf &&
          known.names.every(([key, name]) => ctx.refName(key) === name) &&
          known.resolved.every(([key, schema]) => ctx.resolve(key) === schema)
        ) {
          next.set(named.key, known);
          return known.declaration;
        }
        const names: [string, string][] = [];
        const resolved: [string, IrSchema | undefined][] = [];
        const tracked: TypeContext = {
          links: ctx.links,
          refName: (key) => {
            const name = ctx.refName(key);
            names.push([key, name]);
            return name;
          },
          resolve: (key) => {
            const schema = ctx.resolve(key);
            resolved.push([key, schema]);
            return schema;
          },
        };
        const declaration = declare(named, shapeOf, tracked);
        if (Object.isFrozen(named.schema)) {
          next.set(named.key, {
            schema: named.schema,
            name: named.name.text,
            response: named.usage.response,
            shapeOf,
            names,
            resolved,
            declaration,
          });
        }
        return declaration;
      },
      end: () => {
        this.#schemaDeclarations = next;
        this.#links = links;
      },
    };
  }
}

/**
 * The IR as texts without its docs: equal, part for part, for two IRs that differ only in docs.
 * In parts, not joined (a kept schema's part is the same string as last run's, compared at
 * once; joining the whole OpenAI spec's 2 MB of them took 13 ms), each made when sameKey first
 * asks for it: the named schemas' parts first, the rest of the IR (the operations, some 20 ms of
 * text for the whole OpenAI spec) last, so that an edit of a schema's checks is told apart
 * without it.
 */
export class DocFreeKey {
  readonly #api: IrApi;
  readonly #parts: string[] = [];

  constructor(api: IrApi) {
    this.#api = api;
  }

  get length(): number {
    return this.#api.schemas.length * 2 + 1;
  }

  part(index: number): string {
    let part = this.#parts[index];
    if (part === undefined) {
      part = this.#make(index);
      this.#parts[index] = part;
    }
    return part;
  }

  #make(index: number): string {
    if (index === this.#api.schemas.length * 2) {
      const { schemas: _, ...rest } = this.#api;
      return docFreeText(rest);
    }
    const { schema, ...named } = this.#api.schemas[index >> 1]!;
    return index % 2 === 0 ? docFreeText(named) : schemaKey(schema);
  }
}

export function docFreeKey(api: IrApi): DocFreeKey {
  return new DocFreeKey(api);
}

export function sameKey(a: DocFreeKey, b: DocFreeKey): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a.part(index) !== b.part(index)) return false;
  return true;
}

/** Each kept schema's docFreeText: a watch session's model keeps most schemas' IR, frozen (model-cache.ts). */
const schemaKeys = new WeakMap<IrSchema, string>();

function schemaKey(schema: IrSchema): string {
  if (typeof schema !== 'object' || schema === null || !Object.isFrozen(schema)) return docFreeText(schema);
  let key = schemaKeys.get(schema);
  if (key === undefined) {
    key = docFreeText(schema);
    schemaKeys.set(schema, key);
  }
  return key;
}

function docFreeText(value: unknown): string {
  return JSON.stringify(value, (field, value: unknown) => {
    if (DOC_FIELDS.has(field)) return undefined;
    // a const or enum value may be an object with a `description` key of its own
    if (VALUE_FIELDS.has(field)) return JSON.stringify(value) ?? null;
    return value;
  });
}
