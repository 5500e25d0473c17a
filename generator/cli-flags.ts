// Command-line flags for `sdkgen generate` and `sdkgen diff`: node:util parseArgs reads the
// tokens, and every mistake becomes a UsageError that names the flag and the fix (an unknown
// flag gets the nearest known one; a flag without its value says what value it takes) instead
// of Node's own error text.
import { parseArgs } from 'node:util';
import { UsageError } from './diagnostics/diagnostic.js';
import { closestMatch } from './diagnostics/suggest.js';

export interface StringFlag {
  readonly type: 'string';
  /** What the value is, as shown in messages: `--spec <file>`. */
  readonly value: string;
  readonly default?: string;
  readonly short?: string;
  /** Repeatable: every value is kept, in the order given (`--overlay a --overlay b`). */
  readonly isRepeatable?: boolean;
}

export interface BooleanFlag {
  readonly type: 'boolean';
  readonly short?: string;
}

export type Flag = StringFlag | BooleanFlag;

export type FlagValues<F extends Record<string, Flag>> = {
  -readonly [K in keyof F]: F[K] extends BooleanFlag
    ? boolean
    : F[K] extends { readonly isRepeatable: true }
      ? string[]
      : F[K] extends { readonly default: string }
        ? string
        : string | undefined;
};

export interface ParsedFlags<F extends Record<string, Flag>> {
  readonly values: FlagValues<F>;
  readonly positionals: readonly string[];
}

/**
 * Parses `args` against `flags`. A repeated string flag keeps its last value (a repeatable one
 * keeps them all); `--` ends the
 * flags. `helpCommand` is the command that lists the flags (`sdkgen --help`).
 */
export function parseFlags<F extends Record<string, Flag>>(args: readonly string[], flags: F, helpCommand: string): ParsedFlags<F> {
  const known = new Map<string, Flag>(Object.entries(flags));
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, flag] of known) options[name] = { type: flag.type, ...(flag.short !== undefined ? { short: flag.short } : {}) };
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });

  const values: Record<string, string | string[] | boolean | undefined> = {};
  for (const [name, flag] of known) values[name] = flag.type === 'boolean' ? false : flag.isRepeatable ? [] : flag.default;
  const positionals: string[] = [];
  const more = ` Run \`${helpCommand}\` for the options.`;
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const flag = known.get(token.name);
    if (flag === undefined) throw new UsageError(unknownFlag(token.rawName, args[token.index] ?? token.rawName, [...known.keys()]) + more);
    const shown = `--${token.name}`;
    if (flag.type === 'boolean') {
      if (token.inlineValue) throw new UsageError(`\`${shown}\` takes no value (got \`${args[token.index]}\`).${more}`);
      values[token.name] = true;
      continue;
    }
    // parseArgs takes the next argument as the value even when it is another flag
    // (`--spec --out x`): that is a forgotten value, not a spec named "--out"
    const value = token.value;
    if (value === undefined || value === '' || (!token.inlineValue && value.startsWith('-'))) {
      throw new UsageError(`\`${shown}\` needs a value: ${shown} <${flag.value}> (${missingValue(shown, value, known)}).${more}`);
    }
    if (flag.isRepeatable) (values[token.name] as string[]).push(value);
    else values[token.name] = value;
  }
  return { values: values as FlagValues<F>, positionals };
}

/** Why a string flag has no value. */
function missingValue(shown: string, value: string | undefined, known: ReadonlyMap<string, Flag>): string {
  if (value === undefined) return 'it is the last argument';
  if (value === '') return 'it is empty';
  const name = value.replace(/^--?/, '').split('=')[0]!;
  const isFlag = value.startsWith('--') ? known.has(name) : [...known.values()].some((flag) => flag.short === name);
  if (isFlag) return `the next argument is the option \`${value}\``;
  return `the next argument \`${value}\` starts with "-"; to pass it as the value, write \`${shown}=${value}\``;
}

/** "unknown option `--specs`; did you mean `--spec`?" */
function unknownFlag(rawName: string, arg: string, names: readonly string[]): string {
  let shown = rawName;
  // parseArgs reads `-spec` as the short flags -s -p -e -c; the user meant a long flag
  if (!rawName.startsWith('--') && arg.startsWith('-') && !arg.startsWith('--') && arg.length > 2) shown = arg.split('=')[0]!;
  const word = shown.replace(/^--?/, '');
  const nearest =
    word.length < 2
      ? undefined
      : (closestMatch(word, names) ??
        names.find((name) => Math.min(name.length, word.length) >= 3 && (name.startsWith(word) || word.startsWith(name))));
  return `unknown option \`${shown}\`${nearest !== undefined ? `; did you mean \`--${nearest}\`?` : '.'}`;
}
