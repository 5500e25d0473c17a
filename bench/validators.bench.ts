// Validator throughput: ops/s of the generated validators (src/validators.ts of the ChatKit
// package, generated in memory and bundled) against ajv (compiled from the same JSON Schema,
// allErrors off and on), TypeBox's compiled checker, zod 4 and valibot 1 (hand-written
// equivalents) and a hand-written straight-line check (the limit), on a valid ChatSession, a
// valid full SessionCreateParams and an invalid one; then the time to the first validation in
// a fresh node process, of the validators bundled into one module and of the packed, installed
// package (what a program loads). Medians of interleaved rounds; ratios to ajv within each round.
// Run: npm run bench:validators
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Type, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Bench } from 'tinybench';
import * as v from 'valibot';
import * as z from 'zod';
import { bundleGenerated, specIr } from '../test/validators/harness.js';
import { jsonSchemas } from '../test/validators/oracle.js';
import { builtPackage } from '../test/multi-runtime/support/package-build.js';
import { median, quantile } from './stats.js';

const SPEC = 'spec/chatkit-sessions.yaml';
const ROUNDS = 7;
const BATCH = 2_000;
const TASK_MS = 150;
/** Fresh processes per first-validation row: nine moved the figure by a millisecond between runs. */
const COLD_ROUNDS = 25;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
/**
 * This run's scratch folder, removed when the process exits (pass, fail or Ctrl-C): the bundle
 * of the generated validators (test/validators/harness.ts writes under os.tmpdir(), which reads
 * TMPDIR) and the scripts of the fresh-process runs go here, not loose in the OS temp folder.
 */
const SCRATCH = mkdtempSync(join(tmpdir(), 'sdkgen-bench-validators-'));
process.env['TMPDIR'] = process.env['TMP'] = process.env['TEMP'] = SCRATCH;
process.on('exit', () => rmSync(SCRATCH, { recursive: true, force: true }));
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)
  process.once(signal, () => process.exit(code));

// --- the values ------------------------------------------------------------------------------
const SESSION = {
  id: 'cksess_123',
  chatkit_configuration: {
    automatic_thread_titling: { enabled: true },
    file_upload: { enabled: true, max_file_size: 512, max_files: 10 },
    history: { enabled: true, recent_threads: null },
  },
  client_secret: 'ek_123',
  expires_at: 1735689600,
  max_requests_per_1_minute: 10,
  object: 'chatkit.session',
  rate_limits: { max_requests_per_1_minute: 10 },
  status: 'active',
  user: 'u_1',
  workflow: { id: 'wf_1', state_variables: { plan: 'pro', seats: 3, trial: true }, tracing: { enabled: true }, version: null },
};
const CREATE = {
  user: 'u_1',
  workflow: { id: 'wf_1', version: '2024-10-01', state_variables: { plan: 'pro', seats: 3, trial: true }, tracing: { enabled: false } },
  chatkit_configuration: {
    automatic_thread_titling: { enabled: true },
    file_upload: { enabled: true, max_file_size: 16, max_files: 5 },
    history: { enabled: true, recent_threads: 10 },
  },
  expires_after: { anchor: 'created_at', seconds: 600 },
  rate_limits: { max_requests_per_1_minute: 20 },
};
/** Two problems: an unknown key (the wiki's `requests_per_minute`) and a 70-character state variable key. */
const INVALID_CREATE = {
  user: 'u_1',
  workflow: { id: 'wf_1', state_variables: { ['k'.repeat(70)]: 'v' } },
  rate_limits: { requests_per_minute: 20 },
};

type Check = (value: unknown) => unknown;
type Case = 'ChatSession (valid)' | 'SessionCreateParams (valid, full)' | 'SessionCreateParams (invalid)';

// --- hand-written equivalents ----------------------------------------------------------------
const primitive = (value: unknown) =>
  typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));

