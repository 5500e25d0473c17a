// I-Regexp (RFC 9485) to a JavaScript RegExp, for JSONPath's `match` and `search`. I-Regexp is
// a subset of what JS accepts with the `u` flag, except `.`, which in I-Regexp matches any
// character but CR and LF (JS's `.` also refuses U+2028 and U+2029).

const CACHE = new Map<string, RegExp | undefined>();

/** The RegExp for `pattern` (whole-string when `isWhole`), or undefined when it is not a valid I-Regexp. */
export function iRegexpToRegExp(pattern: string, isWhole: boolean): RegExp | undefined {
  const key = `${isWhole ? 'm' : 's'}${pattern}`;
  if (CACHE.has(key)) return CACHE.get(key);
  const source = translate(pattern);
  let regexp: RegExp | undefined;
  try {
    regexp = source === undefined ? undefined : new RegExp(isWhole ? `^(?:${source})$` : source, 'u');
  } catch {
    regexp = undefined;
  }
  if (CACHE.size > 1_000) CACHE.clear();
  CACHE.set(key, regexp);
  return regexp;
}

function translate(pattern: string): string | undefined {
  let out = '';
  let isInClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '\\') {
      out += char + (pattern[i + 1] ?? '');
      i++;
      continue;
    }
    if (isInClass) {
      if (char === ']') isInClass = false;
      out += char;
      continue;
    }
    if (char === '[') isInClass = true;
    // anchors, lookarounds and backreferences are not I-Regexp; JS would read them as such
    if (char === '^' || char === '$') return undefined;
    if (char === '(' && pattern[i + 1] === '?') return undefined;
    out += char === '.' ? '[^\\n\\r]' : char;
  }
  return out;
}
