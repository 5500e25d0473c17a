// How long a `pattern` can take to test a string, found statically with scslre (the analyser
// behind eslint-plugin-regexp's no-super-linear-backtracking). Generated validators run every
// pattern on request and response values, so a pattern that backtracks exponentially (`^(a+)+$`)
// lets one short string block the event loop. Where scslre knows an equivalent linear pattern,
// that one is used; a polynomial one gets a cap on the length of the strings it is run on; an
// exponential one is not run at all.
import { createRequire } from 'node:module';
import type { analyse as Analyse, Report } from 'scslre';

export type PatternCost =
  /** Linear, or rewritten to an equivalent linear `source`. */
  | { readonly kind: 'linear'; readonly source: string; readonly rewrittenFrom?: string }
  /** Super-linear on strings that repeat `character`: run only on strings up to `inputLimit` UTF-16 units. */
  | {
      readonly kind: 'polynomial';
      readonly source: string;
      readonly character: string;
      readonly inputLimit: number;
      readonly rewrittenFrom?: string;
    }
  /** Exponential on strings that repeat `character`: not run. */
  | { readonly kind: 'exponential'; readonly character: string };

/**
 * Caps, in UTF-16 units (`string.length`), for patterns whose time grows polynomially. Measured
 * on Node 20: a quadratic pattern (`a\w+b`, from the regex being tried at every start) takes about
 * 60 ms on 10,000 characters; a backtracking one between two quantifiers can be cubic
 * (`^.*a.*a.*a$`: 250 ms on 1,000).
 */
export const PATTERN_INPUT_LIMITS = { scan: 10_000, backtracking: 1_000 } as const;

const require = createRequire(import.meta.url);
let analyseOnce: typeof Analyse | undefined;
/** Loaded on the first pattern: a spec without patterns never pays for the analyser. */
function analyser(): typeof Analyse {
  return (analyseOnce ??= (require('scslre') as { analyse: typeof Analyse }).analyse);
}

const cache = new Map<string, PatternCost>();

export function patternCost(source: string, flags: 'u' | ''): PatternCost {
  const key = `${flags}/${source}`;
  let cost = cache.get(key);
  if (cost === undefined) {
    cost = measure(source, flags);
    cache.set(key, cost);
  }
  return cost;
}

function measure(source: string, flags: 'u' | ''): PatternCost {
  let reports: Report[];
  try {
    reports = analyser()({ source, flags }).reports;
  } catch {
    return { kind: 'linear', source }; // syntax the analyser's parser does not know yet: nothing to report
  }
  if (reports.length === 0) return { kind: 'linear', source };
  // validators only test: captures do not matter, and without them scslre can fix more
  const candidates = [source, withoutCaptures(source, flags)].filter(
    (candidate, index, all) => candidate !== undefined && all.indexOf(candidate) === index,
  ) as string[];
  let best = { source, reports };
  for (const candidate of candidates) {
    const fixed = fixBacktracking(candidate, flags);
    if (rank(fixed.reports) < rank(best.reports)) best = fixed;
  }
  const rewrittenFrom = best.source === source ? {} : { rewrittenFrom: source };
  const worst = best.reports;
  if (worst.length === 0) return { kind: 'linear', source: best.source, ...rewrittenFrom };
  const exponential = worst.find((report) => report.exponential);
  if (exponential) return { kind: 'exponential', character: exponential.character.pick };
  const backtracking = worst.find((report) => report.type !== 'Move');
  const report = backtracking ?? worst[0]!;
  return {
    kind: 'polynomial',
    source: best.source,
    character: report.character.pick,
    inputLimit: backtracking ? PATTERN_INPUT_LIMITS.backtracking : PATTERN_INPUT_LIMITS.scan,
    ...rewrittenFrom,
  };
}

/** 0: linear; 1: only the scan from every start position; 2: backtracking; 3: exponential. */
function rank(reports: readonly Report[]): number {
  if (reports.length === 0) return 0;
  if (reports.some((report) => report.exponential)) return 3;
  return reports.some((report) => report.type !== 'Move') ? 2 : 1;
}

/** Applies scslre's fixes (each one matches exactly the same strings) while it has any. */
function fixBacktracking(source: string, flags: 'u' | ''): { source: string; reports: Report[] } {
  let current = source;
  let reports = analyser()({ source: current, flags }).reports;
  for (let round = 0; round < 20; round++) {
    const fixed = reports
      .filter((report) => report.type !== 'Move')
      .map((report) => report.fix())
      .find((literal) => literal !== undefined);
    if (fixed === undefined) break;
    current = fixed.source;
    reports = analyser()({ source: current, flags }).reports;
  }
  return { source: current, reports };
}

/**
 * The pattern with each capturing group made non-capturing, or undefined when a
 * back-reference needs them. A rough scan is enough: the result is compiled before use.
 */
function withoutCaptures(source: string, flags: 'u' | ''): string | undefined {
  if (/\\[1-9]|\\k</.test(source)) return undefined;
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (char === '\\') {
      out += source.slice(i, i + 2);
      i++;
    } else if (inClass) {
      if (char === ']') inClass = false;
      out += char;
    } else if (char === '[') {
      inClass = true;
      out += char;
    } else if (char === '(' && source[i + 1] !== '?') {
      out += '(?:';
    } else if (char === '(' && source[i + 1] === '?' && source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!') {
      const close = source.indexOf('>', i);
      out += '(?:';
      i = close;
    } else {
      out += char;
    }
  }
  try {
    new RegExp(out, flags);
    return out;
  } catch {
    return undefined;
  }
}
