// A generated package's build.mjs merges its runtime core (src/internal/*.ts) into two modules
// before compiling (mergedRuntime). Tests and bench:build import that function from the package's
// own build.mjs, so that an anchor compiles the very sources the build compiles.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type ts from 'typescript';

/** What the build compiles: its root files, and the texts that differ from the disk's. */
export interface MergedSources {
  readonly rootNames: readonly string[];
  readonly texts: ReadonlyMap<string, string>;
}

export type MergeRuntime = (typescript: typeof ts, fileNames: readonly string[], options: ts.CompilerOptions) => MergedSources | undefined;

/** The mergedRuntime of the build.mjs in `packageDir` (it resolves src/ from there). */
export async function mergeOfPackage(packageDir: string): Promise<MergeRuntime> {
  const module = (await import(pathToFileURL(join(packageDir, 'build.mjs')).href)) as { mergedRuntime: MergeRuntime };
  return module.mergedRuntime;
}
