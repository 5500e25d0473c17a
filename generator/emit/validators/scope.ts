// The state of one validators module while it is emitted: hoisted constants and functions,
// the check function of each named schema, which refs are inlined, fresh local names, and the
// problems found (emit/unsupported-construct). The emitters themselves stay pure.
import { defaultHint } from '../../diagnostics/codes.js';
import type { Diagnostic, SourceLocation } from '../../diagnostics/diagnostic.js';
import { refsOf } from '../../model/build-model.js';
import { Identifier, isRequestOnly, type IrNamedSchema, type IrSchema } from '../../model/ir.js';
import { followRefs } from '../../model/schema-index.js';
import { VALIDATOR_INTERNAL_NAMES } from '../../model/names.js';
import { code, Code } from '../escape.js';
import { signature } from './print.js';
import { contentHash, HashedNames } from './content-hash.js';
import { Shapes } from './shapes.js';
import type { Target } from './target.js';

/** The helpers of templates/runtime/standard-schema.ts that generated checks call. */
export type RuntimeHelper =
  | LeafHelper
  | 'codePoints'
  | 'duplicateItems'
  | 'expected'
  | 'isObject'
  | 'nest'
  | 'nestRequired'
  | 'fail'
  | 'found'
  | 'foundLiteral'
  | 'jsonEqual'
  | 'missing'
  | 'nestIssues'
  | 'required'
  | 'requiredUnlisted'
  | 'unlisted'
  | 'unionIssues'
  | 'unknownKey'
  | 'unknownKeyMessage'
  | 'unknownKeys';

/** The runtime's one-call checks of a bare leaf property (object.ts). */
export type LeafHelper = `${'req' | 'opt'}${LeafKind}`;

/** The kinds of leaf property the runtime checks in one call: bare, bounded (`…In`) or listed. */
export type LeafKind = 'String' | 'StringIn' | 'Integer' | 'IntegerIn' | 'Number' | 'NumberIn' | 'Boolean' | 'Const' | 'Enum';

/** Emits the check of one schema against one target (the dispatcher, injected to avoid import cycles). */
export type Dispatch = (schema: IrSchema, target: Target, scope: Scope) => Code;

/** Kinds of hoisted module constants; the prefix of their names. */
export type ConstantKind = 'PATTERN' | 'KEYS' | 'NESTED' | 'KEY_SET' | 'VALUES' | 'VALUE' | 'PATH' | 'ENUM' | 'TEXT';

const CONSTANT_TYPES: Record<ConstantKind, Code> = {
  PATTERN: code``,
  KEYS: code`: readonly string[]`,
  NESTED: code`: readonly string[]`,
  KEY_SET: code`: ReadonlySet<string>`,
  VALUES: code`: ReadonlySet<unknown>`,
  VALUE: code`: unknown`,
  PATH: code`: readonly (string | number)[]`,
  ENUM: code`: readonly string[]`,
  TEXT: code``,
};

/**
 * One thing a named schema's statements asked of the module, or did to it, with the answer
 * (ModuleScope.record). A read is answered from the module's inputs alone; a constant, shared
 * shape or hoisted function also adds to the module (the first time it is asked for).
 */
export type ModuleEvent =
  | { readonly kind: 'named'; readonly key: string; readonly schema: IrSchema; readonly name: string }
  | { readonly kind: 'resolve'; readonly schema: IrSchema; readonly result: IrSchema }
  | { readonly kind: 'checkOf' | 'isInlined' | 'ownsCheck' | 'isRecursive'; readonly key: string; readonly result: string | boolean }
  | { readonly kind: 'inlinesRef'; readonly key: string; readonly owner: string; readonly result: boolean }
  | { readonly kind: 'isCompact'; readonly owner: string; readonly result: boolean }
  | { readonly kind: 'constant'; readonly constantKind: ConstantKind; readonly text: string; readonly result: string }
  | { readonly kind: 'sharedShape'; readonly schema: IrSchema; readonly result: string | undefined }
  | { readonly kind: 'hoist'; readonly schema: IrSchema; readonly owner: string; readonly result: string }
  | { readonly kind: 'mayRecurse'; readonly schema: IrSchema; readonly result: boolean };

