// The generated package's build (templates/build.mjs.hbs), run as users run it: `node build.mjs`
// in a package folder whose node_modules holds TypeScript. The package files (package.json, the
// tsconfigs, build.mjs) are sdkgen's own for a small spec; src/ is a few hand-written modules with
// the constructs a declaration emitter can get wrong, so each build takes a moment (the real
// generated packages are built by test/multi-runtime and, compared with tsc's output, by
// `npm run bench:build`). The build emits without a type-check (noCheck, with
// isolatedModules + isolatedDeclarations), so what it must prove is that this changes nothing:
// dist/ holds the files a type-checking `tsc -p` writes for each tsconfig, byte for byte but for
// the JavaScript's doc comments, which it leaves out (the anchor is the compiler run in this
// process with type-checking on; the declarations once, with one-line dist/esm declarations
// pointing to them); an error stops it with
// file:line:col and the previous dist/ intact; a type error does not stop it, and
// `npm run typecheck` reports it.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/index.js';
import { type MergedSources, type MergeRuntime, mergeOfPackage } from '../support/runtime-merge.js';
import { codeAndComments, tabbed } from '../support/tsc-output.js';

const REPO = resolve(fileURLToPath(import.meta.url), '../../..');
const work = mkdtempSync(join(tmpdir(), 'sdkgen-build-'));
const pkg = join(work, 'package');
const dist = join(pkg, 'dist');
/** The files of a generated package that make up its build. */
const BUILD_FILES = ['package.json', 'tsconfig.json', 'tsconfig.cjs.json', 'build.mjs'];

const SOURCES: Record<string, string> = {
  'index.ts': `export { Collection, Colour, twice } from './extra.js';
export { default } from './extra.js';
export * from './shapes.js';
export type { Shape } from './shapes.js';
export { Derived, DEFAULT_LEVEL, DOUBLE_LEVEL } from './internal/a-derived.js';
export type { Options } from './internal/options.js';
export { isBase } from './validators.js';
`,
  // a runtime core (src/internal/), which the build merges into two modules: the files
  // validators.ts loads (check.ts, z-base.ts) and the rest; a-derived.ts extends a class of
  // z-base.ts, so it must come after it although its name sorts first
  'validators.ts': `import { isBase as isBaseValue } from './internal/check.js';
export function isBase(value: unknown): boolean {
  return isBaseValue(value);
}
`,
  'internal/z-base.ts': `// Generated: the first line of every runtime file
// The base class.
export class Base {
  kind(): string {
    return 'base';
  }
}
`,
  'internal/check.ts': `// Generated: the first line of every runtime file
import { Base } from './z-base.js';
import type { Options } from './options.js';

/** Whether the value is a Base. */
export function isBase(value: unknown, _options?: Options): value is Base {
  return value instanceof Base;
}
`,
  'internal/a-derived.ts': `// Generated: the first line of every runtime file
import { Base, DEFAULT_LEVEL, type Options } from './options.js';

export { DEFAULT_LEVEL } from './options.js';

// read as the module is evaluated: options.ts must come first in their merged module
export const DOUBLE_LEVEL: number = DEFAULT_LEVEL * 2;

export class Derived extends Base {
  readonly level: number;
  constructor(options?: Options) {
    super();
    this.level = options?.level ?? DEFAULT_LEVEL;
  }
  override kind(): string {
    return 'derived';
  }
}
`,
  'internal/options.ts': `// Generated: the first line of every runtime file
export interface Options {
  readonly level?: number;
}
export const DEFAULT_LEVEL = 1;
// passed on: a file of the same merged module that imports Base from here gets the class
export { Base } from './z-base.js';
`,
  'shapes.ts': `import type { Colour } from './extra.js';
import { twice } from './extra.js';

/** A shape, documented. */
export interface Shape {
  readonly colour: Colour;
  readonly side: number;
}

export function area(shape: Shape): number {
  return twice(shape.side) / 2;
}
`,
  // well-known-symbol members: a per-file declaration emit without the lib's Symbol declares them twice
  'extra.ts': `/** Colours. */
export enum Colour {
  Red = 'red',
  Green = 'green',
}
export const enum Flag {
  A = 1,
  B = A << 1,
}
/** A base with a private field, accessors and well-known-symbol members. */
export abstract class Collection<T> implements Iterable<T>, AsyncIterable<T> {
  static readonly kind: 'collection' = 'collection';
  #count = 0;
  protected abstract items(): T[];
  get size(): number {
    return this.items().length + this.#count;
  }
  set size(value: number) {
    this.#count = value;
  }
  [Symbol.iterator](): Iterator<T> {
    return this.items()[Symbol.iterator]();
  }
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    yield* this.items();
  }
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null;
  }
}
export function twice(value: string): string;
export function twice(value: number): number;
export function twice(value: string | number): string | number {
  return typeof value === 'string' ? value + value : value * 2;
}
export default function noop(): void {}
/** Built at import; dropped by a bundler when unused. */
export const doubled: number = /* @__PURE__ */ twice(21);
`,
  // doc comments in every place they attach, and text that only looks like one
  'docs.ts': `/**
 * A record,
 * documented over lines.
 */
export interface Note {
  /** Its text. */
  readonly text: string;
}
/** Levels. */
export enum Level {
  /** The lowest. */
  Low = 1,
  High = 2,
}
/** A class. */
export class Notes {
  /** How many. */
  count = 0;
  /** Adds one. */
  add(): number {
    return ++this.count;
  }
  /** The count, as text. */
  get label(): string {
    return String(this.count);
  }
}
export const defaults = {
  /** The first note. */
  first: 'a /** not a comment */ b',
  // a line comment first: the comments before this property stay, its doc comment among them
  /** The second note. */
  second: \`
/** inside a template, kept */
    indented in a template
\`,
  third: 'a \\
    continued string',
};
/** A function. */ export function note(/** the text */ text: string): Note {
  return { text };
}
`,
};

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      command,
      args,
      { cwd: pkg, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false' } },
      (error, stdout, stderr) => {
        done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
      },
    );
  });
}

