import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorld, openStream, type World } from './harness';

/**
 * The class search indexes settled text only: while a reply streams, its flushes write the text so far without a
 * search vector (no GIN write per flush); when it settles the vector is computed once, and English words (as
 * prefixes) and two-character Chinese words inside a sentence are found.
 */
let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

const vectorOf = async (id: string) =>
  (
    await world.db.prisma.$queryRaw<Array<{ status: string; content: string; vector: string | null }>>`
      SELECT "status"::text AS "status", "content", "searchVector"::text AS "vector" FROM "Message" WHERE "id" = ${id}`
  )[0]!;

it('a streaming reply is searchable once it settles, in English and Chinese, and not before', async () => {
  const reply = 'Photosynthesis happens in the chloroplast. 植物在白天进行光合作用，叶绿体吸收光能。';
  // Slow enough for the once-a-second flush to write the text so far while it streams.
  world.fake.enqueue({ reply, chunkSize: 2, delayMs: 60 });
  const { id } = await world
    .caller(world.users.student)
    .conversations.create({ mode: 'SCIENCE', classId: world.classId });
  const stream = await openStream(world, world.users.student, { conversationId: id, content: 'Tell me about leaves' });
  const started = await stream.next();
  expect(started?.type).toBe('start');
  const replyId = (started as { assistantMessageId: string }).assistantMessageId;

  // Wait for a flush: the text so far is stored, with no search vector yet.
  let during = await vectorOf(replyId);
  for (let i = 0; i < 60 && during.content === ''; i++) {
    await new Promise((r) => setTimeout(r, 50));
    during = await vectorOf(replyId);
  }
  expect(during.status).toBe('STREAMING');
  expect(during.content).not.toBe('');
  expect(during.vector).toBeNull();
  const teacher = world.caller(world.users.teacher).teacher;
  expect((await teacher.search({ classId: world.classId, query: 'photosynth' })).items).toEqual([]);

  while ((await stream.next()) !== null);
  const settled = await vectorOf(replyId);
  expect(settled).toMatchObject({ status: 'COMPLETE', content: reply });
  expect(settled.vector).not.toBeNull();
  for (const query of ['photosynth', 'Chloroplast', '光合', '叶绿体', '白天']) {
    const found = await teacher.search({ classId: world.classId, query });
    expect(found.items.map((m) => m.id)).toContain(replyId);
  }
  // A word the reply does not hold, and Chinese characters that are not next to each other, find nothing.
  for (const query of ['photon', '光叶']) {
    expect((await teacher.search({ classId: world.classId, query })).items.map((m) => m.id)).not.toContain(replyId);
  }
  // The student's own message was settled when stored: found at once.
  expect((await teacher.search({ classId: world.classId, query: 'leaves' })).items).toHaveLength(1);
});

it('settled text that changes is indexed again, and a message going back to streaming leaves the index', async () => {
  const db = world.db.prisma;
  const conversation = await db.conversation.create({
    data: { studentId: world.users.student.id, classId: world.classId, model: 'gpt-4o-mini' },
  });
  const message = await db.message.create({
    data: { conversationId: conversation.id, role: 'USER', content: '二次函数的顶点', tokenCount: 5 },
  });
  expect((await vectorOf(message.id)).vector).toContain("'顶点'");
  await db.message.update({ where: { id: message.id }, data: { content: 'velocity and speed' } });
  const changed = (await vectorOf(message.id)).vector!;
  expect(changed).toContain("'velocity'");
  expect(changed).not.toContain('顶点');
  await db.message.update({ where: { id: message.id }, data: { status: 'STREAMING' } });
  expect((await vectorOf(message.id)).vector).toBeNull();
});

it("a page is found among the class's newest messages, else through the GIN index, with the same answers", async () => {
  const db = world.db.prisma;
  const { id: conversationId } = await world
    .caller(world.users.student)
    .conversations.create({ mode: 'GENERAL', classId: world.classId });
  // More messages than the newest-first window reads (10,000): "zebra" only in the oldest, "giraffe" in every
  // 50th, so the first is found through the index and the second among the newest.
  await db.$executeRaw`
    INSERT INTO "Message" ("id", "conversationId", "role", "content", "tokenCount", "createdAt", "updatedAt")
    SELECT 'w' || n, ${conversationId}, 'USER',
      CASE WHEN n = 1 THEN 'a zebra at the start' WHEN n % 50 = 0 THEN 'giraffe number ' || n ELSE 'filler ' || n END,
      3, now() - interval '1 day' + n * interval '1 second', now()
    FROM generate_series(1, 10050) n`;
  // Each message carries its session's class, copied as it was written.
  const [stamped] = await db.$queryRaw<[{ n: number }]>`
    SELECT count(*)::int AS "n" FROM "Message" WHERE "conversationId" = ${conversationId} AND "classId" = ${world.classId}`;
  expect(stamped.n).toBe(10_050);
  const teacher = world.caller(world.users.teacher).teacher;

  const zebra = await teacher.search({ classId: world.classId, query: 'zebra' });
  expect(zebra.items.map((m) => m.id)).toEqual(['w1']);

  const first = await teacher.search({ classId: world.classId, query: 'giraffe', limit: 3 });
  expect(first.items.map((m) => m.id)).toEqual(['w10050', 'w10000', 'w9950']);
  // Paging on past the window's reach is answered through the index: the oldest giraffes, in order, then none.
  let cursor = first.nextCursor;
  const seen = first.items.map((m) => m.id);
  while (cursor) {
    const next = await teacher.search({ classId: world.classId, query: 'giraffe', limit: 50, cursor });
    seen.push(...next.items.map((m) => m.id));
    cursor = next.nextCursor;
  }
  expect(seen).toEqual(Array.from({ length: 201 }, (_, i) => `w${10050 - i * 50}`));
  await db.message.deleteMany({ where: { conversationId } });
});
