// Builds dist/esm (ES modules) and dist/cjs (CommonJS) with the TypeScript compiler from
// devDependencies. No bundler: the output mirrors src/ file by file, but for the runtime core.
//
// The runtime core, src/internal/*.ts, is compiled as two modules, dist/*/internal/validation.js
// (the part validators.js loads) and dist/*/internal/runtime.js (the rest): Node loads each
// module on its own, at about a millisecond apiece, and a client loaded some twenty runtime
// files. The merge is of the sources, before the compiler sees them (mergedRuntime): each file's
// text in the order their imports ask, without its imports of the files beside it, so every name
// keeps its meaning, and a file whose names would clash stops the build. A bundler still drops
// what a program does not use: the modules hold declarations, and `/* @__PURE__ */` marks the
// calls made at load. With source or declaration maps on, nothing is merged (a map must name a
// file on disk).
//
// The build emits without type-checking (`noCheck`): the sources are written for
// `isolatedModules` and `isolatedDeclarations` (both on in tsconfig.json), so each file's
// JavaScript and declarations follow from that file alone, and are the files a type-checking
// `tsc -p` writes, except that the JavaScript leaves out the doc comments (/** … */) that the
// declarations carry, as published TypeScript libraries do: editors read the docs from the
// .d.ts files, and in the JavaScript they were a tenth of its bytes, twice (ES modules and
// CommonJS). Other comments stay, `/* @__PURE__ */` among them (bundlers drop an unused
// validator by it). The files are indented with a tab a level where tsc writes four spaces
// (another tenth of a large package). `npm run typecheck` runs the type-check. The projects
// share the parsed files (the sources and the standard library's declarations), and the output
// goes to a folder beside dist/ that replaces it only when all succeeded: an error (a
// declaration that cannot be emitted in isolation, a syntax error) prints its file:line:col and
// leaves dist/ as it was.
//
// The declarations ship once, not twice: only tsconfig.cjs.json emits them. Each
// dist/esm/<file>.d.ts is `export * from '../cjs/<file>.js'`, which TypeScript resolves for
// ES-module consumers too (an ES module may import CommonJS), so both conditions see the same
// types. A file with a default export keeps its own copy in dist/esm: through CommonJS, an ES
// module's default import would be the whole module.
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(fileURLToPath(import.meta.url));
const DIST = join(ROOT, 'dist');
/**
 * Each project, the package.json its output folder needs (dist/ is under "type": "module"), and
 * whether it emits the declarations (one project does; the other's point to them).
 */
const PROJECTS = [
  { project: 'tsconfig.json', declarations: false },
  { project: 'tsconfig.cjs.json', declarations: true, packageJson: '{ "type": "commonjs" }\n' },
];

/** Each merge of the runtime, by the sources it was made of (both projects share one). */
const merges = new Map();
/** What a refused merge's message says the build does. */
const MERGES = 'the build merges src/internal/*.ts into two modules';

// run as `node build.mjs`; imported (as sdkgen's tests do), it only exports mergedRuntime
if (isRunAsScript()) process.exitCode = main();

export { mergedRuntime };

