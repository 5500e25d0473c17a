import { defineConfig } from 'vitest/config';
import { tierUpFlags } from './generator/v8-flags.js';
import { HEAVY_SUITES } from './test/support/suites.js';

// `npm run test:heavy`: the suites that `npm test` leaves out (test/support/suites.ts says which
// and why), two workers side by side.
export default defineConfig({
  test: {
    include: [...HEAVY_SUITES],
    // a guard against hangs only: on a loaded 2-core machine one OpenAI test can take minutes
    testTimeout: 10 * 60_000,
    hookTimeout: 30 * 60_000,
    maxWorkers: 2,
    // as in vitest.config.ts: V8 tiers up later, as for the sdkgen executable
    execArgv: tierUpFlags(process.execArgv, process.versions.v8),
    globalSetup: ['test/support/temp-root.ts'],
  },
});
