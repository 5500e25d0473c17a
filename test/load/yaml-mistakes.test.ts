// The YAML mistakes people make most get a message that names them. A tab that indents a line:
// yaml names it in some places only (a tab before the text of a block scalar gets a rule about
// indentation indicators, then an error for every line after it), so load-spec asks js-yaml (on a
// rejected document only) and puts "a tab character indents line N" first, with a hint to replace
// it; a tab yaml names itself gets that hint. Tabs YAML allows (inside a block scalar's text, after
// a colon, in JSON) load as before, and an unrelated syntax error in a document that holds such a
// tab blames no tab. A colon and a space inside a plain value: the hint shows the value quoted.
import { describe, expect, it } from 'vitest';
import { SpecError, type Diagnostic } from '../../generator/diagnostics/diagnostic.js';
import { loadSpec } from '../../generator/load/load-spec.js';

function problems(text: string, file = 'spec.yaml'): Diagnostic[] {
  try {
    loadSpec(file, text);
  } catch (error) {
    if (error instanceof SpecError) return [...error.diagnostics];
    throw error;
  }
  throw new Error('the document loaded without errors');
}

const TAB_HINT = /^Replace the tab with spaces/;

describe('a tab that indents a line', () => {
  it('before the text of a block scalar: named first, where it is, with the hint', () => {
    const text = [
      'openapi: 3.1.0',
      'info:',
      '  title: T',
      '  description: |',
      '\t  text after a tab',
      '    more text',
      '  version: 1.0.0',
      'paths: {}',
      '',
    ].join('\n');
    const [first, ...rest] = problems(text);
    expect(first).toMatchObject({ code: 'load/yaml-syntax', severity: 'error', at: { file: 'spec.yaml', line: 5, column: 1 } });
    expect(first!.message).toBe(
      'A tab character indents line 5; YAML indents with spaces only, so the lines after it do not parse as meant.',
    );
    expect(first!.hint).toMatch(TAB_HINT);
    // yaml's own errors follow, none of them before it
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every((d) => d.at.line >= 5)).toBe(true);
  });

  it('in a sequence or before a key, where yaml names it: that error gets the hint, and no second one is added', () => {
    for (const text of ['openapi: 3.1.0\ninfo:\n\ttitle: T\n  version: 1.0.0\n', 'openapi: 3.1.0\ntags:\n\t- name: a\n  - name: b\n']) {
      const found = problems(text);
      const tabs = found.filter((d) => /\btabs?\b/i.test(d.message));
      expect(tabs).toHaveLength(1);
      expect(tabs[0]).toMatchObject({ message: 'Tabs are not allowed as indentation', at: { line: 3, column: 1 } });
      expect(tabs[0]!.hint).toMatch(TAB_HINT);
    }
  });

  it('after an earlier syntax error, it is named once that error is fixed (each parser stops at its first)', () => {
    const lines = ['openapi: 3.1.0', 'info: {title: T', 'x:', '  description: |', '\t  tab', ''];
    const before = problems(lines.join('\n'));
    expect(before[0]!.at.line).toBe(3);
    expect(before.some((d) => d.message.startsWith('A tab character'))).toBe(false);
    lines[1] = 'info: {title: T}';
    const after = problems(lines.join('\n'));
    expect(after[0]).toMatchObject({
      message: 'A tab character indents line 5; YAML indents with spaces only, so the lines after it do not parse as meant.',
    });
  });
});

describe('tabs YAML allows', () => {
  it.each([
    [
      'inside the text of a block scalar, past its indentation',
      'openapi: 3.1.0\ninfo:\n  description: |\n    line\n    \tindented text\n',
      { openapi: '3.1.0', info: { description: 'line\n\tindented text\n' } },
    ],
    ['after a colon', 'openapi:\t3.1.0\ninfo: {}\n', { openapi: '3.1.0', info: {} }],
    ['indenting JSON', '{\n\t"openapi": "3.1.0",\n\t"info": {\n\t\t"title": "T"\n\t}\n}\n', { openapi: '3.1.0', info: { title: 'T' } }],
  ])('%s: the document loads', (_name, text, value) => {
    expect(loadSpec('spec.yaml', text).root).toEqual(value);
  });

  it('an unrelated syntax error in a document with such a tab blames no tab', () => {
    const text = 'openapi: 3.1.0\ninfo:\n  description: |\n    line\n    \tindented text\n  title: [unclosed\n';
    const found = problems(text);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((d) => /\btab/i.test(d.message) || TAB_HINT.test(d.hint ?? ''))).toEqual([]);
  });
});

describe('a colon and a space inside a plain value', () => {
  it.each([
    [
      'a mapping value',
      '  description: Note: the API is in beta',
      "Quote the value of `description`: description: 'Note: the API is in beta'",
    ],
    ['an item of a sequence', '  - name: pets: all of them', "Quote the value of `name`: name: 'pets: all of them'"],
    ["a value with a ' in it", "  summary: Owner's note: read it", "Quote the value of `summary`: summary: 'Owner''s note: read it'"],
  ])('%s: the hint names the cause and shows the value quoted', (_name, line, fix) => {
    const text = ['openapi: 3.1.0', 'info:', '  title: T', '  version: 1.0.0', line.startsWith('  -') ? 'tags:' : 'x:', line, ''].join(
      '\n',
    );
    const [first] = problems(text);
    expect(first).toMatchObject({
      code: 'load/yaml-syntax',
      message: 'Nested mappings are not allowed in compact mappings',
      at: { line: 6 },
    });
    expect(first!.hint).toBe(`A colon followed by a space inside a value starts a new key in YAML. ${fix}`);
  });

  it('a long value is not quoted back: the hint says how to quote it', () => {
    const text = `openapi: 3.1.0\ninfo:\n  description: Note: ${'x'.repeat(80)}\n`;
    expect(problems(text)[0]!.hint).toBe(
      "A colon followed by a space inside a value starts a new key in YAML. Put the value of `description` in single quotes (writing each ' in it as '').",
    );
  });

  it.each([
    ['a quoted value followed by a colon', 'openapi: 3.1.0\ninfo: {title: T}\ny: "q": 1\n', 3, 4],
    ['a more-indented line after a plain value', 'openapi: 3.1.0\ninfo:\n  a: b\n    c: d\n', 3, 6],
  ])('the same error for %s keeps the general hint', (_name, text, line, column) => {
    const [first] = problems(text);
    expect(first).toMatchObject({ message: 'Nested mappings are not allowed in compact mappings', at: { line, column } });
    expect(first!.hint).toBe('Fix the YAML syntax at this position; a YAML linter shows the exact rule.');
  });
});