const build = (): Promise<Run> => run(process.execPath, ['build.mjs']);

/** Every file under `dir` by '/'-separated path relative to it. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path).split(sep).join('/'), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

const libraries = new Map<string, ts.SourceFile | undefined>();

/** The options with which build.mjs emits tsconfig.json's JavaScript: no declarations. */
const JAVASCRIPT: ts.CompilerOptions = {
  declaration: false,
  declarationMap: false,
  emitDeclarationOnly: false,
  isolatedDeclarations: false,
};

/** What a type-checking `tsc -p <project>` (with `overrides`) writes under dist/, without writing it. */
function tscEmit(project: string, overrides: ts.CompilerOptions = {}): Map<string, string> {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(pkg, project), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (parsed === undefined) throw new Error(`cannot read ${project}`);
  const host = ts.createCompilerHost(parsed.options);
  const read = host.getSourceFile;
  // the standard library's declarations, parsed once for both projects (as tsc -b shares them)
  host.getSourceFile = (fileName, ...rest) => {
    if (!fileName.endsWith('.d.ts')) return read.call(host, fileName, ...rest);
    if (!libraries.has(fileName)) libraries.set(fileName, read.call(host, fileName, ...rest));
    return libraries.get(fileName);
  };
  // TypeScript's own lib.*.d.ts are not checked: their diagnostics are not the package's, and emit does not depend on them
  const options = { ...parsed.options, ...overrides, skipDefaultLibCheck: true };
  // the sources the build compiles: src/internal/*.ts merged (build.mjs's own merge)
  const merged = mergedRuntime(ts, parsed.fileNames, options);
  if (merged !== undefined) {
    const { readFile, fileExists } = host;
    host.readFile = (fileName) => merged.texts.get(fileName) ?? readFile.call(host, fileName);
    host.fileExists = (fileName) => merged.texts.has(fileName) || fileExists.call(host, fileName);
  }
  const program = ts.createProgram({ rootNames: merged?.rootNames ?? parsed.fileNames, options, host });
  const errors = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  expect(errors, `${project} type-checks`).toEqual([]);
  const files = new Map<string, string>();
  program.emit(undefined, (fileName, text) => files.set(relative(dist, fileName).split(sep).join('/'), text));
  return files;
}

