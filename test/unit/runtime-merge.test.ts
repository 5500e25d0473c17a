// A generated package's build merges its runtime core (src/internal/*.ts) into two modules
// (templates/build.mjs.hbs, mergedRuntime), which stops at two files that declare one name. A
// package holds only the runtime files it uses, so each package would find a clash of its own
// subset only when it is built: here every built-in runtime file is merged at once, as the
// runtime core of one package, and the modules must hold exactly what the files exported,
// transpile cleanly and load in Node (an export made twice, or a value read before it is made,
// fails there). The build itself, merged modules and errors, is test/build's.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeOfPackage } from '../support/runtime-merge.js';

const RUNTIME = 'templates/runtime';
const FILES = readdirSync(RUNTIME)
  .filter((name) => name.endsWith('.ts'))
  .sort();
const work = mkdtempSync(join(tmpdir(), 'sdkgen-runtime-merge-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The names a module exports: declarations with `export`, and `export { … }` lists. */
function exportedNames(fileName: string, text: string): string[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const names = new Set<string>();
  for (const statement of file.statements) {
    if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (clause !== undefined && ts.isNamedExports(clause)) for (const element of clause.elements) names.add(element.name.text);
      continue;
    }
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) names.add(declaration.name.getText(file));
    } else if ('name' in statement && statement.name !== undefined && ts.isIdentifier(statement.name as ts.Node)) {
      names.add((statement.name as ts.Identifier).text);
    }
  }
  return [...names].sort();
}

describe('the runtime core merges into two modules', () => {
  it('every built-in runtime file at once: no name is declared twice, every export is kept', async () => {
    const src = join(work, 'src');
    mkdirSync(join(src, 'internal'), { recursive: true });
    copyFileSync('generated/build.mjs', join(work, 'build.mjs'));
    for (const name of FILES) copyFileSync(join(RUNTIME, name), join(src, 'internal', name));
    writeFileSync(join(src, 'validators.ts'), "import * as rt from './internal/standard-schema.js';\nexport const check = rt.schemaOf;\n");
    const mergedRuntime = await mergeOfPackage(work);
    const fileNames = [...FILES.map((name) => join(src, 'internal', name)), join(src, 'validators.ts')];
    const merged = mergedRuntime(ts, fileNames, {});
    expect(merged).toBeDefined();
    const modules = [join(src, 'internal/validation.ts'), join(src, 'internal/runtime.ts')];
    expect([...merged!.rootNames].sort()).toEqual([join(src, 'validators.ts'), ...modules].sort());
    const exported = modules.flatMap((module) => exportedNames(module, merged!.texts.get(module)!));
    const expected = FILES.flatMap((name) => exportedNames(name, ts.sys.readFile(join(RUNTIME, name))!));
    expect(exported.sort()).toEqual([...new Set(expected)].sort());
    // as JavaScript, the modules load in Node: no export twice, no binding lost, each value
    // made after what it reads at load
    const out = join(work, 'out');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
    for (const module of modules) {
      const result = ts.transpileModule(merged!.texts.get(module)!, {
        fileName: module,
        reportDiagnostics: true,
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022, verbatimModuleSyntax: true },
      });
      expect(result.diagnostics ?? [], module).toEqual([]);
      writeFileSync(join(out, basename(module).replace(/\.ts$/, '.js')), result.outputText);
    }
    const loaded = (await import(pathToFileURL(join(out, 'runtime.js')).href)) as Record<string, unknown>;
    const validation = (await import(pathToFileURL(join(out, 'validation.js')).href)) as Record<string, unknown>;
    // the values (types are erased): every exported function, class and constant is there
    const values = [...Object.keys(loaded), ...Object.keys(validation)].sort();
    expect(values.length).toBeGreaterThan(100);
    for (const name of ['ClientCore', 'APIError', 'ValidationError', 'schemaOf', 'Stream', 'PagePromise', 'toFile', 'LF']) {
      expect(values, name).toContain(name);
    }
    expect(Object.keys(validation)).toContain('schemaOf');
    expect(Object.keys(validation)).not.toContain('ClientCore');
    // each value is exported by one of the two: the runtime module imports the other's
    expect(Object.keys(loaded).filter((name) => name in validation)).toEqual([]);
    // validators.ts loads standard-schema.ts and what it loads, and nothing of the client's
    expect(merged!.texts.get(join(src, 'validators.ts'))).toContain("from './internal/validation.js'");
    expect(merged!.texts.get(modules[0]!)).toContain('// src/internal/standard-schema.ts');
    expect(merged!.texts.get(modules[0]!)).not.toContain('// src/internal/request.ts');
  });
});
