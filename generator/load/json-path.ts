// JSONPath (RFC 9535): parses an expression into a query and evaluates it on a parsed document,
// returning each selected node with its normalized path. Overlays target spec nodes with it.
// Pure; the whole standard grammar, function extensions `length`, `count`, `match`, `search` and
// `value`, and the standard's well-typedness rules (§2.4.3), so that an expression another tool
// accepts selects the same nodes here, and one it refuses is refused with the offset of the problem.
import { iRegexpToRegExp } from './i-regexp.js';
import { isRecord } from './json-node.js';

/** A malformed expression; `offset` is the 0-based index of the character where it goes wrong. */
export class JsonPathSyntaxError extends Error {
  override readonly name = 'JsonPathSyntaxError';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** One selected node: its value and its place, as member names and array indexes from the root. */
export interface JsonPathNode {
  readonly value: unknown;
  readonly path: readonly (string | number)[];
}

export interface JsonPathQuery {
  readonly text: string;
  /** Whether it selects at most one node (only names and indexes, no `..`, §2.3.5.1). */
  readonly isSingular: boolean;
  select(root: unknown): JsonPathNode[];
}

type Selector =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'wildcard' }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'slice'; readonly start: number | undefined; readonly end: number | undefined; readonly step: number | undefined }
  | { readonly kind: 'filter'; readonly test: Logical };

interface Segment {
  readonly isDescendant: boolean;
  readonly selectors: readonly Selector[];
}

interface Query {
  readonly isRelative: boolean;
  readonly segments: readonly Segment[];
}

type FunctionName = 'length' | 'count' | 'match' | 'search' | 'value';

/** A value in a comparison or a function argument (§2.4.1: ValueType, or NodesType for queries). */
type Operand =
  | { readonly kind: 'literal'; readonly value: unknown }
  | { readonly kind: 'query'; readonly query: Query; readonly isSingular: boolean }
  | { readonly kind: 'call'; readonly name: FunctionName; readonly args: readonly Operand[] };

type Comparison = '==' | '!=' | '<' | '<=' | '>' | '>=';

type Logical =
  | { readonly kind: 'or' | 'and'; readonly parts: readonly Logical[] }
  | { readonly kind: 'not'; readonly operand: Logical }
  | { readonly kind: 'exists'; readonly query: Query }
  | { readonly kind: 'call'; readonly call: Extract<Operand, { kind: 'call' }> }
  | { readonly kind: 'compare'; readonly op: Comparison; readonly left: Operand; readonly right: Operand };

/** What each function takes and returns (RFC 9535 §2.4.4–2.4.8). */
const FUNCTIONS: Record<FunctionName, { readonly params: readonly ('value' | 'nodes')[]; readonly result: 'value' | 'logical' }> = {
  length: { params: ['value'], result: 'value' },
  count: { params: ['nodes'], result: 'value' },
  match: { params: ['value', 'value'], result: 'logical' },
  search: { params: ['value', 'value'], result: 'logical' },
  value: { params: ['nodes'], result: 'value' },
};

/** I-JSON's exact integer range (RFC 9535 §2.1). */
const MAX_INT = 2 ** 53 - 1;

export function parseJsonPath(text: string): JsonPathQuery {
  const query = new Parser(text).parseWhole();
  return {
    text,
    isSingular: isSingularQuery(query),
    select: (root) => selectNodes(query, root, { value: root }).map((node) => ({ value: node.value, path: pathOf(node) })),
  };
}

class Parser {
  #pos = 0;
  constructor(private readonly text: string) {}

  parseWhole(): Query {
    if (this.text[0] !== '$')
      throw this.error(
        this.text.length === 0 ? 'The expression is empty; a JSONPath starts with `$`.' : 'A JSONPath starts with `$` (the document root).',
      );
    this.#pos = 1;
    const query = this.segments(false);
    if (this.#pos < this.text.length) {
      throw this.error(
        /\s/.test(this.peek())
          ? 'Unexpected blank space at the end of the expression.'
          : `Unexpected ${describe(this.peek())}; a segment starts with \`.\`, \`..\` or \`[\`.`,
      );
    }
    return query;
  }

