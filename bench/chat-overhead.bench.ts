// Platform overhead on time to first token: the first token through Lumi's chat endpoint against the openai SDK
// calling the same fake upstream directly, at 1 and at 50 concurrent streams; then completed turns per second.
// Run: npx tsx bench/chat-overhead.bench.ts   (uses DATABASE_URL's server, default the local PostgreSQL)
//   BENCH_ROUNDS (default 6) bursts per burst row; BENCH_SECONDS (default 15) per sustained run.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import { createTestDatabase } from '@lumi/db/testing';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const SUSTAINED_SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const QUESTION = 'Explain photosynthesis briefly.';
/** A tutor-sized reply (120 words, one chunk each) paced like a fast model: 20 ms a chunk, about 2.4 s a reply. */
const PACED = { delayMs: 20, reply: Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ') };

function startChild(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const port = Number((line.match(/:(\d{2,5})\/v1/) ?? line.match(/^(\d{2,5})$/))?.[1]);
      if (port) resolve({ child, port });
    });
  });
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** CPU time a process has used so far, in ms (Linux /proc; clock ticks are 10 ms). */
function cpuMs(pid: number): { user: number; system: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
}

const row = (label: string, direct: number[], viaLumi: number[]) => {
  const [d50, d99, l50, l99] = [percentile(direct, 50), percentile(direct, 99), percentile(viaLumi, 50), percentile(viaLumi, 99)];
  return [label.padEnd(26), ...[d50, d99, l50, l99].map((v) => v.toFixed(1).padStart(8)), ...[l50 - d50, l99 - d99].map((v) => v.toFixed(1).padStart(12))].join(' | ');
};

