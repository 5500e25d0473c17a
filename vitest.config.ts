import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Golden and runtime tests spawn processes; two workers match the CI machine's two cores.
    maxWorkers: 2,
  },
});
