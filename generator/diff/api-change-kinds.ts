// Every change `sdkgen diff --api` reports between two generated packages, with its severity
// and the reason (one table, as change-kinds.ts is for the spec diff). The rule is the spec
// diff's: code written against the old package that can stop compiling is `breaking`, a surface
// that grows compatibly is a `feature`, and docs are a `fix`. Where a type sits decides some
// severities: a value the caller passes (a parameter) is on the request side, a value the caller
// receives (a return value, a property it reads) on the response side, and a named type used in
// both places (or in neither) is held to both rules, so it may neither widen nor narrow.
import type { ChangeSeverity } from './change-kinds.js';

/** Where a type is used, seen from the caller: passed in, received, or both (or exported unused). */
export type ApiSide = 'request' | 'response' | 'both';

interface ApiKindRule {
  readonly severity: Readonly<Record<ApiSide, ChangeSeverity>>;
  readonly why: string;
}

const always = (severity: ChangeSeverity): Readonly<Record<ApiSide, ChangeSeverity>> => ({
  request: severity,
  response: severity,
  both: severity,
});

export const API_CHANGE_KINDS = {
  // ---- exports ----
  'export-removed': { severity: always('breaking'), why: 'Imports of the name no longer resolve.' },
  'export-renamed': {
    severity: always('breaking'),
    why: 'The declaration is the same but its name changed: imports of the old name no longer resolve.',
  },
  'export-added': { severity: always('feature'), why: 'A new export; nothing existing changes.' },
  'export-kind-changed': {
    severity: always('breaking'),
    why: 'A class became a function, a value became a type, …: code using it as the old kind stops compiling.',
  },
  // ---- members of classes (the client, its resources, errors, pages) ----
  'member-removed': { severity: always('breaking'), why: 'Calls or reads of the member no longer compile.' },
  'member-renamed': {
    severity: always('breaking'),
    why: 'The member is the same but its name changed: calls of the old name no longer compile.',
  },
  'member-added': { severity: always('feature'), why: 'A new method or resource; nothing existing changes.' },
  // ---- signatures ----
  'parameter-removed': { severity: always('breaking'), why: 'Calls passing it get a type error (too many arguments).' },
  'parameter-added-required': { severity: always('breaking'), why: 'Existing calls do not pass it.' },
  'parameter-added-optional': { severity: always('feature'), why: 'Added last and optional: existing calls stay valid.' },
  'parameter-inserted': {
    severity: always('breaking'),
    why: 'A parameter added before existing ones moves them: an existing call passes its arguments in the wrong places.',
  },
  'parameter-made-required': { severity: always('breaking'), why: 'Existing calls may omit it.' },
  'parameter-made-optional': { severity: always('feature'), why: 'Existing calls stay valid.' },
  'overload-removed': { severity: always('breaking'), why: 'Calls that matched only that overload stop compiling.' },
  'overload-added': { severity: always('feature'), why: 'More calls compile; existing ones keep their overload.' },
  // ---- properties of object types ----
  'property-removed': { severity: always('breaking'), why: 'Code writing or reading it stops compiling.' },
  'property-added-required': {
    severity: { request: 'breaking', response: 'feature', both: 'breaking' },
    why: 'Objects the caller builds lack it (breaking); objects the caller receives just carry more (feature).',
  },
  'property-added-optional': { severity: always('feature'), why: 'Existing objects stay valid and existing reads compile.' },
  'property-made-optional': {
    severity: { request: 'feature', response: 'breaking', both: 'breaking' },
    why: 'The caller may now omit it (feature), but reading it now gives `undefined` too (breaking under strict null checks).',
  },
  'property-made-required': {
    severity: { request: 'breaking', response: 'feature', both: 'breaking' },
    why: 'Objects the caller builds may lack it (breaking); reads only get a stronger promise (feature).',
  },
  // ---- types (by the TypeScript checker's assignability between the old and new declarations) ----
  'type-narrowed': {
    severity: { request: 'breaking', response: 'feature', both: 'breaking' },
    why: 'The new type accepts a subset of the old: some values the caller passed are refused (breaking), values it receives fit its old handling (feature).',
  },
  'type-widened': {
    severity: { request: 'feature', response: 'breaking', both: 'breaking' },
    why: 'The new type accepts more: every value the caller passed still fits (feature), but it can receive values its code never handled (breaking).',
  },
  'type-changed': { severity: always('breaking'), why: 'Neither type is assignable to the other (e.g. `string` to `number`).' },
  'union-member-added': {
    severity: always('breaking'),
    why: 'A closed union gains a literal: exhaustive switches and `Record<T, …>` over it stop compiling, as the spec diff counts an enum value added.',
  },
  'union-member-removed': { severity: always('breaking'), why: 'Code passing or comparing with that literal stops compiling.' },
  'suggested-value-added': {
    severity: always('feature'),
    why: 'An open union (`… | (string & {})`) gains a literal: a new completion, any string still compiles.',
  },
  'suggested-value-removed': {
    severity: always('fix'),
    why: 'An open union loses a literal: one completion fewer, any string still compiles.',
  },
  // ---- docs ----
  deprecated: {
    severity: always('feature'),
    why: 'Deprecation is announced in a minor release (semver.org FAQ); code keeps compiling, with a warning.',
  },
  'doc-changed': { severity: always('fix'), why: 'Only the JSDoc an editor shows changes.' },
} as const satisfies Record<string, ApiKindRule>;

export type ApiChangeKind = keyof typeof API_CHANGE_KINDS;

export function apiSeverityOf(kind: ApiChangeKind, side: ApiSide): ChangeSeverity {
  return API_CHANGE_KINDS[kind].severity[side];
}
