import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // jieba and the rule files load once per worker; two cores, two workers.
    pool: 'threads',
    testTimeout: 60_000,
  },
});