function typeboxSchemas(): { session: TSchema; create: TSchema } {
  const closed = { additionalProperties: false };
  const int = (options = {}) => Type.Integer(options);
  const nullableInt = Type.Union([Type.Integer(), Type.Null()]);
  const state = Type.Record(
    Type.String({ maxLength: 64 }),
    Type.Union([Type.String({ maxLength: 10485760 }), Type.Boolean(), Type.Number()]),
    { maxProperties: 64 },
  );
  const create = Type.Object(
    {
      user: Type.String({ minLength: 1 }),
      workflow: Type.Object(
        {
          id: Type.String(),
          version: Type.Optional(Type.String()),
          state_variables: Type.Optional(state),
          tracing: Type.Optional(Type.Object({ enabled: Type.Optional(Type.Boolean()) }, closed)),
        },
        closed,
      ),
      chatkit_configuration: Type.Optional(
        Type.Object(
          {
            automatic_thread_titling: Type.Optional(Type.Object({ enabled: Type.Optional(Type.Boolean()) }, closed)),
            file_upload: Type.Optional(
              Type.Object(
                {
                  enabled: Type.Optional(Type.Boolean()),
                  max_file_size: Type.Optional(int({ minimum: 1, maximum: 512 })),
                  max_files: Type.Optional(int({ minimum: 1 })),
                },
                closed,
              ),
            ),
            history: Type.Optional(
              Type.Object({ enabled: Type.Optional(Type.Boolean()), recent_threads: Type.Optional(int({ minimum: 1 })) }, closed),
            ),
          },
          closed,
        ),
      ),
      expires_after: Type.Optional(Type.Object({ anchor: Type.Literal('created_at'), seconds: int({ minimum: 1, maximum: 600 }) }, closed)),
      rate_limits: Type.Optional(Type.Object({ max_requests_per_1_minute: Type.Optional(int({ minimum: 1 })) }, closed)),
    },
    closed,
  );
  const session = Type.Object({
    id: Type.String(),
    chatkit_configuration: Type.Object({
      automatic_thread_titling: Type.Object({ enabled: Type.Boolean() }),
      file_upload: Type.Object({ enabled: Type.Boolean(), max_file_size: nullableInt, max_files: nullableInt }),
      history: Type.Object({ enabled: Type.Boolean(), recent_threads: nullableInt }),
    }),
    client_secret: Type.String(),
    expires_at: Type.Integer(),
    max_requests_per_1_minute: Type.Integer(),
    object: Type.Literal('chatkit.session'),
    rate_limits: Type.Object({ max_requests_per_1_minute: Type.Integer() }),
    status: Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('cancelled')]),
    user: Type.String(),
    workflow: Type.Object({
      id: Type.String(),
      state_variables: Type.Union([Type.Record(Type.String(), Type.Union([Type.String(), Type.Boolean(), Type.Number()])), Type.Null()]),
      tracing: Type.Object({ enabled: Type.Boolean() }),
      version: Type.Union([Type.String(), Type.Null()]),
    }),
  });
  return { session, create };
}

