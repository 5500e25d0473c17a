// A kill -9 at any file operation of a write loses nothing: for EVERY file-system change a write
// makes, a real child process running the real writer is SIGKILLed just before it; the folder
// is then always the old tree, the new tree, or a committed transaction, the user's entries are
// always in place, and the next run (a write, or --check) recovers it completely.
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOutput, writeOutput } from '../../generator/write/write-output.js';
import { killHarness, type KillHarness } from './kill-harness.js';
import { leftovers, snapshotOrAbsent, snapshotTree } from './tree-snapshot.js';
import { NEW, setUpCase, USER, type CaseKind } from './write-cases.js';

let work: string;
let harness: KillHarness;
let cases = 0;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sdkgen-kill-'));
  harness = await killHarness(join(work, 'harness'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const setUp = (kind: CaseKind) => setUpCase(join(work, `case-${cases++}`), kind);

async function isCommitted(target: string): Promise<boolean> {
  for (const name of await leftovers(target)) {
    if ((await readdir(join(dirname(target), name))).includes('journal.json')) return true;
  }
  return false;
}

/** Runs `task` for 1..count, `width` at a time (each kill point is its own child process). */
async function forEachPoint(count: number, task: (point: number) => Promise<void>, width = 3): Promise<void> {
  let next = 1;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next <= count) await task(next++);
    }),
  );
}

describe.each(['existing', 'fresh'] as const)('a write killed at any file operation (%s output folder)', (kind) => {
  let before: Record<string, string> | 'absent';
  let after: Record<string, string>;
  let operations: number;
  /** Kill points that left a committed transaction (the recovery rolls it forward). */
  const committedPoints: number[] = [];

  beforeAll(async () => {
    const target = await setUp(kind);
    before = await snapshotOrAbsent(target);
    const run = await harness.run(target, NEW);
    expect(run.killed || run.failed, run.stderr).toBe(false);
    operations = run.operations;
    after = await snapshotTree(target);
    // the finished write is a clean generation plus the user's entries, byte for byte
    const clean = join(work, `clean-${cases++}`, 'client');
    await writeOutput(clean, NEW);
    expect(after).toEqual({ ...(await snapshotTree(clean)), ...(kind === 'existing' ? USER : {}) });
    expect(await leftovers(target)).toEqual([]);
  });

  it('counts the file operations exactly', async () => {
    expect(operations).toBeGreaterThan(kind === 'existing' ? 20 : 10);
    const target = await setUp(kind);
    const run = await harness.run(target, NEW, { killAt: operations + 1 });
    expect(run.killed).toBe(false);
    expect(await snapshotTree(target)).toEqual(after);
  });

  it('leaves the old tree, the new tree or a committed transaction, and the next run finishes it', async () => {
    const outcomes = { old: 0, new: 0, committed: 0 };
    await forEachPoint(operations, async (killAt) => {
      const target = await setUp(kind);
      const run = await harness.run(target, NEW, { killAt });
      expect(run.killed, `kill at operation ${killAt}`).toBe(true);

      const now = await snapshotOrAbsent(target);
      if (kind === 'existing') {
        expect(now).not.toBe('absent');
        for (const [path, text] of Object.entries(USER))
          expect((now as Record<string, string>)[path], `${path} after a kill at ${killAt}`).toBe(text);
      }
      if (await isCommitted(target)) {
        outcomes.committed++;
        committedPoints.push(killAt);
      } else if (JSON.stringify(now) === JSON.stringify(before)) outcomes.old++;
      else {
        expect(now, `after a kill at operation ${killAt}, without a committed transaction`).toEqual(after);
        outcomes.new++;
      }

      // odd kill points are recovered by --check first, even ones by the write itself
      if (killAt % 2 === 1) {
        const difference = await checkOutput(target, NEW);
        expect(await leftovers(target), `--check after a kill at ${killAt}`).toEqual([]);
        const isCurrent = difference.created.length + difference.changed.length + difference.deleted.length === 0;
        expect(isCurrent).toBe(JSON.stringify(await snapshotOrAbsent(target)) === JSON.stringify(after));
      }
      await writeOutput(target, NEW);
      expect(await snapshotTree(target), `after a kill at operation ${killAt} and a new run`).toEqual(after);
      expect(await leftovers(target)).toEqual([]);
    });
    // every kind of intermediate state was reached
    expect(outcomes.old).toBeGreaterThan(0);
    expect(outcomes.committed).toBeGreaterThan(0);
    expect(outcomes.old + outcomes.new + outcomes.committed).toBe(operations);
  });

  it('a kill during the recovery is recovered by the run after it (at every operation of the recovery)', async () => {
    // the middle committed kill point found above: part of the files moved in, part not
    const midway = [...committedPoints].sort((a, b) => a - b)[Math.floor(committedPoints.length / 2)];
    expect(midway).toBeDefined();
    const probe = await setUp(kind);
    expect((await harness.run(probe, NEW, { killAt: midway! })).killed).toBe(true);
    const recovery = await harness.run(probe, NEW);
    expect(recovery.operations).toBeGreaterThan(0);
    expect(await snapshotTree(probe)).toEqual(after);
    const interrupted = await setUp(kind);
    expect((await harness.run(interrupted, NEW, { killAt: midway! })).killed).toBe(true);
    await forEachPoint(recovery.operations, async (second) => {
      // a copy of the interrupted state (the transaction beside the folder names no absolute path)
      const target = join(work, `case-${cases++}`, 'client');
      await cp(dirname(interrupted), dirname(target), { recursive: true, verbatimSymlinks: true });
      expect((await harness.run(target, NEW, { killAt: second })).killed).toBe(true);
      if (kind === 'existing') {
        const now = await snapshotTree(target);
        for (const [path, text] of Object.entries(USER)) expect(now[path]).toBe(text);
      }
      await writeOutput(target, NEW);
      expect(await snapshotTree(target)).toEqual(after);
      expect(await leftovers(target)).toEqual([]);
    });
  });

  it('an error at any file operation leaves the folder exactly as it was, with a clear error', async () => {
    const results = await harness.faultLoop(join(work, `faults-${kind}`), kind);
    expect(results.length).toBe(operations);
    for (const result of results) {
      const where = `an error at operation ${result.failAt}`;
      if (result.error !== undefined) {
        expect(result.isUnchanged, where).toBe(true);
        expect(result.leftovers, where).toEqual([]);
        // a file-system error the CLI prints as "cannot <syscall> <path>: <code>", or a usage error
        expect(result.error.name === 'UsageError' || (result.error.code === 'EIO' && result.error.syscall !== undefined), where).toBe(true);
      } else {
        // only removing the finished transaction failed: the write is complete
        expect(result.after, where).toEqual(after);
      }
      expect(result.recovered, where).toEqual(after);
      expect(result.leftoversAfterRecovery, where).toEqual([]);
    }
  });
});
