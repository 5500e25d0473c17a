// Every change `sdkgen diff` reports, with its fixed severity and the reason for it (one table,
// as diagnostics/codes.ts is for diagnostics). Kinds are stable kebab-case codes; tests and tools
// match on them. The rule behind every severity: a change is `breaking` when code written
// against the old generated client can stop compiling or start failing against the new one,
// `feature` when the client's surface grows or changes compatibly, and `fix` when only docs or
// what the client sends on the wire change (the caller's code and types stay the same).
import type { SourceLocation } from '../diagnostics/diagnostic.js';

export type ChangeSeverity = 'breaking' | 'feature' | 'fix';

/** Which way the data flows where a schema change happens; it decides narrowing vs widening. */
export type ChangeSide = 'request' | 'response';

/** The semver bump a set of changes implies (the highest severity wins). */
export type VersionBump = 'major' | 'minor' | 'patch' | 'none';

interface KindRule {
  readonly severity: ChangeSeverity;
  readonly why: string;
}

export const CHANGE_KINDS = {
  // ---- operations and the client's surface ----
  'operation-removed': { severity: 'breaking', why: 'The client method, its request builder and its types disappear.' },
  'operation-renamed': {
    severity: 'breaking',
    why: "The request builder and the operation's type names derive from the operationId, so they are renamed.",
  },
  'client-method-moved': { severity: 'breaking', why: 'Calls to the old `client.<resource>.<method>` path no longer compile.' },
  'operation-added': { severity: 'feature', why: 'A new method; nothing existing changes.' },
  'operation-endpoint-changed': {
    severity: 'fix',
    why: 'The method and its types stay the same; only the HTTP method or path it sends changes.',
  },
  'fixed-header-changed': { severity: 'fix', why: 'Constant headers are sent by the client, never passed by the caller.' },
  deprecated: {
    severity: 'feature',
    why: 'Deprecation is announced in a minor release (semver.org FAQ); code keeps compiling, with a warning.',
  },
  'doc-changed': { severity: 'fix', why: 'Summaries, descriptions, titles and defaults only change the JSDoc.' },
  // ---- parameters ----
  'parameter-removed': { severity: 'breaking', why: 'Callers passing it get a type error (excess property) or a rejected call.' },
  'parameter-renamed': { severity: 'breaking', why: 'The key callers pass changes name.' },
  'parameter-added-required': { severity: 'breaking', why: 'Existing calls do not pass it.' },
  'parameter-made-required': { severity: 'breaking', why: 'Existing calls may omit it.' },
  'parameter-added-optional': { severity: 'feature', why: 'Existing calls stay valid.' },
  'method-arguments-changed': {
    severity: 'breaking',
    why: 'Calls pass arguments by position: a new argument before `options` moves it (`retrieve(id, { timeout })` then passes the options as the query), and path arguments in another order swap their values, silently when both are strings.',
  },
  'parameter-made-optional': { severity: 'feature', why: 'The request accepts more: existing calls stay valid.' },
  // ---- request bodies (what the caller sends) ----
  'request-field-removed': {
    severity: 'breaking',
    why: 'Callers sending it get a type error, and closed request objects reject it at run time.',
  },
  'request-field-added-required': { severity: 'breaking', why: 'Existing requests do not send it.' },
  'request-field-made-required': { severity: 'breaking', why: 'Existing requests may omit it.' },
  'request-field-non-nullable': { severity: 'breaking', why: 'Existing requests may send null.' },
  'request-field-added-optional': { severity: 'feature', why: 'Existing requests stay valid.' },
  'request-field-made-optional': { severity: 'feature', why: 'The request accepts more: existing requests stay valid.' },
  'request-field-nullable': { severity: 'feature', why: 'The request accepts more: existing requests stay valid.' },
  'request-type-narrowed': {
    severity: 'breaking',
    why: 'The request accepts less (a tighter bound, fewer variants, a closed object): some existing requests become invalid.',
  },
  'request-type-widened': { severity: 'feature', why: 'The request accepts more: every existing request stays valid.' },
  'request-enum-value-removed': { severity: 'breaking', why: 'Requests sending that value stop compiling and are rejected.' },
  'request-enum-value-added': {
    severity: 'breaking',
    why: 'Classified as the issue lists it: the exported union type grows, so user code that is exhaustive over it (`Record<T, …>`, a switch ending in an assertNever) stops compiling, though every existing request stays valid.',
  },
  // ---- responses (what the caller receives) ----
  'response-field-removed': { severity: 'breaking', why: 'Code reading it stops compiling.' },
  'response-field-made-optional': {
    severity: 'breaking',
    why: 'Code reading it must now handle undefined (a type error under strict null checks).',
  },
  'response-field-nullable': { severity: 'breaking', why: 'Code reading it must now handle null.' },
  'response-type-widened': {
    severity: 'breaking',
    why: 'The response can hold values consumers never saw (a looser bound, a new variant, a wider type).',
  },
  'response-enum-value-removed': {
    severity: 'breaking',
    why: 'TypeScript rejects comparisons with a literal the union no longer has (TS2678 in a `case`, TS2367 in `===`), so code handling that value stops compiling.',
  },
  'response-enum-value-added': {
    severity: 'feature',
    why: "A response's enums are open in the generated types (`'a' | 'b' | (string & {})`), and 'loose' validation, the default, keeps a value the spec does not list: deployed clients take the new value, and code over the known values still compiles. (With responseValidation: 'strict' the value is refused until the client is regenerated.)",
  },
  'response-field-added': { severity: 'feature', why: 'More data; existing code ignores it.' },
  'response-kind-changed': {
    severity: 'breaking',
    why: 'The method resolves to another kind of result (a JSON body, a string, the Response unread, nothing, pages to walk): code using the result stops compiling.',
  },
  'request-encoding-changed': {
    severity: 'fix',
    why: 'The client encodes the same request body another way (JSON, a form, multipart): callers pass what they did; the wire changes.',
  },
  'open-union-values-changed': {
    severity: 'feature',
    why: "An open union (`anyOf: [string, enum]`, typed `'a' | 'b' | (string & {})`) lists other values: it accepts and returns what it did, and any code still compiles; only the type's completions change.",
  },
  'response-field-made-required': { severity: 'feature', why: 'The response promises more; checks for undefined still compile.' },
  'response-field-non-nullable': { severity: 'feature', why: 'The response promises more; checks for null still compile.' },
  'response-type-narrowed': { severity: 'feature', why: 'The response holds a subset of what it held; existing handling stays correct.' },
  'response-object-opened': { severity: 'feature', why: 'Generated clients already accept and keep unknown response fields.' },
  // ---- either side ----
  'field-renamed': { severity: 'breaking', why: 'The property key changes: code writing or reading the old key stops compiling.' },
  'type-changed': { severity: 'breaking', why: 'The type is neither a subset nor a superset of the old one (e.g. string to number).' },
  'constraint-changed': {
    severity: 'breaking',
    why: 'A constraint changed in a way that is neither looser nor tighter (e.g. a different pattern).',
  },
  // ---- named types and the package ----
  'schema-removed': { severity: 'breaking', why: 'Its exported type, guard and validator disappear.' },
  'schema-renamed': { severity: 'breaking', why: 'Its exported type, guard and validator are renamed.' },
  'schema-added': { severity: 'feature', why: 'A new exported type.' },
  'client-renamed': { severity: 'breaking', why: 'Imports of the client class no longer resolve.' },
  'package-renamed': { severity: 'breaking', why: 'Imports of the package no longer resolve.' },
  'client-env-changed': {
    severity: 'breaking',
    why: 'Deployments that set the old environment variable silently lose the API key or base URL.',
  },
  'base-url-changed': { severity: 'fix', why: 'The client talks to the new default server; no caller code changes.' },
  'auth-changed': {
    severity: 'breaking',
    why: 'Deployed clients send the API key where the API no longer reads it (another header, the query, a cookie, a bearer token), or none where the API now asks for one.',
  },
} as const satisfies Record<string, KindRule>;

