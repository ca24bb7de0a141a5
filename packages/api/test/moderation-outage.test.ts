import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createWorld, replyText, send, type World } from './harness';

// Moderation is a network call in front of every message. A dropped keep-alive connection is tried again like a
// chat request; when the service stays down, a class that fails closed (the default: its students are minors)
// refuses the message with a retryable "try again in a moment", storing nothing, and anywhere else the message
// goes on, screened by Lumi's offline patterns.
let world: World;
beforeAll(async () => (world = await createWorld({ LUMI_PROVIDER_RETRIES: '2' })));
afterAll(() => world.close());
beforeEach(() => world.fake.reset());

const moderationCalls = () => world.fake.requests.filter((r) => r.path === '/v1/moderations').length;
const chatCalls = () => world.fake.requests.filter((r) => r.path === '/v1/chat/completions').length;
/** More drops in a row than the moderator's retries: the service is down. */
const moderationDown = () => {
  for (let i = 0; i < 3; i++) world.fake.enqueueModeration({ fault: 'drop_connection' });
};

async function classConversation() {
  const { id } = await world
    .caller(world.users.student)
    .conversations.create({ mode: 'GENERAL', classId: world.classId });
  return id;
}

it('a message whose moderation call meets a dropped connection is moderated on the retry, not skipped', async () => {
  const conversationId = await classConversation();
  world.fake.enqueueModeration({ fault: 'drop_connection' });
  const { status, events } = await send(world, world.users.student, {
    conversationId,
    content: 'I want to kill myself tonight',
  });
  expect(status).toBe(200);
  expect(moderationCalls()).toBe(2);
  expect(chatCalls()).toBe(0);
  expect(replyText(events).toLowerCase()).toContain('trust');
  const flag = await world.db.prisma.moderationFlag.findFirstOrThrow({ where: { conversationId } });
  expect(flag.refused).toBe(true);
});

it('with moderation down, a class that fails closed refuses the send with a retryable 503 and stores nothing', async () => {
  const conversationId = await classConversation();
  const clientId = crypto.randomUUID();
  moderationDown();
  const refused = await send(world, world.users.student, { conversationId, clientId, content: 'What is 7 x 8?' });
  expect(refused.status).toBe(503);
  expect(refused.error?.code).toBe('MODERATION_UNAVAILABLE');
  expect(chatCalls()).toBe(0);
  expect(await world.db.prisma.message.count({ where: { conversationId } })).toBe(0);

  // Once moderation answers again, the same send goes through.
  const again = await send(world, world.users.student, { conversationId, clientId, content: 'What is 7 x 8?' });
  expect(again.status).toBe(200);
  expect(again.events.at(-1)).toMatchObject({ type: 'done', status: 'COMPLETE' });
});

it('with moderation down, a class that fails open and a personal session go on, screened by the offline patterns', async () => {
  const open = await world.caller(world.users.teacher).classes.update({
    classId: world.classId,
    moderationFailClosed: false,
  });
  expect(open.moderationFailClosed).toBe(false);
  try {
    const conversationId = await classConversation();
    moderationDown();
    const answered = await send(world, world.users.student, { conversationId, content: 'What is 7 x 8?' });
    expect(answered.events.at(-1)).toMatchObject({ type: 'done', status: 'COMPLETE' });

    const { id: personal } = await world.caller(world.users.student).conversations.create({ mode: 'GENERAL' });
    moderationDown();
    const harmful = await send(world, world.users.student, {
      conversationId: personal,
      content: 'I want to kill myself tonight',
    });
    expect(replyText(harmful.events).toLowerCase()).toContain('trust');
    expect(chatCalls()).toBe(1);
  } finally {
    await world.caller(world.users.teacher).classes.update({ classId: world.classId, moderationFailClosed: true });
  }
});
