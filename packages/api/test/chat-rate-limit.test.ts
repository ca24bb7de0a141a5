import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorld, send, type World } from './harness';

// Issue 11 should-fix: the chat rate limit was a fixed window, so 2 x the limit went through within a few seconds
// around a minute boundary. Now no 60 seconds ever hold more than LUMI_CHAT_RATE_LIMIT sends.
let world: World;
let conversationId: string;
let clock: Date;
beforeAll(async () => {
  world = await createWorld({ LUMI_CHAT_RATE_LIMIT: '5' });
  world.fake.setDefault({ reply: 'Fine.' });
  world.services.now = () => clock;
  const conversation = await world.db.prisma.conversation.create({
    data: { studentId: world.users.student.id, classId: world.classId, mode: 'GENERAL', model: 'gpt-4o-mini' },
  });
  conversationId = conversation.id;
});
afterAll(() => world.close());

const at = (iso: string) => (clock = new Date(iso));
const sendOne = () => send(world, world.users.student, { conversationId, content: 'One more question' });

it('lets no more than the limit through in any 60 seconds, around a minute boundary too', async () => {
  for (let i = 0; i < 5; i++) {
    at(`2026-12-02T10:00:5${5 + i}.000Z`);
    expect((await sendOne()).status).toBe(200);
  }

  // One second later, in the next minute: a fixed window would let five more through.
  at('2026-12-02T10:01:00.000Z');
  const refused = await sendOne();
  expect(refused).toMatchObject({ status: 429, error: { code: 'RATE_LIMITED' } });
  // The first of the five ages out a minute after it was sent.
  expect(refused.error!.resetAt).toBe('2026-12-02T10:01:55.000Z');

  at('2026-12-02T10:01:54.999Z');
  expect((await sendOne()).status).toBe(429);
  at('2026-12-02T10:01:55.001Z');
  expect((await sendOne()).status).toBe(200);
  expect((await sendOne()).status).toBe(429);
  await world.services.generations.drain();
  // Refused sends stored nothing: six messages of the student's, six replies.
  expect(await world.db.prisma.message.count({ where: { conversationId, role: 'USER' } })).toBe(6);
});

it('holds under sends at once from one student', async () => {
  at('2026-12-02T11:00:00.000Z');
  const results = await Promise.all(Array.from({ length: 20 }, () => sendOne()));
  expect(results.filter((r) => r.status === 200)).toHaveLength(5);
  expect(results.filter((r) => r.status === 429)).toHaveLength(15);
  await world.services.generations.drain();
});
