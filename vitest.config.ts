import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Many tests start the built binary several times; on a busy 2-core machine a file of them
    // can take minutes. The timeouts are a safety net against a hang, not a speed check.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most test time is spent waiting on the binary the tests start, so two files at a time keep
    // both cores of a 2-core machine busy (vitest's default there is one).
    maxWorkers: 2,
    minWorkers: 1,
  },
});
