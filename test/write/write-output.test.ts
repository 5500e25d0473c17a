// The output folder's rules, on real folders: what sdkgen owns and what it leaves alone, what
// --check reports, symbolic links, refusals that read nothing, and the leftovers of earlier runs
// (including the two-rename swap of sdkgen versions before the journal).
import { execFile, spawn } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readFile, readlink, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmittedFile } from '../../generator/emit/emitted-file.js';
import { checkOutput, writeOutput } from '../../generator/write/write-output.js';
import { killHarness, type KillHarness } from './kill-harness.js';
import { leftovers, snapshotOrAbsent, snapshotTree } from './tree-snapshot.js';
import { NEW, OLD, setUpCase, USER } from './write-cases.js';

let work: string;
let harness: KillHarness;
let cases = 0;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sdkgen-write-'));
  harness = await killHarness(join(work, 'harness'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const caseDir = () => join(work, `case-${cases++}`);

async function writeFiles(dir: string, files: Readonly<Record<string, string>>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

const asRecord = (files: readonly EmittedFile[]) => Object.fromEntries(files.map((file) => [file.path, file.text]));

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = execFile(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('what sdkgen owns in an output folder', () => {
  it('deletes only what it generated before, keeps every entry of the user, and --check reports the same', async () => {
    const target = await setUpCase(caseDir(), 'existing');
    const difference = await checkOutput(target, NEW);
    expect(difference).toEqual({
      created: ['src/deep/nested/x.ts', 'src/internal/new.ts', 'tsconfig.json'],
      changed: ['.sdkgen-manifest.json', 'package.json', 'src/api', 'src/index.ts', 'src/types.ts'],
      deleted: ['build.mjs', 'src/api/a.ts', 'src/api/b.ts', 'src/old/gone.ts'],
      unchanged: ['README.md', 'src/internal/core.ts'],
      // the top-level entries it does not own, listed without being read
      kept: ['.env', 'dist/', 'node_modules/', 'notes/', 'package-lock.json'],
      folder: await realpath(target),
    });
    const result = await writeOutput(target, NEW);
    expect(result).toEqual({ ...difference, wrote: true });
    const tree = await snapshotTree(target);
    for (const [path, text] of Object.entries(USER)) expect(tree[path]).toBe(text);
    expect(
      Object.keys(tree)
        .filter((path) => !(path in USER))
        .sort(),
    ).toEqual(['.sdkgen-manifest.json', ...NEW.map((file) => file.path)].sort());
    expect(JSON.parse(await readFile(join(target, '.sdkgen-manifest.json'), 'utf8')).files).toEqual(NEW.map((file) => file.path));
    expect(await checkOutput(target, NEW)).toMatchObject({ created: [], changed: [], deleted: [] });
  });

  it('never rewrites an unchanged file (same inode and mtime), so build tools see only real changes', async () => {
    const target = await setUpCase(caseDir(), 'existing');
    const before = await stat(join(target, 'src/internal/core.ts'));
    await writeOutput(target, NEW);
    const after = await stat(join(target, 'src/internal/core.ts'));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(await writeOutput(target, NEW)).toMatchObject({ wrote: false });
  });

  it('in a folder from before the manifest, owns the top-level entries it generates now', async () => {
    const target = join(caseDir(), 'client');
    await writeFiles(target, { ...asRecord(OLD), ...USER, 'src/leftover.ts': 'export {};\n' });
    const difference = await checkOutput(target, NEW);
    expect(difference.deleted).toEqual(['src/api/a.ts', 'src/api/b.ts', 'src/leftover.ts', 'src/old/gone.ts']);
    expect(difference.created).toContain('.sdkgen-manifest.json');
    await writeOutput(target, NEW);
    const tree = await snapshotTree(target);
    for (const [path, text] of Object.entries(USER)) expect(tree[path]).toBe(text);
    expect(tree['build.mjs']).toBe(asRecord(OLD)['build.mjs']); // never listed as sdkgen's: kept
    expect(tree['src/leftover.ts']).toBeUndefined();
  });
});

describe("the user's files inside sdkgen's entries", () => {
  it('keeps a file its manifest does not list (src/custom.ts), lists it as kept, and --check passes with it', async () => {
    const target = await setUpCase(caseDir(), 'existing');
    const mine = { 'src/custom.ts': 'export const mine = 1;\n', 'src/old/extra.ts': 'export const extra = 1;\n' };
    await writeFiles(target, mine);
    const result = await writeOutput(target, NEW);
    // what the old generation wrote is deleted; the user's files beside it are not
    expect(result.deleted).toEqual(['build.mjs', 'src/api/a.ts', 'src/api/b.ts', 'src/old/gone.ts']);
    expect(result.kept).toEqual(['.env', 'dist/', 'node_modules/', 'notes/', 'package-lock.json', 'src/custom.ts', 'src/old/extra.ts']);
    const tree = await snapshotTree(target);
    for (const [path, text] of Object.entries({ ...USER, ...mine })) expect(tree[path]).toBe(text);
    expect(await checkOutput(target, NEW)).toMatchObject({ created: [], changed: [], deleted: [] });
  });

  it("refuses to write a generated file where a file of the user's is, changing nothing", async () => {
    const target = await setUpCase(caseDir(), 'existing');
    // src/internal/new.ts is new in NEW; src/api becomes a file where the user keeps src/api/mine.ts
    for (const mine of ['src/internal/new.ts', 'src/api/mine.ts']) {
      await writeFiles(target, { [mine]: '// mine\n' });
      const before = await snapshotTree(target);
      await expect(writeOutput(target, NEW)).rejects.toThrow(
        `sdkgen now generates where a file of yours is (${mine}: not in .sdkgen-manifest.json, so not sdkgen's). Nothing was changed; move it out of the way and run again.`,
      );
      expect(await snapshotTree(target)).toEqual(before);
      await rm(join(target, mine));
    }
  });

  it('never deletes from an entry whose name starts with a dot, whatever the manifest lists', async () => {
    const target = await setUpCase(caseDir(), 'existing');
    const git = { '.git/HEAD': 'ref: refs/heads/main\n', '.git/description': 'a repository\n', '.github/workflows/ci.yml': 'on: push\n' };
    await writeFiles(target, git);
    // a manifest edited by hand, or by a bad merge, that claims them
    const manifest = JSON.parse(await readFile(join(target, '.sdkgen-manifest.json'), 'utf8'));
    manifest.files.push('.git/description', '.github/workflows/ci.yml', '.env');
    await writeFile(join(target, '.sdkgen-manifest.json'), JSON.stringify(manifest));
    const result = await writeOutput(target, NEW);
    expect(result.deleted).toEqual(['build.mjs', 'src/api/a.ts', 'src/api/b.ts', 'src/old/gone.ts']);
    expect(result.kept).toEqual(['.env', '.git/', '.github/', 'dist/', 'node_modules/', 'notes/', 'package-lock.json']);
    const tree = await snapshotTree(target);
    for (const [path, text] of Object.entries({ ...USER, ...git })) expect(tree[path]).toBe(text);
  });
});

describe('refusals read nothing they do not own', () => {
  const readsUnder = (stderr: string, dir: string) =>
    stderr
      .split('\n')
      .filter((line) => line.startsWith('read '))
      .map((line) => line.slice(line.indexOf(' ', 5) + 1))
      .filter((path) => path === dir || path.startsWith(`${dir}/`));

  it('refuses a folder it did not generate from the marker, without listing the folder', async () => {
    const project = join(caseDir(), 'project');
    await writeFiles(project, {
      'important.txt': 'keep me\n',
      'deep/a/b/c.txt': 'c\n',
      'node_modules/x/index.js': 'x\n',
      'src/main.ts': 'export {};\n',
    });
    const before = await snapshotTree(project);
    for (const isCheck of [false, true]) {
      const run = await harness.run(project, NEW, { traceReads: true, isCheck });
      expect(run.failed).toBe(true);
      expect(run.stderr).toContain(`UsageError: Refusing to replace ${project}: it is not empty and was not generated by sdkgen`);
      expect(run.operations).toBe(0);
      // the folder itself (stat, and whether it has a first entry), the marker and the manifest: nothing else
      expect(new Set(readsUnder(run.stderr, project))).toEqual(
        new Set([project, join(project, 'src/index.ts'), join(project, '.sdkgen-manifest.json')]),
      );
    }
    expect(await snapshotTree(project)).toEqual(before);
  });

  it('never reads dist/, node_modules/ or any other entry of the user in its own output', async () => {
    const target = await setUpCase(caseDir(), 'existing');
    for (const isCheck of [true, false]) {
      const run = await harness.run(target, NEW, { traceReads: true, isCheck });
      expect(run.failed || run.killed, run.stderr).toBe(false);
      const userTopLevel = [...new Set(Object.keys(USER).map((path) => path.split('/')[0]!))];
      for (const entry of userTopLevel) expect(readsUnder(run.stderr, join(target, entry)), entry).toEqual([]);
    }
  });

  it('refuses the root folder and a file', async () => {
    await expect(writeOutput('/', NEW)).rejects.toThrow(/^Refusing to replace \/: it is not empty and was not generated by sdkgen/);
    const file = join(caseDir(), 'client');
    await writeFiles(dirname(file), { client: 'a file\n' });
    await expect(writeOutput(file, NEW)).rejects.toThrow(`Cannot write to ${file}: it is a file, not a folder. Choose a folder for --out.`);
    await expect(checkOutput(file, NEW)).rejects.toThrow('it is a file, not a folder');
    expect(await readFile(file, 'utf8')).toBe('a file\n');
  });
});

describe('a symbolic link as the output folder', () => {
  it('is written through: the link stays a link to the updated folder', async () => {
    const real = await setUpCase(caseDir(), 'existing');
    const link = join(caseDir(), 'client-link');
    await mkdir(dirname(link), { recursive: true });
    await symlink(real, link);
    await writeOutput(link, NEW);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(real);
    const tree = await snapshotTree(real);
    expect(tree['package.json']).toBe(asRecord(NEW)['package.json']);
    for (const [path, text] of Object.entries(USER)) expect(tree[path]).toBe(text);
    expect(await leftovers(real)).toEqual([]);
    expect(await leftovers(link)).toEqual([]);
    expect(await checkOutput(link, NEW)).toMatchObject({ created: [], changed: [], deleted: [] });
  });

  it('is refused when dangling, with what to do, and nothing is created', async () => {
    const destination = join(caseDir(), 'missing', 'client');
    const link = join(caseDir(), 'client-link');
    await mkdir(dirname(link), { recursive: true });
    await symlink(destination, link);
    const message = `Cannot write to ${link}: it is a symbolic link to ${destination}, which does not exist. Create that folder (sdkgen writes through the link), or point --out at a real folder.`;
    await expect(writeOutput(link, NEW)).rejects.toThrow(message);
    await expect(checkOutput(link, NEW)).rejects.toThrow(message);
    expect(await readlink(link)).toBe(destination);
    expect(await snapshotOrAbsent(dirname(destination))).toBe('absent');
    expect(await leftovers(link)).toEqual([]);
  });
});

describe('leftovers of earlier runs', () => {
  it('refuses to run while another live sdkgen process is writing the same folder', async () => {
    const target = await setUpCase(caseDir(), 'existing');
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      const transaction = join(dirname(target), `.client.sdkgen-write-${other.pid}-0a1b2c3d`);
      await writeFiles(transaction, { 'new/src/types.ts': 'in progress\n' });
      const before = await snapshotTree(target);
      await expect(writeOutput(target, NEW)).rejects.toThrow(
        `Another sdkgen process (pid ${other.pid}) is writing ${target} right now (${transaction}).`,
      );
      expect(await snapshotTree(target)).toEqual(before);
      expect(await snapshotTree(transaction)).toEqual({ 'new/src/types.ts': 'in progress\n' });
    } finally {
      other.kill();
    }
  });

  it('lets one of two runs started together write: the other is refused, and the folder is one whole output', async () => {
    const other: readonly EmittedFile[] = NEW.map((file) => ({ ...file, text: file.text.replace('2', '3') }));
    for (let round = 0; round < 5; round++) {
      const target = await setUpCase(caseDir(), 'existing');
      const generations = [NEW, other];
      const results = await Promise.allSettled(generations.map((files) => writeOutput(target, files)));
      for (const result of results) if (result.status === 'rejected') expect(String(result.reason)).toContain('is writing');
      const written = generations.filter((_, i) => results[i]!.status === 'fulfilled');
      expect(written.length).toBeGreaterThan(0);
      // the folder holds one of them whole, never a mix
      const tree = await snapshotTree(target);
      expect(written.some((files) => files.every((file) => tree[file.path] === file.text))).toBe(true);
      // the lock is gone with the write
      expect(await leftovers(target)).toEqual([]);
    }
  });

  it('takes over the lock of a run that is gone, and refuses --check while a live run holds it', async () => {
    const target = await setUpCase(caseDir(), 'existing');
    const lock = join(dirname(target), '.client.sdkgen-lock');
    await writeFiles(lock, { owner: `${await deadPid()} 00ff` });
    await writeOutput(target, NEW);
    expect(await snapshotOrAbsent(lock)).toBe('absent');
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      await writeFiles(lock, { owner: `${other.pid} 00ff` });
      for (const run of [() => checkOutput(target, NEW), () => writeOutput(target, OLD)])
        await expect(run()).rejects.toThrow(`Another sdkgen process (pid ${other.pid}) is writing ${target} right now (${lock}).`);
    } finally {
      other.kill();
    }
  });

  it('discards a journal whose paths leave the folder, touching nothing outside it', async () => {
    const target = await setUpCase(caseDir(), 'existing');
    const transaction = join(dirname(target), `.client.sdkgen-write-${await deadPid()}-0a1b2c3d`);
    await writeFiles(dirname(target), { 'victim.txt': 'keep\n' });
    await writeFiles(transaction, {
      'journal.json': JSON.stringify({ isFresh: false, write: ['../escaped.txt'], delete: ['../victim.txt'] }),
      'escaped.txt': 'escaped\n', // what new/../escaped.txt names
    });
    await writeOutput(target, NEW);
    expect(await readFile(join(dirname(target), 'victim.txt'), 'utf8')).toBe('keep\n');
    expect(await snapshotOrAbsent(join(dirname(target), 'escaped.txt'))).toBe('absent');
    expect(await leftovers(target)).toEqual([]);
  });

  describe('of the two-rename swap of sdkgen versions before the journal', () => {
    /** The old writer's state: the target renamed to -old-, the staging (with the carried dist/) as -new-. */
    async function oldSwap(isSwapDone: boolean) {
      const dir = caseDir();
      const target = join(dir, 'client');
      const suffix = `${await deadPid()}-m0abc12`;
      const oldTree = { ...asRecord(OLD), ...USER };
      const carried = Object.fromEntries(Object.entries(USER).filter(([path]) => /^(dist|node_modules)\//.test(path)));
      const notCarried = Object.fromEntries(Object.entries(oldTree).filter(([path]) => !(path in carried)));
      await writeFiles(join(dir, `.client.sdkgen-old-${suffix}`), notCarried);
      await writeFiles(isSwapDone ? target : join(dir, `.client.sdkgen-new-${suffix}`), { ...asRecord(OLD), ...carried });
      return target;
    }

    it('killed between the two renames: the folder and every entry of the user come back', async () => {
      const target = await oldSwap(false);
      expect(await snapshotOrAbsent(target)).toBe('absent');
      await writeOutput(target, NEW);
      const tree = await snapshotTree(target);
      for (const [path, text] of Object.entries(USER)) expect(tree[path], path).toBe(text);
      expect(tree['package.json']).toBe(asRecord(NEW)['package.json']);
      expect(await leftovers(target)).toEqual([]);
    });

    it('killed before removing the old folder: the entries it did not carry (package-lock.json, .env) come back', async () => {
      const target = await oldSwap(true);
      await checkOutput(target, NEW);
      const tree = await snapshotTree(target);
      for (const [path, text] of Object.entries(USER)) expect(tree[path], path).toBe(text);
      expect(await leftovers(target)).toEqual([]);
    });
  });
});

describe('generate()', () => {
  it('refuses a wrong --out before reading the spec, so a refusal costs no generation', async () => {
    const project = join(caseDir(), 'project');
    await writeFiles(project, { 'important.txt': 'keep me\n' });
    const { generate } = await import('../../generator/pipeline.js');
    await expect(generate({ spec: join(project, 'no-such-spec.yaml'), out: project })).rejects.toThrow(
      /^Refusing to replace .*project: it is not empty/,
    );
    await expect(generate({ spec: join(project, 'no-such-spec.yaml'), out: join(project, 'important.txt') })).rejects.toThrow(
      'it is a file, not a folder',
    );
    expect(await snapshotTree(project)).toEqual({ 'important.txt': 'keep me\n' });
  });
});
