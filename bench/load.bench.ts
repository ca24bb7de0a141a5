// Load test of the scaled-out deployment against one plain node, side by side in one run. Each topology gets a
// fresh database and BENCH_STUDENTS (400) simulated students who send, read the streamed reply, think, and send
// again for BENCH_SECONDS (120), against a fake model paced like a real one (first token after ~300 ms, then ~30
// tokens/s):
//   single    one node, straight to PostgreSQL (no pooler, no balancer)
//   balanced  two nodes behind nginx (round robin), their queries through PgBouncer 1.18 in transaction mode
// It counts what must be zero (lost messages, replies left streaming, budget overspend, usage rows that differ from
// the upstream's counts, 5xx) and reports time to first token, completed turns per second and CPU per turn.
// Run: npm run load -w @lumi/bench [-- --students 100 --seconds 60 --topologies single,balanced]
//   (needs a built web app, and Debian's pgbouncer and nginx; DATABASE_URL's server, default the local PostgreSQL).
//   The BENCH_STUDENTS, BENCH_SECONDS and BENCH_TOPOLOGIES variables set the same.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { hash } from '@node-rs/argon2';
import type { PrismaClient } from '@lumi/db';
import { startPgBouncer, type RunningPgBouncer } from '@lumi/db/harness/pgbouncer';
import { freePort, stopChild, waitForPort } from '@lumi/db/harness/process';
import { createTestDatabase } from '@lumi/db/testing';
import { startNginx, type RunningNginx } from '../scripts/lib/topology/nginx';

const { values: flags } = parseArgs({
  options: { students: { type: 'string' }, seconds: { type: 'string' }, topologies: { type: 'string' } },
});
const STUDENTS = Number(flags.students ?? process.env.BENCH_STUDENTS ?? 400);
const SECONDS = Number(flags.seconds ?? process.env.BENCH_SECONDS ?? 120);
const TOPOLOGIES = (flags.topologies ?? process.env.BENCH_TOPOLOGIES ?? 'single,balanced').split(',');
/** Students arrive over the first 10 s (a quarter of a shorter run) rather than in one instant. */
const ARRIVAL_MS = Math.min(10_000, (SECONDS * 1000) / 4);
const AUTH_SECRET = 'bench-secret-not-for-production-0123456789';
const PASSWORD = 'load-test-password-1';
/**
 * Most students are in a class whose budget outlasts the run, so turns per second measure the servers, not the
 * budgets; every tenth is in a class with a budget a busy student reaches, so refusals and overspend are exercised.
 */
const ROOMY_BUDGET = 5_000_000;
const TIGHT_BUDGET = 12_000;
const TIGHT_EVERY = 10;
/** About 100 tokens: one word a chunk at ~30 chunks a second after a ~300 ms first token. */
const PACING = {
  reply: Array.from({ length: 100 }, (_, i) => `step${i}`).join(' '),
  firstTokenDelayMs: 300,
  delayMs: 33,
};
const STANDALONE = path.resolve(import.meta.dirname, '../apps/web/.next/standalone');

const children = new Set<ChildProcess>();
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));

interface Turn {
  clientId: string;
  status: number;
  /** ms from the request to the first delta; null when none came. */
  ttftMs: number | null;
  end: 'done' | 'error' | 'refused' | 'broken';
  errorCode?: string;
}

interface Topology {
  url: string;
  nodes: ChildProcess[];
  stop(): Promise<void>;
}

async function main() {
  if (!existsSync(path.join(STANDALONE, 'apps/web/server.js'))) {
    throw new Error('no standalone build: run `npx turbo run build --filter=@lumi/web` first');
  }
  const load = () =>
    os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(' ');
  console.log(`load test: ${STUDENTS} students for ${SECONDS} s a topology; machine load ${load()} (1/5/15 min)`);
  const fake = await startFake();
  const results: Record<string, Record<string, string | number>> = {};
  try {
    for (const name of TOPOLOGIES) {
      results[name] = await measure(name, fake);
      console.log(`${name}: done; machine load ${load()}`);
    }
  } finally {
    await stopChild(fake.child);
  }
  printTable(results);
  const broken = Object.entries(results).flatMap(([name, row]) =>
    MUST_BE_ZERO.filter((key) => row[key] !== 0).map((key) => `${name}: ${key} = ${row[key]}`),
  );
  console.log(broken.length === 0 ? '\nEvery count that must be zero is zero.' : `\nNOT ZERO: ${broken.join('; ')}`);
  if (broken.length > 0) process.exitCode = 1;
}

