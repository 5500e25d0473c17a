// The shape of a schema node as a number: equal numbers for nodes with the same rules and the
// same children, docs and examples aside. Each node is serialized once (its own keywords, each
// child a hole); a numbering then only joins numbers, so numbering again with refs grouped
// differently (ModuleScope's check owners) costs little.
import type { IrSchema } from '../../model/ir.js';
import { contentHash } from './content-hash.js';

/**
 * A node's serialization and its children, for a node the model kept (frozen, so unchanged): a
 * watch session's later runs serialize only the nodes an edit made.
 */
const KEPT = new WeakMap<IrSchema, { readonly text: string; readonly children: readonly IrSchema[] }>();

/** Keywords that do not change a check. */
const IGNORED = new Set(['source', 'title', 'description', 'deprecated', 'default', 'examples', 'contentSchema']);

/**
 * The schema nodes met, each serialized once. A watch session keeps one from run to run
 * (EmitCache), so that a run numbers the nodes the model kept without meeting them again: by
 * node object, weakly held, so the nodes an edit replaced go with it.
 */
export class Shapes {
  readonly #index = new WeakMap<IrSchema, number>();
  readonly #keywords = new Map<string, number>();
  /** The texts #keywords numbers, by number. */
  readonly #keywordTexts: string[] = [];
  /** By node: its own keywords' number, its children, and for a ref its target. */
  readonly #own: number[] = [];
  readonly #children: number[][] = [];
  readonly #targets: (string | undefined)[] = [];

  /**
   * A numbering of shapes in which two refs are equal when `group` gives their targets one key
   * (by default: when they have one target).
   */
  numbering(group: (target: string) => string = (target) => target): (schema: IrSchema) => number {
    const ids: number[] = [];
    // a shape is its own keywords' number, then its children's shapes (or a ref's group, as a
    // number): a trie of those numbers gives each sequence one id without making a string of it
    const root: Trie = new Map();
    const groups = new Map<string, number>();
    let count = 0;
    const idOf = (at: number): number => {
      const known = ids[at];
      if (known !== undefined) return known;
      const target = this.#targets[at];
      let node = step(root, this.#own[at]!);
      if (target === undefined) {
        for (const child of this.#children[at]!) node = step(node, idOf(child));
      } else {
        const key = group(target);
        let number = groups.get(key);
        if (number === undefined) groups.set(key, (number = groups.size));
        node = step(node, number);
      }
      let id = node.get(END);
      if (id === undefined) node.set(END, (id = count++));
      ids[at] = id as number;
      return id as number;
    };
    return (schema) => idOf(this.#node(schema));
  }

  /**
   * A hash of each node's shape (with refs equal when they have one target), from its content
   * alone: equal for nodes that `numbering()` numbers equal, and unchanged by edits elsewhere in
   * the spec (numbers depend on the order shapes were met in).
   */
  hashing(): (schema: IrSchema) => string {
    const hashes = new Map<number, string>();
    const hashOf = (at: number): string => {
      let known = hashes.get(at);
      if (known === undefined) {
        const target = this.#targets[at];
        const inner = target === undefined ? this.#children[at]!.map(hashOf).join(',') : JSON.stringify(target);
        known = contentHash(`${this.#keywordTexts[this.#own[at]!]}\u0000${inner}`);
        hashes.set(at, known);
      }
      return known;
    };
    return (schema) => hashOf(this.#node(schema));
  }

  /** How many nodes were met: a session's Shapes grows by the nodes each edit made. */
  get size(): number {
    return this.#own.length;
  }

  #node(schema: IrSchema): number {
    const known = this.#index.get(schema);
    if (known !== undefined) return known;
    const at = this.#own.length;
    this.#index.set(schema, at);
    const children: number[] = [];
    this.#own.push(-1);
    this.#children.push(children);
    this.#targets.push(schema.kind === 'ref' ? schema.target : undefined);
    let text: string;
    const kept = KEPT.get(schema);
    if (kept !== undefined) {
      // the same children in the same order as the serialization below meets them
      for (const child of kept.children) children.push(this.#node(child));
      text = kept.text;
    } else {
      const childNodes: IrSchema[] = [];
      text = JSON.stringify(schema, (key, value: unknown) => {
        if (IGNORED.has(key) || (key === 'target' && schema.kind === 'ref')) return undefined;
        if (value === schema || !isSchemaNode(value)) return value;
        childNodes.push(value);
        children.push(this.#node(value));
        return 0;
      });
      if (Object.isFrozen(schema)) KEPT.set(schema, { text, children: childNodes });
    }
    let own = this.#keywords.get(text);
    if (own === undefined) {
      own = this.#keywords.size;
      this.#keywords.set(text, own);
      this.#keywordTexts.push(text);
    }
    this.#own[at] = own;
    return at;
  }
}

/** Numbers to the next level, and at END the id of the sequence that ends here. */
type Trie = Map<number, Trie | number>;
const END = -1;

function step(node: Trie, number: number): Trie {
  let next = node.get(number) as Trie | undefined;
  if (next === undefined) node.set(number, (next = new Map()));
  return next;
}

/** An IR schema node (as opposed to a property, a mapping entry or a literal value). */
function isSchemaNode(value: unknown): value is IrSchema {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { kind?: unknown }).kind === 'string' &&
    typeof (value as { source?: unknown }).source === 'string'
  );
}
