// The CLI as a user runs it: --check, atomic writes, located errors, exit codes, --help.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENERATE_FLAGS } from '../../generator/cli.js';
import type { Flag } from '../../generator/cli-flags.js';
import { DIFF_FLAGS } from '../../generator/diff/diff-command.js';
import { runCli } from '../support/cli.js';
import { snapshotDir } from '../support/snapshot-dir.js';

const SPEC = 'spec/chatkit-sessions.yaml';
let work: string;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'sdkgen-cli-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('sdkgen generate --check', () => {
  it('exits 0 when the output is current', async () => {
    const out = join(work, 'out');
    expect((await runCli(['generate', '--spec', SPEC, '--out', out])).code).toBe(0);
    const run = await runCli(['generate', '--spec', SPEC, '--out', out, '--check']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('is current');
  });

  it('says when a file differs only in its line endings (a CRLF checkout), and how to keep LF', async () => {
    const out = join(work, 'out');
    expect((await runCli(['generate', '--spec', SPEC, '--out', out])).code).toBe(0);
    const text = await readFile(join(out, 'package.json'), 'utf8');
    await writeFile(join(out, 'package.json'), text.replace(/\n/g, '\r\n'));
    const run = await runCli(['generate', '--spec', SPEC, '--out', out, '--check']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('  changed: package.json (only its line endings: CRLF where sdkgen writes LF)\n');
    expect(run.stderr).toContain('a .gitattributes line `* text eol=lf` in the output folder keeps them as sdkgen writes them.');
  });

  it('exits 1 and lists every changed, missing and extra file, writing nothing', async () => {
    const out = join(work, 'out');
    await cp('generated', out, { recursive: true, filter: (src) => !/node_modules|dist/.test(src) });
    await writeFile(join(out, 'src/types.ts'), '// stale\n');
    await unlink(join(out, 'README.md'));
    // a file an earlier generation wrote (its manifest lists it) that is no longer generated
    await writeFile(join(out, 'src/leftover.ts'), 'export {};\n');
    const manifest = JSON.parse(await readFile(join(out, '.sdkgen-manifest.json'), 'utf8'));
    manifest.files.push('src/leftover.ts');
    await writeFile(join(out, '.sdkgen-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    // and a file of the user's beside sdkgen's, which the manifest does not list: kept, no difference
    await writeFile(join(out, 'src/custom.ts'), 'export const mine = 1;\n');
    const before = await snapshotDir(out);
    const run = await runCli(['generate', '--spec', SPEC, '--out', out, '--check']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('changed: src/types.ts');
    expect(run.stderr).toContain('created: README.md');
    expect(run.stderr).toContain('deleted: src/leftover.ts');
    expect(run.stderr).not.toContain('src/custom.ts');
    expect(await snapshotDir(out)).toEqual(before);
    // the write names what it deletes, and keeps the user's file
    const write = await runCli(['generate', '--spec', SPEC, '--out', out]);
    expect(write.stdout).toContain('sdkgen: deleted src/leftover.ts (no longer generated)\n');
    expect(write.stdout).toContain('src/custom.ts (never read, moved or deleted)');
    expect(await readFile(join(out, 'src/custom.ts'), 'utf8')).toBe('export const mine = 1;\n');
  });
});

describe('sdkgen generate', () => {
  it('is deterministic: two runs give byte-identical trees', async () => {
    await runCli(['generate', '--spec', SPEC, '--out', join(work, 'a')]);
    await runCli(['generate', '--spec', SPEC, '--out', join(work, 'b')]);
    expect(await snapshotContents(join(work, 'a'))).toEqual(await snapshotContents(join(work, 'b')));
  });

  it('leaves the output folder untouched when the spec is broken, and says where', async () => {
    const out = join(work, 'out');
    await runCli(['generate', '--spec', SPEC, '--out', out]);
    const broken = join(work, 'broken.yaml');
    const text = await readFile(SPEC, 'utf8');
    await writeFile(broken, text.replace('$ref: "#/components/schemas/ChatKitWorkflow"', '$ref: "#/components/schemas/ChatKitWorkflo"'));
    const before = await snapshotDir(out);
    const run = await runCli(['generate', '--spec', broken, '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/broken\.yaml:\d+:\d+: error\[model\/unresolved-ref\]/);
    expect(run.stderr).toContain('/components/schemas/ChatSession/properties/workflow/$ref');
    expect(run.stderr).toContain('hint:');
    expect(run.stderr).toContain('nothing was written');
    expect(run.stderr).not.toMatch(/\n\s+at .*\.ts:\d+/);
    expect(await snapshotDir(out)).toEqual(before);
  });

  it('keeps build output and installed modules inside the output folder', async () => {
    const out = join(work, 'out');
    await runCli(['generate', '--spec', SPEC, '--out', out]);
    await cp(join(out, 'README.md'), join(out, 'dist-marker'));
    await writeFile(join(out, 'src/types.ts'), '// stale\n');
    await cp(join(out, 'package.json'), join(work, 'pkg.json'));
    await import('node:fs/promises').then((fs) => fs.mkdir(join(out, 'dist'), { recursive: true }));
    await writeFile(join(out, 'dist/index.js'), 'built');
    expect((await runCli(['generate', '--spec', SPEC, '--out', out])).code).toBe(0);
    expect(await readFile(join(out, 'dist/index.js'), 'utf8')).toBe('built');
    expect(await readFile(join(out, 'src/types.ts'), 'utf8')).toContain('export interface ChatSession');
  });

  it('refuses to replace a folder it did not generate', async () => {
    const out = join(work, 'project');
    await import('node:fs/promises').then((fs) => fs.mkdir(out));
    await writeFile(join(out, 'important.txt'), 'keep me');
    const run = await runCli(['generate', '--spec', SPEC, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Refusing to replace');
    expect(await readFile(join(out, 'important.txt'), 'utf8')).toBe('keep me');
  });

  it('reports a missing spec file as a usage error', async () => {
    const run = await runCli(['generate', '--spec', join(work, 'nope.yaml'), '--out', join(work, 'out')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no such file');
  });

  it('says that a spec is read from a file when given a URL, and how to save it', async () => {
    const run = await runCli(['generate', '--spec', "https://api.example.com/openapi.yaml?v='1'", '--out', join(work, 'out')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "Cannot read the spec https://api.example.com/openapi.yaml?v='1': sdkgen reads a file, not a URL. Save it first (curl -fsSL 'https://api.example.com/openapi.yaml?v='\\''1'\\''' -o spec.yaml) and pass the file.",
    );
  });

  it('documents every flag it accepts in --help (and every flag of sdkgen diff in sdkgen diff --help)', async () => {
    for (const [help, flags] of [
      ['sdkgen --help', GENERATE_FLAGS],
      ['sdkgen diff --help', DIFF_FLAGS],
    ] as const) {
      const run = await runCli(help.split(' ').slice(1));
      expect(run.code, help).toBe(0);
      const lines = run.stdout.split('\n');
      for (const [name, flag] of Object.entries(flags) as [string, Flag][]) {
        // an option line: `  --out <dir>   what it is`, `  -h, --help   show this help`; a long one has its text on the next line
        const short = flag.short === undefined ? '' : `-${flag.short}, `;
        const value = flag.type === 'string' ? ` <${flag.value}>` : '';
        const option = new RegExp(`^  ${short}--${name}${value}(?: {2,}(\\S.*))?$`);
        const at = lines.findIndex((line) => option.test(line));
        expect(at, `\`${help}\` has no option line for --${name}${value}`).toBeGreaterThanOrEqual(0);
        const text = option.exec(lines[at]!)![1] ?? /^ {3,}(\S.*)$/.exec(lines[at + 1] ?? '')?.[1];
        expect(text, `\`${help}\` does not say what --${name} does`).toBeDefined();
      }
    }
  });

  it('runs as a real process with exit code 1 and no stack trace on a bad spec', async () => {
    const result = await promisify(execFile)(process.execPath, [
      '--import',
      'tsx',
      'generator/bin.ts',
      'generate',
      '--spec',
      'test/fixtures/bad/unresolved-ref.yaml',
      '--out',
      join(work, 'out'),
    ]).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('test/fixtures/bad/unresolved-ref.yaml:15:23: error[model/unresolved-ref]');
    expect(result.stderr).not.toContain('    at ');
  });
});

async function snapshotContents(dir: string): Promise<Map<string, string>> {
  const snapshot = await snapshotDir(dir);
  return new Map([...snapshot].map(([path, value]) => [path, value.slice(value.indexOf(' ') + 1)]));
}
