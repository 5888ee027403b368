import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser scenarios take 10–30 s on 2 cores; a hang still fails well within CI's limit.
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // Browser and socket tests share ports and CPU on a 2-core machine: files run one at a time.
    fileParallelism: false,
  },
});
