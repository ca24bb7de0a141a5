import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChatProvider } from '@lumi/chat-core';
import { appRouter, createCallerFactory, createContext, createServices } from '../src';
import type { SessionUser } from '../src';
import { GRADING_CONCURRENCY } from '../src/practice/after-reply';
import { createWorld, sendVia, type World } from './harness';

/**
 * Grading never competes with live partner replies beyond a few calls per node: the correction cards of many
 * learners' turns wait their turn in a small queue, and each is still made exactly once, with no page open.
 */
let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

const LEARNERS = 10;

it(`runs at most ${GRADING_CONCURRENCY} gradings at once on a node, and every turn still gets its card once`, async () => {
  const db = world.db.prisma;
  // The node's real provider, watched: how many structured (grading) calls are open at once.
  let open = 0;
  let most = 0;
  const watched: ChatProvider = {
    ...world.services.provider,
    async *stream(request) {
      const grading = request.responseFormat !== undefined;
      if (grading) most = Math.max(most, ++open);
      try {
        yield* world.services.provider.stream(request);
      } finally {
        if (grading) open--;
      }
    },
  };
  const services = createServices(
    { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: world.fake.url },
    { db, provider: watched, chatRateLimit: 10_000 },
  );
  // Every chunk (the partner's words, the card's JSON) takes a while, so gradings overlap when nothing holds them.
  world.fake.setDefault({ delayMs: 40 });
  const learners: SessionUser[] = [];
  for (let i = 0; i < LEARNERS; i++) {
    const user = await db.user.create({ data: { email: `q${i}@school.test`, name: `Q${i}`, role: 'STUDENT' } });
    await db.enrollment.create({ data: { classId: world.classId, studentId: user.id } });
    learners.push({ id: user.id, role: 'STUDENT', name: user.name });
  }
  const caller = (user: SessionUser) => createCallerFactory(appRouter)(createContext(services, user));
  const attempts = await Promise.all(
    learners.map((user) =>
      caller(user).practice.start({ source: { kind: 'builtin', id: 'en-cafe-order' }, classId: world.classId }),
    ),
  );
  // Every learner sends a turn at once, reads the reply and closes the tab: the page never asks for its card.
  await Promise.all(
    attempts.map(async (attempt, i) => {
      const reply = await sendVia(services, learners[i]!, {
        conversationId: attempt.conversationId!,
        content: 'Hello, I would like a coffee, please.',
      });
      expect(reply.status).toBe(200);
    }),
  );
  await services.generations.drain();

  expect(most).toBeGreaterThan(0);
  expect(most).toBeLessThanOrEqual(GRADING_CONCURRENCY);
  const cards = await db.turnFeedback.findMany({ where: { attemptId: { in: attempts.map((a) => a.id) } } });
  expect(cards.map((c) => c.status)).toEqual(Array(LEARNERS).fill('READY'));
  const gradings = world.fake.requests.filter((r) => (r.body as { response_format?: unknown }).response_format);
  expect(gradings).toHaveLength(LEARNERS);
});
