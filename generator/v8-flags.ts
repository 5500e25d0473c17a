// The V8 settings the sdkgen executable gives its own process. V8 tunes itself for long-lived
// programs; a generation is a batch job of a few seconds that runs a great deal of code a few
// times and keeps most of what it allocates until it writes. Only the executable sets them: the
// library (`generate()`) never changes its host's flags, and a flag given on node's own command
// line (`node --interrupt-budget=… sdkgen`, for measuring) is kept.
//
// Measured on the whole OpenAI spec, 2 cores, beside V8's defaults (`npm run bench:generate`):
// - `--interrupt-budget`, 8 times V8's (about 66 KB of a function's bytecode run before it is
//   queued for the optimizing compiler): the compiler's background threads had used 2.7 of the
//   run's 5.6 CPU seconds. The run took 2.6–2.8 s instead of 3.2–3.4 s, and 4.2 CPU seconds; a
//   small spec's run and a --watch edit got faster too.
// - `--heap-growing-percent=10`: the old generation grows by a tenth past what survives a
//   collection, where V8 lets it grow by up to 4 times while collections look cheap. Peak RSS
//   235–237 MiB instead of 267–269, for about 0.1 s more.

/** V8's default interrupt budget (bytes of bytecode run between tiering checks), times 8. */
export const INTERRUPT_BUDGET = 8 * 67_584;

/** How much the old generation may grow past what survived the last collection, in percent. */
export const HEAP_GROWING_PERCENT = 10;

const FLAGS = [
  ['interrupt-budget', INTERRUPT_BUDGET],
  ['heap-growing-percent', HEAP_GROWING_PERCENT],
] as const;

/**
 * The V8 flags for `v8.setFlagsFromString`, one per element: each of FLAGS that node was not
 * started with (V8 reads `-` and `_` in a flag's name as one).
 */
export function v8Flags(execArgv: readonly string[]): string[] {
  const given = new Set(execArgv.map((arg) => /^--([^=]+)/.exec(arg)?.[1]?.replaceAll('_', '-')));
  return FLAGS.filter(([name]) => !given.has(name)).map(([name, value]) => `--${name}=${value}`);
}
