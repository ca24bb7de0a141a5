import type { SessionUser } from '../src';
import type { World } from './harness';

/** A teacher's roleplay scenario, as the practice forms send it. */
export const libraryScenario = {
  targetLanguage: 'en',
  level: 'A2',
  title: 'At the library',
  brief: 'Borrow a book about dinosaurs.',
  aiRole: 'a librarian',
  learnerRole: 'a student',
  setting: 'A school library',
  objectives: [{ kind: 'task', text: 'Ask for a book', hints: ['book'] }],
  turnLimit: 4,
  openingLine: 'Hello! Can I help you find something?',
};

/** A student of another class (taught by the other teacher): the "student of another class" of the role tables. */
export async function addOutsider(world: World): Promise<SessionUser> {
  const user = await world.db.prisma.user.create({
    data: { email: 'outsider@school.test', name: 'Outsider', role: 'STUDENT' },
  });
  const other = await world.db.prisma.class.create({
    data: { name: 'Other class', teacherId: world.users.otherTeacher.id, joinCode: 'OTHER1' },
  });
  await world.db.prisma.enrollment.create({ data: { classId: other.id, studentId: user.id } });
  return { id: user.id, role: user.role, name: user.name };
}
