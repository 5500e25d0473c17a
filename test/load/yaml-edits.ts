// Random edits of a spec's text, read from the last parse (fast-yaml-edit.ts) and held equal to
// the whole text's parse: for test/load/fast-yaml-edit.test.ts and, on published specs, the corpus;
// and the edits a spec's author makes, for the watch caches' tests.
import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import { fastLoad, type FastLoaded } from '../../generator/load/fast-yaml.js';
import { fastLoadAfter } from '../../generator/load/fast-yaml-edit.js';
import { MAX_NESTING } from '../../generator/load/load-spec.js';

/** A small seeded generator: the same edits every run. */
export function seeded(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    state = (state ^ (state >>> 13)) >>> 0;
    return state % below;
  };
}

const PIECES = [
  'x',
  ' ',
  '\n',
  ':',
  '  ',
  '- ',
  '#',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '|',
  '>',
  '&a',
  '*a',
  '!t',
  '\t',
  'key: value',
  '\r\n',
  '---',
];

/** One random edit: a character or a piece inserted, deleted or replaced; a line copied, dropped, indented or outdented; a key added. */
export function randomEdit(text: string, next: (below: number) => number): string {
  const at = next(text.length + 1);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at) + 1;
  const line = text.slice(lineStart, lineEnd);
  switch (next(9)) {
    case 0:
      return text.slice(0, at) + PIECES[next(PIECES.length)]! + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1 + next(4));
    case 2:
      return text.slice(0, at) + PIECES[next(PIECES.length)]! + text.slice(at + 1);
    case 3:
      return text.slice(0, lineEnd) + line + text.slice(lineEnd);
    case 4:
      return text.slice(0, lineStart) + text.slice(lineEnd);
    case 5:
      return `${text.slice(0, lineStart)}  ${text.slice(lineStart)}`;
    case 6:
      return line.startsWith(' ') ? text.slice(0, lineStart) + text.slice(lineStart + 1) : text;
    case 7: {
      const indent = /^ */.exec(line)![0];
      return `${text.slice(0, lineStart)}${indent}added_${next(3)}: ${next(2) === 0 ? 'text' : `\n${indent}  type: string`}\n${text.slice(lineStart)}`;
    }
    default:
      // a word of a description or a value changed, as most edits are
      return text.slice(0, at) + 'word'.slice(0, 1 + next(4)) + text.slice(at);
  }
}

/** Every pointer's segments in a value, the value's own first. */
function allSegments(root: unknown): string[][] {
  const found: string[][] = [];
  const stack: [string[], unknown][] = [[[], root]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [segments, value] = next;
    found.push(segments, [...segments, '~missing']);
    if (value !== null && typeof value === 'object')
      for (const [key, child] of Object.entries(value)) stack.push([[...segments, key], child]);
  }
  return found;
}

/**
 * Asserts that a load from the last parse equals the whole text's: the value, and the place of
 * every node (of every k-th in a document of more than 20,000).
 */
export function expectSame(edited: FastLoaded, text: string, where: string): void {
  const whole = fastLoad(text, MAX_NESTING);
  expect(whole, `${where}: the edit was read, the whole text is not plain`).toBeDefined();
  if (!isDeepStrictEqual(edited.root, whole!.root)) expect(edited.root, where).toStrictEqual(whole!.root);
  const segments = allSegments(whole!.root);
  const step = Math.ceil(segments.length / 20_000);
  const wrong = segments
    .filter((_, i) => i % step === 0)
    .filter((segments) => edited.startOffset(segments) !== whole!.startOffset(segments))
    .map((segments) => `/${segments.join('/')}: ${edited.startOffset(segments)}, whole ${whole!.startOffset(segments)}`);
  expect(wrong.slice(0, 5), where).toEqual([]);
}

/**
 * `count` random edits of `text` one after another, each read from the last one's parse (as the
 * runs of a watch session are) and checked against the whole text's; returns how many were read
 * from the last parse.
 */
export function editsInARow(file: string, text: string, count: number, seed: number): number {
  const next = seeded(seed);
  let state = fastLoad(text, MAX_NESTING)!.state;
  let edited = 0;
  for (let round = 0; round < count; round++) {
    const changed = randomEdit(state.text, next);
    const loaded = fastLoadAfter(state, changed, MAX_NESTING);
    if (loaded !== undefined) {
      edited += 1;
      expectSame(loaded, changed, `${file}, edit ${round}`);
    }
    const whole = loaded ?? fastLoad(changed, MAX_NESTING);
    if (whole !== undefined) state = whole.state;
  }
  return edited;
}

/** A line of `text` matching `pattern`, picked by `next`, or undefined. */
function pick(text: string, pattern: RegExp, next: (below: number) => number): RegExpExecArray | undefined {
  const found = [...text.matchAll(new RegExp(pattern.source, 'gm'))];
  return found.length === 0 ? undefined : found[next(found.length)];
}

/** An edit a spec's author makes; a random one when the text has no place for the one drawn. */
export function authorEdit(text: string, next: (below: number) => number): string {
  const at = (match: RegExpExecArray | undefined, replace: (line: string) => string): string | undefined =>
    match === undefined ? undefined : text.slice(0, match.index) + replace(match[0]) + text.slice(match.index + match[0].length);
  const components = [...text.matchAll(/^ {4}([A-Za-z][\w.-]*):\s*$/gm)].map((m) => m[1]!);
  const other = components.length === 0 ? 'Missing' : components[next(components.length)]!;
  const edits: (() => string | undefined)[] = [
    () => at(pick(text, /^( +)description: [^|>\n].*$/, next), (line) => `${line} (edited)`),
    () =>
      at(
        pick(text, /^( +)properties:$/, next),
        (line) => `${line}\n${/^ */.exec(line)![0]}  added_${next(4)}:\n${/^ */.exec(line)![0]}    type: string`,
      ),
    () =>
      at(pick(text, /^( +)type: (string|integer|number|boolean)$/, next), (line) =>
        line.replace(/type: \w+/, next(2) === 0 ? 'type: integer' : 'type: string'),
      ),
    () =>
      at(pick(text, /^( +)(- )?\$ref: ['"]?#\/components\/schemas\/[^'"\n]+['"]?$/, next), (line) =>
        line.replace(/schemas\/[^'"\n]+/, `schemas/${other}`),
      ),
    () => at(pick(text, /^ {4}[A-Za-z][\w.-]*:\s*$/, next), (line) => line.replace(/([\w.-]+):/, next(2) === 0 ? '$1Renamed:' : '$1:')),
    () => at(pick(text, /^( +)(const|- )['"]?[a-z_.]+['"]?$/, next), (line) => line.replace(/([a-z_.]+)(['"]?)$/, '$1_x$2')),
    () => at(pick(text, /^( +)type: (string|integer|object|array)$/, next), (line) => `${line}\n${/^ */.exec(line)![0]}nullable: true`),
    () => at(pick(text, /^( +)required:$/, next), (line) => `${line}\n${/^ */.exec(line)![0]}  - added_${next(4)}`),
    () => `# a comment above everything\n\n${text}`,
    () => text.replace(/^# a comment above everything\n\n/, ''),
    () => at(pick(text, /^( +)(maxLength|minimum|maximum|minItems): \d+$/, next), (line) => line.replace(/\d+$/, String(next(100)))),
    () => randomEdit(text, next),
  ];
  return edits[next(edits.length)]!() ?? randomEdit(text, next);
}
