// A spec is untrusted text: its bytes reach the user's terminal only through diagnostics, and
// there every control character is shown escaped, so a spec cannot clear the screen, move the
// cursor, recolour or retitle the terminal, hide text with \r or \b, or reorder a line with a
// bidi override. The caret still points at the reported column.
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../generator/diagnostics/diagnostic.js';
import { escapeControls, renderDiagnostic } from '../../generator/diagnostics/render.js';

/** Anything a terminal acts on instead of printing (tab is turned into a space by the frame). */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function diagnostic(line: number, column: number, pointer = '/paths'): Diagnostic {
  return {
    code: 'validate/schema',
    severity: 'error',
    message: 'bad thing',
    hint: 'fix it',
    at: { file: 'api.yaml', line, column, pointer },
  };
}

describe('code frames of hostile spec lines', () => {
  const source = [
    'openapi: 3.1.0',
    'info: { title: "\u001b]0;pwned\u0007\u001b[2J\u001b[31mred", version: "1" }',
    'paths: { "/a\rb\bc\u202ereversed\u2066x\u0085y\u009b1m\u007f": 1 }',
    'x: "\u0000\u2028after"',
  ].join('\n');

  it('prints no raw control character, with or without colour', () => {
    for (const color of [false, true]) {
      for (const line of [2, 3, 4]) {
        const text = renderDiagnostic(diagnostic(line, 5), { sources: new Map([['api.yaml', source]]), color });
        // our own colour codes are the only escapes, and only with colour
        const withoutOwnColour = text.replace(/\u001b\[(?:31|33|1|2|22|36|39)m/g, '');
        expect(withoutOwnColour).not.toMatch(RAW_CONTROL);
      }
    }
  });

  it('shows each control character as a visible escape', () => {
    const text = renderDiagnostic(diagnostic(3, 1), { sources: new Map([['api.yaml', source]]), color: false });
    expect(text).toBe(
      [
        'api.yaml:3:1: error[validate/schema] bad thing',
        '  at /paths',
        '    2 | info: { title: "\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31mred", version: "1" }',
        '  > 3 | paths: { "/a\\rb\\bc\\u202ereversed\\u2066x\\x85y\\x9b1m\\x7f": 1 }',
        '      | ^',
        '    4 | x: "\\x00\\u2028after"',
        '  hint: fix it',
      ].join('\n'),
    );
  });

  it('keeps the caret under the reported character when escapes come before it', () => {
    const line = 'k: "\u001b[2J\u202e" # <- here';
    const column = line.indexOf('here') + 1;
    const text = renderDiagnostic(diagnostic(1, column), { sources: new Map([['api.yaml', line]]), color: false });
    const [frame, caret] = text.split('\n').slice(2, 4) as [string, string];
    expect(frame).toBe('  > 1 | k: "\\x1b[2J\\u202e" # <- here');
    expect(caret.indexOf('^')).toBe(frame.indexOf('here'));
  });

  it('escapes spec text in the pointer, the file name and the messages too', () => {
    const hostile: Diagnostic = {
      code: 'validate/schema',
      severity: 'warning',
      message: 'unknown key "\u001b[8mhidden"',
      hint: 'did you mean "\u202eesrever"?',
      at: { file: 'sp\u001bec.yaml', line: 1, column: 1, pointer: '/paths/~1a\u0007\u001b[1A' },
      related: [{ message: 'first "\r" here', at: { file: 'api.yaml', line: 1, column: 1, pointer: '/x\u0008' } }],
    };
    const text = renderDiagnostic(hostile, { sources: new Map(), color: false });
    expect(text).not.toMatch(RAW_CONTROL);
    expect(text).toContain('sp\\x1bec.yaml:1:1: warning[validate/schema] unknown key "\\x1b[8mhidden"');
    expect(text).toContain('  at /paths/~1a\\x07\\x1b[1A');
    expect(text).toContain('note: first "\\r" here at api.yaml:1:1 (/x\\b)');
    expect(text).toContain('hint: did you mean "\\u202eesrever"?');
  });
});

describe('escapeControls', () => {
  it('leaves printable text alone, including non-Latin scripts and emoji', () => {
    const text = 'naïve 日本語 עברית 👩‍💻 "quotes" \\ backslash';
    expect(escapeControls(text)).toBe(text);
  });

  it('keeps newlines only when asked (messages and hints may span lines; frame lines may not)', () => {
    expect(escapeControls('a\nb')).toBe('a\\nb');
    expect(escapeControls('a\nb\r', true)).toBe('a\nb\\r');
  });
});

describe('code frames of very long lines', () => {
  it('shows a window of the line around the column, with the caret under it', () => {
    // a minified JSON spec: one line of 200,000 characters
    const line = `{"openapi":"3.1.0",${'"x":1,'.repeat(33_333)}"bad":true}`;
    const column = line.indexOf('"bad"') + 1;
    const text = renderDiagnostic(diagnostic(1, column), { sources: new Map([['api.yaml', line]]), color: false });
    const [, , frameLine, caretLine] = text.split('\n');
    expect(text.length).toBeLessThan(600);
    expect(frameLine).toMatch(/^ {2}> 1 \| …"x":1,.*"bad":true}$/);
    expect(frameLine!.length).toBeLessThanOrEqual('  > 1 | '.length + 1 + 120 + 1);
    expect(frameLine![caretLine!.indexOf('^')]).toBe('"');
    expect(frameLine!.slice(caretLine!.indexOf('^'))).toBe('"bad":true}');
  });

  it('cuts both ends when the column is in the middle, keeping the lines above and below aligned', () => {
    const long = 'a'.repeat(1_000);
    const source = [`${long}b${long}`, `${long}X${long}`, `${long}c${long}`].join('\n');
    const text = renderDiagnostic(diagnostic(2, 1_001), { sources: new Map([['api.yaml', source]]), color: false });
    const lines = text.split('\n');
    const frame = lines.slice(2, 6);
    expect(frame[1]).toMatch(/^ {2}> 2 \| …a+Xa+…$/);
    expect(frame[1]![frame[2]!.indexOf('^')]).toBe('X');
    expect(frame[0]).toMatch(/^ {4}1 \| …a+ba+…$/);
    expect(frame[3]).toMatch(/^ {4}3 \| …a+ca+…$/);
    expect(new Set(frame.filter((l) => !l.includes('^')).map((l) => l.length)).size).toBe(1);
  });
});
