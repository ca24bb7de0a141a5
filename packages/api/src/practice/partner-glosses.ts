import { glossOf, wordsOf, type Scenario } from '@lumi/chat-core';
import type { Message } from '@lumi/db';

/**
 * Glosses for the words of a Chinese roleplay's partner lines that the scenario's own word list does not cover,
 * from CC-CEDICT (offline), keyed by the word as written: the page shows them on hover or tap.
 */
export function partnerGlosses(
  scenario: Scenario,
  messages: readonly Pick<Message, 'role' | 'content'>[],
): Record<string, string> {
  const glosses = new Map<string, string>();
  if (scenario.targetLanguage !== 'zh') return {};
  const listed = new Set(scenario.vocabulary.map((v) => v.word));
  for (const message of messages) {
    if (message.role !== 'ASSISTANT') continue;
    for (const { text } of wordsOf(message.content, 'zh')) {
      if (listed.has(text) || glosses.has(text)) continue;
      const gloss = glossOf(text);
      if (gloss) glosses.set(text, gloss);
    }
  }
  return Object.fromEntries(glosses);
}