const MUST_BE_ZERO = [
  'lost messages',
  'replies left streaming',
  'students over budget',
  'reservations left',
  'usage rows - upstream replies',
  'usage tokens - upstream tokens',
  '5xx',
];

async function measure(name: string, fake: { url: string; control: string }) {
  // A fresh database on DATABASE_URL's server (default the local PostgreSQL), made and migrated directly.
  const testDatabase = await createTestDatabase();
  const { directUrl, prisma: db } = testDatabase;
  const database = new URL(directUrl).pathname.slice(1);
  let topology: Topology | undefined;
  try {
    const seeded = await seed(db);
    await fetch(`${fake.control}/__control/reset`, { method: 'POST' });
    await fetch(`${fake.control}/__control/default`, { method: 'POST', body: JSON.stringify(PACING) });
    // Connections opened from here on are the topology's (the bench's own pool opened while seeding).
    const since = new Date();
    topology = name === 'single' ? await single(directUrl, fake.url) : await balanced(directUrl, fake.url);
    const students = await signIn(topology.url, seeded);
    const cpuBefore = topology.nodes.map((node) => cpuMs(node.pid!));
    const machineBefore = machineCpu();
    const postgresBefore = await backendCpu(db, database);
    const commitsBefore = await commits(db, database);
    const connections = sampleConnections(db, database, since);
    const memory = sampleMemory(topology.nodes.map((node) => node.pid!));
    const started = performance.now();
    const turns = (await Promise.all(students.map((student) => studentLoop(topology!.url, student)))).flat();
    const elapsed = (performance.now() - started) / 1000;
    const cpu = topology.nodes.reduce((sum, node, i) => sum + cpuMs(node.pid!) - cpuBefore[i]!, 0);
    const postgresAfter = await backendCpu(db, database);
    const postgres = [...postgresAfter].reduce((sum, [pid, ms]) => sum + ms - (postgresBefore.get(pid) ?? 0), 0);
    const machine = machineCpu();
    const machineBusy = (machine.busy - machineBefore.busy) / Math.max(machine.total - machineBefore.total, 1);
    if (turns.length === 0) throw new Error(`${name}: no student sent anything; is the run long enough?`);
    const peakConnections = await connections.stop();
    const peakMemory = memory.stop();
    const transactions = (await commits(db, database)) - commitsBefore;
    const checks = await check(db, fake.control, turns);
    const completed = turns.filter((t) => t.end === 'done').length;
    const ttft = turns.flatMap((t) => (t.ttftMs === null ? [] : [t.ttftMs]));
    return {
      'turns sent': turns.length,
      'turns completed': completed,
      'refused (budget, 429)': turns.filter((t) => t.end === 'refused').length,
      'completed turns / s': (completed / elapsed).toFixed(1),
      'first token p50 (ms)': Math.round(percentile(ttft, 50)),
      'first token p99 (ms)': Math.round(percentile(ttft, 99)),
      'node CPU per turn (ms)': (cpu / Math.max(completed, 1)).toFixed(1),
      'node CPU (cores busy)': (cpu / 1000 / elapsed).toFixed(2),
      'machine CPU busy (%)': Math.round(machineBusy * 100),
      'PostgreSQL CPU per turn (ms)': (postgres / Math.max(completed, 1)).toFixed(1),
      'node memory peak (MB RSS)': peakMemory,
      'database connections (peak)': peakConnections,
      'db transactions per turn': (transactions / Math.max(turns.length, 1)).toFixed(1),
      ...checks,
    };
  } finally {
    await topology?.stop();
    await testDatabase.drop();
  }
}

