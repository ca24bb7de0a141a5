import { describe, expect, it } from 'vitest';
import {
  BUILTIN_DRILL_SETS,
  BUILTIN_SCENARIOS,
  CEFR_LEVELS,
  HSK_LEVELS,
  drillSetSchema,
  scenarioSchema,
  writtenIn,
  type ScenarioInput,
} from '../src/practice';

const valid: ScenarioInput = {
  targetLanguage: 'en',
  level: 'A2',
  title: 'At the library',
  brief: 'Borrow a book about dinosaurs.',
  aiRole: 'a librarian',
  learnerRole: 'a student',
  setting: 'A school library',
  objectives: [
    { kind: 'task', text: 'Ask for a book', hints: ['book'] },
    { kind: 'vocabulary', text: 'Use two library words', words: ['borrow', 'return', 'card'], min: 2 },
  ],
  turnLimit: 6,
  openingLine: 'Hello! Can I help you find something?',
};

/** The path of every issue a refused scenario gets, as "a.0.b". */
function refusedPaths(input: unknown): string[] {
  const result = scenarioSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => issue.path.join('.'));
}

describe('the built-in library', () => {
  it('has at least twelve scenarios per target language, spread over the levels', () => {
    for (const [language, levels] of [
      ['en', CEFR_LEVELS],
      ['zh', HSK_LEVELS],
    ] as const) {
      const scenarios = BUILTIN_SCENARIOS.filter((s) => s.targetLanguage === language);
      expect(scenarios.length).toBeGreaterThanOrEqual(12);
      expect(new Set(scenarios.map((s) => s.level))).toEqual(new Set(levels));
    }
  });

  it('every scenario runs: opening line, vocabulary and objectives in the target language, unique ids', () => {
    expect(new Set(BUILTIN_SCENARIOS.map((s) => s.id)).size).toBe(BUILTIN_SCENARIOS.length);
    for (const s of BUILTIN_SCENARIOS) {
      expect(writtenIn(s.targetLanguage, s.openingLine), s.id).toBe(true);
      expect(new Set(s.objectives.map((o) => o.id)).size).toBe(s.objectives.length);
      for (const o of s.objectives) {
        if (o.kind === 'task') expect(o.hints.length, `${s.id} ${o.id}`).toBeGreaterThan(0);
        expect(typeof o.text === 'object' && o.text.en && o.text.zh, `${s.id} ${o.id}`).toBeTruthy();
      }
    }
  });

  it('has translation drills both ways at several levels, each sentence with a reference', () => {
    const ways = new Set(BUILTIN_DRILL_SETS.map((s) => s.direction));
    expect(ways).toEqual(new Set(['en-zh', 'zh-en']));
    for (const direction of ways) {
      expect(
        new Set(BUILTIN_DRILL_SETS.filter((s) => s.direction === direction).map((s) => s.level)).size,
      ).toBeGreaterThanOrEqual(3);
    }
    for (const set of BUILTIN_DRILL_SETS)
      for (const item of set.items) expect(item.references.length).toBeGreaterThan(0);
  });
});

describe('a teacher-written scenario', () => {
  it('is accepted and every objective gets an id', () => {
    const scenario = scenarioSchema.parse(valid);
    expect(scenario.objectives.map((o) => o.id)).toEqual(['o1', 'o2']);
  });

  it('is refused with the failing field named', () => {
    expect(refusedPaths({ ...valid, level: 'HSK2' })).toEqual(['level']);
    expect(refusedPaths({ ...valid, openingLine: '你好！' })).toEqual(['openingLine']);
    expect(refusedPaths({ ...valid, objectives: [] })).toEqual(['objectives']);
    expect(refusedPaths({ ...valid, turnLimit: 1 })).toEqual(['turnLimit']);
    expect(refusedPaths({ ...valid, title: 'Library\u0000' })).toContain('title');
    expect(refusedPaths({ ...valid, aiRole: 'a librarian \ud800' })).toEqual(['aiRole']);
    expect(
      refusedPaths({ ...valid, objectives: [{ kind: 'vocabulary', text: 'x', words: ['borrow'], min: 3 }] }),
    ).toEqual(['objectives.0.min']);
    expect(
      refusedPaths({
        ...valid,
        targetLanguage: 'zh',
        level: 'HSK1',
        openingLine: '你好！',
        objectives: [{ kind: 'vocabulary', text: 'x', words: ['咖啡', 'coffee'], min: 1 }],
      }),
    ).toEqual(['objectives.0.words.1']);
    const tooMany = Array.from({ length: 3 }, (_, i) => ({ kind: 'task', text: `Goal ${i}`, hints: [] }));
    expect(refusedPaths({ ...valid, objectives: tooMany, turnLimit: 2 })).toEqual(['turnLimit']);
  });

  it('drill sets are refused with the sentence named', () => {
    const result = drillSetSchema.safeParse({
      direction: 'en-zh',
      level: 'HSK1',
      title: 'Greetings',
      items: [
        { source: 'Hello', references: ['你好'] },
        { source: 'Thank you', references: ['Thanks'] },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['items.1.references.0']);
  });
});