/** A function's text, and what making it read of the module and added to it (ModuleScope.record). */
export interface RecordedText {
  readonly events: readonly ModuleEvent[];
  readonly text: string;
}

/**
 * A check function made on the side (a shared shape's or a hoisted one's) in a watch session's
 * last run: its text, and its events as ModuleScope.record made them.
 */
export interface SideFunction extends RecordedText {
  readonly schema: IrSchema;
  readonly name: string;
}

/**
 * What a watch session keeps for the module from run to run: the functions made on the side
 * (last run's to replay, this run's to keep), and the schema nodes already serialized.
 */
export interface ScopeSession {
  readonly shapes: Shapes;
  side(schema: IrSchema, name: string): SideFunction | undefined;
  /** Keeps a function for the next run; `replayed` when it is last run's (counted, for tests). */
  keepSide(made: SideFunction, replayed: boolean): void;
}

/**
 * A replay named something otherwise than a fresh run would (ModuleScope.replay): the module is
 * not a fresh run's, and must be made again from the start, without kept statements.
 */
export class ReplayConflict extends Error {
  constructor(what: string) {
    super(`a replayed validator statement named ${what} otherwise than a fresh run`);
  }
}

/** The largest schema (in nodes, refs expanded) a ref inlines; bigger ones are called. */
const INLINE_NODES = 12;

export class ModuleScope {
  readonly constants: string[] = [];
  /** Hoisted check functions, as source text (see print.ts). */
  readonly functions: string[] = [];
  readonly problems: Diagnostic[] = [];
  readonly #named: ReadonlyMap<string, IrNamedSchema>;
  readonly #constantNames = new Map<string, Identifier>();
  /** Constants and shared shapes are named after their content (content-hash.ts). */
  readonly #hashedNames = new HashedNames();
  /** Hoisted check functions by the shape of their schema (shapeOf): one for equal variants anywhere. */
  readonly #hoisted = new Map<number, Identifier>();
  readonly #counters = new Map<string, number>();
  readonly #inlineSize = new Map<string, number>();

  /** How often each inline object or union shape occurs (by #shapeId), over every named schema. */
  readonly #shapeCounts = new Map<number, number>();
  /** Every schema node serialized once, numbered here and by the check owners (shapes.ts). */
  readonly #shapes: Shapes;
  /** Each schema node's shape: equal numbers for equal shapes (refs equal when their targets are). */
  readonly #shapeId: (schema: IrSchema) => number;
  readonly #sharedShapes = new Map<number, Identifier>();
  /** Each schema node's shape as a content hash, which names a shared shape's check. */
  readonly #shapeHash: (schema: IrSchema) => string;
  /** Named schemas that can reach themselves through refs: only their checks can recurse. */
  readonly recursive: ReadonlySet<string>;
  /** For each named schema, the one whose check function it calls: itself, or the first of the same shape. */
  readonly #checkOwners: ReadonlyMap<string, string>;
  /** The type names of the check owners whose every schema only requests send (see isCompact). */
  readonly #compactOwners: ReadonlySet<string>;
  /** How many `$ref`s point at each named schema, over every named schema; counted on first use. */
  #refCounts: Map<string, number> | undefined;
  /** The events of the statements being recorded (record). */
  #log: ModuleEvent[] | undefined;

  constructor(
    named: readonly IrNamedSchema[],
    readonly dispatch: Dispatch,
    readonly locate: (pointer: string) => SourceLocation,
    /** A watch session's functions made on the side and schema nodes, kept from its last run. */
    readonly session?: ScopeSession,
  ) {
    this.#shapes = session?.shapes ?? new Shapes();
    this.#shapeId = this.#shapes.numbering();
    this.#shapeHash = this.#shapes.hashing();
    this.#named = new Map(named.map((schema) => [schema.key, schema]));
    for (const schema of named) this.#countShapes(schema.schema, true);
    this.recursive = recursiveKeys(named);
    this.#checkOwners = checkOwners(named, this.recursive, this.#shapes);
    this.#compactOwners = compactOwners(named, this.#checkOwners);
  }

