// Platform overhead on time to first token: the first token through Lumi against the openai SDK calling the same
// fake upstream directly, at 1 and at 50 concurrent streams; then completed turns per second and CPU per turn.
// Lumi is measured twice: the chat handler alone in a plain Node server (what Lumi's own code costs), and the
// built Next.js app with a signed-in student (the browser-facing endpoint, with Next and Auth.js on top).
// Run: npx tsx bench/chat-overhead.bench.ts   (uses DATABASE_URL's server, default the local PostgreSQL; builds
//   the web app first when it has no build). BENCH_ROUNDS (default 6) bursts per burst row; BENCH_SECONDS
//   (default 15) per sustained run; BENCH_TARGETS=handler,next picks the endpoints.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { hash } from '@node-rs/argon2';
import OpenAI from 'openai';
import { createTestDatabase, type TestDatabase } from '@lumi/db/testing';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const SUSTAINED_SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const TARGETS = (process.env.BENCH_TARGETS ?? 'handler,next').split(',');
const QUESTION = 'Explain photosynthesis briefly.';
/** A tutor-sized reply (120 words, one chunk each) paced like a fast model: 20 ms a chunk, about 2.4 s a reply. */
const PACED = { delayMs: 20, reply: Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ') };
const REPLY_MS = PACED.delayMs * 120;
const PASSWORD = 'bench-password-1';

// Servers this run started; a failed run must not leave them holding ports and the database.
const children = new Set<ChildProcess>();
process.on('exit', () => children.forEach((child) => child.kill('SIGTERM')));

/** A child process that prints its port; `tsx` children print it alone or inside a URL. */
function startChild(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const port = Number((line.match(/:(\d{2,5})\/v1/) ?? line.match(/^(\d{2,5})$/))?.[1]);
      if (port) resolve({ child, port });
    });
  });
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  return port;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** CPU time a process has used so far, in ms (Linux /proc; clock ticks are 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Time to first token at p50 and p99, direct and through Lumi, and Lumi's overhead at each. */
function compare(direct: number[], viaLumi: number[]) {
  const [d50, d99, l50, l99] = [
    percentile(direct, 50),
    percentile(direct, 99),
    percentile(viaLumi, 50),
    percentile(viaLumi, 99),
  ];
  return { times: [d50, d99, l50, l99], overhead: { p50: l50 - d50, p99: l99 - d99 } };
}

const row = (label: string, { times, overhead }: ReturnType<typeof compare>) =>
  [
    label.padEnd(48),
    ...times.map((v) => v.toFixed(1).padStart(8)),
    ...[overhead.p50, overhead.p99].map((v) => v.toFixed(1).padStart(12)),
  ].join(' | ');

interface Endpoint {
  label: string;
  port: number;
  headers: Record<string, string>;
  child: ChildProcess;
  /** Event-loop figures since the last call, when the endpoint reports them. */
  loop?: () => Promise<string>;
}

async function main() {
  const db = await createTestDatabase();
  try {
    await measure(db);
  } finally {
    children.forEach((child) => child.kill('SIGTERM'));
    await db.drop();
  }
}

async function measure(db: TestDatabase) {
  const student = await db.prisma.user.create({
    data: { email: 'bench@school.test', name: 'Bench', role: 'STUDENT', passwordHash: await hash(PASSWORD) },
  });
  const teacher = await db.prisma.user.create({ data: { email: 'teacher@school.test', name: 'T', role: 'TEACHER' } });
  const klass = await db.prisma.class.create({
    data: { name: 'Bench', teacherId: teacher.id, joinCode: 'BENCH1', dailyTokenBudget: 1_000_000_000 },
  });
  await db.prisma.enrollment.create({ data: { classId: klass.id, studentId: student.id } });

  const fake = await startChild(['packages/fake-openai/src/cli.ts', '--port', '0', '--instant']);
  const baseURL = `http://127.0.0.1:${fake.port}/v1`;
  const setUpstream = (behaviour: object) =>
    fetch(`http://127.0.0.1:${fake.port}/__control/default`, { method: 'POST', body: JSON.stringify(behaviour) });
  const lumiEnv = {
    DATABASE_URL: db.url,
    OPENAI_API_KEY: 'sk-bench',
    OPENAI_BASE_URL: baseURL,
    LUMI_CHAT_RATE_LIMIT: '1000000',
  };
  const sdk = new OpenAI({ apiKey: 'sk-bench', baseURL, maxRetries: 0 });

  async function startHandler(): Promise<Endpoint> {
    const { child, port } = await startChild(['bench/lumi-chat-server.ts'], { ...lumiEnv, BENCH_USER_ID: student.id });
    const loop = async () => {
      const s = (await (await fetch(`http://127.0.0.1:${port}/__loop`)).json()) as Record<string, number>;
      return `event loop ${(s.utilization! * 100).toFixed(0)}% busy, delay p50 ${s.delayP50} / p99 ${s.delayP99} / max ${s.delayMax} ms`;
    };
    return { label: 'chat handler alone', port, headers: {}, child, loop };
  }

  async function startNext(): Promise<Endpoint> {
    if (!existsSync('apps/web/.next/BUILD_ID')) {
      console.error('building the web app (npm run build -w @lumi/web)');
      const build = spawn('npm', ['run', 'build', '-w', '@lumi/web'], { stdio: ['ignore', 'ignore', 'inherit'] });
      const [code] = (await once(build, 'exit')) as [number | null];
      if (code !== 0) throw new Error('the web app did not build');
    }
    const port = await freePort();
    const child = spawn(
      process.execPath,
      ['../../node_modules/next/dist/bin/next', 'start', '--port', String(port), '--hostname', '127.0.0.1'],
      {
        cwd: 'apps/web',
        // Its errors (a failing route, say) show on the bench's stderr.
        stdio: ['ignore', 'ignore', 'inherit'],
        env: {
          ...process.env,
          ...lumiEnv,
          AUTH_SECRET: 'bench-secret-not-for-production-0123456789',
          AUTH_TRUST_HOST: 'true',
          NODE_ENV: 'production',
        },
      },
    );
    children.add(child);
    const origin = `http://127.0.0.1:${port}`;
    for (;;) {
      if (child.exitCode !== null) throw new Error('next start exited');
      if (
        await fetch(`${origin}/sign-in`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await sleep(250);
    }
    // Sign in the way the browser does: Auth.js's CSRF token, then the credentials callback sets the session cookie.
    const csrf = await fetch(`${origin}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookies = csrf.headers.getSetCookie().map((c) => c.split(';')[0]!);
    const signIn = await fetch(`${origin}/api/auth/callback/credentials`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.join('; ') },
      body: new URLSearchParams({ email: student.email, password: PASSWORD, csrfToken }),
    });
    cookies.push(...signIn.headers.getSetCookie().map((c) => c.split(';')[0]!));
    if (!cookies.some((c) => c.includes('session-token'))) throw new Error(`sign-in failed (${signIn.status})`);
    return {
      label: 'next app, signed in',
      port,
      headers: { cookie: cookies.join('; '), 'content-type': 'application/json' },
      child,
    };
  }

  async function directTurn(): Promise<number> {
    const t0 = performance.now();
    const stream = await sdk.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: QUESTION }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let ttft = NaN;
    for await (const chunk of stream)
      if (Number.isNaN(ttft) && chunk.choices[0]?.delta?.content) ttft = performance.now() - t0;
    return ttft;
  }

  // The browser's side of a Lumi turn over plain node:http: in production it runs on another machine, so here it
  // should take as little of the shared CPU as it can.
  const browser = new http.Agent({ keepAlive: true });
  function lumiTurn(endpoint: Endpoint, conversationId: string): Promise<number> {
    const t0 = performance.now();
    const body = JSON.stringify({ kind: 'send', conversationId, clientId: crypto.randomUUID(), content: QUESTION });
    return new Promise((resolve, reject) => {
      const options = {
        host: '127.0.0.1',
        port: endpoint.port,
        path: '/api/chat',
        method: 'POST',
        agent: browser,
        headers: endpoint.headers,
      };
      const req = http.request(options, (res) => {
        let ttft = NaN;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (Number.isNaN(ttft) && text.includes('"type":"delta"')) ttft = performance.now() - t0;
        });
        res.on('end', () =>
          text.includes('"type":"done"') ? resolve(ttft) : reject(new Error(`turn failed: ${text.slice(0, 300)}`)),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  /**
   * `streams` students each asking again as soon as a reply ends, started evenly over one reply's length so turns
   * arrive at a steady rate; time to first token of every turn begun once all of them are streaming.
   */
  async function sustained(turn: (i: number) => Promise<number>, streams: number): Promise<number[]> {
    const measureFrom = performance.now() + REPLY_MS;
    const until = measureFrom + SUSTAINED_SECONDS * 1000;
    const ttfts: number[] = [];
    await Promise.all(
      Array.from({ length: streams }, async (_, i) => {
        await sleep((i * REPLY_MS) / streams);
        while (performance.now() < until) {
          const started = performance.now();
          const ttft = await turn(i);
          if (started >= measureFrom) ttfts.push(ttft);
        }
      }),
    );
    return ttfts;
  }

  console.log('time to first token, ms (direct: openai SDK -> fake; lumi: a browser request -> Lumi -> fake)');
  console.log(
    [
      'streams / endpoint'.padEnd(48),
      'direct50',
      'direct99',
      '  lumi50',
      '  lumi99',
      'overhead p50',
      'overhead p99',
    ].join(' | '),
  );
  for (const target of TARGETS) {
    const endpoint = target === 'next' ? await startNext() : await startHandler();
    const conversations = await Promise.all(
      Array.from({ length: 50 }, () =>
        db.prisma.conversation.create({ data: { studentId: student.id, classId: klass.id, model: 'gpt-4o-mini' } }),
      ),
    );
    const turn = (i: number) => lumiTurn(endpoint, conversations[i]!.id);
    // Warm both paths (JIT, connection pools, tokenizer load, Next's route modules).
    for (let i = 0; i < 10; i++) {
      await directTurn();
      await turn(0);
    }

    await setUpstream({});
    for (const concurrency of [1, 50]) {
      const direct: number[] = [];
      const viaLumi: number[] = [];
      for (let round = 0; round < ROUNDS * (concurrency === 1 ? 5 : 1); round++) {
        direct.push(...(await Promise.all(Array.from({ length: concurrency }, () => directTurn()))));
        viaLumi.push(...(await Promise.all(Array.from({ length: concurrency }, (_, i) => turn(i)))));
      }
      const label = concurrency === 1 ? '1, instant upstream' : '50 begun at once, instant';
      console.log(row(`${label} / ${endpoint.label}`, compare(direct, viaLumi)));
    }

    await setUpstream(PACED);
    const direct = await sustained(() => directTurn(), 50);
    await endpoint.loop?.();
    const viaLumi = await sustained(turn, 50);
    const streaming = compare(direct, viaLumi);
    console.log(row(`50 streaming, paced / ${endpoint.label}`, streaming));
    const met = streaming.overhead.p50 < 15 && streaming.overhead.p99 < 60;
    console.log(`  target with 50 concurrent streams (overhead p50 < 15 ms, p99 < 60 ms): ${met ? 'met' : 'NOT met'}`);
    console.log(
      `  ${viaLumi.length} turns measured over ${SUSTAINED_SECONDS} s${endpoint.loop ? `; ${await endpoint.loop()}` : ''}`,
    );

    await setUpstream({});
    const seconds = 10;
    let completed = 0;
    const until = performance.now() + seconds * 1000;
    const cpuBefore = cpuMs(endpoint.child.pid!);
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        while (performance.now() < until) {
          await turn(i);
          completed++;
        }
      }),
    );
    const cpu = (cpuMs(endpoint.child.pid!) - cpuBefore) / completed;
    console.log(
      `  ${endpoint.label}: ${(completed / seconds).toFixed(1)} completed turns/s (20 concurrent, instant upstream), ${cpu.toFixed(1)} ms CPU per turn`,
    );
    // Why the burst row cannot meet the target on one event loop: its turns wait for each other's CPU.
    console.log(
      `  a burst of 50 turns is ~${Math.round(50 * cpu)} ms of CPU on one event loop; the median turn waits for half of it`,
    );

    endpoint.child.kill('SIGTERM');
    await once(endpoint.child, 'exit');
  }

  fake.child.kill('SIGTERM');
  await once(fake.child, 'exit');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
