// How soon V8 optimizes the sdkgen executable's functions. V8 tunes its tiering for long-lived
// programs: a function is queued for its optimizing compiler after about 66 KB of its bytecode
// has run. A generation is a batch job of a few seconds that runs a great deal of code a few
// times, and on a small machine the compiler's background threads then took the CPU the run
// needed: on the whole OpenAI spec (2 cores), they used 2.7 of the run's 5.6 CPU seconds. With
// 8 times the budget the same run took 2.6–2.8 s instead of 3.2–3.4 s, and 4.2–4.5 CPU seconds;
// a small spec's run and a --watch edit got faster too (benchmarks: `npm run bench:generate`).
// Only the executable sets it, for its own process: the library (`generate()`) never changes
// its host's V8 flags.

/** V8's default interrupt budget (bytes of bytecode run between tiering checks), times 8. */
export const INTERRUPT_BUDGET = 8 * 67_584;

/** The flag as V8 reads it: `-` and `_` are one. */
const GIVEN = /^--interrupt[-_]budget(=|$)/;

/**
 * The V8 flag the executable sets at start, or undefined when node was started with one of
 * its own (`node --interrupt-budget=… sdkgen`, for measuring): that choice is kept.
 */
export function interruptBudgetFlag(execArgv: readonly string[]): string | undefined {
  return execArgv.some((arg) => GIVEN.test(arg)) ? undefined : `--interrupt-budget=${INTERRUPT_BUDGET}`;
}
