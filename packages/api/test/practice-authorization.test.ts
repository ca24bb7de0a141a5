import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../src';
import { createWorld, type World } from './harness';
import { addOutsider, libraryScenario } from './practice-fixtures';
import { type AuthorizationCase, outcome, testAuthorizationTable } from './roles';

let world: World;
let outsider: SessionUser;
let attemptId: string;
let drillAttemptId: string;
let assignmentId: string;
let exerciseId: string;

beforeAll(async () => {
  world = await createWorld();
  outsider = await addOutsider(world);

  const teacher = world.caller(world.users.teacher);
  exerciseId = (await teacher.practice.saveExercise({ kind: 'ROLEPLAY', spec: libraryScenario })).id;
  assignmentId = (
    await teacher.practice.assign({ classId: world.classId, source: { kind: 'exercise', id: exerciseId } })
  ).id;
  const student = world.caller(world.users.student);
  attemptId = (await student.practice.start({ assignmentId })).id;
  drillAttemptId = (
    await student.practice.start({ source: { kind: 'builtin', id: 'zh-en-a1-basics' }, classId: world.classId })
  ).id;
});
afterAll(() => world.close());

type Who = 'anonymous' | 'student' | 'otherStudent' | 'outsider' | 'teacher' | 'otherTeacher' | 'admin';
const WHO: Who[] = ['anonymous', 'student', 'otherStudent', 'outsider', 'teacher', 'otherTeacher', 'admin'];

const caller = (who: Who) =>
  world.caller(who === 'anonymous' ? null : who === 'outsider' ? outsider : world.users[who]);

