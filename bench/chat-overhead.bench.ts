// Platform overhead on time to first token: the first token through Lumi's chat endpoint against the openai SDK
// calling the same fake upstream directly, at 1 and at 50 concurrent streams; then completed turns per second.
// Run: npx tsx bench/chat-overhead.bench.ts   (uses DATABASE_URL's server, default the local PostgreSQL)
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import OpenAI from 'openai';
import { createTestDatabase } from '@lumi/db/testing';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);

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
  const sdk = new OpenAI({ apiKey: 'sk-bench', baseURL, maxRetries: 0 });

  async function directTtft(): Promise<number> {
    const t0 = performance.now();
    const stream = await sdk.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Explain photosynthesis briefly.' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let ttft = NaN;
    for await (const chunk of stream) if (Number.isNaN(ttft) && chunk.choices[0]?.delta?.content) ttft = performance.now() - t0;
    return ttft;
  }

  async function lumiTurn(conversationId: string): Promise<{ ttft: number; total: number }> {
    const t0 = performance.now();
    const response = await fetch(`http://127.0.0.1:${lumi.port}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'send', conversationId, clientId: crypto.randomUUID(), content: 'Explain photosynthesis briefly.' }),
    });
    let ttft = NaN;
    let buffer = '';
    for await (const chunk of response.body!.pipeThrough(new TextDecoderStream())) {
      buffer += chunk;
      if (Number.isNaN(ttft) && buffer.includes('"type":"delta"')) ttft = performance.now() - t0;
    }
    if (!buffer.includes('"type":"done"')) throw new Error(`turn failed: ${buffer.slice(0, 300)}`);
    return { ttft, total: performance.now() - t0 };
  }

  console.error(`fake at ${baseURL}, lumi at ${lumi.port}; warming up`);
  // Warm both paths (JIT, connection pools, tokenizer load).
  for (let i = 0; i < 5; i++) {
    await directTtft();
    await lumiTurn(conversations[0]!.id);
  }

  console.log('time to first token, ms (fake upstream, instant)');
  console.log('concurrency | direct p50 | direct p99 | lumi p50 | lumi p99 | overhead p50 | overhead p99');
  for (const concurrency of [1, 50]) {
    const direct: number[] = [];
    const viaLumi: number[] = [];
    for (let round = 0; round < ROUNDS * (concurrency === 1 ? 5 : 1); round++) {
      direct.push(...(await Promise.all(Array.from({ length: concurrency }, () => directTtft()))));
      const turns = await Promise.all(conversations.slice(0, concurrency).map((c) => lumiTurn(c.id)));
      viaLumi.push(...turns.map((t) => t.ttft));
    }
    const row = [50, 99].map((p) => [percentile(direct, p), percentile(viaLumi, p)] as const);
    console.log(
      [concurrency, row[0]![0], row[1]![0], row[0]![1], row[1]![1], row[0]![1] - row[0]![0], row[1]![1] - row[1]![0]]
        .map((v, i) => (i === 0 ? String(v).padStart(11) : v.toFixed(1).padStart(i > 4 ? 12 : 10)))
        .join(' | '),
    );
  }

  const seconds = 10;
  let completed = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    conversations.slice(0, 20).map(async (c) => {
      while (performance.now() < until) {
        await lumiTurn(c.id);
        completed++;
      }
    }),
  );
  console.log(`completed turns per second (20 concurrent, instant upstream): ${(completed / seconds).toFixed(1)}`);

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
