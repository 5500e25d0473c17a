import { defineConfig } from 'vitest/config';
import { tierUpFlags } from './generator/v8-flags.js';
import { HEAVY_SUITES } from './test/support/suites.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // the heavy suites are `npm run test:heavy` (vitest.heavy.config.ts), run by .ci/run after this
    exclude: [...HEAVY_SUITES, '**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Golden and runtime tests spawn processes; two workers match the CI machine's two cores.
    maxWorkers: 2,
    // One module graph per worker, not per file: the generator, TypeScript and prettier load once
    // per worker instead of once per file (a third of the suite's CPU time). A file that mocks a
    // module resets the graph itself (test/write/rollback.test.ts).
    isolate: false,
    // the workers run generations in process: V8 tiers up later, as for the sdkgen executable
    // (generator/v8-flags.ts), and its optimizing compiler takes less of the two cores (the suite
    // on Node 20: 74 s -> 59-64 s). Not the heap flag: it trades time for memory (70 s with it).
    execArgv: tierUpFlags(process.execArgv, process.versions.v8),
    // every temp folder of the run is made under one folder that is removed at the end
    globalSetup: ['test/support/temp-root.ts'],
  },
});
