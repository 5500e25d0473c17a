// Whole-tree comparison for golden tests: missing, extra and changed files, with a readable
// unified diff of the first few changes (esbuild's golden style).
//
// A golden tree holds what its fixture is about. The runtime core, the same in every package, is
// pinned once in test/golden/runtime-core/ (each file as generated, without its header line), with
// the package's build script, build.mjs, the same in every package too; a tree's
// src/internal/<name>.ts (and build.mjs) is a symbolic link to it, and stands for "this tree's
// header line, then exactly the pinned core file". A tree made with a base (chatkit-custom-templates:
// generated/ with other templates) links each file that equals the base's. Any other file,
// including a runtime file that differs from the core (a user template), is a plain file.
import { mkdir, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type { EmittedFile } from '../../generator/emit/emitted-file.js';
import { isIgnored } from '../../generator/write/compare-output.js';
import { MANIFEST_FILE } from '../../generator/write/output-manifest.js';

export const GOLDEN = 'test/golden';
export const CORE = join(GOLDEN, 'runtime-core');

interface GoldenEntry {
  /** The text the link or file reads as. */
  readonly text: string;
  /** For a link: its target, relative to the repository root; undefined for a plain file. */
  readonly link?: string;
}

/**
 * A golden tree on disk: files and symbolic links (not followed for listing), by POSIX path;
 * as `--check` reads an output folder, without node_modules/, dist/, packs and sdkgen's manifest.
 */
export async function readGolden(dir: string): Promise<Map<string, GoldenEntry>> {
  const tree = new Map<string, GoldenEntry>();
  const visit = async (path: string): Promise<void> => {
    const entries = await readdir(join(dir, path), { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    for (const entry of entries) {
      const child = path === '' ? entry.name : `${path}/${entry.name}`;
      if (isIgnored(child) || child === MANIFEST_FILE) continue;
      if (entry.isDirectory()) await visit(child);
      else if (entry.isSymbolicLink()) {
        const target = relative('.', resolve(join(dir, path), await readlink(join(dir, child))));
        tree.set(child, { text: await readFile(target, 'utf8').catch(() => `<broken link to ${target}>`), link: target });
      } else tree.set(child, { text: await readFile(join(dir, child), 'utf8') });
    }
  };
  await visit('');
  return tree;
}

/** The pinned core's files by name (`core.ts` -> text). */
export async function readCore(): Promise<Map<string, string>> {
  const names = (await readdir(CORE).catch(() => [] as string[])).filter((name) => name.endsWith('.ts') || name === BUILD_SCRIPT).sort();
  return new Map(await Promise.all(names.map(async (name) => [name, await readFile(join(CORE, name), 'utf8')] as const)));
}

/** The package's build script: the same in every package, so pinned with the core. */
export const BUILD_SCRIPT = 'build.mjs';

/** `src/internal/core.ts` -> `core.ts`, `build.mjs` -> `build.mjs`; undefined for any other path. */
export function coreName(path: string): string | undefined {
  return path === BUILD_SCRIPT ? BUILD_SCRIPT : /^src\/internal\/([^/]+\.ts)$/.exec(path)?.[1];
}

/** The runtime core's files of a generated tree, without their header line (what test/golden/runtime-core/ pins). */
export function coreOf(files: readonly EmittedFile[]): EmittedFile[] {
  return files.flatMap((file) => {
    const name = coreName(file.path);
    return name === undefined ? [] : [{ path: name, text: file.text.slice(file.text.indexOf('\n') + 1) }];
  });
}

/**
 * What the golden entry must equal for `file`: a plain file or a base link reads as the text
 * itself; a link into the core reads as the core file, under the tree's header line (the
 * first line of the tree's src/client.ts, or of the file itself when there is none).
 */
function expectedText(entry: GoldenEntry, file: EmittedFile, header: string | undefined): string {
  if (entry.link === undefined || !entry.link.startsWith(`${CORE}/`)) return entry.text;
  return `${header ?? file.text.slice(0, file.text.indexOf('\n'))}\n${entry.text}`;
}

const firstLine = (files: readonly EmittedFile[], path: string): string | undefined => {
  const text = files.find((file) => file.path === path)?.text;
  return text?.slice(0, text.indexOf('\n'));
};

export async function treeProblems(dir: string, files: readonly EmittedFile[]): Promise<string> {
  const golden = await readGolden(dir);
  const header = firstLine(files, 'src/client.ts');
  const byPath = new Map(files.map((file) => [file.path, file.text]));
  const missing: string[] = [];
  const changed: string[] = [];
  const expected = new Map<string, string>();
  for (const file of files) {
    const entry = golden.get(file.path);
    if (entry === undefined) missing.push(file.path);
    else {
      expected.set(file.path, expectedText(entry, file, header));
      if (expected.get(file.path) !== file.text) changed.push(file.path);
    }
  }
  const orphaned = [...golden.keys()].filter((path) => !byPath.has(path)).sort();
  const lines: string[] = [];
  for (const path of missing.sort()) lines.push(`missing from the golden (generated but not committed): ${path}`);
  for (const path of orphaned) lines.push(`orphaned in the golden (committed but no longer generated): ${path}`);
  for (const path of changed.sort())
    lines.push(`changed: ${path}${golden.get(path)?.link ? ` (a link to ${golden.get(path)!.link})` : ''}`);
  for (const path of changed.slice(0, 3)) lines.push('', unifiedDiff(path, expected.get(path) ?? '', byPath.get(path) ?? ''));
  for (const path of missing.slice(0, 1)) lines.push('', `--- generated ${path} ---`, (byPath.get(path) ?? '').slice(0, 4000));
  if (lines.length > 0) lines.push('', 'If the change is intended, run `npm run test:update` (or `npm run generate` for generated/).');
  return lines.join('\n');
}

/**
 * Replaces the whole golden folder, so files that are no longer generated disappear: a runtime
 * file that is its header line and the pinned core becomes a link into test/golden/runtime-core/,
 * a file equal to the base tree's a link to that, anything else a plain file.
 */
export async function replaceTree(dir: string, files: readonly EmittedFile[], options: { readonly base?: string } = {}): Promise<void> {
  if (process.env['CI']) throw new Error('Goldens are never updated in CI; run `npm run test:update` locally and commit the result.');
  const core = await readCore();
  const header = firstLine(files, 'src/client.ts');
  await rm(dir, { recursive: true, force: true });
  for (const file of files) {
    const path = join(dir, file.path);
    await mkdir(dirname(path), { recursive: true });
    const name = coreName(file.path);
    const coreText = name === undefined ? undefined : core.get(name);
    const newline = file.text.indexOf('\n');
    const isCore =
      coreText !== undefined &&
      file.text.slice(newline + 1) === coreText &&
      (header === undefined || file.text.slice(0, newline) === header);
    const baseText = options.base === undefined ? undefined : await readFile(join(options.base, file.path), 'utf8').catch(() => undefined);
    if (isCore) await symlink(relative(dirname(path), join(CORE, name!)), path);
    else if (baseText === file.text) await symlink(relative(dirname(path), join(options.base!, file.path)), path);
    else await writeFile(path, file.text);
  }
}

/** Replaces a folder of plain files (the pinned core). */
export async function replaceFiles(dir: string, files: readonly EmittedFile[]): Promise<void> {
  if (process.env['CI']) throw new Error('Goldens are never updated in CI; run `npm run test:update` locally and commit the result.');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const file of files) await writeFile(join(dir, file.path), file.text);
}

/** A small line diff (LCS over at most a few thousand lines), printed with 2 lines of context. */
export function unifiedDiff(path: string, before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const rows: { sign: ' ' | '-' | '+'; text: string }[] = [];
  const table: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) rows.push({ sign: ' ', text: a[i++]! }), j++;
    else if (j < b.length && (i >= a.length || table[i]![j + 1]! >= table[i + 1]![j]!)) rows.push({ sign: '+', text: b[j++]! });
    else rows.push({ sign: '-', text: a[i++]! });
  }
  const keep = rows.map((_row, index) => rows.slice(Math.max(0, index - 2), index + 3).some((near) => near.sign !== ' '));
  const out = [`--- golden/${path}`, `+++ generated/${path}`];
  rows.forEach((row, index) => {
    if (keep[index]) out.push(`${row.sign}${row.text}`);
    else if (keep[index - 1]) out.push('@@');
  });
  return out.slice(0, 120).join('\n');
}
