import { defineConfig } from 'vitest/config';

// `npm run test:corpus`: the heavy suites that `npm test` leaves out: the real-spec corpus
// (test/corpus/) and the whole OpenAI API (test/openai/), one worker each, side by side.
export default defineConfig({
  test: {
    include: ['test/corpus/**/*.test.ts', 'test/openai/**/*.test.ts'],
    // a guard against hangs only: on a loaded 2-core machine one OpenAI test can take minutes
    testTimeout: 10 * 60_000,
    hookTimeout: 30 * 60_000,
    maxWorkers: 2,
    globalSetup: ['test/support/temp-root.ts'],
  },
});
