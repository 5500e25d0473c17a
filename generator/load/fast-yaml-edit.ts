// A watch session's edit of a large spec changes a few lines of a text of megabytes (the whole
// OpenAI spec: 3 MB, 150 ms to parse). This reads only the part that changed: the smallest block
// mapping, under a chain of block mappings from the top, whose lines hold every changed
// character. Those lines are parsed alone (fastLoad) and put in place of the mapping in the last
// run's tree; the rest of the tree is the last run's, shared, with the starts of the nodes after
// the edit moved by its length (fast-yaml.ts counts a node's start from its parent's).
//
// Lines read alone parse as they do in place when each is blank or indented at least as far as
// the mapping's first line, which is indented past its key's: YAML ends a block node at a line
// indented less, so such lines are the node's, and the node holds no anchor, alias, tag or
// directive (fastLoad refuses those). Anything else gives undefined and the caller parses the
// whole text: a new text's result is the same either way (test/load/fast-yaml-edit.test.ts).
import { fastLoad, locatedResult, type FastLoaded, type FastState, type Located } from './fast-yaml.js';

/** A mapping entry on the way down: the mapping, where it starts, and the entry's index in its children. */
interface Step {
  readonly mapping: Located;
  readonly start: number;
  readonly index: number;
}

/** The block mapping to read again: the steps down to its entry, its lines' span in the old text, and its key's indent. */
interface Target {
  readonly steps: readonly Step[];
  readonly lineStart: number;
  readonly end: number;
  readonly keyIndent: number;
}

/**
 * The load of `text` from the load of an earlier text, or undefined when the change is not
 * inside one block mapping that can be read alone (the caller then reads the whole text).
 */
export function fastLoadAfter(previous: FastState, text: string, maxNesting: number): FastLoaded | undefined {
  const old = previous.text;
  if (old === text) return locatedResult(previous);
  const { prefix, suffix } = commonEnds(old, text);
  const target = findTarget(previous, prefix, old.length - suffix);
  // a change that spans most of the text is read whole: reading it in parts would cost more
  if (target === undefined || (target.end - target.lineStart) * 2 > old.length) return undefined;
  const delta = text.length - old.length;
  const part = text.slice(target.lineStart, target.end + delta);
  // the part ends a line, as it did: an edit of its last line break joins the next line to it
  if (target.end + delta < text.length && !part.endsWith('\n')) return undefined;
  if (!readsAlone(part, target.keyIndent) || target.steps.length >= maxNesting) return undefined;
  const read = fastLoad(part, maxNesting - target.steps.length);
  if (read === undefined) return undefined;
  const { located, root } = spliced(target, read.state, delta);
  return locatedResult({ text, root, located });
}

/** Characters compared at once by commonEnds: the engine compares two strings' slices natively. */
const CHUNK = 4096;

/**
 * How many characters two texts share at their start (`prefix`) and, after that, at their end
 * (`suffix`). Compared a chunk at a time, then a character at a time inside the chunk that
 * differs: the whole OpenAI spec's 3 MB took 6 ms a character at a time, 0.5 ms so.
 */
