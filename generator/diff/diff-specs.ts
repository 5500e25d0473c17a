// `sdkgen diff`'s library entry: loads two versions of a spec and lists every change that
// matters to the generated client's users, each classified (see change-kinds.ts), with the
// semver bump they imply. Deterministic: the IR is sorted and so is the result.
import { SpecError } from '../diagnostics/diagnostic.js';
import type { SpecChange, SpecDiff, SpecVersion } from './change-kinds.js';
import { createDiffRun, sideOf, type LoadedApi } from './diff-context.js';
import { diffNamedSchemas, matchRenamedSchemas } from './diff-named-schemas.js';
import { diffOperations } from './diff-operations.js';
import { diffPackage } from './diff-package.js';
import { diffSchema } from './diff-schema.js';
import { loadApi } from './load-api.js';
import { versionBumpOf } from './version-bump.js';

export interface DiffOptions {
  /** Where relative spec paths are read from (default: the process's cwd); they are reported as given. */
  readonly cwd?: string;
  /** Overlay files applied to both specs, in order (`--overlay`). */
  readonly overlays?: readonly string[];
}

/** Throws one SpecError with the problems of both specs when either has errors. */
export async function diffSpecs(oldFile: string, newFile: string, options: DiffOptions = {}): Promise<SpecDiff> {
  const results = await Promise.allSettled([
    loadApi(oldFile, options.cwd, options.overlays),
    loadApi(newFile, options.cwd, options.overlays),
  ]);
  const specErrors = results.flatMap((result) =>
    result.status === 'rejected' && result.reason instanceof SpecError ? [result.reason] : [],
  );
  const other = results.find((result) => result.status === 'rejected' && !(result.reason instanceof SpecError));
  if (other?.status === 'rejected') throw other.reason;
  if (specErrors.length > 0) {
    throw new SpecError(
      specErrors.flatMap((error) => error.diagnostics),
      new Map(specErrors.flatMap((error) => [...error.sources])),
    );
  }
  const [before, after] = results.map((result) => (result as PromiseFulfilledResult<LoadedApi>).value) as [LoadedApi, LoadedApi];
  return diffApis(before, after);
}

/** Pure: compares two loaded APIs. */
export function diffApis(before: LoadedApi, after: LoadedApi): SpecDiff {
  const [old, next] = [sideOf(before), sideOf(after)];
  const run = createDiffRun(old, next, matchRenamedSchemas(old, next), diffSchema);
  diffPackage(run.ctx);
  diffOperations(run.ctx);
  run.drain();
  // a component no operation reaches (a webhook's payload, a type exported for its own sake) is
  // still an exported type with validators: compared as what a client receives
  const reached = new Set(run.refPairs().map(([oldKey]) => oldKey));
  for (const named of old.api.schemas) {
    const newKey = run.ctx.renames.get(named.key) ?? named.key;
    const after = next.schemas.get(newKey);
    if (!reached.has(named.key) && !named.key.startsWith('/') && after !== undefined)
      run.ctx.visitRef(named.key, newKey, { side: 'response', path: after.name.text });
  }
  run.drain();
  diffNamedSchemas(run.ctx, run.refPairs());
  const changes = [...run.changes()].sort(compareChanges);
  return { old: versionOf(before), new: versionOf(after), bump: versionBumpOf(changes), changes };
}

const SEVERITY_ORDER = { breaking: 0, feature: 1, fix: 2 } as const;

/** Severity, then subject, kind and message; case-insensitive, then by code unit (locale-independent). */
function compareChanges(a: SpecChange, b: SpecChange): number {
  const byCodeUnit = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const byText = (x: string, y: string) => byCodeUnit(x.toLowerCase(), y.toLowerCase()) || byCodeUnit(x, y);
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    byText(a.subject, b.subject) ||
    byText(a.kind, b.kind) ||
    byText(a.message, b.message)
  );
}

function versionOf(loaded: LoadedApi): SpecVersion {
  return { file: loaded.file, title: loaded.api.title, version: loaded.api.version, packageVersion: loaded.api.package.version };
}
