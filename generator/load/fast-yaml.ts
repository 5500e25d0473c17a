// The fast way to load a spec: js-yaml, which reads a large spec about seven times faster than
// yaml and keeps no syntax tree, with a listener that records where each node starts. It takes
// only plain documents: one document, no byte order mark, no anchors, aliases, tags or null
// keys, nothing nested past the limit. Plain scalars are resolved here by YAML 1.2's core
// schema, as yaml resolves them (js-yaml's own rules differ: `1_000` is a number to it).
// Anything else, and any error, returns undefined, and the caller reads the text with yaml,
// whose values, positions and messages are the reference: test/load and the corpus test hold
// the two paths equal.
import { FAILSAFE_SCHEMA, load } from 'js-yaml';

/**
 * A parsed node: where it starts and, for a collection, its children (a mapping's as key, value,
 * key, value, …). A node's start counts from its parent's (the top node's from the text's), so an
 * edit (fast-yaml-edit.ts) moves the nodes after it by changing only the starts of their
 * ancestors' later children.
 */
export interface Located {
  /** Written once more after the node is made: its parent, when it closes, makes it relative. */
  start: number;
  readonly kind: 'scalar' | 'mapping' | 'sequence';
  readonly children: readonly Located[] | undefined;
  /** A scalar's value as a mapping key: the string its parent stores it under. */
  readonly key: string | undefined;
  /** A collection's value. */
  readonly value: unknown;
}

export interface FastLoaded {
  readonly root: unknown;
  /** The offset where the node at `segments` starts, by the rules of load-spec's startOffset. */
  startOffset(segments: readonly string[]): number;
  /** What a later text's load can start from (fast-yaml-edit.ts). */
  readonly state: FastState;
}

/** A text and its parse: the document's value and the located top node. */
export interface FastState {
  readonly text: string;
  readonly root: unknown;
  readonly located: Located;
}

/** The part of js-yaml's loader state a listener sees that is read here. */
interface ListenerState {
  readonly position: number;
  readonly kind: 'scalar' | 'mapping' | 'sequence' | null;
  result: unknown;
  readonly tag: string | null;
  readonly anchor: string | null;
}

/** Thrown from the listener to leave js-yaml when the document needs yaml. */
const NOT_PLAIN = Symbol('not plain');

export function fastLoad(text: string, maxNesting: number): FastLoaded | undefined {
  // js-yaml drops a byte order mark, and would count every offset from after it
  if (text.charCodeAt(0) === 0xfeff) return undefined;
  // the open nodes: where each was looked for, and its children so far (made at the first)
  const positions: number[] = [0];
  const childrenOf: (Located[] | undefined)[] = [[]];
  const listener = (event: 'open' | 'close', state: ListenerState) => {
    if (event === 'open') {
      positions.push(state.position);
      childrenOf.push(undefined);
      return;
    }
    const position = positions.pop()!;
    const children = childrenOf.pop();
    if (state.anchor !== null) throw NOT_PLAIN;
    // an empty node (`key:` and nothing) starts where it was looked for, as in yaml
    const start = state.kind === null ? position : contentStart(text, position);
    const first = text.charCodeAt(start);
    // a tag, an anchor or an alias
    if (first === 0x21 || first === 0x26 || first === 0x2a) throw NOT_PLAIN;
    let node: Located;
    if (state.kind === 'scalar' || state.kind === null) {
      if (state.tag === '?') state.result = resolvePlain(state.result as string);
      // a null key: yaml keys it as '', js-yaml as 'null'
      if (state.result === null && text.charCodeAt(contentStart(text, state.position)) === 0x3a) throw NOT_PLAIN;
      node = { start, kind: 'scalar', children: undefined, key: String(state.result), value: undefined };
    } else if (children?.length === 1 && children[0]!.value === state.result) {
      // js-yaml reads a flow collection in block context as a would-be key first, then keeps it
      // as the node: one node, with the collection inside it
      node = children[0]!;
    } else {
      node = { start, kind: state.kind, children: children ?? [], key: undefined, value: state.result };
      for (const child of node.children!) child.start -= start;
    }
    const parent = childrenOf.length - 1;
    (childrenOf[parent] ??= []).push(node);
  };
  let root: unknown;
  try {
    root = load(text, { schema: FAILSAFE_SCHEMA, listener, maxDepth: 4 * maxNesting });
  } catch {
    return undefined;
  }
  // a document that is not a mapping is an error, reported (and located) by yaml's path
  if (root === null || typeof root !== 'object' || Array.isArray(root)) return undefined;
  const top = childrenOf[0]!;
  if (top.length !== 1 || !matches(top[0]!, root, maxNesting)) return undefined;
  return locatedResult({ text, root, located: top[0]! });
}

