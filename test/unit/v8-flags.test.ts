// The executable tunes V8 for its own process (generator/v8-flags.ts); a flag given on node's
// command line is the user's and is kept.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, INTERRUPT_BUDGET, v8Flags } from '../../generator/v8-flags.js';

const ALL = [`--interrupt-budget=${INTERRUPT_BUDGET}`, `--heap-growing-percent=${HEAP_GROWING_PERCENT}`];

describe('v8Flags', () => {
  it('sets every flag that node was started without', () => {
    expect(v8Flags([])).toEqual(ALL);
    expect(v8Flags(['--enable-source-maps', '--max-old-space-size=4096', '--cpu-prof'])).toEqual(ALL);
  });

  it("keeps the user's own value of a flag, in either spelling", () => {
    expect(v8Flags(['--interrupt-budget=1000'])).toEqual([ALL[1]]);
    expect(v8Flags(['--interrupt_budget=1000'])).toEqual([ALL[1]]);
    expect(v8Flags(['--heap-growing-percent=50', '--interrupt-budget'])).toEqual([]);
    // a longer flag that merely starts the same way is another flag
    expect(v8Flags(['--interrupt-budget-for-feedback-allocation=940'])).toEqual(ALL);
  });

  it('gives flags this node knows', () => {
    // setFlagsFromString ignores a flag it does not know; node refuses one on its command line
    const result = spawnSync(process.execPath, [...ALL, '-e', '0'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
