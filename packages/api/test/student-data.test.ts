import { describe, expect, it } from 'vitest';
import { dashboardWorld } from './dashboard-fixtures';
import { ADMIN_ONLY, callerAs, outcome, WHO, type Who } from './roles';

const { world, fixture } = dashboardWorld();

const caller = (who: Who) => callerAs(world, who);

const classTotals = () =>
  world.db.prisma.usageEvent.aggregate({
    where: { classId: world.classId },
    _count: true,
    _sum: { promptTokens: true, completionTokens: true, costMicros: true },
  });

describe('who may find, export and delete a student', () => {
  it('admin.findStudents', async () => {
    const actual: string[] = [];
    for (const who of WHO) actual.push(await outcome(() => caller(who).admin.findStudents({ query: 'student' })));
    expect(actual).toEqual(ADMIN_ONLY);
  });

  it('admin.exportStudent', async () => {
    const actual: string[] = [];
    for (const who of WHO) {
      actual.push(await outcome(() => caller(who).admin.exportStudent({ studentId: world.users.otherStudent.id })));
    }
    expect(actual).toEqual(ADMIN_ONLY);
  });

  it('admin.deleteStudent: everyone but the admin is refused and nothing is deleted', async () => {
    const actual: string[] = [];
    for (const who of WHO.filter((w) => w !== 'admin')) {
      actual.push(await outcome(() => caller(who).admin.deleteStudent({ studentId: world.users.student.id })));
    }
    expect(actual).toEqual(ADMIN_ONLY.slice(0, 5));
    expect(await world.db.prisma.user.count({ where: { id: world.users.student.id } })).toBe(1);
  });
});

describe('a student’s data on request', () => {
  it('finds students by part of a name or email, never teachers or admins', async () => {
    const found = await caller('admin').admin.findStudents({ query: 'STUDENT@school' });
    expect(found.map((s) => s.name).sort()).toEqual(['OtherStudent', 'Student']);
    expect(found.find((s) => s.name === 'Student')?.classes).toEqual(['Year 9 Maths']);
    expect(await caller('admin').admin.findStudents({ query: 'teacher' })).toEqual([]);
    await expect(caller('admin').admin.findStudents({ query: 'a' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('exports everything held about one student as JSON, personal sessions included, and logs it', async () => {
    const student = world.users.student;
    const file = await caller('admin').admin.exportStudent({ studentId: student.id });
    expect(file).toMatchObject({ mimeType: 'application/json', filename: expect.stringMatching(/^Student-data-/) });
    const data = JSON.parse(file.content) as {
      account: Record<string, unknown>;
      enrolments: Array<{ class: { name: string } }>;
      conversations: Array<{ id: string; messages: Array<{ content: string }> }>;
      usage: Array<{ costMicros: number }>;
      flags: Array<{ id: string }>;
      practiceAttempts: unknown[];
      accessLog: unknown[];
    };
    expect(data.account).toMatchObject({ id: student.id, email: 'student@school.test', name: 'Student' });
    expect(JSON.stringify(data.account)).not.toContain('argon2');
    expect(data.enrolments.map((e) => e.class.name)).toEqual(['Year 9 Maths']);
    expect(data.conversations.map((c) => c.id).sort()).toEqual(
      [fixture.conversationId, fixture.personalConversationId].sort(),
    );
    const text = data.conversations.flatMap((c) => c.messages.map((m) => m.content));
    expect(text).toContain('我今天学习了光合作用的过程，但是叶绿体还是不太懂。');
    expect(text).toContain('这是我的秘密日记 photosynthesis diary');
    expect(data.usage.reduce((sum, u) => sum + u.costMicros, 0)).toBe(45 + 1300 + 330 + 147 + 17500 + 999);
    expect(data.flags.map((f) => f.id)).toEqual([fixture.flagId]);
    expect(data.practiceAttempts).toEqual([]);
    // Nothing about the other student.
    expect(file.content).not.toContain(world.users.otherStudent.id);

    const log = await caller('admin').privacy.accessLog({ action: 'STUDENT_EXPORT' });
    expect(log.items[0]).toMatchObject({ actorName: 'Admin', studentId: student.id, studentName: 'Student' });
  });

  it('refuses ids that are not a student, and bad input, changing nothing', async () => {
    for (const id of [world.users.teacher.id, 'no-such-user']) {
      await expect(caller('admin').admin.exportStudent({ studentId: id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(caller('admin').admin.deleteStudent({ studentId: id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(caller('admin').admin.deleteStudent({ studentId: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await world.db.prisma.user.count()).toBe(5);
  });

  it('deletes the student and everything personal; usage stays without them, so class totals do not change', async () => {
    const db = world.db.prisma;
    const student = world.users.student;
    const before = await classTotals();
    const deleted = await caller('admin').admin.deleteStudent({ studentId: student.id });
    expect(deleted).toEqual({ studentId: student.id, conversations: 2, messages: 6, usage: 6 });

    expect(await db.user.count({ where: { id: student.id } })).toBe(0);
    expect(await db.enrollment.count({ where: { studentId: student.id } })).toBe(0);
    expect(await db.conversation.count({ where: { studentId: student.id } })).toBe(0);
    expect(await db.message.count({ where: { conversationId: fixture.conversationId } })).toBe(0);
    expect(await db.moderationFlag.count({ where: { studentId: student.id } })).toBe(0);
    expect(await db.usageEvent.count({ where: { userId: student.id } })).toBe(0);
    expect(await classTotals()).toEqual(before);

    // The teacher's usage export still adds up to the same totals, the student's rows under no name.
    const from = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date().toISOString().slice(0, 10);
    const csv = await caller('teacher').teacher.exportUsage({ classId: world.classId, from, to });
    const [header, ...rows] = csv.content
      .slice(1)
      .trim()
      .split('\r\n')
      .map((line) => line.split(','));
    const column = (name: string) => header!.indexOf(name);
    expect(rows.reduce((sum, r) => sum + Number(r[column('total_tokens')]), 0)).toBe(
      before._sum.promptTokens! + before._sum.completionTokens!,
    );
    expect(rows.filter((r) => r[column('student')] === '(deleted student)')).toHaveLength(5);
    expect(csv.content).not.toContain(',student@school.test');

    // The access log keeps the id (never the name) and the deletion itself.
    const log = await caller('admin').privacy.accessLog({ studentId: student.id });
    expect(log.items[0]).toMatchObject({ action: 'STUDENT_DELETE', actorName: 'Admin', studentName: student.id });
    expect(log.items.map((i) => i.action)).toContain('STUDENT_EXPORT');
    await expect(caller('admin').admin.exportStudent({ studentId: student.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
