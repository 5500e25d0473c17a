// IR -> `src/validators.ts` (the package's `./validators` export): for every named schema its
// validator `X`, a Standard Schema object with `X.is`, `X.assert` and `X.validate(value, mode)`,
// plus a `validateX` per parameter group for the client. Straight-line code, decided at generation time:
// no eval, no schema interpretation at runtime, no dependency.
import { SpecError } from '../../diagnostics/diagnostic.js';
import { isRequestOnly, type Identifier, type IrApi } from '../../model/ir.js';
import type { ValidatorUnits } from '../emit-cache.js';
import { piecesFile, type EmitContext, type EmittedFile, type Piece } from '../emitted-file.js';
import { code, doc, literal } from '../escape.js';
import { fileHeader } from '../file-header.js';
import { schemaToCheck } from './dispatch.js';
import { namedSchemaToStatements, validateFunction, VENDOR } from './exports.js';
import { reportLoops } from './loops.js';
import { parameterGroups, type ParameterGroup } from './parameters.js';
import { printStatement } from './print.js';
import { perTextMemo } from '../text-memo.js';
import { checkFunction, ModuleScope, ReplayConflict, Scope, type RuntimeHelper } from './scope.js';

const HELPERS: readonly RuntimeHelper[] = [
  'reqString',
  'optString',
  'reqInteger',
  'optInteger',
  'reqNumber',
  'optNumber',
  'reqBoolean',
  'optBoolean',
  'reqConst',
  'optConst',
  'reqStringIn',
  'optStringIn',
  'reqIntegerIn',
  'optIntegerIn',
  'reqNumberIn',
  'optNumberIn',
  'reqEnum',
  'optEnum',
  'codePoints',
  'duplicateItems',
  'expected',
  'isObject',
  'nest',
  'nestRequired',
  'fail',
  'found',
  'foundLiteral',
  'jsonEqual',
  'missing',
  'nestIssues',
  'required',
  'requiredUnlisted',
  'unlisted',
  'unionIssues',
  'unknownKey',
  'unknownKeyMessage',
  'unknownKeys',
];

export function emitValidators(api: IrApi, ctx: EmitContext): EmittedFile[] {
  // a watch session reuses the last run's after an edit of docs only (EmitCache)
  return ctx.cache === undefined ? validatorsFile(api, ctx) : ctx.cache.validators(api, () => validatorsFile(api, ctx));
}

function validatorsFile(api: IrApi, ctx: EmitContext): EmittedFile[] {
  const units = ctx.cache?.validatorUnits();
  if (units === undefined) return [moduleFile(api, ctx, undefined)];
  try {
    const file = moduleFile(api, ctx, units);
    units.end();
    return [file];
  } catch (error) {
    if (!(error instanceof ReplayConflict)) throw error;
    // a replay that named something otherwise than a fresh run would: all again, and kept from now
    ctx.cache!.stats.unitConflicts += 1;
    const fresh = ctx.cache!.validatorUnits(true);
    const file = moduleFile(api, ctx, fresh);
    fresh.end();
    return [file];
  }
}

/**
 * validators.ts; with `units` (a watch session's), a named schema whose statements the last run
 * made, or a function made on the side, is replayed instead of emitted when what it read is
 * unchanged (throws ReplayConflict when a replay named something otherwise than a fresh run).
 */
