// sdkgen.config.{json,yaml}, --json, --quiet, --verbose and --watch, as a user drives them.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchFiles } from '../../generator/watch/watch-files.js';
import { runCli, watchCli } from '../support/cli.js';

const SPEC = resolve('spec/chatkit-sessions.yaml');
/** A spec small enough to generate in a blink: one schema, no operations. */
const TINY_SPEC = [
  'openapi: 3.1.0',
  'info: { title: Tiny, version: 1.0.0 }',
  'paths: {}',
  'components:',
  '  schemas:',
  '    A: { type: string }',
  '',
].join('\n');

/** TINY_SPEC with `count` schemas A, B, C… that each carry 3.0's `nullable: true`: one model/legacy-form warning each. */
function specWithLegacyNullables(count: number): string {
  const schemas = Array.from({ length: count }, (_, i) => `    ${String.fromCharCode(65 + i)}: { type: string, nullable: true }`);
  return TINY_SPEC.replace('    A: { type: string }\n', `${schemas.join('\n')}\n`);
}

let work: string;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'sdkgen-config-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('sdkgen.config', () => {
  it('reads spec, out, package and client names from sdkgen.config.yaml, relative to the file', async () => {
    await cp(SPEC, join(work, 'api.yaml'));
    await writeFile(join(work, 'sdkgen.config.yaml'), 'spec: api.yaml\nout: client\npackageName: my-client\nclientName: MyClient\n');
    const run = await runCli(['generate'], work);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(await readFile(join(work, 'client/package.json'), 'utf8')).name).toBe('my-client');
    expect(await readFile(join(work, 'client/src/client.ts'), 'utf8')).toContain('export class MyClient extends BaseMyClient');
  });

  it('lets flags override the config file', async () => {
    await cp(SPEC, join(work, 'api.yaml'));
    await writeFile(join(work, 'sdkgen.config.json'), JSON.stringify({ spec: 'api.yaml', out: 'client', packageName: 'from-config' }));
    expect((await runCli(['generate', '--package-name', 'from-flag'], work)).code).toBe(0);
    expect(JSON.parse(await readFile(join(work, 'client/package.json'), 'utf8')).name).toBe('from-flag');
  });

  it('takes `templates` from the config file, relative to it: its template replaces the built-in one', async () => {
    await mkdir(join(work, 'api/my-templates'), { recursive: true });
    await writeFile(join(work, 'api/openapi.yaml'), TINY_SPEC);
    await writeFile(join(work, 'api/my-templates/README.md.hbs'), '# {{package.name}}\n\nOur own README, from the config’s templates.\n');
    await writeFile(join(work, 'api/sdkgen.config.yaml'), 'spec: openapi.yaml\nout: ../client\ntemplates: my-templates\n');
    const run = await runCli(['generate', '--config', 'api/sdkgen.config.yaml', '--quiet'], work);
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await readFile(join(work, 'client/README.md'), 'utf8')).toBe('# tiny-client\n\nOur own README, from the config’s templates.\n');
  });

  it('takes `baseURLEnv` from the config file: the generated client reads its base URL from that variable', async () => {
    await writeFile(join(work, 'api.yaml'), TINY_SPEC);
    await writeFile(join(work, 'sdkgen.config.json'), JSON.stringify({ spec: 'api.yaml', out: 'client', baseURLEnv: 'ACME_GATEWAY_URL' }));
    expect(await runCli(['generate', '--quiet'], work)).toEqual({ code: 0, stdout: '', stderr: '' });
    const client = await readFile(join(work, 'client/src/client.ts'), 'utf8');
    expect(client).toContain("baseURLEnv: 'ACME_GATEWAY_URL'");
    expect(client).not.toContain('TINY_BASE_URL'); // what the title alone gives
  });

  it('rejects an unknown setting with the list of known ones', async () => {
    await writeFile(join(work, 'sdkgen.config.json'), JSON.stringify({ spec: 'a.yaml', output: 'x' }));
    const run = await runCli(['generate'], work);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown setting "output"');
  });
});

