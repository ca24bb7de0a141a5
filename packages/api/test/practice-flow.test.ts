import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createServices, handleSendMessage } from '../src';
import { createWorld, send, type World } from './harness';

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());
beforeEach(() => world.fake.reset());

const student = () => world.caller(world.users.student);
const feedback = (edits: unknown[], objectivesMet: string[] = []) =>
  JSON.stringify({ verdict: edits.length ? 'needs_correction' : 'correct', edits, objectivesMet });

async function startCafe(extra: { feedback?: 'each_turn' | 'end_only' } = {}) {
  return student().practice.start({
    source: { kind: 'builtin', id: 'en-cafe-order' },
    classId: world.classId,
    ...extra,
  });
}

/**
 * One learner turn: the partner's reply streams through the chat endpoint; the server makes the card after it (the
 * page asks nothing), so the turn waits for the node's after-reply work and reads the attempt.
 */
async function turn(
  attemptId: string,
  conversationId: string,
  content: string,
  card?: string | { fault: 'malformed_json' },
) {
  world.fake.enqueue({ reply: 'Sure! Anything else?' });
  if (typeof card === 'string') world.fake.enqueue({ reply: card });
  else if (card) world.fake.enqueue(card);
  const reply = await send(world, world.users.student, { conversationId, content });
  expect(reply.status).toBe(200);
  await world.services.generations.drain();
  return student().practice.attempt({ attemptId });
}

