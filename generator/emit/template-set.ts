// The templates an emit run uses, already read from disk by load/load-templates.ts.

export interface TemplateSet {
  /** The source of a template by its path under `templates/`, e.g. `README.md.hbs` or `runtime/core.ts`. */
  source(name: string): string;
  /** The runtime core's file names (`core.ts`, …), sorted. */
  runtimeFiles(): readonly string[];
}

export function templateSet(sources: ReadonlyMap<string, string>): TemplateSet {
  const runtime = [...sources.keys()]
    .filter((name) => name.startsWith('runtime/') && name.endsWith('.ts'))
    .map((name) => name.slice('runtime/'.length))
    .sort();
  return {
    source(name) {
      const text = sources.get(name);
      if (text === undefined) throw new Error(`no template named ${name}`);
      return text;
    },
    runtimeFiles: () => runtime,
  };
}
