import { drillSetSchema, type DrillSet } from '../drill';
import { scenarioSchema, type Scenario } from '../scenario';
import { BUILTIN_DRILL_SETS as DRILL_ENTRIES } from './drills';
import { ENGLISH_SCENARIOS } from './scenarios-en';
import { CHINESE_SCENARIOS } from './scenarios-zh';

export type LibraryScenario = Scenario & { id: string };
export type LibraryDrillSet = DrillSet & { id: string };

// Parsed once when the module loads: a library entry that cannot run fails loudly at start-up and in the tests.
export const BUILTIN_SCENARIOS: readonly LibraryScenario[] = [...ENGLISH_SCENARIOS, ...CHINESE_SCENARIOS].map(
  ({ id, ...spec }) => ({ id, ...scenarioSchema.parse(spec) }),
);

export const BUILTIN_DRILL_SETS: readonly LibraryDrillSet[] = DRILL_ENTRIES.map(({ id, ...spec }) => ({
  id,
  ...drillSetSchema.parse(spec),
}));

export function builtinScenario(id: string): LibraryScenario | undefined {
  return BUILTIN_SCENARIOS.find((s) => s.id === id);
}

export function builtinDrillSet(id: string): LibraryDrillSet | undefined {
  return BUILTIN_DRILL_SETS.find((s) => s.id === id);
}