async function main() {
  const db = await createTestDatabase();
  const student = await db.prisma.user.create({ data: { email: 'bench@school.test', name: 'Bench', role: 'STUDENT' } });
  const teacher = await db.prisma.user.create({ data: { email: 'teacher@school.test', name: 'T', role: 'TEACHER' } });
  const klass = await db.prisma.class.create({
    data: { name: 'Bench', teacherId: teacher.id, joinCode: 'BENCH1', dailyTokenBudget: 1_000_000_000 },
  });
  await db.prisma.enrollment.create({ data: { classId: klass.id, studentId: student.id } });

  const fake = await startChild(['packages/fake-openai/src/cli.ts', '--port', '0', '--instant']);
  const baseURL = `http://127.0.0.1:${fake.port}/v1`;
  const setUpstream = (behaviour: object) =>
    fetch(`http://127.0.0.1:${fake.port}/__control/default`, { method: 'POST', body: JSON.stringify(behaviour) });
  const lumi = await startChild(['bench/lumi-chat-server.ts'], {
    DATABASE_URL: db.url,
    OPENAI_API_KEY: 'sk-bench',
    OPENAI_BASE_URL: baseURL,
    LUMI_CHAT_RATE_LIMIT: '1000000',
    BENCH_USER_ID: student.id,
  });
  const conversations = await Promise.all(
    Array.from({ length: 50 }, () =>
      db.prisma.conversation.create({ data: { studentId: student.id, classId: klass.id, model: 'gpt-4o-mini' } }),
    ),
  );
  const loop = async () => {
    const s = (await (await fetch(`http://127.0.0.1:${lumi.port}/__loop`)).json()) as Record<string, number>;
    return `Lumi event loop ${(s.utilization! * 100).toFixed(0)}% busy, delay p50 ${s.delayP50} ms / p99 ${s.delayP99} ms / max ${s.delayMax} ms`;
  };
  const sdk = new OpenAI({ apiKey: 'sk-bench', baseURL, maxRetries: 0 });

  async function directTurn(): Promise<number> {
    const t0 = performance.now();
    const stream = await sdk.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: QUESTION }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let ttft = NaN;
    for await (const chunk of stream) if (Number.isNaN(ttft) && chunk.choices[0]?.delta?.content) ttft = performance.now() - t0;
    return ttft;
  }

  // The browser's side of a Lumi turn over plain node:http: in production it runs on another machine, so here it
  // should take as little of the shared CPU as it can.
  const browser = new http.Agent({ keepAlive: true });
  function lumiTurn(conversationId: string): Promise<number> {
    const t0 = performance.now();
    const body = JSON.stringify({ kind: 'send', conversationId, clientId: crypto.randomUUID(), content: QUESTION });
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: lumi.port, path: '/api/chat', method: 'POST', agent: browser }, (res) => {
        let ttft = NaN;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (Number.isNaN(ttft) && text.includes('"type":"delta"')) ttft = performance.now() - t0;
        });
        res.on('end', () => (text.includes('"type":"done"') ? resolve(ttft) : reject(new Error(`turn failed: ${text.slice(0, 300)}`))));
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
  async function sustained(turn: (i: number) => Promise<number>, streams: number, replyMs: number): Promise<number[]> {
    const t0 = performance.now();
    const measureFrom = t0 + replyMs;
    const until = measureFrom + SUSTAINED_SECONDS * 1000;
    const ttfts: number[] = [];
    await Promise.all(
      Array.from({ length: streams }, async (_, i) => {
        await sleep((i * replyMs) / streams);
        while (performance.now() < until) {
          const started = performance.now();
          const ttft = await turn(i);
          if (started >= measureFrom) ttfts.push(ttft);
        }
      }),
    );
    return ttfts;
  }

  console.error(`fake at ${baseURL}, lumi at ${lumi.port}; warming up`);
  // Warm both paths (JIT, connection pools, tokenizer load).
  for (let i = 0; i < 5; i++) {
    await directTurn();
    await lumiTurn(conversations[0]!.id);
  }

  console.log('time to first token, ms (direct: openai SDK -> fake; lumi: fetch -> Lumi chat handler -> fake)');
  console.log(['streams'.padEnd(26), 'direct50', 'direct99', '  lumi50', '  lumi99', 'overhead p50', 'overhead p99'].join(' | '));
  for (const concurrency of [1, 50]) {
    const direct: number[] = [];
    const viaLumi: number[] = [];
    for (let round = 0; round < ROUNDS * (concurrency === 1 ? 5 : 1); round++) {
      direct.push(...(await Promise.all(Array.from({ length: concurrency }, () => directTurn()))));
      viaLumi.push(...(await Promise.all(conversations.slice(0, concurrency).map((c) => lumiTurn(c.id)))));
    }
    await loop();
    const label = concurrency === 1 ? '1, instant upstream' : '50 begun at once, instant';
    console.log(row(label, direct, viaLumi));
  }

  await setUpstream(PACED);
  const replyMs = PACED.delayMs * 120;
  const direct = await sustained(() => directTurn(), 50, replyMs);
  await loop();
  const viaLumi = await sustained((i) => lumiTurn(conversations[i]!.id), 50, replyMs);
  console.log(row('50 streaming, paced', direct, viaLumi));
  console.log(`  (${viaLumi.length} Lumi turns measured over ${SUSTAINED_SECONDS} s; replies of 120 chunks, 20 ms apart; ${await loop()})`);
  await setUpstream({});

  const seconds = 10;
  let completed = 0;
  const until = performance.now() + seconds * 1000;
  const cpuBefore = cpuMs(lumi.child.pid!);
  await Promise.all(
    conversations.slice(0, 20).map(async (c) => {
      while (performance.now() < until) {
        await lumiTurn(c.id);
        completed++;
      }
    }),
  );
  const cpuAfter = cpuMs(lumi.child.pid!);
  console.log(`completed turns per second (20 concurrent, instant upstream): ${(completed / seconds).toFixed(1)}`);
  console.log(
    `Lumi process CPU per turn: ${((cpuAfter.user - cpuBefore.user) / completed).toFixed(2)} ms user + ` +
      `${((cpuAfter.system - cpuBefore.system) / completed).toFixed(2)} ms system`,
  );

  lumi.child.kill('SIGTERM');
  fake.child.kill('SIGTERM');
  await Promise.all([once(lumi.child, 'exit'), once(fake.child, 'exit')]);
  await db.drop();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
