// What users put in the output folder survives regeneration, through the CLI: package-lock.json,
// dist/, node_modules/, .env and their own notes are kept byte for byte, `--check` passes with
// them present, and the entries sdkgen does not own are listed once (again when the list
// changes, always with --verbose, in --json every time). The memory of what was listed is in the
// user's cache folder ($XDG_CACHE_HOME here), never in the output. npm cannot write a lock file
// offline here (its cache has no registry metadata), so the lock file is written as npm 10 writes
// one for the generated package.json.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../generator/cli.js';
import { keptMemoryFile, rememberKept } from '../../generator/write/kept-entries.js';
import { snapshotTree } from './tree-snapshot.js';

const SPEC = join(process.cwd(), 'test/fixtures/api-diff/old.yaml');
let work: string;
let cache: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sdkgen-kept-'));
  cache = join(work, 'cache');
  process.env['XDG_CACHE_HOME'] = cache;
});
afterAll(async () => {
  delete process.env['XDG_CACHE_HOME'];
  await rm(work, { recursive: true, force: true });
});

async function sdkgen(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    color: false,
    cwd: work,
  });
  return { code, stdout, stderr };
}

const LOCK = (version: string) =>
  `${JSON.stringify(
    {
      name: 'widgets-client',
      version,
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'widgets-client', version, license: 'UNLICENSED', devDependencies: { typescript: '5.9.3' }, engines: { node: '>=20' } },
        'node_modules/typescript': {
          version: '5.9.3',
          resolved: 'https://registry.npmjs.org/typescript/-/typescript-5.9.3.tgz',
          integrity: 'sha512-jl1vZzPDinLr9eUt3J/t7V6FgNEw9QjvBPdysz9KfQDD41fQrC2Y4vKQdiaUpFT4bXlb1RHhLpp8wtm6M5TgSw==',
          dev: true,
          license: 'Apache-2.0',
          bin: { tsc: 'bin/tsc', tsserver: 'bin/tsserver' },
          engines: { node: '>=14.17' },
        },
      },
    },
    null,
    2,
  )}\n`;

const USER_FILES: Readonly<Record<string, string>> = {
  'package-lock.json': LOCK('1.4.0'),
  'dist/esm/index.js': 'export {};\n',
  'node_modules/typescript/package.json': '{ "name": "typescript", "version": "5.9.3" }\n',
  '.env': 'WIDGETS_API_KEY=secret\n',
  'NOTES.md': '# my notes\n',
};

