import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, stopChild, waitForPort } from '@lumi/db/harness/process';

export const NGINX_BIN = '/usr/sbin/nginx';
/** A request carrying this cookie with a node's port goes to that node; without it, round robin. */
export const PIN_COOKIE = 'lumi_e2e_node';

const PROXY_SETTINGS = path.resolve(import.meta.dirname, '../../../deploy/nginx/lumi-proxy.conf');

export interface RunningNginx {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Debian's nginx as a child process with a config of its own, balancing `nodes` (ports on 127.0.0.1) round robin
 * with the production proxy settings (deploy/nginx/lumi-proxy.conf). Each answer names the node that served it in
 * X-Lumi-Node, and a test may pin its requests to one node with the PIN_COOKIE cookie.
 */
export async function startNginx(nodes: number[], options: { port?: number } = {}): Promise<RunningNginx> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lumi-nginx-'));
  // As root the workers run as nobody and keep their temporary files here.
  chmodSync(dir, 0o777);
  const port = options.port ?? (await freePort());
  const config = path.join(dir, 'nginx.conf');
  writeFileSync(config, nginxConfig(dir, port, nodes));
  const child = spawn(NGINX_BIN, ['-c', config, '-p', dir, '-e', path.join(dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    await waitForPort(port, child);
  } catch (error) {
    child.kill('SIGKILL');
    const log = readFileSync(path.join(dir, 'error.log'), 'utf8');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`nginx did not start: ${(error as Error).message}\n${stderr}${log}`.trim());
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function nginxConfig(dir: string, port: number, nodes: number[]): string {
  const servers = nodes.map((node) => `    server 127.0.0.1:${node} max_fails=1 fail_timeout=2s;`).join('\n');
  const pins = nodes.map((node) => `    "${node}" 127.0.0.1:${node};`).join('\n');
  return `daemon off;
worker_processes 1;
# A client's request and its node's connection are a descriptor each; the default 1024 runs out near 400 students.
worker_rlimit_nofile 16384;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream lumi {
${servers}
    keepalive 32;
    # Below Node's keep-alive timeout (5 s): nginx must never send a request down a connection the node is closing
    # (a POST there is answered 502 and not retried), which nginx's default of 60 s allows.
    keepalive_timeout 4s;
  }
  map $cookie_${PIN_COOKIE} $lumi_backend {
    default lumi;
${pins}
  }
  server {
    # Every interface, as the nodes listen: addresses.spec.ts reaches the app under the machine's own address.
    listen ${port};
    location = /api/metrics {
      return 404;
    }
    location / {
      include ${PROXY_SETTINGS};
      add_header X-Lumi-Node $upstream_addr always;
      proxy_pass http://$lumi_backend;
    }
  }
}
`;
}