  /**
   * `emit`'s result (a named schema's statements), and the events it made: what it read of the
   * module and added to it, in order, for `replay` in a later run. A function made on the side
   * (a shared shape's, a hoisted one's) is not in them: replay asks for it, and it is made
   * again only if this run has not made it yet. No events when `emit` reported a problem.
   */
  record<T>(emit: () => T): { readonly result: T; readonly events: readonly ModuleEvent[] | undefined } {
    const outer = this.#log;
    const events: ModuleEvent[] = [];
    const problems = this.problems.length;
    this.#log = events;
    try {
      const result = emit();
      return { result, events: this.problems.length === problems ? events : undefined };
    } finally {
      this.#log = outer;
    }
  }

  /**
   * Makes again what recorded `events` made, when every read among them gets the answer it got
   * then: the same constants, shared shapes and hoisted functions, asked for in the same order
   * as `emit` asked, so the module comes out as a fresh run makes it. False (nothing done) when
   * a read differs; throws ReplayConflict when a name came out different.
   */
  replay(events: readonly ModuleEvent[]): boolean {
    for (const event of events) if (!this.#answers(event)) return false;
    for (const event of events) {
      let made: string | undefined;
      if (event.kind === 'constant') made = this.#constant(event.constantKind, Code.raw(event.text)).text;
      else if (event.kind === 'sharedShape') made = this.#sharedShape(event.schema)?.text;
      else if (event.kind === 'hoist') made = this.#hoist(event.schema, event.owner).text;
      else continue;
      if (made !== event.result) throw new ReplayConflict(`${made ?? 'nothing'} (was ${event.result ?? 'nothing'})`);
    }
    return true;
  }

  /**
   * Whether a read gets the answer it got when recorded (the rest, additions, are checked as
   * they are made again); a read of a schema no longer there gets none.
   */
  #answers(event: ModuleEvent): boolean {
    try {
      return this.#answersNow(event);
    } catch {
      return false;
    }
  }

  #answersNow(event: ModuleEvent): boolean {
    switch (event.kind) {
      case 'named': {
        const named = this.#named.get(event.key);
        return named !== undefined && named.schema === event.schema && named.name.text === event.name;
      }
      case 'resolve':
        return this.#resolve(event.schema) === event.result;
      case 'checkOf':
        return this.#checkOf(event.key).text === event.result;
      case 'isInlined':
        return this.#isInlined(event.key) === event.result;
      case 'ownsCheck':
        return ((this.#checkOwners.get(event.key) ?? event.key) === event.key) === event.result;
      case 'isRecursive':
        return this.recursive.has(event.key) === event.result;
      case 'inlinesRef':
        return this.#inlinesRef(event.key, event.owner) === event.result;
      case 'isCompact':
        return this.#compactOwners.has(event.owner) === event.result;
      case 'sharedShape':
        // shared or not follows from every schema's shapes; the name is checked as it is made
        return (this.#shapeCounts.get(this.#shapeId(event.schema)) ?? 0) >= 2 === (event.result !== undefined);
      case 'hoist':
        // a ref's is its target's check, a read; another's name is checked as it is made
        return event.schema.kind !== 'ref' || this.#checkOf(event.schema.target).text === event.result;
      case 'mayRecurse':
        return this.#mayRecurse(event.schema) === event.result;
      default:
        return true;
    }
  }

  #note(event: ModuleEvent): void {
    this.#log?.push(event);
  }

  /**
   * The text of a function made on the side, `name`'s check of `schema`: last run's, replayed,
   * when a watch session kept it and what it read is unchanged, else `make`'s. Its reads and
   * additions are its own events, not those of the statements being recorded: a replay of
   * those asks for the function, which is made (or replayed) again only if this run has not
   * made it yet.
   */
  #sideFunction(schema: IrSchema, name: Identifier, make: () => string): string {
    const side = this.session;
    const outer = this.#log;
    this.#log = undefined;
    try {
      if (side === undefined) return make();
      return this.replayOrMake(side.side(schema, name.text), make, (made, replayed) =>
        side.keepSide({ schema, name: name.text, ...made }, replayed),
      );
    } finally {
      this.#log = outer;
    }
  }

