import {
  builtinDrillSet,
  builtinScenario,
  drillSetSchema,
  localize,
  scenarioSchema,
  type DrillSet,
  type LocalText,
  type Scenario,
} from '@lumi/chat-core';
import type { PracticeKind, Prisma } from '@lumi/db';
import { TRPCError } from '@trpc/server';
import type { Context, SessionUser } from '../context';
import type { ExerciseSourceInput } from './practice.types';

export type ExerciseSpec = { kind: 'ROLEPLAY'; scenario: Scenario } | { kind: 'DRILL'; drill: DrillSet };

export interface ResolvedExercise {
  kind: PracticeKind;
  ref: string;
  exerciseId: string | null;
  spec: ExerciseSpec;
  title: LocalText;
}

/** Stored specs are read back through the same schemas, so a row that no longer fits fails loudly, not later. */
export function readSpec(kind: PracticeKind, json: Prisma.JsonValue): ExerciseSpec {
  return kind === 'ROLEPLAY'
    ? { kind, scenario: scenarioSchema.parse(json) }
    : { kind, drill: drillSetSchema.parse(json) };
}

export function specJson(spec: ExerciseSpec): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(spec.kind === 'ROLEPLAY' ? spec.scenario : spec.drill)) as Prisma.InputJsonValue;
}

export function titleOf(spec: ExerciseSpec): LocalText {
  return spec.kind === 'ROLEPLAY' ? spec.scenario.title : spec.drill.title;
}

/** One title string for a row (the English one of a built-in); the UI localizes from the spec. */
export function rowTitle(spec: ExerciseSpec): string {
  return localize(titleOf(spec), 'en');
}

/**
 * A built-in exercise, or a teacher's own (its author or an admin only: students reach teachers' exercises through
 * assignments, which carry a copy).
 */
export async function resolveExercise(
  ctx: Pick<Context, 'db'>,
  user: SessionUser,
  source: ExerciseSourceInput,
): Promise<ResolvedExercise> {
  if (source.kind === 'builtin') {
    const scenarioSpec = builtinScenario(source.id);
    if (scenarioSpec) {
      const { id: _id, ...rest } = scenarioSpec;
      const spec: ExerciseSpec = { kind: 'ROLEPLAY', scenario: rest };
      return { kind: 'ROLEPLAY', ref: `builtin:${source.id}`, exerciseId: null, spec, title: titleOf(spec) };
    }
    const drill = builtinDrillSet(source.id);
    if (drill) {
      const { id: _id, ...rest } = drill;
      const spec: ExerciseSpec = { kind: 'DRILL', drill: rest };
      return { kind: 'DRILL', ref: `builtin:${source.id}`, exerciseId: null, spec, title: titleOf(spec) };
    }
    throw new TRPCError({ code: 'NOT_FOUND', message: 'No such exercise.' });
  }
  const row = await ctx.db.practiceExercise.findFirst({ where: { id: source.id, archivedAt: null } });
  if (!row || (row.authorId !== user.id && user.role !== 'ADMIN')) {
    throw new TRPCError({ code: 'NOT_FOUND', message: 'No such exercise.' });
  }
  const spec = readSpec(row.kind, row.spec);
  return { kind: row.kind, ref: `exercise:${row.id}`, exerciseId: row.id, spec, title: titleOf(spec) };
}