function isRunAsScript() {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

function main() {
  const staging = join(ROOT, `dist.tmp-${process.pid}`);
  removeAbandonedStaging();
  rmSync(staging, { recursive: true, force: true });
  try {
    const ts = loadTypeScript();
    const parsed = new Map();
    const emitted = [];
    const unindented = [];
    for (const { project, declarations, packageJson } of PROJECTS) {
      const { errors, outDir, written, indentable } = emitProject(
        ts,
        project,
        staging,
        parsed,
        declarations,
      );
      if (errors.length > 0) {
        const count = `${errors.length} error${errors.length === 1 ? '' : 's'}`;
        process.stderr.write(
          `${errors.join('\n')}\n\nbuild failed: ${count}; dist/ was not changed.\n`,
        );
        return 1;
      }
      if (packageJson !== undefined) {
        mkdirSync(join(staging, outDir), { recursive: true });
        writeFileSync(join(staging, outDir, 'package.json'), packageJson);
      }
      emitted.push({ declarations, outDir, written });
      unindented.push(...indentable);
    }
    // one file at a time, once the programs' syntax trees can go: the peak memory stays the emit's
    parsed.clear();
    for (const { file, literals } of unindented) {
      writeFileSync(file, indentWithTabs(ts, file, readFileSync(file, 'utf8'), literals));
    }
    linkDeclarations(staging, emitted);
    rmSync(DIST, { recursive: true, force: true });
    renameSync(staging, DIST);
    return 0;
  } catch (error) {
    process.stderr.write(
      `build failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Emits one tsconfig's JavaScript (and its declarations, when `declarations`) into `staging`
 * (which stands for dist/) and returns its errors as `file:line:col - error TSxxxx: message`
 * lines (the first project with errors stops the build: the next one would report them again),
 * its output folder relative to dist/, the declaration files it wrote, relative to that folder
 * (and whether the source has a default export: see linkDeclarations), and the files it wrote
 * that are to be indented with tabs (all but those with source maps). `parsed` holds the syntax
 * trees of the projects before it.
 */
function emitProject(ts, project, staging, parsed, declarations) {
  const errors = [];
  const report = (diagnostics) => {
    for (const diagnostic of diagnostics) {
      if (diagnostic.category === ts.DiagnosticCategory.Error) {
        errors.push(formatDiagnostic(ts, diagnostic));
      }
    }
  };
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, project),
    { noCheck: true },
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => report([diagnostic]) },
  );
  if (config === undefined || config.errors.length > 0) {
    report(config?.errors ?? []);
    return { errors, outDir: '', written: [], indentable: [] };
  }
  const { options } = config;
  const outDir = relative(DIST, options.outDir ?? ROOT);
  if (outDir.startsWith('..') || isAbsolute(outDir)) {
    return {
      errors: [`${project}: outDir must be inside dist/ (it is ${options.outDir})`],
      outDir,
      written: [],
    };
  }
  let merged;
  try {
    // both projects compile the same sources: merged once
    const key = JSON.stringify([config.fileNames, mapsOn(options)]);
    if (!merges.has(key)) merges.set(key, mergedRuntime(ts, config.fileNames, options));
    merged = merges.get(key);
  } catch (error) {
    return { errors: [error.message], outDir, written: [], indentable: [] };
  }
  const host = ts.createCompilerHost(options);
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors; // as tsc does
  if (merged !== undefined) {
    const { readFile, fileExists } = host;
    host.readFile = (fileName) => merged.texts.get(fileName) ?? readFile.call(host, fileName);
    host.fileExists = (fileName) => merged.texts.has(fileName) || fileExists.call(host, fileName);
  }
  const parse = host.getSourceFile;
  host.getSourceFile = (fileName, languageVersionOrOptions, ...rest) => {
    const key = sourceFileKey(ts, fileName, languageVersionOrOptions, options);
    let file = parsed.get(key);
    if (file === undefined) {
      file = parse.call(host, fileName, languageVersionOrOptions, ...rest);
      if (file !== undefined) parsed.set(key, file);
    }
    return file;
  };
  const program = ts.createProgram({
    rootNames: merged?.rootNames ?? config.fileNames,
    options: declarations
      ? options
      : {
          ...options,
          declaration: false,
          declarationMap: false,
          emitDeclarationOnly: false,
          isolatedDeclarations: false,
        },
    host,
    projectReferences: config.projectReferences,
    configFileParsingDiagnostics: config.errors,
  });
  report(program.getOptionsDiagnostics());
  report(program.getSyntacticDiagnostics());
  if (errors.length > 0) return { errors, outDir, written: [], indentable: [] };
  const made = new Set();
  const written = [];
  const indentable = [];
  /** Whether each parsed source has a string or template literal over lines. */
  const overLines = new WeakMap();
  const writeFile = (fileName, text, writeByteOrderMark, _onError, sourceFiles) => {
    const path = relative(DIST, fileName);
    if (path.startsWith('..') || isAbsolute(path)) {
      errors.push(`${project}: would write ${relative(ROOT, fileName)}, outside dist/`);
      return;
    }
    const target = join(staging, path);
    const folder = dirname(target);
    if (!made.has(folder)) mkdirSync(folder, { recursive: true });
    made.add(folder);
    writeFileSync(target, writeByteOrderMark ? `\uFEFF${text}` : text);
    const isDeclarations = /\.d\.[cm]?ts$/.test(fileName);
    // source maps count columns in the text as printed; other files (JSON, maps) are not code
    const keepsSpaces = isDeclarations
      ? options.declarationMap
      : options.sourceMap || options.inlineSourceMap || !/\.[cm]?js$/.test(fileName);
    // a line can start inside a literal only where the source has a literal over lines
    const literals =
      sourceFiles?.some(({ fileName: name }) => {
        // the parsed file (JavaScript's sourceFiles are the transformed ones)
        const source = program.getSourceFile(name);
        if (source === undefined) return true;
        if (!overLines.has(source)) overLines.set(source, multiLineLiterals(ts, source).length > 0);
        return overLines.get(source);
      }) ?? true;
    if (!keepsSpaces) indentable.push({ file: target, literals });
    if (isDeclarations) {
      // a default export is read from the parsed source the declarations were made from
      written.push({
        path: relative(join(DIST, outDir), fileName).split(sep).join('/'),
        copied: sourceFiles?.some((source) => exportsDefault(ts, source)) ?? true,
      });
    }
  };
  report(
    program.emit(undefined, writeFile, undefined, undefined, { after: [withoutDocComments(ts)] })
      .diagnostics,
  );
  return { errors, outDir, written, indentable };
}

/**
 * The runtime core, `src/internal/*.ts`, as two modules the build writes in its place:
 * `internal/validation.js` (what `src/validators.ts` loads: a program that only checks data
 * loads only these) and `internal/runtime.js` (the rest), with every other source's imports
 * pointed at them. Node loads each module of a package on its own, at about a millisecond
 * apiece, and a client reached some twenty runtime files. Returns the program's root files and
 * the texts that differ from the disk's; undefined when there is nothing to merge or source
 * maps are on (a map must name a file that exists). A module holds its files in the order their
 * imports ask (a file after those it imports), each without its imports of the others. A merge
 * that would change what a name means (two files that declare one name, a renamed or namespace
 * import between them, a default export, a name passed on from outside the folder) stops the
 * build with the file, the line and the name.
 */
function mergedRuntime(ts, fileNames, options) {
  if (mapsOn(options)) return undefined;
  const src = join(ROOT, 'src');
  const folder = join(src, 'internal');
  const runtime = fileNames
    .filter(
      (name) => sameFile(dirname(name), folder) && name.endsWith('.ts') && !name.endsWith('.d.ts'),
    )
    .sort();
  if (runtime.length < 2) return undefined;
  const modules = {
    validation: join(folder, 'validation.ts'),
    runtime: join(folder, 'runtime.ts'),
  };
  for (const name of Object.values(modules)) {
    if (fileNames.some((file) => sameFile(file, name))) {
      throw new Error(
        `${shown(name)}: the build merges src/internal/*.ts into a module of this name; rename the file`,
      );
    }
  }
  /** The runtime file a relative specifier of `from` names (`./x.js` is x.ts), or undefined. */
  const target = (from, specifier) => {
    if (!specifier.startsWith('.')) return undefined;
    const path = join(dirname(from), specifier).replace(/\.(m|c)?js$/, '.$1ts');
    return runtime.find((name) => sameFile(name, path));
  };
  const core = readRuntime(ts, runtime, target);
  // the other sources, each read and scanned once: its text and module specifiers (TypeScript's
  // scanner finds them without a syntax tree; a generated validators.ts is megabytes)
  const others = fileNames
    .filter(
      (name) => !runtime.includes(name) && /\.[cm]?tsx?$/.test(name) && !name.endsWith('.d.ts'),
    )
    .map((name) => {
      const text = readFileSync(name, 'utf8');
      return { name, text, references: ts.preProcessFile(text, true, true).importedFiles };
    });
  // the validators' part: the runtime files src/validators.ts loads, and the files they load
  const validation = new Set();
  const reach = (name) => {
    if (validation.has(name)) return;
    validation.add(name);
    for (const next of core.loads.get(name)) reach(next);
  };
  const validators = others.find(({ name }) => sameFile(name, join(src, 'validators.ts')));
  if (validators !== undefined) {
    for (const name of loadedRuntime(ts, validators, (specifier) =>
      target(validators.name, specifier),
    ))
      reach(name);
  }
  const moduleOf = (name) =>
    validation.has(name) && validation.size < runtime.length ? modules.validation : modules.runtime;
  const texts = joinedModules(ts, core, runtime, target, moduleOf, folder);
  for (const source of others) {
    const pointed = pointedAtMerged(source, (specifier) => {
      const file = target(source.name, specifier);
      return file === undefined ? undefined : modulePath(source.name, moduleOf(file));
    });
    if (pointed !== source.text) texts.set(source.name, pointed);
  }
  const merged = [...new Set(runtime.map(moduleOf))];
  return { rootNames: [...fileNames.filter((name) => !runtime.includes(name)), ...merged], texts };
}

function sameFile(a, b) {
  return relative(a, b) === '';
}

/** A path as messages show it: from the package folder, with `/`. */
function shown(name) {
  return relative(ROOT, name).split(sep).join('/');
}

/**
 * Each runtime file parsed, with the runtime files it imports (`imports`), those it loads at run
 * time (`loads`: all but `import type`) and the file that declares each top-level name
 * (`declared`). Throws at what a merge cannot keep: a name two files declare; a default,
 * namespace or renamed import or export between them; a default export.
 */
function readRuntime(ts, runtime, target) {
  const core = { files: new Map(), imports: new Map(), loads: new Map(), declared: new Map() };
  for (const name of runtime) {
    const file = ts.createSourceFile(
      name,
      readFileSync(name, 'utf8'),
      ts.ScriptTarget.Latest,
      true,
    );
    core.files.set(name, file);
    core.imports.set(name, []);
    core.loads.set(name, []);
    const refuse = (node, what, remedy) => {
      throw new Error(`${where(file, node)}: ${what}; ${MERGES}: ${remedy}`);
    };
    const declare = (identifier) => {
      const first = core.declared.get(identifier.text);
      if (first !== undefined && first !== name) {
        throw new Error(
          `${where(file, identifier)}: \`${identifier.text}\` is declared here and in ${shown(first)}; ${MERGES}, where each top-level name must be declared once: rename one`,
        );
      }
      core.declared.set(identifier.text, name);
    };
    for (const statement of file.statements) {
      const specifier = statement.moduleSpecifier?.text;
      const sibling = specifier === undefined ? undefined : target(name, specifier);
      if (ts.isImportDeclaration(statement)) {
        const clause = statement.importClause;
        const bindings = clause?.namedBindings;
        const namespace = bindings !== undefined && ts.isNamespaceImport(bindings);
        if (sibling === undefined) {
          if (clause?.name !== undefined) declare(clause.name);
          if (namespace) declare(bindings.name);
          else for (const element of bindings?.elements ?? []) declare(element.name);
          continue;
        }
        if (
          clause?.name !== undefined ||
          namespace ||
          bindings?.elements.some((element) => element.propertyName !== undefined)
        ) {
          refuse(
            statement,
            `a default, namespace or renamed import of ${specifier}`,
            'import its names as they are',
          );
        }
        core.imports.get(name).push(sibling);
        if (!clause?.isTypeOnly) core.loads.get(name).push(sibling);
      } else if (ts.isExportDeclaration(statement)) {
        if (sibling === undefined) continue;
        const clause = statement.exportClause;
        if (
          clause !== undefined &&
          (ts.isNamespaceExport(clause) ||
            clause.elements.some((element) => element.propertyName !== undefined))
        ) {
          refuse(
            statement,
            `a namespace or renamed export of ${specifier}`,
            'export its names as they are',
          );
        }
        core.imports.get(name).push(sibling);
        if (!statement.isTypeOnly) core.loads.get(name).push(sibling);
      } else if (
        ts.isExportAssignment(statement) ||
        exportsDefault(ts, { statements: [statement] })
      ) {
        refuse(statement, 'a default export', 'export a name');
      } else if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          for (const identifier of boundNames(ts, declaration.name)) declare(identifier);
        }
      } else if (ts.isModuleDeclaration(statement) && ts.isStringLiteral(statement.name)) {
        // `declare module 'x'` augments another module
      } else if (
        statement.name !== undefined &&
        ts.isIdentifier(statement.name) &&
        (statement.flags & ts.NodeFlags.GlobalAugmentation) === 0
      ) {
        declare(statement.name);
      }
    }
  }
  return core;
}

/** `src/internal/x.ts:12`: where a node of a runtime file starts. */
function where(file, node) {
  return `${shown(file.fileName)}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`;
}

/**
 * The text of each merged module, by its path: the first line the files share (the generated
 * header) once, the imports of the other module's names, then each file under its name, a file
 * after the files it imports (a class after the class it extends), else in name order, without
 * its imports of files of the same module.
 */
function joinedModules(ts, core, runtime, target, moduleOf, folder) {
  const order = [];
  const placed = new Set();
  const place = (name) => {
    if (placed.has(name)) return;
    placed.add(name);
    for (const sibling of core.imports.get(name)) place(sibling);
    order.push(name);
  };
  for (const name of runtime) place(name);
  const header = /^\/\/[^\n]*\n/.exec(core.files.get(runtime[0]).text)?.[0] ?? '';
  const parts = new Map();
  /** Per module: each name it imports from the other, and whether only as a type. */
  const crossImports = new Map(runtime.map((name) => [moduleOf(name), new Map()]));
  for (const name of order) {
    const file = core.files.get(name);
    const into = moduleOf(name);
    const names = crossImports.get(into);
    const edits = [];
    if (header !== '' && file.text.startsWith(header)) edits.push([0, header.length, '']);
    const drop = (statement) => {
      const end = file.text[statement.end] === '\n' ? statement.end + 1 : statement.end;
      edits.push([statement.getStart(file), end, '']);
    };
    for (const statement of file.statements) {
      const specifier = statement.moduleSpecifier;
      if (specifier === undefined || !ts.isStringLiteral(specifier)) continue;
      const sibling = target(name, specifier.text);
      if (sibling !== undefined && ts.isImportDeclaration(statement)) {
        // a name declared in the other module (imported from there, or through a file of this
        // one that re-exports it) is imported once at the module's top; the statement goes
        const clause = statement.importClause;
        for (const element of clause?.namedBindings?.elements ?? []) {
          const home = core.declared.get(element.name.text);
          if (home === undefined) {
            // passed on from outside the runtime: the merge would drop the import that binds it
            throw new Error(
              `${where(file, element)}: \`${element.name.text}\` is imported from ${specifier.text}, which passes it on from outside src/internal/; ${MERGES}: import it from where it is declared`,
            );
          }
          const from = moduleOf(home);
          if (from === into) continue;
          const typeOnly = clause.isTypeOnly || element.isTypeOnly;
          const known = names.get(element.name.text);
          names.set(element.name.text, { from, typeOnly: typeOnly && (known?.typeOnly ?? true) });
        }
        drop(statement);
      } else if (sibling !== undefined && moduleOf(sibling) === into) {
        drop(statement);
      } else if (sibling !== undefined) {
        edits.push([
          specifier.getStart(file) + 1,
          specifier.end - 1,
          modulePath(into, moduleOf(sibling)),
        ]);
      } else if (specifier.text.startsWith('.')) {
        // a file outside the folder, named from the merged module
        edits.push([
          specifier.getStart(file) + 1,
          specifier.end - 1,
          modulePath(into, join(folder, specifier.text)),
        ]);
      }
    }
    let text = file.text;
    for (const [start, end, replacement] of edits.reverse())
      text = text.slice(0, start) + replacement + text.slice(end);
    // the file's name on a comment line of its own (a character that could end the line is a ?)
    const title = shown(name).replace(/[^\x20-\x7e]/g, '?');
    parts.set(into, [...(parts.get(into) ?? []), `// ${title}\n${text.trim()}\n`]);
  }
  const texts = new Map();
  for (const [module, sections] of parts) {
    texts.set(
      module,
      `${header}${importLines(module, crossImports.get(module))}${sections.join('\n')}`,
    );
  }
  return texts;
}

/** Whether the build writes source or declaration maps, which must name files that exist. */
function mapsOn(options) {
  return Boolean(options.sourceMap || options.inlineSourceMap || options.declarationMap);
}

/** The relative specifier with which `from` imports `to` (a .ts path; it names the .js). */
function modulePath(from, to) {
  const path = relative(dirname(from), to)
    .split(sep)
    .join('/')
    .replace(/\.([cm]?)ts$/, '.$1js');
  return path.startsWith('.') ? path : `./${path}`;
}

/**
 * The imports of a merged module from the other: one statement per module, `import type` when
 * all its names are types, which loads nothing (`import { type A }` would load the module).
 */
function importLines(module, names) {
  const byModule = new Map();
  for (const [name, { from, typeOnly }] of names) {
    byModule.set(from, [...(byModule.get(from) ?? []), { name, typeOnly }]);
  }
  return [...byModule]
    .map(([from, entries]) => {
      const types = entries.every((entry) => entry.typeOnly);
      const list = entries.map((entry) =>
        entry.typeOnly && !types ? `type ${entry.name}` : entry.name,
      );
      return `import ${types ? 'type ' : ''}{ ${list.join(', ')} } from '${modulePath(module, from)}';\n`;
    })
    .join('');
}

/**
 * The runtime files a source (`{ name, text, references }`) loads at run time: those its imports,
 * re-exports and `import()` calls name, but not `import type` and `export type`. Only the text up
 * to the last of them is parsed.
 */
function loadedRuntime(ts, { name, text, references }, runtimeFile) {
  const named = references.filter((reference) => runtimeFile(reference.fileName) !== undefined);
  if (named.length === 0) return [];
  const last = text.indexOf('\n', Math.max(...named.map((reference) => reference.end)));
  const head = ts.createSourceFile(
    name,
    last === -1 ? text : text.slice(0, last),
    ts.ScriptTarget.Latest,
    false,
  );
  const typesOnly = new Set();
  for (const statement of head.statements) {
    const typeOnly = ts.isImportDeclaration(statement)
      ? statement.importClause?.isTypeOnly
      : ts.isExportDeclaration(statement) && statement.isTypeOnly;
    const specifier = statement.moduleSpecifier;
    if (typeOnly && specifier !== undefined) typesOnly.add(specifier.getStart(head)); // the opening quote, as `pos`
  }
  return named
    .filter((reference) => !typesOnly.has(reference.pos))
    .map((reference) => runtimeFile(reference.fileName));
}

/** The identifiers a declaration binds (`a`, or each name of a destructuring pattern). */
function boundNames(ts, name) {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((element) =>
    ts.isOmittedExpression(element) ? [] : boundNames(ts, element.name),
  );
}

/**
 * A source's text with every module specifier that names a runtime file (`from
 * './internal/x.js'`, an `import('./internal/x.js')` call or type) naming the merged module
 * instead: `merged` gives the new specifier, or undefined for one that stays.
 */
function pointedAtMerged({ text, references }, merged) {
  let out = text;
  for (const { fileName, pos } of [...references].reverse()) {
    const specifier = merged(fileName);
    if (specifier === undefined) continue;
    // `pos` is the opening quote's (TypeScript's scanner)
    const start = pos + 1;
    if (out.slice(start, start + fileName.length) !== fileName) {
      throw new Error(
        `cannot point '${fileName}' at the merged runtime: write the specifier without escapes`,
      );
    }
    out = out.slice(0, start) + specifier + out.slice(start + fileName.length);
  }
  return out;
}

/**
 * JavaScript or declarations `text` as TypeScript printed it (four spaces a level) with a tab a
 * level: the same code, and in a large package a tenth of its bytes fewer. A line that starts
 * inside a template literal or a string (continued with a backslash) keeps its spaces: they are
 * the literal's text. The text is parsed to find them only when its source has one (`literals`).
 * Not used with source maps, whose columns count the spaces.
 */
function indentWithTabs(ts, fileName, text, literals) {
  const spans = literals
    ? multiLineLiterals(ts, ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false))
    : [];
  let next = 0;
  let at = 0;
  const lines = text.split('\n').map((line) => {
    const start = at;
    at += line.length + 1;
    while (next < spans.length && spans[next][1] <= start) next++;
    if (next < spans.length && spans[next][0] < start) return line;
    const spaces = /^ */.exec(line)[0].length;
    return '\t'.repeat(Math.floor(spaces / 4)) + ' '.repeat(spaces % 4) + line.slice(spaces);
  });
  return lines.join('\n');
}

/** The [start, end) of each string or template literal part of `file` that spans lines, in order. */
function multiLineLiterals(ts, file) {
  const spans = [];
  const visit = (node) => {
    if (ts.isStringLiteral(node) || ts.isTemplateLiteralToken(node)) {
      const start = node.getStart(file);
      if (file.text.slice(start, node.end).includes('\n')) spans.push([start, node.end]);
    } else {
      ts.forEachChild(node, visit);
    }
  };
  visit(file);
  return spans;
}

/**
 * A transformer that leaves the doc comments out of the JavaScript: a node's leading comments
 * are not emitted when they are all doc comments (/** … *\/). A node with any other comment
 * before it keeps them all, a doc comment among them, so that no line comment or annotation is
 * lost. It runs after TypeScript's own transforms, on the nodes that are printed (an enum member
 * is a statement by then); the declarations are emitted by another printer, which keeps them.
 */
function withoutDocComments(ts) {
  return (context) => (file) => {
    const text = file.text;
    const visit = (node) => {
      const comments = ts.getLeadingCommentRanges(text, ts.getCommentRange(node).pos);
      if (
        comments !== undefined &&
        comments.every(
          (comment) => text.startsWith('/**', comment.pos) && comment.end - comment.pos > 4,
        )
      ) {
        ts.setEmitFlags(node, ts.getEmitFlags(node) | ts.EmitFlags.NoLeadingComments);
      }
      return ts.visitEachChild(node, visit, context);
    };
    return ts.visitEachChild(file, visit, context);
  };
}

/**
 * Gives each project without declarations the declarations of the one with them: for each
 * `<file>.d.ts`, a `<file>.d.ts` of one line, `export * from '<there>/<file>.js'`, or, when the
 * file has a default export (which `export *` does not pass on, and which an ES module would
 * import from CommonJS as the whole module), a copy.
 */
function linkDeclarations(staging, emitted) {
  const source = emitted.find((project) => project.declarations);
  if (source === undefined) return;
  for (const project of emitted) {
    if (project.declarations) continue;
    for (const { path, copied } of source.written) {
      const target = join(staging, project.outDir, path);
      const declarations = join(staging, source.outDir, path);
      const there = relative(dirname(target), declarations).split(sep).join('/');
      const module = `${there.startsWith('.') ? '' : './'}${there.slice(0, -'.d.ts'.length)}.js`;
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, copied ? readFileSync(declarations) : `export * from '${module}';\n`);
    }
  }
}

