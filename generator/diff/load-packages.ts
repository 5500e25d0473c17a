// `sdkgen diff --api`'s load step: reads two generated packages (a package folder, or its src/
// folder) into one ts-morph project, so that one type checker compares their declarations.
// ts-morph (and the TypeScript it bundles) is imported here, dynamically: only this command
// loads it. The only file of the API diff that touches the disk.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Project, SourceFile, ts as Ts } from 'ts-morph';
import { InternalError, UsageError } from '../diagnostics/diagnostic.js';
import type { SpecVersion } from './change-kinds.js';

export interface LoadedPackage {
  readonly version: SpecVersion;
  /** The entry points users import: `.` (src/index.ts) and each subpath of package.json `exports` that has a source file. */
  readonly entries: readonly { readonly subpath: string; readonly file: SourceFile }[];
  /** The folder the in-memory files live under (`/old/` or `/new/`). */
  readonly root: string;
  /** A file of the project as the user would name it: `<folder as given>/src/client.ts`. */
  shown(file: SourceFile): string;
}

export interface LoadedPackages {
  readonly ts: typeof Ts;
  readonly project: Project;
  readonly old: LoadedPackage;
  readonly new: LoadedPackage;
}

/** The compiler options of a generated package's tsconfig.json that decide its types. */
const COMPILER_OPTIONS = {
  target: 'ES2022',
  module: 'ES2022',
  moduleResolution: 'bundler',
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: [],
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  skipLibCheck: true,
  noEmit: true,
} as const;

export async function loadPackages(oldFolder: string, newFolder: string, cwd: string): Promise<LoadedPackages> {
  const [oldFiles, newFiles] = await Promise.all([readPackage(oldFolder, cwd), readPackage(newFolder, cwd)]);
  let tsMorph: typeof import('ts-morph');
  try {
    tsMorph = await import('ts-morph');
  } catch (error) {
    throw new InternalError(
      `sdkgen diff --api needs the ts-morph package, which sdkgen depends on, and it could not be loaded: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const { Project, ts } = tsMorph;
  const { options } = ts.convertCompilerOptionsFromJson(COMPILER_OPTIONS, '/');
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: options, skipLoadingLibFiles: false });
  const load = (files: PackageFiles, root: string): LoadedPackage => {
    const sources = new Map<string, SourceFile>();
    for (const [path, text] of files.sources) sources.set(path, project.createSourceFile(`${root}src/${path}`, text));
    const entries = files.subpaths.flatMap((subpath) => {
      const file = sources.get(subpath === '.' ? 'index.ts' : `${subpath.slice(2)}.ts`);
      return file ? [{ subpath, file }] : [];
    });
    return {
      version: files.version,
      entries,
      root,
      shown: (file) => `${files.shownSrc}/${file.getFilePath().slice(`${root}src/`.length)}`,
    };
  };
  return { ts, project, old: load(oldFiles, '/old/'), new: load(newFiles, '/new/') };
}

interface PackageFiles {
  readonly version: SpecVersion;
  /** src/'s .ts files by POSIX path relative to src/. */
  readonly sources: ReadonlyMap<string, string>;
  readonly subpaths: readonly string[];
  /** src/ as the user would name it. */
  readonly shownSrc: string;
}

/** `folder` is a package (with src/index.ts) or its src/ folder (with index.ts). */
async function readPackage(folder: string, cwd: string): Promise<PackageFiles> {
  const absolute = resolve(cwd, folder);
  const isFile = async (path: string) => (await stat(path).catch(() => undefined))?.isFile() === true;
  let src: string;
  let shownSrc: string;
  if (await isFile(join(absolute, 'src', 'index.ts'))) {
    src = join(absolute, 'src');
    shownSrc = join(folder, 'src');
  } else if (await isFile(join(absolute, 'index.ts'))) {
    src = absolute;
    shownSrc = folder;
  } else {
    const why = (await stat(absolute).catch(() => undefined)) === undefined ? 'no such folder' : 'it has neither src/index.ts nor index.ts';
    throw new UsageError(`Cannot read the package ${folder}: ${why}. Pass the folder sdkgen generated (or its src/ folder).`);
  }
  const packageJson = await readPackageJson(basename(src) === 'src' ? dirname(src) : src);
  const sources = new Map<string, string>();
  for (const path of await listTs(src, '')) sources.set(path, await readFile(join(src, path), 'utf8'));
  const exportsField = packageJson?.['exports'];
  const subpaths = [
    '.',
    ...(typeof exportsField === 'object' && exportsField !== null
      ? Object.keys(exportsField).filter((key) => /^\.\/[\w-]+$/.test(key) && key !== './package.json')
      : []),
  ];
  const name = typeof packageJson?.['name'] === 'string' ? packageJson['name'] : relative(cwd, absolute) || folder;
  const version = typeof packageJson?.['version'] === 'string' ? packageJson['version'] : '0.0.0';
  return {
    version: { file: folder, title: name, version, packageVersion: version },
    sources,
    subpaths,
    shownSrc: shownSrc.split('\\').join('/'),
  };
}

async function readPackageJson(folder: string): Promise<Record<string, unknown> | undefined> {
  const text = await readFile(join(folder, 'package.json'), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The .ts files under `dir` (not .d.ts, not node_modules), sorted. */
async function listTs(dir: string, prefix: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of (await readdir(join(dir, prefix), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory() && entry.name !== 'node_modules') found.push(...(await listTs(dir, path)));
    else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}