// Expected per caller in WHO's order. `student` and `otherStudent` are in `teacher`'s class; `outsider` is in
// `otherTeacher`'s. The attempts belong to `student`.
const cases: AuthorizationCase<Who>[] = [
  ['practice.library', (w) => caller(w).practice.library(), ['UNAUTHORIZED', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok']],
  [
    'practice.saveExercise (new)',
    (w) => caller(w).practice.saveExercise({ kind: 'ROLEPLAY', spec: libraryScenario }),
    ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'ok', 'ok'],
  ],
  [
    'practice.saveExercise (edit)',
    (w) => caller(w).practice.saveExercise({ exerciseId, kind: 'ROLEPLAY', spec: libraryScenario }),
    ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'NOT_FOUND', 'ok'],
  ],
  [
    'practice.assign',
    (w) => caller(w).practice.assign({ classId: world.classId, source: { kind: 'builtin', id: 'en-cafe-order' } }),
    ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'NOT_FOUND', 'ok'],
  ],
  [
    'practice.classAssignments',
    (w) => caller(w).practice.classAssignments({ classId: world.classId }),
    ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'NOT_FOUND', 'ok'],
  ],
  [
    'practice.myAssignments',
    (w) => caller(w).practice.myAssignments(),
    ['UNAUTHORIZED', 'ok', 'ok', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  ],
  [
    'practice.start (assignment)',
    (w) => caller(w).practice.start({ assignmentId }),
    ['UNAUTHORIZED', 'ok', 'ok', 'NOT_FOUND', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  ],
  [
    'practice.start (library, in the class)',
    (w) => caller(w).practice.start({ source: { kind: 'builtin', id: 'zh-cafe-order' }, classId: world.classId }),
    ['UNAUTHORIZED', 'ok', 'ok', 'NOT_FOUND', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  ],
  [
    "practice.start (a teacher's exercise, not assigned)",
    (w) => caller(w).practice.start({ source: { kind: 'exercise', id: exerciseId } }),
    ['UNAUTHORIZED', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  ],
  [
    'practice.attempt',
    (w) => caller(w).practice.attempt({ attemptId }),
    ['UNAUTHORIZED', 'ok', 'NOT_FOUND', 'NOT_FOUND', 'ok', 'NOT_FOUND', 'ok'],
  ],
  [
    'practice.sync',
    (w) => caller(w).practice.sync({ attemptId }),
    ['UNAUTHORIZED', 'ok', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'],
  ],
  [
    'practice.answer',
    (w) => caller(w).practice.answer({ attemptId: drillAttemptId, itemIndex: 2, answer: 'Where is your school?' }),
    ['UNAUTHORIZED', 'ok', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'],
  ],
  [
    'practice.myAttempts',
    (w) => caller(w).practice.myAttempts(),
    ['UNAUTHORIZED', 'ok', 'ok', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  ],
  [
    'practice.results',
    (w) => caller(w).practice.results({ assignmentId }),
    ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'NOT_FOUND', 'ok'],
  ],
  [
    'practice.resultsCsv',
    (w) => caller(w).practice.resultsCsv({ assignmentId }),
    ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'NOT_FOUND', 'ok'],
  ],
  [
    'practice.grade',
    (w) => caller(w).practice.grade({ attemptId, score: 80, note: `from ${w}` }),
    ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'NOT_FOUND', 'ok'],
  ],
];

describe('practice: authorization per procedure and role', () => {
  testAuthorizationTable(WHO, cases);

  it('practice.end and practice.archiveExercise: only the owner, and others change nothing', async () => {
    for (const who of ['anonymous', 'otherStudent', 'outsider', 'teacher', 'otherTeacher', 'admin'] as const) {
      expect(await outcome(() => caller(who).practice.end({ attemptId }))).not.toBe('ok');
    }
    expect((await world.db.prisma.practiceAttempt.findUniqueOrThrow({ where: { id: attemptId } })).status).toBe(
      'IN_PROGRESS',
    );
    for (const who of ['anonymous', 'student', 'outsider', 'otherTeacher'] as const) {
      expect(await outcome(() => caller(who).practice.archiveExercise({ exerciseId }))).not.toBe('ok');
    }
    expect(
      (await world.db.prisma.practiceExercise.findUniqueOrThrow({ where: { id: exerciseId } })).archivedAt,
    ).toBeNull();
    expect(await outcome(() => caller('student').practice.end({ attemptId }))).toBe('ok');
  });

  it('practice.unassign: only the class’s teacher or an admin', async () => {
    for (const who of ['anonymous', 'student', 'outsider', 'otherTeacher'] as const) {
      expect(await outcome(() => caller(who).practice.unassign({ assignmentId }))).not.toBe('ok');
    }
    expect(await world.db.prisma.practiceAssignment.count({ where: { id: assignmentId } })).toBe(1);
  });

  it('practice.grade: a refused caller changes nothing, and every change is logged with who and when', async () => {
    const changes = await world.db.prisma.practiceGradeChange.findMany({ where: { attemptId } });
    // Only the class's teacher and the admin got through (the table above), each logged as themselves.
    expect(changes.map((c) => [c.actorId, c.actorRole, c.note]).sort()).toEqual(
      [
        [world.users.teacher.id, 'TEACHER', 'from teacher'],
        [world.users.admin.id, 'ADMIN', 'from admin'],
      ].sort(),
    );
    const attempt = await world.db.prisma.practiceAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(attempt).toMatchObject({
      teacherScore: 80,
      teacherNote: 'from admin',
      teacherGradedById: world.users.admin.id,
    });
    for (const who of ['student', 'otherTeacher'] as const) {
      await outcome(() => caller(who).practice.grade({ attemptId, score: 1, note: 'sneaky' }));
    }
    expect(await world.db.prisma.practiceGradeChange.count({ where: { attemptId } })).toBe(2);
    expect((await world.db.prisma.practiceAttempt.findUniqueOrThrow({ where: { id: attemptId } })).teacherScore).toBe(
      80,
    );
  });

  it('assignments are visible only to the class’s students', async () => {
    expect((await caller('student').practice.myAssignments()).map((a) => a.id)).toContain(assignmentId);
    expect((await caller('outsider').practice.myAssignments()).map((a) => a.id)).not.toContain(assignmentId);
  });
});