function zodSchemas(): { session: z.ZodType; create: z.ZodType } {
  const int = () => z.number().int();
  const state = z
    .record(z.string().max(64), z.union([z.string().max(10485760), z.boolean(), z.number()]))
    .refine((record) => Object.keys(record).length <= 64);
  const create = z.strictObject({
    user: z.string().min(1),
    workflow: z.strictObject({
      id: z.string(),
      version: z.string().optional(),
      state_variables: state.optional(),
      tracing: z.strictObject({ enabled: z.boolean().optional() }).optional(),
    }),
    chatkit_configuration: z
      .strictObject({
        automatic_thread_titling: z.strictObject({ enabled: z.boolean().optional() }).optional(),
        file_upload: z
          .strictObject({
            enabled: z.boolean().optional(),
            max_file_size: int().min(1).max(512).optional(),
            max_files: int().min(1).optional(),
          })
          .optional(),
        history: z.strictObject({ enabled: z.boolean().optional(), recent_threads: int().min(1).optional() }).optional(),
      })
      .optional(),
    expires_after: z.strictObject({ anchor: z.literal('created_at'), seconds: int().min(1).max(600) }).optional(),
    rate_limits: z.strictObject({ max_requests_per_1_minute: int().min(1).optional() }).optional(),
  });
  const session = z.looseObject({
    id: z.string(),
    chatkit_configuration: z.looseObject({
      automatic_thread_titling: z.looseObject({ enabled: z.boolean() }),
      file_upload: z.looseObject({ enabled: z.boolean(), max_file_size: int().nullable(), max_files: int().nullable() }),
      history: z.looseObject({ enabled: z.boolean(), recent_threads: int().nullable() }),
    }),
    client_secret: z.string(),
    expires_at: int(),
    max_requests_per_1_minute: int(),
    object: z.literal('chatkit.session'),
    rate_limits: z.looseObject({ max_requests_per_1_minute: int() }),
    status: z.enum(['active', 'expired', 'cancelled']),
    user: z.string(),
    workflow: z.looseObject({
      id: z.string(),
      state_variables: z.record(z.string(), z.union([z.string(), z.boolean(), z.number()])).nullable(),
      tracing: z.looseObject({ enabled: z.boolean() }),
      version: z.string().nullable(),
    }),
  });
  return { session, create };
}

function valibotSchemas(): { session: v.GenericSchema; create: v.GenericSchema } {
  const int = (...actions: v.PipeItem<number, number, v.BaseIssue<unknown>>[]) => v.pipe(v.number(), v.integer(), ...actions);
  const state = v.pipe(
    v.record(v.pipe(v.string(), v.maxLength(64)), v.union([v.pipe(v.string(), v.maxLength(10485760)), v.boolean(), v.number()])),
    v.check((record) => Object.keys(record).length <= 64),
  );
  const create = v.strictObject({
    user: v.pipe(v.string(), v.minLength(1)),
    workflow: v.strictObject({
      id: v.string(),
      version: v.optional(v.string()),
      state_variables: v.optional(state),
      tracing: v.optional(v.strictObject({ enabled: v.optional(v.boolean()) })),
    }),
    chatkit_configuration: v.optional(
      v.strictObject({
        automatic_thread_titling: v.optional(v.strictObject({ enabled: v.optional(v.boolean()) })),
        file_upload: v.optional(
          v.strictObject({
            enabled: v.optional(v.boolean()),
            max_file_size: v.optional(int(v.minValue(1), v.maxValue(512))),
            max_files: v.optional(int(v.minValue(1))),
          }),
        ),
        history: v.optional(v.strictObject({ enabled: v.optional(v.boolean()), recent_threads: v.optional(int(v.minValue(1))) })),
      }),
    ),
    expires_after: v.optional(v.strictObject({ anchor: v.literal('created_at'), seconds: int(v.minValue(1), v.maxValue(600)) })),
    rate_limits: v.optional(v.strictObject({ max_requests_per_1_minute: v.optional(int(v.minValue(1))) })),
  });
  const session = v.looseObject({
    id: v.string(),
    chatkit_configuration: v.looseObject({
      automatic_thread_titling: v.looseObject({ enabled: v.boolean() }),
      file_upload: v.looseObject({ enabled: v.boolean(), max_file_size: v.nullable(int()), max_files: v.nullable(int()) }),
      history: v.looseObject({ enabled: v.boolean(), recent_threads: v.nullable(int()) }),
    }),
    client_secret: v.string(),
    expires_at: int(),
    max_requests_per_1_minute: int(),
    object: v.literal('chatkit.session'),
    rate_limits: v.looseObject({ max_requests_per_1_minute: int() }),
    status: v.picklist(['active', 'expired', 'cancelled']),
    user: v.string(),
    workflow: v.looseObject({
      id: v.string(),
      state_variables: v.nullable(v.record(v.string(), v.union([v.string(), v.boolean(), v.number()]))),
      tracing: v.looseObject({ enabled: v.boolean() }),
      version: v.nullable(v.string()),
    }),
  });
  return { session, create };
}

