import type { DrillSetInput, ScenarioInput } from '@lumi/chat-core/practice';

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const list = (text: string) =>
  text
    .split(/[,，、]/)
    .map((w) => w.trim())
    .filter(Boolean);

/**
 * Goals, one per line: "Order a drink | coffee, tea" is a task with words that show it; "words: min 2: coffee, tea,
 * milk" is a goal counted by code.
 */
export function parseObjectives(text: string): ScenarioInput['objectives'] {
  return lines(text).map((line) => {
    const counted = /^words\s*:\s*min\s*(\d+)\s*:(.*)$/i.exec(line);
    if (counted) {
      const words = list(counted[2] ?? '');
      return { kind: 'vocabulary' as const, text: line, words, min: Number(counted[1]) };
    }
    const [goal = '', hints = ''] = line.split('|');
    return { kind: 'task' as const, text: goal.trim(), hints: list(hints) };
  });
}

/** "word = meaning" per line. */
export function parseVocabulary(text: string): NonNullable<ScenarioInput['vocabulary']> {
  return lines(text).map((line) => {
    const [word = '', gloss = ''] = line.split('=');
    return { word: word.trim(), gloss: gloss.trim() };
  });
}

/** "sentence = translation | another translation" per line. */
export function parseDrillItems(text: string): DrillSetInput['items'] {
  return lines(text).map((line) => {
    const [source = '', references = ''] = line.split('=');
    return {
      source: source.trim(),
      references: references
        .split('|')
        .map((r) => r.trim())
        .filter(Boolean),
    };
  });
}

export { lines };
