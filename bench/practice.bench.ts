// Does grading delay the partner? The partner's first token in a roleplay with a correction card after every turn
// ("grading on") against the same roleplay with feedback only at the end ("grading off"), at 1 and 20 learners
// talking at once, side by side in one run. Grading is the server's step after each reply (services.afterReply), so
// with grading on the cards of some learners are being made while other learners wait for their partner's first
// token.
// Target: grading adds under 20 ms at p50 to the partner's first token.
// Each learner reads the partner's reply and the correction card before answering: 2-5 s of think time between turns
// (the same for every run), as in a class; without it 20 learners would be 20 scripts sending back to back.
// Each learner count runs off, on, on, off and pools the samples; the node's CPU per turn is shown beside them (the
// bench's own learners included, alike on both sides).
// Run: npx tsx bench/practice.bench.ts   (uses DATABASE_URL's server, default the local PostgreSQL).
//   BENCH_TURNS (default 6) turns per learner per row; BENCH_THINK_MS (default 2000-5000) the think time, as
//   "min-max" or one number (0: none).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import {
  appRouter,
  createCallerFactory,
  createContext,
  createServices,
  handleSendMessage,
  type SessionUser,
} from '@lumi/api';
import { createTestDatabase } from '@lumi/db/testing';

const TURNS = Number(process.env.BENCH_TURNS ?? 6);
const LEARNERS = [1, 20];
const [THINK_MIN, THINK_MAX = THINK_MIN] = (process.env.BENCH_THINK_MS ?? '2000-5000').split('-').map(Number) as [
  number,
  number?,
];
if (!(THINK_MIN >= 0 && THINK_MAX >= THINK_MIN)) throw new Error('BENCH_THINK_MS is "min-max" in ms, e.g. 2000-5000');
/** The think time before a learner's next turn: spread over the range, the same in every run. */
const thinkMs = (learner: number, turn: number) =>
  THINK_MIN + (((learner * 7919 + turn * 104_729) % 1000) / 1000) * (THINK_MAX - THINK_MIN);
/** Every chunk 15 ms apart: the partner's line (the fake's own, about 15 words) and the cards' JSON alike. */
const DELAY_MS = 15;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};

/** The fake OpenAI in a process of its own, so its work (tokenizing usage) is not counted as Lumi's. */
async function startFake(): Promise<{ url: string; stop: () => void }> {
  const cli = path.join(import.meta.dirname, '../packages/fake-openai/src/cli.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--delay-ms', String(DELAY_MS)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.on('exit', () => child.kill('SIGTERM'));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the fake OpenAI exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const found = /(http:\/\/\S+\/v1)/.exec(line)?.[1];
      if (found) resolve(found);
    });
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

const db = await createTestDatabase();
const fake = await startFake();
try {
  const services = createServices(
    { OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: fake.url },
    { db: db.prisma, chatRateLimit: 10_000 },
  );
  const createCaller = createCallerFactory(appRouter);
  const teacher = await db.prisma.user.create({ data: { email: 't@bench.test', name: 'T', role: 'TEACHER' } });
  const klass = await db.prisma.class.create({
    data: {
      name: 'Bench',
      teacherId: teacher.id,
      joinCode: 'BENCH1',
      dailyTokenBudget: 100_000_000,
      allowedModels: ['gpt-4o-mini'],
    },
  });
  const learners: SessionUser[] = [];
  for (let i = 0; i < Math.max(...LEARNERS); i++) {
    const user = await db.prisma.user.create({ data: { email: `s${i}@bench.test`, name: `S${i}`, role: 'STUDENT' } });
    await db.prisma.enrollment.create({ data: { classId: klass.id, studentId: user.id } });
    learners.push({ id: user.id, role: 'STUDENT', name: user.name });
  }

  /** Time from sending a turn to the partner's first token, read off the event stream as a browser would. */
  async function firstToken(user: SessionUser, conversationId: string, content: string): Promise<number> {
    const started = performance.now();
    const response = await handleSendMessage(
      new Request('http://bench/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'send', conversationId, clientId: crypto.randomUUID(), content }),
      }),
      services,
      user,
    );
    let first = -1;
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      if (first < 0 && value.includes('"type":"delta"')) first = performance.now() - started;
    }
    if (first < 0) throw new Error(`no reply: ${response.status}`);
    return first;
  }

  async function row(grading: boolean, count: number) {
    const samples: number[] = [];
    await Promise.all(
      learners.slice(0, count).map(async (user, i) => {
        const caller = createCaller(createContext(services, user));
        const attempt = await caller.practice.start({
          source: { kind: 'builtin', id: 'en-cafe-order' },
          classId: klass.id,
          feedback: grading ? 'each_turn' : 'end_only',
        });
        // Learners start a little apart, as a class does, so turns and cards interleave.
        await new Promise((resolve) => setTimeout(resolve, i * 7));
        for (let turn = 0; turn < Math.min(TURNS, 7); turn++) {
          samples.push(
            await firstToken(user, attempt.conversationId!, `I would like a coffee number ${turn}, please.`),
          );
          // What the page does once the reply is done: it reads the attempt (the server grades on its own), and the
          // learner reads the reply and the card before answering.
          await caller.practice.attempt({ attemptId: attempt.id });
          await new Promise((resolve) => setTimeout(resolve, thinkMs(i, turn)));
        }
      }),
    );
    return samples;
  }

  console.log(
    `Partner first token (ms), ${TURNS} turns per learner, ${THINK_MIN}-${THINK_MAX} ms think time between turns; grading = a correction card after every turn\n`,
  );
  console.log('learners | grading | p50   | p95   | turns | CPU ms per turn');
  const results: Record<string, number[]> = {};
  const cpu: Record<string, number> = {};
  for (const count of LEARNERS) {
    // Off, on, on, off: a machine whose load drifts during the run weighs on both sides alike.
    for (const grading of [false, true, true, false]) {
      const key = `${count}-${grading}`;
      const used = process.cpuUsage();
      const samples = await row(grading, count);
      // The cards still being made belong to this row: waited for before the next begins.
      await services.generations.drain();
      const spent = process.cpuUsage(used);
      results[key] = [...(results[key] ?? []), ...samples];
      cpu[key] = (cpu[key] ?? 0) + (spent.user + spent.system) / 1000;
    }
    for (const grading of [false, true]) {
      const samples = results[`${count}-${grading}`]!;
      console.log(
        `${String(count).padStart(8)} | ${(grading ? 'on' : 'off').padEnd(7)} | ${percentile(samples, 50).toFixed(1).padStart(5)} | ${percentile(samples, 95).toFixed(1).padStart(5)} | ${String(samples.length).padStart(5)} | ${(cpu[`${count}-${grading}`]! / samples.length).toFixed(1)}`,
      );
    }
  }
  console.log('');
  for (const count of LEARNERS) {
    const added = percentile(results[`${count}-true`]!, 50) - percentile(results[`${count}-false`]!, 50);
    console.log(
      `${count} learner(s): grading adds ${added.toFixed(1)} ms at p50 to the partner's first token: target (< 20 ms) ${added < 20 ? 'met' : 'NOT met'}`,
    );
  }
  // The partner's replies are EXERCISE usage too, so the cards are counted, not the usage rows.
  const cards = await db.prisma.turnFeedback.count({ where: { status: 'READY' } });
  const usage = await db.prisma.usageEvent.count({ where: { kind: 'EXERCISE' } });
  console.log(`\n${cards} correction cards were made; ${usage} EXERCISE usage rows (partner replies and gradings).`);
} finally {
  fake.stop();
  await db.drop();
}
