import { hash } from '@node-rs/argon2';
import { BUILTIN_MODELS, Catalog, costMicros, countChatTokens, countMessageTokens } from '@lumi/chat-core';
import type { ChatMessage } from '@lumi/chat-core';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { DEMO_FLAGGED_CONVERSATIONS, DEMO_FLAGS } from './demo-flags';
import { DEMO_ADMIN, DEMO_CLASS, DEMO_CONVERSATIONS, DEMO_PASSWORD, DEMO_STUDENTS, DEMO_TEACHER } from './demo-school';
import { between, isWeekend, pick, schoolTime, seededRandom } from './usage-pattern';

export interface DemoLogin {
  role: 'ADMIN' | 'TEACHER' | 'STUDENT';
  email: string;
  name: string;
}

export interface SeedResult {
  /** False when the demo school was already there; nothing was changed then. */
  created: boolean;
  className: string;
  joinCode: string;
  password: string;
  logins: DemoLogin[];
}

type SessionMode = NonNullable<Prisma.UsageEventCreateManyInput['mode']>;

const USAGE_DAYS = 21;
// Stands in for the tutor persona, class rules and mode instructions sent before the history.
const SYSTEM_PROMPT_TOKENS = 420;

/**
 * Creates a believable demo school: an admin, a teacher, a class, students (some using Lumi in Chinese),
 * tutoring conversations in several modes and three weeks of usage. Idempotent: rows have fixed ids
 * or unique keys and existing ones are left as they are.
 */
export async function seedDemoSchool(prisma: PrismaClient, now = new Date()): Promise<SeedResult> {
  const created = (await prisma.user.findUnique({ where: { email: DEMO_TEACHER.email } })) === null;
  const passwordHash = await hash(DEMO_PASSWORD, { algorithm: 2 /* Argon2id */ });

  await prisma.$transaction(
    async (tx) => {
      const teacher = await tx.user.upsert({
        where: { email: DEMO_TEACHER.email },
        update: {},
        create: { ...DEMO_TEACHER, role: 'TEACHER', passwordHash },
      });
      // Also added to a demo school seeded before there was one.
      await tx.user.upsert({
        where: { email: DEMO_ADMIN.email },
        update: {},
        create: { ...DEMO_ADMIN, role: 'ADMIN', passwordHash },
      });
      const schoolClass = await tx.class.upsert({
        where: { joinCode: DEMO_CLASS.joinCode },
        update: {},
        create: { ...DEMO_CLASS, teacherId: teacher.id },
      });
      const studentIds = new Map<string, string>();
      for (const { key, ...student } of DEMO_STUDENTS) {
        const user = await tx.user.upsert({
          where: { email: student.email },
          update: {},
          create: { ...student, role: 'STUDENT', passwordHash },
        });
        studentIds.set(key, user.id);
        await tx.enrollment.upsert({
          where: { classId_studentId: { classId: schoolClass.id, studentId: user.id } },
          update: {},
          create: { classId: schoolClass.id, studentId: user.id },
        });
      }
      const rows = demoRows(studentIds, schoolClass.id, now);
      await tx.conversation.createMany({ data: rows.conversations, skipDuplicates: true });
      await tx.message.createMany({ data: rows.messages, skipDuplicates: true });
      await tx.usageEvent.createMany({ data: rows.usage, skipDuplicates: true });
      await tx.moderationFlag.createMany({ data: demoFlags(rows, teacher.id), skipDuplicates: true });
      await chargeDemoBudgets(tx, [...studentIds.values()], schoolClass.id);
    },
    { timeout: 30_000 },
  );

  return {
    created,
    className: DEMO_CLASS.name,
    joinCode: DEMO_CLASS.joinCode,
    password: DEMO_PASSWORD,
    logins: [
      { role: 'ADMIN', email: DEMO_ADMIN.email, name: DEMO_ADMIN.name },
      { role: 'TEACHER', email: DEMO_TEACHER.email, name: DEMO_TEACHER.name },
      ...DEMO_STUDENTS.map((s) => ({ role: 'STUDENT' as const, email: s.email, name: s.name })),
    ],
  };
}

interface DemoRows {
  conversations: Prisma.ConversationCreateManyInput[];
  messages: Prisma.MessageCreateManyInput[];
  usage: Prisma.UsageEventCreateManyInput[];
}

