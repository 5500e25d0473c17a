// Spec `pattern`s: both ECMAScript dialects are read (translated to the `u` one where the
// meaning is the same), POSIX classes mean what their authors meant, catastrophic patterns are
// rewritten, capped or left out with a located warning, and the emitted validator uses exactly
// the flags and the cap decided at generation time.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../generator/diagnostics/diagnostic.js';
import { compilePattern } from '../../generator/model/compile-pattern.js';
import type { IrStringSchema } from '../../generator/model/ir.js';
import { PATTERN_INPUT_LIMITS, patternCost } from '../../generator/model/pattern-cost.js';
import { patternToIr } from '../../generator/model/pattern-to-ir.js';
import { emit } from '../validators/emit-support.js';

function compiled(pattern: string): { source: string; flags: string } {
  const result = compilePattern(pattern);
  if (result.kind !== 'compiled') throw new Error(`refused: ${result.reason}`);
  return { source: result.source, flags: result.flags };
}

function regex(pattern: string): RegExp {
  const { source, flags } = compiled(pattern);
  return new RegExp(source, flags);
}

describe('compilePattern: the dialect a pattern is written in', () => {
  it('keeps a pattern the unicode dialect reads as it is', () => {
    expect(compilePattern('^[\\p{L}\\p{N}_.:/=+\\-@]*$')).toEqual({ kind: 'compiled', source: '^[\\p{L}\\p{N}_.:/=+\\-@]*$', flags: 'u' });
    // `\p{Alpha}` is a valid ECMAScript property (Alphabetic): its ECMAScript meaning stands
    expect(compilePattern('^\\p{Alpha}+$')).toEqual({ kind: 'compiled', source: '^\\p{Alpha}+$', flags: 'u' });
  });

  it('reads identity escapes of non-syntax characters as the characters (amazonaws events: `[A-Za-z0-9\\_\\-]+`)', () => {
    expect(compiled('[A-Za-z0-9\\_\\-]+')).toEqual({ source: '[A-Za-z0-9_\\-]+', flags: 'u' });
    expect(regex('^a\\_b$').test('a_b')).toBe(true);
    expect(regex('^a\\_b$').test('a\\_b')).toBe(false);
    expect(regex('^a\\-b\\~c\\"d$').test('a-b~c"d')).toBe(true);
    expect(regex('^a{$').test('a{')).toBe(true); // a lone brace is a literal in the non-unicode dialect
    expect(regex('^a}]$').test('a}]')).toBe(true);
  });

  it('reads `-` beside a class escape inside a class as a literal, as the non-unicode dialect does', () => {
    const { source, flags } = compiled('^[\\w-.]+$');
    expect(flags).toBe('u');
    expect(new RegExp(source, flags).test('a-b.c')).toBe(true);
    expect(new RegExp(source, flags).test('a,b')).toBe(false);
  });

  it('translates POSIX classes to their ASCII meaning (amazonaws application-autoscaling: `\\p{Print}+`)', () => {
    const print = regex('^\\p{Print}+$');
    expect(print.flags).toBe('u');
    expect(print.test('service/my-cluster/my_service 1')).toBe(true);
    expect(print.test('tab\there')).toBe(false);
    expect(print.test('p{Print}')).toBe(true); // printable, not the literal text the non-unicode dialect would want
    expect(regex('^p\\p{Print}$').test('p{Print}')).toBe(false);
    expect(regex('^[\\p{XDigit}]+$').test('09afAF')).toBe(true);
    expect(regex('^[\\p{XDigit}]+$').test('g')).toBe(false);
    expect(regex('^\\P{Digit}$').test('x')).toBe(true);
    expect(regex('^\\P{Digit}$').test('7')).toBe(false);
    expect(regex('^\\p{Punct}+$').test('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~')).toBe(true);
    expect(regex('^\\p{Punct}$').test('a')).toBe(false);
  });

  it('every translated pattern matches exactly what the non-unicode dialect matches', () => {
    const patterns = ['^[A-Za-z0-9\\_\\-]+$', '^a\\_b\\:c$', '^[\\w-.]{2,}$', '^x{$', '^a\\@\\#b}$', '^(?:\\_|\\-)+$', '^\\"[^\\"]*\\"$'];
    for (const pattern of patterns) {
      const legacy = new RegExp(pattern);
      const translated = regex(pattern);
      expect(translated.flags).toBe('u');
      fc.assert(
        fc.property(
          fc.string({ unit: fc.constantFrom(...'ab_-:@#"{}.x1 ,\\'), maxLength: 8 }),
          (text) => translated.test(text) === legacy.test(text),
        ),
        { seed: 42, numRuns: 400 },
      );
    }
  });

  it('keeps the non-unicode dialect for what only it reads (an octal escape)', () => {
    expect(compiled('^\\101$')).toEqual({ source: '^\\101$', flags: '' });
    expect(regex('^\\101$').test('A')).toBe(true);
  });

  it('refuses, with the reason, what neither dialect reads or what would change its meaning', () => {
    expect(compilePattern('^[a-z+$')).toMatchObject({ kind: 'refused', reason: expect.stringContaining('Unterminated character class') });
    expect(compilePattern('^abc\\z')).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('`\\z` is not an ECMAScript escape'),
    });
    expect(compilePattern('^[\\P{Print}a]$')).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('`\\P{Print}` inside a character class'),
    });
    expect(compilePattern('^\\p{Klingon}$')).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('`\\p{Klingon}` is not an ECMAScript Unicode property; ECMAScript knows general categories'),
    });
    // a pattern still refused for another reason says why the non-unicode dialect is no way out
    expect(compilePattern('^\\p{L}[$')).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('would match the letter `p`'),
    });
  });

  it("translates other dialects' property names that have exactly one ECMAScript meaning", () => {
    // amazonaws alexaforbusiness: Java's binary property, the general category L
    expect(compilePattern('^[\\p{IsLetter} .-]*$')).toEqual({ kind: 'compiled', source: '^[\\p{L} .-]*$', flags: 'u' });
    expect(regex('^\\p{IsLetter}+$').test('Zoë')).toBe(true);
    expect(regex('^\\p{IsLetter}+$').test('Zo3')).toBe(false);
    // amazonaws dlm: Perl's `All`, any code point (names matched loosely, as Perl does)
    expect(compilePattern('^[\\p{all}]*$')).toEqual({ kind: 'compiled', source: '^[\\p{Any}]*$', flags: 'u' });
    expect(regex('^[\\p{all}]{2}$').test('\u{1F600}x')).toBe(true);
    expect(compilePattern('^\\P{IsWhite_Space}+$')).toEqual({ kind: 'compiled', source: '^\\P{White_Space}+$', flags: 'u' });
    expect(compilePattern('^\\p{IsLu}\\p{isdigit}$')).toEqual({ kind: 'compiled', source: '^\\p{Lu}\\p{Nd}$', flags: 'u' });
    // an ECMAScript name keeps its ECMAScript meaning
    expect(compilePattern('^\\p{Lowercase}$')).toEqual({ kind: 'compiled', source: '^\\p{Lowercase}$', flags: 'u' });
  });

  it('refuses a script written without `Script=`, with the ECMAScript spelling', () => {
    // amadeus hotel booking: PCRE's bare script name
    expect(compilePattern('^[\\p{Han}\\p{Latin}]+$')).toEqual({
      kind: 'refused',
      reason:
        '`\\p{Han}` is not an ECMAScript Unicode property; ECMAScript writes the script as `\\p{Script=Han}` (or `Script_Extensions=Han`), and has no Unicode blocks',
    });
    // Java's script (or .NET's block) with `Is`; a name in lower case
    expect(compilePattern('^\\P{IsGreek}$')).toMatchObject({ reason: expect.stringContaining('`\\P{Script=Greek}`') });
    expect(compilePattern('^\\p{cyrillic}$')).toMatchObject({ reason: expect.stringContaining('`\\p{Script=Cyrillic}`') });
  });
});

