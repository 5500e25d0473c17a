// test/support/ascii-code.ts, which the hostile specs test uses: it finds a character past ASCII
// where the JavaScript keeps it, and only there.
import { describe, expect, it } from 'vitest';
import { nonAsciiInCode } from '../support/ascii-code.js';

describe('nonAsciiInCode', () => {
  it.each([
    ["const a = 'é';", 'a string'],
    ['const t = `é${x}`;', "a template's head"],
    ['const t = `${x}é`;', "a template's tail"],
    ['const t = `é`;', 'a plain template'],
    ['const r = /é/u;', 'a regular expression'],
    ["const o = { 'é': 1 };", 'a quoted key'],
    ["export const v = f('é' as string);", 'a value cast to a type'],
  ])('finds %s (%s)', (text) => {
    expect(nonAsciiInCode('x.ts', text)).toContain('é');
  });

  it.each([
    ["const a = 'caf\\u00e9'; // é", 'a line comment'],
    ['/** é */\nexport const a = 1;\n/* é */', 'doc and block comments'],
    ["type T = 'é';\ninterface I { a: 'é' }\nexport type { T };", 'a type alias and an interface'],
    ["let x: 'é' | undefined = y as 'é';", 'annotations and casts'],
    ["declare const d: 'é';\nimport type { X } from './é.js';", 'a declare and a type-only import'],
  ])('leaves %s alone (%s)', (text) => {
    expect(nonAsciiInCode('x.ts', text)).toBeUndefined();
  });
});
