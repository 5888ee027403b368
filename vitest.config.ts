import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Browser and socket tests share ports and CPU on a 2-core machine: files run one at a time.
    fileParallelism: false,
  },
});
