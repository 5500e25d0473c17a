// What sdkgen says about a mistyped flag or command, a flag without its value, and a run with
// no spec; where relative paths and the default output folder land; and that the bin runs when
// it is started through a symlink, as node_modules/.bin/sdkgen starts it, and colours its output
// only on a terminal.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { snapshotDir } from '../support/snapshot-dir.js';

const SPEC = resolve('spec/chatkit-sessions.yaml');
let work: string;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'sdkgen-flags-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('a mistyped flag or command', () => {
  it.each([
    [['generate', '--specs', 'a.yaml'], 'sdkgen: unknown option `--specs`; did you mean `--spec`? Run `sdkgen --help` for the options.\n'],
    [
      ['generate', '--spec=a.yaml', '--ot', 'x'],
      'sdkgen: unknown option `--ot`; did you mean `--out`? Run `sdkgen --help` for the options.\n',
    ],
    [['generate', '--output', 'x'], 'sdkgen: unknown option `--output`; did you mean `--out`? Run `sdkgen --help` for the options.\n'],
    [
      ['generate', '--packagename', 'x'],
      'sdkgen: unknown option `--packagename`; did you mean `--package-name`? Run `sdkgen --help` for the options.\n',
    ],
    [['generate', '-spec', 'a.yaml'], 'sdkgen: unknown option `-spec`; did you mean `--spec`? Run `sdkgen --help` for the options.\n'],
    [['generate', '--frobnicate'], 'sdkgen: unknown option `--frobnicate`. Run `sdkgen --help` for the options.\n'],
    [['generate', '-x'], 'sdkgen: unknown option `-x`. Run `sdkgen --help` for the options.\n'],
    [['generte'], 'sdkgen: Unknown command "generte"; did you mean `sdkgen generate`? Run `sdkgen --help` for the commands.\n'],
  ])('%j', async (args, stderr) => {
    const run = await runCli(args, work);
    expect(run).toEqual({ code: 2, stdout: '', stderr });
  });

  it('is reported the same way by sdkgen diff', async () => {
    const run = await runCli(['diff', 'a.yaml', 'b.yaml', '--fail-no', 'breaking'], work);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'sdkgen diff: unknown option `--fail-no`; did you mean `--fail-on`? Run `sdkgen diff --help` for the options.\n',
    });
  });

  it('is reported as JSON under --json', async () => {
    const run = await runCli(['generate', '--json', '--specs', 'a.yaml'], work);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: false,
      errors: [{ code: 'usage', message: 'unknown option `--specs`; did you mean `--spec`? Run `sdkgen --help` for the options.' }],
    });
  });
});

describe('a flag without its value', () => {
  it.each([
    [['generate', '--spec'], '`--spec` needs a value: --spec <file> (it is the last argument).'],
    [['generate', '--spec='], '`--spec` needs a value: --spec <file> (it is empty).'],
    [['generate', '--spec', '--out', 'client'], '`--spec` needs a value: --spec <file> (the next argument is the option `--out`).'],
    [['generate', '--out', '-h'], '`--out` needs a value: --out <dir> (the next argument is the option `-h`).'],
    [
      ['generate', '--spec', '-api.yaml'],
      '`--spec` needs a value: --spec <file> (the next argument `-api.yaml` starts with "-"; to pass it as the value, write `--spec=-api.yaml`).',
    ],
    [['generate', '--check=yes'], '`--check` takes no value (got `--check=yes`).'],
  ])('%j', async (args, message) => {
    const run = await runCli(args, work);
    expect(run).toEqual({ code: 2, stdout: '', stderr: `sdkgen: ${message} Run \`sdkgen --help\` for the options.\n` });
  });

  it('is reported the same way by sdkgen diff', async () => {
    const run = await runCli(['diff', 'a.yaml', 'b.yaml', '--format'], work);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'sdkgen diff: `--format` needs a value: --format <format> (it is the last argument). Run `sdkgen diff --help` for the options.\n',
    );
  });

  it('takes a value that starts with "-" after "="', async () => {
    await cp(SPEC, join(work, '-api.yaml'));
    const run = await runCli(['generate', '--spec=-api.yaml', '--out', 'client', '--quiet'], work);
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await readdir(join(work, 'client'))).toContain('package.json');
  });
});

