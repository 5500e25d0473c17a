// Values nested far deeper than any real data (100,000 levels) of recursive schemas: every
// entry point of the generated validators, and the client, report an issue at the depth limit
// instead of throwing RangeError. The limit is a real limit: MAX_DEPTH levels pass, one more fails.
import { beforeAll, describe, expect, it } from 'vitest';
import type { OperationSpec } from '../../templates/runtime/core.js';
import { APIError, ValidationError } from '../../templates/runtime/errors.js';
import { MAX_DEPTH, duplicateItems } from '../../templates/runtime/standard-schema.js';
import { loadValidatorsOnly, specIr } from '../validators/harness.js';
import { makeClient, rejection, startServer } from './harness.js';

const SPEC = 'test/runtime-core/fixtures/deep.yaml';
const DEEP = 100_000;

type Issue = { path: (string | number)[]; message: string };
type Module = Record<string, unknown>;
let validators: Module;

/** A value of each recursive schema, `depth` levels of objects/arrays below the top, valid throughout. */
const shapes: Record<string, (depth: number) => unknown> = {
  // Link: every level is an object; the deepest is `{}`.
  Link: (depth) => nest(depth, {}, (inner) => ({ next: inner })),
  // Node: two levels per step (an object, then the kids array).
  Node: (depth) => nest(depth / 2, { name: 'leaf' }, (inner) => ({ name: 'n', kids: [inner] })),
  // Json: arrays and maps alternate, through the union's variant checks.
  Json: (depth) => nest(depth, 'leaf', (inner, i) => (i % 2 === 0 ? [inner] : { k: inner })),
  // Expr: a discriminated union, one level per step.
  Expr: (depth) => nest(depth, { kind: 'literal', value: 1 }, (inner) => ({ kind: 'negate', arg: inner })),
};

function nest(levels: number, leaf: unknown, wrap: (inner: unknown, i: number) => unknown): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = wrap(value, i);
  return value;
}

/** `X.validate`, `X.is` or `X.assert` of the named schema X (each a plain function). */
function call<T>(schema: string, method: 'validate' | 'is' | 'assert'): (value: unknown) => T {
  const fn = (validators[schema] as Record<string, unknown> | undefined)?.[method];
  if (typeof fn !== 'function') throw new Error(`no ${schema}.${method}`);
  return fn as (value: unknown) => T;
}

beforeAll(async () => {
  // The emitted validators module with the runtime core beside it, bundled as the package ships it.
  validators = await loadValidatorsOnly(await specIr(SPEC));
}, 60_000);

describe.each(Object.keys(shapes))('%s nested 100,000 levels deep', (name) => {
  const make = shapes[name]!;

  it('X.validate, X.is, X.assert and ~standard.validate return the depth issue instead of throwing', async () => {
    const value = make(DEEP);
    const issues = call<Issue[]>(name, 'validate')(value);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toBe(`nested deeper than ${MAX_DEPTH} levels (the validators' limit); not checked further`);
    // The issue sits just past the limit: at the first check function entered below MAX_DEPTH
    // (a Node step is two levels, an object and its kids array).
    expect(issues[0]!.path.length).toBeGreaterThan(MAX_DEPTH);
    expect(issues[0]!.path.length).toBeLessThanOrEqual(MAX_DEPTH + 2);
    expect(call<boolean>(name, 'is')(value)).toBe(false);
    expect(() => call<void>(name, 'assert')(value)).toThrow(/nested deeper than 512 levels/);
    const standard = (validators[name] as { '~standard': { validate: (v: unknown) => { issues?: Issue[] } } })['~standard'];
    expect((await standard.validate(value)).issues).toEqual(issues);
  });

  it('accepts a value exactly MAX_DEPTH levels deep and rejects one level more', () => {
    expect(call<Issue[]>(name, 'validate')(make(MAX_DEPTH))).toEqual([]);
    expect(call<boolean>(name, 'is')(make(MAX_DEPTH))).toBe(true);
    expect(call<Issue[]>(name, 'validate')(make(MAX_DEPTH + 2))[0]?.message).toMatch(/^nested deeper than/);
  });
});

describe('the client with a 100,000-level value', () => {
  const deepText = `${'{"next":'.repeat(DEEP)}{}${'}'.repeat(DEEP)}`;

  it('a 2xx body fails response validation with the depth issue, not a RangeError', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(deepText);
    });
    const operation: OperationSpec<unknown> = {
      build: () => ({ method: 'GET', path: '/link', headers: {} }),
      validateResponse: (value, mode) => (validators['Link'] as { validate: (v: unknown, m: string) => Issue[] }).validate(value, mode),
    };
    const error = await rejection(makeClient(server.url).client.request(operation));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.message).toMatch(/^nested deeper than 512 levels/);
  });

  it('an error body becomes a typed error with the body kept and the key scrubbed from it', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(deepText);
    });
    const error = await rejection(
      makeClient(server.url, { maxRetries: 0 }).client.request({ build: () => ({ method: 'GET', path: '/x', headers: {} }) }),
    );
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(400);
    expect((error as Error).message).toBe('400 {an object too deeply nested to show}');
    let level = (error as APIError).error as { next?: unknown };
    for (let i = 0; i < DEEP; i++) level = level.next as { next?: unknown };
    expect(level).toEqual({});
  });

  it('a request body is checked by validateRequest without overflowing', async () => {
    const value = shapes['Node']!(DEEP);
    const error = await rejection(
      makeClient('http://127.0.0.1:9').client.request({
        validateRequest: () => call<Issue[]>('Node', 'validate')(value),
        build: () => ({ method: 'POST', path: '/nodes', headers: {}, body: value }),
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/nested deeper than 512 levels/);
  });
});

it('uniqueItems compares items of any depth without recursion', () => {
  const a = nest(DEEP, 1, (inner) => [inner]);
  const b = nest(DEEP, 1, (inner) => [inner]);
  const c = nest(DEEP, 2, (inner) => [inner]);
  expect(duplicateItems([a, c])).toBeUndefined();
  expect(duplicateItems([a, c, b])).toEqual([0, 2]);
});

describe('an overlapping anyOf nested to the depth limit', () => {
  // Tree's variants overlap (two object shapes), so each level calls its variants' check
  // functions. When they ran again for the failure report, a value failing at the bottom cost
  // 2^depth calls: 25 levels took seconds and the depth limit could not bound it. Each check
  // function now runs once per level, so the limit's 512 levels cost what any 512 levels cost.
  const tree = (levels: number, leaf: unknown) => nest(levels, leaf, (inner) => ({ left: inner }));

  it('reports the bad leaf of a value nested 500 levels deep, at the leaf', () => {
    const issues = call<Issue[]>('Tree', 'validate')(tree(500, 42));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toEqual(Array.from({ length: 500 }, () => 'left'));
    expect(issues[0]!.message).toMatch(/^expected an object `\{ left \}`, an object `\{ right \}` or a string/);
    expect(call<boolean>('Tree', 'is')(tree(500, 'leaf'))).toBe(true);
  });

  it('reports the depth issue for a failing value past the limit', () => {
    const issues = call<Issue[]>('Tree', 'validate')(tree(2_000, 42));
    expect(issues.map((issue) => issue.message)).toEqual([
      `nested deeper than ${MAX_DEPTH} levels (the validators' limit); not checked further`,
    ]);
  });
});
