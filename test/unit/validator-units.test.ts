// A watch session's validators after an edit beyond docs: each named schema whose statements the
// last run made, and whose reads of the module are unchanged, is replayed (ModuleScope.replay),
// not emitted. Each case here is an edit whose replay must differ from the last run in some way,
// and each run's files must be a fresh run's.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/pipeline.js';
import { watchCaches } from '../../generator/watch/watch-caches.js';

const dir = mkdtempSync(join(tmpdir(), 'sdkgen-validator-units-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A spec of one GET per schema, returning it, and the schemas in `components` (YAML, indented 4). */
function spec(schemas: string): string {
  const names = [...schemas.matchAll(/^ {4}(\w+):$/gm)].map((match) => match[1]!);
  const paths = names.map(
    (name) =>
      `  /${name.toLowerCase()}:\n    get:\n      operationId: get${name}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: { $ref: '#/components/schemas/${name}' }\n`,
  );
  return `openapi: 3.1.0\ninfo: { title: Units, version: '1' }\npaths:\n${paths.join('')}components:\n  schemas:\n${schemas}`;
}

/** Of one run: named schemas made and replayed, conflicts, and functions made on the side replayed. */
interface Replays {
  readonly made: number;
  readonly replayed: number;
  readonly conflicts: number;
  readonly side: number;
  /** Parameter groups' check functions replayed. */
  readonly groups: number;
}

/** Runs of one watch session over `texts`, each checked against a fresh run; the session's emit stats after each. */
async function session(name: string, texts: readonly string[]): Promise<Replays[]> {
  const file = join(dir, `${name}.yaml`);
  const caches = watchCaches();
  const stats = caches.emitCache.stats;
  const after: Replays[] = [];
  for (const [round, text] of texts.entries()) {
    writeFileSync(file, text);
    const before = {
      made: stats.unitsMade,
      replayed: stats.unitsReplayed,
      conflicts: stats.unitConflicts,
      side: stats.sideFunctionsReplayed,
      groups: stats.groupChecksReplayed,
    };
    const watched = await generate({ spec: file, out: join(dir, `${name}-watched`), write: false, ...caches });
    const fresh = await generate({ spec: file, out: join(dir, `${name}-fresh`), write: false });
    expect(
      watched.files.map((f) => [f.path, f.text]),
      `${name}, run ${round}`,
    ).toEqual(fresh.files.map((f) => [f.path, f.text]));
    after.push({
      made: stats.unitsMade - before.made,
      replayed: stats.unitsReplayed - before.replayed,
      conflicts: stats.unitConflicts - before.conflicts,
      side: stats.sideFunctionsReplayed - before.side,
      groups: stats.groupChecksReplayed - before.groups,
    });
  }
  return after;
}

const OBJECT_X = `            - type: object
              properties: { x: { type: string }, y: { type: integer } }
              required: [x]
`;
const OBJECT_Z = `            - type: object
              properties: { z: { type: string } }
              required: [z]
`;
const OBJECT_W = `            - type: object
              properties: { w: { type: boolean } }
              required: [w]
`;
/** A named schema beside the edited one, replayed on each run. */
const OBJECT_LESS = `    Small:\n      type: object\n      properties:\n        s: { type: string }\n`;
const union = (variants: string) => `      type: object\n      properties:\n        pick:\n          oneOf:\n${variants}`;

describe('validators replayed in a watch session', () => {
  it('a property added to one schema: the others are replayed, it alone is made again', async () => {
    const original = readFileSync('spec/chatkit-sessions.yaml', 'utf8');
    const added = original.replace(/\n(\s+)rate_limits:\n/, '\n$1extra_limit:\n$1  type: integer\n$1rate_limits:\n');
    expect(added).not.toBe(original);
    const [first, second] = await session('chatkit', [original, added]);
    expect(first!.replayed).toBe(0);
    expect(second!.replayed).toBeGreaterThan(20);
    expect(second!.made).toBeGreaterThan(0);
    expect(second!.made).toBeLessThan(second!.replayed / 4);
    // the functions made on the side (shared shapes, union variants) are replayed too, and so
    // are the parameter groups' checks
    expect(second!.side).toBeGreaterThan(0);
    expect(second!.groups).toBeGreaterThan(0);
  });

  it("a parameter's schema edited: its group's check is made again, the other groups' replayed", async () => {
    const original = readFileSync('spec/chatkit-sessions.yaml', 'utf8');
    // the first parameter with a schema of type string gets a maxLength
    const edited = original.replace(/(\n(\s+)- name: \w+\n(?:\2 +.*\n)*?\2 {2}schema:\n(\s+)type: string\n)/, '$1$3maxLength: 9\n');
    expect(edited).not.toBe(original);
    const [first, second] = await session('parameter', [original, edited]);
    expect(first!.groups).toBe(0);
    // after an edit that no parameter reads, every group's check is replayed; after this one, all but one
    const added = original.replace(/\n(\s+)rate_limits:\n/, '\n$1extra_limit:\n$1  type: integer\n$1rate_limits:\n');
    const [, elsewhere] = await session('parameter-elsewhere', [original, added]);
    expect(second!.groups).toBe(elsewhere!.groups - 1);
    expect(second!.groups).toBeGreaterThan(0);
  });

  it('a schema that inlines a changed one is made again (what it read changed), the rest replayed', async () => {
    const texts = [
      `    Outer:\n      type: object\n      properties:\n        inner: { $ref: '#/components/schemas/Inner' }\n    Inner:\n      type: object\n      properties:\n        n: { type: integer }\n    Other:\n      type: object\n      properties:\n        s: { type: string }\n`,
      `    Outer:\n      type: object\n      properties:\n        inner: { $ref: '#/components/schemas/Inner' }\n    Inner:\n      type: object\n      properties:\n        n: { type: string }\n    Other:\n      type: object\n      properties:\n        s: { type: string }\n`,
    ].map(spec);
    const [, edited] = await session('inlined', texts);
    // Inner (changed) and Outer (which inlines it) made again; Other replayed
    expect(edited).toMatchObject({ made: 2, replayed: 1, conflicts: 0 });
  });

  it('an allOf over a ref whose target changed is made again', async () => {
    const base = (type: string) => `    Base:\n      type: object\n      properties:\n        id: { type: ${type} }\n`;
    const combined = `    Combined:\n      allOf:\n        - $ref: '#/components/schemas/Base'\n        - type: object\n          properties:\n            b: { type: boolean }\n          unevaluatedProperties: false\n`;
    const [, edited] = await session('all-of', [spec(base('string') + combined), spec(base('integer') + combined)]);
    expect(edited!.conflicts).toBe(0);
    expect(edited!.made).toBe(2);
  });

  it('a request-only schema stops inlining a schema that a second one now refers to, and is made again', async () => {
    // a check written for size (request-only) inlines a ref only when nothing else refers to it
    const requests = (names: readonly string[]) =>
      names
        .map(
          (name) =>
            `  /${name.toLowerCase()}:\n    post:\n      operationId: post${name}\n      requestBody:\n        content:\n          application/json:\n            schema: { $ref: '#/components/schemas/${name}' }\n      responses:\n        '204': { description: done }\n`,
        )
        .join('');
    const small = `    Small:\n      type: object\n      properties:\n        n: { type: integer }\n`;
    const holder = (name: string, refers: boolean) =>
      `    ${name}:\n      type: object\n      properties:\n        small: ${refers ? "{ $ref: '#/components/schemas/Small' }" : '{ type: string }'}\n`;
    // Two comes to refer to Small too (the paths stay, so the model keeps One's and Small's IR)
    const text = (twoRefers: boolean) =>
      `openapi: 3.1.0\ninfo: { title: Units, version: '1' }\npaths:\n${requests(['One', 'Two'])}components:\n  schemas:\n${small}${holder('One', true)}${holder('Two', twoRefers)}`;
    const [first, edited] = await session('ref-counts', [text(false), text(true)]);
    expect(first!.made).toBe(3);
    // One (its ref no longer inlined: Small has two referrers now) and Two made again; Small replayed
    expect(edited).toMatchObject({ made: 2, replayed: 1, conflicts: 0 });
  });

  it('a ref to a schema whose check another of its shape now owns calls that one: the referrer is made again', async () => {
    // over 12 nodes, so a ref calls its check; a schema of the same shape listed first owns the check
    const fields = Array.from({ length: 13 }, (_, i) => `        f${i}: { type: integer }\n`).join('');
    const big = (name: string) => `    ${name}:\n      type: object\n      properties:\n${fields}`;
    const user = `    User:\n      type: object\n      properties:\n        big: { $ref: '#/components/schemas/Big' }\n`;
    const aardvark = (same: boolean) =>
      `    Aardvark:\n      type: object\n      properties:\n${same ? fields : '        only: { type: string }\n'}`;
    const [, edited] = await session('owners', [spec(aardvark(false) + big('Big') + user), spec(aardvark(true) + big('Big') + user)]);
    expect(edited!.conflicts).toBe(0);
  });

  it('an inline shape that a second schema now has too becomes a shared check: the first is made again, no conflict', async () => {
    const shape = `          properties:\n            a: { type: string }\n            b: { type: integer }\n`;
    const holder = (name: string, has: boolean) =>
      `    ${name}:\n      type: object\n      properties:\n        part:\n          type: object\n${has ? shape : '          properties: { c: { type: boolean } }\n'}`;
    const [, edited] = await session('shared', [
      spec(holder('First', true) + holder('Second', false)),
      spec(holder('First', true) + holder('Second', true)),
    ]);
    expect(edited).toMatchObject({ made: 2, replayed: 0, conflicts: 0 });
  });

  it('a hoisted function whose ref comes to lie on a cycle gets its depth guard, though neither it nor the ref changed', async () => {
    // X (called: over 12 nodes) is unchanged; Y comes to refer back to X, so A's variant that refers to X can recurse
    const fields = Array.from({ length: 13 }, (_, i) => `        f${i}: { type: integer }\n`).join('');
    const x = `    X:\n      type: object\n      properties:\n${fields}        y: { $ref: '#/components/schemas/Y' }\n`;
    const y = (back: boolean) =>
      `    Y:\n      type: object\n      properties:\n        n: { type: integer }\n${back ? "        x: { $ref: '#/components/schemas/X' }\n" : ''}`;
    const variants = `            - type: object\n              properties: { r: { $ref: '#/components/schemas/X' } }\n              required: [r]\n${OBJECT_Z}`;
    const texts = [false, true].map((back) => spec(`    A:\n${union(variants)}${x}${y(back)}`));
    const [, edited] = await session('recursion', texts);
    expect(edited!.conflicts).toBe(0);
  });

  it('a hoisted function another schema named: when that schema stops making it, the replay conflicts and all is made again', async () => {
    // B's union reuses A's hoisted check of the shared variant (check_A_1); A then drops that variant
    const texts = [
      `    A:\n${union(OBJECT_X + OBJECT_Z)}    B:\n${union(OBJECT_X + OBJECT_W)}`,
      `    A:\n${union(OBJECT_Z + OBJECT_W.replace('w: { type: boolean }', 'v: { type: number }').replace('[w]', '[v]'))}    B:\n${union(OBJECT_X + OBJECT_W)}`,
    ].map(spec);
    const [, edited] = await session('hoisted', texts);
    expect(edited!.conflicts).toBe(1);
  });

  it("the schema nodes a session keeps (Shapes) are started again once edits have replaced more than it meets, and the files stay a fresh run's", async () => {
    // each edit makes Big again: some 200 nodes; the session starts its Shapes again past twice the first run's nodes and 1,000
    const big = (round: number) =>
      `    Big:\n      type: object\n      properties:\n${Array.from({ length: 200 }, (_, i) => `        f${i}: { type: ${i === round ? 'string' : 'integer'} }\n`).join('')}`;
    const caches = watchCaches();
    const file = join(dir, 'renewed.yaml');
    for (let round = 0; round < 8; round++) {
      writeFileSync(file, spec(big(round) + OBJECT_LESS));
      const watched = await generate({ spec: file, out: join(dir, 'renewed-watched'), write: false, ...caches });
      const fresh = await generate({ spec: file, out: join(dir, 'renewed-fresh'), write: false });
      expect(
        watched.files.map((f) => [f.path, f.text]),
        `round ${round}`,
      ).toEqual(fresh.files.map((f) => [f.path, f.text]));
    }
    expect(caches.emitCache.stats.shapesRenewed).toBe(1);
  });
});
