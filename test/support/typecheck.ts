// One TypeScript program over many generated trees, in this process, with the runtime core
// checked once. Each tree is a folder of files (on disk or in memory) with the generated
// tsconfig.json; a tree's `src/internal/<name>.ts` that is exactly its header line plus the
// pinned core's `<name>.ts` is not checked again: imports of it resolve to the one core copy (a
// runtime file imports only its siblings, so its meaning cannot depend on the tree). The
// standard library's declarations are parsed once per test worker and shared by every program.
//
// The diagnostics are the ones `tsc -p <tree>/tsconfig.json --noEmit` reports, formatted as tsc
// prints them, except `rootDir`/`outDir`, which one program over many trees cannot honour (they
// only place emitted files, and nothing is emitted), and those in TypeScript's own lib.*.d.ts
// (skipDefaultLibCheck).
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** The pinned runtime core: test/golden/runtime-core/<name>.ts (the runtime files as generated, without the header line). */
export const CORE_DIR = resolve('test/golden/runtime-core');

export interface Tree {
  /** An absolute folder; it need not exist when `files` is given. */
  readonly root: string;
  /** Relative POSIX path -> text; without it, the tree is read from disk under `root`. */
  readonly files?: ReadonlyMap<string, string>;
  /** Extra source files of the program, by path relative to `root` (e.g. a usage module beside src/). */
  readonly extra?: ReadonlyMap<string, string>;
}

export interface TypeCheckOptions {
  /** Overrides or additions to the trees' own compiler options. */
  readonly compilerOptions?: ts.CompilerOptions;
  /** Checks each tree's runtime copy itself, as plain tsc would (default: share the one core). */
  readonly ownRuntime?: boolean;
  /**
   * The program's roots: every file the tree's tsconfig includes (default), or only the trees'
   * `extra` files and what they import (when the tree itself is checked elsewhere).
   */
  readonly roots?: 'tree' | 'extra';
}

export interface TypeCheckResult {
  /** tsc's report, '' when clean. */
  readonly output: string;
  /** How many files the program checked (roots and what they import), and how many trees shared the core. */
  readonly files: number;
  readonly sharedRuntime: number;
}

const libCache = new Map<string, ts.SourceFile>();
let coreCache: ReadonlyMap<string, string> | undefined;

/** The pinned core's files by name (`core.ts` -> text). */
export function coreFiles(): ReadonlyMap<string, string> {
  coreCache ??= new Map(
    readdirSync(CORE_DIR)
      .filter((name) => name.endsWith('.ts'))
      .sort()
      .map((name) => [name, readFileSync(join(CORE_DIR, name), 'utf8')]),
  );
  return coreCache;
}

/** Files of a folder on disk (relative POSIX paths), following symbolic links as a reader would. */
export function readDiskTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (dir: string): void => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (path !== 'node_modules' && path !== 'dist') visit(path);
      } else files.set(path, readFileSync(join(root, path), 'utf8'));
    }
  };
  visit('');
  return files;
}

/** Whether `text` is a header line followed by exactly the core file `name`. */
export function isCoreCopy(name: string, text: string): boolean {
  const core = coreFiles().get(name);
  const newline = text.indexOf('\n');
  return core !== undefined && newline >= 0 && text.startsWith('//') && text.slice(newline + 1) === core;
}

/**
 * Type-checks the trees: one program per distinct set of compiler options (generated trees share
 * one), the runtime core once. Returns tsc's report.
 */
export function typeCheckTrees(trees: readonly Tree[], options: TypeCheckOptions = {}): TypeCheckResult {
  const groups = new Map<string, { options: ts.CompilerOptions; roots: string[] }>();
  const memory = new Map<string, string>();
  const redirect = new Map<string, string>();
  let sharedRuntime = 0;
  const reports: string[] = [];
  for (const tree of trees) {
    const onDisk = tree.files === undefined;
    const files = tree.files ?? readDiskTree(tree.root);
    for (const [path, text] of files) memory.set(join(tree.root, path), text);
    for (const [path, text] of tree.extra ?? []) memory.set(join(tree.root, path), text);
    const configPath = join(tree.root, 'tsconfig.json');
    const configText = files.get('tsconfig.json');
    if (configText === undefined) {
      reports.push(`${configPath}: missing\n`);
      continue;
    }
    const config = ts.parseConfigFileTextToJson(configPath, configText);
    const parsed = ts.parseJsonConfigFileContent(config.config, parseHost(memory), tree.root, undefined, configPath);
    const configErrors = [...(config.error ? [config.error] : []), ...parsed.errors];
    if (configErrors.length > 0) reports.push(ts.formatDiagnostics(configErrors, formatHost));
    // TypeScript's own lib.*.d.ts are not the subject, and checking them is most of a small program's time
    const compilerOptions: ts.CompilerOptions = { ...parsed.options, skipDefaultLibCheck: true, ...options.compilerOptions, noEmit: true };
    delete compilerOptions.rootDir;
    delete compilerOptions.outDir;
    delete compilerOptions.configFilePath;
    const key = JSON.stringify(compilerOptions, Object.keys(compilerOptions).sort());
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { options: compilerOptions, roots: [] }));
    const internal = [...files.keys()].filter((path) => /^src\/internal\/[^/]+\.ts$/.test(path));
    const isShared = (path: string): boolean => {
      const name = path.slice('src/internal/'.length);
      return isCoreCopy(name, files.get(path)!) || (onDisk && linksToCore(join(tree.root, path)));
    };
    if (!options.ownRuntime && internal.length > 0 && internal.every(isShared)) {
      sharedRuntime++;
      for (const path of internal) redirect.set(join(tree.root, path), join(CORE_DIR, path.slice('src/internal/'.length)));
    }
    if (options.roots !== 'extra') group.roots.push(...parsed.fileNames.map((file) => resolve(file)).filter((file) => !redirect.has(file)));
    group.roots.push(...[...(tree.extra?.keys() ?? [])].map((path) => join(tree.root, path)));
  }
  let count = 0;
  for (const group of groups.values()) {
    const roots = [...new Set(group.roots)];
    if (redirect.size > 0 && options.roots !== 'extra') roots.push(...[...coreFiles().keys()].map((name) => join(CORE_DIR, name)));
    const program = ts.createProgram({ rootNames: roots, options: group.options, host: compilerHost(group.options, memory, redirect) });
    count += program.getSourceFiles().filter((file) => !file.isDeclarationFile).length;
    const diagnostics = ts.getPreEmitDiagnostics(program);
    if (diagnostics.length > 0) reports.push(ts.formatDiagnostics(diagnostics, formatHost));
  }
  return { output: reports.join(''), files: count, sharedRuntime };
}

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (name) => name,
  getCurrentDirectory: () => process.cwd(),
  getNewLine: () => '\n',
};

