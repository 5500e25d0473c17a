// The executable tunes V8 for its own process (generator/v8-flags.ts): flags by V8 version, since
// their names changed (an unknown one is an error message on every run); a flag given on node's
// command line is the user's and is kept.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tierUpFlags, v8Flags } from '../../generator/v8-flags.js';
import { requireRuntime, RUNTIMES } from '../multi-runtime/support/runtimes.js';

const V8_11 = '11.3.244.8-node.33';
const V8_13 = '13.6.233.17-node.39';

describe('v8Flags', () => {
  it('tiers up later and grows the heap less, with the flags of each V8', () => {
    expect(v8Flags([], V8_11)).toEqual(['--interrupt-budget=540672', '--heap-growing-percent=10']);
    expect(v8Flags([], V8_13)).toEqual([
      '--invocation-count-for-maglev=3200',
      '--invocation-count-for-turbofan=24000',
      '--heap-growing-percent=10',
    ]);
    expect(v8Flags(['--enable-source-maps', '--max-old-space-size=4096', '--cpu-prof'], V8_11)).toEqual(v8Flags([], V8_11));
  });

  it('leaves the heap as V8 sizes it in a --watch session, which keeps its runs’ work', () => {
    expect(v8Flags([], V8_11, ['generate', '--spec', 'api.yaml', '--watch'])).toEqual(['--interrupt-budget=540672']);
    expect(v8Flags([], V8_13, ['generate', '--watch'])).toEqual(tierUpFlags([], V8_13));
    expect(v8Flags([], V8_11, ['generate', '--spec', 'api.yaml'])).toEqual(v8Flags([], V8_11));
  });

  it('gives the test workers the tier-up flags alone', () => {
    expect(tierUpFlags([], V8_11)).toEqual(['--interrupt-budget=540672']);
    expect(tierUpFlags(['--invocation-count-for-maglev=1'], V8_13)).toEqual(['--invocation-count-for-turbofan=24000']);
    expect(tierUpFlags([], '15.0.1')).toEqual([]);
  });

  it('sets nothing on a V8 it was not measured on (its flags may have other names)', () => {
    expect(v8Flags([], '10.2.154.26-node.22')).toEqual([]);
    expect(v8Flags([], '15.0.1')).toEqual([]);
    expect(v8Flags([], '')).toEqual([]);
  });

  it("keeps the user's own value of a flag, in either spelling", () => {
    expect(v8Flags(['--interrupt-budget=1000'], V8_11)).toEqual(['--heap-growing-percent=10']);
    expect(v8Flags(['--interrupt_budget=1000'], V8_11)).toEqual(['--heap-growing-percent=10']);
    expect(v8Flags(['--heap-growing-percent=50', '--interrupt-budget'], V8_11)).toEqual([]);
    expect(v8Flags(['--invocation_count_for_turbofan=5'], V8_13)).toEqual([
      '--invocation-count-for-maglev=3200',
      '--heap-growing-percent=10',
    ]);
    // a longer flag that merely starts the same way is another flag
    expect(v8Flags(['--interrupt-budget-for-feedback-allocation=940'], V8_11)).toEqual(v8Flags([], V8_11));
  });

  // setFlagsFromString prints an error for a flag V8 does not know and goes on; node refuses
  // one on its command line, so starting each node with its flags shows that it knows them all
  it.for([RUNTIMES.node, RUNTIMES.node22, RUNTIMES.node24])('gives $name only flags its V8 knows', (runtime, context) => {
    const node = requireRuntime(context, runtime);
    const version = spawnSync(node, ['-p', 'process.versions.v8'], { encoding: 'utf8' }).stdout.trim();
    const flags = v8Flags([], version);
    expect(flags.length, `V8 ${version}`).toBeGreaterThan(0);
    const result = spawnSync(node, [...flags, '-e', 'require("node:v8")'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('exposedCollection', () => {
  // in child processes: --expose-gc is set for the process it runs in
  const run = (exposes: boolean) => {
    const script = `
      ${exposes ? "(await import('node:v8')).setFlagsFromString('--expose-gc');" : ''}
      const { exposedCollection } = await import(${JSON.stringify(new URL('../../generator/v8-flags.ts', import.meta.url).href)});
      const collect = exposedCollection();
      let garbage = [];
      for (let i = 0; i < 200000; i++) garbage.push({ i, text: 'item ' + i });
      const before = process.memoryUsage().heapUsed;
      garbage = undefined;
      collect?.();
      console.log(JSON.stringify({ kind: typeof collect, before, after: process.memoryUsage().heapUsed }));`;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as { kind: string; before: number; after: number };
  };

  it("gives a --watch session V8's full collection, which frees what nothing holds", () => {
    const { kind, before, after } = run(true);
    expect(kind).toBe('function');
    // 200,000 objects and strings are megabytes; a full collection frees them all
    expect(before - after).toBeGreaterThan(5_000_000);
  });

  it('gives none before --expose-gc is set', () => {
    expect(run(false).kind).toBe('undefined');
  });
});
