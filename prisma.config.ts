import path from 'node:path';
import { defineConfig } from 'prisma/config';

// The native schema engine cannot be downloaded on offline machines; `prisma generate`
// only needs the path to exist. A real binary, where one is installed, wins.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, 'packages/db/engine/schema-engine-stub.sh');

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
    seed: 'npm run seed -w @lumi/db',
  },
  // `env()` would throw when DATABASE_URL is unset, which breaks `generate` on a fresh clone.
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
