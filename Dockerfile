# Lumi's web node as an image: `docker build -t lumi .`
# The final stage holds Next's standalone server (only the files it reaches), the migrations and a bundled
# migrate command; no dev dependencies, no build tools, and it runs as the unprivileged `node` user.
# Migrations are their own one-shot command, run once per deploy before the nodes start (docker-compose.yml's
# `migrate` service): `docker run --rm -e DATABASE_URL=... lumi node packages/db/src/migrate/migrate.mjs deploy`.

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV CI=true NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1
COPY . .
RUN npm ci --no-audit --no-fund
# The web app's build ends with the standalone folder complete (static files copied in, see apps/web/package.json).
RUN npx turbo run build --filter=@lumi/web --output-logs=errors-only \
 && npm run bundle:migrate -w @lumi/db

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOSTNAME=0.0.0.0 PORT=3000
COPY --from=build --chown=node:node /app/apps/web/.next/standalone ./
# The migrate command is bundled into one file; it finds prisma/ four folders up, as from its source, and loads
# the schema engine (WebAssembly) from node_modules.
COPY --from=build --chown=node:node /app/prisma ./prisma
COPY --from=build --chown=node:node /app/packages/db/dist/migrate.mjs ./packages/db/src/migrate/migrate.mjs
COPY --from=build --chown=node:node /app/node_modules/@prisma/schema-engine-wasm ./node_modules/@prisma/schema-engine-wasm
USER node
EXPOSE 3000
# Liveness only: a node whose database is down stays up (and reports it through /api/health/ready).
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The same command the browser tests start the server with (apps/web/e2e/standalone.ts).
CMD ["node", "apps/web/server.js"]