/** The limit: what a person would write by hand for these two schemas (verdict only). */
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isInt = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value);
const isNullableInt = (value: unknown): boolean => value === null || isInt(value);

function handSession(value: unknown): boolean {
  if (
    !isObject(value) ||
    typeof value['id'] !== 'string' ||
    typeof value['client_secret'] !== 'string' ||
    typeof value['user'] !== 'string'
  )
    return false;
  if (!isInt(value['expires_at']) || !isInt(value['max_requests_per_1_minute']) || value['object'] !== 'chatkit.session') return false;
  const status = value['status'];
  if (status !== 'active' && status !== 'expired' && status !== 'cancelled') return false;
  const config = value['chatkit_configuration'];
  if (!isObject(config)) return false;
  const titling = config['automatic_thread_titling'];
  const upload = config['file_upload'];
  const history = config['history'];
  if (!isObject(titling) || typeof titling['enabled'] !== 'boolean') return false;
  if (
    !isObject(upload) ||
    typeof upload['enabled'] !== 'boolean' ||
    !isNullableInt(upload['max_file_size']) ||
    !isNullableInt(upload['max_files'])
  )
    return false;
  if (!isObject(history) || typeof history['enabled'] !== 'boolean' || !isNullableInt(history['recent_threads'])) return false;
  const limits = value['rate_limits'];
  if (!isObject(limits) || !isInt(limits['max_requests_per_1_minute'])) return false;
  const workflow = value['workflow'];
  if (!isObject(workflow) || typeof workflow['id'] !== 'string') return false;
  const version = workflow['version'];
  if (version !== null && typeof version !== 'string') return false;
  const tracing = workflow['tracing'];
  if (!isObject(tracing) || typeof tracing['enabled'] !== 'boolean') return false;
  const state = workflow['state_variables'];
  if (state === null) return true;
  if (!isObject(state)) return false;
  for (const key in state) if (!primitive(state[key])) return false;
  return true;
}

function onlyKeys(object: Record<string, unknown>, a: string, b?: string, c?: string, d?: string, e?: string): boolean {
  for (const key in object) if (key !== a && key !== b && key !== c && key !== d && key !== e) return false;
  return true;
}
const optionalInt = (value: unknown, min: number, max = Infinity): boolean =>
  value === undefined || (isInt(value) && (value as number) >= min && (value as number) <= max);
const optionalBool = (value: unknown): boolean => value === undefined || typeof value === 'boolean';

