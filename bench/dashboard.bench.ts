// The teacher's dashboard at school scale: 1,000 students in 40 classes, 50,000 sessions with 1,000,000 messages in
// English and Chinese, 500,000 usage rows (one per reply) over 120 days, 2,000 flags and a year of access-log rows
// (1,000,000), generated in bulk in PostgreSQL; then every dashboard procedure is timed through tRPC's fetch handler
// (input and output serialised as the browser's are), 50 runs each after a warm-up. Target: p95 under 50 ms per page query, under 2 s for a
// month's CSV export. Run: npx tsx bench/dashboard.bench.ts. Options (environment):
//   BENCH_SCALE=0.1      a smaller school (students, sessions, messages, usage and flags scaled; 40 classes stay)
//   BENCH_KEEP=1         keeps the database afterwards (for EXPLAIN), printing its URL
//   BENCH_DATABASE=<url> times a database an earlier BENCH_KEEP=1 run built, after applying new migrations
//   BENCH_RUNS=50        runs per procedure
//   BENCH_ONLY=search    times only the procedures whose label contains this
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { appRouter, createCallerFactory, createContext, createServices, type SessionUser } from '@lumi/api';
import { createPrismaClient } from '@lumi/db';
import { deployMigrations } from '@lumi/db/migrate';
import { createTestDatabase } from '@lumi/db/testing';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import superjson from 'superjson';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
if (!(SCALE > 0 && SCALE <= 10)) throw new Error('BENCH_SCALE is a number above 0, at most 10.');
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const WARMUP = 3;
const CLASSES = 40;
const STUDENTS = Math.max(CLASSES, Math.round(1_000 * SCALE));
const CONVERSATIONS = Math.round(50_000 * SCALE);
const MESSAGES_PER_CONVERSATION = 20;
const DAYS = 120;
const FLAGS = Math.round(2_000 * SCALE);

const EN = [
  'Why do plants need sunlight for photosynthesis, and what happens at night?',
  'Good question. Light gives the energy; where in the leaf do you think it is captured?',
  'How do I factorise x squared minus five x plus six? I keep getting the signs wrong.',
  'Look for two numbers that multiply to six and add to minus five. Which pairs multiply to six?',
  'My essay introduction says uniforms are bad. How can I make the thesis stronger?',
  'Name your reasons in the thesis, then open with a hook. What is your most surprising reason?',
  'Why does my loop print five five times in JavaScript when I use var?',
  'Each callback sees the same variable. What changes if you declare it with let instead?',
  'What is the difference between speed and velocity in physics?',
  'Velocity has a direction. If you walk around a track and end where you started, what is your velocity?',
];
const ZH = [
  '我今天学习了光合作用的过程，但是叶绿体还是不太懂，可以再解释一下吗？',
  '叶绿体里的叶绿素吸收光能。你觉得植物晚上还会进行光合作用吗？',
  '二次函数的顶点怎么求？我配方的时候总是出错。',
  '我们一步一步来：先把一次项系数除以二，再平方。你算出来是多少？',
  '我想去掉列表里重复的数字，但是要保持原来的顺序，应该怎么写？',
  '可以一边遍历一边记录见过的数字。用什么数据结构判断是否见过最快？',
  '请帮我检查翻译：长城是中国古代的军事防御工程。',
  '意思基本正确。防御这个词在英语里应该用名词还是形容词？',
  '为什么金属导电而塑料不导电？老师说和电子有关。',
  '金属里有可以自由移动的电子。你觉得塑料里的电子能自由移动吗？',
];
const MODES = ['GENERAL', 'MATHS', 'SCIENCE', 'PROGRAMMING', 'WRITING', 'TRANSLATION', 'LANGUAGE_PRACTICE'];
const MODELS = ['gpt-4o-mini', 'gpt-4o-mini', 'gpt-4.1-mini', 'gpt-5-mini', 'gpt-4o'];

