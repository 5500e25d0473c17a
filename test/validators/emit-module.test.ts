// Given/want for the module emitter (src/validators.ts), and the API it gives a package user:
// per schema a Standard Schema object, isX, assertX and validateX(value, mode); per parameter
// group a validateX. Straight-line code: no eval, only the runtime helpers it calls.
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeObject } from '../../generator/emit/validators/describe.js';
import { schemaToCheck } from '../../generator/emit/validators/dispatch.js';
import { namedSchemaToStatements } from '../../generator/emit/validators/exports.js';
import { ModuleScope } from '../../generator/emit/validators/scope.js';
import { generate } from '../../generator/pipeline.js';
import { closed, integer, named, object, ref, string } from './emit-support.js';
import * as standardSchemaRuntime from '../../templates/runtime/standard-schema.js';
import { bundleFiles } from './harness.js';

describe('an object expected, by its keys', () => {
  it('is worded by the runtime from the key list exactly as the generator words the object', () => {
    const names = ['id', 'user', 'status', 'workflow', 'expires_at', 'rate_limits', 'object'];
    for (let count = 0; count <= names.length; count++) {
      const keys = names.slice(0, count);
      const parts = [object(Object.fromEntries(keys.map((key) => [key, string()])))];
      const words = describeObject(parts);
      expect(standardSchemaRuntime.expected(undefined, ['at'], keys, 5)).toEqual(
        standardSchemaRuntime.expected(undefined, ['at'], words, 5),
      );
      expect(standardSchemaRuntime.required(undefined, ['at'], keys, undefined)).toEqual([
        { path: ['at'], message: `missing required key \`at\`: expected ${words}` },
      ]);
    }
  });
});

describe('namedSchemaToStatements', () => {
  const locate = (pointer: string) => ({ file: 'given.yaml', line: 1, column: 1, pointer });

  it('emits the validator (a Standard Schema object with is, assert and validate) and the check function', () => {
    const limits = named('Limits', object({ max: integer() }, closed));
    const module = new ModuleScope([limits], schemaToCheck, locate);
    const statements = namedSchemaToStatements(limits, module);
    // two source texts: the one export (a line, made by the runtime's schemaOf), then the check
    expect(statements).toHaveLength(2);
    const [exported, check] = statements as [string, string];
    // only the const has a doc comment; the schema's description is in types.ts
    // a schema only requests send checks in 'request' mode by default (the flags 2)
    expect(exported).toBe(
      [
        "/** Validates `Limits` in 'request' mode unless `validate` is told another: only requests send it (see Validator). */",
        "export const Limits: rt.Validator<types.Limits> = /* @__PURE__ */ schemaOf(vendor, check_Limits, '`Limits`', 2);",
      ].join('\n'),
    );
    // one a response carries, in 'loose' mode (the runtime's default)
    const received = { ...limits, usage: { request: true, response: true } };
    expect(namedSchemaToStatements(received, new ModuleScope([received], schemaToCheck, locate))[0]).toBe(
      [
        '/** Validates `Limits` (see Validator). */',
        "export const Limits: rt.Validator<types.Limits> = /* @__PURE__ */ schemaOf(vendor, check_Limits, '`Limits`');",
      ].join('\n'),
    );
    // a check that cannot reach itself has no depth guard; a value of the wrong type returns its
    // one issue at once, and the checks of the object's keys follow one level up
    expect(
      check.startsWith(
        'function check_Limits(value: unknown, mode: number, label: string, depth: number): rt.Issues {\n' +
          'let issues: rt.Issues;\nif (!isObject(value)) return expected(issues, [], KEYS_',
      ),
    ).toBe(true);
    expect(check).toMatch(
      /^let issues: rt\.Issues;\nif \(!isObject\(value\)\) return expected\(issues, \[\], KEYS_\w+, value\);\nissues = optInteger\(issues, value\.max, 'max', mode\);$/m,
    );
    expect(check).not.toContain('} else {');
    expect(check.endsWith('\n\nreturn issues;\n}')).toBe(true);
  });

  it('guards the depth only in the check of a schema on a cycle of refs', () => {
    const tree = named('Tree', object({ kids: { kind: 'array', items: ref('Tree'), source: '/t' }, meta: ref('Meta') }));
    const meta = named('Meta', object({ name: string() }));
    const module = new ModuleScope([tree, meta], schemaToCheck, locate);
    const header = ['value: unknown', 'mode: number', 'label: string', 'depth: number'].join(', ');
    expect(namedSchemaToStatements(tree, module)[1]).toMatch(
      new RegExp(
        `^function check_Tree\\(${header}\\): rt\\.Issues \\{\\nif \\(depth > MAX_DEPTH\\) \\{\\nreturn tooDeep\\(\\);\\n\\}\\nlet issues: rt\\.Issues;\\nif \\(!isObject\\(value\\)\\) return`,
      ),
    );
    expect(namedSchemaToStatements(meta, module)[1]).not.toContain('MAX_DEPTH');
  });
});

