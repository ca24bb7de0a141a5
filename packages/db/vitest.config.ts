import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real PostgreSQL: databases are created, migrated and dropped per file.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