describe('--json and --quiet', () => {
  it('--json prints one machine-readable summary', async () => {
    const run = await runCli(['generate', '--spec', SPEC, '--out', join(work, 'out'), '--json'], work);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ ok: true, command: 'generate', files: { unchanged: 0, deleted: 0 }, warnings: [], errors: [] });
    expect(summary.files.written).toBeGreaterThan(10);
  });

  it('--json reports spec errors as located diagnostics', async () => {
    const run = await runCli(
      ['generate', '--spec', resolve('test/fixtures/bad/unresolved-ref.yaml'), '--out', join(work, 'out'), '--json'],
      work,
    );
    expect(run.code).toBe(1);
    const summary = JSON.parse(run.stdout);
    expect(summary.ok).toBe(false);
    expect(summary.errors[0]).toMatchObject({ code: 'model/unresolved-ref', at: { line: 15, column: 23 } });
  });

  it('--quiet prints nothing on success', async () => {
    const run = await runCli(['generate', '--spec', SPEC, '--out', join(work, 'out'), '--quiet'], work);
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--quiet prints no warning, and still prints a spec error', async () => {
    await writeFile(join(work, 'warns.yaml'), specWithLegacyNullables(5));
    const warns = await runCli(['generate', '--spec', 'warns.yaml', '--out', 'out', '--quiet'], work);
    expect(warns).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await readFile(join(work, 'out/package.json'), 'utf8')).toContain('"name": "tiny-client"');

    await writeFile(
      join(work, 'broken.yaml'),
      TINY_SPEC.replace('    A: { type: string }', '    A: { $ref: "#/components/schemas/Nope" }'),
    );
    const broken = await runCli(['generate', '--spec', 'broken.yaml', '--out', 'out', '--quiet'], work);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toMatch(
      /^broken\.yaml:\d+:\d+: error\[model\/unresolved-ref\] The \$ref "#\/components\/schemas\/Nope" points at nothing: `\/components\/schemas` has no `Nope`\./,
    );
    expect(broken.stderr).toContain('sdkgen: 1 problem in the spec; nothing was written.\n');

    // a spec with a warning and an error: the error alone
    await writeFile(
      join(work, 'both.yaml'),
      specWithLegacyNullables(1).replace(
        '    A: { type: string, nullable: true }',
        '    A: { $ref: "#/components/schemas/Nope" }\n    Z: { type: string, nullable: true }',
      ),
    );
    const both = await runCli(['generate', '--spec', 'both.yaml', '--out', 'out', '--quiet'], work);
    const loud = await runCli(['generate', '--spec', 'both.yaml', '--out', 'out'], work);
    expect([both.code, loud.code]).toEqual([1, 1]);
    expect(loud.stderr).toContain('warning[model/legacy-form]');
    expect(both.stderr).not.toContain('warning[');
    expect(both.stderr).toMatch(/^both\.yaml:\d+:\d+: error\[model\/unresolved-ref\]/);
  });
});

