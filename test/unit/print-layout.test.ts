// generator/emit/validators/print.ts lays statements out as prettier would, without prettier.
// Here its layout meets prettier's head-on: fast-check builds statements of every shape the
// validators emitter writes, with names and strings of every length around the 100-column
// limit and at every nesting depth; whatever print.ts lays out must be exactly what prettier
// prints (what it leaves undefined goes to prettier).
import fc from 'fast-check';
import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import { Code } from '../../generator/emit/escape.js';
import { and, atom, compare, not, or, type Expr } from '../../generator/emit/validators/expr.js';
import { printStatement } from '../../generator/emit/validators/print.js';
import { PRETTIER_OPTIONS } from '../../generator/format/format-files.js';

const RUNS = Number(process.env['LAYOUT_RUNS'] ?? 600);
/** Fixed, so CI is deterministic; set LAYOUT_SEED (and LAYOUT_RUNS) to explore further. */
const SEED = Number(process.env['LAYOUT_SEED'] ?? 42);
/** The share of exported declarations print.ts must lay out itself (with seed 42 it lays out 600 of 600). */
const MIN_LAID_OUT_SHARE = 0.9;

const name = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,40}$/);
const text = fc.string({ maxLength: 70 }).map((value) => value.replace(/[\\'"\n\r\u2028\u2029`]/g, '_'));
const quoted = text.map((value) => `'${value}'`);
const local = fc.integer({ min: 1, max: 99 }).map((n) => `v${n}`);

// conditions are built with expr.ts, as the emitter builds them (its parentheses are canonical)
const comparison = fc.oneof(
  fc.tuple(local, quoted).map(([v, q]) => compare(Code.raw(`${v} === ${q}`))),
  local.map((v) => compare(Code.raw(`typeof ${v} === 'string'`))),
  fc.tuple(local, fc.integer({ min: 0, max: 10_000 })).map(([v, n]) => compare(Code.raw(`${v} >= ${n}`))),
  fc.tuple(name, local).map(([check, v]) => compare(Code.raw(`check_${check}(${v}, strict, label) === undefined`))),
  // a union variant's check whose issues are kept for the report
  fc
    .tuple(fc.integer({ min: 1, max: 99 }), name, local, quoted, fc.integer({ min: 1, max: 9 }))
    .map(([r, check, v, label, levels]) =>
      compare(Code.raw(`(r${r} = check_${check}(${v}, mode, ${label}, depth + ${levels})) === undefined`)),
    ),
  local.map((v) => atom(Code.raw(`Number.isInteger(${v})`))),
);
const expression: fc.Arbitrary<Expr> = fc.oneof(
  comparison,
  fc.array(comparison, { minLength: 1, maxLength: 5 }).map(and),
  fc.array(comparison, { minLength: 1, maxLength: 5 }).map(or),
  fc.array(fc.oneof(comparison, fc.array(comparison, { minLength: 2, maxLength: 5 }).map(and)), { minLength: 1, maxLength: 5 }).map(or),
);
const condition = fc.oneof(
  expression.map((test) => `if (${test.text}) {`),
  expression.map((test) => `if (${not(test).text}) {`),
);
/** A schema name up to 90 characters long (the exported API's). */
const longName = fc.stringMatching(/^[A-Z][a-zA-Z0-9]{0,89}$/);
/** A union variant's check name: long, so that its call often has to break. */
const variantName = fc.stringMatching(/^[A-Z][a-zA-Z0-9]{25,60}$/);
const path = fc.array(fc.oneof(quoted, local), { minLength: 0, maxLength: 5 }).map((segments) => `[${segments.join(', ')}]`);
const report = fc.oneof(
  fc.tuple(path, quoted, local).map(([at, what, v]) => `issues = expected(issues, ${at}, ${what}, ${v});`),
  fc.tuple(path, quoted).map(([at, what]) => `issues = missing(issues, ${at}, ${what});`),
  fc.tuple(path, quoted, local).map(([at, message, v]) => `issues = fail(issues, ${at}, ${message} + foundLiteral(${v}));`),
  fc
    .tuple(path, local, name, name)
    .map(([at, k, keys, nested]) => `issues = fail(issues, ${at}, unknownKeyMessage(${k}, label, KEYS_${keys}, NESTED_${nested}));`),
  fc
    .tuple(path, quoted, local, fc.array(fc.tuple(local, name), { minLength: 1, maxLength: 4 }))
    .map(
      ([at, what, v, candidates]) =>
        `issues = unionIssues(issues, ${at}, ${what}, ${v}, [${candidates.map(([guard, check]) => `typeof ${guard} === 'object' ? check_${check}(${v}, strict, label) : undefined`).join(', ')}], '');`,
    ),
  // a union's issues as the emitter writes them: each variant's check behind its guard
  fc
    .tuple(
      path,
      quoted,
      local,
      fc.array(
        fc.tuple(fc.constantFrom("typeof V === 'string'", 'V === null', "V === null || typeof V === 'string'"), variantName, quoted),
        {
          minLength: 1,
          maxLength: 4,
        },
      ),
    )
    .map(
      ([at, what, v, variants]) =>
        `issues = unionIssues(issues, ${at}, ${what}, ${v}, [${variants.map(([guard, check, label]) => `${guard.replaceAll('V', v)} ? check_${check}(${v}, mode, ${label}, depth + 1) : undefined`).join(', ')}], '');`,
    ),
  fc.tuple(name, local).map(([check, v]) => `const r1 = check_${check}(${v}, strict, label);`),
  // an array item's issues put under its index
  fc
    .tuple(fc.integer({ min: 1, max: 99 }), path)
    .map(([o, at]) => `issues = issues === undefined ? o${o} : nestIssues(o${o}, ${at}, issues, '');`),
);
/** The exported API of a schema. */
const exported = fc.oneof(
  longName.map((type) => `export const ${type} = standardSchema<types.${type}>('open-ai-client', check_${type}, '\`${type}\`');`),
  longName.map(
    (type) =>
      `export function is${type}(value: unknown): value is types.${type} {\nconst issues = check_${type}(value, false, '\`${type}\`');\nreturn issues === undefined;\n}`,
  ),
  longName.map(
    (type) =>
      `export function assert${type}(value: unknown): asserts value is types.${type} {\nconst issues = check_${type}(value, false, '\`${type}\`');\nif (issues !== undefined) {\nthrow new ValidationError(issues, 'Invalid ${type}');\n}\n}`,
  ),
);
const constant = fc.oneof(
  fc.tuple(name, fc.array(quoted, { maxLength: 12 })).map(([id, items]) => `const KEYS_${id}: readonly string[] = [${items.join(', ')}];`),
  fc
    .tuple(name, fc.array(quoted, { maxLength: 12 }), fc.boolean())
    .map(
      ([id, items, pure]) =>
        `const VALUES_${id}: ReadonlySet<unknown> = ${pure ? '/* @__PURE__ */ ' : ''}new Set<unknown>([${items.join(', ')}]);`,
    ),
  // a pattern, as module.ts hoists it (pure, so that a bundler drops an unused one)
  fc.tuple(name, quoted).map(([id, pattern]) => `const PATTERN_${id} = /* @__PURE__ */ new RegExp(${pattern}, 'u');`),
);

/** A check function with the statement `depth` blocks deep. */
const nested = fc
  .tuple(
    fc.oneof(
      condition.map((line) => [line, 'x();', '}']),
      fc.tuple(condition, report).map(([line, statement]) => [line, statement, '}']),
      report.map((line) => [line]),
    ),
    fc.integer({ min: 0, max: 12 }),
    name,
  )
  .map(([lines, depth, id]) => {
    const opening = Array.from({ length: depth }, (_, i) => `if (v${i}) {`);
    return [
      `function check_${id}(value: unknown, strict: boolean, label: string): ValidationIssue[] | undefined {`,
      ...opening,
      ...lines,
      ...opening.map(() => '}'),
      '}',
    ].join('\n');
  });

/** `brief` with braces around the statement of each `if (test) statement;` line, as prettier lays them out. */
function braced(brief: string): string {
  return brief.replace(
    /^( *)(if \(.*?\)) ((?:issues = |return\b|break;|continue;|[A-Za-z_$][\w$.]*\().*;)$/gm,
    (_, pad: string, test: string, statement: string) => `${pad}${test} {\n${pad}  ${statement}\n${pad}}`,
  );
}

async function prettier(source: string): Promise<string> {
  return (await format(source, { ...PRETTIER_OPTIONS, parser: 'babel-ts' })).trimEnd();
}

describe('print.ts lays statements out as prettier does', () => {
  it(`${RUNS} statements inside check functions (seed ${SEED})`, async () => {
    let laidOut = 0;
    let briefs = 0;
    for (const source of fc.sample(nested, { numRuns: RUNS, seed: SEED })) {
      const printed = printStatement(source);
      if (printed === undefined) continue;
      laidOut++;
      const formatted = await prettier(source);
      expect(printed, source).toBe(formatted);
      // without the braces of an `if` around one statement that then fits: prettier leaves that
      // as it is, and it is the same code
      const brief = printStatement(source, { briefIfs: true })!;
      expect(await prettier(brief), source).toBe(brief);
      expect(braced(brief), source).toBe(formatted);
      if (brief !== printed) briefs++;
    }
    expect(briefs, 'statements with an if that lost its braces').toBeGreaterThan(RUNS * 0.1);
    // these statements are far longer and deeper than real ones (the whole OpenAI spec leaves 4 of
    // 9,919 to prettier), but print.ts must still lay out a good share of them
    expect(laidOut, 'print.ts left too many statements to prettier').toBeGreaterThan(RUNS * 0.3);
  });

  it(`${RUNS} exported declarations with long names (seed ${SEED})`, async () => {
    let laidOut = 0;
    for (const source of fc.sample(exported, { numRuns: RUNS, seed: SEED })) {
      const printed = printStatement(source);
      if (printed === undefined) continue;
      laidOut++;
      expect(printed, source).toBe(await prettier(source));
    }
    // a property that compared nothing would pass: most of these must be laid out by print.ts
    expect(laidOut, `print.ts laid out only ${laidOut} of ${RUNS} declarations (seed ${SEED})`).toBeGreaterThan(RUNS * MIN_LAID_OUT_SHARE);
  });

  it(`${RUNS} module constants (seed ${SEED})`, async () => {
    for (const source of fc.sample(constant, { numRuns: RUNS, seed: SEED })) {
      const printed = printStatement(source);
      expect(printed, source).toBeDefined();
      expect(printed, source).toBe(await prettier(source));
    }
  });
});
