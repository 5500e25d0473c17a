// Text rendering of diagnostics in esbuild's shape: a `file:line:col: error[code] message`
// header, the JSON pointer, a three-line code frame with a caret, then the hint.
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
  const paint = (style: keyof typeof STYLE, text: string): string =>
    options.color ? `${STYLE[style][0]}${text}${STYLE[style][1]}` : text;
  const severity = paint(diagnostic.severity === 'error' ? 'red' : 'yellow', `${diagnostic.severity}[${diagnostic.code}]`);
  const lines = [`${formatLocation(diagnostic.at)}: ${severity} ${paint('bold', diagnostic.message)}`];
  // a template has no JSON pointer: its file:line:col says it all
  if (diagnostic.code !== 'emit/template-error') lines.push(`  at ${paint('cyan', diagnostic.at.pointer || '/')}`);
  lines.push(...codeFrame(diagnostic.at, options.sources.get(diagnostic.at.file)));
  for (const related of diagnostic.related ?? []) {
    lines.push(`  ${paint('dim', 'note:')} ${related.message} at ${formatLocation(related.at)} (${related.at.pointer || '/'})`);
  }
  if (diagnostic.hint) lines.push(`  ${paint('bold', 'hint:')} ${diagnostic.hint}`);
  return lines.join('\n');
}

export function formatLocation(at: SourceLocation): string {
  return `${at.file}:${at.line}:${at.column}`;
}

/** The line before, the line itself with a caret under the column, and the line after. */
function codeFrame(at: SourceLocation, text: string | undefined): string[] {
  if (text === undefined) return [];
  const lines = text.split(/\r?\n/);
  const first = Math.max(1, at.line - 1);
  const last = Math.min(lines.length, at.line + 1);
  const width = String(last).length;
  const frame: string[] = [];
  for (let line = first; line <= last; line++) {
    const content = (lines[line - 1] ?? '').replace(/\t/g, ' ');
    const marker = line === at.line ? '>' : ' ';
    frame.push(`  ${marker} ${String(line).padStart(width)} | ${content}`.trimEnd());
    if (line === at.line) frame.push(`    ${' '.repeat(width)} | ${' '.repeat(Math.max(0, at.column - 1))}^`);
  }
  return frame;
}
