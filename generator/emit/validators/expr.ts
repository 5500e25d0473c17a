// Boolean expressions that know how tightly they bind, so conditions are written with exactly
// the parentheses prettier would print: none that the grammar does not need, and the ones it
// adds for clarity (`a || (b && c)`). validators.ts is printed in its final form, not reformatted.
import { Code } from '../escape.js';
import { splitTopLevel } from './print.js';

/** From tightest to loosest: a primary or call, `!x`/`typeof x`, a comparison, `&&`, `||`, `?:`. */
export type Precedence = 'atom' | 'unary' | 'compare' | 'and' | 'or' | 'conditional';

const RANK: Record<Precedence, number> = { atom: 0, unary: 1, compare: 2, and: 3, or: 4, conditional: 5 };

export class Expr extends Code {
  private constructor(
    text: string,
    readonly precedence: Precedence,
  ) {
    super(text);
  }

  static of(code: Code, precedence: Precedence): Expr {
    return code instanceof Expr && code.precedence === precedence ? code : new Expr(code.text, precedence);
  }
}

/** A primary expression or a call: `Array.isArray(v)`, `SET.has(k)`, `strict`. */
export const atom = (code: Code): Expr => Expr.of(code, 'atom');
/** A comparison or arithmetic: `typeof v === 'string'`, `v % 2 === 0`, `v instanceof Blob`. */
export const compare = (code: Code): Expr => Expr.of(code, 'compare');

export const TRUE = atom(Code.raw('true'));
export const FALSE = atom(Code.raw('false'));

/** `a && b && c`; `||` operands keep their parentheses. */
export function and(parts: readonly Expr[]): Expr {
  if (parts.length === 0) return TRUE;
  if (parts.length === 1) return parts[0]!;
  return Expr.of(Code.raw(parts.map((part) => (RANK[part.precedence] > RANK.and ? `(${part.text})` : part.text)).join(' && ')), 'and');
}

/** `a || b || c`; `&&` operands get parentheses, as prettier writes them. */
export function or(parts: readonly Expr[]): Expr {
  if (parts.length === 0) return FALSE;
  if (parts.length === 1) return parts[0]!;
  return Expr.of(
    Code.raw(
      parts.map((part) => (RANK[part.precedence] >= RANK.and && part.precedence !== 'or' ? `(${part.text})` : part.text)).join(' || '),
    ),
    'or',
  );
}

/** `!x`, `a !== b` for `a === b` (and back), or `!(x)` around anything else looser than a unary expression. */
export function not(part: Expr): Expr {
  if (part.precedence === 'compare') {
    for (const [operator, opposite] of [
      [' === ', ' !== '],
      [' !== ', ' === '],
    ] as const) {
      const sides = splitTopLevel(part.text, operator);
      if (sides.length === 2 && sides.every((side) => !/ [=!]==? /.test(side))) return compare(Code.raw(sides.join(opposite)));
    }
  }
  return Expr.of(Code.raw(RANK[part.precedence] <= RANK.unary ? `!${part.text}` : `!(${part.text})`), 'unary');
}

/** `test ? yes : no`. */
export function conditional(test: Expr, yes: Code, no: Code): Expr {
  const guard = RANK[test.precedence] >= RANK.conditional ? `(${test.text})` : test.text;
  return Expr.of(Code.raw(`${guard} ? ${yes.text} : ${no.text}`), 'conditional');
}
