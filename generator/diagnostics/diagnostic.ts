// What every stage reports. A user reads `renderDiagnostic(d)`; tests assert `code` and `at`.
import type { DiagnosticCode } from './codes.js';

export interface SourceLocation {
  /** As given on the command line (relative to cwd when it was relative). */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** RFC 6901, e.g. "/components/schemas/ChatSession/properties/status". */
  readonly pointer: string;
}

export interface RelatedLocation {
  readonly message: string;
  readonly at: SourceLocation;
}

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: 'error' | 'warning';
  /** What is wrong, as one sentence. */
  readonly message: string;
  /** How to fix it. */
  readonly hint?: string;
  readonly at: SourceLocation;
  readonly related?: readonly RelatedLocation[];
}

/** A spec the generator cannot handle. Holds every problem a stage found, not just the first. */
export class SpecError extends Error {
  override readonly name = 'SpecError';
  readonly diagnostics: readonly Diagnostic[];

  constructor(
    diagnostics: readonly Diagnostic[],
    /** The text of each file the diagnostics point into, for code frames. */
    readonly sources: ReadonlyMap<string, string> = new Map(),
  ) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const inTemplates = errors.filter((d) => d.code === 'emit/template-error').length;
    const inSpec = errors.length - inTemplates;
    const count = (n: number, where: string) => `${n} problem${n === 1 ? '' : 's'} in ${where}`;
    // a broken user template is not a problem of the spec: the message says where to look
    super(
      [
        ...(inSpec > 0 || inTemplates === 0 ? [count(inSpec, 'the spec')] : []),
        ...(inTemplates > 0 ? [count(inTemplates, 'the templates')] : []),
      ].join(' and '),
    );
    // sorted here so a spec's problems read top to bottom, whichever stage found them
    this.diagnostics = [...diagnostics].sort(
      (a, b) => byCodeUnit(a.at.file, b.at.file) || a.at.line - b.at.line || a.at.column - b.at.column || byCodeUnit(a.code, b.code),
    );
  }
}

/** A bug in sdkgen itself, as opposed to a problem in the user's spec. */
export class InternalError extends Error {
  override readonly name = 'InternalError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The run was interrupted (Ctrl-C) before it wrote anything: the output folder is as it was.
 * Exit code 130, as a shell gives a command stopped by SIGINT.
 */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
  constructor() {
    super('interrupted; nothing was written (the output folder is as it was)');
  }
}

/** A problem with how sdkgen was called (bad flag, unreadable file): exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function isError(diagnostic: Diagnostic): boolean {
  return diagnostic.severity === 'error';
}

/** Orders strings by UTF-16 code unit, never by locale: output must not depend on the machine. */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
