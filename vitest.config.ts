import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // `npm run test:corpus` (vitest.corpus.config.ts), run by .ci/run after this: the real-spec
    // corpus and the whole OpenAI API (generated, compiled, called, its examples checked)
    exclude: ['test/corpus/**', 'test/openai/**', '**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Golden and runtime tests spawn processes; two workers match the CI machine's two cores.
    maxWorkers: 2,
    // every temp folder of the run is made under one folder that is removed at the end
    globalSetup: ['test/support/temp-root.ts'],
  },
});
