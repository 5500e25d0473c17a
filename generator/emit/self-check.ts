// A fast check of the emitted package before anything is written: the mistakes that would make
// it fail to compile and that can be seen without a type checker. Every relative import names an
// emitted module that exists, is a module, and exports the names imported; no module declares a
// top-level name twice. Type errors proper are kept out by the tests (goldens, the real-spec
// corpus and the hostile specs are all type-checked); this catches the classes that reached users
// before (a check function emitted twice, an empty types.ts re-exported) in every run, so sdkgen
// never exits 0 with such a package. It reads prettier-formatted text: a top-level statement
// starts at column 0, and no comment line, continuation line or string (spec text is escaped
// onto one line) does, so statements are found by line-anchored patterns.
import type { EmittedFile } from './emitted-file.js';
import { perPartMemo } from './text-memo.js';

export interface SelfCheckProblem {
  readonly file: string;
  readonly message: string;
}

interface ModuleFacts {
  readonly isModule: boolean;
  /** Names it exports; undefined when it re-exports another module whole (`export *`). */
  readonly exports: ReadonlySet<string> | undefined;
  readonly imports: readonly { readonly from: string; readonly names: readonly string[] }[];
  readonly duplicates: readonly string[];
}

/** What one part of a module (or all of it) declares, imports and exports. */
interface PartFacts {
  readonly imports: readonly { readonly from: string; readonly names: readonly string[] }[];
  readonly exports: ReadonlySet<string>;
  readonly isWholeReexport: boolean;
  /** Whether a line starts with `import` or `export`. */
  readonly hasModuleSyntax: boolean;
  /** How often each top-level name is declared, as a value and as a type. */
  readonly values: ReadonlyMap<string, number>;
  readonly types: ReadonlyMap<string, number>;
}

/** Each file's facts, a part's read again only when it changed since the last run (watch mode). */
const factsOf = perPartMemo(partFacts);

export function selfCheck(files: readonly EmittedFile[]): SelfCheckProblem[] {
  const modules = new Map<string, ModuleFacts>();
  for (const file of files) {
    if (!file.path.endsWith('.ts') || file.path.endsWith('.d.ts')) continue;
    modules.set(file.path, moduleFacts(factsOf(file)));
  }
  const problems: SelfCheckProblem[] = [];
  for (const [path, facts] of modules) {
    for (const name of facts.duplicates) problems.push({ file: path, message: `declares \`${name}\` more than once` });
    for (const { from, names } of facts.imports) {
      const target = resolveRelative(path, from);
      const imported = modules.get(target);
      if (imported === undefined) {
        problems.push({ file: path, message: `imports ${from}, which was not generated` });
        continue;
      }
      if (!imported.isModule) {
        problems.push({ file: path, message: `imports ${from}, which is not a module (no import or export)` });
        continue;
      }
      if (imported.exports === undefined) continue;
      for (const name of names)
        if (!imported.exports.has(name))
          problems.push({ file: path, message: `imports \`${name}\` from ${from}, which does not export it` });
    }
  }
  return problems;
}

const IMPORT = /^(?:import|export)\s+(type\s+)?(?:(\*\s+as\s+[A-Za-z_$][\w$]*|\*)|\{([^}]*)\})\s+from\s+'(\.[^']*)';/gm;
const SIDE_EFFECT_IMPORT = /^import\s+'(\.[^']*)';/gm;
const DECLARATION =
  /^(export\s+)?(?:declare\s+)?(?:default\s+)?(?:async\s+)?(function\*?|const|let|var|class|abstract\s+class|type|interface|enum)\s+([A-Za-z_$][\w$]*)/gm;