function moduleFile(api: IrApi, ctx: EmitContext, units: ValidatorUnits | undefined): EmittedFile {
  const locate = ctx.locate ?? ((pointer: string) => ({ file: api.specFile, line: 1, column: 1, pointer }));
  const module = new ModuleScope(api.schemas, schemaToCheck, locate, units);
  reportLoops(api.schemas, module);
  if (module.problems.length > 0) throw new SpecError(module.problems);
  const statements: string[] = [];
  const schemaPieces: Piece[] = [];
  for (const named of api.schemas) {
    const requestOnly = isRequestOnly(named);
    const kept = units?.get(named, requestOnly);
    if (units !== undefined && kept !== undefined && module.replay(kept.events)) {
      ctx.cache!.stats.unitsReplayed += 1;
      statements.push(...kept.statements);
      schemaPieces.push(...kept.pieces);
      units.keep(kept);
      continue;
    }
    // reads are recorded only for a watch session's next run
    const { result, events } =
      units === undefined
        ? { result: namedSchemaToStatements(named, module), events: undefined }
        : module.record(() => namedSchemaToStatements(named, module));
    const pieces = result.map((text) => printed(text, true));
    statements.push(...result);
    schemaPieces.push(...pieces);
    if (units === undefined) continue;
    ctx.cache!.stats.unitsMade += 1;
    if (events !== undefined)
      units.keep({ key: named.key, schema: named.schema, name: named.name.text, requestOnly, events, statements: result, pieces });
  }
  const schemaStatements = statements.length;
  // parameter groups of one shape (`{ session_id }` in the path of several operations) share a check
  const groupChecks = new Map<number, Identifier>();
  for (const op of api.operations) {
    for (const group of parameterGroups(op)) {
      const label = literal(`\`${group.type.text}\``);
      const shape = module.shapeOf(group.schema);
      const shared = groupChecks.get(shape);
      statements.push(
        validateFunction(
          group.validate,
          shared ?? group.check,
          label,
          doc`Every issue of the ${group.location} parameters of \`${op.names.builder}\`; empty when they are valid.`,
          'request',
        ),
      );
      if (shared === undefined) {
        groupChecks.set(shape, group.check);
        statements.push(groupCheckFunction(group, module, units));
      }
    }
  }
  statements.push(...module.functions);
  if (module.problems.length > 0) throw new SpecError(module.problems);
  const uses = new Set(statementUses(statements, units !== undefined).flat());
  const vendor = uses.has('schemaOf') ? [code`const ${VENDOR} = ${literal(api.package.name)};`.text] : [];
  const header: Piece = { text: fileHeader(api) + imports(uses, statements.length > 0), isFormatted: false, isSpaced: true };
  // an object or array constant (an enum of objects) is JSON text: prettier lays it out
  const constants = module.constants.map((text, i) =>
    text.startsWith('const VALUE_') ? { text, isFormatted: false, isSpaced: i === 0 } : printed(text, i === 0),
  );
  return piecesFile('src/validators.ts', [
    header,
    ...vendor.map((text) => printed(text, true)),
    ...constants,
    ...schemaPieces,
    ...statements.slice(schemaStatements).map((text) => printed(text, true)),
  ]);
}

/**
 * A parameter group's check function; in a watch session, last run's when the group has the
 * same names and schema and what its check read of the module is unchanged (ModuleScope.replay).
 */
function groupCheckFunction(group: ParameterGroup, module: ModuleScope, units: ValidatorUnits | undefined): string {
  const make = () => checkFunction(group.check, new Scope(module, group.type.text).rootCheck(group.schema), false);
  if (units === undefined) return make();
  const key = `${group.check.text}\u0000${group.type.text}\u0000${exactJson(group.schema)}`;
  return module.replayOrMake(units.groupCheck(key), make, (made, replayed) => units.keepGroupCheck({ key, ...made }, replayed));
}

/** JSON of a value in which a number JSON cannot write (Infinity, NaN, -0) stays apart from null and 0. */
function exactJson(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) =>
    typeof field === 'number' && (!Number.isFinite(field) || Object.is(field, -0)) ? { '\u0000number': String(field) } : field,
  );
}

/**
 * A statement in its final layout, or as it is for prettier when print.ts cannot lay it out. An
 * `if` around one simple statement that fits on its line has no braces: validators have
 * thousands, and the whole OpenAI spec's are 2 % smaller for it.
 */
function printed(text: string, isSpaced: boolean): Piece {
  const layout = printStatement(text, { briefIfs: true });
  return layout === undefined ? { text, isFormatted: false, isSpaced } : { text: layout, isFormatted: true, isSpaced };
}

