import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    pool: 'forks',
    // Test files share a worker's loaded modules: the modules hold no state a test depends on,
    // and loading them again for each of 100-odd files took about half of the run.
    isolate: false,
    // One worker per core (vitest's default leaves one core free): most of a test's time is spent
    // waiting on a child process or the fake CircleCI, so a 2-core machine runs twice as fast.
    maxWorkers: availableParallelism(),
  },
});
