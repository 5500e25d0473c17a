// The diagnostic codes a user can meet: the README lists exactly the codes of
// generator/diagnostics/codes.ts, and each of them is reported somewhere in the generator (a code
// nothing reports is a promise the docs make and the tool never keeps).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../generator/diagnostics/codes.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CODE = /[`'"]((?:load|validate|model|emit|format|write)\/[a-z0-9-]+)[`'"]/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

function readmeCodes(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('Codes (`generator/diagnostics/codes.ts`');
  expect(start, 'the README has a "Codes (`generator/diagnostics/codes.ts`…" list').toBeGreaterThan(0);
  const list = readme.slice(start, readme.indexOf('\n\n', readme.indexOf('\n\n', start) + 2));
  return [...list.matchAll(CODE)].map((match) => match[1]!);
}

describe('diagnostic codes', () => {
  const declared = Object.keys(DIAGNOSTIC_CODES).sort();

  it('the README lists every declared code, once, and no other', () => {
    const listed = readmeCodes();
    expect(listed.length, 'a code listed twice').toBe(new Set(listed).size);
    expect([...listed].sort()).toEqual(declared);
  });

  it('every declared code is reported by the generator, and every reported code is declared', () => {
    const reported = new Set<string>();
    for (const file of sources(join(ROOT, 'generator'))) {
      if (file.endsWith(join('diagnostics', 'codes.ts'))) continue;
      for (const match of readFileSync(file, 'utf8').matchAll(CODE)) reported.add(match[1]!);
    }
    expect(
      declared.filter((code) => !reported.has(code)),
      'declared but never reported',
    ).toEqual([]);
    expect([...reported].filter((code) => !(code in DIAGNOSTIC_CODES)).sort(), 'reported but not declared').toEqual([]);
  });
});