describe('patternCost: catastrophic backtracking, found statically', () => {
  it('rewrites a fixable exponential pattern to an equivalent linear one, dropping captures validators do not need', () => {
    expect(patternCost('^(a+)+$', 'u')).toEqual({ kind: 'linear', source: '^a+$', rewrittenFrom: '^(a+)+$' });
    expect(patternCost('^\\d+\\d+$', 'u')).toEqual({ kind: 'linear', source: '^\\d{2,}$', rewrittenFrom: '^\\d+\\d+$' });
  });

  it('reports an exponential pattern it cannot rewrite', () => {
    expect(patternCost('^(\\w+\\s?)*$', 'u')).toMatchObject({ kind: 'exponential' });
    expect(patternCost('^([a-z]+,?)+$', 'u')).toEqual({ kind: 'exponential', character: 'a' });
  });

  it('caps a polynomial pattern: a scan from every start position at 10,000, backtracking at 1,000', () => {
    expect(patternCost('a\\w+b', 'u')).toEqual({
      kind: 'polynomial',
      source: 'a\\w+b',
      character: 'a',
      inputLimit: PATTERN_INPUT_LIMITS.scan,
    });
    expect(patternCost('^(?:a+ba+){2}$', 'u')).toEqual({
      kind: 'polynomial',
      source: '^(?:a+ba+){2}$',
      character: 'a',
      inputLimit: PATTERN_INPUT_LIMITS.backtracking,
    });
  });

  it('leaves a linear pattern (and one with back-references) alone', () => {
    expect(patternCost('^[a-z][a-z0-9-]{0,62}$', 'u')).toEqual({ kind: 'linear', source: '^[a-z][a-z0-9-]{0,62}$' });
    expect(patternCost('^(a|b)\\1$', 'u')).toEqual({ kind: 'linear', source: '^(a|b)\\1$' });
  });
});

