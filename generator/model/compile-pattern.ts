// A schema's `pattern` -> the ECMAScript source and flags the generated validators use. JSON
// Schema patterns are ECMA-262 regular expressions, and the `u` (unicode) dialect is the one
// that matches code points, as JSON Schema counts them. Real specs are often written for the
// older non-unicode dialect (`\_`, `\-`, a lone `{`) or borrow POSIX classes from Java
// (`\p{Print}`): those are translated into an equivalent `u` source. A pattern only the
// non-unicode dialect reads (octal escapes, …) keeps that dialect. What neither reads, or what
// would silently mean something else than the author wrote, is refused with the reason.

export type CompiledPattern =
  | { readonly kind: 'compiled'; readonly source: string; readonly flags: 'u' | '' }
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * POSIX classes (as Java's `\p{Name}` spells them, with their ASCII meaning) that ECMAScript has
 * no Unicode property for, as class contents. `Alpha`, `Upper`, `Lower` and `ASCII` are not
 * here: ECMAScript reads them as Unicode properties, and a valid ECMAScript pattern keeps its
 * ECMAScript meaning.
 */
const POSIX_CLASSES: Readonly<Record<string, string>> = {
  Alnum: 'A-Za-z0-9',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  Digit: '0-9',
  Graph: '\\x21-\\x7E',
  Print: '\\x20-\\x7E',
  Punct: '\\x21-\\x2F\\x3A-\\x40\\x5B-\\x60\\x7B-\\x7E',
  Space: '\\t\\n\\x0B\\f\\r ',
  XDigit: '0-9A-Fa-f',
};

/**
 * Property names of other dialects with an exact ECMAScript equivalent, keyed by the name in
 * lower case without `_`, `-` or spaces (Java and Perl match these names loosely): Java's binary
 * properties, written with `Is` (`\p{IsLetter}` is the general category `L`), and Perl's `All`.
 * Not here: `Is` before a script's name, which Java reads as the script and .NET as a Unicode
 * block (ECMAScript has no blocks).
 */
const DIALECT_PROPERTIES: Readonly<Record<string, string>> = {
  all: 'Any',
  isalphabetic: 'Alphabetic',
  isassigned: 'Assigned',
  iscontrol: 'Cc',
  isdigit: 'Nd',
  ishexdigit: 'Hex_Digit',
  isideographic: 'Ideographic',
  isjoincontrol: 'Join_Control',
  isletter: 'L',
  islowercase: 'Lowercase',
  isnoncharactercodepoint: 'Noncharacter_Code_Point',
  ispunctuation: 'P',
  istitlecase: 'Lt',
  isuppercase: 'Uppercase',
  iswhitespace: 'White_Space',
};

/** Characters that keep their backslash in the `u` dialect everywhere. */
const SYNTAX_CHARACTERS = new Set([...'^$\\.*+?()[]{}|/']);
/** ECMAScript escapes written with a letter (character classes, control characters, …). */
const LETTER_ESCAPES = new Set([...'dDwWsSbBfnrtv']);
const CLASS_ESCAPES = new Set([...'dDwWsS']);

export function compilePattern(pattern: string): CompiledPattern {
  if (compiles(pattern, 'u')) return { kind: 'compiled', source: pattern, flags: 'u' };
  const posix = /\[:[a-z]+:\]/.exec(pattern);
  if (posix !== null) {
    // read as the older dialect, `[[:alpha:]]` is a class of `[`, `:` and letters, then a `]`
    return {
      kind: 'refused',
      reason: `${syntaxError(pattern, 'u')}; \`${posix[0]}\` is a POSIX bracket class, which ECMAScript does not have (read as the older dialect, it would match its own characters)`,
    };
  }
  const translated = translateToUnicode(pattern);
  if (translated.kind === 'refused') return translated;
  if (compiles(translated.source, 'u')) return { kind: 'compiled', source: translated.source, flags: 'u' };
  if (translated.hasPropertyEscape) {
    return {
      kind: 'refused',
      reason: `${syntaxError(translated.source, 'u')}; without the \`u\` flag, \`\\p{…}\` would match the letter \`p\` and braces, not a class of characters`,
    };
  }
  if (compiles(pattern, '')) return { kind: 'compiled', source: pattern, flags: '' };
  return { kind: 'refused', reason: syntaxError(pattern, 'u') };
}

function compiles(source: string, flags: string): boolean {
  try {
    new RegExp(source, flags);
    return true;
  } catch {
    return false;
  }
}

function syntaxError(source: string, flags: string): string {
  try {
    new RegExp(source, flags);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

type Translation =
  | { readonly kind: 'translated'; readonly source: string; readonly hasPropertyEscape: boolean }
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * Rewrites what the non-unicode dialect reads as a literal character into the `u` spelling of
 * that character, and POSIX property classes into ranges. Everything else is copied; the
 * caller compiles the result to find out whether the rest is valid.
 */
function translateToUnicode(pattern: string): Translation {
  const hasNamedGroups = /\(\?<[^=!]/.test(pattern);
  let out = '';
  let inClass = false;
  let previousWasClassEscape = false; // inside a class: `[\w-z]` reads `-` as a literal there
  let hasPropertyEscape = false;
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i]!;
    if (char === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) return { kind: 'translated', source: out + char, hasPropertyEscape }; // a trailing backslash: the compiler reports it
      if (next === 'p' || next === 'P') {
        const property = /^\{([A-Za-z_][A-Za-z0-9_]*(?:=[A-Za-z0-9_]+)?)\}/.exec(pattern.slice(i + 2));
        if (property === null) {
          out += next; // the non-unicode dialect reads `\p` without braces as the letter
          i += 2;
          previousWasClassEscape = false;
          continue;
        }
        hasPropertyEscape = true;
        const name = property[1]!;
        const length = 2 + property[0].length;
        const posix = POSIX_CLASSES[name];
        if (compiles(`\\p{${name}}`, 'u')) {
          out += pattern.slice(i, i + length);
        } else if (posix === undefined) {
          const equivalent = dialectProperty(name);
          if (equivalent === undefined) return { kind: 'refused', reason: unknownProperty(next, name) };
          out += `\\${next}{${equivalent}}`;
        } else if (!inClass) {
          out += next === 'p' ? `[${posix}]` : `[^${posix}]`;
        } else if (next === 'p') {
          out += posix;
        } else {
          return { kind: 'refused', reason: `\`\\P{${name}}\` inside a character class has no equivalent without the \`v\` flag` };
        }
        i += length;
        previousWasClassEscape = inClass;
        continue;
      }
      const escape = escapeToUnicode(next, pattern, i, inClass, hasNamedGroups);
      if (escape === undefined) {
        return {
          kind: 'refused',
          reason: `\`\\${next}\` is not an ECMAScript escape (it looks like another regular-expression dialect's); ECMAScript would read it as the letter \`${next}\``,
        };
      }
      out += escape;
      i += 2;
      previousWasClassEscape = inClass && CLASS_ESCAPES.has(next);
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      else if (char === '-' && (previousWasClassEscape || /^\\[dDwWsS]/.test(pattern.slice(i + 1)))) {
        out += '\\-';
        i += 1;
        previousWasClassEscape = false;
        continue;
      }
      out += char;
      i += 1;
      previousWasClassEscape = false;
      continue;
    }
    if (char === '[') {
      inClass = true;
      out += char;
      i += 1;
      if (pattern[i] === '^') {
        out += '^';
        i += 1;
      }
      continue;
    }
    if (char === '{') {
      const quantifier = /^\{\d+(?:,\d*)?\}/.exec(pattern.slice(i));
      out += quantifier ? quantifier[0] : '\\{';
      i += quantifier ? quantifier[0].length : 1;
      continue;
    }
    out += char === '}' || char === ']' ? `\\${char}` : char;
    i += 1;
  }
  return { kind: 'translated', source: out, hasPropertyEscape };
}

/** The ECMAScript property another dialect's `\p{name}` means, when there is exactly one. */
function dialectProperty(name: string): string | undefined {
  const loose = name.toLowerCase().replace(/[_\s-]/g, '');
  const known = DIALECT_PROPERTIES[loose];
  if (known !== undefined) return known;
  // Java's general categories with `Is` (`\p{IsLu}`): one or two letters, never a script's name
  const category = /^Is([A-Z][a-z]?)$/.exec(name)?.[1];
  return category !== undefined && compiles(`\\p{General_Category=${category}}`, 'u') ? category : undefined;
}

/** Why `\p{name}` is refused, with the ECMAScript spelling when the name is a script's. */
function unknownProperty(letter: string, name: string): string {
  const bare = /^Is[A-Z]/.test(name) ? name.slice(2) : name;
  const script = [bare, bare.charAt(0).toUpperCase() + bare.slice(1).toLowerCase()].find((candidate) =>
    compiles(`\\p{Script=${candidate}}`, 'u'),
  );
  const head = `\`\\${letter}{${name}}\` is not an ECMAScript Unicode property`;
  if (script !== undefined) {
    return `${head}; ECMAScript writes the script as \`\\${letter}{Script=${script}}\` (or \`Script_Extensions=${script}\`), and has no Unicode blocks`;
  }
  return `${head}; ECMAScript knows general categories (\`\\p{L}\`, \`\\p{Nd}\`), scripts (\`\\p{Script=Latin}\`) and binary properties (\`\\p{Alphabetic}\`, \`\\p{White_Space}\`)`;
}

/**
 * The `u` spelling of the escape `\<next>` at `at`, as the non-unicode dialect reads it, or
 * undefined for a letter that ECMAScript has no escape for (`\z`, `\A`, `\h`: another dialect's).
 */
function escapeToUnicode(next: string, pattern: string, at: number, inClass: boolean, hasNamedGroups: boolean): string | undefined {
  const rest = pattern.slice(at + 2);
  if (SYNTAX_CHARACTERS.has(next) || LETTER_ESCAPES.has(next)) return `\\${next}`;
  if (next === '-') return inClass ? '\\-' : '-';
  if (next === 'x') return /^[0-9A-Fa-f]{2}/.test(rest) ? '\\x' : 'x';
  if (next === 'u') return /^(?:[0-9A-Fa-f]{4}|\{[0-9A-Fa-f]+\})/.test(rest) ? '\\u' : 'u';
  if (next === 'c') return '\\c'; // `\c` without a letter after it: only the non-unicode dialect reads it
  if (next === 'k') return hasNamedGroups ? '\\k' : 'k';
  if (/[0-9]/.test(next)) return `\\${next}`; // back-references and `\0`; octal escapes stay for the non-unicode dialect
  if (/[A-Za-z]/.test(next)) return undefined;
  return next; // `\_`, `\"`, `\~`, `\ `…: the character itself
}
