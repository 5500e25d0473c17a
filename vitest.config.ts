import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // the real-spec corpus is `npm run test:corpus` (vitest.corpus.config.ts), run by .ci/run after this
    exclude: ['test/corpus/**', '**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Golden and runtime tests spawn processes; two workers match the CI machine's two cores.
    maxWorkers: 2,
  },
});
