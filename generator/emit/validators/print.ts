// Prints the statements of validators.ts in their final layout, the one prettier gives them
// (2-space indent, 100 columns, trailing commas), so the format stage can pass them through:
// prettier over a large spec's validators was most of a run. The emitters write one statement
// or brace per line with canonical quotes and parentheses (expr.ts, escape.ts); this module
// indents, and breaks the few long-line shapes the emitters produce the way prettier does.
// A statement with any other long line comes back undefined and goes to prettier as before.
// Tests check that prettier leaves the result unchanged: every golden tree, the whole OpenAI
// output, the hostile specs, and a property test of each shape (test/unit/print-layout.test.ts).

const WIDTH = 100;
const INDENT = '  ';

interface Frame {
  readonly kind: 'block' | 'switch' | 'case';
  /** Depth of the line that opened the frame; its content is one deeper. */
  readonly base: number;
}

/**
 * One top-level statement (comments included), or undefined when prettier must lay it out. With
 * `briefIfs`, an `if` whose block is one simple statement loses its braces when it then fits on
 * one line (see briefIf): code prettier leaves as it is, though prettier would not write it.
 */
export function printStatement(text: string, { briefIfs = false }: { readonly briefIfs?: boolean } = {}): string | undefined {
  const out: string[] = [];
  const frames: Frame[] = [];
  let isComment = false;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    let line = lines[index]!.trim();
    if (line === '') {
      // kept once, as prettier keeps it, except at the start of a block
      const last = out[out.length - 1];
      if (last !== undefined && last !== '' && !last.endsWith('{') && !last.endsWith('(')) out.push('');
      continue;
    }
    const top = frames[frames.length - 1];
    if (isComment || line.startsWith('/*') || line.startsWith('//')) {
      const depth = top === undefined ? 0 : top.base + 1;
      out.push(INDENT.repeat(depth) + (isComment && line.startsWith('*') ? ` ${line}` : line));
      if (line.startsWith('/*')) isComment = !line.endsWith('*/');
      else if (isComment && line.endsWith('*/')) isComment = false;
      continue;
    }
    let depth: number;
    if ((line.startsWith('}') || line.startsWith(')')) && out[out.length - 1] === '') out.pop(); // nor at its end
    if (line.startsWith('}') || line.startsWith(')')) {
      if (frames[frames.length - 1]?.kind === 'case') frames.pop();
      const closed = frames.pop();
      if (closed === undefined) return undefined;
      depth = closed.base;
      if (line.endsWith('{')) frames.push({ kind: 'block', base: depth });
    } else if (line.startsWith('case ') || line.startsWith('default:')) {
      if (frames[frames.length - 1]?.kind === 'case') frames.pop();
      const inSwitch = frames[frames.length - 1];
      if (inSwitch?.kind !== 'switch') return undefined;
      depth = inSwitch.base + 1;
      frames.push({ kind: line.endsWith('{') ? 'block' : 'case', base: depth });
    } else {
      depth = top === undefined ? 0 : top.base + 1;
      const brief = briefIfs ? briefIf(line, lines[index + 1]?.trim(), lines[index + 2]?.trim(), depth) : undefined;
      if (brief !== undefined) {
        line = brief;
        index += 2;
      }
      // a brace opens a block; a parenthesis, parameters that signature() put one per line
      else if (line.endsWith('{') || line.endsWith('('))
        frames.push({ kind: line.startsWith('switch ') ? 'switch' : 'block', base: depth });
    }
    const laid = layOut(line, depth);
    if (laid === undefined) return undefined;
    out.push(...laid);
  }
  if (out[out.length - 1] === '') out.pop();
  return frames.length === 0 && !isComment ? out.join('\n') : undefined;
}

/**
 * `if (test) statement;` for an `if` whose block is one simple statement (an assignment, a call, a
 * return, a break or a continue: never a declaration, which a block must hold, nor an `if`, whose
 * `else` would change hands) and has no `else`, when it fits on its line (ASCII only, measured as
 * prettier measures): prettier keeps such an `if` as it is, and validators have thousands of them.
 */