function handCreate(value: unknown): boolean {
  if (!isObject(value) || !onlyKeys(value, 'user', 'workflow', 'chatkit_configuration', 'expires_after', 'rate_limits')) return false;
  if (typeof value['user'] !== 'string' || value['user'] === '') return false;
  const workflow = value['workflow'];
  if (!isObject(workflow) || !onlyKeys(workflow, 'id', 'version', 'state_variables', 'tracing') || typeof workflow['id'] !== 'string')
    return false;
  if (workflow['version'] !== undefined && typeof workflow['version'] !== 'string') return false;
  const state = workflow['state_variables'];
  if (state !== undefined) {
    if (!isObject(state)) return false;
    let count = 0;
    for (const key in state) {
      const item = state[key];
      if (++count > 64 || key.length > 64 || !primitive(item) || (typeof item === 'string' && item.length > 10485760)) return false;
    }
  }
  const tracing = workflow['tracing'];
  if (tracing !== undefined && (!isObject(tracing) || !onlyKeys(tracing, 'enabled') || !optionalBool(tracing['enabled']))) return false;
  const config = value['chatkit_configuration'];
  if (config !== undefined) {
    if (!isObject(config) || !onlyKeys(config, 'automatic_thread_titling', 'file_upload', 'history')) return false;
    const titling = config['automatic_thread_titling'];
    if (titling !== undefined && (!isObject(titling) || !onlyKeys(titling, 'enabled') || !optionalBool(titling['enabled']))) return false;
    const upload = config['file_upload'];
    if (
      upload !== undefined &&
      (!isObject(upload) ||
        !onlyKeys(upload, 'enabled', 'max_file_size', 'max_files') ||
        !optionalBool(upload['enabled']) ||
        !optionalInt(upload['max_file_size'], 1, 512) ||
        !optionalInt(upload['max_files'], 1))
    )
      return false;
    const history = config['history'];
    if (
      history !== undefined &&
      (!isObject(history) ||
        !onlyKeys(history, 'enabled', 'recent_threads') ||
        !optionalBool(history['enabled']) ||
        !optionalInt(history['recent_threads'], 1))
    )
      return false;
  }
  const expires = value['expires_after'];
  if (
    expires !== undefined &&
    (!isObject(expires) ||
      !onlyKeys(expires, 'anchor', 'seconds') ||
      expires['anchor'] !== 'created_at' ||
      !isInt(expires['seconds']) ||
      (expires['seconds'] as number) < 1 ||
      (expires['seconds'] as number) > 600)
  )
    return false;
  const limits = value['rate_limits'];
  return (
    limits === undefined ||
    (isObject(limits) && onlyKeys(limits, 'max_requests_per_1_minute') && optionalInt(limits['max_requests_per_1_minute'], 1))
  );
}

// --- the contestants -------------------------------------------------------------------------
interface Contestant {
  readonly name: string;
  readonly session: Check;
  readonly create: Check;
}

async function contestants(): Promise<{ list: Contestant[]; bundle: string; defs: Record<string, unknown> }> {
  const bundle = await bundleGenerated(SPEC);
  const ours = (await import(pathToFileURL(bundle).href)) as Record<string, { readonly validate: Check }>;
  const defs = Object.fromEntries(jsonSchemas(await specIr(SPEC)));
  const ajv = (allErrors: boolean) => {
    const instance = new Ajv2020({ allErrors, strict: true, strictTypes: false, validateFormats: false, logger: false });
    instance.addSchema({ $id: 'spec', $defs: defs });
    return {
      session: instance.compile({ $ref: 'spec#/$defs/ChatSession' }),
      create: instance.compile({ $ref: 'spec#/$defs/SessionCreateParams' }),
    };
  };
  const ajvFirst = ajv(false);
  const ajvAll = ajv(true);
  const typebox = typeboxSchemas();
  const typeboxSession = TypeCompiler.Compile(typebox.session);
  const typeboxCreate = TypeCompiler.Compile(typebox.create);
  const zod = zodSchemas();
  const valibot = valibotSchemas();
  const list: Contestant[] = [
    // the functions themselves, as ajv's are: a program imports the binding once, it does not
    // look it up in the module namespace on every call
    { name: 'sdkgen (generated)', session: ours['ChatSession']!.validate, create: ours['SessionCreateParams']!.validate },
    { name: 'ajv (allErrors: false)', session: ajvFirst.session, create: ajvFirst.create },
    { name: 'ajv (allErrors: true)', session: ajvAll.session, create: ajvAll.create },
    {
      name: 'TypeBox TypeCompiler',
      session: (value) => typeboxSession.Check(value),
      // Check() alone stops at the first problem; Errors() lists them, as the others do on invalid input.
      create: (value) => (typeboxCreate.Check(value) ? true : [...typeboxCreate.Errors(value)]),
    },
    { name: 'zod 4', session: (value) => zod.session.safeParse(value), create: (value) => zod.create.safeParse(value) },
    { name: 'valibot 1', session: (value) => v.safeParse(valibot.session, value), create: (value) => v.safeParse(valibot.create, value) },
    { name: 'hand-written (the limit)', session: handSession, create: handCreate },
  ];
  return { list, bundle, defs };
}