describe('the pattern analyser', () => {
  it('loads only for a spec that has patterns', async () => {
    // a fresh process per spec, up to the model (where patterns are analysed): scslre is
    // required lazily, so its module is in the cache only after an analysis
    const dir = await mkdtemp(join(tmpdir(), 'sdkgen-scslre-'));
    const script = join(dir, 'loads.mjs');
    await writeFile(
      script,
      [
        "import { readFileSync } from 'node:fs';",
        "import { createRequire } from 'node:module';",
        ...[
          ['loadSpec', 'load/load-spec.ts'],
          ['validateSpec', 'validate/validate-spec.ts'],
          ['buildModel', 'model/build-model.ts'],
        ].map(([name, file]) => `import { ${name} } from ${JSON.stringify(pathToFileURL(resolve('generator', file!)).href)};`),
        "buildModel(await validateSpec(loadSpec(process.argv[2], readFileSync(process.argv[2], 'utf8'))));",
        "console.log(Object.keys(createRequire(import.meta.url).cache).some((key) => key.includes('scslre')));",
      ].join('\n'),
    );
    const loads = (spec: string) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', script, spec]).then(({ stdout }) => stdout.trim());
    expect(await Promise.all([loads('spec/chatkit-sessions.yaml'), loads('test/fixtures/specs/all-schema-constructs.yaml')])).toEqual([
      'false',
      'true',
    ]);
  });
});

