// A watch session's OutputCache: a run reads back only the output files whose stat changed since
// the session last wrote or read them. Whatever touches a file between runs (an editor's save of
// the same size with its mtime put back, a delete, a folder in its place) is read again, so the
// next write puts the generated text back.
import { mkdir, mkdtemp, readFile, rm, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmittedFile } from '../../generator/emit/emitted-file.js';
import { OutputCache } from '../../generator/write/output-cache.js';
import { writeOutput } from '../../generator/write/write-output.js';

let work: string;
let cases = 0;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sdkgen-output-cache-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const FILES: readonly EmittedFile[] = [
  { path: 'package.json', text: '{ "name": "x" }\n' },
  { path: 'src/index.ts', text: 'export const a = 1;\n' },
  { path: 'src/types.ts', text: 'export type A = string;\n' },
];

/** A whole second, which utimes can set to the nanosecond. */
const PINNED = 1_700_000_000;

/** Sets the file's times to PINNED, as a save that sameSizeEdit can hide follows. */
async function pinTimes(path: string): Promise<void> {
  await utimes(path, PINNED, PINNED);
}

/** Writes other text of the same size and puts the file's times back to PINNED: only its ctime tells. */
async function sameSizeEdit(path: string, text: string): Promise<void> {
  const before = await stat(path, { bigint: true });
  expect(before.mtimeNs).toBe(BigInt(PINNED) * 1_000_000_000n);
  expect(BigInt(Buffer.byteLength(text))).toBe(before.size);
  await writeFile(path, text);
  await pinTimes(path);
  expect((await stat(path, { bigint: true })).mtimeNs).toBe(before.mtimeNs);
}

describe('OutputCache', () => {
  it('gives the text it knows while the stat is unchanged, and reads the file once it changes', async () => {
    const dir = join(work, `case-${cases++}`);
    await mkdir(dir, { recursive: true });
    const path = join(dir, 'a.ts');
    await writeFile(path, 'on disk\n');
    await pinTimes(path);
    const cache = new OutputCache();
    expect(await cache.read(path)).toBe('on disk\n');
    // a text the cache was told of, and no read: it holds while nothing touches the file
    await cache.wrote(path, 'told of\n');
    expect(await cache.read(path)).toBe('told of\n');
    await sameSizeEdit(path, 'edited!\n');
    expect(await cache.read(path)).toBe('edited!\n');
    await unlink(path);
    await expect(cache.read(path)).rejects.toMatchObject({ code: 'ENOENT' });
    await mkdir(path);
    await expect(cache.read(path)).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it('forgets a file it was told to', async () => {
    const dir = join(work, `case-${cases++}`);
    await mkdir(dir, { recursive: true });
    const path = join(dir, 'a.ts');
    await writeFile(path, 'on disk\n');
    const cache = new OutputCache();
    await cache.wrote(path, 'told of\n');
    cache.forget(path);
    expect(await cache.read(path)).toBe('on disk\n');
  });
});

describe('writeOutput with an OutputCache (watch mode)', () => {
  it('writes again what was changed, deleted or replaced between runs, and nothing when nothing was', async () => {
    const target = join(work, `case-${cases++}`);
    const cache = new OutputCache();
    expect(await writeOutput(target, FILES, { cache })).toMatchObject({ wrote: true });
    await pinTimes(join(target, 'src/index.ts'));
    // read back once after the pin, and known from then on
    expect(await writeOutput(target, FILES, { cache })).toMatchObject({ wrote: false, changed: [] });

    await sameSizeEdit(join(target, 'src/index.ts'), 'export const a = 2;\n');
    await unlink(join(target, 'src/types.ts'));
    expect(await writeOutput(target, FILES, { cache })).toMatchObject({
      wrote: true,
      changed: ['src/index.ts'],
      created: ['src/types.ts'],
    });
    expect(await readFile(join(target, 'src/index.ts'), 'utf8')).toBe('export const a = 1;\n');
    expect(await readFile(join(target, 'src/types.ts'), 'utf8')).toBe('export type A = string;\n');

    // the next run's new text is written and known: a run after it changes nothing
    const next = FILES.map((file) => (file.path === 'src/index.ts' ? { ...file, text: 'export const a = 3;\n' } : file));
    expect(await writeOutput(target, next, { cache })).toMatchObject({ wrote: true, changed: ['src/index.ts'] });
    expect(await writeOutput(target, next, { cache })).toMatchObject({ wrote: false });

    await rm(join(target, 'src/index.ts'));
    await mkdir(join(target, 'src/index.ts'));
    expect(await writeOutput(target, next, { cache })).toMatchObject({ wrote: true, changed: ['src/index.ts'] });
    expect(await readFile(join(target, 'src/index.ts'), 'utf8')).toBe('export const a = 3;\n');
  });
});
