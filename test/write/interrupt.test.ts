// Ctrl-C stops a run before it writes: the CLI aborts the run's signal on SIGINT (bin.ts), the
// pipeline stops at its next stage, and a write that has not committed stops before it does.
// The folder is as it was, nothing is left beside it, and the exit code is 130 (as for a command
// a shell stopped). Each abort point is reached deterministically, not by timing a signal.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../generator/cli.js';
import { InterruptedError } from '../../generator/diagnostics/diagnostic.js';
import { generate, type Stage } from '../../generator/pipeline.js';
import { writeOutput } from '../../generator/write/write-output.js';
import { leftovers, snapshotOrAbsent } from './tree-snapshot.js';
import { NEW, setUpCase } from './write-cases.js';

const SPEC = 'spec/chatkit-sessions.yaml';
let work: string;
let cases = 0;
const caseDir = () => join(work, `case-${cases++}`);

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sdkgen-interrupt-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('an interrupted run', () => {
  it.each<Stage>(['validate', 'model', 'emit', 'format', 'write'])('stopped as it reaches %s: nothing written', async (at) => {
    const target = await setUpCase(caseDir(), 'existing');
    const before = await snapshotOrAbsent(target);
    const controller = new AbortController();
    const run = generate({
      spec: SPEC,
      out: target,
      signal: controller.signal,
      onStage: (stage) => {
        if (stage === at) controller.abort();
      },
    });
    // the stage after the abort stops it: `write` is the last, so its abort is seen before the commit
    await expect(run).rejects.toBeInstanceOf(InterruptedError);
    expect(await snapshotOrAbsent(target)).toEqual(before);
    expect(await leftovers(target)).toEqual([]);
  });

  it('stops a write whose signal is aborted before it commits, and frees the folder', async () => {
    const target = await setUpCase(caseDir(), 'existing');
    const before = await snapshotOrAbsent(target);
    await expect(writeOutput(target, NEW, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(InterruptedError);
    expect(await snapshotOrAbsent(target)).toEqual(before);
    expect(await leftovers(target)).toEqual([]);
    // the next run writes
    expect(await writeOutput(target, NEW)).toMatchObject({ wrote: true });
  });

  it('exits 130 from the CLI and says nothing was written', async () => {
    const out = join(caseDir(), 'client');
    let stderr = '';
    const code = await main(['generate', '--spec', SPEC, '--out', out], {
      stdout: () => {},
      stderr: (text) => void (stderr += text),
      color: false,
      cwd: process.cwd(),
      signal: AbortSignal.abort(),
    });
    expect(code).toBe(130);
    expect(stderr).toBe('sdkgen: interrupted; nothing was written (the output folder is as it was).\n');
    expect(await snapshotOrAbsent(out)).toBe('absent');
  });
});
