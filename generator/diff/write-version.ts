// `sdkgen diff --write-version <config>`: sets `packageVersion` in an sdkgen config file to the
// current package version bumped as the diff implies. The current version is the config's own
// `packageVersion`, or else the old side's package version (the old spec's
// `info.x-sdk.packageVersion`, else its `info.version` as sdkgen makes it a package version; or
// the old package's package.json). The rest of the file is kept as it was:
// a YAML file through the yaml package's Document API (comments, order and quoting stay), a JSON
// file with its key order and indentation. The spec itself is never edited.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { isMap, parseDocument } from 'yaml';
import { UsageError } from '../diagnostics/diagnostic.js';
import { isSemver } from '../model/package-info.js';
import type { DiffReport, VersionBump } from './change-kinds.js';

/**
 * The next version after `version` for `bump`. For 0.x versions, where npm's `^0.y.z` ranges never
 * cross a minor, a breaking change bumps the minor and anything else the patch. A pre-release or
 * build suffix is dropped before bumping (`1.2.0-beta.1` + patch = `1.2.1`).
 */
export function bumpVersion(version: string, bump: VersionBump): string {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match || !isSemver(version))
    throw new UsageError(`Cannot bump the version "${version}": it is not a semantic version (major.minor.patch).`);
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const effective = major === 0 ? ({ major: 'minor', minor: 'patch', patch: 'patch', none: 'none' } as const)[bump] : bump;
  switch (effective) {
    case 'major':
      return `${major + 1}.0.0`;
    case 'minor':
      return `${major}.${minor + 1}.0`;
    case 'patch':
      return `${major}.${minor}.${patch + 1}`;
    case 'none':
      return version;
  }
}

/** Writes the bumped `packageVersion` into `configFile` (relative to `cwd`) and says what it did. */
export async function writeVersion(configFile: string, diff: DiffReport, cwd: string): Promise<string> {
  const path = resolve(cwd, configFile);
  const shown = relative(cwd, path) || configFile;
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(
      `Cannot read the config file ${shown} for --write-version: ${error.code === 'ENOENT' ? 'no such file' : (error.code ?? error.message)}. Create it (e.g. {"spec": "openapi.yaml"}) and run again.`,
    );
  });
  const isJson = path.endsWith('.json');
  const edit = isJson ? jsonEditor(text, shown) : yamlEditor(text, shown);
  const configured = edit.current();
  if (configured !== undefined && !isSemver(configured))
    throw new UsageError(
      `${shown}: "packageVersion" ${JSON.stringify(configured)} is not a semantic version (major.minor.patch); fix it and run again.`,
    );
  const current = configured ?? diff.old.packageVersion;
  const next = bumpVersion(current, diff.bump);
  if (next === current) return `packageVersion stays ${current}: no change needs a new version (${shown} is unchanged).`;
  const temporary = `${path}.sdkgen-${process.pid}.tmp`;
  await writeFile(temporary, edit.set(next));
  await rename(temporary, path);
  const note =
    current.startsWith('0.') && diff.bump !== 'patch'
      ? ` (a ${diff.bump} change; for 0.x versions that is a ${diff.bump === 'major' ? 'minor' : 'patch'} bump)`
      : ` (a ${diff.bump} bump)`;
  return `packageVersion ${current} -> ${next} in ${shown}${note}.`;
}

interface ConfigEditor {
  current(): string | undefined;
  set(version: string): string;
}

function yamlEditor(text: string, shown: string): ConfigEditor {
  const document = parseDocument(text);
  if (document.errors.length > 0) throw new UsageError(`${shown} is not valid YAML: ${document.errors[0]!.message.split('\n')[0]}`);
  if (document.contents !== null && !isMap(document.contents)) throw new UsageError(`${shown} must hold a mapping of settings.`);
  return {
    current: () => {
      const value: unknown = document.get('packageVersion');
      return value === undefined ? undefined : String(value);
    },
    set: (version) => {
      if (document.contents === null) document.contents = document.createNode({}) as never;
      document.set('packageVersion', version);
      return document.toString();
    },
  };
}

function jsonEditor(text: string, shown: string): ConfigEditor {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${shown} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UsageError(`${shown} must hold an object of settings.`);
  const settings = data as Record<string, unknown>;
  const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
  return {
    current: () => (settings['packageVersion'] === undefined ? undefined : String(settings['packageVersion'])),
    set: (version) => `${JSON.stringify({ ...settings, packageVersion: version }, null, indent)}\n`,
  };
}