describe('one check function for named schemas of one shape', () => {
  const locate = (pointer: string) => ({ file: 'given.yaml', line: 1, column: 1, pointer });

  it('is shared by schemas equal but for docs, and by schemas whose refs reach schemas that share one', () => {
    const schemas = [
      named('Point', object({ x: integer(), label: string({ description: 'the label' }) }, closed)),
      named('BetaPoint', object({ x: integer(), label: string({ description: 'another label' }) }, closed)),
      named('Bounded', object({ x: integer({ minimum: 0 }), label: string() }, closed)),
      named('Shape', object({ at: ref('Point') })),
      named('BetaShape', object({ at: ref('BetaPoint') })),
      named('BoundedShape', object({ at: ref('Bounded') })),
      // on a cycle of refs: each refers to itself, so their checks stay their own
      named('Tree', object({ kids: { kind: 'array', items: ref('Tree'), source: '/t' } })),
      named('BetaTree', object({ kids: { kind: 'array', items: ref('BetaTree'), source: '/b' } })),
    ];
    const module = new ModuleScope(schemas, schemaToCheck, locate);
    const checkOf = (key: string) => module.checkOf(key).text;
    expect(checkOf('BetaPoint')).toBe('check_Point');
    expect(checkOf('BetaShape')).toBe('check_Shape');
    expect(checkOf('Bounded')).toBe('check_Bounded');
    expect(checkOf('BoundedShape')).toBe('check_BoundedShape');
    expect(checkOf('BetaTree')).toBe('check_BetaTree');
    expect(schemas.filter((schema) => !module.ownsCheck(schema.key)).map((schema) => schema.key)).toEqual(['BetaPoint', 'BetaShape']);
    // the one that shares emits its exports over the other's check, with its own label, and no function
    const [exported, ...rest] = namedSchemaToStatements(schemas[1]!, module);
    expect(rest).toEqual([]);
    expect(exported).toContain("schemaOf(vendor, check_Point, '`BetaPoint`', 2)");
  });
});