/** Every demo row with a fixed id, so a second run inserts nothing. */
function demoRows(studentIds: Map<string, string>, classId: string, now: Date): DemoRows {
  const random = seededRandom(20_250_901);
  const rows: DemoRows = { conversations: [], messages: [], usage: [] };
  const modesByStudent = new Map<string, SessionMode[]>();

  for (const conversation of [...DEMO_CONVERSATIONS, ...DEMO_FLAGGED_CONVERSATIONS]) {
    const studentId = studentIds.get(conversation.student)!;
    const conversationId = `demo-conv-${conversation.key}`;
    modesByStudent.set(studentId, [...(modesByStudent.get(studentId) ?? []), conversation.mode]);
    let at = schoolTime(now, conversation.daysAgo, random);
    const history: ChatMessage[] = [];
    conversation.turns.forEach((content, index) => {
      const role = index % 2 === 0 ? 'user' : 'assistant';
      const messageId = `demo-msg-${conversation.key}-${index + 1}`;
      at = new Date(at.getTime() + between(random, 20, 150) * 1000);
      const message: ChatMessage = { role, content };
      const tokenCount = countMessageTokens(message, conversation.model);
      const assistant = role === 'assistant';
      rows.messages.push({
        id: messageId,
        conversationId,
        role: assistant ? 'ASSISTANT' : 'USER',
        content,
        tokenCount,
        model: assistant ? conversation.model : null,
        finishReason: assistant ? 'stop' : null,
        ttftMs: assistant ? between(random, 280, 900) : null,
        latencyMs: assistant ? between(random, 1_500, 6_000) : null,
        createdAt: at,
        updatedAt: at,
      });
      if (assistant) {
        const promptTokens = SYSTEM_PROMPT_TOKENS + countChatTokens(history, conversation.model);
        const completionTokens = tokenCount - countMessageTokens({ role, content: '' }, conversation.model);
        rows.usage.push({
          id: `demo-usage-${conversation.key}-${index + 1}`,
          userId: studentId,
          classId,
          conversationId,
          messageId,
          kind: 'CHAT',
          model: conversation.model,
          promptTokens,
          completionTokens,
          costMicros: demoCost(conversation.model, promptTokens, completionTokens),
          createdAt: at,
        });
      }
      history.push(message);
    });
    rows.conversations.push({
      id: conversationId,
      studentId,
      classId,
      mode: conversation.mode,
      persona: conversation.persona,
      model: conversation.model,
      title: conversation.title,
      lastMessageAt: at,
      createdAt: rows.messages.find((m) => m.conversationId === conversationId)!.createdAt,
    });
  }

  rows.usage.push(...backgroundUsage(studentIds, modesByStudent, classId, now, random));
  return rows;
}

/**
 * Counts the demo students' recorded usage against their class budget, day by day (UTC, as the budget counts), so
 * the home page's "Today's budget" and its usage chart tell one story. Days that already have budget accounting
 * (a run on an earlier day, or real use since) are left alone: they were kept in step with the usage as it came.
 */
async function chargeDemoBudgets(tx: Prisma.TransactionClient, studentIds: string[], classId: string) {
  await tx.$executeRaw`
    INSERT INTO "BudgetDay" ("userId", "scope", "day", "usedTokens", "reservedTokens", "updatedAt")
    SELECT "userId", ${classId}, "createdAt"::date,
           SUM("promptTokens" + "completionTokens")::int, 0, now()
    FROM "UsageEvent"
    -- "createdAt" is a UTC timestamp without a zone: its date is the UTC day.
    WHERE "classId" = ${classId} AND "userId" = ANY(${studentIds})
    GROUP BY "userId", "createdAt"::date
    ON CONFLICT ("userId", "scope", "day") DO NOTHING`;
}

/** The demo flags, on their messages; the reviewed one was reviewed by the teacher an hour after it was raised. */
function demoFlags(rows: DemoRows, teacherId: string): Prisma.ModerationFlagCreateManyInput[] {
  return DEMO_FLAGS.map((flag) => {
    const conversation = rows.conversations.find((c) => c.id === `demo-conv-${flag.conversation}`)!;
    const message = rows.messages.find((m) => m.id === `demo-msg-${flag.conversation}-${flag.message}`)!;
    const createdAt = new Date(message.createdAt!);
    return {
      id: `demo-flag-${flag.conversation}`,
      studentId: conversation.studentId,
      classId: conversation.classId,
      conversationId: conversation.id!,
      messageId: message.id!,
      categories: flag.categories,
      createdAt,
      reviewedAt: flag.reviewed ? new Date(createdAt.getTime() + 3_600_000) : null,
      reviewedById: flag.reviewed ? teacherId : null,
    };
  });
}

/**
 * Earlier sessions whose messages are not part of the demo (the students have since deleted them, which keeps
 * their usage rows and modes without the session): school days busier than weekends. They belong to no session
 * shown, so each demo session's tokens are those of its own messages, as on its transcript.
 */
function backgroundUsage(
  studentIds: Map<string, string>,
  modesByStudent: Map<string, SessionMode[]>,
  classId: string,
  now: Date,
  random: () => number,
): Prisma.UsageEventCreateManyInput[] {
  const events: Prisma.UsageEventCreateManyInput[] = [];
  for (const [key, userId] of studentIds) {
    const modes = modesByStudent.get(userId) ?? [];
    for (let daysAgo = USAGE_DAYS - 1; daysAgo >= 0; daysAgo--) {
      const count = isWeekend(now, daysAgo) ? between(random, 0, 1) : between(random, 0, 5);
      for (let n = 0; n < count; n++) {
        const model = pick(random, ['gpt-4o-mini', 'gpt-4o-mini', 'gpt-4o-mini', 'gpt-4.1-mini', 'gpt-5-mini']);
        const summary = random() < 0.08;
        const promptTokens = summary ? between(random, 2_500, 6_000) : between(random, 450, 3_200);
        const completionTokens = summary ? between(random, 150, 400) : between(random, 60, 750);
        events.push({
          id: `demo-usage-${key}-d${daysAgo}-${n}`,
          userId,
          classId,
          conversationId: null,
          mode: modes.length ? pick(random, modes) : null,
          kind: summary ? 'SUMMARY' : 'CHAT',
          model,
          promptTokens,
          completionTokens,
          costMicros: demoCost(model, promptTokens, completionTokens),
          createdAt: schoolTime(now, daysAgo, random),
        });
      }
    }
  }
  return events;
}

/** Demo costs use the built-in list prices, not a LUMI_MODEL_CATALOG override, so every run stores the same numbers. */
const listPrices = new Catalog(BUILTIN_MODELS);

function demoCost(model: string, promptTokens: number, completionTokens: number): number {
  return costMicros({ promptTokens, completionTokens, cachedTokens: 0 }, listPrices.require(model));
}