/** Each contestant must agree with the expected verdict before it is timed. */
function verdict(result: unknown): boolean {
  if (Array.isArray(result)) return result.length === 0;
  if (typeof result === 'boolean') return result;
  return (result as { success: boolean }).success;
}

/**
 * The timed loop, compiled once per contestant and case. Closures of one function literal share
 * their call sites' type feedback, so one loop for all made `check(value)` a megamorphic call,
 * which cost the fastest checks (tens of nanoseconds) a large and run-to-run varying share.
 */
function ownLoop(label: string): (check: Check, value: unknown) => number {
  const body = `// ${label.replace(/[\r\n]/g, ' ')}\nlet sink = 0;\nfor (let n = 0; n < ${BATCH}; n++) if (check(value)) sink++;\nreturn sink;`;
  return new Function('check', 'value', body) as (check: Check, value: unknown) => number;
}

async function throughput(
  list: readonly Contestant[],
  name: Case,
  value: unknown,
  pick: (c: Contestant) => Check,
  valid: boolean,
): Promise<void> {
  for (const contestant of list) {
    if (verdict(pick(contestant)(value)) !== valid) throw new Error(`${contestant.name} gives the wrong verdict on ${name}`);
  }
  const opsPerSecond = new Map<string, number[]>(list.map((c) => [c.name, []]));
  let sink = 0;
  const loops = new Map(list.map((contestant) => [contestant.name, ownLoop(`${name}: ${contestant.name}`)]));
  for (let round = 0; round < ROUNDS; round++) {
    const bench = new Bench({ name: `${name} round ${round}`, time: TASK_MS, warmup: round === 0 });
    for (let i = 0; i < list.length; i++) {
      const contestant = list[(i + round) % list.length]!;
      const check = pick(contestant);
      const loop = loops.get(contestant.name)!;
      bench.add(contestant.name, () => {
        sink += loop(check, value);
      });
    }
    await bench.run();
    for (const task of bench.tasks) {
      if (task.result.state !== 'completed') throw new Error(`${task.name}: ${task.result.state}`);
      opsPerSecond.get(task.name)!.push((BATCH * 1000) / task.result.latency.p50!);
    }
  }
  const ajvFirst = opsPerSecond.get('ajv (allErrors: false)')!;
  const ajvAll = opsPerSecond.get('ajv (allErrors: true)')!;
  console.log(`\n${name}: median of ${ROUNDS} interleaved rounds (${BATCH} calls per sample)${sink < 0 ? '' : ''}`);
  console.table(
    list.map((contestant) => {
      const own = opsPerSecond.get(contestant.name)!;
      const first = own.map((ops, round) => ops / ajvFirst[round]!);
      return {
        validator: contestant.name,
        'ops/s': Math.round(median(own)).toLocaleString('en-US'),
        'ns/op': (1e9 / median(own)).toFixed(0),
        'vs ajv (allErrors: false)': `${median(first).toFixed(2)}x`,
        // a wide spread means a round-to-round swing (the machine, or V8 re-optimizing), not a ratio to quote alone
        'rounds, min–max': `${Math.min(...first).toFixed(2)}–${Math.max(...first).toFixed(2)}x`,
        'vs ajv (allErrors: true)': `${median(own.map((ops, round) => ops / ajvAll[round]!)).toFixed(2)}x`,
      };
    }),
  );
}

// --- first validation in a fresh process -------------------------------------------------------
/**
 * Each script run in COLD_ROUNDS fresh processes, the scripts taking turns within a round, so a
 * slower stretch of the machine weighs on every row alike; each run prints its milliseconds.
 */
