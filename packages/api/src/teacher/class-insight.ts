import { costMicros, insightTask, requestStructured, type InsightAnswer, type InsightInput } from '@lumi/chat-core';
import { Prisma, type Class, type ClassInsight } from '@lumi/db';
import { allowedModelsFor } from '../chat/class-policy';
import type { LumiServices, SessionUser } from '../context';
import { AppError } from '../errors/app-error';
import type { InsightContent, InsightSource } from './insight.types';

/** The most messages one insight reads (the newest of the week), and the characters kept of each. */
const MAX_MESSAGES = 300;
const MAX_CHARS = 400;
const DAY_MS = 86_400_000;

export function insightView(row: ClassInsight) {
  return {
    weekStart: row.weekStart.toISOString().slice(0, 10),
    language: row.language === 'ZH' ? ('zh' as const) : ('en' as const),
    model: row.model,
    messageCount: row.messageCount,
    createdAt: row.createdAt,
    content: row.content as unknown as InsightContent,
  };
}

interface WeekMessage {
  id: string;
  conversationId: string;
  role: 'USER' | 'ASSISTANT';
  content: string;
  title: string;
  mode: string;
  studentId: string;
  studentName: string;
}

/** The class's settled messages of the week, newest first, read once for the question and its check. */
async function weekMessages(services: LumiServices, classId: string, from: Date, to: Date) {
  return services.db.$queryRaw<WeekMessage[]>(Prisma.sql`
    SELECT m."id", m."conversationId", m."role"::text AS "role", left(m."content", ${MAX_CHARS}) AS "content",
      c."title", c."mode"::text AS "mode", c."studentId", s."name" AS "studentName"
    FROM "Conversation" c
    JOIN "Message" m ON m."conversationId" = c."id"
    JOIN "User" s ON s."id" = c."studentId"
    WHERE c."classId" = ${classId} AND c."lastMessageAt" >= ${from}
      AND m."createdAt" >= ${from} AND m."createdAt" < ${to}
      AND m."status" <> 'STREAMING' AND m."content" <> '' AND m."supersededAt" IS NULL
    ORDER BY m."createdAt" DESC, m."id" DESC
    LIMIT ${MAX_MESSAGES}`);
}

/** The cheapest of the class's models that answers in a JSON schema (else the cheapest): this is plain summarising. */
function insightModel(services: LumiServices, klass: Class) {
  const entries = allowedModelsFor(services.catalog, services.provider, klass, []).map((id) =>
    services.catalog.require(id),
  );
  entries.sort((a, b) => a.prices.input + a.prices.output - (b.prices.input + b.prices.output));
  return entries.find((e) => e.capabilities.jsonSchema) ?? entries[0]!;
}

/**
 * Writes the insight of one class's week in one language, or returns the one already written (nothing is spent
 * twice). The question names messages and students by short references; the answer's claims keep only references
 * to messages of this question (so of this class and week) and are stored with the message ids behind them. The
 * model's calls are usage of the teacher who asked, in the class.
 */
export async function generateInsight(
  services: LumiServices,
  user: SessionUser,
  klass: Class,
  weekStart: string,
  language: 'en' | 'zh',
) {
  const key = { classId: klass.id, weekStart: new Date(`${weekStart}T00:00:00Z`), language: toUi(language) };
  const existing = await services.db.classInsight.findUnique({ where: { classId_weekStart_language: key } });
  if (existing) return { ...insightView(existing), reused: true };

  const to = new Date(key.weekStart.getTime() + 7 * DAY_MS);
  if (key.weekStart.getTime() > services.now().getTime()) {
    throw new AppError('BAD_INPUT', 'That week has not started yet.');
  }
  const messages = (await weekMessages(services, klass.id, key.weekStart, to)).reverse();
  const studentRefs = new Map<string, string>();
  for (const m of messages) if (!studentRefs.has(m.studentId)) studentRefs.set(m.studentId, `s${studentRefs.size + 1}`);
  const names = new Map(messages.map((m) => [m.studentId, m.studentName]));
  const input: InsightInput = {
    task: 'class_insight',
    language,
    className: klass.name,
    week: { from: weekStart, to: new Date(to.getTime() - DAY_MS).toISOString().slice(0, 10) },
    students: [...studentRefs].map(([id, ref]) => ({ ref, name: names.get(id)! })),
    messages: messages.map((m, i) => ({
      ref: `m${i + 1}`,
      student: studentRefs.get(m.studentId)!,
      session: m.title,
      mode: m.mode,
      role: m.role === 'USER' ? 'student' : 'tutor',
      text: m.content,
    })),
  };
  const model = insightModel(services, klass);
  const answer: InsightAnswer =
    messages.length === 0
      ? { summary: '', topics: [], misconceptions: [], students: [] }
      : await ask(services, user, klass, model, input);

  const byRef = new Map(messages.map((m, i) => [`m${i + 1}`, { id: m.id, conversationId: m.conversationId }]));
  const studentByRef = new Map([...studentRefs].map(([id, ref]) => [ref, id]));
  const sources = (refs: string[]): InsightSource[] => refs.map((r) => byRef.get(r)!);
  const content: InsightContent = {
    summary: answer.summary,
    topics: answer.topics.map((c) => ({ title: c.title, detail: c.detail, sources: sources(c.messages) })),
    misconceptions: answer.misconceptions.map((c) => ({
      title: c.title,
      detail: c.detail,
      sources: sources(c.messages),
    })),
    students: answer.students.map((s) => {
      const studentId = studentByRef.get(s.student)!;
      return { studentId, name: names.get(studentId)!, reason: s.reason, sources: sources(s.messages) };
    }),
  };
  // Two requests at once both pay; the first stored is the one kept and shown to both.
  await services.db.classInsight.createMany({
    data: [
      {
        ...key,
        requestedById: user.id,
        model: model.id,
        content: content as unknown as Prisma.InputJsonValue,
        messageCount: messages.length,
      },
    ],
    skipDuplicates: true,
  });
  const stored = await services.db.classInsight.findUniqueOrThrow({ where: { classId_weekStart_language: key } });
  return { ...insightView(stored), reused: false };
}

async function ask(
  services: LumiServices,
  user: SessionUser,
  klass: Class,
  model: ReturnType<typeof insightModel>,
  input: InsightInput,
): Promise<InsightAnswer> {
  const result = await requestStructured(services.provider, model, insightTask(input), {
    user: user.id,
    async settle({ usage, model: servedBy }) {
      if (usage.promptTokens + usage.completionTokens === 0) return;
      const entry = services.catalog.get(servedBy) ?? model;
      await services.db.usageEvent.create({
        data: {
          userId: user.id,
          classId: klass.id,
          kind: 'INSIGHT',
          model: servedBy,
          promptTokens: usage.promptTokens,
          completionTokens: usage.completionTokens,
          cachedTokens: usage.cachedTokens,
          costMicros: costMicros(usage, entry),
        },
      });
    },
  });
  if (!result.ok) {
    throw new AppError('INSIGHT_UNAVAILABLE', 'The insight could not be written just now. Try again in a moment.');
  }
  return result.value;
}

function toUi(language: 'en' | 'zh') {
  return language === 'zh' ? ('ZH' as const) : ('EN' as const);
}