describe('patternToIr: keys and located warnings', () => {
  const run = (pattern: string, maxLength?: number) => {
    const problems: Diagnostic[] = [];
    const keys = patternToIr(pattern, maxLength, '/components/schemas/S/pattern', {
      locate: (pointer) => ({ file: 's.yaml', line: 7, column: 16, pointer }),
      report: (d) => problems.push(d),
    });
    return { keys, problems: problems.map((d) => ({ code: d.code, severity: d.severity, pointer: d.at.pointer, message: d.message })) };
  };

  it('an unreadable pattern is a warning and no check, never a refusal', () => {
    const { keys, problems } = run('^[a-z+$');
    expect(keys).toEqual({});
    expect(problems).toEqual([
      {
        code: 'model/unchecked-construct',
        severity: 'warning',
        pointer: '/components/schemas/S/pattern',
        message: expect.stringContaining('not checked'),
      },
    ]);
  });

  it.each([
    ['\\A[a-z]+\\Z', '`\\A`, `\\Z` and `\\z` anchor the whole string in other dialects: write `^` and `$`.'],
    ['(?i)abc', 'inline flags such as `(?i)` are not part of ECMAScript: spell both cases (`[Aa]`) instead.'],
    ['(?>ab)c', 'atomic groups `(?>...)` are not part of ECMAScript: write a plain group `(?:...)`.'],
    ['a*+b', 'possessive quantifiers (`*+`, `++`) are not part of ECMAScript: drop the second `+`.'],
    ['[[:alpha:]]+', 'POSIX classes such as `[[:alpha:]]` are not part of ECMAScript: write the class (`[A-Za-z]`).'],
    ['(?P<x>a)', "Python's named groups `(?P<name>...)` are written `(?<name>...)` in ECMAScript."],
  ])("another dialect's %s: the hint names the construct and the ECMAScript way", (pattern, advice) => {
    const problems: Diagnostic[] = [];
    patternToIr(pattern, undefined, '/p', {
      locate: (pointer) => ({ file: 's.yaml', line: 1, column: 1, pointer }),
      report: (d) => problems.push(d),
    });
    expect(problems.map((d) => [d.code, d.severity, d.hint])).toEqual([
      ['model/unchecked-construct', 'warning', `Write the pattern as an ECMAScript regular expression, JSON Schema's dialect: ${advice}`],
    ]);
  });

  it('OpenAPI 3.0 and 3.1 alike: such a pattern is that warning, validation lets it through, and the model leaves the check out', async () => {
    const { loadSpec } = await import('../../generator/load/load-spec.js');
    const { validateSpec } = await import('../../generator/validate/validate-spec.js');
    const { buildModel } = await import('../../generator/model/build-model.js');
    for (const version of ['3.0.3', '3.1.0']) {
      const text = `openapi: ${version}\ninfo: { title: T, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    A: { type: string, pattern: '(?i)abc' }\n`;
      const validated = await validateSpec(loadSpec('spec.yaml', text));
      expect(validated.warnings, version).toEqual([]);
      const { api, warnings } = buildModel(validated);
      expect(
        warnings.map((d) => [d.code, d.at.pointer]),
        version,
      ).toEqual([['model/unchecked-construct', '/components/schemas/A/pattern']]);
      expect(api.schemas[0]!.schema, version).toEqual(expect.not.objectContaining({ pattern: expect.anything() }));
    }
  });

  it('an exponential pattern is a model/slow-pattern warning and no check', () => {
    const { keys, problems } = run('^([a-z]+,?)+$');
    expect(keys).toEqual({});
    expect(problems).toEqual([
      {
        code: 'model/slow-pattern',
        severity: 'warning',
        pointer: '/components/schemas/S/pattern',
        message: expect.stringContaining('exponentially'),
      },
    ]);
  });

  it('a rewritable exponential pattern is a model/slow-pattern warning, and the validator tests the linear one', () => {
    const { keys, problems } = run('^(a+)+$');
    expect(keys).toEqual({ pattern: '^a+$', patternFlags: 'u' });
    expect(problems).toEqual([
      expect.objectContaining({ code: 'model/slow-pattern', severity: 'warning', pointer: '/components/schemas/S/pattern' }),
    ]);
    const given = emit({ kind: 'string', source: '/components/schemas/S', ...keys });
    expect(given.hoisted).toContain("new RegExp('^a+$', 'u')");
    expect(given.hoisted).not.toContain('(a+)+');
    expect(given.check('aaa')).toBeUndefined();
    expect(given.check(`${'a'.repeat(40)}!`)).toHaveLength(1);
  });

  it('a maxLength of at most half the cap bounds a polynomial pattern: no warning at the half, one above it', () => {
    for (const [pattern, cap] of [
      ['a\\w+b', 10_000],
      ['^\\w+\\s?\\w+\\s?\\w+$', 1_000],
    ] as const) {
      const cost = patternCost(pattern, 'u');
      expect(cost, pattern).toMatchObject({ kind: 'polynomial', inputLimit: cap });
      expect(run(pattern, cap / 2).problems, `${pattern} at ${cap / 2}`).toEqual([]);
      expect(
        run(pattern, cap / 2 + 1).problems.map((problem) => problem.code),
        `${pattern} at ${cap / 2 + 1}`,
      ).toEqual(['model/slow-pattern']);
    }
  });

  it('a polynomial pattern is capped, and warned about unless maxLength already bounds it', () => {
    expect(run('a\\w+b')).toEqual({
      keys: { pattern: 'a\\w+b', patternFlags: 'u', patternInputLimit: 10_000 },
      problems: [expect.objectContaining({ code: 'model/slow-pattern', message: expect.stringContaining('up to 10,000 characters') })],
    });
    expect(run('a\\w+b', 100)).toEqual({ keys: { pattern: 'a\\w+b', patternFlags: 'u', patternInputLimit: 10_000 }, problems: [] });
  });

  it('a translated pattern carries its flags and no warning', () => {
    expect(run('\\p{Print}+')).toEqual({ keys: { pattern: '[\\x20-\\x7E]+', patternFlags: 'u' }, problems: [] });
    expect(run('^\\101$')).toEqual({ keys: { pattern: '^\\101$', patternFlags: '' }, problems: [] });
  });
});

