import type { TargetLanguage } from './levels';
import type { Objective } from './scenario';
import { targetsUsed } from './words';

export interface ObjectiveState {
  id: string;
  met: boolean;
  /** For vocabulary objectives: which listed words the learner used, counted by code. */
  used?: string[];
  /** The learner turn (0-based) that met it, when known. */
  metAtTurn?: number;
}

/**
 * The checklist after the learner's turns so far. Vocabulary objectives are counted here, by code, over every
 * learner turn; task objectives are met when a turn's feedback said so (`taskMetAtTurn`, from the grader).
 */
export function objectiveStates(
  objectives: readonly Objective[],
  learnerTurns: readonly string[],
  language: TargetLanguage,
  taskMetAtTurn: ReadonlyMap<string, number>,
): ObjectiveState[] {
  return objectives.map((objective) => {
    const { id } = objective;
    if (objective.kind === 'task') {
      const turn = taskMetAtTurn.get(id);
      return { id, met: turn !== undefined, ...(turn !== undefined ? { metAtTurn: turn } : {}) };
    }
    const used: string[] = [];
    let metAtTurn: number | undefined;
    learnerTurns.forEach((turn, i) => {
      for (const word of targetsUsed(turn, objective.words, language)) if (!used.includes(word)) used.push(word);
      if (metAtTurn === undefined && used.length >= objective.min) metAtTurn = i;
    });
    return { id, met: used.length >= objective.min, used, ...(metAtTurn !== undefined ? { metAtTurn } : {}) };
  });
}
