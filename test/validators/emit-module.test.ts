// Given/want for the module emitter (src/validators.ts), and the API it gives a package user:
// per schema a Standard Schema object, isX, assertX and validateX(value, mode); per parameter
// group a validateX. Straight-line code: no eval, only the runtime helpers it calls.
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { literal } from '../../generator/emit/escape.js';
import { schemaToCheck } from '../../generator/emit/validators/dispatch.js';
import { namedSchemaToStatements } from '../../generator/emit/validators/exports.js';
import { ModuleScope } from '../../generator/emit/validators/scope.js';
import { generate } from '../../generator/pipeline.js';
import { closed, integer, named, object } from './emit-support.js';
import { bundleFiles } from './harness.js';

describe('namedSchemaToStatements', () => {
  it('emits validateX, isX, assertX, the Standard Schema object and the check function', () => {
    const limits = named('Limits', object({ max: integer() }, closed));
    const module = new ModuleScope([limits], schemaToCheck, (pointer) => ({ file: 'given.yaml', line: 1, column: 1, pointer }));
    const statements = namedSchemaToStatements(limits, literal('given-client'), module);
    // one source text per statement, in order: validateX, isX, assertX, the Standard Schema object, the check
    expect(statements).toHaveLength(5);
    const [validate, is, assert, standard, check] = statements as [string, string, string, string, string];
    expect(validate).toMatch(/^\/\*\*\n \* Every issue of `value` as a `Limits`; empty when it is valid\.\n/);
    expect(validate).toContain(
      "export function validateLimits(\n  value: unknown,\n  mode: ValidationMode = 'loose',\n): readonly ValidationIssue[] {\nconst issues = runCheck(check_Limits, value, mode === 'strict', '`Limits`');\nreturn issues ?? NO_ISSUES;\n}",
    );
    expect(validate.endsWith('return issues ?? NO_ISSUES;\n}')).toBe(true);
    expect(is).toBe(
      "/** Whether `value` is a valid `Limits` ('loose' mode: unknown keys of open objects are allowed). */\nexport function isLimits(value: unknown): value is types.Limits {\nconst issues = runCheck(check_Limits, value, false, '`Limits`');\nreturn issues === undefined;\n}",
    );
    expect(assert).toBe(
      "/** Throws a ValidationError listing every issue unless `value` is a valid `Limits` ('loose' mode). */\nexport function assertLimits(value: unknown): asserts value is types.Limits {\nconst issues = runCheck(check_Limits, value, false, '`Limits`');\nif (issues !== undefined) {\nthrow new ValidationError(issues, 'Invalid Limits');\n}\n}",
    );
    expect(standard).toBe("/** `Limits` as a Standard Schema v1 object ('loose' mode). */\nexport const Limits = standardSchema<types.Limits>('given-client', check_Limits, '`Limits`');");
    expect(check.startsWith('function check_Limits(\n  value: unknown,\n  strict: boolean,\n  label: string,\n  depth: number,\n): ValidationIssue[] | undefined {\nif (depth > MAX_DEPTH) {\nreturn tooDeep();\n}\nlet issues: ValidationIssue[] | undefined;\n')).toBe(true);
    expect(check.endsWith('\n\nreturn issues;\n}')).toBe(true);
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

  it('exports the four forms for every schema, and the parameter group validators', () => {
    for (const name of ['ChatSession', 'SessionCreateParams', 'ChatSessionStatus', 'ChatKitWorkflow']) {
      expect(typeof api[name]).toBe('object');
      for (const prefix of ['is', 'assert', 'validate']) expect(typeof api[`${prefix}${name}`]).toBe('function');
    }
    expect(typeof api['validateCancelChatKitSessionPathParams']).toBe('function');
  });

  it('is a Standard Schema v1 (vendor: the package name) that returns the value itself', () => {
    const schema = api['SessionCreateParams'] as { '~standard': { version: number; vendor: string; validate(value: unknown): { value?: unknown; issues?: unknown } } };
    expect(schema['~standard'].version).toBe(1);
    expect(schema['~standard'].vendor).toBe('chatkit-client');
    const body = { user: 'u', workflow: { id: 'w' } };
    expect(schema['~standard'].validate(body).value).toBe(body);
    expect(schema['~standard'].validate({ user: 'u' })).toEqual({ issues: [{ path: ['workflow'], message: 'missing required key `workflow`: expected an object `{ id, version, state_variables, tracing }`' }] });
  });

  it('validateX returns one shared frozen empty list for a valid value', () => {
    const validate = api['validateSessionCreateParams'] as (value: unknown) => readonly unknown[];
    const first = validate({ user: 'u', workflow: { id: 'w' } });
    expect(first).toEqual([]);
    expect(Object.isFrozen(first)).toBe(true);
    expect(validate({ user: 'v', workflow: { id: 'w' } })).toBe(first);
  });

  it('isX is a guard and assertX throws a ValidationError listing every issue', () => {
    expect((api['isChatSessionStatus'] as (value: unknown) => boolean)('active')).toBe(true);
    expect((api['isChatSessionStatus'] as (value: unknown) => boolean)('paused')).toBe(false);
    const assert = api['assertSessionCreateParams'] as (value: unknown) => void;
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
    expect(text).toMatch(/^import \{ ValidationError, type ValidationIssue \} from '\.\/internal\/errors\.js';$/m);
    expect(text).toMatch(/^const KEYS_\d+: readonly string\[\] = \[/m);
  });
});
