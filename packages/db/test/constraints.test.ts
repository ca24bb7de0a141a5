import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../src/generated/prisma/client';
import { createTestDatabase, type TestDatabase } from '../src/testing';

let db: TestDatabase;
let prisma: PrismaClient;
let sequence = 0;

function unique(prefix: string): string {
  sequence += 1;
  return `${prefix}-${sequence}`;
}

function createUser(role: 'STUDENT' | 'TEACHER' = 'STUDENT') {
  return prisma.user.create({ data: { email: `${unique(role.toLowerCase())}@school.test`, name: 'Test', role } });
}

async function createClass() {
  const teacher = await createUser('TEACHER');
  return prisma.class.create({
    data: { name: 'Physics 9B', teacherId: teacher.id, joinCode: unique('CODE').toUpperCase() },
  });
}

function createConversation(studentId: string, classId?: string) {
  return prisma.conversation.create({ data: { studentId, classId, model: 'gpt-4o-mini' } });
}

function addMessage(conversationId: string, clientId: string | null) {
  return prisma.message.create({
    data: { conversationId, role: 'USER', content: 'Why is the sky blue?', tokenCount: 6, clientId },
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = db.prisma;
});

afterAll(async () => {
  await db?.drop();
});

describe('uniqueness', () => {
  it('refuses a second account with the same email', async () => {
    await prisma.user.create({ data: { email: 'ada@school.test', name: 'Ada' } });
    await expect(prisma.user.create({ data: { email: 'ada@school.test', name: 'Other Ada' } })).rejects.toMatchObject({
      code: 'P2002',
    });
  });

  it('enrolls a student in a class once, and in several classes', async () => {
    const [student, physics, maths] = await Promise.all([createUser(), createClass(), createClass()]);
    await prisma.enrollment.create({ data: { studentId: student.id, classId: physics.id } });

    await expect(
      prisma.enrollment.create({ data: { studentId: student.id, classId: physics.id } }),
    ).rejects.toMatchObject({ code: 'P2002' });
    await prisma.enrollment.create({ data: { studentId: student.id, classId: maths.id } });
    expect(await prisma.enrollment.count({ where: { studentId: student.id } })).toBe(2);
  });

  it('stores a resent message once per conversation, by its client id', async () => {
    const student = await createUser();
    const [first, second] = await Promise.all([createConversation(student.id), createConversation(student.id)]);
    await addMessage(first.id, 'send-1');

    await expect(addMessage(first.id, 'send-1')).rejects.toMatchObject({ code: 'P2002' });
    await addMessage(second.id, 'send-1');
    // Assistant replies carry no client id; any number of them may share a conversation.
    await addMessage(first.id, null);
    await addMessage(first.id, null);
    expect(await prisma.message.count({ where: { conversationId: first.id } })).toBe(3);
  });
});

describe('history survives deletions', () => {
  it('keeps conversations and messages when their class is deleted', async () => {
    const [student, physics] = await Promise.all([createUser(), createClass()]);
    await prisma.enrollment.create({ data: { studentId: student.id, classId: physics.id } });
    const conversation = await createConversation(student.id, physics.id);
    await addMessage(conversation.id, 'a');
    await addMessage(conversation.id, 'b');

    await prisma.class.delete({ where: { id: physics.id } });

    const kept = await prisma.conversation.findUniqueOrThrow({
      where: { id: conversation.id },
      include: { messages: true },
    });
    expect(kept.classId).toBeNull();
    expect(kept.messages.map((message) => message.clientId).sort()).toEqual(['a', 'b']);
    expect(await prisma.enrollment.count({ where: { classId: physics.id } })).toBe(0);
  });

  it('keeps the messages of a soft-deleted conversation', async () => {
    const student = await createUser();
    const conversation = await createConversation(student.id);
    await addMessage(conversation.id, 'a');

    await prisma.conversation.update({ where: { id: conversation.id }, data: { deletedAt: new Date() } });

    const hidden = await prisma.conversation.findMany({ where: { studentId: student.id, deletedAt: null } });
    expect(hidden).toEqual([]);
    expect(await prisma.message.count({ where: { conversationId: conversation.id } })).toBe(1);
  });
});