/** The load of a state's text. */
export function locatedResult(state: FastState): FastLoaded {
  return { root: state.root, startOffset: (segments) => startOffset(state.located, segments), state };
}

/**
 * Whether the located tree has the value's shape: each mapping a pair of children per key it
 * stores, each sequence a child per item, and no deeper than `maxNesting` collections. A
 * document js-yaml reads in a way this listener does not follow fails here and goes to yaml.
 */
function matches(located: Located, value: unknown, maxNesting: number): boolean {
  const stack: { readonly located: Located; readonly value: unknown; readonly depth: number }[] = [{ located, value, depth: 0 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { located, value, depth } = next;
    if (located.kind === 'scalar') {
      if (value !== null && typeof value === 'object') return false;
      continue;
    }
    if (depth === maxNesting) return false;
    const children = located.children!;
    if (located.kind === 'sequence') {
      if (!Array.isArray(value) || value.length !== children.length) return false;
      children.forEach((child, i) => stack.push({ located: child, value: value[i], depth: depth + 1 }));
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    if (children.length !== 2 * Object.keys(value).length) return false;
    for (let i = 0; i < children.length; i += 2) {
      const key = children[i]!;
      if (key.kind !== 'scalar' || !Object.hasOwn(value, key.key!)) return false;
      stack.push({ located: children[i + 1]!, value: (value as Record<string, unknown>)[key.key!], depth: depth + 1 });
    }
  }
  return true;
}

/** As load-spec's startOffset over yaml's nodes: a scalar under a key points at its value, a collection at the key. */
function startOffset(root: Located, segments: readonly string[]): number {
  let node = root;
  let base = root.start;
  let best = base;
  for (const segment of segments) {
    const children = node.children;
    if (node.kind === 'mapping') {
      let i = 0;
      while (i < children!.length && children![i]!.key !== segment) i += 2;
      if (i >= children!.length) return best;
      const key = children![i]!;
      node = children![i + 1]!;
      best = base + (node.kind === 'scalar' ? node.start : key.start);
      base += node.start;
    } else if (node.kind === 'sequence') {
      const index = Number(segment);
      const item = Number.isInteger(index) ? children![index] : undefined;
      if (item === undefined) return best;
      node = item;
      base += node.start;
      best = base;
    } else {
      return best;
    }
  }
  return best;
}

/** The first offset at or after `from` that is not white space, a line break or a comment. */
function contentStart(text: string, from: number): number {
  let i = from;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff) i++;
    else if (c === 0x23) {
      while (i < text.length && text.charCodeAt(i) !== 0x0a) i++;
    } else return i;
  }
}

/** A plain scalar's value by YAML 1.2's core schema, in the order yaml tries its tags. */
function resolvePlain(text: string): unknown {
  const first = text.charCodeAt(0);
  // most plain scalars are words and keys: only these can start a null, a boolean or a number
  const digit = first >= 0x30 && first <= 0x39;
  if (!(digit || first === 0x2b || first === 0x2d || first === 0x2e || text === '' || /^[~nNtTfF]/.test(text))) return text;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(text)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text)) return text[0] === 't' || text[0] === 'T';
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.slice(2), 8);
  if (/^[-+]?[0-9]+$/.test(text)) return parseInt(text, 10);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(text)) {
    return text.slice(-3).toLowerCase() === 'nan' ? NaN : text[0] === '-' ? -Infinity : Infinity;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(text) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(text)) {
    return parseFloat(text);
  }
  return text;
}
