import { defineConfig } from 'vitest/config';

// `npm run test:corpus`: the heavy suites that `npm test` leaves out (the real-spec corpus).
export default defineConfig({
  test: {
    include: ['test/corpus/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 30 * 60_000,
    maxWorkers: 1,
  },
});