describe('the emitted check uses the generation-time flags and cap', () => {
  const string = (keys: Partial<IrStringSchema>): IrStringSchema => ({ kind: 'string', source: '/components/schemas/S', ...keys });

  it('compiles with the flags the pattern was tested with', () => {
    const given = emit(string({ pattern: '^\\101$', patternFlags: '' }));
    expect(given.hoisted).toMatch(/new RegExp\('\^\\u005c101\$', ''\)/);
    expect(given.check('A')).toBeUndefined();
    expect(given.check('B')).toEqual([{ path: [], message: expect.stringContaining('expected a string matching') }]);
  });

  it('reports a string over the cap instead of running the pattern on it', () => {
    const given = emit(string({ pattern: 'a\\w+b', patternFlags: 'u', patternInputLimit: 10_000 }));
    expect(given.check('xaab')).toBeUndefined();
    expect(given.check('xyz')).toEqual([{ path: [], message: expect.stringContaining('expected a string matching /a\\w+b/') }]);
    // 'a' repeated is the quadratic input: one issue about the length, none from the pattern
    expect(given.check('a'.repeat(10_001))).toEqual([
      {
        path: [],
        message: 'expected at most 10000 characters for the pattern /a\\w+b/ (longer strings are not tested against it), found 10001',
      },
    ]);
  });

  it('with a maxLength under the cap, maxLength alone reports a long string', () => {
    const given = emit(string({ maxLength: 10, pattern: 'a\\w+b', patternFlags: 'u', patternInputLimit: 10_000 }));
    expect(given.check('a'.repeat(30))).toEqual([{ path: [], message: expect.stringContaining('expected at most 10 characters') }]);
    expect(given.check('a'.repeat(15))).toHaveLength(2); // over maxLength and no match: the pattern still runs up to 2 × maxLength
  });
});
