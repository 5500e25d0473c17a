// The templates an emit run uses, already read from disk by load/load-templates.ts: built-in
// ones, any user overrides (by file name), partials (`partials/*.hbs`) and user helpers.

export type TemplateHelper = (...args: unknown[]) => unknown;

export interface TemplateSet {
  /** The source of a template by its path under `templates/`, e.g. `README.md.hbs` or `runtime/core.ts`. */
  source(name: string): string;
  /** Where a template came from, for diagnostics: the user's file or the built-in one. */
  origin(name: string): string;
  /** The runtime core's file names (`core.ts`, …), sorted. */
  runtimeFiles(): readonly string[];
  /** Partials by name (`partials/jsdoc.hbs` -> `jsdoc`). */
  partials(): ReadonlyMap<string, string>;
  /** Helpers from the user's `helpers.mjs`, by name. */
  readonly helpers: Readonly<Record<string, TemplateHelper>>;
}

export interface TemplateSource {
  readonly text: string;
  /** The file it was read from, as it should be shown to a user. */
  readonly origin: string;
}

export function templateSet(
  sources: ReadonlyMap<string, TemplateSource>,
  helpers: Readonly<Record<string, TemplateHelper>> = {},
): TemplateSet {
  const runtime = [...sources.keys()]
    .filter((name) => name.startsWith('runtime/') && name.endsWith('.ts'))
    .map((name) => name.slice('runtime/'.length))
    .sort();
  const partials = new Map(
    [...sources]
      .filter(([name]) => name.startsWith('partials/') && name.endsWith('.hbs'))
      .map(([name, source]) => [name.slice('partials/'.length, -'.hbs'.length), source.text] as const),
  );
  const get = (name: string): TemplateSource => {
    const source = sources.get(name);
    if (source === undefined) throw new Error(`no template named ${name}`);
    return source;
  };
  return {
    source: (name) => get(name).text,
    origin: (name) => get(name).origin,
    runtimeFiles: () => runtime,
    partials: () => partials,
    helpers,
  };
}