/** One teacher, a roomy and a tight class, and the students, each with a session (conversation). */
async function seed(db: PrismaClient) {
  const passwordHash = await hash(PASSWORD);
  const teacher = await db.user.create({ data: { email: 'teacher@load.test', name: 'T', role: 'TEACHER' } });
  const [roomy, tight] = await Promise.all(
    [
      { name: 'Load', joinCode: 'LOAD01', dailyTokenBudget: ROOMY_BUDGET },
      { name: 'Tight', joinCode: 'LOAD02', dailyTokenBudget: TIGHT_BUDGET },
    ].map((data) => db.class.create({ data: { ...data, teacherId: teacher.id } })),
  );
  await db.user.createMany({
    data: Array.from({ length: STUDENTS }, (_, i) => ({
      email: `s${i}@load.test`,
      name: `S${i}`,
      role: 'STUDENT' as const,
      passwordHash,
    })),
  });
  const users = await db.user.findMany({ where: { role: 'STUDENT' }, orderBy: { email: 'asc' } });
  const classOf = (i: number) => (i % TIGHT_EVERY === 0 ? tight! : roomy!);
  await db.enrollment.createMany({ data: users.map((u, i) => ({ classId: classOf(i).id, studentId: u.id })) });
  return Promise.all(
    users.map(async (user, i) => {
      const conversation = await db.conversation.create({
        data: { studentId: user.id, classId: classOf(i).id, model: 'gpt-4o-mini', mode: 'GENERAL' },
      });
      return { email: user.email, conversationId: conversation.id };
    }),
  );
}

/** Signs every student in the way the browser does (Auth.js's CSRF token, then the credentials callback). */
async function signIn(base: string, students: { email: string; conversationId: string }[]) {
  const signed: { cookie: string; conversationId: string }[] = [];
  // Ten at a time: password hashing is meant to be slow, and this is not what is measured.
  for (let i = 0; i < students.length; i += 10) {
    signed.push(
      ...(await Promise.all(
        students.slice(i, i + 10).map(async ({ email, conversationId }) => {
          const csrf = await fetch(`${base}/api/auth/csrf`);
          const { csrfToken } = (await csrf.json()) as { csrfToken: string };
          const cookies = csrf.headers.getSetCookie().map((c) => c.split(';')[0]!);
          const response = await fetch(`${base}/api/auth/callback/credentials`, {
            method: 'POST',
            redirect: 'manual',
            headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.join('; ') },
            body: new URLSearchParams({ email, password: PASSWORD, csrfToken }),
          });
          const session = response.headers.getSetCookie().find((c) => c.startsWith('authjs.session-token='));
          if (!session) throw new Error(`sign-in failed for ${email} (${response.status})`);
          return { cookie: session.split(';')[0]!, conversationId };
        }),
      )),
    );
  }
  return signed;
}

// Idle connections close before the server's keep-alive timeout (Node's 5 s): a student thinking up to 8 s must not
// send on a connection the server is closing (a broken send that no browser would count against the server).
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, timeout: 4_000 });

/** A student: send, read the reply to its end, think 2-8 s, send again, until the time is up. */
async function studentLoop(base: string, student: { cookie: string; conversationId: string }): Promise<Turn[]> {
  const turns: Turn[] = [];
  const deadline = performance.now() + SECONDS * 1000;
  // Within the run, whatever its length: a smoke run shorter than the arrival time once sent nothing at all.
  await sleep(Math.random() * ARRIVAL_MS);
  for (let i = 0; performance.now() < deadline; i++) {
    const turn = await sendTurn(base, student, `Question ${i}: how does step ${i} follow?`);
    turns.push(turn);
    await sleep(2_000 + Math.random() * 6_000);
  }
  return turns;
}

