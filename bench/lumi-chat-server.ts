// A Node HTTP server mounting Lumi's browser-facing chat handler (the same function the Next.js route calls)
// for one fixed student, so benchmarks measure the platform without sign-in. Prints its port on stdout.
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createServices, handleSendMessage, type SessionUser } from '@lumi/api';

const services = createServices(process.env);
const user: SessionUser = { id: process.env.BENCH_USER_ID!, role: 'STUDENT', name: 'Bench' };

// GET /__loop: this process's event-loop utilization and delay since the last call, so a benchmark can show
// whether time to first token was lost queueing behind other streams' work.
const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
let lastElu = performance.eventLoopUtilization();
function loopStats() {
  const elu = performance.eventLoopUtilization(lastElu);
  lastElu = performance.eventLoopUtilization();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  const stats = {
    utilization: elu.utilization,
    delayP50: ms(delay.percentile(50)),
    delayP99: ms(delay.percentile(99)),
    delayMax: ms(delay.max),
  };
  delay.reset();
  return stats;
}

const server = createServer((req, res) => void serve(req, res));

async function serve(req: IncomingMessage, res: ServerResponse) {
  if (req.url === '/__loop') return void res.end(JSON.stringify(loopStats()));
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const abort = new AbortController();
  res.on('close', () => abort.abort());
  const response = await handleSendMessage(
    new Request('http://bench/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.concat(chunks),
      signal: abort.signal,
    }),
    services,
    user,
  );
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (response.body) for await (const chunk of response.body) res.write(chunk);
  res.end();
}
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(typeof address === 'object' && address ? address.port : 0);
});
// BENCH_PROFILE=<file.cpuprofile> records a CPU profile of the server for the whole run.
const profile = process.env.BENCH_PROFILE;
const inspector = new Session();
if (profile) {
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.start');
}
process.on('SIGTERM', () => void stopped());
async function stopped() {
  if (profile) writeFileSync(profile, JSON.stringify((await inspector.post('Profiler.stop')).profile));
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