/** Writes `files` into src/, runs `action`, then removes them again. */
async function withSources<T>(files: Record<string, string>, action: () => Promise<T>): Promise<T> {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(pkg, 'src', name), text);
  try {
    return await action();
  } finally {
    for (const name of Object.keys(files)) rmSync(join(pkg, 'src', name), { force: true });
  }
}

/** A pid no process has: one that just exited. */
async function deadPid(): Promise<number> {
  const child = execFile(process.execPath, ['-e', '']);
  await new Promise((done) => child.once('exit', done));
  return child.pid!;
}

let first: Run;
let abandoned: string;
/** build.mjs's merge of src/internal/*.ts, imported from the package's build.mjs. */
let mergedRuntime: MergeRuntime;

/** build.mjs's merge of the package's sources as they are now, in this process. */
function mergeInProcess(): MergedSources | undefined {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(pkg, 'tsconfig.json'), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => {},
  })!;
  return mergedRuntime(ts, parsed.fileNames, parsed.options);
}
beforeAll(async () => {
  const { files } = await generate({ spec: join(REPO, 'test/fixtures/specs/petstore-expanded.yaml'), write: false });
  for (const name of BUILD_FILES) {
    const file = files.find((candidate) => candidate.path === name);
    if (file === undefined) throw new Error(`sdkgen did not emit ${name}`);
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, name), file.text);
  }
  for (const [name, text] of Object.entries(SOURCES)) {
    mkdirSync(dirname(join(pkg, 'src', name)), { recursive: true });
    writeFileSync(join(pkg, 'src', name), text);
  }
  mkdirSync(join(pkg, 'node_modules/.bin'), { recursive: true });
  symlinkSync(join(REPO, 'node_modules/typescript'), join(pkg, 'node_modules/typescript'), 'dir');
  symlinkSync(join(REPO, 'node_modules/typescript/bin/tsc'), join(pkg, 'node_modules/.bin/tsc'));
  // the staging folder of a build that was killed
  abandoned = join(pkg, `dist.tmp-${await deadPid()}`);
  mkdirSync(join(abandoned, 'esm'), { recursive: true });
  first = await build();
  mergedRuntime = await mergeOfPackage(pkg);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the generated package build (node build.mjs)', () => {
  it('writes dist/esm and dist/cjs exactly as a type-checking tsc -p of each tsconfig does, the declarations once', () => {
    expect(first).toMatchObject({ code: 0, stderr: '' });
    // the JavaScript of each tsconfig; the declarations of tsconfig.cjs.json only
    const cjs = tscEmit('tsconfig.cjs.json');
    const declarations = [...cjs].filter(([path]) => path.endsWith('.d.ts'));
    const expected = new Map([...tscEmit('tsconfig.json', JAVASCRIPT), ...cjs]);
    expected.set('cjs/package.json', '{ "type": "commonjs" }\n');
    // dist/esm's declarations point to dist/cjs's, but for the files with a default export, which
    // `export *` does not pass on: index.ts and extra.ts keep a copy
    for (const [path, text] of declarations) {
      const name = path.slice('cjs/'.length);
      const copied = name === 'index.d.ts' || name === 'extra.d.ts';
      const up = '../'.repeat(name.split('/').length);
      expected.set(`esm/${name}`, copied ? text : `export * from '${up}cjs/${name.replace(/\.d\.ts$/, '.js')}';\n`);
    }
    const built = tree(dist);
    expect([...built.keys()].sort()).toEqual([...expected.keys()].sort());
    // the JavaScript is tsc's without its doc comments, which the declarations keep, and both are
    // indented with a tab a level where tsc writes four spaces
    for (const [path, text] of expected) {
      const ours = built.get(path)!;
      if (path.endsWith('.js'))
        expect(codeAndComments(ours, path, { docs: false }), path).toBe(codeAndComments(text, path, { docs: false }));
      else expect(ours, path).toBe(tabbed(text));
    }
    expect(built.get('esm/shapes.js')).toContain('\n\treturn twice(shape.side) / 2;\n');
    expect(built.get('cjs/shapes.d.ts')).toContain('\n\treadonly colour: Colour;\n');
    for (const path of ['esm/docs.js', 'cjs/docs.js']) {
      // a line inside a template literal or a continued string is its text: its spaces stay
      expect(built.get(path), path).toContain('\n    indented in a template\n');
      expect(built.get(path), path).toContain('\n    continued string');
      expect(built.get(path), path).toContain('\n\t\treturn ++this.count;\n');
      // a doc comment stays after a line comment, and in a parameter list, which TypeScript prints
      // with the parenthesis before it; text that only looks like one stays
      expect(built.get(path)!.match(/\/\*\*[^*]*\*\//g), path).toEqual([
        '/** not a comment */',
        '/** The second note. */',
        '/** inside a template, kept */',
        '/** the text */',
      ]);
      expect(built.get(path), path).toContain('// a line comment first');
    }
    expect(built.get('esm/extra.js')).not.toContain('/**');
    const docs = built.get('cjs/docs.d.ts')!;
    expect(docs).toContain('/**\n * A record,\n * documented over lines.\n */\nexport interface Note');
    for (const doc of [
      '/** Its text. */',
      '/** The lowest. */',
      '/** Adds one. */',
      '/** The count, as text. */',
      '/** A function. */',
      '/** How many. */',
    ]) {
      expect(docs, doc).toContain(doc);
    }
    expect(built.get('cjs/extra.d.ts')).toContain('/** Built at import; dropped by a bundler when unused. */');
    expect(built.get('esm/shapes.d.ts')).toBe("export * from '../cjs/shapes.js';\n");
    // the ES modules keep the annotations that let a bundler drop an unused call's result
    expect(built.get('esm/extra.js')).toContain('/* @__PURE__ */ twice(21)');
    // the computed-name members a per-file emitter without the lib's Symbol declares twice
    expect(built.get('cjs/extra.d.ts')!.match(/\[Symbol\.\w+\]/g)).toEqual([
      '[Symbol.iterator]',
      '[Symbol.asyncIterator]',
      '[Symbol.hasInstance]',
    ]);
    // ESM keeps the .js of relative imports; CJS loads through require
    expect(built.get('esm/shapes.js')).toContain("import { twice } from './extra.js';");
    expect(built.get('cjs/shapes.js')).toContain('require("./extra.js")');
  });

  it('sets isolatedDeclarations, so that tsc and editors flag what cannot be declared file by file', () => {
    const config = JSON.parse(readFileSync(join(pkg, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
    expect(config.compilerOptions).toMatchObject({ isolatedModules: true, isolatedDeclarations: true, declaration: true });
  });

  it('merges src/internal/*.ts into two modules: what validators.js loads, and the rest', async () => {
    const built = tree(dist);
    for (const format of ['esm', 'cjs']) {
      expect([...built.keys()].filter((path) => path.startsWith(`${format}/internal/`)).sort(), format).toEqual(
        ['runtime.d.ts', 'runtime.js', 'validation.d.ts', 'validation.js'].map((name) => `${format}/internal/${name}`),
      );
    }
    const esm = (path: string) => built.get(`esm/${path}`)!;
    // validators.js loads only validation.js, which loads nothing of the rest
    expect(esm('validators.js')).toContain("from './internal/validation.js';");
    expect(esm('validators.js')).not.toContain('runtime.js');
    expect(esm('internal/validation.js')).not.toMatch(/^import\b/m);
    // one import per module of the names the rest takes from validation.js, its imports of its own files gone
    expect(esm('internal/runtime.js').match(/^import\b.*$/gm)).toEqual(["import { Base } from './validation.js';"]);
    expect(esm('index.js')).toContain("export { Derived, DEFAULT_LEVEL, DOUBLE_LEVEL } from './internal/runtime.js';");
    // each file's first line once, then each file under its name, a file after those it imports
    const runtime = esm('internal/runtime.js');
    expect(runtime.match(/^\/\/ Generated: the first line of every runtime file$/gm)).toHaveLength(1);
    expect(runtime.indexOf('// src/internal/options.ts')).toBeLessThan(runtime.indexOf('// src/internal/a-derived.ts'));
    expect(esm('internal/validation.js').indexOf('// src/internal/z-base.ts')).toBeLessThan(
      esm('internal/validation.js').indexOf('// src/internal/check.ts'),
    );
    // the modules work as the files did: one Base class across them, values read in order
    type Exports = { Derived: new () => { kind(): string; level: number }; DOUBLE_LEVEL: number; isBase(value: unknown): boolean };
    const fromEsm = (await import(pathToFileURL(join(dist, 'esm/index.js')).href)) as Exports;
    const fromCjs = createRequire(import.meta.url)(join(dist, 'cjs/index.js')) as Exports;
    for (const module of [fromEsm, fromCjs]) {
      const derived = new module.Derived();
      expect([derived.kind(), derived.level, module.DOUBLE_LEVEL, module.isBase(derived), module.isBase({})]).toEqual([
        'derived',
        1,
        2,
        true,
        false,
      ]);
    }
  });

  const MERGES = 'the build merges src/internal/*.ts into two modules';
  it.each([
    {
      what: 'a name two runtime files declare',
      files: { 'internal/dup.ts': '// Generated: the first line of every runtime file\nexport const DEFAULT_LEVEL = 2;\n' },
      // the files are read in name order: dup.ts declares it first
      message: `src/internal/options.ts:5: \`DEFAULT_LEVEL\` is declared here and in src/internal/dup.ts; ${MERGES}, where each top-level name must be declared once: rename one`,
    },
    {
      what: 'an import between runtime files that renames a name',
      files: { 'internal/renamed.ts': "import { Base as Root } from './z-base.js';\nexport const root: typeof Root = Root;\n" },
      message: `src/internal/renamed.ts:1: a default, namespace or renamed import of ./z-base.js; ${MERGES}: import its names as they are`,
    },
    {
      what: 'a namespace re-export of a runtime file',
      files: { 'internal/spread.ts': "export const spread = 1;\nexport * as base from './z-base.js';\n" },
      message: `src/internal/spread.ts:2: a namespace or renamed export of ./z-base.js; ${MERGES}: export its names as they are`,
    },
    {
      what: 'a default export',
      files: { 'internal/fallback.ts': 'export default function fallback(): number {\n  return 1;\n}\n' },
      message: `src/internal/fallback.ts:1: a default export; ${MERGES}: export a name`,
    },
    {
      what: 'a name a runtime file passes on from outside the runtime',
      files: {
        'internal/outside.ts': "export { twice } from '../extra.js';\n",
        'internal/uses.ts': "import { twice } from './outside.js';\nexport const four: number = twice(2);\n",
      },
      message: `src/internal/uses.ts:1: \`twice\` is imported from ./outside.js, which passes it on from outside src/internal/; ${MERGES}: import it from where it is declared`,
    },
  ])('stops at $what, with the file, line and what to do', async ({ files, message }) => {
    await withSources(files, async () => expect(mergeInProcess).toThrow(message));
    expect(mergeInProcess()).toBeDefined();
  });

  it('a refused merge fails the build as an error does: the message once, and dist/ as it was', async () => {
    const before = tree(dist);
    const result = await withSources({ 'internal/dup.ts': 'export const DEFAULT_LEVEL = 2;\n' }, build);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `src/internal/options.ts:5: \`DEFAULT_LEVEL\` is declared here and in src/internal/dup.ts; ${MERGES}, where each top-level name must be declared once: rename one\n\nbuild failed: 1 error; dist/ was not changed.\n`,
    );
    expect(tree(dist)).toEqual(before);
  });

  it('names each merged file on one comment line, whatever its name holds', async () => {
    const merged = await withSources({ 'internal/odd\nname\u2028.ts': "export const odd = 'odd';\n" }, async () => mergeInProcess());
    const runtime = merged!.texts.get(join(pkg, 'src/internal/runtime.ts'))!;
    expect(runtime).toContain("\n// src/internal/odd?name?.ts\nexport const odd = 'odd';\n");
    const { diagnostics } = ts.transpileModule(runtime, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ES2022 } });
    expect(diagnostics).toEqual([]);
  });

  it('keeps the runtime files apart when source maps are on: a map names a file on disk', async () => {
    const config = join(pkg, 'tsconfig.json');
    const original = readFileSync(config, 'utf8');
    const parsed = JSON.parse(original) as { compilerOptions: Record<string, unknown> };
    writeFileSync(config, JSON.stringify({ ...parsed, compilerOptions: { ...parsed.compilerOptions, sourceMap: true } }));
    try {
      expect(await build()).toMatchObject({ code: 0, stderr: '' });
      const built = tree(dist);
      expect([...built.keys()].filter((path) => path.startsWith('esm/internal/') && path.endsWith('.js')).sort()).toEqual(
        ['a-derived.js', 'check.js', 'options.js', 'z-base.js'].map((name) => `esm/internal/${name}`),
      );
      expect(JSON.parse(built.get('esm/internal/z-base.js.map')!).sources).toEqual(['../../../src/internal/z-base.ts']);
      expect(built.get('esm/validators.js')).toContain("from './internal/check.js';");
    } finally {
      writeFileSync(config, original); // the tests after this one build for themselves
    }
  });

  it('removes the staging folder a killed build left, and leaves none of its own', () => {
    expect(existsSync(abandoned)).toBe(false);
    expect(readdirSync(pkg).filter((name) => name.startsWith('dist.'))).toEqual([]);
  });

  it('stops at a declaration that needs the type-checker, printing file:line:col once, and leaves dist/ as it was', async () => {
    const before = tree(dist);
    const result = await withSources(
      {
        'inferred.ts': 'export function next(value: number) {\n  return value + 1;\n}\nexport const doubled = [1, 2].map((n) => n * 2);\n',
      },
      build,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        'src/inferred.ts:1:17 - error TS9007: Function must have an explicit return type annotation with --isolatedDeclarations.',
        'src/inferred.ts:4:14 - error TS9010: Variable must have an explicit type annotation with --isolatedDeclarations.',
        '',
        'build failed: 2 errors; dist/ was not changed.',
        '',
      ].join('\n'),
    );
    expect(tree(dist)).toEqual(before);
    expect(readdirSync(pkg).filter((name) => name.startsWith('dist.'))).toEqual([]);
  });

  it('stops at a syntax error before emitting anything, and leaves dist/ as it was', async () => {
    const before = tree(dist);
    const result = await withSources({ 'broken.ts': 'export const answer = ;\n' }, build);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'src/broken.ts:1:23 - error TS1109: Expression expected.\n\nbuild failed: 1 error; dist/ was not changed.\n',
    );
    expect(tree(dist)).toEqual(before);
  });

  it('does not type-check: a type error still builds, and npm run typecheck reports it', async () => {
    const source = 'export function label(count: number): string {\n  return count;\n}\n';
    const [built, checked] = await withSources(
      { 'mistyped.ts': source },
      async () => [await build(), await run('npm', ['run', '-s', 'typecheck'])] as const,
    );
    expect(built).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(join(dist, 'cjs/mistyped.d.ts'), 'utf8')).toBe('export declare function label(count: number): string;\n');
    expect(checked.code).not.toBe(0);
    expect(checked.stdout).toContain("src/mistyped.ts(2,3): error TS2322: Type 'number' is not assignable to type 'string'.");
  });
});
