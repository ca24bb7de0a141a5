// Creates (migrated and seeded) or drops the browser tests' database: `tsx e2e/database.ts create|drop <name>`;
// `tsx e2e/database.ts sessions <name> <email> <count>` gives one student many sessions at once; `last-reply` and
// `age-replies` (<name> <email>) read a student's latest reply and make their streaming replies look abandoned.
// `tsx e2e/database.ts account <name> <email> disable|approve|STUDENT|TEACHER` disables an account, approves a teacher
// who signed up, or changes its role. `redact <name> <email>` empties a student's messages as the retention job does;
// `user-texts <name>` prints what people named and wrote (names, emails, class names, titles, messages) as JSON.
// Run as a child process so Playwright's own TypeScript loader never has to load the Prisma client.
import { readAccessDetail } from '@lumi/api/schemas';
import { createPrismaClient } from '@lumi/db';
import { deployMigrations } from '@lumi/db/migrate';
import { seedDemoSchool } from '@lumi/db/seed';
import { SEED } from './fixtures';

const [command, name, ...args] = process.argv.slice(2);
if (!name || !/^lumi_e2e_[a-z0-9]+$/.test(name)) throw new Error(`expected a lumi_e2e_* database name, got ${name}`);
// Made, migrated and seeded on PostgreSQL itself, also when the nodes reach it through a pooler.
const serverUrl =
  process.env.E2E_DIRECT_DATABASE_SERVER ??
  process.env.E2E_DATABASE_SERVER ??
  'postgresql://root@127.0.0.1:5432/postgres';
const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();

async function onServer(sql: string) {
  const server = createPrismaClient(serverUrl);
  try {
    await server.$executeRawUnsafe(sql);
  } finally {
    await server.$disconnect();
  }
}

