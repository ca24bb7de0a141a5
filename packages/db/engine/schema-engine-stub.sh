#!/bin/sh
# Stand-in for Prisma's native schema-engine, which cannot be downloaded here.
# `prisma generate` only checks that this path exists; migrations run through
# Prisma's WebAssembly schema engine (packages/db/src/migrate).
echo "The native Prisma schema engine is not installed; use npm run db:migrate:* instead." >&2
exit 1