describe('paths and defaults', () => {
  it('with no --spec and no config file, says what to do and writes nothing', async () => {
    const run = await runCli(['generate'], work);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `sdkgen: No spec to generate from: no --spec was given and there is no sdkgen.config.json or sdkgen.config.yaml in ${work}. Pass --spec <file>, or add a sdkgen.config.json with {"spec": "<file>", "out": "<dir>"}.\n`,
    );
    expect(await readdir(work)).toEqual([]);
  });

  it('with a config file that names no spec, says which file', async () => {
    await writeFile(join(work, 'sdkgen.config.yaml'), 'out: client\n');
    const run = await runCli(['generate'], work);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'no --spec was given and sdkgen.config.yaml has no `spec` setting. Pass --spec <file>, or add a sdkgen.config.yaml',
    );
    expect(await readdir(work)).toEqual(['sdkgen.config.yaml']);
  });

  it('resolves --spec and the default output folder against the working directory, not the sdkgen installation', async () => {
    const repoGenerated = await snapshotDir(resolve('generated'));
    await cp(SPEC, join(work, 'api.yaml'));
    const run = await runCli(['generate', '--spec', 'api.yaml', '--quiet'], work);
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(JSON.parse(await readFile(join(work, 'generated/package.json'), 'utf8')).name).toBe('chatkit-client');
    expect(await snapshotDir(resolve('generated'))).toEqual(repoGenerated);
  });

  it('resolves a config file’s paths against its folder, wherever sdkgen runs from', async () => {
    await mkdir(join(work, 'api'));
    await cp(SPEC, join(work, 'api/openapi.yaml'));
    await writeFile(join(work, 'api/sdkgen.config.json'), JSON.stringify({ spec: 'openapi.yaml', out: '../client' }));
    await mkdir(join(work, 'elsewhere'));
    const run = await runCli(['generate', '--config', '../api/sdkgen.config.json', '--quiet'], join(work, 'elsewhere'));
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await readdir(join(work, 'client'))).toContain('package.json');
    expect(await readdir(join(work, 'elsewhere'))).toEqual([]);
  });
});

describe('the bin', () => {
  it('runs when started through a symlink (node_modules/.bin/sdkgen is one)', async () => {
    const link = join(work, 'sdkgen');
    await symlink(resolve('generator/bin.ts'), link);
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      execFile(process.execPath, ['--import', 'tsx', link, 'generate', '--specs', 'x.yaml'], (error, stdout, stderr) => {
        done({ code: error === null ? 0 : Number(error.code), stdout, stderr });
      });
    });
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'sdkgen: unknown option `--specs`; did you mean `--spec`? Run `sdkgen --help` for the options.\n',
    });
  });

  it('colours its diagnostics only on a terminal, and never when NO_COLOR is set', async () => {
    const { NO_COLOR: _, ...environment } = process.env;
    // stderr is a pipe here; this preload makes the bin see a terminal, as a user's shell gives it
    const asTerminal = ['--import', 'data:text/javascript,Object.defineProperty(process.stderr, "isTTY", { value: true })'];
    const bin = ['--import', 'tsx', resolve('generator/bin.ts'), 'generate', '--spec', resolve('test/fixtures/bad/unresolved-ref.yaml')];
    const run = (preload: readonly string[], env: NodeJS.ProcessEnv) =>
      new Promise<string>((done) => {
        execFile(process.execPath, [...preload, ...bin, '--out', join(work, 'out')], { env }, (_error, _stdout, stderr) => done(stderr));
      });
    const [pipe, terminal, terminalNoColor] = await Promise.all([
      run([], environment),
      run(asTerminal, environment),
      run(asTerminal, { ...environment, NO_COLOR: '1' }),
    ]);
    const error = /error\[model\/unresolved-ref\]/;
    const ESCAPE = '\u001b[';
    expect(terminal, 'a terminal').toContain(`${ESCAPE}31merror[model/unresolved-ref]`);
    for (const [where, plain] of [
      ['stderr not a terminal', pipe],
      ['a terminal with NO_COLOR=1', terminalNoColor],
    ] as const) {
      expect(plain, where).toMatch(error);
      expect(plain, where).not.toContain(ESCAPE);
    }
  });
});
