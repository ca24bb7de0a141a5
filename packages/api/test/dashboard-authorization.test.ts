import { describe, expect, it } from 'vitest';
import { dayAgo, dashboardWorld } from './dashboard-fixtures';
import {
  type AuthorizationCase,
  callerAs,
  type Outcome,
  outcome,
  testAuthorizationTable,
  WHO,
  type Who,
} from './roles';

const { world, fixture } = dashboardWorld();

/** Teacher procedures about one class: only its teacher and admins; another teacher learns nothing. */
const CLASS_ONLY: Outcome[] = ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'NOT_FOUND', 'ok'];

const caller = (who: Who) => callerAs(world, who);
const day = (daysAgo: number) => dayAgo(new Date(), daysAgo).toISOString().slice(0, 10);

const cases: AuthorizationCase<Who>[] = [
  [
    'teacher.overview',
    (w) => caller(w).teacher.overview(),
    ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'ok', 'ok'],
  ],
  ['teacher.roster', (w) => caller(w).teacher.roster({ classId: world.classId }), CLASS_ONLY],
  ['teacher.usage', (w) => caller(w).teacher.usage({ classId: world.classId, from: day(30), to: day(0) }), CLASS_ONLY],
  ['teacher.conversations', (w) => caller(w).teacher.conversations({ classId: world.classId }), CLASS_ONLY],
  ['teacher.formerStudents', (w) => caller(w).teacher.formerStudents({ classId: world.classId }), CLASS_ONLY],
  ['teacher.transcript', (w) => caller(w).teacher.transcript({ conversationId: fixture.conversationId }), CLASS_ONLY],
  ['teacher.search', (w) => caller(w).teacher.search({ classId: world.classId, query: '光合' }), CLASS_ONLY],
  ['teacher.flags (one class)', (w) => caller(w).teacher.flags({ classId: world.classId }), CLASS_ONLY],
  [
    'teacher.flags (all)',
    (w) => caller(w).teacher.flags({}),
    ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'ok', 'ok'],
  ],
  ['teacher.reviewFlag', (w) => caller(w).teacher.reviewFlag({ flagId: fixture.flagId, reviewed: false }), CLASS_ONLY],
  ['teacher.settings', (w) => caller(w).teacher.settings({ classId: world.classId }), CLASS_ONLY],
  [
    'teacher.previewPrompt',
    (w) =>
      caller(w).teacher.previewPrompt({ classId: world.classId, mode: 'MATHS', tutorRules: [], extraInstructions: '' }),
    CLASS_ONLY,
  ],
  [
    'teacher.archiveClass (un-archive, a no-op)',
    (w) => caller(w).teacher.archiveClass({ classId: world.classId, archived: false }),
    CLASS_ONLY,
  ],
  [
    'teacher.exportUsage',
    (w) => caller(w).teacher.exportUsage({ classId: world.classId, from: day(30), to: day(0) }),
    CLASS_ONLY,
  ],
  ['teacher.exportRoster', (w) => caller(w).teacher.exportRoster({ classId: world.classId }), CLASS_ONLY],
  ['teacher.exportFlags', (w) => caller(w).teacher.exportFlags({ classId: world.classId }), CLASS_ONLY],
  ['teacher.exportTranscripts', (w) => caller(w).teacher.exportTranscripts({ classId: world.classId }), CLASS_ONLY],
];

describe('dashboard authorization per procedure and role', () => {
  testAuthorizationTable(WHO, cases);

  it('teacher.removeStudent: only the class teacher or an admin, and a refusal changes nothing', async () => {
    const input = { classId: world.classId, studentId: world.users.otherStudent.id };
    for (const who of ['anonymous', 'student', 'otherStudent', 'otherTeacher'] as const) {
      expect(await outcome(() => caller(who).teacher.removeStudent(input))).not.toBe('ok');
    }
    expect(await world.db.prisma.enrollment.count({ where: { classId: world.classId } })).toBe(2);
    expect(await outcome(() => caller('admin').teacher.removeStudent(input))).toBe('ok');
    expect(await outcome(() => caller('teacher').teacher.removeStudent(input))).toBe('NOT_FOUND');
    await world.db.prisma.enrollment.create({
      data: { classId: world.classId, studentId: world.users.otherStudent.id },
    });
  });

  it('teacher.regenerateJoinCode: only the class teacher or an admin; a refusal keeps the code', async () => {
    for (const who of ['anonymous', 'student', 'otherStudent', 'otherTeacher'] as const) {
      expect(await outcome(() => caller(who).teacher.regenerateJoinCode({ classId: world.classId }))).not.toBe('ok');
    }
    expect((await world.db.prisma.class.findUniqueOrThrow({ where: { id: world.classId } })).joinCode).toBe(
      world.joinCode,
    );
    for (const who of ['teacher', 'admin'] as const) {
      expect(await outcome(() => caller(who).teacher.regenerateJoinCode({ classId: world.classId }))).toBe('ok');
    }
    await world.db.prisma.class.update({ where: { id: world.classId }, data: { joinCode: world.joinCode } });
  });

  it("another teacher's overview and flag queue do not show the class", async () => {
    expect((await caller('otherTeacher').teacher.overview()).map((c) => c.id)).not.toContain(world.classId);
    expect((await caller('otherTeacher').teacher.flags({})).items).toEqual([]);
    expect((await caller('teacher').teacher.overview()).map((c) => c.id)).toContain(world.classId);
  });

  it('a personal session is never shown through the dashboard, to its teacher or an admin', async () => {
    for (const who of ['teacher', 'admin'] as const) {
      expect(
        await outcome(() => caller(who).teacher.transcript({ conversationId: fixture.personalConversationId })),
      ).toBe('NOT_FOUND');
      const list = await caller(who).teacher.conversations({ classId: world.classId, limit: 100 });
      expect(list.items.map((c) => c.id)).not.toContain(fixture.personalConversationId);
      for (const query of ['秘密', '日记', 'diary', 'photosynthesis']) {
        const found = await caller(who).teacher.search({ classId: world.classId, query });
        expect(found.items.map((m) => m.conversationId)).not.toContain(fixture.personalConversationId);
      }
    }
  });
});