function firstValidations(scripts: readonly { name: string; script: string }[]): { name: string; times: number[] }[] {
  const rows = scripts.map(({ name, script }) => {
    const folder = mkdtempSync(join(SCRATCH, 'first-'));
    const file = join(folder, 'first.mjs');
    writeFileSync(file, script);
    return { name, file, times: [] as number[] };
  });
  for (let round = 0; round < COLD_ROUNDS; round++) {
    for (const row of rows) {
      const result = spawnSync(process.execPath, [row.file], { cwd: ROOT, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`${row.name}: ${result.stderr}`);
      row.times.push(Number(result.stdout.trim()));
    }
  }
  return rows;
}

/**
 * `installed` is the file `chatkit-client/validators` resolves to in a project that installed the
 * packed package (its `exports`, import condition): the modules a program loads, as built by the
 * package's build.mjs (validators.js and the runtime's internal/validation.js).
 */
function coldStart(bundle: string, installed: string, defs: Record<string, unknown>): void {
  const value = JSON.stringify(SESSION);
  const ajvUrl = import.meta.resolve('ajv/dist/2020.js');
  const empty = join(SCRATCH, 'empty.mjs');
  writeFileSync(empty, 'export const value = 1;\n');
  const rows = firstValidations([
    // the floor: what Node's module loader takes to import a one-line module in a fresh process
    {
      name: 'import of a one-line module (the floor)',
      script: `const started = performance.now();\nawait import(${JSON.stringify(pathToFileURL(empty).href)});\nconsole.log(performance.now() - started);`,
    },
    {
      name: 'sdkgen (generated, bundled as one module)',
      script: `const value = ${value};\nconst started = performance.now();\nconst { ChatSession } = await import(${JSON.stringify(pathToFileURL(bundle).href)});\nif (ChatSession.validate(value).length !== 0) throw new Error('invalid');\nconsole.log(performance.now() - started);`,
    },
    {
      name: 'sdkgen (the built package, as installed)',
      script: `const value = ${value};\nconst started = performance.now();\nconst { ChatSession } = await import(${JSON.stringify(pathToFileURL(installed).href)});\nif (ChatSession.validate(value).length !== 0) throw new Error('invalid');\nconsole.log(performance.now() - started);`,
    },
    {
      name: 'ajv (compile + validate)',
      script: `const value = ${value};\nconst defs = ${JSON.stringify(defs)};\nconst started = performance.now();\nconst { Ajv2020 } = await import(${JSON.stringify(ajvUrl)});\nconst ajv = new Ajv2020({ strict: true, strictTypes: false, validateFormats: false, logger: false });\najv.addSchema({ $id: 'spec', $defs: defs });\nif (!ajv.compile({ $ref: 'spec#/$defs/ChatSession' })(value)) throw new Error('invalid');\nconsole.log(performance.now() - started);`,
    },
  ]);
  console.log(
    `\nFirst validation in a fresh node process (import + first ChatSession check; median of ${COLD_ROUNDS} rounds, the rows taking turns)`,
  );
  const floor = rows[0]!.times;
  console.table(
    rows.map((row) => {
      // above the floor of the same round, so that a round's drift cancels out
      const above = row.times.map((ms, round) => ms - floor[round]!);
      return {
        validator: row.name,
        ms: median(row.times).toFixed(2),
        'ms above the floor': median(above).toFixed(2),
        'middle half of rounds': `${quantile(above, 0.25).toFixed(2)}–${quantile(above, 0.75).toFixed(2)}`,
      };
    }),
  );
  console.log(
    'The target (< 1 ms, issue "Small and forward-compatible output") counts the import: the floor alone is about a millisecond on this machine.',
  );
}

const { list, bundle, defs } = await contestants();
console.log(`node ${process.version}; tinybench, ${TASK_MS} ms per task per round`);
await throughput(list, 'ChatSession (valid)', SESSION, (c) => c.session, true);
await throughput(list, 'SessionCreateParams (valid, full)', CREATE, (c) => c.create, true);
await throughput(list, 'SessionCreateParams (invalid)', INVALID_CREATE, (c) => c.create, false);
const installed = join((await builtPackage()).consumerDir, 'node_modules', 'chatkit-client', 'dist', 'esm', 'validators.js');
coldStart(bundle, installed, defs);