function briefIf(line: string, body: string | undefined, close: string | undefined, depth: number): string | undefined {
  if (close !== '}' || body === undefined || !line.startsWith('if (') || !line.endsWith(') {')) return undefined;
  if (!/^(issues = |return\b|break;|continue;|[A-Za-z_$][\w$.]*\()/.test(body) || !body.endsWith(';')) return undefined;
  const brief = `${line.slice(0, -1)}${body}`;
  return INDENT.length * depth + brief.length <= WIDTH && /^[\x20-\x7e]*$/.test(brief) ? brief : undefined;
}

/** A declaration's opening line: `prefix(a, b): type {`, or its parameters one per line. */
export function signature(prefix: string, parameters: readonly string[], suffix: string): string {
  const flat = `${prefix}(${parameters.join(', ')})${suffix} {`;
  if (flat.length <= WIDTH || parameters.length === 0) return flat;
  return `${prefix}(\n${parameters.map((parameter) => `${INDENT}${parameter},`).join('\n')}\n)${suffix} {`;
}

function layOut(line: string, depth: number): string[] | undefined {
  const pad = INDENT.repeat(depth);
  // prettier measures width in columns (a wide character takes two, a combining mark none), not
  // in UTF-16 units: a line with non-ASCII text is laid out here only when it fits at any width
  // (`…`, which descriptions of long lists end with, is one column wide there too)
  if (!/^[\x20-\x7e\u2026]*$/.test(line)) return pad.length + 2 * [...line].length <= WIDTH ? [pad + line] : undefined;
  if (pad.length + line.length <= WIDTH) return [pad + line];
  const negated = /^if \(!\((.*)\)\) \{$/.exec(line);
  if (negated && isEnclosed(line.slice(5, -3))) return breakCondition(negated[1]!, depth, '!(', ')');
  const condition = /^if \((.*)\) \{$/.exec(line);
  if (condition) return breakCondition(condition[1]!, depth, '', '');
  // a call statement: assigned, returned, declared (with a type and a pure annotation) or bare
  const call =
    /^(issues = |return |throw new |(?:export )?const [A-Za-z_$][\w$]*(?:: [\w$.<>]+)? = (?:\/\* @__PURE__ \*\/ )?|)([A-Za-z_$][\w$]*(?:<[\w$.]+>)?)\((.*)\);$/.exec(
      line,
    );
  if (call && isEnclosed(line.slice(call[1]!.length + call[2]!.length, -1))) {
    const head = pad + call[1]! + call[2]!;
    // prettier breaks after `=` rather than inside a call whose one argument is a short name
    // (at most a quarter of the width: "poorly breakable"), e.g. `guardOf(check_X)`
    const isLoneShort = /^[A-Za-z_$][\w$]*$/.test(call[3]!) && call[3]!.length <= WIDTH / 4;
    if (head.length + 1 <= WIDTH && !(isLoneShort && call[1]!.includes('const '))) return breakCall(head, call[3]!, ');', depth);
    // a declaration whose call does not start on its line breaks after `=`: the call goes on the
    // next line (its pure annotation with it), whole if it fits there, else with its arguments broken
    if (!call[1]!.includes('const ')) return undefined;
    const pure = call[1]!.endsWith('/* @__PURE__ */ ') ? '/* @__PURE__ */ ' : '';
    const declaration = call[1]!.slice(0, call[1]!.length - pure.length).trimEnd();
    const value = `${pure}${call[2]!}(${call[3]!});`;
    const inner = pad + INDENT;
    const rest = inner.length + value.length <= WIDTH ? [inner + value] : breakCall(inner + pure + call[2]!, call[3]!, ');', depth + 1);
    return rest === undefined ? undefined : [pad + declaration, ...rest];
  }
  const conditional = /^(issues) = (issues === undefined \? .*);$/.exec(line);
  if (conditional) return breakConditionalAssignment(conditional[1]!, conditional[2]!, depth);
  const list = /^(const [A-Za-z_$][\w$]*: [^=]+ = (?:\/\* @__PURE__ \*\/ )?)(new Set<\w+>\()?\[(.*)\](\)?);$/.exec(line);
  if (list && (list[2] === undefined) === (list[4] === ''))
    return breakList(`${pad + list[1]! + (list[2] ?? '')}[`, list[3]!, `]${list[4]};`, depth);
  return undefined;
}

/** `if (\n  a &&\n  b\n) {` (or `if (!(\n  …\n)) {`) when one operator joins the whole condition. */
function breakCondition(condition: string, depth: number, open: string, close: string): string[] | undefined {
  const pad = INDENT.repeat(depth);
  // Inside `!(…)`, a chain of exactly two operands, neither itself a chain, is a group of its own
  // and stays on one line when it fits there; longer chains, and a bare `if` condition, break at
  // every operator (prettier groups a logical expression only when neither side is one).
  if (open !== '' && pad.length + INDENT.length + condition.length <= WIDTH && isPair(condition)) {
    return [`${pad}if (${open}`, pad + INDENT + condition, `${pad}${close}) {`];
  }
  return breakChain(condition, depth, open, close);
}

function breakChain(condition: string, depth: number, open: string, close: string): string[] | undefined {
  const pad = INDENT.repeat(depth);
  for (const operator of ['&&', '||']) {
    const operands = splitTopLevel(condition, ` ${operator} `);
    if (operands.length < 2) continue;
    if (operands.some((operand) => splitTopLevel(operand, ' && ').length > 1 || splitTopLevel(operand, ' || ').length > 1))
      return undefined;
    const lines: string[] = [];
    for (const [i, operand] of operands.entries()) {
      const laid = layOutOperand(operand, depth + 1, i < operands.length - 1 ? ` ${operator}` : '');
      if (laid === undefined) return undefined;
      // a pair inside `!(…)` stays a group: prettier breaks inside an operand first, not here
      if (laid.length > 1 && open !== '' && operands.length === 2) return undefined;
      lines.push(...laid);
    }
    return [`${pad}if (${open}`, ...lines, `${pad}${close}) {`];
  }
  // one comparison: only `check(…) === undefined`, on a line of its own, or broken after `===` or
  // at the call's arguments when it does not fit there
  if (open !== '' || !condition.endsWith(' === undefined')) return undefined;
  const laid = layOutOperand(condition, depth + 1, '', true);
  return laid === undefined ? undefined : [`${pad}if (`, ...laid, `${pad}) {`];
}

/**
 * One operand of a broken condition, then `suffix` (its operator): flat; a parenthesized chain
 * of the other operator continued one deeper; or `check(…) === undefined` broken after `===` or
 * at the call's arguments.
 */
function layOutOperand(operand: string, depth: number, suffix: string, isAlone = false): string[] | undefined {
  const pad = INDENT.repeat(depth);
  if (pad.length + operand.length + suffix.length <= WIDTH) return [pad + operand + suffix];
  if (operand.startsWith('(') && isEnclosed(operand)) {
    const inner = operand.slice(1, -1);
    for (const operator of ['&&', '||']) {
      const parts = splitTopLevel(inner, ` ${operator} `);
      if (parts.length < 2) continue;
      const lines = parts.map((part, i) =>
        i === 0 ? `${pad}(${part} ${operator}` : `${pad}${INDENT}${part}${i < parts.length - 1 ? ` ${operator}` : `)${suffix}`}`,
      );
      return lines.some((text) => text.length > WIDTH) ? undefined : lines;
    }
    return undefined;
  }
  // `check(…) === undefined`, or with the result kept: `(r1 = check(…)) === undefined`
  const kept = /^(\(r\d+ = )([A-Za-z_$][\w$]*)\((.*)\)\) === undefined$/.exec(operand);
  const call = kept ?? /^()([A-Za-z_$][\w$]*)\((.*)\) === undefined$/.exec(operand);
  if (call === null) return undefined;
  const head = call[1]! + call[2]!;
  const close = kept === null ? '' : ')';
  if (!isEnclosed(operand.slice(head.length, -(' === undefined'.length + close.length)))) return undefined;
  // the comparison breaks after `===` when the call fits before it, else the call's arguments do
  const left = operand.slice(0, -' undefined'.length);
  // (indented as a chain's operand; level as an `if`'s whole condition)
  if (pad.length + left.length <= WIDTH) return [pad + left, `${pad}${isAlone ? '' : INDENT}undefined${suffix}`];
  return breakCall(pad + head, call[3]!, `)${close} === undefined${suffix}`, depth);
}

/**
 * `issues = test ? yes : no;` too long for its line: the conditional goes on the next line,
 * whole if it fits there, else broken before `?` and `:`, with a call in the last branch broken
 * at its arguments when it does not fit.
 */
function breakConditionalAssignment(target: string, value: string, depth: number): string[] | undefined {
  const pad = INDENT.repeat(depth);
  const inner = pad + INDENT;
  if (inner.length + value.length + 1 <= WIDTH) return [`${pad}${target} =`, `${inner}${value};`];
  const parts = conditional(value);
  if (parts === undefined) return undefined;
  const [test, yes, no] = parts;
  const branchPad = inner + INDENT;
  // the arguments of a broken call sit two columns past the `: `, the closing parenthesis at its name
  const noLines = branchPad.length + no.length + 3 <= WIDTH ? [`${branchPad}: ${no};`] : brokenCall(`${branchPad}: `, no, ');', depth + 3);
  if (noLines === undefined) return undefined;
  const lines = [`${pad}${target} =`, inner + test, `${branchPad}? ${yes}`, ...noLines];
  return lines.some((line) => line.length > WIDTH) || [test, yes].some((part) => /[?:]/.test(part)) ? undefined : lines;
}

/** `test ? yes : no` as its three parts, when the text is one conditional at its top level. */
function conditional(text: string): [string, string, string] | undefined {
  const [test, branches, ...more] = splitTopLevel(text, ' ? ');
  if (test === undefined || branches === undefined || more.length > 0) return undefined;
  const [yes, no, ...rest] = splitTopLevel(branches, ' : ');
  return yes === undefined || no === undefined || rest.length > 0 ? undefined : [test, yes, no];
}

/** `prefix` and the call `text` (`name(…)`), its arguments one a line, then `tail`; undefined when `text` is not one call. */
function brokenCall(prefix: string, text: string, tail: string, depth: number): string[] | undefined {
  const call = /^([A-Za-z_$][\w$.]*)\((.*)\)$/.exec(text);
  if (call === null || !isEnclosed(text.slice(call[1]!.length))) return undefined;
  return breakCall(prefix + call[1]!, call[2]!, tail, depth);
}

/** `head(\n  a,\n  b,\n)tail`: every argument on its own line, each laid out in turn. */
function breakCall(head: string, args: string, tail: string, depth: number): string[] | undefined {
  return breakList(`${head}(`, args, tail, depth);
}

/** `head\n  a,\n  b,\ntail`: a call's arguments or an array literal's items, one a line. */
function breakList(head: string, items: string, tail: string, depth: number): string[] | undefined {
  if (head.length > WIDTH) return undefined; // prettier would break elsewhere first
  const lines = [head];
  for (const item of splitTopLevel(items, ', ')) {
    const laid = layOutArgument(item, depth + 1);
    if (laid === undefined) return undefined;
    lines.push(...laid);
  }
  lines.push(INDENT.repeat(depth) + tail);
  return lines;
}

/** One argument or item at `depth`, with its comma: flat, or an array, a `+` chain or a call broken up. */
function layOutArgument(arg: string, depth: number): string[] | undefined {
  const pad = INDENT.repeat(depth);
  if (pad.length + arg.length + 1 <= WIDTH || isStringLiteral(arg)) return [`${pad}${arg},`];
  if (arg.startsWith('[') && arg.endsWith(']') && splitTopLevel(arg.slice(1, -1), ', ').length > 0 && isEnclosed(arg)) {
    return breakList(`${pad}[`, arg.slice(1, -1), '],', depth);
  }
  const terms = splitTopLevel(arg, ' + ');
  if (terms.length > 1) {
    const lines = terms.map((term, i) => (i === 0 ? pad : pad + INDENT) + term + (i < terms.length - 1 ? ' +' : ','));
    return terms.some((term, i) => lines[i]!.length > WIDTH && !isStringLiteral(term)) ? undefined : lines;
  }
  if (splitTopLevel(arg, ' ? ').length === 2) {
    const parts = conditional(arg);
    if (parts === undefined) return undefined;
    const [test, yes, no] = parts;
    const consequent = `${pad}${INDENT}? ${yes}`;
    // a call too long for the `?` line breaks at its arguments, two columns past the `? `
    const yesLines = consequent.length <= WIDTH ? [consequent] : (brokenCall(`${pad}${INDENT}? `, yes, ')', depth + 2) ?? [consequent]);
    const lines = [pad + test, ...yesLines, `${pad}${INDENT}: ${no},`];
    return lines.some((text) => text.length > WIDTH) ? undefined : lines;
  }
  return brokenCall(pad, arg, '),', depth);
}

function isPair(condition: string): boolean {
  return ['&&', '||'].some((operator) => {
    const operands = splitTopLevel(condition, ` ${operator} `);
    return operands.length === 2 && !operands.some((operand) => operand.startsWith('(') && isEnclosed(operand) && /&&|\|\|/.test(operand));
  });
}

/** Whether the bracket that `text` starts with closes at its last character. */
function isEnclosed(text: string): boolean {
  let depth = 0;
  let closedAt = -1;
  scan(text, (char, i) => {
    if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') {
      depth--;
      if (depth === 0 && closedAt === -1) closedAt = i;
    }
  });
  return closedAt === text.length - 1;
}

/** A lone string literal: prettier cannot break it, so it stays whole past the width. */
function isStringLiteral(text: string): boolean {
  const quote = text[0];
  if ((quote !== "'" && quote !== '"') || text.length < 2 || !text.endsWith(quote)) return false;
  let end = -1;
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) {
      end = i;
      break;
    }
  }
  return end === text.length - 1;
}

/** Splits at `separator` outside strings and brackets; [] for empty text. */
export function splitTopLevel(text: string, separator: string): string[] {
  if (text.trim() === '') return [];
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  scan(text, (char, i) => {
    if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') depth--;
    else if (depth === 0 && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i));
      start = i + separator.length;
    }
  });
  parts.push(text.slice(start));
  return parts;
}

/** Calls `visit` for every character outside string literals (with its index). */
function scan(text: string, visit: (char: string, index: number) => void): void {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quote !== undefined) {
      if (char === '\\') i++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === "'" || char === '"' || char === '`') {
      quote = char;
      continue;
    }
    visit(char, i);
  }
}
