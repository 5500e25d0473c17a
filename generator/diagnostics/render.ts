// Text rendering of diagnostics in esbuild's shape: a `file:line:col: error[code] message`
// header, the JSON pointer, a three-line code frame with a caret, then the hint. Spec text
// (frame lines, keys in pointers and messages) is shown with control characters escaped, so a
// spec cannot move the cursor, recolour, retitle or reorder (bidi overrides) the user's terminal.
import type { Diagnostic, SourceLocation } from './diagnostic.js';

export interface RenderOptions {
  /** The text of each file a diagnostic may point into, for code frames. */
  readonly sources: ReadonlyMap<string, string>;
  readonly color: boolean;
}

const STYLE = {
  red: ['\u001b[31m', '\u001b[39m'],
  yellow: ['\u001b[33m', '\u001b[39m'],
  bold: ['\u001b[1m', '\u001b[22m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  cyan: ['\u001b[36m', '\u001b[39m'],
} as const;

export function renderDiagnostic(diagnostic: Diagnostic, options: RenderOptions): string {
  const paint = (style: keyof typeof STYLE, text: string): string => (options.color ? `${STYLE[style][0]}${text}${STYLE[style][1]}` : text);
  const severity = paint(diagnostic.severity === 'error' ? 'red' : 'yellow', `${diagnostic.severity}[${diagnostic.code}]`);
  const lines = [`${formatLocation(diagnostic.at)}: ${severity} ${paint('bold', escapeControls(diagnostic.message, KEEP_NEWLINES))}`];
  // a template has no JSON pointer: its file:line:col says it all
  if (diagnostic.code !== 'emit/template-error') lines.push(`  at ${paint('cyan', escapeControls(diagnostic.at.pointer || '/'))}`);
  lines.push(...codeFrame(diagnostic.at, options.sources.get(diagnostic.at.file)));
  for (const related of diagnostic.related ?? []) {
    lines.push(
      `  ${paint('dim', 'note:')} ${escapeControls(related.message, KEEP_NEWLINES)} at ${formatLocation(related.at)} (${escapeControls(related.at.pointer || '/')})`,
    );
  }
  if (diagnostic.hint) lines.push(`  ${paint('bold', 'hint:')} ${escapeControls(diagnostic.hint, KEEP_NEWLINES)}`);
  return lines.join('\n');
}

export function formatLocation(at: SourceLocation): string {
  return `${escapeControls(at.file)}:${at.line}:${at.column}`;
}

/**
 * C0 and C1 controls (ESC, CR, BS, BEL, DEL, …), the bidirectional formatting characters
 * (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) and the line and paragraph
 * separators, which a terminal would act on instead of showing.
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r' };
/** Messages and hints are ours and may span lines; a code frame line or a pointer may not. */
const KEEP_NEWLINES = true;

/** `text` with every control character written as a visible escape: `\x1b`, `\r`, `\u202e`. */
export function escapeControls(text: string, keepNewlines = false): string {
  return text.replace(CONTROLS, (char) => {
    if (keepNewlines && char === '\n') return char;
    const named = NAMED[char];
    if (named !== undefined) return named;
    const code = char.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** The most characters of a line a frame shows: a minified spec's one line can be megabytes. */
const FRAME_WIDTH = 120;

/**
 * The line before, the line itself with a caret under the column, and the line after. A line
 * longer than FRAME_WIDTH is cut to a window around the column (the same window on all three
 * lines), with `…` where text was left out.
 */
function codeFrame(at: SourceLocation, text: string | undefined): string[] {
  if (text === undefined) return [];
  const lines = text.split(/\r?\n/);
  const first = Math.max(1, at.line - 1);
  const last = Math.min(lines.length, at.line + 1);
  const width = String(last).length;
  const column = Math.max(0, at.column - 1);
  const start = Math.max(0, column - FRAME_WIDTH / 2);
  const shown = (raw: string) => {
    const cut = raw.slice(start, start + FRAME_WIDTH);
    return `${start > 0 && raw.length > 0 ? '…' : ''}${escapeControls(cut)}${raw.length > start + FRAME_WIDTH ? '…' : ''}`;
  };
  const frame: string[] = [];
  for (let line = first; line <= last; line++) {
    const raw = (lines[line - 1] ?? '').replace(/\t/g, ' ');
    const marker = line === at.line ? '>' : ' ';
    frame.push(`  ${marker} ${String(line).padStart(width)} | ${shown(raw)}`.trimEnd());
    // the caret stays under its character when escapes before it widen the line
    if (line === at.line)
      frame.push(`    ${' '.repeat(width)} | ${' '.repeat((start > 0 ? 1 : 0) + escapeControls(raw.slice(start, column)).length)}^`);
  }
  return frame;
}
