import { createPrismaClient } from '@lumi/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter, createCallerFactory, createContext, createServices, type SessionUser } from '../src';
import { flagFeedFor } from '../src/teacher/flag-feed';
import { handleSendMessage } from '../src';
import { createWorld, send, type World } from './harness';

// Two app nodes, each with its own database pool and LISTEN connection: the student is on node A, the teacher's
// dashboard is open on node B.
let world: World;
let nodeB: ReturnType<typeof createServices>;
const aborts: AbortController[] = [];

beforeAll(async () => {
  world = await createWorld();
  nodeB = createServices(
    { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: world.fake.url },
    // LISTEN needs PostgreSQL itself: through a transaction-mode pooler notices would be lost.
    { db: createPrismaClient(world.db.url, { directUrl: world.db.directUrl }) },
  );
});
afterAll(async () => {
  for (const abort of aborts) abort.abort();
  await flagFeedFor(nodeB.db).close();
  await nodeB.db.$disconnect();
  await world.close();
});

/** Opens the dashboard's live flag feed on node B; resolves once node B is listening. */
async function watchOnNodeB(user: SessionUser, classId?: string) {
  const abort = new AbortController();
  aborts.push(abort);
  const caller = createCallerFactory(appRouter)(createContext(nodeB, user), { signal: abort.signal });
  const events = (await caller.teacher.flagEvents({ classId }))[Symbol.asyncIterator]();
  const first = events.next();
  await flagFeedFor(nodeB.db).start();
  return { first, events, stop: () => abort.abort() };
}

/** The event inside tracked()'s envelope (its id travels as the SSE id when served over HTTP). */
const data = <T>(result: IteratorResult<T> | 'timeout') =>
  result === 'timeout' ? null : Array.isArray(result.value) ? (result.value[1] as unknown) : result.value;

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms))]);

async function flaggedSendOnNodeA() {
  const conversation = await world
    .caller(world.users.student)
    .conversations.create({ mode: 'GENERAL', classId: world.classId });
  const turn = await send(world, world.users.student, {
    conversationId: conversation.id,
    content: 'I want to hurt myself',
  });
  expect(turn.status).toBe(200);
  return conversation.id;
}

describe('new flags reach an open dashboard on another node', () => {
  it('a flag raised on node A reaches the teacher on node B within seconds, and a review too', async () => {
    const teacher = await watchOnNodeB(world.users.teacher, world.classId);
    const everyClass = await watchOnNodeB(world.users.teacher);
    const admin = await watchOnNodeB(world.users.admin);
    const stranger = await watchOnNodeB(world.users.otherTeacher);

    // Within seconds (generous for a loaded machine): the flag travels by NOTIFY, not by some slow poll.
    await flaggedSendOnNodeA();
    const raised = await within(teacher.first, 10_000);
    expect(raised).not.toBe('timeout');
    const event = data(raised) as { categories: Array<{ category: string }> } | null;
    expect(event).toMatchObject({ kind: 'raised', classId: world.classId, studentName: 'Student', reviewedAt: null });
    expect(event?.categories[0]?.category).toMatch(/self-harm/);
    expect(await within(everyClass.first, 2_000)).not.toBe('timeout');
    expect(await within(admin.first, 2_000)).not.toBe('timeout');
    // Another teacher's dashboard hears nothing of it.
    expect(await within(stranger.first, 1_000)).toBe('timeout');

    const flag = await world.db.prisma.moderationFlag.findFirstOrThrow({ where: { classId: world.classId } });
    const next = teacher.events.next();
    await world.caller(world.users.teacher).teacher.reviewFlag({ flagId: flag.id, reviewed: true });
    const reviewed = await within(next, 5_000);
    expect(data(reviewed)).toMatchObject({ kind: 'reviewed', id: flag.id });
    for (const watcher of [teacher, everyClass, admin, stranger]) watcher.stop();
  });

  it('students, anonymous callers and another teacher cannot open the class feed', async () => {
    const open = async (user: SessionUser | null) => {
      const abort = new AbortController();
      aborts.push(abort);
      const caller = createCallerFactory(appRouter)(createContext(nodeB, user), { signal: abort.signal });
      try {
        const events = await caller.teacher.flagEvents({ classId: world.classId });
        const first = await within(events[Symbol.asyncIterator]().next(), 500);
        return first === 'timeout' ? 'open' : 'ended';
      } catch (error) {
        return error instanceof TRPCError ? error.code : 'other';
      } finally {
        abort.abort();
      }
    };
    expect(await open(null)).toBe('UNAUTHORIZED');
    expect(await open(world.users.student)).toBe('FORBIDDEN');
    expect(await open(world.users.otherStudent)).toBe('FORBIDDEN');
    expect(await open(world.users.otherTeacher)).toBe('NOT_FOUND');
    expect(await open(world.users.teacher)).toBe('open');
    expect(await open(world.users.admin)).toBe('open');
  });
});

describe('a settings change applies to the very next message, on any node', () => {
  it('the teacher lowers the budget through node A; the student on node B is refused with the reason', async () => {
    const { id } = await world
      .caller(world.users.student)
      .conversations.create({ mode: 'GENERAL', classId: world.classId });
    const sendOnNodeB = async (content: string) => {
      const request = new Request('http://lumi.test/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'send', clientId: crypto.randomUUID(), conversationId: id, content }),
      });
      const response = await handleSendMessage(request, nodeB, world.users.student);
      return { status: response.status, body: await response.text() };
    };
    expect((await sendOnNodeB('What is a prime number?')).status).toBe(200);
    await world.caller(world.users.teacher).classes.update({ classId: world.classId, dailyTokenBudget: 10 });
    const refused = await sendOnNodeB('And a composite number?');
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'BUDGET_EXHAUSTED' } });
  });
});
