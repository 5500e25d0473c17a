// chunkedFile passes a piece's leading doc comment through and formats only the code after it
// (emitted-file.ts): stableDocLength must find a comment only where prettier prints the whole
// piece as that comment, a line break and the formatted code.
import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import { stableDocLength } from '../../generator/emit/emitted-file.js';
import { PRETTIER_OPTIONS } from '../../generator/format/format-files.js';

const CODE = 'export function f(a: string,b: number) { return g( a, b ) }';

const STABLE = [
  '/** One line. */',
  '/**\n * Creates a session.\n *\n * `POST /chatkit/sessions`\n */',
  '/**\n * @example\n * ```ts\n * const x = await f(client, { a: 1 });\n *   indented(code);\n * ```\n */',
  '/**\n *a star line without its space\n */',
  "/**\n * A list: 1. a 2. b; a `code` span, * stars *, and 'quotes'.\n */",
];

const UNSTABLE = [
  // trailing blanks, which prettier trims
  '/**\n * Creates a session. \n */',
  '/** \n * a\n */',
  // a line indented other than ` *`, which prettier re-indents
  '/**\n   * a\n */',
  '/**\n* a\n */',
];

async function formatted(text: string): Promise<string> {
  return format(text, { ...PRETTIER_OPTIONS, parser: 'babel-ts' });
}

describe('stableDocLength', () => {
  it.each(STABLE)('finds %j, which prettier prints as it is', async (comment) => {
    const piece = `${comment}\n${CODE}`;
    expect(stableDocLength(piece)).toBe(comment.length);
    expect(await formatted(piece)).toBe(`${comment}\n${await formatted(CODE)}`);
  });

  it.each(UNSTABLE)('leaves %j to prettier', (comment) => {
    expect(stableDocLength(`${comment}\n${CODE}`)).toBe(0);
  });

  it('leaves a Markdown line break (two trailing blanks) to prettier, which has a rule of its own for it', () => {
    expect(stableDocLength(`/**\n * first  \n * second\n */\n${CODE}`)).toBe(0);
  });

  it('needs the code on the next line, and a doc comment', () => {
    expect(stableDocLength(`/** a */ ${CODE}`)).toBe(0);
    expect(stableDocLength(`/** a */\n\n${CODE}`)).toBe(0);
    expect(stableDocLength('/** a */')).toBe(0);
    expect(stableDocLength(`/* a */\n${CODE}`)).toBe(0);
    expect(stableDocLength(`// a\n${CODE}`)).toBe(0);
    expect(stableDocLength(`/** never closed\n${CODE}`)).toBe(0);
  });

  it('a comment prettier re-indents is not what it prints', async () => {
    // why UNSTABLE must stay with prettier: each of them comes back changed
    for (const comment of UNSTABLE) {
      const piece = `${comment}\n${CODE}`;
      expect(await formatted(piece)).not.toBe(`${comment}\n${await formatted(CODE)}`);
    }
  });
});