describe('--verbose', () => {
  it('by default prints 3 warnings of a kind and counts the rest; --verbose prints them all', async () => {
    await writeFile(join(work, 'warns.yaml'), specWithLegacyNullables(5));
    const shown = (stderr: string) =>
      [...stderr.matchAll(/^warns\.yaml:\d+:\d+: warning\[model\/legacy-form\] .*\n {2}at (\S+)$/gm)].map((m) => m[1]);

    const run = await runCli(['generate', '--spec', 'warns.yaml', '--out', 'out'], work);
    expect(run.code).toBe(0);
    expect(shown(run.stderr)).toEqual([
      '/components/schemas/A/nullable',
      '/components/schemas/B/nullable',
      '/components/schemas/C/nullable',
    ]);
    expect(run.stderr).toContain('sdkgen: … and 2 more model/legacy-form warnings (--verbose shows all 5).\n');
    expect(run.stdout).toContain('; 5 warnings;');

    const verbose = await runCli(['generate', '--spec', 'warns.yaml', '--out', 'out', '--verbose'], work);
    expect(verbose.code).toBe(0);
    expect(shown(verbose.stderr)).toEqual(['A', 'B', 'C', 'D', 'E'].map((name) => `/components/schemas/${name}/nullable`));
    expect(verbose.stderr).not.toContain('more model/legacy-form');
    expect(verbose.stdout).toContain('; 5 warnings;');
  });

  it('a YAML mistake: the first 3 syntax errors and a count, the tab named first; --verbose and --json give them all', async () => {
    // a tab before a block scalar's text, then 40 lines that yaml no longer reads as meant
    const lines = ['openapi: 3.1.0', 'info:', '  title: T', '  version: 1.0.0', '  description: |', '\t  after a tab'];
    for (let i = 0; i < 40; i++) lines.push(`    x${i}: {a: 1`);
    await writeFile(join(work, 'tab.yaml'), `${lines.join('\n')}\npaths: {}\n`);
    const errors = (stderr: string) => [...stderr.matchAll(/^tab\.yaml:(\d+):\d+: error\[load\/yaml-syntax\] (.*)$/gm)];

    const run = await runCli(['generate', '--spec', 'tab.yaml', '--out', 'out'], work);
    expect(run.code).toBe(1);
    const shown = errors(run.stderr);
    expect(shown).toHaveLength(3);
    expect(shown[0]![2]).toBe(
      'A tab character indents line 6; YAML indents with spaces only, so the lines after it do not parse as meant.',
    );
    const total = Number(/sdkgen: (\d+) problems in the spec; nothing was written\./.exec(run.stderr)?.[1]);
    expect(total).toBeGreaterThan(10);
    expect(run.stderr).toContain(
      `sdkgen: … and ${total - 3} more load/yaml-syntax errors, most likely caused by the ones above (--verbose shows all ${total}).\n`,
    );

    const verbose = await runCli(['generate', '--spec', 'tab.yaml', '--out', 'out', '--verbose'], work);
    expect(errors(verbose.stderr)).toHaveLength(total);
    expect(verbose.stderr).not.toContain('more load/yaml-syntax');

    const json = await runCli(['generate', '--spec', 'tab.yaml', '--out', 'out', '--json'], work);
    const report = JSON.parse(json.stdout) as { ok: boolean; errors: { code: string; message: string }[] };
    expect(report.ok).toBe(false);
    expect(report.errors).toHaveLength(total);
    expect(report.errors[0]!.message).toMatch(/^A tab character indents line 6;/);
  });
});