if (command === 'create') {
  await onServer(`CREATE DATABASE "${name}"`);
  await deployMigrations({ databaseUrl });
  const db = createPrismaClient(databaseUrl);
  const teacher = await db.user.create({ data: { email: SEED.teacherEmail, name: 'Ms Rivera', role: 'TEACHER' } });
  await db.class.create({ data: { name: SEED.className, teacherId: teacher.id, joinCode: SEED.joinCode } });
  await db.class.create({
    data: { name: SEED.tinyClassName, teacherId: teacher.id, joinCode: SEED.tinyJoinCode, dailyTokenBudget: 10 },
  });
  await db.class.create({
    data: { name: SEED.smallClassName, teacherId: teacher.id, joinCode: SEED.smallJoinCode, dailyTokenBudget: 400 },
  });
  // The demo school, as `npm start` seeds it: the teacher's dashboard specs read its usage, sessions and flags.
  await seedDemoSchool(db);
  const { passwordHash } = await db.user.findUniqueOrThrow({ where: { email: SEED.demoTeacherEmail } });
  await db.user.create({ data: { email: SEED.adminEmail, name: 'Ada Admin', role: 'ADMIN', passwordHash } });
  const oldClass = await db.class.create({
    data: { name: SEED.oldClassName, teacherId: teacher.id, joinCode: 'E2EOLD15' },
  });
  const old = await db.user.create({ data: { email: 'old.student@e2e.lumi.test', name: SEED.oldStudentName } });
  await db.enrollment.create({ data: { classId: oldClass.id, studentId: old.id } });
  const elevenYearsAgo = new Date(Date.now() - 4000 * 86_400_000);
  await db.conversation.create({
    data: {
      studentId: old.id,
      classId: oldClass.id,
      model: 'gpt-4o-mini',
      title: SEED.oldMessage,
      lastMessageAt: elevenYearsAgo,
      createdAt: elevenYearsAgo,
      messages: { create: { role: 'USER', content: SEED.oldMessage, tokenCount: 8, createdAt: elevenYearsAgo } },
    },
  });
  await db.$disconnect();
} else if (command === 'sessions') {
  const [email, count] = [args[0]!, Number(args[1])];
  const db = createPrismaClient(databaseUrl);
  const student = await db.user.findUniqueOrThrow({ where: { email } });
  // A minute apart, so the list's order (newest first) is known: "Seeded session <count>" comes first.
  const start = Date.now() - count * 60_000;
  await db.conversation.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      studentId: student.id,
      model: 'gpt-4o-mini',
      title: `Seeded session ${String(i + 1).padStart(2, '0')}`,
      lastMessageAt: new Date(start + i * 60_000),
    })),
  });
  await db.$disconnect();
} else if (command === 'last-reply') {
  // The student's latest reply as stored, with what it holds of their budget and the usage rows charged for it.
  const db = createPrismaClient(databaseUrl);
  const reply = await db.message.findFirstOrThrow({
    where: { role: 'ASSISTANT', conversation: { student: { email: args[0]! } } },
    orderBy: { createdAt: 'desc' },
  });
  const budget = await db.budgetDay.findMany({ where: { user: { email: args[0]! } } });
  const usage = await db.usageEvent.findMany({ where: { messageId: reply.id } });
  console.log(
    JSON.stringify({
      status: reply.status,
      errorCode: reply.errorCode,
      content: reply.content,
      reservedTokens: reply.reservedTokens,
      promptTokens: reply.promptTokens,
      budgetReserved: budget.reduce((sum, day) => sum + day.reservedTokens, 0),
      budgetUsed: budget.reduce((sum, day) => sum + day.usedTokens, 0),
      usageRows: usage.length,
      chargedPromptTokens: usage.reduce((sum, row) => sum + row.promptTokens, 0),
      chargedCompletionTokens: usage.reduce((sum, row) => sum + row.completionTokens, 0),
    }),
  );
  await db.$disconnect();
} else if (command === 'age-replies') {
  // As if the student's streaming replies had not been written to for ten minutes: their node is gone.
  const db = createPrismaClient(databaseUrl);
  await db.$executeRaw`
    UPDATE "Message" SET "updatedAt" = now() - interval '10 minutes'
    WHERE "status" = 'STREAMING' AND "conversationId" IN (
      SELECT c."id" FROM "Conversation" c JOIN "User" u ON u."id" = c."studentId" WHERE u."email" = ${args[0]!})`;
  await db.$disconnect();
} else if (command === 'account') {
  const [email, change] = [args[0]!, args[1]!];
  const db = createPrismaClient(databaseUrl);
  await db.user.update({
    where: { email },
    data:
      change === 'disable'
        ? { disabledAt: new Date() }
        : change === 'approve'
          ? { pendingApproval: false }
          : { role: change === 'TEACHER' ? 'TEACHER' : 'STUDENT' },
  });
  await db.$disconnect();
} else if (command === 'redact') {
  const db = createPrismaClient(databaseUrl);
  await db.message.updateMany({
    where: { conversation: { student: { email: args[0]! } } },
    data: { content: '', redactedAt: new Date() },
  });
  await db.$disconnect();
} else if (command === 'user-texts') {
  const db = createPrismaClient(databaseUrl);
  const [users, classes, conversations, messages, exercises, assignments, attempts, logged] = await Promise.all([
    db.user.findMany({ select: { name: true, email: true } }),
    db.class.findMany({ select: { name: true, subject: true, extraInstructions: true } }),
    // A session not named yet is stored as "New session": the screens' own words, not a person's.
    db.conversation.findMany({ where: { title: { not: 'New session' } }, select: { title: true, persona: true } }),
    db.message.findMany({ select: { content: true } }),
    db.practiceExercise.findMany({ select: { title: true } }),
    db.practiceAssignment.findMany({ select: { title: true } }),
    db.practiceAttempt.findMany({ select: { title: true } }),
    // What teachers searched for, as the access log records it.
    db.accessLog.findMany({ where: { action: 'SEARCH_RESULTS' }, select: { detail: true } }),
  ]);
  const searches = logged.map(({ detail }) => {
    const facts = readAccessDetail(detail);
    return { query: facts?.kind === 'search' ? facts.query : undefined };
  });
  const rows: Record<string, unknown>[] = [
    ...users,
    ...classes,
    ...conversations,
    ...messages,
    ...exercises,
    ...assignments,
    ...attempts,
    ...searches,
  ];
  const texts = rows
    .flatMap((row) => Object.values(row))
    .filter((text): text is string => typeof text === 'string' && text.trim() !== '');
  console.log(JSON.stringify([...new Set(texts)]));
  await db.$disconnect();
} else if (command === 'drop') {
  await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
} else {
  throw new Error(`unknown command ${command}`);
}
