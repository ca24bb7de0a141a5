import {
  drillGradeTask,
  drillLanguages,
  matchReference,
  requestStructured,
  summarizeDrill,
  type DrillSet,
} from '@lumi/chat-core';
import { Prisma, type Class, type DrillAnswer, type PracticeAttempt } from '@lumi/db';
import { TRPCError } from '@trpc/server';
import type { LumiServices } from '../context';
import { AppError } from '../errors/app-error';
import { attemptCallOptions } from './exercise-budget';
import { exerciseModel } from './exercise-model';
import { readCorrections, toJson } from './json';

type Attempt = PracticeAttempt & { class: Class | null };

/**
 * Grades one translation of a drill. The answer is stored before anything can fail, once per item (a repeated
 * send gets the stored result). An exact or near match of a reference is accepted on the spot, without a model
 * call; anything else is graded by the model, and an unusable grade leaves the answer kept and marked
 * "feedback unavailable". The last answer closes the set with its summary.
 */
export async function answerDrill(
  services: LumiServices,
  attempt: Attempt,
  drill: DrillSet,
  itemIndex: number,
  answer: string,
): Promise<DrillAnswer> {
  const { db } = services;
  const item = drill.items[itemIndex];
  if (!item) throw new TRPCError({ code: 'BAD_REQUEST', message: 'No such sentence in this set.' });
  if (attempt.status !== 'IN_PROGRESS') throw new AppError('EXERCISE_FINISHED', 'This exercise is already finished.');

  let row: DrillAnswer;
  try {
    row = await db.drillAnswer.create({ data: { attemptId: attempt.id, itemIndex, answer } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      return db.drillAnswer.findUniqueOrThrow({ where: { attemptId_itemIndex: { attemptId: attempt.id, itemIndex } } });
    }
    throw error;
  }

  const { target } = drillLanguages(drill.direction);
  const match = matchReference(answer, item.references, target);
  if (match.kind !== 'none') {
    row = await db.drillAnswer.update({
      where: { id: row.id },
      data: {
        status: 'READY',
        gradedBy: match.kind === 'exact' ? 'EXACT' : 'NEAR',
        score: match.kind === 'exact' ? 100 : Math.round(100 * match.similarity),
        better: match.reference,
        alternatives: item.references.filter((r) => r !== match.reference),
      },
    });
  } else {
    const result = await requestStructured(
      services.provider,
      await exerciseModel(services, attempt.class),
      drillGradeTask({
        direction: drill.direction,
        level: drill.level,
        uiLanguage: attempt.uiLanguage === 'ZH' ? 'zh' : 'en',
        source: item.source,
        references: item.references,
        answer,
      }),
      attemptCallOptions(services, attempt),
    );
    row = await db.drillAnswer.update({
      where: { id: row.id },
      data: result.ok
        ? {
            status: 'READY',
            gradedBy: 'MODEL',
            score: result.value.score,
            corrections: toJson(result.value.corrections),
            better: result.value.better,
            // The references are accepted answers too; the model's alternatives come after them.
            alternatives: [...new Set([...item.references, ...result.value.alternatives])].filter(
              (a) => a !== result.value.better,
            ),
            comment: result.value.comment,
          }
        : { status: 'UNAVAILABLE', reason: result.reason },
    });
  }
  await closeDrillIfDone(services, attempt, drill);
  return row;
}

/** The set closes when every sentence has an answer: the summary is written once. */
export async function closeDrillIfDone(services: LumiServices, attempt: Attempt, drill: DrillSet): Promise<void> {
  const answers = await services.db.drillAnswer.findMany({
    where: { attemptId: attempt.id },
    orderBy: { itemIndex: 'asc' },
  });
  if (answers.length < drill.items.length || answers.some((a) => a.status === 'PENDING')) return;
  const summary = summarizeDrill(
    drill.items,
    answers.map((a) => ({
      itemIndex: a.itemIndex,
      score: a.status === 'READY' ? a.score : null,
      corrections: readCorrections(a.corrections),
    })),
  );
  await services.db.practiceAttempt.updateMany({
    where: { id: attempt.id, status: 'IN_PROGRESS' },
    data: {
      status: 'FINISHED',
      endReason: 'SET_DONE',
      finishedAt: services.now(),
      report: toJson(summary),
      accuracy: summary.average,
    },
  });
}
