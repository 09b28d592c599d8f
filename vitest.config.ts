import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // jieba and the rule files load once per worker; two cores, two workers.
    pool: 'threads',
    testTimeout: 60_000,
    // Builds under test start cold and leave no cache; test/build/cache.test.ts turns it on in its own folder.
    env: { CHATKB_CACHE: 'off' },
  },
});
