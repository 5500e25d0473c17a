// What every emitter returns: a path inside the output folder and the file's text.
import type { SourceLocation } from '../diagnostics/diagnostic.js';

export interface EmittedFile {
  /** POSIX path relative to the output folder, e.g. `src/types.ts`. */
  readonly path: string;
  readonly text: string;
  /**
   * Already in the pinned format, so the format stage passes it through: the built-in runtime
   * core is kept prettier-clean in the repository (a unit test checks it), which saves a third
   * of a small spec's run.
   */
  readonly isFormatted?: boolean;
}

export interface EmitContext {
  /** A folder of user templates that replace the built-in ones by file name. */
  readonly templatesDir?: string;
  /** Where a JSON pointer of the spec is (for emit/* diagnostics); absent in unit tests. */
  readonly locate?: (pointer: string) => SourceLocation;
}