/** The facts of a module from those of its parts. */
function moduleFacts(parts: readonly PartFacts[]): ModuleFacts {
  const imports = parts.flatMap((part) => part.imports);
  const exports = new Set(parts.flatMap((part) => [...part.exports]));
  const isWholeReexport = parts.some((part) => part.isWholeReexport);
  const values = new Map<string, number>();
  const types = new Map<string, number>();
  for (const part of parts) {
    for (const [name, count] of part.values) values.set(name, (values.get(name) ?? 0) + count);
    for (const [name, count] of part.types) types.set(name, (types.get(name) ?? 0) + count);
  }
  const duplicates = [...new Set([...values, ...types].filter(([, count]) => count > 1).map(([name]) => name))].sort();
  return {
    isModule: imports.length > 0 || exports.size > 0 || isWholeReexport || parts.some((part) => part.hasModuleSyntax),
    exports: isWholeReexport ? undefined : exports,
    imports,
    duplicates,
  };
}

function partFacts(code: string): PartFacts {
  const imports: { from: string; names: string[] }[] = [];
  const exports = new Set<string>();
  let isWholeReexport = false;
  for (const match of code.matchAll(IMPORT)) {
    const [statement, , star, braces, from] = match;
    const isExport = statement.startsWith('export');
    const names = braces === undefined ? [] : specifiers(braces);
    imports.push({ from: from!, names: names.map((s) => s.name) });
    if (isExport && star === '*') isWholeReexport = true;
    if (isExport) for (const s of names) exports.add(s.alias);
    if (isExport && star !== undefined && star !== '*') exports.add(star.replace(/^\*\s+as\s+/, ''));
  }
  for (const match of code.matchAll(SIDE_EFFECT_IMPORT)) imports.push({ from: match[1]!, names: [] });
  // local export lists: `export { a, b as c };`
  for (const match of code.matchAll(/^export\s+(?:type\s+)?\{([^}]*)\};/gm)) for (const s of specifiers(match[1]!)) exports.add(s.alias);
  if (/^export\s+default\b/m.test(code)) exports.add('default');

  const values = new Map<string, number>();
  const types = new Map<string, number>();
  for (const match of code.matchAll(DECLARATION)) {
    const [, isExported, kind, name] = match;
    if (isExported) exports.add(name!);
    if (kind === 'interface') continue; // interfaces merge by design
    if (kind!.startsWith('function') && !hasBody(code, match.index)) continue; // an overload signature
    const space = kind === 'type' ? types : kind!.endsWith('class') || kind === 'enum' ? null : values;
    for (const table of space === null ? [values, types] : [space]) table.set(name!, (table.get(name!) ?? 0) + 1);
  }
  return { imports, exports, isWholeReexport, hasModuleSyntax: /^(?:import|export)\b/m.test(code), values, types };
}

/** `a, type b, c as d` -> the imported name and the local (or exported) name of each. */
function specifiers(list: string): { name: string; alias: string }[] {
  return list
    .split(',')
    .map((part) => part.trim().replace(/^type\s+/, ''))
    .filter((part) => part !== '')
    .map((part) => {
      const [name, alias] = part.split(/\s+as\s+/);
      return { name: name!.trim(), alias: (alias ?? name!).trim() };
    });
}

/**
 * Whether the function declared at `index` (a line start) has a body: its signature ends in `{`,
 * not `;`, on its first line or on the next line that starts at column 0 (a broken signature).
 */
function hasBody(code: string, index: number): boolean {
  for (let start = index, isFirst = true; start < code.length; isFirst = false) {
    const newline = code.indexOf('\n', start);
    const end = newline === -1 ? code.length : newline;
    if (isFirst || !/\s/.test(code[start] ?? ' ')) {
      const line = code.slice(start, end).trimEnd();
      if (line.endsWith('{')) return true;
      if (line.endsWith(';')) return false;
    }
    start = end + 1;
  }
  return false;
}

function resolveRelative(from: string, specifier: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const segment of specifier.split('/')) {
    if (segment === '.' || segment === '') continue;
    if (segment === '..') parts.pop();
    else parts.push(segment);
  }
  return parts.join('/').replace(/\.js$/, '.ts');
}