describe('a roleplay', () => {
  it('opens with the scenario’s line, and each turn gets a card pointing at the learner’s words', async () => {
    const attempt = await startCafe();
    expect(attempt.messages).toEqual([
      expect.objectContaining({ role: 'ASSISTANT', content: attempt.scenario!.openingLine }),
    ]);
    const view = await turn(
      attempt.id,
      attempt.conversationId!,
      'Hello, i want a coffee.',
      feedback([{ quote: 'i', occurrence: 1, replacement: 'I', type: 'spelling', explanation: 'Capital I.' }], ['o1']),
    );
    const card = view.cards[0]!;
    expect(card).toMatchObject({ status: 'READY', verdict: 'needs_correction', corrected: 'Hello, I want a coffee.' });
    expect(card.corrections).toEqual([expect.objectContaining({ start: 7, end: 8, original: 'i', type: 'spelling' })]);
    expect(view.objectives.find((o) => o.id === 'o1')).toMatchObject({ met: true, metAtTurn: 0 });

    // Every model call of the exercise, the partner's reply and the grading, is usage of kind EXERCISE with the
    // provider's own counts.
    const [partner, grading] = world.fake.requests.filter((r) => r.usage).slice(-2);
    expect((grading!.body as { response_format?: unknown }).response_format).toBeDefined();
    const usage = await world.db.prisma.usageEvent.findMany({
      where: { attemptId: attempt.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(usage).toEqual(
      [partner!, grading!].map((call) =>
        expect.objectContaining({
          kind: 'EXERCISE',
          attemptId: attempt.id,
          promptTokens: call.usage!.prompt_tokens,
          completionTokens: call.usage!.completion_tokens,
          classId: world.classId,
        }),
      ),
    );
  });

  it('retries malformed feedback once; a second failure shows "unavailable" and the roleplay goes on', async () => {
    const attempt = await startCafe();
    world.fake.enqueue({ reply: 'Sure! Anything else?' });
    world.fake.enqueue({ fault: 'malformed_json' });
    world.fake.enqueue({ fault: 'off_schema_json' });
    await send(world, world.users.student, { conversationId: attempt.conversationId!, content: 'A tea please' });
    await world.services.generations.drain();
    const view = await student().practice.attempt({ attemptId: attempt.id });
    expect(view.cards[0]).toMatchObject({ status: 'UNAVAILABLE', reason: 'invalid' });
    expect(view.status).toBe('IN_PROGRESS');
    // The partner's reply and both tries were paid for, and recorded.
    expect(await world.db.prisma.usageEvent.count({ where: { attemptId: attempt.id, kind: 'EXERCISE' } })).toBe(3);

    const next = await turn(attempt.id, attempt.conversationId!, 'How much is it?', feedback([], ['o2']));
    expect(next.cards[1]).toMatchObject({ status: 'READY', verdict: 'correct', corrections: [] });
  });

  it('grades the turn on the server after the reply, for a learner who closed the tab, without delaying the reply', async () => {
    const attempt = await startCafe();
    world.fake.enqueue({ reply: 'Sure! Anything else?' });
    world.fake.enqueue({ reply: feedback([], ['o1']), delayMs: 200 });
    const reply = await send(world, world.users.student, {
      conversationId: attempt.conversationId!,
      content: 'Hello, a coffee please.',
    });
    // The reply ended (its final event sent) while its card was still being made.
    expect(reply.events.at(-1)).toMatchObject({ type: 'done' });
    expect(await world.db.prisma.turnFeedback.count({ where: { attemptId: attempt.id, status: 'READY' } })).toBe(0);
    // The tab is closed: no practice.sync, no page at all. The card is made all the same.
    await world.services.generations.drain();
    const card = await world.db.prisma.turnFeedback.findFirstOrThrow({ where: { attemptId: attempt.id } });
    expect(card).toMatchObject({ status: 'READY', verdict: 'correct', turnIndex: 0 });
  });

  it('makes one card per turn however many nodes and pages ask at once (no token charged twice)', async () => {
    const attempt = await startCafe();
    world.fake.enqueue({ reply: 'Sure!' });
    world.fake.setDefault({ delayMs: 20 });
    await send(world, world.users.student, { conversationId: attempt.conversationId!, content: 'A coffee, please.' });
    const settled = await world.db.prisma.message.findFirstOrThrow({
      where: { conversationId: attempt.conversationId!, role: 'ASSISTANT' },
      orderBy: { seq: 'desc' },
    });
    // This node's own step is running; other nodes run the same step, and pages reopen, all at once.
    const nodeB = createServices(
      { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: world.fake.url },
      { db: world.db.prisma },
    );
    const reply = { conversationId: attempt.conversationId!, assistantMessageId: settled.id };
    await Promise.all([
      ...Array.from({ length: 10 }, () => nodeB.afterReply(reply)),
      ...Array.from({ length: 10 }, () => world.services.afterReply(reply)),
      ...Array.from({ length: 10 }, () => student().practice.sync({ attemptId: attempt.id })),
      world.services.generations.drain(),
    ]);
    world.fake.setDefault({});
    const gradings = world.fake.requests.filter((r) => (r.body as { response_format?: unknown }).response_format);
    expect(gradings).toHaveLength(1);
    expect(await world.db.prisma.turnFeedback.count({ where: { attemptId: attempt.id } })).toBe(1);
    expect(await world.db.prisma.usageEvent.count({ where: { attemptId: attempt.id } })).toBe(2);
  });

  it('ends at the turn limit with a saved report that can be opened again', async () => {
    const attempt = await startCafe();
    const lines = [
      'Hi, a coffee please.',
      'And a sandwich and some cake.',
      'How much does it cost?',
      'Here you are.',
      'Thanks!',
      'Bye.',
      'See you.',
      'Bye bye.',
    ];
    let view = attempt;
    for (const line of lines) view = await turn(attempt.id, attempt.conversationId!, line, feedback([]));
    expect(view).toMatchObject({ status: 'FINISHED', endReason: 'TURN_LIMIT' });
    const report = view.report!;
    expect(report.scores.accuracy).toBe(100);
    expect(report.objectives.find((o) => o.id === 'o3')).toMatchObject({ met: true });
    // The fake's default report quotes nothing the learner said: the report stands on Lumi's own measures.
    expect(report.level).toMatchObject({ source: 'measures' });
    expect(report.level.evidence.length).toBeGreaterThan(0);
    const reopened = await student().practice.attempt({ attemptId: attempt.id });
    expect(reopened.report).toEqual(report);
    expect((await world.caller(world.users.teacher).practice.attempt({ attemptId: attempt.id })).report).toEqual(
      report,
    );
  });

  it('refuses a turn past the scenario’s limit at the chat endpoint: nothing stored or charged, the attempt ends with its report', async () => {
    // A node whose step after each reply never ran (it died): the page's stop at the limit is all there is.
    const silent = createServices(
      { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: world.fake.url },
      { db: world.db.prisma, afterReply: async () => {}, chatRateLimit: 10_000 },
    );
    // A learner of their own, so these sends leave the others' rate limit alone.
    const learner = world.users.otherStudent;
    const attempt = await world.caller(learner).practice.start({
      source: { kind: 'builtin', id: 'en-cafe-order' },
      classId: world.classId,
      feedback: 'end_only',
    });
    const limit = attempt.scenario!.turnLimit;
    const sendOn = (services: typeof silent, content: string) =>
      handleSendMessage(
        new Request('http://lumi.test/api/chat', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            kind: 'send',
            conversationId: attempt.conversationId,
            clientId: randomUUID(),
            content,
          }),
        }),
        services,
        learner,
      );
    for (let i = 0; i < limit; i++) {
      world.fake.enqueue({ reply: 'Sure!' });
      expect((await sendOn(silent, `Turn ${i}, a coffee please.`)).status).toBe(200);
    }
    await silent.generations.drain();
    const before = {
      messages: await world.db.prisma.message.count({ where: { conversationId: attempt.conversationId! } }),
      usage: await world.db.prisma.usageEvent.count({ where: { attemptId: attempt.id } }),
      budget: await world.db.prisma.budgetDay.findFirstOrThrow({
        where: { userId: learner.id, scope: world.classId },
      }),
    };
    const requests = world.fake.requests.length;

    const refused = await sendOn(silent, 'One more, please!');
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({
      code: 'TURN_LIMIT_REACHED',
      message: expect.stringContaining(`${limit} turns`),
    });
    expect(await world.db.prisma.message.count({ where: { conversationId: attempt.conversationId! } })).toBe(
      before.messages,
    );
    expect(
      world.fake.requests.slice(requests).filter((r) => !(r.body as { response_format?: unknown }).response_format),
    ).toEqual([]);
    const budget = await world.db.prisma.budgetDay.findFirstOrThrow({
      where: { userId: learner.id, scope: world.classId },
    });
    // The end's report is the only new charge (EXERCISE usage of its own); the refused send reserved nothing.
    await silent.generations.drain();
    expect(budget.reservedTokens).toBe(before.budget.reservedTokens);
    const view = await world.caller(learner).practice.attempt({ attemptId: attempt.id });
    expect(view).toMatchObject({ status: 'FINISHED', endReason: 'TURN_LIMIT', turnsTaken: limit });
    expect(view.report).not.toBeNull();
    const reportCalls = world.fake.requests.length - requests;
    expect(await world.db.prisma.usageEvent.count({ where: { attemptId: attempt.id } })).toBe(
      before.usage + reportCalls,
    );

    // Once ended, a send is refused as finished, on any node.
    const after = await send(world, learner, { conversationId: attempt.conversationId!, content: 'Hello?' });
    expect(after.error).toMatchObject({ code: 'EXERCISE_FINISHED' });
  });

  it('glosses the Chinese partner’s words beyond the scenario’s list, in simplified or traditional', async () => {
    const attempt = await student().practice.start({
      source: { kind: 'builtin', id: 'zh-cafe-order' },
      classId: world.classId,
      feedback: 'end_only',
    });
    world.fake.enqueue({ reply: '好的。洗手間在哪裡？' });
    await send(world, world.users.student, { conversationId: attempt.conversationId!, content: '我要一杯茶。' });
    await world.services.generations.drain();
    const view = await student().practice.attempt({ attemptId: attempt.id });
    // The opening line's 什么 and the reply's 哪裡 (traditional) are glossed; 茶 keeps the scenario's own gloss.
    expect(view.glosses['什么']).toMatch(/what/);
    expect(view.glosses['哪裡']).toMatch(/where/);
    expect(view.glosses['茶']).toBeUndefined();
    expect(view.scenario!.vocabulary.find((v) => v.word === '茶')?.gloss).toBe('tea');
  });

  it('with "end only" feedback, shows no card per turn and grades everything for the report', async () => {
    const attempt = await startCafe({ feedback: 'end_only' });
    world.fake.enqueue({ reply: 'Sure!' });
    await send(world, world.users.student, { conversationId: attempt.conversationId!, content: 'I want eat a apple.' });
    expect((await student().practice.sync({ attemptId: attempt.id })).cards).toEqual([]);
    world.fake.enqueue({
      reply: feedback([
        { quote: 'a apple', occurrence: 1, replacement: 'an apple', type: 'grammar', explanation: 'an before a vowel' },
      ]),
    });
    const ended = await student().practice.end({ attemptId: attempt.id });
    expect(ended).toMatchObject({ status: 'FINISHED', endReason: 'LEARNER_ENDED' });
    expect(ended.report!.corrections).toEqual([
      expect.objectContaining({
        text: 'I want eat a apple.',
        corrections: [expect.objectContaining({ original: 'a apple' })],
      }),
    ]);
  });

  it('feedback the budget cannot pay for is "unavailable", and the budget is never overspent', async () => {
    const tiny = await world.db.prisma.class.create({
      data: { name: 'Tiny', teacherId: world.users.teacher.id, joinCode: 'TINY01', dailyTokenBudget: 900 },
    });
    await world.db.prisma.enrollment.create({ data: { classId: tiny.id, studentId: world.users.student.id } });
    const attempt = await student().practice.start({
      source: { kind: 'builtin', id: 'en-cafe-order' },
      classId: tiny.id,
    });
    world.fake.enqueue({ reply: 'Sure!' });
    const reply = await send(world, world.users.student, {
      conversationId: attempt.conversationId!,
      content: 'A tea.',
      maxTokens: 50,
    });
    expect(reply.status).toBe(200);
    await world.services.generations.drain();
    const view = await student().practice.attempt({ attemptId: attempt.id });
    expect(view.cards[0]).toMatchObject({ status: 'UNAVAILABLE', reason: 'budget' });
    const day = await world.db.prisma.budgetDay.findFirstOrThrow({ where: { scope: tiny.id } });
    expect(day.usedTokens + day.reservedTokens).toBeLessThanOrEqual(900);
    expect(day.reservedTokens).toBe(0);
  });
});