/** A call of a function imports() imports, found in one pass over a statement. */
const IMPORTED_CALL = new RegExp(`\\b(${[...HELPERS, 'schemaOf', 'validatorOfCheck', 'isUploadable'].join('|')})\\(`, 'g');
/** The types imported when named outside doc comments. */
const IMPORTED_TYPES = ['StandardSchemaV1', 'ValidationMode'] as const;
const IMPORTED_TYPE_NAMES = IMPORTED_TYPES.map((name) => [name, new RegExp(`\\b${name}\\b`)] as const);

/**
 * What a statement uses that imports() imports: the runtime functions it calls, the types it
 * names, and `MAX_DEPTH`, `: rt.`, `ValidationIssue` and `types.` when it holds them. Read per
 * statement, so that a watch session reads only the statements a run made again
 * (perTextMemo), where the module's 3 MB text was scanned whole on every run; a regex runs
 * only where a plain search finds its word.
 */
function usesOf(statement: string): readonly string[] {
  const uses = new Set<string>();
  for (const match of statement.matchAll(IMPORTED_CALL)) uses.add(match[1]!);
  if (statement.includes('MAX_DEPTH')) uses.add('MAX_DEPTH');
  if (statement.includes(': rt.')) uses.add(': rt.');
  if (statement.includes('ValidationIssue') && /\bValidationIssue\b/.test(statement)) uses.add('ValidationIssue');
  if (statement.includes('types.') && /\btypes\.[A-Za-z_$]/.test(statement)) uses.add('types.');
  for (const [name, word] of IMPORTED_TYPE_NAMES)
    if (statement.includes(name) && word.test(statement.replace(/\/\*\*.*\*\//g, ''))) uses.add(name);
  return [...uses];
}

const statementUses = perTextMemo(usesOf);

/**
 * Imports exactly what the emitted code uses (`uses`: what its statements use, see usesOf). The
 * runtime's functions come in through one namespace and are read into module constants once: a
 * CommonJS build then calls each directly, where an imported binding becomes
 * `(0, module_1.name)(…)` at every call (0.9 MB of the whole OpenAI spec's
 * dist/cjs/validators.js), and V8 reads a constant at least as fast as an import binding
 * (ChatSession: 37 ns against 42 ns per valid value, dist/esm in Node 20). A bundler reads
 * `rt.name` as the import it is, so what a bundle keeps does not change.
 */
function imports(uses: ReadonlySet<string>, hasExports: boolean): string {
  const helpers = HELPERS.filter((helper) => uses.has(helper));
  const depth = uses.has('MAX_DEPTH') ? ['MAX_DEPTH', 'tooDeep'] : [];
  const wrappers = ['schemaOf', 'validatorOfCheck'].filter((wrapper) => uses.has(wrapper));
  const values = [...depth, ...wrappers, ...helpers];
  const types = IMPORTED_TYPES.filter((name) => uses.has(name));
  // the types of the exported functions and the runtime's values, by a lowercase name that no spec name can take
  const namespace =
    values.length > 0
      ? [`import * as rt from './internal/standard-schema.js';`]
      : uses.has(': rt.')
        ? [`import type * as rt from './internal/standard-schema.js';`]
        : [];
  return [
    ...(uses.has('ValidationIssue') ? [`import type { ValidationIssue } from './internal/errors.js';`] : []),
    ...(types.length > 0 ? [`import type { ${types.join(', ')} } from './internal/standard-schema.js';`] : []),
    ...namespace,
    ...(uses.has('isUploadable') ? [`import { isUploadable } from './internal/uploads.js';`] : []),
    ...(uses.has('types.') && hasExports ? [`import type * as types from './types.js';`] : []),
    '',
    `export type { StandardSchemaV1, ValidationMode, Validator } from './internal/standard-schema.js';`,
    `export type { ValidationIssue } from './internal/errors.js';`,
    '',
    ...values.map((name) => `const ${name} = rt.${name};`),
    ...(values.length > 0 ? [''] : []),
  ].join('\n');
}