export type ChangeKind = keyof typeof CHANGE_KINDS;

export interface SpecChange {
  readonly kind: ChangeKind;
  readonly severity: ChangeSeverity;
  /** Present for schema-level changes: the request or response side of the wire. */
  readonly side?: ChangeSide;
  /** What changed, as the generated client names it: `client.chatkit.sessions.create`, `SessionCreateParams.workflow.version`. */
  readonly subject: string;
  /** One readable sentence. */
  readonly message: string;
  /** Where it is in each spec: removals have only `old`, additions only `new`. */
  readonly location: { readonly old?: SourceLocation; readonly new?: SourceLocation };
}

export interface SpecVersion {
  /** The spec file (or, for `--api`, the package folder), as given. */
  readonly file: string;
  /** `info.title` (or the package's name). */
  readonly title: string;
  /** `info.version` (or the package's version). */
  readonly version: string;
  /**
   * The version of the package this side makes: `info.x-sdk.packageVersion`, else `info.version`
   * as sdkgen makes it a package version (or the package's version). What a bump starts from.
   */
  readonly packageVersion: string;
}

/** A change as renderDiff prints it: one of a spec diff, or of an API-surface diff (diff-api.ts). */
export interface ReportedChange {
  readonly kind: string;
  readonly severity: ChangeSeverity;
  readonly side?: string;
  readonly subject: string;
  readonly message: string;
  readonly location: { readonly old?: SourceLocation; readonly new?: SourceLocation };
}

/** What renderDiff prints and --fail-on and --write-version read. */
export interface DiffReport {
  readonly old: SpecVersion;
  readonly new: SpecVersion;
  readonly bump: VersionBump;
  readonly changes: readonly ReportedChange[];
}

export interface SpecDiff {
  readonly old: SpecVersion;
  readonly new: SpecVersion;
  readonly bump: VersionBump;
  /** Sorted: breaking, feature, fix; then by subject, kind and message. */
  readonly changes: readonly SpecChange[];
}

export function severityOf(kind: ChangeKind): ChangeSeverity {
  return CHANGE_KINDS[kind].severity;
}