describe('a translation drill', () => {
  it('accepts a reference without a model call, grades the rest, and closes with a summary', async () => {
    const attempt = await student().practice.start({
      source: { kind: 'builtin', id: 'zh-en-a1-basics' },
      classId: world.classId,
    });
    const items = attempt.drill!.items;
    const exact = await student().practice.answer({
      attemptId: attempt.id,
      itemIndex: 0,
      answer: items[0]!.references[0]!,
    });
    expect(exact.answers[0]).toMatchObject({ status: 'READY', gradedBy: 'EXACT', score: 100 });
    expect(world.fake.requests).toHaveLength(0);

    const near = await student().practice.answer({
      attemptId: attempt.id,
      itemIndex: 6,
      answer: 'I go to school by bus evry day.',
    });
    expect(near.answers.find((a) => a.itemIndex === 6)).toMatchObject({ gradedBy: 'NEAR' });
    expect(world.fake.requests).toHaveLength(0);

    world.fake.enqueue({
      reply: JSON.stringify({
        score: 60,
        edits: [
          { quote: 'drink', occurrence: 1, replacement: 'drinking', type: 'grammar', explanation: 'like + -ing' },
        ],
        better: 'I like drinking milk.',
        alternatives: ['I love milk.'],
        comment: 'Close.',
      }),
    });
    const graded = await student().practice.answer({
      attemptId: attempt.id,
      itemIndex: 1,
      answer: 'I like drink milk.',
    });
    expect(graded.answers.find((a) => a.itemIndex === 1)).toMatchObject({
      gradedBy: 'MODEL',
      score: 60,
      better: 'I like drinking milk.',
      corrections: [expect.objectContaining({ start: 7, end: 12, original: 'drink' })],
    });
    expect(graded.answers.find((a) => a.itemIndex === 1)!.alternatives).toEqual(
      expect.arrayContaining(['I like milk.', 'I love milk.']),
    );

    // A repeated answer returns what is stored and spends nothing.
    const before = world.fake.requests.length;
    await student().practice.answer({ attemptId: attempt.id, itemIndex: 1, answer: 'Something else' });
    expect(world.fake.requests).toHaveLength(before);

    let last = graded;
    for (const [i, item] of items.entries()) {
      if ([0, 1, 6].includes(i)) continue;
      last = await student().practice.answer({ attemptId: attempt.id, itemIndex: i, answer: item.references[0]! });
    }
    expect(last).toMatchObject({ status: 'FINISHED', endReason: 'SET_DONE' });
    expect(last.summary).toMatchObject({ answered: items.length, total: items.length, retry: [1] });
  });

  it('keeps an answer whose grading failed, marked unavailable', async () => {
    const attempt = await student().practice.start({ source: { kind: 'builtin', id: 'zh-en-a1-basics' } });
    world.fake.enqueue({ fault: 'server_error' });
    world.fake.enqueue({ fault: 'server_error' });
    world.fake.enqueue({ fault: 'server_error' });
    const view = await student().practice.answer({
      attemptId: attempt.id,
      itemIndex: 3,
      answer: 'I have a big family.',
    });
    expect(view.answers[0]).toMatchObject({
      answer: 'I have a big family.',
      status: 'UNAVAILABLE',
      reason: 'upstream',
    });
  });
});

