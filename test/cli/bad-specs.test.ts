// Every spec in test/fixtures/bad/ fails the way a user can act on: exit 1, `file:line:col`,
// the JSON pointer, a code frame, a hint, no stack trace, and the output folder untouched.
// (test/golden/golden.test.ts pins each full message; this checks the promises they all keep.)
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { snapshotDir } from '../support/snapshot-dir.js';

const BAD = 'test/fixtures/bad';
const specs = readdirSync(BAD)
  .filter((file) => /\.(ya?ml|json)$/.test(file))
  .sort();
let out: string;
let before: Map<string, string>;

beforeAll(async () => {
  out = join(await mkdtemp(join(tmpdir(), 'sdkgen-bad-')), 'client');
  expect((await runCli(['generate', '--spec', 'spec/chatkit-sessions.yaml', '--out', out])).code).toBe(0);
  before = await snapshotDir(out);
});
afterAll(async () => {
  await rm(join(out, '..'), { recursive: true, force: true });
});

describe('the bad-spec corpus', () => {
  it('has at least 30 specs', () => {
    expect(specs.length).toBeGreaterThanOrEqual(30);
  });

  it.each(specs)('%s: located error, exit 1, output untouched', async (file) => {
    const spec = join(BAD, file);
    const run = await runCli(['generate', '--spec', spec, '--out', out]);
    expect(run.code).toBe(1);
    const escaped = spec.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(run.stderr).toMatch(new RegExp(`^${escaped}:\\d+:\\d+: error\\[[a-z]+/[a-z0-9-]+\\] `, 'm'));
    expect(run.stderr).toMatch(/^ {2}at \/\S*/m);
    expect(run.stderr).toMatch(/^ {2}> +\d+ \|/m);
    expect(run.stderr).toMatch(/^ {2}hint: \S/m);
    expect(run.stderr).not.toMatch(/^\s+at .+\.(ts|js):\d+:\d+\)?$/m);
    expect(run.stderr).toContain('nothing was written');
    expect(await snapshotDir(out)).toEqual(before);
  });

  it.each([
    ['schema-errors.yaml', 3],
    ['unsupported-construct.yaml', 3],
    ['unresolved-ref.yaml', 2],
    ['path-parameter-mismatch.yaml', 2],
  ])('%s reports all of its %i problems in one run', async (file, count) => {
    const run = await runCli(['generate', '--spec', join(BAD, file), '--out', out]);
    expect(run.stderr.match(/: error\[/g)).toHaveLength(count);
  });
});
