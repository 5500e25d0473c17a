// Whole-tree comparison for golden tests: missing, extra and changed files, with a readable
// unified diff of the first few changes (esbuild's golden style).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { EmittedFile } from '../../generator/emit/emitted-file.js';
import { compareTree, readTree } from '../../generator/write/compare-output.js';

export async function treeProblems(dir: string, files: readonly EmittedFile[]): Promise<string> {
  const existing = await readTree(dir);
  const difference = compareTree(existing, files);
  const lines: string[] = [];
  for (const path of difference.created) lines.push(`missing from the golden (generated but not committed): ${path}`);
  for (const path of difference.deleted) lines.push(`orphaned in the golden (committed but no longer generated): ${path}`);
  for (const path of difference.changed) lines.push(`changed: ${path}`);
  const byPath = new Map(files.map((file) => [file.path, file.text]));
  for (const path of difference.changed.slice(0, 3)) lines.push('', unifiedDiff(path, existing.get(path) ?? '', byPath.get(path) ?? ''));
  for (const path of difference.created.slice(0, 1)) lines.push('', `--- generated ${path} ---`, (byPath.get(path) ?? '').slice(0, 4000));
  if (lines.length > 0) lines.push('', 'If the change is intended, run `npm run test:update` (or `npm run generate` for generated/).');
  return lines.join('\n');
}

/** Replaces the whole golden folder, so files that are no longer generated disappear. */
export async function replaceTree(dir: string, files: readonly EmittedFile[]): Promise<void> {
  if (process.env['CI']) throw new Error('Goldens are never updated in CI; run `npm run test:update` locally and commit the result.');
  await rm(dir, { recursive: true, force: true });
  for (const file of files) {
    await mkdir(dirname(join(dir, file.path)), { recursive: true });
    await writeFile(join(dir, file.path), file.text);
  }
}

/** A small line diff (LCS over at most a few thousand lines), printed with 2 lines of context. */
export function unifiedDiff(path: string, before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const rows: { sign: ' ' | '-' | '+'; text: string }[] = [];
  const table: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) rows.push({ sign: ' ', text: a[i++]! }), j++;
    else if (j < b.length && (i >= a.length || table[i]![j + 1]! >= table[i + 1]![j]!)) rows.push({ sign: '+', text: b[j++]! });
    else rows.push({ sign: '-', text: a[i++]! });
  }
  const keep = rows.map((row, index) => rows.slice(Math.max(0, index - 2), index + 3).some((near) => near.sign !== ' '));
  const out = [`--- golden/${path}`, `+++ generated/${path}`];
  rows.forEach((row, index) => {
    if (keep[index]) out.push(`${row.sign}${row.text}`);
    else if (keep[index - 1]) out.push('@@');
  });
  return out.slice(0, 120).join('\n');
}