describe('teachers', () => {
  it('refuse a scenario that cannot run, naming the field', async () => {
    const teacher = world.caller(world.users.teacher);
    await expect(
      teacher.practice.saveExercise({
        kind: 'ROLEPLAY',
        spec: {
          targetLanguage: 'zh',
          level: 'B1',
          title: '点菜',
          brief: '在饭馆点菜',
          aiRole: '服务员',
          learnerRole: '顾客',
          setting: '饭馆',
          objectives: [{ kind: 'task', text: '点菜', hints: [] }],
          turnLimit: 5,
          openingLine: '欢迎光临！',
        },
      }),
    ).rejects.toMatchObject({ appCode: 'INVALID_EXERCISE', message: expect.stringMatching(/^level: /) });
    await expect(
      teacher.practice.saveExercise({
        kind: 'DRILL',
        spec: { direction: 'en-zh', level: 'HSK1', title: 'x', items: [{ source: 'Hi', references: ['Hi'] }] },
      }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/^items\.0\.references\.0: /) });
  });

  it('override an attempt’s grade with a note; the student sees it, bad input changes nothing, every change is logged', async () => {
    const attempt = await student().practice.start({
      source: { kind: 'builtin', id: 'zh-en-a1-basics' },
      classId: world.classId,
    });
    const teacher = world.caller(world.users.teacher);
    const graded = await teacher.practice.grade({
      attemptId: attempt.id,
      score: 85,
      note: '  Good work on word order.  ',
    });
    expect(graded.teacherGrade).toMatchObject({ score: 85, note: 'Good work on word order.', gradedBy: 'Teacher' });
    // The student sees the teacher's grade on the attempt and in their list.
    expect((await student().practice.attempt({ attemptId: attempt.id })).teacherGrade).toMatchObject({
      score: 85,
      note: 'Good work on word order.',
    });
    expect((await student().practice.myAttempts()).find((a) => a.id === attempt.id)).toMatchObject({
      teacherScore: 85,
    });

    for (const bad of [101, -1, 8.5]) {
      await expect(teacher.practice.grade({ attemptId: attempt.id, score: bad })).rejects.toThrow('form.gradeRange');
    }
    await expect(teacher.practice.grade({ attemptId: attempt.id, score: 90, note: 'x'.repeat(1001) })).rejects.toThrow(
      'form.gradeNoteTooLong',
    );
    expect((await student().practice.attempt({ attemptId: attempt.id })).teacherGrade).toMatchObject({ score: 85 });

    // Cleared: the measured scores stand alone again; both changes are on record.
    const cleared = await teacher.practice.grade({ attemptId: attempt.id, score: null });
    expect(cleared.teacherGrade).toBeNull();
    const log = await world.db.prisma.practiceGradeChange.findMany({
      where: { attemptId: attempt.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(log.map((c) => [c.actorId, c.score, c.note])).toEqual([
      [world.users.teacher.id, 85, 'Good work on word order.'],
      [world.users.teacher.id, null, null],
    ]);
  });

  it('assign a scenario and read who started, finished, scores and the class’s common errors, and export them', async () => {
    const teacher = world.caller(world.users.teacher);
    const assignment = await teacher.practice.assign({
      classId: world.classId,
      source: { kind: 'builtin', id: 'en-cafe-order' },
      dueAt: new Date('2030-01-01T00:00:00Z'),
    });
    const mine = await student().practice.myAssignments();
    expect(mine.find((a) => a.id === assignment.id)).toMatchObject({
      status: 'NOT_STARTED',
      className: 'Year 9 Maths',
    });
    const attempt = await student().practice.start({ assignmentId: assignment.id });
    await turn(
      attempt.id,
      attempt.conversationId!,
      'i want a coffe.',
      feedback([
        { quote: 'i', occurrence: 1, replacement: 'I', type: 'spelling', explanation: 'Capital I.' },
        { quote: 'coffe', occurrence: 1, replacement: 'coffee', type: 'spelling', explanation: 'Two e.' },
      ]),
    );
    await student().practice.end({ attemptId: attempt.id });
    expect((await student().practice.myAssignments()).find((a) => a.id === assignment.id)).toMatchObject({
      status: 'FINISHED',
      attemptId: attempt.id,
    });

    const results = await teacher.practice.results({ assignmentId: assignment.id });
    expect(results.rows.find((r) => r.studentId === world.users.student.id)).toMatchObject({
      status: 'FINISHED',
      attemptId: attempt.id,
    });
    expect(results.rows.find((r) => r.studentId === world.users.otherStudent.id)).toMatchObject({
      status: 'NOT_STARTED',
    });
    expect(results.commonErrors[0]).toMatchObject({ type: 'spelling', count: 2 });
    expect(results.commonErrors[0]!.excerpts[0]).toMatchObject({
      attemptId: attempt.id,
      text: 'i want a coffe.',
      correction: { start: 0, end: 1 },
    });
    await teacher.practice.grade({ attemptId: attempt.id, score: 70, note: 'Spelling, mostly' });
    expect(
      (await teacher.practice.results({ assignmentId: assignment.id })).rows.find((r) => r.attemptId === attempt.id),
    ).toMatchObject({ teacherScore: 70, teacherNote: 'Spelling, mostly' });
    const csv = await teacher.practice.resultsCsv({ assignmentId: assignment.id });
    expect(csv.csv.split('\r\n')[0]).toBe(
      'student,status,started,finished,task_completion,accuracy,vocabulary_range,fluency,objectives_met,objectives_total,estimated_level,teacher_grade,teacher_note',
    );
    expect(csv.csv).toContain('Student,FINISHED,');
    expect(csv.csv).toContain(',70,"Spelling, mostly"\r\n');
    expect(csv.csv).toContain('OtherStudent,NOT_STARTED,');
  });
});