  /**
   * `kept`'s text (a function a watch session's last run made) when its events replay, else
   * `make`'s, recorded; `keep` gets what the next run may replay (nothing when `make` reported
   * a problem), and whether it was replayed.
   */
  replayOrMake(kept: RecordedText | undefined, make: () => string, keep: (made: RecordedText, replayed: boolean) => void): string {
    if (kept !== undefined && this.replay(kept.events)) {
      keep(kept, true);
      return kept.text;
    }
    const { result, events } = this.record(make);
    if (events !== undefined) keep({ events, text: result }, false);
    return result;
  }

  /**
   * Whether a ref to `key` from a check of `owner` is checked inline (isInlined): in a check
   * written for size (isCompact), only when nothing else refers to the schema, so that inlining
   * copies no check. Inline, a value's issues need no nesting under the property, which keeps
   * an invalid request's report quick.
   */
  inlinesRef(key: string, owner: string): boolean {
    const result = this.#inlinesRef(key, owner);
    this.#note({ kind: 'inlinesRef', key, owner, result });
    return result;
  }

  #inlinesRef(key: string, owner: string): boolean {
    if (!this.#isInlined(key)) return false;
    if (!this.#compactOwners.has(owner)) return true;
    if (this.#refCounts === undefined) {
      this.#refCounts = new Map();
      for (const schema of this.#named.values())
        for (const target of refsOf(schema.schema, false)) this.#refCounts.set(target, (this.#refCounts.get(target) ?? 0) + 1);
    }
    return (this.#refCounts.get(key) ?? 0) <= 1;
  }

  /**
   * Whether the checks of `owner` (a named schema's type name) are written for size rather than
   * speed: a leaf property is one runtime call instead of an inline test with the call on
   * failure. So are the checks of schemas only requests send: a request is checked once before
   * it is sent, and these checks are much of what a bundle that calls one operation carries.
   */
  isCompact(owner: string): boolean {
    const result = this.#compactOwners.has(owner);
    this.#note({ kind: 'isCompact', owner, result });
    return result;
  }

  /** Equal numbers for schemas of one shape: the same rules and children, docs and examples aside. */
  shapeOf(schema: IrSchema): number {
    return this.#shapeId(schema);
  }

  /** Whether a named schema's check is its own function (else it calls an equal schema's: checkOf). */
  ownsCheck(key: string): boolean {
    const result = (this.#checkOwners.get(key) ?? key) === key;
    this.#note({ kind: 'ownsCheck', key, result });
    return result;
  }

  /** Whether a named schema can reach itself through refs (its check guards its depth). */
  isRecursive(key: string): boolean {
    const result = this.recursive.has(key);
    this.#note({ kind: 'isRecursive', key, result });
    return result;
  }

  /**
   * The check function of an inline object or union shape that occurs more than once in the
   * spec (the same properties and rules, descriptions aside), emitted once and called from each
   * place; undefined for a shape that occurs once.
   */
  sharedShape(schema: IrSchema): Identifier | undefined {
    const result = this.#sharedShape(schema);
    this.#note({ kind: 'sharedShape', schema, result: result?.text });
    return result;
  }

  #sharedShape(schema: IrSchema): Identifier | undefined {
    const key = this.#shapeId(schema);
    if ((this.#shapeCounts.get(key) ?? 0) < 2) return undefined;
    const existing = this.#sharedShapes.get(key);
    if (existing !== undefined) return existing;
    const name = this.#hashedNames.nameOf(`shape ${key}`, this.#shapeHash(schema), VALIDATOR_INTERNAL_NAMES.sharedShape);
    this.#sharedShapes.set(key, name);
    this.functions.push(
      this.#sideFunction(schema, name, () =>
        checkFunction(name, new Scope(this, name.text.slice('check_'.length)).rootCheck(schema), this.mayRecurse(schema)),
      ),
    );
    return name;
  }

  /** Whether a check of `schema` can call itself again: it refers to a schema on a cycle of refs. */
  mayRecurse(schema: IrSchema): boolean {
    const result = this.#mayRecurse(schema);
    this.#note({ kind: 'mayRecurse', schema, result });
    return result;
  }

  #mayRecurse(schema: IrSchema): boolean {
    return refsOf(schema).some((key) => this.recursive.has(key));
  }

  #countShapes(schema: IrSchema, isRoot: boolean): void {
    const children: IrSchema[] = [];
    switch (schema.kind) {
      case 'object':
        children.push(
          ...schema.properties.map((property) => property.schema),
          ...(typeof schema.additionalProperties === 'object' ? [schema.additionalProperties] : []),
        );
        break;
      case 'array':
        children.push(...(schema.prefixItems ?? []), schema.items);
        break;
      case 'union':
        children.push(...schema.variants);
        break;
      case 'allOf':
        children.push(...schema.parts);
        break;
      default:
        return;
    }
    for (const child of children) this.#countShapes(child, false);
    if (isRoot || (schema.kind !== 'object' && schema.kind !== 'union') || children.length === 0) return;
    const key = this.#shapeId(schema);
    this.#shapeCounts.set(key, (this.#shapeCounts.get(key) ?? 0) + 1);
  }

  /** A runtime helper to call; module.ts imports the ones the emitted text uses. */
  helper(name: RuntimeHelper): Identifier {
    return new Identifier(name);
  }

  /** A module-level `const` (regex, key list, set), shared by every check that needs the same value. */
  constant(kind: ConstantKind, value: Code): Identifier {
    const name = this.#constant(kind, value);
    this.#note({ kind: 'constant', constantKind: kind, text: value.text, result: name.text });
    return name;
  }

  #constant(kind: ConstantKind, value: Code): Identifier {
    const key = `${kind}:${value.text}`;
    const existing = this.#constantNames.get(key);
    if (existing !== undefined) return existing;
    const name = this.#hashedNames.nameOf(key, contentHash(key), (hash) => VALIDATOR_INTERNAL_NAMES.constant(kind, hash));
    this.#constantNames.set(key, name);
    // a constructed constant (a RegExp, a Set) is pure for every bundler: an unused one is dropped
    // by its code alone, not only by the package's sideEffects claim
    const pure = value.text.startsWith('new ') ? '/* @__PURE__ */ ' : '';
    this.constants.push(code`const ${name}${CONSTANT_TYPES[kind]} = ${Code.raw(pure)}${value};`.text);
    return name;
  }

  named(key: string): IrNamedSchema {
    const schema = this.#entry(key);
    this.#note({ kind: 'named', key, schema: schema.schema, name: schema.name.text });
    return schema;
  }

  /** `check_ChatSession`: the internal check function of a named schema (shared by equal ones). */
  checkOf(key: string): Identifier {
    const result = this.#checkOf(key);
    this.#note({ kind: 'checkOf', key, result: result.text });
    return result;
  }

  #checkOf(key: string): Identifier {
    return VALIDATOR_INTERNAL_NAMES.check(this.#entry(this.#checkOwners.get(key) ?? key).name.text);
  }

  /** The schema a ref chain ends at (refs to refs are followed; build-model refuses a cycle of refs). */
  resolve(schema: IrSchema): IrSchema {
    const resolved = this.#resolve(schema);
    if (resolved === undefined) throw new Error(`a cycle of refs at ${schema.source}: build-model refuses it (model/ref-cycle)`);
    this.#note({ kind: 'resolve', schema, result: resolved });
    return resolved;
  }

  #resolve(schema: IrSchema): IrSchema | undefined {
    return followRefs(schema, (key) => this.#entry(key).schema);
  }

  /** A check function for an unnamed schema (a union variant), named after the schema that holds it. */
  hoist(schema: IrSchema, owner: string): Identifier {
    const result = this.#hoist(schema, owner);
    this.#note({ kind: 'hoist', schema, owner, result: result.text });
    return result;
  }

  #hoist(schema: IrSchema, owner: string): Identifier {
    if (schema.kind === 'ref') return this.#checkOf(schema.target);
    const shape = this.#shapeId(schema);
    const existing = this.#hoisted.get(shape);
    if (existing !== undefined) return existing;
    const count = (this.#counters.get(owner) ?? 0) + 1;
    this.#counters.set(owner, count);
    const name = VALIDATOR_INTERNAL_NAMES.hoisted(owner, count);
    this.#hoisted.set(shape, name);
    this.functions.push(
      this.#sideFunction(schema, name, () => checkFunction(name, new Scope(this, owner).rootCheck(schema), this.mayRecurse(schema))),
    );
    return name;
  }

  /**
   * Whether a ref to `key` is checked inline rather than by calling its check function (as
   * ajv's inlineRefs does): when the schema cannot reach itself and, fully expanded, has at
   * most INLINE_NODES nodes. Saves a call and the nesting of issues on every use.
   */
  isInlined(key: string): boolean {
    const result = this.#isInlined(key);
    this.#note({ kind: 'isInlined', key, result });
    return result;
  }

  #isInlined(key: string): boolean {
    let size = this.#inlineSize.get(key);
    if (size === undefined) {
      size = this.#expandedSize(this.#entry(key).schema, new Set([key]), { left: INLINE_NODES });
      this.#inlineSize.set(key, size);
    }
    return size <= INLINE_NODES;
  }

