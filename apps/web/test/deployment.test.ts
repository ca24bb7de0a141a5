import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { STANDALONE_COMMAND } from '../e2e/standalone';

// No Docker engine runs here, so what can be checked without one is checked: the compose file parses and wires
// the stack as documented, and the image starts the server exactly as the browser tests do.
const root = path.resolve(import.meta.dirname, '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

interface Service {
  profiles?: string[];
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
}

// Compose applies YAML merge keys (web2 is web1's settings).
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };

it("the image's start command is the one the browser tests start the standalone server with", () => {
  const cmd = read('Dockerfile')
    .split('\n')
    .filter((line) => line.startsWith('CMD '))
    .map((line) => JSON.parse(line.slice(4)) as string[]);
  expect(cmd).toEqual([[...STANDALONE_COMMAND]]);
});

it('the image runs as an unprivileged user and carries no dev dependencies or build tools', () => {
  const dockerfile = read('Dockerfile');
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  expect(runtime).toMatch(/\nUSER node\n/);
  // Only the standalone output, the migrations and the migrate command's own files reach the last stage.
  expect(runtime).not.toMatch(/npm (ci|install)|COPY \. /);
  for (const copied of runtime.matchAll(/COPY --from=build \S+ (\S+)/g)) {
    expect(copied[1]).toMatch(
      /^\/app\/(apps\/web\/\.next\/standalone|prisma|packages\/db\/dist\/migrate\.mjs|node_modules\/@prisma\/schema-engine-wasm)$/,
    );
  }
});

it('the scale profile runs PostgreSQL, the pooler, a one-shot migrate, two nodes and nginx', () => {
  const { services } = compose;
  const scaled = Object.entries(services).filter(([, s]) => s.profiles?.includes('scale'));
  expect(scaled.map(([name]) => name).sort()).toEqual(['migrate', 'nginx', 'pgbouncer', 'web1', 'web2']);
  expect(services.postgres?.image).toMatch(/^postgres:/);

  // Migrations run once, before the nodes, and the nodes never run them.
  expect(services.migrate?.command).toEqual(['node', 'packages/db/src/migrate/migrate.mjs', 'deploy']);
  for (const node of ['web1', 'web2']) {
    const web = services[node]!;
    expect(web.image).toBe(services.migrate?.image);
    expect(web.command).toBeUndefined();
    expect(web.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    // Queries through the transaction pooler, LISTEN on the direct server.
    expect(web.environment?.DATABASE_URL).toMatch(/@pgbouncer:\d+\/lumi\?pgbouncer=true$/);
    expect(web.environment?.DIRECT_DATABASE_URL).toMatch(/@postgres:\d+\/lumi$/);
  }
  expect(services.pgbouncer?.environment?.POOL_MODE).toBe('transaction');
});

it('nginx balances the two nodes round robin, streams replies unbuffered and hides metrics', () => {
  const mounted = compose.services.nginx?.volumes?.map((volume) => volume.split(':')[0]!) ?? [];
  expect(mounted.sort()).toEqual(['./deploy/nginx/compose.conf', './deploy/nginx/lumi-proxy.conf']);
  const upstream = read('deploy/nginx/compose.conf');
  expect(upstream).toMatch(/server web1:3000[^;]*;\s*server web2:3000/);
  expect(upstream).not.toMatch(/^\s*(ip_hash|hash|sticky|least_conn)\b/m);
  expect(upstream).toMatch(/location = \/api\/metrics \{\s*return 404;/);
  expect(upstream).toMatch(/include \/etc\/nginx\/lumi\/lumi-proxy\.conf;\s*proxy_pass http:\/\/lumi;/);
  const proxy = read('deploy/nginx/lumi-proxy.conf');
  expect(proxy).toMatch(/^proxy_buffering off;$/m);
  expect(proxy).toMatch(/^proxy_http_version 1\.1;$/m);
});