const sqlArray = (items: string[]) => `ARRAY[${items.map((s) => `'${s.replaceAll("'", "''")}'`).join(', ')}]`;

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  console.log(`  ${label}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return result;
}

/** A database an earlier run kept (brought up to the current migrations), or a new one to build the school in. */
async function openDatabase() {
  const kept = process.env.BENCH_DATABASE;
  if (!kept) return { ...(await createTestDatabase()), reused: false };
  await deployMigrations({ databaseUrl: kept });
  const prisma = createPrismaClient(kept);
  return { url: kept, prisma, reused: true, drop: () => prisma.$disconnect() };
}

const database = await openDatabase();
const db = database.prisma;
console.log(
  `machine: ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const now = new Date();
try {
  if (!database.reused) await buildSchool();
  const services = createServices({ DATABASE_URL: database.url }, { db });
  const teacher: SessionUser = { id: 'bt1', role: 'TEACHER', name: 'Teacher 1' };
  const admin: SessionUser = { id: 'bench-admin', role: 'ADMIN', name: 'Admin' };
  const day = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const busiest = await db.conversation.findFirstOrThrow({
    where: { classId: 'bk1' },
    orderBy: { lastMessageAt: 'desc' },
  });

  /** One query through tRPC's fetch adapter, as the browser sends it (GET, superjson input). */
  async function call(user: SessionUser, path: string, input: unknown) {
    const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
    const response = await fetchRequestHandler({
      endpoint: '/api/trpc',
      req: new Request(`http://bench.test/api/trpc/${path}${query}`),
      router: appRouter,
      createContext: () => createContext(services, user),
    });
    const body = await response.text();
    if (!response.ok) throw new Error(`${path}: ${response.status} ${body.slice(0, 300)}`);
    return body.length;
  }

  // The class insight is generated once (the demo provider, over the week's real messages), then read back.
  const today = new Date(`${day(0)}T00:00:00Z`);
  const monday = new Date(today.getTime() - ((today.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
  const insightInput = { classId: 'bk1', weekStart: monday, language: 'en' as const };
  await timed('generating the class insight for this week (demo provider)', () =>
    createCallerFactory(appRouter)(createContext(services, teacher)).teacher.generateInsight(insightInput),
  );
  // A cursor half a year back in the access log, as reached by paging.
  const halfYearBack = await db.accessLog.findFirstOrThrow({
    where: { createdAt: { lte: new Date(now.getTime() - 182 * 86_400_000) } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
  const cases: Array<[string, SessionUser, string, unknown, number]> = [
    ['overview (teacher)', teacher, 'teacher.overview', undefined, 50],
    ['overview (admin, 40 classes)', admin, 'teacher.overview', undefined, 50],
    ['roster with 30-day figures', teacher, 'teacher.roster', { classId: 'bk1' }, 50],
    ['daily chart, 90 days, by model', teacher, 'teacher.usage', { classId: 'bk1', from: day(89), to: day(0) }, 50],
    [
      'daily chart, 90 days, by mode',
      teacher,
      'teacher.usage',
      { classId: 'bk1', from: day(89), to: day(0), groupBy: 'mode' },
      50,
    ],
    ['conversation list, first page', teacher, 'teacher.conversations', { classId: 'bk1' }, 50],
    [
      'conversation list, flagged, one student',
      teacher,
      'teacher.conversations',
      { classId: 'bk1', studentId: 'bs1', flagged: true },
      50,
    ],
    ['transcript (20 messages, logged)', teacher, 'teacher.transcript', { conversationId: busiest.id }, 50],
    ['search English "photosynthesis"', teacher, 'teacher.search', { classId: 'bk1', query: 'photosynthesis' }, 50],
    ['search English "the"', teacher, 'teacher.search', { classId: 'bk1', query: 'the' }, 50],
    // No match: the newest-window read finds nothing and the GIN index is asked too, the slowest path a search takes.
    ['search, no match "zebra"', teacher, 'teacher.search', { classId: 'bk1', query: 'zebra' }, 50],
    ['search Chinese "光合"', teacher, 'teacher.search', { classId: 'bk1', query: '光合' }, 50],
    ['search Chinese "顶点"', teacher, 'teacher.search', { classId: 'bk1', query: '顶点' }, 50],
    ['flags queue (open)', teacher, 'teacher.flags', { classId: 'bk1' }, 50],
    ['flags queue, every class (admin)', admin, 'teacher.flags', {}, 50],
    ['access log, newest (admin)', admin, 'privacy.accessLog', {}, 50],
    [
      'access log, half a year back (admin)',
      admin,
      'privacy.accessLog',
      { cursor: { createdAt: halfYearBack.createdAt, id: halfYearBack.id } },
      50,
    ],
    ['access log, one student (admin)', admin, 'privacy.accessLog', { studentId: 'bs7' }, 50],
    ['access log, deletions only (admin)', admin, 'privacy.accessLog', { action: 'STUDENT_DELETE' }, 50],
    ['transcripts archive of a class (zip)', teacher, 'teacher.exportTranscripts', { classId: 'bk1' }, 2000],
    ['roster CSV', teacher, 'teacher.exportRoster', { classId: 'bk1' }, 2000],
    ['student data export (admin)', admin, 'admin.exportStudent', { studentId: 'bs1' }, 2000],
    ['class insight, kept week', teacher, 'teacher.insight', insightInput, 50],
    ['class settings', teacher, 'teacher.settings', { classId: 'bk1' }, 50],
    ['flags CSV', teacher, 'teacher.exportFlags', { classId: 'bk1' }, 2000],
    ['CSV export of a month', teacher, 'teacher.exportUsage', { classId: 'bk1', from: day(29), to: day(0) }, 2000],
  ];

  const percentile = (values: number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  };
  console.log(`\n${RUNS} runs each after ${WARMUP} warm-up runs (ms):`);
  // "stall": the longest the event loop was held while the procedure ran, i.e. how long every other request and
  // live reply on the same node would have waited.
  console.log('procedure'.padEnd(44) + ['p50', 'p95', 'max', 'stall'].map((h) => h.padStart(8)).join('') + '  target');
  let met = true;
  const only = process.env.BENCH_ONLY?.toLowerCase();
  for (const [label, user, path, input, target] of cases) {
    if (only && !label.toLowerCase().includes(only)) continue;
    for (let i = 0; i < WARMUP; i++) await call(user, path, input);
    const times: number[] = [];
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await call(user, path, input);
      times.push(performance.now() - start);
    }
    loop.disable();
    const p95 = percentile(times, 95);
    met &&= p95 < target;
    console.log(
      label.padEnd(44) +
        percentile(times, 50).toFixed(1).padStart(8) +
        p95.toFixed(1).padStart(8) +
        Math.max(...times)
          .toFixed(1)
          .padStart(8) +
        (loop.max / 1e6).toFixed(1).padStart(8) +
        `  p95 < ${target} ${p95 < target ? 'met' : 'MISSED'}`,
    );
  }
  console.log(`\n${met ? 'Every target met.' : 'Some targets missed.'} Load average now ${loadavg()[0]!.toFixed(1)}.`);
} finally {
  if (process.env.BENCH_KEEP === '1') {
    console.log(`kept ${database.url}`);
    await db.$disconnect();
  } else {
    await database.drop();
  }
}

/** The school, generated in bulk in PostgreSQL. */
async function buildSchool() {
  console.log(`building the school in ${database.url.replace(/^.*\//, '')}`);
  await timed('users, classes, enrollments', async () => {
    await db.$executeRawUnsafe(`
      INSERT INTO "User" ("id", "email", "name", "role", "updatedAt")
      SELECT 'bench-admin', 'admin@bench.test', 'Admin', 'ADMIN'::"Role", now()
      UNION ALL SELECT 'bt' || n, 'teacher' || n || '@bench.test', 'Teacher ' || n, 'TEACHER'::"Role", now() FROM generate_series(1, ${CLASSES}) n
      UNION ALL SELECT 'bs' || n, 'student' || n || '@bench.test',
        CASE WHEN n % 2 = 0 THEN '学生' || n ELSE 'Student ' || n END, 'STUDENT'::"Role", now() FROM generate_series(1, ${STUDENTS}) n`);
    await db.$executeRawUnsafe(`
      INSERT INTO "Class" ("id", "name", "teacherId", "joinCode", "dailyTokenBudget", "updatedAt")
      SELECT 'bk' || n, 'Class ' || n, 'bt' || n, 'BENCH' || n, 100000, now() FROM generate_series(1, ${CLASSES}) n`);
    await db.$executeRawUnsafe(`
      INSERT INTO "Enrollment" ("id", "classId", "studentId")
      SELECT 'be' || n, 'bk' || ((n - 1) % ${CLASSES} + 1), 'bs' || n FROM generate_series(1, ${STUDENTS}) n`);
  });
  await timed('50,000 sessions', () =>
    db.$executeRawUnsafe(`
      INSERT INTO "Conversation" ("id", "studentId", "classId", "mode", "model", "title", "lastMessageAt", "createdAt", "updatedAt")
      SELECT 'bc' || n, 'bs' || s, 'bk' || ((s - 1) % ${CLASSES} + 1),
        (${sqlArray(MODES)})[n % ${MODES.length} + 1]::"TutorMode", (${sqlArray(MODELS)})[n % ${MODELS.length} + 1],
        CASE WHEN n % 3 = 0 THEN '会话 ' || n ELSE 'Session ' || n END,
        t + interval '20 minutes', t, t
      FROM generate_series(1, ${CONVERSATIONS}) n,
        LATERAL (SELECT (n - 1) % ${STUDENTS} + 1 AS s) st,
        -- Each class's sessions step through every day (a session's class is n modulo the classes, so the day
        -- must not be: a product of n gave each class only three days of the 120, none of them recent).
        LATERAL (SELECT '${now.toISOString()}'::timestamp - (((n - 1) / ${CLASSES} * 7) % ${DAYS}) * interval '1 day'
                   - ((n::bigint * 104729) % 36000) * interval '1 second' - interval '1 hour' AS t) tt`),
  );
  // The GIN index is built once after the bulk load, which is far faster than keeping it up row by row.
  await db.$executeRawUnsafe(`DROP INDEX "Message_searchVector_idx"`);
  await timed('1,000,000 messages (search vectors computed by the database)', () =>
    db.$executeRawUnsafe(`
      INSERT INTO "Message" ("id", "conversationId", "role", "content", "tokenCount", "model", "createdAt", "updatedAt")
      SELECT 'bm' || m, c."id", CASE WHEN i % 2 = 0 THEN 'USER' ELSE 'ASSISTANT' END::"MessageRole",
        CASE WHEN c.n % 3 = 0 THEN (${sqlArray(ZH)})[(m::bigint * 7919) % ${ZH.length} + 1]
             ELSE (${sqlArray(EN)})[(m::bigint * 7919) % ${EN.length} + 1] END || ' (' || m || ')',
        20 + m % 80, c."model", c."createdAt" + i * interval '1 minute', c."createdAt" + i * interval '1 minute'
      FROM generate_series(1, ${CONVERSATIONS * MESSAGES_PER_CONVERSATION}) m,
        LATERAL (SELECT (m - 1) / ${MESSAGES_PER_CONVERSATION} + 1 AS cn, (m - 1) % ${MESSAGES_PER_CONVERSATION} AS i) k,
        LATERAL (SELECT cv.*, k.cn AS n FROM "Conversation" cv WHERE cv."id" = 'bc' || k.cn) c`),
  );
  await timed('GIN index on the search vectors', () =>
    db.$executeRawUnsafe(`CREATE INDEX "Message_searchVector_idx" ON "Message" USING GIN ("searchVector")`),
  );
  await timed('500,000 usage rows, one per reply', () =>
    db.$executeRawUnsafe(`
      INSERT INTO "UsageEvent" ("id", "userId", "classId", "conversationId", "messageId", "kind", "model",
        "promptTokens", "completionTokens", "costMicros", "createdAt")
      SELECT 'bu' || m."id", c."studentId", c."classId", c."id", m."id", 'CHAT', c."model",
        300 + length(m."id") * 37 % 2000, 50 + length(m."content") * 3, (300 + length(m."id") * 37 % 2000) / 5 + length(m."content") * 2,
        m."createdAt"
      FROM "Message" m JOIN "Conversation" c ON c."id" = m."conversationId"
      WHERE m."role" = 'ASSISTANT'`),
  );
  await timed('2,000 flags', () =>
    db.$executeRawUnsafe(`
      INSERT INTO "ModerationFlag" ("id", "studentId", "classId", "conversationId", "messageId", "categories", "reviewedAt", "createdAt")
      SELECT 'bf' || n, c."studentId", c."classId", c."id", 'bm' || ((n * 499) * 2 - 1),
        '{"harassment": 0.71, "violence": 0.12}'::jsonb, CASE WHEN n % 3 = 0 THEN now() END, m."createdAt"
      FROM generate_series(1, ${FLAGS}) n
      JOIN "Message" m ON m."id" = 'bm' || ((n * 499) * 2 - 1)
      JOIN "Conversation" c ON c."id" = m."conversationId"`),
  );
  // A year of adults' reads: mostly search snippets and flag excerpts (a row per student shown), rare deletions.
  await timed('1,000,000 access-log rows', () =>
    db.$executeRawUnsafe(`
      INSERT INTO "AccessLog" ("id", "actorId", "action", "classId", "studentId", "detail", "createdAt")
      SELECT 'ba' || n, 'bt' || (n % ${CLASSES} + 1),
        (CASE WHEN n % 100 < 60 THEN 'SEARCH_RESULTS' WHEN n % 100 < 90 THEN 'FLAG_EXCERPTS'
              WHEN n % 100 < 99 THEN 'TRANSCRIPT_VIEW' WHEN n % 5000 = 99 THEN 'STUDENT_DELETE'
              ELSE 'EXPORT_USAGE' END)::"AccessAction",
        'bk' || (n % ${CLASSES} + 1), 'bs' || (n % ${STUDENTS} + 1),
        '{"kind": "search", "query": "photosynthesis", "count": 1}'::jsonb,
        '${now.toISOString()}'::timestamp - (n::bigint * 31) % (365 * 86400) * interval '1 second'
      FROM generate_series(1, ${Math.round(1_000_000 * SCALE)}) n`),
  );
  await timed('VACUUM ANALYZE', async () => {
    for (const table of [
      'User',
      'Class',
      'Enrollment',
      'Conversation',
      'Message',
      'UsageEvent',
      'ModerationFlag',
      'AccessLog',
    ]) {
      await db.$executeRawUnsafe(`VACUUM ANALYZE "${table}"`);
    }
  });
}