function sendTurn(base: string, student: { cookie: string; conversationId: string }, content: string): Promise<Turn> {
  const clientId = crypto.randomUUID();
  const body = JSON.stringify({ kind: 'send', clientId, conversationId: student.conversationId, content });
  const started = performance.now();
  return new Promise((resolve) => {
    const request = http.request(
      `${base}/api/chat`,
      {
        method: 'POST',
        agent,
        headers: {
          cookie: student.cookie,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status !== 200) {
          response.resume();
          return resolve({ clientId, status, ttftMs: null, end: status === 429 ? 'refused' : 'broken' });
        }
        let buffer = '';
        let ttftMs: number | null = null;
        let end: Turn['end'] = 'broken';
        let errorCode: string | undefined;
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffer += chunk;
          for (let at = buffer.indexOf('\n\n'); at >= 0; at = buffer.indexOf('\n\n')) {
            const event = JSON.parse(buffer.slice(6, at)) as { type: string; code?: string };
            buffer = buffer.slice(at + 2);
            if (event.type === 'delta') ttftMs ??= performance.now() - started;
            if (event.type === 'done') end = 'done';
            if (event.type === 'error') [end, errorCode] = ['error', event.code];
          }
        });
        response.on('end', () => resolve({ clientId, status, ttftMs, end, errorCode }));
        response.on('error', () => resolve({ clientId, status, ttftMs, end: 'broken' }));
      },
    );
    request.on('error', () => resolve({ clientId, status: 0, ttftMs: null, end: 'broken' }));
    request.end(body);
  });
}

/** What must be zero after the run. */
async function check(db: PrismaClient, control: string, turns: Turn[]) {
  // Replies still running finish within their length; then nothing may be left streaming.
  for (let i = 0; i < 40 && (await db.message.count({ where: { status: 'STREAMING' } })) > 0; i++) await sleep(250);
  const accepted = turns.filter((t) => t.status === 200).map((t) => t.clientId);
  const stored = new Set(
    (await db.message.findMany({ where: { role: 'USER' }, select: { clientId: true } })).map((m) => m.clientId),
  );
  const upstream = (await (await fetch(`${control}/__control/usage`)).json()) as {
    completions: number;
    promptTokens: number;
    completionTokens: number;
  };
  const recorded = await db.usageEvent.aggregate({
    where: { kind: 'CHAT' },
    _count: true,
    _sum: { promptTokens: true, completionTokens: true },
  });
  const days = await db.budgetDay.findMany({
    include: { user: { select: { enrollments: { select: { class: true } } } } },
  });
  const budgetOf = (day: (typeof days)[number]) => day.user.enrollments[0]?.class.dailyTokenBudget ?? 0;
  return {
    'lost messages': accepted.filter((id) => !stored.has(id)).length,
    'replies left streaming': await db.message.count({ where: { status: 'STREAMING' } }),
    'students over budget': days.filter((d) => d.usedTokens > budgetOf(d)).length,
    'reservations left': days.reduce((sum, d) => sum + d.reservedTokens, 0),
    'usage rows - upstream replies': recorded._count - upstream.completions,
    'usage tokens - upstream tokens':
      (recorded._sum.promptTokens ?? 0) +
      (recorded._sum.completionTokens ?? 0) -
      upstream.promptTokens -
      upstream.completionTokens,
    '5xx': turns.filter((t) => t.status >= 500).length,
    'broken or errored streams': turns.filter((t) => t.end === 'broken' || t.end === 'error').length,
  };
}

/** Transactions committed in the database so far (every statement outside a transaction counts as one). */
async function commits(db: PrismaClient, database: string): Promise<number> {
  const [row] = await db.$queryRaw<[{ n: bigint }]>`
    SELECT xact_commit AS n FROM pg_stat_database WHERE datname = ${database}`;
  return Number(row.n);
}

/**
 * CPU used so far by each PostgreSQL backend serving the database, by pid. Pools keep their backends for the run, so
 * the difference of two readings is the database's work in between (a backend that ended in between is missed).
 */