/** Whether a source file has a default export (`export default`, `as default`, `export =`). */
function exportsDefault(ts, file) {
  return file.statements.some((statement) => {
    if (ts.isExportAssignment(statement)) return true;
    if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (clause === undefined) return false;
      if (ts.isNamespaceExport(clause)) return clause.name.text === 'default';
      return clause.elements.some((element) => element.name.text === 'default');
    }
    const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
    return modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword) ?? false;
  });
}

/**
 * A syntax tree is shared between the projects when it would be the same tree, bound the same
 * way: the key is everything that decides that. The module settings (all that tsconfig.cjs.json
 * changes) decide it only through the file's module format, which only the node16/nodenext
 * module kinds read from package.json.
 */
function sourceFileKey(ts, fileName, languageVersionOrOptions, options) {
  const parsing =
    typeof languageVersionOrOptions === 'object'
      ? languageVersionOrOptions
      : { languageVersion: languageVersionOrOptions };
  const nodeFormat =
    options.module >= ts.ModuleKind.Node16 && options.module <= ts.ModuleKind.NodeNext;
  return JSON.stringify([
    fileName,
    parsing.languageVersion,
    parsing.impliedNodeFormat,
    parsing.jsDocParsingMode,
    nodeFormat,
    options.moduleDetection,
    options.jsx,
    options.jsxImportSource,
    options.importHelpers,
    options.alwaysStrict ?? options.strict,
    options.preserveConstEnums || options.isolatedModules || options.verbatimModuleSyntax,
    options.allowUnreachableCode,
    options.allowUnusedLabels,
    options.noFallthroughCasesInSwitch,
  ]);
}

