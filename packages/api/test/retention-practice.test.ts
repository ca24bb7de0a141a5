import { afterAll, beforeAll, expect, it } from 'vitest';
import { runRetention } from '../src/admin/retention';
import { createWorld, type World } from './harness';
import { libraryScenario } from './practice-fixtures';

/**
 * The retention job covers language practice as it covers chat: the exercise's turns (messages), their correction
 * cards, drill answers and the roleplay report's quoted text go; scores, the level, objectives met and usage stay.
 */
let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

const DAY_MS = 86_400_000;
it('removes practice text older than the period and keeps the scores and usage', async () => {
  const db = world.db.prisma;
  const student = world.users.student;
  const dayOld = new Date(Date.now() - DAY_MS);
  const conversation = await db.conversation.create({
    data: { studentId: student.id, classId: world.classId, mode: 'LANGUAGE_PRACTICE', model: 'gpt-4o-mini' },
  });
  const turn = await db.message.create({
    data: {
      conversationId: conversation.id,
      role: 'USER',
      content: 'I want borrow a book about dinosaur',
      tokenCount: 9,
      createdAt: dayOld,
    },
  });
  const report = {
    scores: { taskCompletion: 80, accuracy: 60, vocabularyRange: 70, fluency: 65 },
    level: {
      level: 'A2',
      source: 'model',
      evidence: [{ quote: 'I want borrow a book', note: 'Missing "to" before the verb' }],
    },
    summary: 'The learner asked for a dinosaur book politely.',
    objectives: [{ id: 'ask', met: true, used: ['book', 'dinosaur'], metAtTurn: 0 }],
    corrections: [
      {
        turnIndex: 0,
        text: 'I want borrow a book about dinosaur',
        corrected: 'I want to borrow a book about dinosaurs',
        corrections: [],
      },
    ],
    ungradedTurns: 0,
    reviewWords: [{ word: 'borrow', gloss: '借' }],
  };
  const roleplay = await db.practiceAttempt.create({
    data: {
      studentId: student.id,
      classId: world.classId,
      kind: 'ROLEPLAY',
      exerciseRef: 'builtin:library',
      spec: { ...libraryScenario, objectives: [{ id: 'ask', ...libraryScenario.objectives[0]! }] },
      title: 'At the library',
      uiLanguage: 'EN',
      conversationId: conversation.id,
      status: 'FINISHED',
      report,
      taskCompletion: 80,
      accuracy: 60,
      vocabularyRange: 70,
      fluency: 65,
      estimatedLevel: 'A2',
      startedAt: dayOld,
      finishedAt: dayOld,
    },
  });
  await db.turnFeedback.create({
    data: {
      attemptId: roleplay.id,
      messageId: turn.id,
      turnIndex: 0,
      status: 'READY',
      verdict: 'needs_correction',
      corrections: [{ start: 7, end: 13, original: 'borrow', replacement: 'to borrow', type: 'grammar' }],
      corrected: 'I want to borrow a book about dinosaurs',
      objectivesMet: ['ask'],
    },
  });
  const drill = await db.practiceAttempt.create({
    data: {
      studentId: student.id,
      classId: world.classId,
      kind: 'DRILL',
      exerciseRef: 'builtin:zh-en-a1-basics',
      spec: {},
      title: 'Basics',
      uiLanguage: 'EN',
      status: 'FINISHED',
      report: { answered: 1, total: 1, average: 90, accepted: 1, errorTypes: [], retry: [] },
      startedAt: dayOld,
    },
  });
  await db.drillAnswer.create({
    data: { attemptId: drill.id, itemIndex: 0, answer: '我喜欢猫', status: 'READY', score: 90, createdAt: dayOld },
  });
  await db.usageEvent.create({
    data: {
      userId: student.id,
      classId: world.classId,
      attemptId: roleplay.id,
      kind: 'EXERCISE',
      model: 'gpt-4o-mini',
      promptTokens: 100,
      completionTokens: 50,
      costMicros: 45,
    },
  });
  await db.installationSettings.upsert({
    where: { id: 1 },
    create: { id: 1, messageRetentionDays: 30 },
    update: { messageRetentionDays: 30 },
  });

  // Inside the period nothing changes.
  await runRetention({ db, now: () => new Date() });
  expect((await db.practiceAttempt.findUniqueOrThrow({ where: { id: roleplay.id } })).report).toEqual(report);

  const later = new Date(Date.now() + 31 * DAY_MS);
  expect(await runRetention({ db, now: () => later })).toMatchObject({ status: 'done', removed: 1 });

  const kept = await db.practiceAttempt.findUniqueOrThrow({ where: { id: roleplay.id } });
  expect(kept).toMatchObject({
    taskCompletion: 80,
    accuracy: 60,
    vocabularyRange: 70,
    fluency: 65,
    estimatedLevel: 'A2',
  });
  expect(kept.report).toEqual({
    ...report,
    level: { level: 'A2', source: 'model', evidence: [] },
    summary: null,
    objectives: [{ id: 'ask', met: true, metAtTurn: 0 }],
    corrections: [],
  });
  expect(JSON.stringify(kept.report)).not.toContain('I want borrow');
  expect(await db.message.findUniqueOrThrow({ where: { id: turn.id } })).toMatchObject({ content: '', tokenCount: 9 });
  expect(await db.turnFeedback.findUniqueOrThrow({ where: { messageId: turn.id } })).toMatchObject({
    corrections: [],
    corrected: null,
    verdict: 'needs_correction',
  });
  expect(await db.drillAnswer.findFirstOrThrow({ where: { attemptId: drill.id } })).toMatchObject({
    answer: '',
    score: 90,
  });
  expect((await db.practiceAttempt.findUniqueOrThrow({ where: { id: drill.id } })).report).toMatchObject({
    average: 90,
  });
  expect(await db.usageEvent.count({ where: { attemptId: roleplay.id, promptTokens: 100, costMicros: 45 } })).toBe(1);

  // The teacher still opens the attempt: its report shows the scores without the quotes.
  const view = await world.caller(world.users.teacher).practice.attempt({ attemptId: roleplay.id });
  expect(view.report).toMatchObject({ scores: report.scores, summary: null, corrections: [] });

  // A second run finds nothing more to change.
  const again = new Date(later.getTime() + DAY_MS);
  const before = (await db.practiceAttempt.findUniqueOrThrow({ where: { id: roleplay.id } })).updatedAt;
  await runRetention({ db, now: () => again });
  expect((await db.practiceAttempt.findUniqueOrThrow({ where: { id: roleplay.id } })).updatedAt).toEqual(before);
});