/** Config parsing over the trees' files: `include` of a generated tsconfig names folders or `dir/**\/*` globs. */
function parseHost(memory: ReadonlyMap<string, string>): ts.ParseConfigHost {
  return {
    useCaseSensitiveFileNames: true,
    fileExists: (path) => memory.has(resolve(path)) || ts.sys.fileExists(path),
    readFile: (path) => memory.get(resolve(path)) ?? ts.sys.readFile(path),
    readDirectory(root, extensions, excludes, includes) {
      const base = resolve(root);
      const prefixes = includes.map((include) => {
        const plain = include.replace(/^\.\//, '').replace(/\/?\*\*\/\*(\.ts)?$/, '');
        if (/[*?]/.test(plain)) throw new Error(`typecheck support: unsupported include glob ${include} in ${root}`);
        return plain;
      });
      const skip = (excludes ?? []).map((exclude) => exclude.replace(/^\.\//, '').replace(/\/?\*\*\/\*$/, ''));
      return [...memory.keys()].filter((path) => {
        if (!path.startsWith(base + sep)) return false;
        const rel = relative(base, path).split(sep).join('/');
        if (extensions !== undefined && !extensions.some((ext) => rel.endsWith(ext))) return false;
        if (skip.some((prefix) => rel === prefix || rel.startsWith(`${prefix}/`)) || /(^|\/)node_modules\//.test(rel)) return false;
        return prefixes.some((prefix) => prefix === '' || rel === prefix || rel.startsWith(`${prefix}/`));
      });
    },
  };
}

function compilerHost(
  options: ts.CompilerOptions,
  memory: ReadonlyMap<string, string>,
  redirect: ReadonlyMap<string, string>,
): ts.CompilerHost {
  const host = ts.createCompilerHost(options, false);
  const folders = new Set<string>();
  for (const path of memory.keys())
    for (let dir = dirname(path); !folders.has(dir) && dir !== dirname(dir); dir = dirname(dir)) folders.add(dir);
  const read = (path: string): string | undefined => memory.get(path) ?? ts.sys.readFile(path);
  const exists = (path: string): boolean => memory.has(path) || ts.sys.fileExists(path);
  const directoryExists = (path: string): boolean => folders.has(path) || ts.sys.directoryExists(path);
  const moduleHost: ts.ModuleResolutionHost = {
    fileExists: exists,
    readFile: read,
    directoryExists,
    realpath: (path) => (memory.has(path) || !existsSync(path) ? path : realpathSync(path)),
  };
  const libDir = dirname(ts.getDefaultLibFilePath(options));
  const typesDir = resolve('node_modules/@types');
  return {
    ...host,
    fileExists: exists,
    readFile: read,
    directoryExists,
    getSourceFile(fileName, languageVersion, onError) {
      const shared = fileName.startsWith(libDir + sep) || fileName.startsWith(typesDir + sep);
      const key = `${JSON.stringify(languageVersion)}\0${fileName}`;
      const cached = shared ? libCache.get(key) : undefined;
      if (cached !== undefined) return cached;
      const text = read(fileName);
      if (text === undefined) {
        onError?.(`cannot read ${fileName}`);
        return undefined;
      }
      const file = ts.createSourceFile(fileName, text, languageVersion);
      if (shared) libCache.set(key, file);
      return file;
    },
    resolveModuleNameLiterals(literals, containingFile, redirectedReference, compilerOptions, containingSourceFile) {
      return literals.map((literal) => {
        const mode = ts.getModeForUsageLocation(containingSourceFile, literal, compilerOptions);
        const resolved = ts.resolveModuleName(
          literal.text,
          containingFile,
          compilerOptions,
          moduleHost,
          undefined,
          redirectedReference,
          mode,
        );
        const module = resolved.resolvedModule;
        const target = module === undefined ? undefined : redirect.get(module.resolvedFileName);
        return module !== undefined && target !== undefined
          ? { ...resolved, resolvedModule: { ...module, resolvedFileName: target } }
          : resolved;
      });
    },
  };
}

/** A golden tree's runtime file may be a symbolic link to the pinned core. */
function linksToCore(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink() && realpathSync(path).startsWith(CORE_DIR + sep);
  } catch {
    return false;
  }
}
