// What every emitter returns: a path inside the output folder and the file's text.

export interface EmittedFile {
  /** POSIX path relative to the output folder, e.g. `src/types.ts`. */
  readonly path: string;
  readonly text: string;
}

export interface EmitContext {
  /** A folder of user templates that replace the built-in ones by file name. */
  readonly templatesDir?: string;
}