function loadTypeScript() {
  let ts;
  try {
    ts = createRequire(import.meta.url)('typescript');
  } catch (error) {
    throw new Error(`cannot load typescript (a devDependency: run npm install): ${error.message}`);
  }
  const [major = 0, minor = 0] = String(ts.versionMajorMinor).split('.').map(Number);
  if (typeof ts.createProgram !== 'function' || major < 5 || (major === 5 && minor < 6)) {
    throw new Error(
      `the build needs the compiler API of TypeScript 5.6 or newer; found ${ts.version}`,
    );
  }
  return ts;
}

function formatDiagnostic(ts, diagnostic) {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  const code = `error TS${diagnostic.code}`;
  if (diagnostic.file === undefined || diagnostic.start === undefined) return `${code}: ${message}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const file = relative(ROOT, diagnostic.file.fileName).split(sep).join('/');
  return `${file}:${line + 1}:${character + 1} - ${code}: ${message}`;
}

/** Staging folders of builds that were killed before they could clean up. */
function removeAbandonedStaging() {
  for (const name of readdirSync(ROOT)) {
    const pid = /^dist\.tmp-(\d+)$/.exec(name)?.[1];
    if (pid !== undefined && !isAlive(Number(pid))) {
      rmSync(join(ROOT, name), { recursive: true, force: true });
    }
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}