describe('regenerating a folder the user works in', () => {
  const out = 'client';
  const keptLine =
    'sdkgen: kept 5 entries sdkgen does not own: .env, dist/, node_modules/, NOTES.md, package-lock.json (never read, moved or deleted)\n';

  it('keeps every entry of the user, passes --check with them, and lists them once', async () => {
    expect((await sdkgen('generate', '--spec', SPEC, '--out', out)).code).toBe(0);
    const manifest = await readFile(join(work, out, '.sdkgen-manifest.json'), 'utf8');
    for (const [path, text] of Object.entries(USER_FILES)) {
      await mkdir(join(work, out, path, '..'), { recursive: true });
      await writeFile(join(work, out, path), text);
    }
    const check = await sdkgen('generate', '--spec', SPEC, '--out', out, '--check');
    expect([check.code, check.stderr]).toEqual([0, '']);
    expect(check.stdout).toMatch(/^client is current with .*old\.yaml \(\d+ files, 0 warnings, \d+ ms\)\.\n$/);

    const first = await sdkgen('generate', '--spec', SPEC, '--out', out);
    expect(first.stdout).toMatch(/^sdkgen: 0 files written, \d+ unchanged, 0 deleted; 0 warnings; \d+ ms \(client\)\n/);
    // --check counts the files the write leaves unchanged, its manifest among them
    expect(/\((\d+) files/.exec(check.stdout)?.[1]).toBe(/(\d+) unchanged/.exec(first.stdout)?.[1]);
    expect(first.stdout.endsWith(keptLine)).toBe(true);
    const tree = await snapshotTree(join(work, out));
    for (const [path, text] of Object.entries(USER_FILES)) expect(tree[path], path).toBe(text);
    // nothing about the user's entries went into the output
    expect(tree['.sdkgen-manifest.json']).toBe(manifest);

    const second = await sdkgen('generate', '--spec', SPEC, '--out', out);
    expect(second.stdout).not.toContain('kept');
    expect((await sdkgen('generate', '--spec', SPEC, '--out', out, '--verbose')).stdout.endsWith(keptLine)).toBe(true);
  });

  it('lists them again when they change, and survives a spec change that rewrites files', async () => {
    await writeFile(join(work, out, 'scratch.ts'), 'export {};\n');
    const spec = join(work, 'next', 'old.yaml');
    await mkdir(join(work, 'next'));
    await writeFile(spec, (await readFile(SPEC, 'utf8')).replace('version: 1.4.0', 'version: 1.5.0'));
    const next = await sdkgen('generate', '--spec', spec, '--out', out);
    expect(next.stdout).toMatch(/^sdkgen: [1-9]\d* files? written, \d+ unchanged, 0 deleted/);
    expect(next.stdout).toContain(
      'sdkgen: kept 6 entries sdkgen does not own: .env, dist/, node_modules/, NOTES.md, package-lock.json, scratch.ts (never read, moved or deleted)\n',
    );
    for (const [path, text] of Object.entries(USER_FILES)) expect(await readFile(join(work, out, path), 'utf8'), path).toBe(text);
    expect((await sdkgen('generate', '--spec', spec, '--out', out, '--check')).code).toBe(0);
  });

  it('gives the list in --json on every run, for generate and --check', async () => {
    for (const extra of [[], ['--check']]) {
      const run = await sdkgen('generate', '--spec', SPEC, '--out', out, '--json', ...extra);
      expect(JSON.parse(run.stdout).kept).toEqual(['.env', 'dist/', 'node_modules/', 'NOTES.md', 'package-lock.json', 'scratch.ts']);
    }
  });

  it('remembers the list per folder in the cache folder, and still lists it when the memory cannot be written', async () => {
    const memory = JSON.parse(await readFile(join(cache, 'sdkgen', 'kept-entries.json'), 'utf8'));
    expect(Object.values(memory.folders)).toEqual([['.env', 'dist/', 'node_modules/', 'NOTES.md', 'package-lock.json', 'scratch.ts']]);
    const blocked = join(work, 'not-a-folder');
    await writeFile(blocked, '');
    const file = join(blocked, 'sdkgen', 'kept-entries.json');
    expect(await rememberKept('/x', ['a'], file)).toBe(true);
    expect(await rememberKept('/x', ['a'], file)).toBe(true);
    expect(await rememberKept('/x', [], file)).toBe(false);
  });
});

describe('keptMemoryFile', () => {
  it('is under XDG_CACHE_HOME, else the platform cache folder', () => {
    expect(keptMemoryFile({ XDG_CACHE_HOME: '/c' }, 'linux')).toBe(join('/c', 'sdkgen', 'kept-entries.json'));
    expect(keptMemoryFile({ XDG_CACHE_HOME: 'relative' }, 'linux')).toMatch(/\.cache[\\/]sdkgen[\\/]kept-entries\.json$/);
    expect(keptMemoryFile({}, 'darwin')).toMatch(/Library[\\/]Caches[\\/]sdkgen[\\/]kept-entries\.json$/);
    expect(keptMemoryFile({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32')).toBe(
      join('C:\\Users\\u\\AppData\\Local', 'sdkgen', 'kept-entries.json'),
    );
    expect(keptMemoryFile({}, 'win32')).toBeUndefined();
  });
});
