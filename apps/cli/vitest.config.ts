import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each test starts the real CLI (tsx + tokenizer load) once or more; the machine has 2 shared cores.
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