async function backendCpu(db: PrismaClient, database: string): Promise<Map<number, number>> {
  const rows = await db.$queryRaw<{ pid: number }[]>`
    SELECT pid FROM pg_stat_activity WHERE datname = ${database} AND pid <> pg_backend_pid()`;
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      cpu.set(pid, cpuMs(pid));
    } catch {
      // Ended between the query and the read.
    }
  }
  return cpu;
}

/** Backends the topology opened to the database (nodes, PgBouncer), sampled every 500 ms; `stop` gives the peak. */
function sampleConnections(db: PrismaClient, database: string, since: Date) {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const [row] = await db.$queryRaw<[{ n: number }]>`
        SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = ${database} AND backend_start >= ${since}`;
      peak = Math.max(peak, row.n);
      await sleep(500);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return peak;
    },
  };
}

/** The largest resident memory any one node reached, in MB, sampled every 500 ms. */
function sampleMemory(pids: number[]) {
  let peak = 0;
  const timer = setInterval(() => {
    for (const pid of pids) {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      peak = Math.max(peak, Math.round(Number(kb) / 1024));
    }
  }, 500);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

async function single(directUrl: string, upstream: string): Promise<Topology> {
  const node = await startNode({ DATABASE_URL: directUrl }, upstream);
  return { url: node.url, nodes: [node.child], stop: () => node.stop() };
}

async function balanced(directUrl: string, upstream: string): Promise<Topology> {
  const bouncer: RunningPgBouncer = await startPgBouncer(directUrl, { poolSize: 20 });
  const pooled = Object.assign(new URL(bouncer.url), { pathname: new URL(directUrl).pathname }).toString();
  const env = { DATABASE_URL: pooled, DIRECT_DATABASE_URL: directUrl };
  const nodes = [await startNode(env, upstream), await startNode(env, upstream)];
  const nginx: RunningNginx = await startNginx(nodes.map((n) => n.port));
  return {
    url: nginx.url,
    nodes: nodes.map((n) => n.child),
    async stop() {
      await nginx.stop();
      for (const node of nodes) await node.stop();
      await bouncer.stop();
    },
  };
}

/** A node as the image runs it: the standalone server, from a copy of its own outside the repository. */
async function startNode(env: Record<string, string>, upstream: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lumi-load-node-'));
  cpSync(STANDALONE, dir, { recursive: true });
  const port = await freePort();
  const child = spawn(process.execPath, ['apps/web/server.js'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      NODE_ENV: 'production',
      AUTH_SECRET,
      AUTH_TRUST_HOST: 'true',
      OPENAI_API_KEY: 'sk-load',
      OPENAI_BASE_URL: upstream,
      LUMI_LOG_LEVEL: 'warn',
    },
  });
  children.add(child);
  await waitForPort(port, child, 60_000);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startFake() {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'packages/fake-openai/src/cli.ts', '--port', String(port)],
    { cwd: path.resolve(import.meta.dirname, '..'), stdio: ['ignore', 'ignore', 'inherit'] },
  );
  children.add(child);
  await waitForPort(port, child);
  return { child, url: `http://127.0.0.1:${port}/v1`, control: `http://127.0.0.1:${port}` };
}

/** The whole machine's CPU time, busy and in all, in clock ticks (everything else here shares it). */
function machineCpu(): { busy: number; total: number } {
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((sum, n) => sum + n, 0);
  // idle and iowait
  return { busy: total - ticks[3]! - ticks[4]!, total };
}

/** CPU time (user + system) a process has used, from /proc. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function printTable(results: Record<string, Record<string, string | number>>) {
  const names = Object.keys(results);
  const rows = Object.keys(results[names[0]!]!);
  const width = Math.max(...rows.map((r) => r.length));
  console.log(`\n${''.padEnd(width)}  ${names.map((n) => n.padStart(10)).join('  ')}`);
  for (const row of rows) {
    console.log(`${row.padEnd(width)}  ${names.map((n) => String(results[n]![row]).padStart(10)).join('  ')}`);
  }
}

await main();
