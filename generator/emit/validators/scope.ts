// The state of one validators module while it is emitted: hoisted constants and functions,
// the check function of each named schema, which refs are inlined, fresh local names, and the
// problems found (emit/unsupported-construct). The emitters themselves stay pure.
import { defaultHint } from '../../diagnostics/codes.js';
import type { Diagnostic, SourceLocation } from '../../diagnostics/diagnostic.js';
import { Identifier, type IrNamedSchema, type IrSchema } from '../../model/ir.js';
import { code, Code } from '../escape.js';
import { signature } from './print.js';
import type { Target } from './target.js';

/** The helpers of templates/runtime/standard-schema.ts that generated checks call. */
export type RuntimeHelper = 'codePoints' | 'duplicateItems' | 'expected' | 'fail' | 'found' | 'foundLiteral' | 'jsonEqual' | 'missing' | 'nestIssues' | 'unionIssues' | 'unknownKeyMessage';

/** Emits the check of one schema against one target (the dispatcher, injected to avoid import cycles). */
export type Dispatch = (schema: IrSchema, target: Target, scope: Scope) => Code;

/** Kinds of hoisted module constants; the prefix of their names. */
export type ConstantKind = 'PATTERN' | 'KEYS' | 'NESTED' | 'KEY_SET' | 'VALUES' | 'VALUE';

/** The largest schema (in nodes, refs expanded) a ref inlines; bigger ones are called. */
const INLINE_NODES = 24;

const CONSTANT_TYPES: Record<ConstantKind, Code> = {
  PATTERN: code``,
  KEYS: code`: readonly string[]`,
  NESTED: code`: readonly string[]`,
  KEY_SET: code`: ReadonlySet<string>`,
  VALUES: code`: ReadonlySet<unknown>`,
  VALUE: code`: unknown`,
};

export class ModuleScope {
  readonly constants: string[] = [];
  /** Hoisted check functions, as source text (see print.ts). */
  readonly functions: string[] = [];
  readonly problems: Diagnostic[] = [];
  readonly #named: ReadonlyMap<string, IrNamedSchema>;
  readonly #constantNames = new Map<string, Identifier>();
  readonly #hoisted = new Map<IrSchema, Identifier>();
  readonly #counters = new Map<string, number>();
  readonly #inlineSize = new Map<string, number>();

  constructor(
    named: readonly IrNamedSchema[],
    readonly dispatch: Dispatch,
    readonly locate: (pointer: string) => SourceLocation,
  ) {
    this.#named = new Map(named.map((schema) => [schema.key, schema]));
  }

  /** A runtime helper to call; module.ts imports the ones the emitted text uses. */
  helper(name: RuntimeHelper): Identifier {
    return new Identifier(name);
  }

  /** A module-level `const` (regex, key list, set), shared by every check that needs the same value. */
  constant(kind: ConstantKind, value: Code): Identifier {
    const key = `${kind}:${value.text}`;
    const existing = this.#constantNames.get(key);
    if (existing !== undefined) return existing;
    const name = new Identifier(`${kind}_${this.#constantNames.size + 1}`);
    this.#constantNames.set(key, name);
    this.constants.push(code`const ${name}${CONSTANT_TYPES[kind]} = ${value};`.text);
    return name;
  }

  named(key: string): IrNamedSchema {
    const schema = this.#named.get(key);
    if (schema === undefined) throw new Error(`no named schema ${JSON.stringify(key)}`);
    return schema;
  }

  /** `check_ChatSession`: the internal check function of a named schema. */
  checkOf(key: string): Identifier {
    return new Identifier(`check_${this.named(key).name.text}`);
  }

  /** The schema a ref chain ends at (refs to refs are followed; a cycle of refs is reported elsewhere). */
  resolve(schema: IrSchema): IrSchema {
    let current = schema;
    for (let hops = 0; current.kind === 'ref' && hops < 64; hops++) current = this.named(current.target).schema;
    return current;
  }

  /** A check function for an unnamed schema (a union variant), named after the schema that holds it. */
  hoist(schema: IrSchema, owner: string): Identifier {
    if (schema.kind === 'ref') return this.checkOf(schema.target);
    const existing = this.#hoisted.get(schema);
    if (existing !== undefined) return existing;
    const count = (this.#counters.get(owner) ?? 0) + 1;
    this.#counters.set(owner, count);
    const name = new Identifier(`check_${owner}_${count}`);
    this.#hoisted.set(schema, name);
    this.functions.push(checkFunction(name, new Scope(this, owner).rootCheck(schema)));
    return name;
  }

  /**
   * Whether a ref to `key` is checked inline rather than by calling its check function (as
   * ajv's inlineRefs does): when the schema cannot reach itself and, fully expanded, has at
   * most INLINE_NODES nodes. Saves a call and the nesting of issues on every use.
   */
  isInlined(key: string): boolean {
    let size = this.#inlineSize.get(key);
    if (size === undefined) {
      size = this.#expandedSize(this.named(key).schema, new Set([key]), { left: INLINE_NODES });
      this.#inlineSize.set(key, size);
    }
    return size <= INLINE_NODES;
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
        return path.has(schema.target) ? Infinity : 1 + this.#expandedSize(this.named(schema.target).schema, new Set([...path, schema.target]), budget);
      case 'object':
        return 1 + all([...schema.properties.map((property) => property.schema), ...(typeof schema.additionalProperties === 'object' ? [schema.additionalProperties] : []), ...(schema.propertyNames ? [schema.propertyNames] : [])]);
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
    this.problems.push({ code: 'emit/unsupported-construct', severity: 'error', message, hint: hint ?? defaultHint('emit/unsupported-construct'), at: this.locate(pointer) });
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
    return new Identifier(`${prefix}${this.#locals}`);
  }

  check(schema: IrSchema, target: Target): Code {
    return this.module.dispatch(schema, target, this);
  }

  /** The body of a check function for `schema`, on the function's input. */
  rootCheck(schema: IrSchema): Code {
    return this.check(schema, ROOT_TARGET);
  }
}

export const ROOT_TARGET: Target = { value: new Identifier('value'), path: [], label: Code.raw('label'), prefix: '' };

/**
 * `function check_X(value, strict, label, depth): ValidationIssue[] | undefined { … }`; `depth`
 * is the value's level below the validated one, and past MAX_DEPTH the check stops (ref.ts).
 */
export function checkFunction(name: Identifier, body: Code): string {
  const header = signature(`function ${name.text}`, ['value: unknown', 'strict: boolean', 'label: string', 'depth: number'], ': ValidationIssue[] | undefined');
  return [header, 'if (depth > MAX_DEPTH) {', 'return tooDeep();', '}', 'let issues: ValidationIssue[] | undefined;', body.text, '', 'return issues;', '}'].join('\n');
}
