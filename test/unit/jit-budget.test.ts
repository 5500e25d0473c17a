// The executable raises V8's interrupt budget for its own process (generator/jit-budget.ts); a
// budget given on node's command line is the user's and is kept.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { INTERRUPT_BUDGET, interruptBudgetFlag } from '../../generator/jit-budget.js';

describe('interruptBudgetFlag', () => {
  it('raises the budget when node was started without one', () => {
    expect(interruptBudgetFlag([])).toBe(`--interrupt-budget=${INTERRUPT_BUDGET}`);
    expect(interruptBudgetFlag(['--enable-source-maps', '--max-old-space-size=4096'])).toBe(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  });

  it("keeps the user's own budget, in either spelling", () => {
    for (const given of ['--interrupt-budget=1000', '--interrupt_budget=1000', '--interrupt-budget'])
      expect(interruptBudgetFlag(['--cpu-prof', given])).toBeUndefined();
    // a longer flag that merely starts the same way is not the budget
    expect(interruptBudgetFlag(['--interrupt-budget-for-feedback-allocation=940'])).toBe(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  });

  it('is a flag this node accepts at run time', () => {
    // setFlagsFromString ignores a flag it does not know; node rejects one on its command line
    const result = spawnSync(process.execPath, [interruptBudgetFlag([])!, '-e', '0'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