  /** A named schema by key (unrecorded: named() records the read). */
  #entry(key: string): IrNamedSchema {
    const named = this.#named.get(key);
    if (named === undefined) throw new Error(`no named schema ${JSON.stringify(key)}`);
    return named;
  }

  /**
   * Nodes of a schema with its refs expanded; Infinity when a ref leads back into `path` or the
   * count passes the budget. The budget matters: expanding refs is exponential in a graph of
   * schemas that refer to each other (a chain of `previous` links in a large spec), and only
   * "at most INLINE_NODES" is ever asked.
   */
  #expandedSize(schema: IrSchema, path: ReadonlySet<string>, budget: { left: number }): number {
    if (--budget.left < 0) return Infinity;
    const inner = (next: IrSchema) => this.#expandedSize(next, path, budget);
    const all = (schemas: readonly IrSchema[]) => {
      let total = 0;
      for (const next of schemas) {
        total += inner(next);
        if (total === Infinity) break;
      }
      return total;
    };
    switch (schema.kind) {
      case 'ref':
        return path.has(schema.target)
          ? Infinity
          : 1 + this.#expandedSize(this.#entry(schema.target).schema, new Set([...path, schema.target]), budget);
      case 'object':
        return (
          1 +
          all([
            ...schema.properties.map((property) => property.schema),
            ...(typeof schema.additionalProperties === 'object' ? [schema.additionalProperties] : []),
            ...(schema.propertyNames ? [schema.propertyNames] : []),
          ])
        );
      case 'array':
        return 1 + all([...(schema.prefixItems ?? []), schema.items]);
      case 'union':
        return 1 + all([...schema.variants, ...(schema.unevaluatedProperties ? [schema.unevaluatedProperties] : [])]);
      case 'allOf':
        return 1 + all([...schema.parts, ...(schema.unevaluatedProperties ? [schema.unevaluatedProperties] : [])]);
      case 'not':
        return 1 + inner(schema.schema);
      default:
        return 1;
    }
  }

  unsupported(pointer: string, message: string, hint?: string): void {
    this.problems.push({
      code: 'emit/unsupported-construct',
      severity: 'error',
      message,
      hint: hint ?? defaultHint('emit/unsupported-construct'),
      at: this.locate(pointer),
    });
  }
}

