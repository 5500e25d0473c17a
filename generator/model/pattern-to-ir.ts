import type { Diagnostic, SourceLocation } from '../diagnostics/diagnostic.js';
import { compilePattern } from './compile-pattern.js';
import type { IrStringSchema } from './ir.js';
import { patternCost } from './pattern-cost.js';

export type PatternKeys = Pick<IrStringSchema, 'pattern' | 'patternFlags' | 'patternInputLimit'>;

interface PatternContext {
  readonly locate: (pointer: string) => SourceLocation;
  readonly report: (diagnostic: Diagnostic) => void;
  /** The user's cap on every pattern (`--pattern-input-limit`); slow patterns get the lower of it and sdkgen's. */
  readonly patternInputLimit?: number;
}

/** `pointer` is the `pattern` keyword's; `maxLength` is the schema's, as written. */
export function patternToIr(pattern: string, maxLength: unknown, pointer: string, ctx: PatternContext): PatternKeys {
  const keys = patternKeys(pattern, maxLength, pointer, ctx);
  const cap = ctx.patternInputLimit;
  if (keys.pattern === undefined || cap === undefined) return keys;
  return { ...keys, patternInputLimit: Math.min(keys.patternInputLimit ?? cap, cap) };
}

function patternKeys(pattern: string, maxLength: unknown, pointer: string, ctx: PatternContext): PatternKeys {
  const compiled = compilePattern(pattern);
  if (compiled.kind === 'refused') {
    ctx.report({
      code: 'model/unchecked-construct',
      severity: 'warning',
      message: `The pattern is not checked by the generated validators: ${compiled.reason}.`,
      hint:
        foreignSyntaxHint(pattern) ??
        'Write the pattern as an ECMAScript regular expression (JSON Schema 2020-12 §6.3.3; OAS 3.1 §4.8.24.1).',
      at: ctx.locate(pointer),
    });
    return {};
  }
  const cost = patternCost(compiled.source, compiled.flags);
  const slow = (message: string, hint: string) =>
    ctx.report({ code: 'model/slow-pattern', severity: 'warning', message, hint, at: ctx.locate(pointer) });
  const rewriteHint = (source: string) =>
    `Write it as ${showPattern(source)} in the spec: it matches the same strings, and the API's server may run the original.`;
  switch (cost.kind) {
    case 'linear':
      if (cost.rewrittenFrom !== undefined) {
        slow(
          'The pattern backtracks catastrophically on some inputs (ReDoS); the generated validators test an equivalent pattern that does not.',
          rewriteHint(cost.source),
        );
      }
      return { pattern: cost.source, patternFlags: compiled.flags };
    case 'polynomial': {
      // a declared maxLength that already rejects every longer string makes the cap invisible
      const isBounded = typeof maxLength === 'number' && 2 * maxLength <= cost.inputLimit;
      if (!isBounded || cost.rewrittenFrom !== undefined) {
        slow(
          `The pattern takes polynomial time on long strings that repeat ${JSON.stringify(cost.character)} (ReDoS); the generated validators test it only on strings of up to ${cost.inputLimit.toLocaleString('en-US')} characters and report longer ones.`,
          cost.rewrittenFrom !== undefined
            ? rewriteHint(cost.source)
            : 'Rewrite it so that no two quantifiers can match the same characters, anchor it with `^`, or bound the string with `maxLength`.',
        );
      }
      return { pattern: cost.source, patternFlags: compiled.flags, patternInputLimit: cost.inputLimit };
    }
    case 'exponential':
      slow(
        `The pattern backtracks exponentially on strings that repeat ${JSON.stringify(cost.character)}: a few dozen characters can block a process for seconds (ReDoS). The generated validators do not test it.`,
        'Rewrite it so that a repeated group cannot match the same text in two ways (e.g. `^(a+)+$` -> `^a+$`).',
      );
      return {};
  }
}

function showPattern(source: string): string {
  return `\`${source}\``;
}

/**
 * Constructs of other regex dialects (PCRE, Python, Ruby, Java) that ECMAScript lacks, and what
 * JSON Schema's dialect writes instead: the hint for a pattern that does not compile.
 */
const FOREIGN_SYNTAX: readonly { readonly test: RegExp; readonly hint: string }[] = [
  { test: /\\[AzZ]/, hint: '`\\A`, `\\Z` and `\\z` anchor the whole string in other dialects: write `^` and `$`.' },
  { test: /\(\?[imsxu-]+\)/, hint: 'inline flags such as `(?i)` are not part of ECMAScript: spell both cases (`[Aa]`) instead.' },
  { test: /\(\?>/, hint: 'atomic groups `(?>...)` are not part of ECMAScript: write a plain group `(?:...)`.' },
  { test: /[*+?}]\+/, hint: 'possessive quantifiers (`*+`, `++`) are not part of ECMAScript: drop the second `+`.' },
  { test: /\[\[:[a-z]+:\]\]/, hint: 'POSIX classes such as `[[:alpha:]]` are not part of ECMAScript: write the class (`[A-Za-z]`).' },
  { test: /\(\?P</, hint: "Python's named groups `(?P<name>...)` are written `(?<name>...)` in ECMAScript." },
];

export function foreignSyntaxHint(pattern: string): string | undefined {
  const found = FOREIGN_SYNTAX.filter(({ test }) => test.test(pattern)).map(({ hint }) => hint);
  if (found.length === 0) return undefined;
  return `Write the pattern as an ECMAScript regular expression, JSON Schema's dialect: ${found.join(' ')}`;
}
