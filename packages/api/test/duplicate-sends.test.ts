import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServices, type LumiServices } from '../src';
import { createWorld, send, type SendBody, type World } from './harness';

// A browser that resends a request it thinks was lost, a double click, a reload: copies of one send, edit or retry
// (same clientId) can reach two nodes at once. Exactly one turn is made, every copy is answered with it, and the
// copies never lock rows against the first one's settle (a deadlock there lost the reply and left its reservation).
let world: World;
let nodeB: LumiServices;
beforeAll(async () => {
  world = await createWorld({ LUMI_CHAT_RATE_LIMIT: '100000' });
  // Node B has a pool of its own, as a second process would.
  nodeB = createServices(
    { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: world.fake.url, LUMI_CHAT_RATE_LIMIT: '100000' },
    { db: world.otherNode() },
  );
});
afterAll(async () => {
  await nodeB.generations.drain();
  await world.close();
});

const TRIALS = Number(process.env.LUMI_TEST_TRIALS ?? 20);
const COPIES = 6;

/** A conversation with one finished turn, to edit or retry. */
async function conversationWithTurn() {
  const { id: conversationId } = await world
    .caller(world.users.student)
    .conversations.create({ mode: 'GENERAL', classId: world.classId });
  const first = await send(world, world.users.student, { conversationId, content: 'First question' });
  const start = first.events[0];
  if (start?.type !== 'start') throw new Error(`the first turn failed: ${JSON.stringify(first.error)}`);
  return { conversationId, userMessageId: start.userMessageId, assistantMessageId: start.assistantMessageId };
}

/**
 * Sends COPIES copies of one request at once, alternating between the nodes and spread over the few milliseconds
 * the first copy takes to open, stream and settle its reply; returns what went wrong.
 */
async function copiesAtOnce(trial: string, body: SendBody): Promise<string[]> {
  const problems: string[] = [];
  const results = await Promise.all(
    Array.from({ length: COPIES }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
      return send({ ...world, services: i % 2 ? nodeB : world.services }, world.users.student, body);
    }),
  );
  const replies = new Set<string>();
  for (const result of results) {
    if (result.status !== 200) problems.push(`${trial}: HTTP ${result.status} ${JSON.stringify(result.error)}`);
    const start = result.events[0];
    if (start?.type === 'start') replies.add(start.assistantMessageId);
    const last = result.events.at(-1);
    if (result.status === 200 && last?.type !== 'done') problems.push(`${trial}: ended ${JSON.stringify(last)}`);
  }
  if (replies.size !== 1) problems.push(`${trial}: answered with ${replies.size} different replies`);
  const made = await world.db.prisma.message.findMany({
    where: { conversationId: body.conversationId, clientId: { startsWith: body.clientId! } },
  });
  if (made.length !== 2) problems.push(`${trial}: ${made.length} messages stored for the request`);
  const open = made.filter((m) => m.status === 'STREAMING' || m.reservedTokens > 0).length;
  if (open > 0) problems.push(`${trial}: ${open} replies left streaming or reserved`);
  const reply = made.find((m) => m.role === 'ASSISTANT');
  const usage = reply ? await world.db.prisma.usageEvent.count({ where: { messageId: reply.id } }) : 0;
  if (usage !== 1) problems.push(`${trial}: ${usage} usage rows`);
  return problems;
}

async function expectNothingLeftReserved() {
  await world.services.generations.drain();
  await nodeB.generations.drain();
  const budget = await world.db.prisma.budgetDay.findFirstOrThrow({ where: { userId: world.users.student.id } });
  expect(budget.reservedTokens).toBe(0);
  const ledgers = await world.db.prisma.spendLedger.findMany();
  expect(ledgers.filter((l) => l.dayReservedMicros !== 0n || l.monthReservedMicros !== 0n)).toEqual([]);
}

/**
 * TRIALS rounds of copiesAtOnce, each with the request `request` makes for it (a new conversation or turn each
 * time): nothing may go wrong but what `expected` allows, and nothing may be left reserved after them all.
 */
async function expectEveryTrialClean(
  request: (trial: number) => Promise<SendBody>,
  expected: (problem: string) => boolean = () => false,
) {
  const problems: string[] = [];
  for (let trial = 0; trial < TRIALS; trial++) {
    const body = await request(trial);
    problems.push(...(await copiesAtOnce(`${body.kind ?? 'send'} ${trial}`, body)).filter((p) => !expected(p)));
  }
  expect(problems).toEqual([]);
  await expectNothingLeftReserved();
}

it(`${COPIES} copies of one send at once on two nodes make one turn, answered to every copy (${TRIALS} trials)`, async () => {
  await expectEveryTrialClean(async (trial) => {
    const { id: conversationId } = await world
      .caller(world.users.student)
      .conversations.create({ mode: 'GENERAL', classId: world.classId });
    return { conversationId, clientId: crypto.randomUUID(), content: `Copy me ${trial}` };
  });
}, 300_000);

it(`${COPIES} copies of one retry at once make one new reply, answered to every copy (${TRIALS} trials)`, async () => {
  await expectEveryTrialClean(
    async () => {
      const turn = await conversationWithTurn();
      return {
        conversationId: turn.conversationId,
        clientId: crypto.randomUUID(),
        kind: 'retry',
        retryOf: turn.assistantMessageId,
      };
    },
    // A retry makes only a new reply: one message stored for it, not two.
    (problem) => problem.includes('messages stored'),
  );
}, 300_000);

it(`${COPIES} copies of one edit at once make one new turn, answered to every copy (${TRIALS} trials)`, async () => {
  await expectEveryTrialClean(async (trial) => {
    const turn = await conversationWithTurn();
    return {
      conversationId: turn.conversationId,
      clientId: crypto.randomUUID(),
      kind: 'edit',
      editOf: turn.userMessageId,
      content: `Edited ${trial}`,
    };
  });
}, 300_000);