  private peek(offset = 0): string {
    return this.text[this.#pos + offset] ?? '';
  }

  private error(message: string, at = this.#pos): JsonPathSyntaxError {
    return new JsonPathSyntaxError(message, at);
  }

  private blank(): void {
    while (/^[ \t\n\r]$/.test(this.peek())) this.#pos++;
  }

  private expect(text: string, what: string): void {
    if (!this.text.startsWith(text, this.#pos))
      throw this.error(
        `Expected ${what} here, found ${this.#pos >= this.text.length ? 'the end of the expression' : describe(this.peek())}.`,
      );
    this.#pos += text.length;
  }

  /** Segments after `$` or `@`; blank space may precede each one, but only when a segment follows. */
  private segments(isRelative: boolean): Query {
    const segments: Segment[] = [];
    for (;;) {
      const start = this.#pos;
      this.blank();
      const next = this.peek();
      if (next === '.' && this.peek(1) === '.') {
        this.#pos += 2;
        segments.push({ isDescendant: true, selectors: this.peek() === '[' ? this.bracketed() : [this.dotted(true)] });
      } else if (next === '.') {
        this.#pos++;
        segments.push({ isDescendant: false, selectors: [this.dotted(false)] });
      } else if (next === '[') {
        segments.push({ isDescendant: false, selectors: this.bracketed() });
      } else {
        this.#pos = start;
        return { isRelative, segments };
      }
    }
  }

  /** `.name`, `.*`, `..name`, `..*`. */
  private dotted(isDescendant: boolean): Selector {
    if (this.peek() === '*') {
      this.#pos++;
      return { kind: 'wildcard' };
    }
    const start = this.#pos;
    if (!isNameFirst(this.peek())) {
      throw this.error(
        this.peek() === ''
          ? `Expected a member name after \`${isDescendant ? '..' : '.'}\`.`
          : `${describe(this.peek())} cannot start a member name after \`${isDescendant ? '..' : '.'}\`; write it in brackets: ['name'].`,
      );
    }
    while (isNameFirst(this.peek()) || /^[0-9]$/.test(this.peek())) this.#pos++;
    return { kind: 'name', name: this.text.slice(start, this.#pos) };
  }

  /** `[selector, selector, ...]`. */
  private bracketed(): Selector[] {
    this.expect('[', '`[`');
    const selectors: Selector[] = [];
    for (;;) {
      this.blank();
      selectors.push(this.selector());
      this.blank();
      if (this.peek() === ',') {
        this.#pos++;
        continue;
      }
      if (this.peek() === ']') {
        this.#pos++;
        return selectors;
      }
      throw this.error(
        this.peek() === '' ? 'The bracket is never closed; expected `]`.' : `Expected \`,\` or \`]\` here, found ${describe(this.peek())}.`,
      );
    }
  }

  private selector(): Selector {
    const next = this.peek();
    if (next === "'" || next === '"') return { kind: 'name', name: this.stringLiteral() };
    if (next === '*') {
      this.#pos++;
      return { kind: 'wildcard' };
    }
    if (next === '?') {
      this.#pos++;
      this.blank();
      return { kind: 'filter', test: this.logicalOr() };
    }
    if (next === ':' || next === '-' || /^[0-9]$/.test(next)) {
      const start = next === ':' ? undefined : this.integer();
      this.blank();
      if (this.peek() !== ':') {
        if (start === undefined) throw this.error('Expected an index.');
        return { kind: 'index', index: start };
      }
      this.#pos++;
      this.blank();
      const end = this.peek() === '-' || /^[0-9]$/.test(this.peek()) ? this.integer() : undefined;
      this.blank();
      let step: number | undefined;
      if (this.peek() === ':') {
        this.#pos++;
        this.blank();
        step = this.peek() === '-' || /^[0-9]$/.test(this.peek()) ? this.integer() : undefined;
      }
      return { kind: 'slice', start, end, step };
    }
    throw this.error(
      next === ''
        ? 'Expected a selector before the end of the expression.'
        : `${describe(next)} does not start a selector (a quoted name, \`*\`, an index, a slice \`start:end:step\` or a filter \`?…\`).`,
    );
  }

  /** An integer as RFC 9535 writes it: no leading zeros, no `-0`, within ±(2^53 − 1). */
  private integer(): number {
    const start = this.#pos;
    const match = /^-?(?:0|[1-9][0-9]*)/.exec(this.text.slice(this.#pos));
    if (match === null) throw this.error('Expected an integer.');
    if (match[0] === '-0') throw this.error('`-0` is not an index; write `0`.');
    if (/^[0-9]$/.test(this.text[start + match[0].length] ?? '')) throw this.error('An integer has no leading zeros.', start);
    this.#pos += match[0].length;
    const value = Number(match[0]);
    if (Math.abs(value) > MAX_INT) throw this.error(`${match[0]} is outside the range of exact integers (±(2^53 − 1)).`, start);
    return value;
  }

  /** A single- or double-quoted string with JSON's escapes (§2.3.1.1). */
  private stringLiteral(): string {
    const quote = this.peek();
    const start = this.#pos;
    this.#pos++;
    let value = '';
    for (;;) {
      const char = this.peek();
      if (char === '') throw this.error('The string is never closed.', start);
      this.#pos++;
      if (char === quote) return value;
      if (char === '\\') {
        value += this.escape(quote);
        continue;
      }
      if (char < ' ') throw this.error('A control character must be escaped in a string (\\n, \\t, \\u0000, ...).', this.#pos - 1);
      value += char;
    }
  }

  private escape(quote: string): string {
    const at = this.#pos - 1;
    const char = this.peek();
    this.#pos++;
    const simple: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '/': '/', '\\': '\\' };
    if (char === quote) return quote;
    if (char in simple) return simple[char]!;
    if (char !== 'u') throw this.error(`\`\\${char}\` is not an escape in a JSONPath string.`, at);
    const high = this.hex4(at);
    if (high >= 0xdc00 && high <= 0xdfff) throw this.error('A low surrogate escape must follow a high surrogate escape.', at);
    if (high < 0xd800 || high > 0xdbff) return String.fromCharCode(high);
    if (this.peek() !== '\\' || this.peek(1) !== 'u')
      throw this.error('A high surrogate escape must be followed by a low surrogate escape (\\uDC00–\\uDFFF).', at);
    this.#pos += 2;
    const low = this.hex4(at);
    if (low < 0xdc00 || low > 0xdfff)
      throw this.error('A high surrogate escape must be followed by a low surrogate escape (\\uDC00–\\uDFFF).', at);
    return String.fromCharCode(high, low);
  }

  private hex4(at: number): number {
    const digits = this.text.slice(this.#pos, this.#pos + 4);
    if (!/^[0-9A-Fa-f]{4}$/.test(digits)) throw this.error('`\\u` takes four hexadecimal digits.', at);
    this.#pos += 4;
    return parseInt(digits, 16);
  }

  private logicalOr(): Logical {
    const parts = [this.logicalAnd()];
    for (;;) {
      const start = this.#pos;
      this.blank();
      if (this.peek() !== '|' || this.peek(1) !== '|') {
        this.#pos = start;
        return parts.length === 1 ? parts[0]! : { kind: 'or', parts };
      }
      this.#pos += 2;
      this.blank();
      parts.push(this.logicalAnd());
    }
  }

  private logicalAnd(): Logical {
    const parts = [this.basic()];
    for (;;) {
      const start = this.#pos;
      this.blank();
      if (this.peek() !== '&' || this.peek(1) !== '&') {
        this.#pos = start;
        return parts.length === 1 ? parts[0]! : { kind: 'and', parts };
      }
      this.#pos += 2;
      this.blank();
      parts.push(this.basic());
    }
  }

  /** A parenthesized expression, a test (`@.x`, `!@.x`, `match(...)`) or a comparison. */
  private basic(): Logical {
    if (this.peek() === '!') {
      this.#pos++;
      this.blank();
      if (this.peek() === '(') return { kind: 'not', operand: this.parenthesized() };
      const start = this.#pos;
      return { kind: 'not', operand: this.test(this.operand(), start) };
    }
    if (this.peek() === '(') return this.parenthesized();
    const start = this.#pos;
    const left = this.operand();
    const before = this.#pos;
    this.blank();
    const op = /^(==|!=|<=|>=|<|>)/.exec(this.text.slice(this.#pos))?.[0] as Comparison | undefined;
    if (op === undefined) {
      this.#pos = before;
      return this.test(left, start);
    }
    this.comparable(left, start);
    this.#pos += op.length;
    this.blank();
    const rightStart = this.#pos;
    const right = this.operand();
    this.comparable(right, rightStart);
    return { kind: 'compare', op, left, right };
  }

  private parenthesized(): Logical {
    this.expect('(', '`(`');
    this.blank();
    const inner = this.logicalOr();
    this.blank();
    this.expect(')', '`)`');
    return inner;
  }

  /** An operand used alone as a test: a query (does it select anything?) or a logical function. */
  private test(operand: Operand, start: number): Logical {
    if (operand.kind === 'query') return { kind: 'exists', query: operand.query };
    if (operand.kind === 'call' && FUNCTIONS[operand.name].result === 'logical') return { kind: 'call', call: operand };
    if (operand.kind === 'call')
      throw this.error(`\`${operand.name}()\` gives a value, which is not a test; compare it (e.g. \`${operand.name}(…) > 0\`).`, start);
    throw this.error('A literal alone is not a test; compare it with something (`@.x == …`).', start);
  }

  /** §2.3.5.1: a comparison's sides are literals, singular queries or functions that give a value. */
  private comparable(operand: Operand, start: number): void {
    if (operand.kind === 'query' && !operand.isSingular)
      throw this.error(
        'A query compared with `==`, `<`, ... must select at most one node (names and indexes only, no `*`, `..`, slices or filters).',
        start,
      );
    if (operand.kind === 'call' && FUNCTIONS[operand.name].result !== 'value')
      throw this.error(`\`${operand.name}()\` gives true or false, which cannot be compared; use it alone as a test.`, start);
  }

  private operand(): Operand {
    const next = this.peek();
    if (next === '@' || next === '$') {
      this.#pos++;
      const query = this.segments(next === '@');
      return { kind: 'query', query, isSingular: isSingularQuery(query) };
    }
    if (next === "'" || next === '"') return { kind: 'literal', value: this.stringLiteral() };
    if (next === '-' || /^[0-9]$/.test(next)) return { kind: 'literal', value: this.number() };
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.#pos) && !isFunctionNameChar(this.peek(word.length))) {
        this.#pos += word.length;
        return { kind: 'literal', value };
      }
    }
    if (/^[a-z]$/.test(next)) return this.call();
    throw this.error(
      next === ''
        ? 'The filter ends too early; expected a query (`@…`, `$…`), a literal or a function.'
        : `${describe(next)} does not start a query (\`@…\`, \`$…\`), a literal or a function call.`,
    );
  }

  private number(): number {
    const start = this.#pos;
    const match = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/.exec(this.text.slice(this.#pos));
    if (match === null) throw this.error('Expected a number.');
    if (/^[0-9]$/.test(this.text[start + match[0].length] ?? '') && /^-?0/.test(match[0]))
      throw this.error('A number has no leading zeros.', start);
    this.#pos += match[0].length;
    return Number(match[0]);
  }

  private call(): Extract<Operand, { kind: 'call' }> {
    const start = this.#pos;
    while (isFunctionNameChar(this.peek())) this.#pos++;
    const name = this.text.slice(start, this.#pos);
    if (this.peek() !== '(')
      throw this.error(`Unexpected \`${name}\`; a function call is \`name(arguments)\`, and the literals are true, false and null.`, start);
    if (!(name in FUNCTIONS))
      throw this.error(
        `Unknown function \`${name}\`; the functions are ${Object.keys(FUNCTIONS)
          .map((known) => `\`${known}\``)
          .join(', ')}.`,
        start,
      );
    const signature = FUNCTIONS[name as FunctionName];
    this.#pos++;
    const args: Operand[] = [];
    this.blank();
    if (this.peek() !== ')') {
      for (;;) {
        this.blank();
        const argStart = this.#pos;
        const arg = this.operand();
        const expected = signature.params[args.length];
        if (expected === undefined)
          throw this.error(`\`${name}()\` takes ${signature.params.length} argument${signature.params.length === 1 ? '' : 's'}.`, argStart);
        if (expected === 'nodes' && arg.kind !== 'query') throw this.error(`\`${name}()\` takes a query (\`@…\` or \`$…\`).`, argStart);
        if (expected === 'value') this.comparableArgument(name, arg, argStart);
        args.push(arg);
        this.blank();
        if (this.peek() === ',') {
          this.#pos++;
          continue;
        }
        break;
      }
    }
    this.expect(')', '`)`');
    if (args.length !== signature.params.length)
      throw this.error(
        `\`${name}()\` takes ${signature.params.length} argument${signature.params.length === 1 ? '' : 's'}, not ${args.length}.`,
        start,
      );
    return { kind: 'call', name: name as FunctionName, args };
  }

  private comparableArgument(name: string, arg: Operand, start: number): void {
    if (arg.kind === 'query' && !arg.isSingular)
      throw this.error(`\`${name}()\` takes one value: a query here must select at most one node (names and indexes only).`, start);
    if (arg.kind === 'call' && FUNCTIONS[arg.name].result !== 'value')
      throw this.error(`\`${arg.name}()\` gives true or false, which \`${name}()\` does not take.`, start);
  }
}

function isNameFirst(char: string): boolean {
  return char !== '' && (/^[A-Za-z_]$/.test(char) || char.charCodeAt(0) >= 0x80);
}

function isFunctionNameChar(char: string): boolean {
  return /^[a-z0-9_]$/.test(char);
}

function describe(char: string): string {
  return /^[ -~]$/.test(char) ? `\`${char}\`` : `the character U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function isSingularQuery(query: Query): boolean {
  return query.segments.every(
    (segment) =>
      !segment.isDescendant &&
      segment.selectors.length === 1 &&
      (segment.selectors[0]!.kind === 'name' || segment.selectors[0]!.kind === 'index'),
  );
}

// --- evaluation ---------------------------------------------------------------------------------

/** The absence of a value (§2.4.1's `Nothing`), as distinct from JSON `null`. */
const NOTHING: unique symbol = Symbol('nothing');
type Value = unknown;

/**
 * A node during evaluation: its path is kept as a link to its parent and built only for the
 * nodes a query returns, so `$..` over a large document does not copy a path per node.
 */
interface Located {
  readonly value: unknown;
  readonly parent?: Located;
  readonly key?: string | number;
}

function pathOf(node: Located): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at: Located | undefined = node; at?.key !== undefined; at = at.parent) path.push(at.key);
  return path.reverse();
}

function selectNodes(query: Query, root: unknown, start: Located): Located[] {
  let nodes: Located[] = [start];
  for (const segment of query.segments) {
    const next: Located[] = [];
    for (const node of nodes) {
      if (segment.isDescendant) descend(node, (visited) => applySelectors(segment.selectors, visited, root, next));
      else applySelectors(segment.selectors, node, root, next);
    }
    nodes = next;
    if (nodes.length === 0) break;
  }
  return nodes;
}

/** The node, then each child followed by its descendants, in document order (§2.5.2.2). */
function descend(node: Located, visit: (node: Located) => void): void {
  visit(node);
  for (const child of children(node)) descend(child, visit);
}

function children(node: Located): Located[] {
  const { value } = node;
  if (Array.isArray(value)) return value.map((item, index) => ({ value: item, parent: node, key: index }));
  if (isRecord(value)) return Object.keys(value).map((key) => ({ value: value[key], parent: node, key }));
  return [];
}

function applySelectors(selectors: readonly Selector[], node: Located, root: unknown, out: Located[]): void {
  const { value } = node;
  for (const selector of selectors) {
    switch (selector.kind) {
      case 'name':
        if (isRecord(value) && Object.hasOwn(value, selector.name))
          out.push({ value: value[selector.name], parent: node, key: selector.name });
        break;
      case 'wildcard':
        out.push(...children(node));
        break;
      case 'index': {
        if (!Array.isArray(value)) break;
        const index = selector.index < 0 ? value.length + selector.index : selector.index;
        if (index >= 0 && index < value.length) out.push({ value: value[index], parent: node, key: index });
        break;
      }
      case 'slice':
        if (Array.isArray(value))
          for (const index of sliceIndexes(selector, value.length)) out.push({ value: value[index], parent: node, key: index });
        break;
      case 'filter':
        for (const child of children(node)) if (isTrue(selector.test, child, root)) out.push(child);
        break;
    }
  }
}

/** §2.3.4.2.2: the indexes a slice selects, in order. */
function sliceIndexes(slice: Extract<Selector, { kind: 'slice' }>, length: number): number[] {
  const step = slice.step ?? 1;
  if (step === 0) return [];
  const normalize = (index: number) => (index >= 0 ? index : length + index);
  const indexes: number[] = [];
  if (step > 0) {
    const lower = Math.min(Math.max(normalize(slice.start ?? 0), 0), length);
    const upper = Math.min(Math.max(normalize(slice.end ?? length), 0), length);
    for (let i = lower; i < upper; i += step) indexes.push(i);
  } else {
    const upper = Math.min(Math.max(normalize(slice.start ?? length - 1), -1), length - 1);
    const lower = Math.min(Math.max(slice.end === undefined ? -1 : normalize(slice.end), -1), length - 1);
    for (let i = upper; lower < i; i += step) indexes.push(i);
  }
  return indexes;
}

/** The nodes a query inside a filter selects, relative to the candidate node `@` or to the root. */
function innerNodes(query: Query, node: Located, root: unknown): Located[] {
  return selectNodes(query, root, query.isRelative ? node : { value: root });
}

function isTrue(test: Logical, node: Located, root: unknown): boolean {
  switch (test.kind) {
    case 'or':
      return test.parts.some((part) => isTrue(part, node, root));
    case 'and':
      return test.parts.every((part) => isTrue(part, node, root));
    case 'not':
      return !isTrue(test.operand, node, root);
    case 'exists':
      return innerNodes(test.query, node, root).length > 0;
    case 'call':
      return callFunction(test.call, node, root) === true;
    case 'compare':
      return compare(test.op, operandValue(test.left, node, root), operandValue(test.right, node, root));
  }
}

function operandValue(operand: Operand, node: Located, root: unknown): Value {
  switch (operand.kind) {
    case 'literal':
      return operand.value;
    case 'query': {
      const [first] = innerNodes(operand.query, node, root);
      return first === undefined ? NOTHING : first.value;
    }
    case 'call':
      return callFunction(operand, node, root);
  }
}

function callFunction(call: Extract<Operand, { kind: 'call' }>, node: Located, root: unknown): Value {
  const nodesOf = (arg: Operand) => (arg.kind === 'query' ? innerNodes(arg.query, node, root) : []);
  const [first, second] = call.args as [Operand, Operand | undefined];
  switch (call.name) {
    case 'length': {
      const value = operandValue(first, node, root);
      if (typeof value === 'string') return [...value].length;
      if (Array.isArray(value)) return value.length;
      if (isRecord(value)) return Object.keys(value).length;
      return NOTHING;
    }
    case 'count':
      return nodesOf(first).length;
    case 'value': {
      const nodes = nodesOf(first);
      return nodes.length === 1 ? nodes[0]!.value : NOTHING;
    }
    case 'match':
    case 'search': {
      const text = operandValue(first, node, root);
      const pattern = operandValue(second!, node, root);
      if (typeof text !== 'string' || typeof pattern !== 'string') return false;
      const regexp = iRegexpToRegExp(pattern, call.name === 'match');
      return regexp?.test(text);
    }
  }
}

/** §2.3.5.2.2: Nothing equals only Nothing; `<` orders numbers and strings only. */
function compare(op: Comparison, left: Value, right: Value): boolean {
  switch (op) {
    case '==':
      return isEqual(left, right);
    case '!=':
      return !isEqual(left, right);
    case '<':
      return isLess(left, right);
    case '<=':
      return isLess(left, right) || isEqual(left, right);
    case '>':
      return isLess(right, left);
    case '>=':
      return isLess(right, left) || isEqual(left, right);
  }
}

function isEqual(left: Value, right: Value): boolean {
  if (left === NOTHING || right === NOTHING) return left === right;
  if (Array.isArray(left) || Array.isArray(right)) {
    return (
      Array.isArray(left) &&
      Array.isArray(right) &&
      left.length === right.length &&
      left.every((item, index) => isEqual(item, right[index]))
    );
  }
  if (isRecord(left) || isRecord(right)) {
    if (!isRecord(left) || !isRecord(right)) return false;
    const keys = Object.keys(left);
    return keys.length === Object.keys(right).length && keys.every((key) => Object.hasOwn(right, key) && isEqual(left[key], right[key]));
  }
  return left === right;
}

function isLess(left: Value, right: Value): boolean {
  if (typeof left === 'number' && typeof right === 'number') return left < right;
  if (typeof left === 'string' && typeof right === 'string') return compareCodePoints(left, right) < 0;
  return false;
}

/** Strings order by Unicode scalar value (§2.3.5.2.2), which UTF-16 code units get wrong above U+FFFF. */
function compareCodePoints(left: string, right: string): number {
  const a = [...left];
  const b = [...right];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const difference = a[i]!.codePointAt(0)! - b[i]!.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}