describe('the generated ChatKit validators module', () => {
  let text: string;
  let api: Record<string, unknown>;
  let errors: Record<string, unknown>;

  beforeAll(async () => {
    const { files } = await generate({ spec: 'spec/chatkit-sessions.yaml', write: false });
    text = files.find((file) => file.path === 'src/validators.ts')!.text;
    api = (await import(pathToFileURL(await bundleFiles(files, 'src/validators.ts')).href)) as Record<string, unknown>;
    errors = (await import(pathToFileURL(await bundleFiles(files, 'src/internal/errors.ts')).href)) as Record<string, unknown>;
  });

  it('exports one validator per schema, with is, assert and validate, and the parameter group validators', () => {
    for (const name of ['ChatSession', 'SessionCreateParams', 'ChatSessionStatus', 'ChatKitWorkflow']) {
      expect(typeof api[name]).toBe('object');
      for (const method of ['is', 'assert', 'validate']) expect(typeof (api[name] as Record<string, unknown>)[method]).toBe('function');
      for (const prefix of ['is', 'assert', 'validate']) expect(api[`${prefix}${name}`]).toBeUndefined();
    }
    expect(typeof api['validateCancelChatKitSessionPathParams']).toBe('function');
  });

  it('is frozen, as an export binding is: nothing can swap the functions the client calls', () => {
    const session = api['ChatSession'] as Record<string, unknown> & { '~standard': Record<string, unknown> };
    expect(Object.isFrozen(session)).toBe(true);
    expect(Object.isFrozen(session['~standard'])).toBe(true);
    // a module is strict code: writing to a frozen object throws
    expect(() => {
      session['validate'] = () => [];
    }).toThrow(TypeError);
  });

  it('is a Standard Schema v1 (vendor: the package name) that returns the value itself', () => {
    const schema = api['SessionCreateParams'] as {
      '~standard': { version: number; vendor: string; validate(value: unknown): { value?: unknown; issues?: unknown } };
    };
    expect(schema['~standard'].version).toBe(1);
    expect(schema['~standard'].vendor).toBe('chatkit-client');
    const body = { user: 'u', workflow: { id: 'w' } };
    expect(schema['~standard'].validate(body).value).toBe(body);
    expect(schema['~standard'].validate({ user: 'u' })).toEqual({
      issues: [
        { path: ['workflow'], message: 'missing required key `workflow`: expected an object `{ id, version, state_variables, tracing }`' },
      ],
    });
  });

  it('X.validate returns one shared frozen empty list for a valid value', () => {
    const { validate } = api['SessionCreateParams'] as { validate: (value: unknown) => readonly unknown[] };
    const first = validate({ user: 'u', workflow: { id: 'w' } });
    expect(first).toEqual([]);
    expect(Object.isFrozen(first)).toBe(true);
    expect(validate({ user: 'v', workflow: { id: 'w' } })).toBe(first);
  });

  it('X.is is a guard and X.assert throws a ValidationError listing every issue, each without its object', () => {
    const { is: isStatus, validate: validateStatus } = api['ChatSessionStatus'] as {
      is: (value: unknown) => boolean;
      validate: (value: unknown, mode: string) => readonly unknown[];
    };
    expect(isStatus('active')).toBe(true);
    // 'loose': a status the spec does not list yet is a string all the same; not a number
    expect(isStatus('paused')).toBe(true);
    expect(isStatus(1)).toBe(false);
    expect(validateStatus('paused', 'request')).toHaveLength(1);
    expect(['active', 1, 'paused'].filter(isStatus)).toEqual(['active', 'paused']);
    const { assert } = api['SessionCreateParams'] as { assert: (value: unknown) => void };
    let error: unknown;
    try {
      assert({ workflow: { id: 1 }, rate_limits: { requests_per_minute: 20 } });
    } catch (caught) {
      error = caught;
    }
    expect((error as Error).name).toBe('ValidationError');
    expect((error as Error).message).toBe(
      [
        'Invalid SessionCreateParams (3 problems):',
        '  user: missing required key `user`: expected a string',
        '  workflow.id: expected a string, found number 1',
        '  rate_limits.requests_per_minute: unknown key `requests_per_minute` in `rate_limits`; did you mean `max_requests_per_1_minute`?',
      ].join('\n'),
    );
    expect(typeof errors['ValidationError']).toBe('function');
  });

  it('is straight-line code: no eval, imports only the helpers it calls, hoists its constants', () => {
    expect(text).not.toMatch(/\beval\(|new Function|\bFunction\(/);
    expect(text).not.toContain('unionIssues');
    // the types of the exports and checks, and the helpers, come from the runtime, by a name no spec name can take
    expect(text).toMatch(/^import \* as rt from '\.\/internal\/standard-schema\.js';$/m);
    expect(text).not.toMatch(/^import \{[^}]*\} from '\.\/internal\/standard-schema\.js';$/m);
    // each helper read once into a module constant of its own name (no `(0, m.f)(…)` per call in CommonJS)
    const aliases = [...text.matchAll(/^const (\w+) = rt\.(\w+);$/gm)];
    expect(aliases.length).toBeGreaterThan(0);
    for (const [, name, helper] of aliases) expect(name).toBe(helper);
    const imported = aliases.map(([, name]) => name!);
    const body = text.slice(aliases.at(-1)!.index! + aliases.at(-1)![0].length);
    // every value it imports is called, and every helper it calls is imported
    for (const name of imported) expect(body, name).toMatch(new RegExp(`\\b${name}\\(`));
    const helpers = Object.keys(standardSchemaRuntime).filter(
      (name) => typeof (standardSchemaRuntime as Record<string, unknown>)[name] === 'function',
    );
    for (const name of helpers)
      if (new RegExp(`(?<![.\\w])${name}\\(`).test(body) && !new RegExp(`function ${name}\\(`).test(body))
        expect(imported, name).toContain(name);
    // no recursion in this spec: no depth guard, and nothing of it imported
    expect(text).not.toContain('MAX_DEPTH');
    expect(text).toMatch(/^const KEYS_[0-9a-z]{6}: readonly string\[\] = \[/m);
  });
});

describe('the schemas on a cycle of refs (ModuleScope.recursive)', () => {
  const locate = (pointer: string) => ({ file: 'given.yaml', line: 1, column: 1, pointer });

  /** The keys from which a search along the refs comes back to the key: the definition. */
  function onCycles(edges: ReadonlyMap<string, readonly string[]>): string[] {
    return [...edges.keys()].filter((start) => {
      const seen = new Set<string>();
      const pending = [...edges.get(start)!];
      while (pending.length > 0) {
        const key = pending.pop()!;
        if (key === start) return true;
        if (seen.has(key) || !edges.has(key)) continue;
        seen.add(key);
        pending.push(...edges.get(key)!);
      }
      return false;
    });
  }

  it('are the schemas a search along the refs comes back from, on 400 random graphs', () => {
    let seed = 7;
    const random = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % below;
    };
    for (let round = 0; round < 400; round++) {
      const count = 1 + random(12);
      const edges = new Map<string, string[]>();
      for (let i = 0; i < count; i++) {
        // refs to schemas of the graph, now and then to one that is not there (S99)
        const refs = Array.from({ length: random(4) }, () => `S${random(5) === 0 ? 99 : random(count)}`);
        edges.set(`S${i}`, refs);
      }
      const schemas = [...edges].map(([key, refs]) =>
        named(key, object(Object.fromEntries(refs.map((target, i) => [`p${i}`, ref(target)])))),
      );
      const module = new ModuleScope(schemas, schemaToCheck, locate);
      expect(
        [...edges.keys()].filter((key) => module.recursive.has(key)),
        JSON.stringify([...edges]),
      ).toEqual(onCycles(edges));
    }
  });

  it('takes a chain of refs thousands long without running out of stack', () => {
    const length = 12_000;
    const schemas = Array.from({ length }, (_, i) => named(`S${i}`, object({ next: ref(`S${(i + 1) % length}`) })));
    const module = new ModuleScope(schemas, schemaToCheck, locate);
    expect(module.recursive.size).toBe(length);
  });
});
