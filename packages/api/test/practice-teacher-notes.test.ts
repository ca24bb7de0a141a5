import { afterAll, beforeAll, expect, it } from 'vitest';
import { runRetention } from '../src/admin/retention';
import { createWorld, type World } from './harness';

/**
 * A teacher's note on a practice attempt is text about a student: the admin's export of the student's data carries
 * every grade change with its note, and the retention job empties notes older than the period (the grades stay),
 * as it does the student's own text.
 */
let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

const DAY_MS = 86_400_000;

async function gradedAttempt() {
  const attempt = await world.caller(world.users.student).practice.start({
    source: { kind: 'builtin', id: 'en-cafe-order' },
    classId: world.classId,
  });
  const teacher = world.caller(world.users.teacher);
  await teacher.practice.grade({ attemptId: attempt.id, score: 60, note: 'Student forgot the articles again' });
  await teacher.practice.grade({ attemptId: attempt.id, score: 75, note: 'Student fixed the articles: better' });
  return attempt;
}

it('the student-data export carries every grade change of each attempt, with its note', async () => {
  const attempt = await gradedAttempt();
  const file = await world.caller(world.users.admin).admin.exportStudent({ studentId: world.users.student.id });
  const data = JSON.parse(file.content) as {
    practiceAttempts: Array<{
      id: string;
      teacherNote: string | null;
      gradeChanges: Array<{ score: number | null; note: string | null; actorId: string; actorRole: string }>;
    }>;
  };
  const exported = data.practiceAttempts.find((a) => a.id === attempt.id)!;
  expect(exported.teacherNote).toBe('Student fixed the articles: better');
  expect(exported.gradeChanges).toEqual([
    expect.objectContaining({
      score: 60,
      note: 'Student forgot the articles again',
      actorId: world.users.teacher.id,
      actorRole: 'TEACHER',
    }),
    expect.objectContaining({ score: 75, note: 'Student fixed the articles: better' }),
  ]);
});

it('retention empties teachers’ notes older than the period and keeps the grades', async () => {
  const db = world.db.prisma;
  const attempt = await gradedAttempt();
  await db.installationSettings.upsert({
    where: { id: 1 },
    create: { id: 1, messageRetentionDays: 30 },
    update: { messageRetentionDays: 30 },
  });
  const notes = async () => ({
    attempt: await db.practiceAttempt.findUniqueOrThrow({
      where: { id: attempt.id },
      select: { teacherScore: true, teacherNote: true, teacherGradedAt: true },
    }),
    changes: await db.practiceGradeChange.findMany({
      where: { attemptId: attempt.id },
      orderBy: { createdAt: 'asc' },
      select: { score: true, note: true },
    }),
  });

  // Inside the period nothing changes.
  await runRetention({ db, now: () => new Date() }, { force: true });
  expect(await notes()).toMatchObject({
    attempt: { teacherScore: 75, teacherNote: 'Student fixed the articles: better' },
    changes: [{ note: 'Student forgot the articles again' }, { note: 'Student fixed the articles: better' }],
  });

  const later = new Date(Date.now() + 31 * DAY_MS);
  expect(await runRetention({ db, now: () => later }, { force: true })).toMatchObject({ status: 'done' });
  const after = await notes();
  expect(after).toEqual({
    attempt: { teacherScore: 75, teacherNote: null, teacherGradedAt: expect.any(Date) },
    changes: [
      { score: 60, note: null },
      { score: 75, note: null },
    ],
  });
  // The student's page and the teacher's still show the grade, without the note.
  const view = await world.caller(world.users.student).practice.attempt({ attemptId: attempt.id });
  expect(view.teacherGrade).toMatchObject({ score: 75, note: null });
});
