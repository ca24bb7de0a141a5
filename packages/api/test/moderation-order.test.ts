import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createWorld, send, type World } from './harness';

// Moderation is a paid network call: nobody should be able to trigger it without owning the conversation and
// staying within the rate limit.
let world: World;
beforeAll(async () => {
  world = await createWorld({ LUMI_CHAT_RATE_LIMIT: '3' });
});
beforeEach(() => world.fake.reset());
afterAll(() => world.close());

const moderationCalls = () => world.fake.requests.filter((r) => r.path === '/v1/moderations').length;

it('sends to a conversation that does not exist, or is not the caller’s, make no moderation call', async () => {
  const theirs = await world.caller(world.users.otherStudent).conversations.create({ mode: 'GENERAL' });
  const results = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      send(world, world.users.student, { conversationId: i % 2 ? 'no-such-conversation' : theirs.id, content: 'hi' }),
    ),
  );
  expect(results.every((r) => r.error?.code === 'NOT_FOUND')).toBe(true);
  expect(moderationCalls()).toBe(0);
});

it('sends over the rate limit make no moderation call', async () => {
  // Another student: the sends above used up this one's rate limit.
  const student = world.users.otherStudent;
  const { id } = await world.caller(student).conversations.create({ mode: 'GENERAL' });
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    statuses.push((await send(world, student, { conversationId: id, content: `question ${i}` })).status);
  }
  expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
  expect(moderationCalls()).toBe(3);
});