describe('--watch', () => {
  it('regenerates on a spec edit, survives a bad edit, and keeps the last good output', async ({ onTestFailed, signal }) => {
    const spec = join(work, 'api.yaml');
    const out = join(work, 'out');
    await cp(SPEC, spec);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', resolve('generator/bin.ts'), 'generate', '--watch', '--spec', spec, '--out', out],
      { env: { ...process.env, NO_COLOR: '1' } },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // no deadline of its own (a loaded machine is slow, not wrong): the test's timeout ends a hang
    onTestFailed(() => console.error(`sdkgen --watch printed:\n${output}`));
    const waitFor = async (pattern: RegExp, from: number) => {
      while (!pattern.test(output.slice(from))) {
        if (child.exitCode !== null) throw new Error(`sdkgen --watch exited (${child.exitCode}) before ${pattern}; output:\n${output}`);
        if (signal.aborted) throw new Error(`gave up waiting for ${pattern}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      await waitFor(/watching/, 0);
      let mark = output.length;
      const text = await readFile(spec, 'utf8');
      await writeFile(spec, text.replace('Identifier for the ChatKit session.', 'The session id.'));
      await waitFor(/1 file written/, mark);
      expect(await readFile(join(out, 'src/types.ts'), 'utf8')).toContain('The session id.');

      mark = output.length;
      await writeFile(spec, text.replace('$ref: "#/components/schemas/ChatKitWorkflow"', '$ref: "#/components/schemas/Nope"'));
      await waitFor(/nothing was written/, mark);
      expect(output.slice(mark)).toContain('error[model/unresolved-ref]');
      expect(await readFile(join(out, 'src/types.ts'), 'utf8')).toContain('The session id.');

      mark = output.length;
      await writeFile(spec, text);
      await waitFor(/1 file written/, mark);
      expect(await readFile(join(out, 'src/types.ts'), 'utf8')).toContain('Identifier for the ChatKit session.');
    } finally {
      child.kill('SIGINT');
    }
  }, 180_000);

  it('collects each run’s garbage once the run is done (the executable passes V8’s full collection)', async ({ onTestFailed }) => {
    const spec = join(work, 'api.yaml');
    await cp(SPEC, spec);
    let collections = 0;
    const watch = watchCli(['generate', '--watch', '--spec', 'api.yaml', '--out', 'out'], work, {
      collectGarbage: () => void (collections += 1),
    });
    onTestFailed(() => console.error(`sdkgen --watch printed:\n${watch.output()}`));
    // no deadline of its own: the test's timeout ends a hang
    const collected = async (count: number) => {
      while (collections < count) await new Promise((next) => setTimeout(next, 20));
    };
    try {
      await watch.waitFor(/watching/);
      await collected(1);
      const mark = watch.output().length;
      await writeFile(spec, (await readFile(spec, 'utf8')).replace('Identifier for the ChatKit session.', 'The session id.'));
      await watch.waitFor(/files? written/, mark);
      await collected(2);
    } finally {
      await watch.stop();
    }
    // one collection a run at most
    expect(collections).toBe(2);
  }, 180_000);

  it('does not show the errors of a run during which the spec was saved again, and runs again', async ({ onTestFailed }) => {
    const spec = join(work, 'api.yaml');
    const templates = join(work, 'templates');
    const marker = join(work, 'save-during-the-next-run');
    await cp(SPEC, spec);
    await mkdir(templates);
    // A helper that, while the marker exists, saves the spec again and fails the run: that run
    // read a spec that changed before it could report (as a file still being written would).
    await writeFile(
      join(templates, 'helpers.mjs'),
      `import { appendFileSync, existsSync, rmSync } from 'node:fs';
export function saveAgain() {
  if (!existsSync(${JSON.stringify(marker)})) return '';
  rmSync(${JSON.stringify(marker)});
  appendFileSync(${JSON.stringify(spec)}, '# saved again\\n');
  throw new Error('this run read a spec that was saved again');
}
`,
    );
    await writeFile(join(templates, 'README.md.hbs'), `{{saveAgain}}${await readFile('templates/README.md.hbs', 'utf8')}`);
    const watch = watchCli(['generate', '--watch', '--spec', 'api.yaml', '--out', 'out', '--templates', 'templates'], work);
    onTestFailed(() => console.error(`sdkgen --watch printed:\n${watch.output()}`));
    try {
      await watch.waitFor(/watching/);
      const mark = watch.output().length;
      await writeFile(marker, '');
      await writeFile(spec, (await readFile(spec, 'utf8')).replace('Identifier for the ChatKit session.', 'The session id.'));
      await watch.waitFor(/files? written/, mark);
      const after = watch.output().slice(mark);
      expect(after).toContain('sdkgen: a watched file changed again during the run; running again.');
      expect(after).not.toContain('this run read a spec that was saved again');
      expect(after).not.toContain('nothing was written');
      // the run after it generated the spec as saved
      expect(await readFile(join(work, 'out/src/types.ts'), 'utf8')).toContain('The session id.');
    } finally {
      await watch.stop();
    }
  }, 180_000);

  it('regenerates when a template in the --templates folder is saved; a bad template edit keeps the last good output', async ({
    onTestFailed,
  }) => {
    await writeFile(join(work, 'api.yaml'), TINY_SPEC);
    await mkdir(join(work, 'templates'));
    const template = join(work, 'templates', 'README.md.hbs');
    await writeFile(template, '# {{package.name}}\n\nFirst draft.\n');
    const watch = watchCli(['generate', '--watch', '--spec', 'api.yaml', '--out', 'out', '--templates', 'templates'], work);
    onTestFailed(() => console.error(`sdkgen --watch printed:\n${watch.output()}`));
    try {
      await watch.waitFor(/watching/);
      expect(await readFile(join(work, 'out/README.md'), 'utf8')).toBe('# tiny-client\n\nFirst draft.\n');

      // the spec is not touched: only the template's save can start this run
      let mark = watch.output().length;
      await writeFile(template, '# {{package.name}}\n\nSecond draft.\n');
      // the run this save started: its summary follows the line that names the file
      await watch.waitFor(/^sdkgen: changed: (?:.*, )?templates\/README\.md\.hbs(?:, .*)?\nsdkgen: \d+ files? written/m, mark);
      expect(await readFile(join(work, 'out/README.md'), 'utf8')).toBe('# tiny-client\n\nSecond draft.\n');

      mark = watch.output().length;
      await writeFile(template, '# {{package.name}}\n\n{{#if package.name}}Unclosed.\n');
      await watch.waitFor(/nothing was written/, mark);
      expect(watch.output().slice(mark)).toContain('error[emit/template-error]');
      expect(await readFile(join(work, 'out/README.md'), 'utf8')).toBe('# tiny-client\n\nSecond draft.\n');
    } finally {
      await watch.stop();
    }
  }, 180_000);
});

describe('--watch debounce', () => {
  /**
   * Settles once the events of every save made so far have reached the watcher: the kernel queues
   * a file's event as the write returns, and the event loop takes it in its poll phase, which two
   * immediates always span (as cli.ts's changedSince relies on).
   */
  const eventsDelivered = async () => {
    for (let turn = 0; turn < 2; turn++) await new Promise((next) => setImmediate(next));
  };

  it('starts one run once the watched files have been quiet for 20 ms: a burst of saves is one run', async () => {
    const [a, b] = ['a.yaml', 'b.yaml'].map((name) => join(work, name)) as [string, string];
    await writeFile(a, TINY_SPEC);
    await writeFile(b, TINY_SPEC);
    // the debounce's clock is faked (file events and immediates stay real): no wall-clock margin
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const runs: (readonly string[])[] = [];
    const controller = new AbortController();
    let ready = false;
    // the default debounce, as `sdkgen generate --watch` uses it
    const stopped = watchFiles(
      [
        { path: a, isFolder: false },
        { path: b, isFolder: false },
      ],
      async (changed) => void runs.push(changed),
      { signal: controller.signal, onReady: () => (ready = true) },
    );
    try {
      while (!ready) await eventsDelivered();
      writeFileSync(a, `${TINY_SPEC}# save 1\n`);
      // the first save is seen: a run is due (or, were there no debounce, already started)
      while (vi.getTimerCount() === 0 && runs.length === 0) await eventsDelivered();
      vi.advanceTimersByTime(19);
      expect(runs).toEqual([]); // 19 ms of quiet: not yet

      // more saves, each inside the window: each one starts the 20 ms again
      writeFileSync(b, `${TINY_SPEC}# save 2\n`);
      await eventsDelivered();
      vi.advanceTimersByTime(19);
      writeFileSync(a, `${TINY_SPEC}# save 3\n`);
      writeFileSync(b, `${TINY_SPEC}# save 4\n`);
      await eventsDelivered();
      vi.advanceTimersByTime(19);
      expect(runs).toEqual([]);

      vi.advanceTimersByTime(1); // 20 ms after the last save
      expect(runs).toEqual([[a, b]]);
      await eventsDelivered();
      vi.advanceTimersByTime(1_000);
      expect(runs).toHaveLength(1); // the burst was one run, not one per save
    } finally {
      controller.abort();
      await stopped;
      vi.useRealTimers();
    }
  });
});