export function commonEnds(old: string, text: string): { readonly prefix: number; readonly suffix: number } {
  const shorter = Math.min(old.length, text.length);
  let prefix = 0;
  while (prefix + CHUNK <= shorter && old.substring(prefix, prefix + CHUNK) === text.substring(prefix, prefix + CHUNK)) prefix += CHUNK;
  while (prefix < shorter && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix + CHUNK <= shorter - prefix &&
    old.substring(old.length - suffix - CHUNK, old.length - suffix) === text.substring(text.length - suffix - CHUNK, text.length - suffix)
  )
    suffix += CHUNK;
  while (suffix < shorter - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}

/** The deepest block mapping, down from the top, whose lines hold the old text's `[from, to)`. */
function findTarget(previous: FastState, from: number, to: number): Target | undefined {
  const text = previous.text;
  let mapping = previous.located;
  let start = mapping.start;
  let end = text.length;
  // a top-level flow mapping (a JSON spec) holds its entries on its own lines
  if (mapping.kind !== 'mapping' || !isBlockStart(text, start)) return undefined;
  const steps: Step[] = [];
  let found: Target | undefined;
  for (;;) {
    const children = mapping.children!;
    let index = -1;
    let entryEnd = end;
    for (let i = 0; i < children.length; i += 2) {
      const keyAt = start + children[i]!.start;
      if (keyAt > from) {
        // the change must end before the line of the entry after the one it is in
        if (index !== -1) entryEnd = lineStartOf(text, keyAt);
        break;
      }
      index = i;
    }
    if (index === -1 || to > entryEnd) return found;
    const key = children[index]!;
    const value = children[index + 1]!;
    const keyAt = start + key.start;
    const valueAt = start + value.start;
    // a block mapping on the lines after its key's, each key at the start of its line
    if (value.kind !== 'mapping' || !isBlockStart(text, keyAt) || !isBlockStart(text, valueAt)) return found;
    const lineStart = lineStartOf(text, valueAt);
    if (lineStart <= keyAt || from < lineStart) return found;
    const keyIndent = keyAt - lineStartOf(text, keyAt);
    // comments that close the entry (a heading for the next one) are not the value's: left out
    const cut = trailingComments(text, lineStart, entryEnd, keyIndent);
    const valueEnd = to <= cut ? cut : entryEnd;
    steps.push({ mapping, start, index });
    found = { steps: [...steps], lineStart, end: valueEnd, keyIndent };
    mapping = value;
    start = valueAt;
    end = valueEnd;
  }
}

/**
 * Where the comment lines at the end of `[from, to)` start, blank lines among them, that are
 * indented no further than `keyIndent` (so no node of the value holds them); `to` when none.
 */
function trailingComments(text: string, from: number, to: number, keyIndent: number): number {
  let cut = to;
  let lineEnd = to;
  while (lineEnd > from) {
    const lineStart = lineStartOf(text, lineEnd - 1);
    const indent = indentOf(text, lineStart);
    const first = text.charCodeAt(lineStart + indent);
    const blank = lineStart + indent >= lineEnd - 1 || (first === 0x0d && lineStart + indent + 2 >= lineEnd);
    if (!blank) {
      if (first !== 0x23 || indent > keyIndent) break;
      cut = lineStart;
    }
    lineEnd = lineStart;
  }
  return cut;
}

/** Whether only spaces precede `at` on its line, and it opens no flow collection. */
function isBlockStart(text: string, at: number): boolean {
  const first = text.charCodeAt(at);
  if (first === 0x7b || first === 0x5b) return false; // { [
  for (let i = at - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) return true;
    if (c !== 0x20) return false;
  }
  return true;
}

function lineStartOf(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

function indentOf(text: string, lineStart: number): number {
  let i = lineStart;
  while (text.charCodeAt(i) === 0x20) i++;
  return i - lineStart;
}

/**
 * Whether the lines of `part` read alone as they do in place, under a key indented `keyIndent`:
 * every line blank or indented (with spaces) at least as far as the first, which is indented past the key.
 */
function readsAlone(part: string, keyIndent: number): boolean {
  let least = -1;
  for (let lineStart = 0; lineStart < part.length; ) {
    const next = part.indexOf('\n', lineStart);
    const lineEnd = next === -1 ? part.length : next;
    const indent = indentOf(part, lineStart);
    const rest = part.charCodeAt(lineStart + indent);
    const blank = lineStart + indent === lineEnd || (rest === 0x0d && lineStart + indent + 1 === lineEnd);
    if (!blank) {
      if (rest === 0x09) return false; // a tab in the indentation
      if (least === -1) {
        if (indent <= keyIndent) return false;
        least = indent;
      } else if (indent < least) return false;
    }
    lineStart = lineEnd + 1;
  }
  return least !== -1;
}

/**
 * The old tree with the target's mapping replaced by `read` (parsed from the target's lines, so
 * its starts count from the first of them), and every node after it moved by `delta`; the
 * values of the mappings on the way down are copied with the one key replaced.
 */
function spliced(target: Target, read: FastState, delta: number): { located: Located; root: unknown } {
  const steps = target.steps;
  const last = steps[steps.length - 1]!;
  let node: Located = { ...read.located, start: target.lineStart + read.located.start - last.start };
  let value = read.root;
  for (let s = steps.length - 1; s >= 0; s--) {
    const { mapping, index } = steps[s]!;
    const children = mapping.children!.slice();
    children[index + 1] = node;
    for (let i = index + 2; i < children.length; i++) children[i] = { ...children[i]!, start: children[i]!.start + delta };
    value = withEntry(mapping.value as Record<string, unknown>, children[index]!.key!, value);
    node = { ...mapping, children, value };
  }
  return { located: node, root: value };
}

/** A copy of `record` with `key` set to `value`, in the same order. */
function withEntry(record: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const name of Object.keys(record)) {
    // defineProperty: a key named `__proto__` is data, as js-yaml stores it
    Object.defineProperty(copy, name, { value: name === key ? value : record[name], writable: true, enumerable: true, configurable: true });
  }
  return copy;
}
