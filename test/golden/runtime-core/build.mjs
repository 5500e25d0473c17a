// Builds dist/esm (ES modules) and dist/cjs (CommonJS) with the TypeScript compiler from
// devDependencies. No bundler: the output mirrors src/ file by file.
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
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

process.exitCode = main();

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
  const host = ts.createCompilerHost(options);
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors; // as tsc does
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
    rootNames: config.fileNames,
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