/** One check function being emitted: hands out fresh local names. */
export class Scope {
  #locals = 0;
  constructor(
    readonly module: ModuleScope,
    /** The type name of the named schema being emitted (names hoisted functions). */
    readonly owner: string,
  ) {}

  local(prefix: 'v' | 'k' | 'i' | 'o' | 'r' | 'n'): Identifier {
    this.#locals += 1;
    return VALIDATOR_INTERNAL_NAMES.local(prefix, this.#locals);
  }

  check(schema: IrSchema, target: Target): Code {
    return this.module.dispatch(schema, target, this);
  }

  /** Whether this function is written for size (ModuleScope.isCompact). */
  get isCompact(): boolean {
    return this.module.isCompact(this.owner);
  }

  /** The body of a check function for `schema`, on the function's input. */
  rootCheck(schema: IrSchema): Code {
    return this.check(schema, ROOT_TARGET);
  }
}

/**
 * Which named schema's check function each named schema calls. Schemas of one shape (the same
 * rules, docs aside: an API's `Beta…` twins) share the first one's; refs count as equal when
 * their targets share a check, so sharing spreads up the refs until nothing changes. A check of a
 * schema on a cycle of refs guards its depth, so that decides too. Equal shapes give the same
 * check text: a ref is inlined or called by its target's shape and recursion alone, and no
 * message names a ref's target.
 */
function checkOwners(named: readonly IrNamedSchema[], recursive: ReadonlySet<string>, shapes: Shapes): Map<string, string> {
  let owners = new Map(named.map((schema) => [schema.key, schema.key]));
  for (;;) {
    const current = owners;
    const shapeOf = shapes.numbering((target) => current.get(target) ?? target);
    const first = new Map<string, string>();
    const next = new Map<string, string>();
    for (const schema of named) {
      const shape = `${shapeOf(schema.schema)} ${recursive.has(schema.key)}`;
      const owner = first.get(shape) ?? schema.key;
      first.set(shape, owner);
      next.set(schema.key, owner);
    }
    if ([...next].every(([key, owner]) => current.get(key) === owner)) return next;
    owners = next;
  }
}

/** The type names of the check owners whose schemas are all sent by requests and received by no response. */
function compactOwners(named: readonly IrNamedSchema[], owners: ReadonlyMap<string, string>): Set<string> {
  const byKey = new Map(named.map((schema) => [schema.key, schema]));
  const requestOnly = new Map<string, boolean>();
  for (const schema of named) {
    const owner = owners.get(schema.key) ?? schema.key;
    requestOnly.set(owner, (requestOnly.get(owner) ?? true) && isRequestOnly(schema));
  }
  return new Set([...requestOnly].filter(([, only]) => only).map(([owner]) => byKey.get(owner)!.name.text));
}

/**
 * The keys of named schemas on a cycle of refs (through any part of a schema): each in a
 * strongly connected component of more than one schema, or referring to itself. Tarjan's
 * algorithm, in one pass over the refs (a search from every schema took 5-13 ms on the whole
 * OpenAI spec, at every watch run), with a stack of its own instead of recursion: a chain of
 * refs in a large spec may be thousands long.
 */
function recursiveKeys(named: readonly IrNamedSchema[]): Set<string> {
  const edges = new Map(named.map((schema) => [schema.key, refsOf(schema.schema)]));
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const result = new Set<string>();
  const frames: { readonly key: string; readonly targets: readonly string[]; next: number }[] = [];
  const open = (key: string) => {
    order.set(key, order.size);
    low.set(key, order.size - 1);
    stack.push(key);
    onStack.add(key);
    frames.push({ key, targets: edges.get(key)!, next: 0 });
  };
  for (const root of edges.keys()) {
    if (order.has(root)) continue;
    open(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      if (frame.next < frame.targets.length) {
        const target = frame.targets[frame.next++]!;
        // a ref to no named schema ends there
        if (!edges.has(target)) continue;
        if (!order.has(target)) open(target);
        else if (onStack.has(target)) low.set(frame.key, Math.min(low.get(frame.key)!, order.get(target)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent !== undefined) low.set(parent.key, Math.min(low.get(parent.key)!, low.get(frame.key)!));
      if (low.get(frame.key) !== order.get(frame.key)) continue;
      const component: string[] = [];
      let key: string;
      do {
        key = stack.pop()!;
        onStack.delete(key);
        component.push(key);
      } while (key !== frame.key);
      if (component.length > 1 || frame.targets.includes(frame.key)) for (const member of component) result.add(member);
    }
  }
  return result;
}

export const ROOT_TARGET: Target = { value: new Identifier('value'), path: [], label: Code.raw('label'), prefix: '' };

/**
 * `function check_X(value, mode, label, depth): rt.Issues { … }` (the runtime's Issues); `depth`
 * is the value's level below the validated one, and past MAX_DEPTH the check stops (ref.ts).
 */
export function checkFunction(name: Identifier, body: Code, mayRecurse: boolean): string {
  const header = signature(`function ${name.text}`, ['value: unknown', 'mode: number', 'label: string', 'depth: number'], ': rt.Issues');
  // a check that cannot reach itself is called at a bounded depth below one that can
  const guard = mayRecurse ? ['if (depth > MAX_DEPTH) {', 'return tooDeep();', '}'] : [];
  const early = earlyReturn(body.text);
  const lines = early === undefined ? [body.text] : [early.guard, tailCases(early.rest)];
  return [header, ...guard, 'let issues: rt.Issues;', ...lines, '', 'return issues;', '}'].join('\n');
}

/**
 * A body that is `if (test) { rest } else { issues = report(issues, …); }` (an object's check,
 * most often) as `if (!(test)) return report(issues, …);` and the rest one level up: the same
 * checks in the same order, and each line of the rest two columns shorter (the whole OpenAI
 * spec's validators are 5 % smaller). Undefined for any other body.
 */
function earlyReturn(body: string): { readonly guard: string; readonly rest: string } | undefined {
  const lines = body.split('\n');
  const test = /^if \((.*)\) \{$/.exec(lines[0]!);
  const report = /^issues = ([A-Za-z_$][\w$]*)\(issues, (.*)\);$/.exec(lines[lines.length - 2] ?? '');
  if (test === null || report === null || lines[lines.length - 1] !== '}' || lines[lines.length - 3] !== '} else {') return undefined;
  // the `} else {` must close the first line's block: no line between them leaves it
  let depth = 0;
  for (const line of lines.slice(0, -3)) {
    if (line.startsWith('}')) depth--;
    if (depth <= 0 && line !== lines[0]) return undefined;
    if (line.endsWith('{')) depth++;
  }
  if (depth !== 1) return undefined;
  // a call needs no parentheses after `!` (prettier drops them); anything else keeps them
  const negated = /^[A-Za-z_$][\w$.]*\([^()]*\)$/.test(test[1]!) ? `!${test[1]}` : `!(${test[1]})`;
  return { guard: `if (${negated}) return ${report[1]}(issues, ${report[2]});`, rest: lines.slice(1, -3).join('\n') };
}

/**
 * A body that ends in a discriminator's `switch`, with no issue found before it: a case that
 * only adds the issues of its variant's check (on the function's own input) returns them,
 * `case 'a': return check_A(value, mode, label, depth);`, where it was six lines of
 * `const r = …; if (r !== undefined) { issues = nestIssues(issues, [], r, ''); } break;`. The
 * issues are the same array, and nothing after the switch is skipped. Any other body as it is.
 */
function tailCases(body: string): string {
  const lines = body.split('\n');
  const start = lines.findIndex((line) => /^switch \(v\d+\) \{$/.test(line));
  if (start === -1 || lines.slice(0, start).some((line) => line.includes('issues') || line.endsWith('{'))) return body;
  // the switch must be the last statement: its `}` closes at the last line
  let depth = 0;
  for (const line of lines.slice(start, -1)) {
    if (line.startsWith('}')) depth--;
    if (line.endsWith('{')) depth++;
    if (depth === 0) return body;
  }
  if (lines[lines.length - 1] !== '}') return body;
  const out = lines.slice(0, start + 1);
  // only the switch's own cases (depth 1): a case of a switch nested in one has code after it
  let level = 1;
  for (let i = start + 1; i < lines.length; i++) {
    const open = level === 1 ? /^((?:case .*|default):) \{$/.exec(lines[i]!) : null;
    const call = /^const (r\d+) = ([A-Za-z_$][\w$]*\(value, mode, label, depth\));$/.exec(lines[i + 1] ?? '');
    const tail = lines[i + 5] === 'break;' ? 6 : 5;
    if (
      open !== null &&
      call !== null &&
      lines[i + 2] === `if (${call[1]} !== undefined) {` &&
      lines[i + 3] === `issues = nestIssues(issues, [], ${call[1]}, '');` &&
      lines[i + 4] === '}' &&
      lines[i + tail] === '}'
    ) {
      out.push(open[1]!, `return ${call[2]};`);
      i += tail;
    } else {
      const line = lines[i]!;
      if (line.startsWith('}')) level--;
      if (line.endsWith('{')) level++;
      out.push(line);
    }
  }
  return out.join('\n');
}
