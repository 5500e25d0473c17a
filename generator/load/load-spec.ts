// Parses a spec's text (YAML or JSON) into plain data, keeping source positions so that any
// JSON pointer can be turned into `file:line:col`. Pure: the caller reads the file.
import { FAILSAFE_SCHEMA, load } from 'js-yaml';
import type { CST, Document, Node } from 'yaml';
import { defaultHint, type DiagnosticCode } from '../diagnostics/codes.js';
import { SpecError, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import { fastLoad, type FastLoaded, type FastState } from './fast-yaml.js';
import { commonEnds, fastLoadAfter } from './fast-yaml-edit.js';
import { yaml } from './yaml-module.js';
import { childPointer, decodePointer } from './pointer.js';

export interface LoadedSpec {
  readonly file: string;
  readonly text: string;
  /** The parsed document as plain JSON-compatible data. */
  readonly root: unknown;
  /** Where a pointer's node starts; for a missing node, its nearest existing ancestor. */
  locate(pointer: string): SourceLocation;
}

/**
 * How deeply collections may nest. yaml's composer, `toJS` and every stage after them recurse
 * once per level, so a document nested thousands of levels deep would overflow the stack; real
 * specs nest a few dozen levels (OpenAI's, the largest we know, 21).
 */
export const MAX_NESTING = 256;

/**
 * What a watch session keeps of its spec's parse from one run to the next: the last text of a
 * file and its fast parse, from which an edit reads only the lines it changed (fast-yaml-edit.ts).
 * The values it gives are shared with later runs: no stage may change them.
 */
export class LoadCache {
  readonly #states = new Map<string, FastState>();
  /** Each file's last text whose line starts a run computed, and those starts. */
  readonly #lines = new Map<string, { readonly text: string; readonly starts: Int32Array }>();
  /** How many loads read only what changed, and how many the whole text (for tests). */
  readonly stats = { edited: 0, whole: 0 };

  /** The fast parse of `text`, the text of `file`: from the last one's when it can, else whole. */
  fastLoad(file: string, text: string): FastLoaded | undefined {
    const previous = this.#states.get(file);
    let loaded = previous === undefined ? undefined : fastLoadAfter(previous, text, MAX_NESTING);
    if (loaded !== undefined) this.stats.edited += 1;
    else {
      loaded = fastLoad(text, MAX_NESTING);
      this.stats.whole += 1;
    }
    if (loaded === undefined) this.#states.delete(file);
    else this.#states.set(file, loaded.state);
    return loaded;
  }

  /**
   * The offsets where the lines of `text`, the text of `file`, start, made when first asked: from
   * the last text's that were made, moved past the edit, with only the changed characters read.
   */
  lineStarts(file: string, text: string): () => Int32Array {
    let starts: Int32Array | undefined;
    return () => {
      if (starts === undefined) {
        const last = this.#lines.get(file);
        starts = last === undefined ? lineStartsOf(text) : movedLineStarts(last.text, last.starts, text);
        this.#lines.set(file, { text, starts });
      }
      return starts;
    };
  }
}

/**
 * The offsets where the lines of `text` start: 0, and the offset after each line feed. In a typed
 * array, counted first: a plain array grown by push took 13-20 ms for the whole OpenAI spec's
 * 87,000 lines, the two passes 5 ms.
 */
function lineStartsOf(text: string): Int32Array {
  const starts = new Int32Array(countLineFeeds(text, 0, text.length) + 1);
  fillLineStarts(starts, 1, text, 0, text.length);
  return starts;
}

function countLineFeeds(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** Writes the offsets after the line feeds of `text` in [from, to) into `starts` from `at`. */
function fillLineStarts(starts: Int32Array, at: number, text: string, from: number, to: number): void {
  let next = at;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) starts[next++] = i + 1;
}

/** The index of the first of the (ascending) starts above `offset`. */
function firstAbove(starts: Int32Array, offset: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (starts[middle]! <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The line starts of `text` from those of `old`: the same before the characters that changed,
 * read within them, and moved by the change of length after them.
 */
function movedLineStarts(old: string, oldStarts: Int32Array, text: string): Int32Array {
  if (old === text) return oldStarts;
  const { prefix, suffix } = commonEnds(old, text);
  const delta = text.length - old.length;
  // a start at or before `prefix` follows a line feed in the shared start; one past
  // old.length - suffix, a line feed in the shared end
  const head = firstAbove(oldStarts, prefix);
  const tail = firstAbove(oldStarts, old.length - suffix);
  const changed = countLineFeeds(text, prefix, text.length - suffix);
  const starts = new Int32Array(head + changed + oldStarts.length - tail);
  starts.set(oldStarts.subarray(0, head));
  fillLineStarts(starts, head, text, prefix, text.length - suffix);
  for (let from = tail, to = head + changed; from < oldStarts.length; from++, to++) starts[to] = oldStarts[from]! + delta;
  return starts;
}

/**
 * Plain documents (nearly every spec) take js-yaml's fast path; the rest, and every document
 * with an error, yaml's, which gives the messages. `useYaml` forces yaml's (the corpus test
 * holds the two equal); `cache` reads an edited text from its last parse.
 */
export function loadSpec(
  file: string,
  text: string,
  { useYaml = false, cache }: { useYaml?: boolean; cache?: LoadCache } = {},
): LoadedSpec {
  const linePos = linePositions(cache === undefined ? () => lineStartsOf(text) : cache.lineStarts(file, text));
  const fast = useYaml ? undefined : cache !== undefined ? cache.fastLoad(file, text) : fastLoad(text, MAX_NESTING);
  if (fast !== undefined) {
    const locate = (pointer: string): SourceLocation => {
      const { line, col } = linePos(fast.startOffset(decodePointer(pointer)));
      return { file, line, column: col, pointer };
    };
    checkRoot(fast.root, locate);
    return { file, text, root: fast.root, locate };
  }
  // the parser is iterative; its tokens are measured before the (recursive) composer sees them
  const tokens = [...new (yaml().Parser)().parse(text)];
  const deepest = deepestNesting(tokens);
  if (deepest.depth > MAX_NESTING) {
    const { line, col } = linePos(deepest.offset);
    throw new SpecError([
      {
        code: 'load/too-deep',
        severity: 'error',
        message: `The document is nested ${deepest.depth} levels deep; the limit is ${MAX_NESTING}.`,
        hint: defaultHint('load/too-deep'),
        at: { file, line, column: col, pointer: '' },
      },
    ]);
  }
  const doc = composeDocument(tokens, text.length);
  if (doc.errors.length > 0) {
    const diagnostics = doc.errors.map((error): Diagnostic => {
      const code: DiagnosticCode = error.code === 'DUPLICATE_KEY' ? 'load/duplicate-key' : 'load/yaml-syntax';
      const { line, col } = linePos(error.pos[0]);
      const isJson = /\.json$/i.test(file);
      const message = firstLine(error.message);
      return {
        code,
        severity: 'error',
        message,
        hint:
          isJson && code === 'load/yaml-syntax'
            ? 'Fix the JSON syntax at this position (a missing comma, bracket or quote is the usual cause).'
            : (colonInValueHint(message, text, error.pos[0]) ?? defaultHint(code)),
        at: { file, line, column: col, pointer: '' },
      };
    });
    throw new SpecError(withTabIndentation(diagnostics, file, text));
  }

  const locate = (pointer: string): SourceLocation => {
    const { line, col } = linePos(startOffset(doc, decodePointer(pointer)));
    return { file, line, column: col, pointer };
  };
  const cycle = aliasCycle(doc);
  if (cycle !== undefined) {
    const { line, col } = linePos(cycle.offset);
    throw new SpecError([
      {
        code: 'load/alias-cycle',
        severity: 'error',
        message: `The alias *${cycle.name} is inside the node its anchor &${cycle.name} names, so the value would contain itself, which JSON cannot represent.`,
        hint: defaultHint('load/alias-cycle'),
        at: { file, line, column: col, pointer: cycle.pointer },
      },
    ]);
  }
  let root: unknown;
  try {
    // a bounded alias count stops "billion laughs" documents from exhausting memory
    root = doc.toJS({ maxAliasCount: 1_000 });
  } catch (error) {
    throw new SpecError([
      {
        code: 'load/yaml-syntax',
        severity: 'error',
        message: `The YAML cannot be expanded: ${firstLine((error as Error).message)}.`,
        hint: 'Replace deeply nested aliases (*name) with plain values; sdkgen expands at most 1,000 aliases.',
        at: locate(''),
      },
    ]);
  }
  checkRoot(root, locate);
  return { file, text, root, locate };
}

/** The longest value a hint quotes back. */
const QUOTED_LENGTH = 60;

/**
 * `description: Note: the API is in beta` is the YAML mistake people make next most: a colon and a
 * space inside a plain value start a key, and yaml says "Nested mappings are not allowed in
 * compact mappings". The hint names the cause and shows the line with the value quoted.
 */
function colonInValueHint(message: string, text: string, offset: number): string | undefined {
  if (!message.startsWith('Nested mappings are not allowed in compact mappings')) return undefined;
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  const line = text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
  const match = /^\s*(?:-\s+)?([^\s'"#:[\]{},][^:#]*?):\s+([^\s'"#&*!|>[{].*?:\s.*?)\s*$/.exec(line);
  if (match === null || match[2]!.includes(' #')) return undefined;
  const [, key, value] = match as unknown as [string, string, string];
  const cause = 'A colon followed by a space inside a value starts a new key in YAML.';
  if (value.length > QUOTED_LENGTH) return `${cause} Put the value of \`${key}\` in single quotes (writing each ' in it as '').`;
  return `${cause} Quote the value of \`${key}\`: ${key}: '${value.replaceAll("'", "''")}'`;
}

const TAB_HINT =
  'Replace the tab with spaces (an editor\'s "convert indentation to spaces" does it for the whole file); errors reported after this one may all come from it.';

/**
 * yaml names a tab that indents a line only in some places: one before a block scalar's text gets
 * a rule about indentation indicators, then errors on every line after it. js-yaml, run again
 * here (only on a document yaml rejected), says where a tab indents a line in every case; its
 * finding goes first among the errors at or after its line. Where yaml names the tab itself, its
 * error gets the hint.
 */
function withTabIndentation(diagnostics: readonly Diagnostic[], file: string, text: string): Diagnostic[] {
  if (diagnostics.some((d) => d.message.startsWith('Tabs are not allowed as indentation'))) {
    return diagnostics.map((d) => (d.message.startsWith('Tabs are not allowed as indentation') ? { ...d, hint: TAB_HINT } : d));
  }
  let mark: { line: number; column: number } | undefined;
  try {
    load(text, { schema: FAILSAFE_SCHEMA, maxDepth: 4 * MAX_NESTING });
  } catch (error) {
    const reason = (error as { reason?: unknown }).reason;
    const found = (error as { mark?: { line?: unknown; column?: unknown } }).mark;
    if (typeof reason === 'string' && reason.startsWith('tab characters must not be used in indentation')) {
      if (typeof found?.line === 'number' && typeof found.column === 'number') mark = { line: found.line + 1, column: found.column + 1 };
    }
  }
  if (mark === undefined) return [...diagnostics];
  const { line, column } = mark;
  const tab: Diagnostic = {
    code: 'load/yaml-syntax',
    severity: 'error',
    message: `A tab character indents line ${line}; YAML indents with spaces only, so the lines after it do not parse as meant.`,
    hint: TAB_HINT,
    at: { file, line, column, pointer: '' },
  };
  const at = diagnostics.findIndex((d) => d.at.line > line || (d.at.line === line && d.at.column >= column));
  return at === -1 ? [...diagnostics, tab] : [...diagnostics.slice(0, at), tab, ...diagnostics.slice(at)];
}

/** The spec must be a mapping. */
function checkRoot(root: unknown, locate: (pointer: string) => SourceLocation): asserts root is object {
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw new SpecError([
      {
        code: 'load/not-an-object',
        severity: 'error',
        message: root === null || root === undefined ? 'The spec is empty.' : 'The spec is not a mapping of OpenAPI fields.',
        hint: defaultHint('load/not-an-object'),
        at: locate(''),
      },
    ]);
  }
}

/**
 * The 1-based line and column of an offset in `text`, for both ways of reading it. The line
 * starts are found on first use: a spec without a diagnostic never needs them.
 */
function linePositions(lineStarts: () => Int32Array): (offset: number) => { line: number; col: number } {
  let starts: Int32Array | undefined;
  return (offset) => {
    starts ??= lineStarts();
    // the last line start at or before the offset
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, col: offset - starts[low]! + 1 };
  };
}

/** One document from the parser's tokens, as yaml's parseDocument composes it. */
function composeDocument(tokens: readonly CST.Token[], length: number): Document.Parsed {
  const { Composer, YAMLParseError } = yaml();
  const composer = new Composer({ uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(tokens, true, length)) {
    if (doc === undefined) doc = next;
    else {
      doc.errors.push(
        new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; a spec is one document'),
      );
      break;
    }
  }
  // compose(…, forceDoc = true) always yields a document
  return doc!;
}

/** The deepest nesting of collections in the tokens, and where the first collection past the limit starts. */
function deepestNesting(tokens: readonly CST.Token[]): { depth: number; offset: number } {
  let depth = 0;
  let offset = 0;
  // iterative, in document order: the token tree can be deeper than the call stack
  const stack: { token: CST.Token | undefined; depth: number }[] = tokens.map((token) => ({ token, depth: 0 })).reverse();
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { token } = next;
    if (token === undefined) continue;
    if (token.type === 'document') {
      stack.push({ token: token.value, depth: next.depth });
      continue;
    }
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    const level = next.depth + 1;
    if (level > depth) {
      if (depth <= MAX_NESTING && level > MAX_NESTING) offset = token.offset;
      depth = level;
    }
    for (let i = token.items.length - 1; i >= 0; i--) {
      const item = token.items[i]!;
      stack.push({ token: item.value, depth: level }, { token: item.key ?? undefined, depth: level });
    }
  }
  return { depth, offset };
}

/**
 * An alias inside the node its anchor names (`a: &x [*x]`): yaml builds a value that contains
 * itself, and every walk over it would never end. Aliases refer to the latest anchor of their
 * name before them, so anchors are recorded in document order as the walk enters each node.
 */
function aliasCycle(doc: Document): { name: string; offset: number; pointer: string } | undefined {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yaml();
  const anchors = new Map<string, unknown>();
  const open = new Set<unknown>();
  const stack: { node: unknown; isExit: boolean; pointer: string }[] = [{ node: doc.contents, isExit: false, pointer: '' }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { node, pointer } = next;
    if (next.isExit) {
      open.delete(node);
      continue;
    }
    if (isAlias(node)) {
      if (open.has(anchors.get(node.source))) return { name: node.source, offset: node.range?.[0] ?? 0, pointer };
      continue;
    }
    if (!isMap(node) && !isSeq(node) && !isScalar(node)) continue;
    if (node.anchor) anchors.set(node.anchor, node);
    if (isScalar(node)) continue;
    open.add(node);
    stack.push({ node, isExit: true, pointer });
    for (let i = node.items.length - 1; i >= 0; i--) {
      const item: unknown = node.items[i];
      if (!isPair(item)) stack.push({ node: item, isExit: false, pointer: childPointer(pointer, i) });
      else {
        const key = isScalar(item.key) ? String(item.key.value) : String(i);
        stack.push({ node: item.value, isExit: false, pointer: childPointer(pointer, key) }, { node: item.key, isExit: false, pointer });
      }
    }
  }
  return undefined;
}

/**
 * The offset where the node at `segments` starts. A scalar points at its value; a collection
 * under a key points at the key, which is the line a person looks for.
 */
function startOffset(doc: Document, segments: readonly string[]): number {
  const { isMap, isPair, isScalar, isSeq } = yaml();
  let node: unknown = doc.contents;
  let best = rangeStart(node) ?? 0;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment);
      if (!pair) return best;
      node = pair.value;
      const keyStart = rangeStart(pair.key);
      const valueStart = rangeStart(node);
      best = (isScalar(node) ? valueStart : keyStart) ?? keyStart ?? best;
    } else if (isSeq(node)) {
      const index = Number(segment);
      const item = Number.isInteger(index) ? node.items[index] : undefined;
      if (item === undefined) return best;
      node = item;
      best = rangeStart(node) ?? best;
    } else {
      return best;
    }
  }
  return best;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '').trim();
}
