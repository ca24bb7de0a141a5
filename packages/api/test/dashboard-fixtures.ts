import { afterAll, beforeAll } from 'vitest';
import { createWorld, type World } from './harness';

const DAY_MS = 86_400_000;

export interface DashboardFixture {
  conversationId: string;
  personalConversationId: string;
  flagId: string;
  chineseMessageId: string;
}

/** Midday UTC `daysAgo` days before now: inside that UTC day whatever the hour of the test. */
export function dayAgo(now: Date, daysAgo: number): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(midnight - daysAgo * DAY_MS + 12 * 3_600_000);
}

/**
 * A test file's world with the dashboard's data (seedDashboard): made in a beforeAll registered here, closed in an
 * afterAll. The two objects are filled in by that beforeAll, so they are read inside tests and later hooks (a
 * file's own beforeAll runs after this one), never at the file's top level.
 */
export function dashboardWorld(): { world: World; fixture: DashboardFixture } {
  const world = {} as World;
  const fixture = {} as DashboardFixture;
  beforeAll(async () => {
    Object.assign(world, await createWorld());
    Object.assign(fixture, await seedDashboard(world));
  });
  afterAll(() => world.close());
  return { world, fixture };
}

/**
 * A class session of `student` in English and Chinese with a flag, a personal session nobody else may see, and
 * usage over several days and models, written straight to the database.
 */
export async function seedDashboard(world: World): Promise<DashboardFixture> {
  const db = world.db.prisma;
  const now = new Date();
  const { student, otherStudent } = world.users;
  const conversation = await db.conversation.create({
    data: { studentId: student.id, classId: world.classId, mode: 'SCIENCE', model: 'gpt-4o-mini', title: '光合作用' },
  });
  const messages = [
    ['USER', 'Why do plants need sunlight? Photosynthesis confuses me.'],
    ['ASSISTANT', 'Light gives the energy. Where in the leaf is it captured?'],
    ['USER', '我今天学习了光合作用的过程，但是叶绿体还是不太懂。'],
    ['ASSISTANT', '叶绿体里的叶绿素吸收光。你能写出光合作用的文字方程式吗？'],
    ['USER', 'I want to hurt myself'],
  ] as const;
  const ids: string[] = [];
  for (const [i, [role, content]] of messages.entries()) {
    const m = await db.message.create({
      data: {
        conversationId: conversation.id,
        role,
        content,
        tokenCount: 10 + i,
        model: 'gpt-4o-mini',
        createdAt: dayAgo(now, 1),
      },
    });
    ids.push(m.id);
  }
  const flag = await db.moderationFlag.create({
    data: {
      studentId: student.id,
      classId: world.classId,
      conversationId: conversation.id,
      messageId: ids[4]!,
      categories: { 'self-harm': 0.7, harassment: 0.1 },
    },
  });
  const personal = await db.conversation.create({
    data: { studentId: student.id, classId: null, mode: 'GENERAL', model: 'gpt-4o-mini', title: '秘密日记' },
  });
  await db.message.create({
    data: {
      conversationId: personal.id,
      role: 'USER',
      content: '这是我的秘密日记 photosynthesis diary',
      tokenCount: 9,
    },
  });
  // Usage over days and models, in the class, outside it and in another class.
  const usage = [
    [student.id, world.classId, 0, 'gpt-4o-mini', 100, 50, 45],
    [student.id, world.classId, 0, 'gpt-4o', 200, 80, 1300],
    [student.id, world.classId, 3, 'gpt-4o-mini', 1000, 300, 330],
    [student.id, world.classId, 10, 'gpt-4o-mini', 700, 70, 147],
    [student.id, world.classId, 40, 'gpt-4o', 5000, 500, 17500],
    [otherStudent.id, world.classId, 1, 'gpt-4o', 333, 111, 1943],
    [student.id, null, 0, 'gpt-4o-mini', 999, 999, 999],
  ] as const;
  for (const [userId, classId, daysAgo, model, promptTokens, completionTokens, costMicros] of usage) {
    await db.usageEvent.create({
      data: {
        userId,
        classId,
        conversationId: classId ? conversation.id : personal.id,
        kind: 'CHAT',
        model,
        promptTokens,
        completionTokens,
        costMicros,
        createdAt: dayAgo(now, daysAgo),
      },
    });
  }
  return {
    conversationId: conversation.id,
    personalConversationId: personal.id,
    flagId: flag.id,
    chineseMessageId: ids[2]!,
  };
}
