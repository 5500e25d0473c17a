// The V8 settings the sdkgen executable gives its own process. V8 tunes itself for long-lived
// programs; a generation is a batch job of a few seconds that runs a great deal of code a few
// times and keeps most of what it allocates until it writes. Only the executable sets them: the
// library (`generate()`) never changes its host's flags, and a flag given on node's own command
// line (`node --heap-growing-percent=… sdkgen`, for measuring) is kept.
//
// Measured on the whole OpenAI spec, 2 cores, beside V8's defaults (`npm run bench:generate`):
// - Tier-up 8 times later. V8's optimizing compilers had queued most of the run's hot functions,
//   and their background threads used 2.7 of its 5.6 CPU seconds (Node 20). The run took
//   2.6–2.8 s instead of 3.2–3.4 s on Node 20, 2.7–2.9 s instead of 3.1–3.5 s on Node 22 and
//   2.8 s instead of 3.0–3.1 s on Node 24 (Node 26: the same time); a small spec's run and a
//   --watch edit got faster too. V8 11 (Node 20) counts the bytecode a function runs
//   (`--interrupt-budget`), V8 12 and later its calls (`--invocation-count-for-…`).
// - `--heap-growing-percent=10`: the old generation grows by a tenth past what survived a
//   collection, where V8 lets it grow by up to 4 times while collections look cheap. Peak RSS
//   on Node 20 236 MiB instead of 267, for about 0.1 s; with the tier-up flags, Node 22 260
//   instead of 300 MiB, Node 24 360 instead of 406–425 MiB, Node 26 305 instead of 368 MiB.
//   A `--watch` session keeps none of this: it holds the last run's parse, IR and output, which
//   a tenth's growth collects again and again. After a description edit of the whole OpenAI
//   spec, a run took 635–987 ms with it and 521–797 ms without (8 edits in a row, 2 sessions
//   each); `bench:generate`'s watch rows, 714 and 577 ms. Without it, such a session peaked at
//   562 instead of 296 MiB, its resident size rising and falling between about 390 and 570 MiB.
//   So the session collects each run's garbage itself once the run is done and no save has come
//   for a tenth of a second (exposedCollection, cli.ts): its resident size then stays at 250–280 MiB
//   between edits (24 edits, 2.5 s apart; peak 323 MiB), and a description edit took 523 ms
//   against 535 ms without the collection (`bench:generate`, back to back: peak 336 and 619 MiB).
// A V8 whose flags were not measured (a major version past the table) gets none: its flags may
// have other names, and V8 prints an error for an unknown one on every run.

import { runInNewContext } from 'node:vm';

type Flags = readonly (readonly [string, number])[];

/** V8 12–14: 8 times the default calls before Maglev (on by default from Node 24) and TurboFan optimize a function. */
const LATER_TIER_UP: Flags = [
  ['invocation-count-for-maglev', 8 * 400],
  ['invocation-count-for-turbofan', 8 * 3_000],
];

/** The tier-up flags by V8 major version. */
const TIER_UP_BY_V8: Readonly<Record<number, Flags>> = {
  // 8 times the default: bytes of a function's bytecode run between tiering checks
  11: [['interrupt-budget', 8 * 67_584]],
  12: LATER_TIER_UP,
  13: LATER_TIER_UP,
  14: LATER_TIER_UP,
};

const HEAP: Flags = [['heap-growing-percent', 10]];

/**
 * The V8 flags for `v8.setFlagsFromString`, one per element: each flag of this V8 version
 * (`process.versions.v8`) that node was not started with (V8 reads `-` and `_` in a flag's name
 * as one). The tier-up flags, then the heap's, which a `--watch` session (`args`, the command
 * line after node's) does without.
 */
export function v8Flags(execArgv: readonly string[], v8Version: string, args: readonly string[] = []): string[] {
  const heap = isMeasured(v8Version) && !args.includes('--watch') ? notGiven(HEAP, execArgv) : [];
  return [...tierUpFlags(execArgv, v8Version), ...heap];
}

/**
 * The tier-up flags alone, for a worker's `execArgv` (the test workers): a run that wants time,
 * not memory, leaves the heap as V8 sizes it.
 */
export function tierUpFlags(execArgv: readonly string[], v8Version: string): string[] {
  return notGiven(TIER_UP_BY_V8[majorOf(v8Version)] ?? [], execArgv);
}

function majorOf(v8Version: string): number {
  return Number.parseInt(v8Version, 10);
}

function isMeasured(v8Version: string): boolean {
  return TIER_UP_BY_V8[majorOf(v8Version)] !== undefined;
}

function notGiven(flags: Flags, execArgv: readonly string[]): string[] {
  const given = new Set(execArgv.map((arg) => /^--([^=]+)/.exec(arg)?.[1]?.replaceAll('_', '-')));
  return flags.filter(([name]) => !given.has(name)).map(([name, value]) => `--${name}=${value}`);
}

/**
 * V8's full collection, for a `--watch` session to run while it waits for the next save, once
 * `--expose-gc` is set (bin.ts sets it for such a session); undefined before. The flag gives the
 * collector to contexts made after it: it is taken from a new one.
 */
export function exposedCollection(): (() => void) | undefined {
  const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
  return typeof gc === 'function' ? () => void gc() : undefined;
}
