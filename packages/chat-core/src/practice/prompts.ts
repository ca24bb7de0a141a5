import { z } from 'zod';
import { LANGUAGE_NAMES, targetLanguageSchema, type TargetLanguage, type UiLanguage } from './levels';
import type { Scenario } from './scenario';
import { localize } from './text';

/** Marks the machine-readable cue inside the partner's system prompt, which the offline demo partner reads. */
export const CUE_OPEN = '<practice-partner>';
export const CUE_CLOSE = '</practice-partner>';

/** What a partner needs besides the prose: the language and the words to steer towards. */
export const partnerCueSchema = z.object({
  targetLanguage: targetLanguageSchema,
  vocabulary: z.array(z.string()),
});
export type PartnerCue = z.infer<typeof partnerCueSchema>;

const LEVEL_GUIDE: Record<string, string> = {
  A1: 'very short, simple sentences with the most common words; one question at a time',
  A2: 'short sentences with everyday words; simple past and future; one question at a time',
  B1: 'clear, natural sentences on familiar topics; explain briefly when needed',
  B2: 'natural speech with some idioms and complex sentences; keep a normal pace',
  C1: 'fully natural, nuanced speech as with a fluent adult',
  HSK1: 'very short sentences using only HSK 1 words (about 150 words); no idioms',
  HSK2: 'short sentences using HSK 1-2 words (about 300 words)',
  HSK3: 'simple sentences using HSK 1-3 words (about 600 words); common patterns like 把 and 比',
  HSK4: 'natural everyday sentences within HSK 4 vocabulary (about 1200 words)',
  HSK5: 'natural speech with some written-style words and chengyu',
  HSK6: 'fully natural speech as with a fluent adult',
};

/**
 * The partner's system prompt: stay in role, at the learner's level, in the target language, and move the scene
 * towards the learner's objectives without doing them for the learner. Corrections are not the partner's job:
 * they come on a separate card, so the conversation itself stays natural.
 */
export function buildPartnerPrompt(scenario: Scenario): string {
  const language = LANGUAGE_NAMES[scenario.targetLanguage].en;
  const objectives = scenario.objectives.map((o) => `- ${localize(o.text, 'en')}`).join('\n');
  return [
    `You are playing a role in a language-practice conversation with a school student learning ${language}.`,
    `Your role: ${scenario.aiRole}. The learner plays: ${scenario.learnerRole}. Setting: ${scenario.setting}`,
    `Speak only ${language}${scenario.targetLanguage === 'zh' ? ' in simplified characters' : ''}, at level ${scenario.level}: ${LEVEL_GUIDE[scenario.level]}.`,
    'Stay in your role and in the scene whatever the learner writes. Reply in one to three short sentences, and end most replies with something the learner can answer.',
    `Give the learner chances to reach these goals, but never reach them for the learner:\n${objectives}`,
    'Do not correct mistakes and do not explain grammar: feedback is given separately. If the learner writes in another language, answer simply in the target language.',
    'Keep everything suitable for school students: no sexual content, violence or personal data.',
    `${CUE_OPEN}${JSON.stringify({ targetLanguage: scenario.targetLanguage, vocabulary: scenario.vocabulary.map((v) => v.word) } satisfies PartnerCue)}${CUE_CLOSE}`,
  ].join('\n\n');
}

/** The cue of a partner prompt, or null for any other system prompt. */
export function partnerCueIn(system: string): PartnerCue | null {
  const start = system.lastIndexOf(CUE_OPEN);
  const end = system.lastIndexOf(CUE_CLOSE);
  if (start < 0 || end < start) return null;
  try {
    const parsed = partnerCueSchema.safeParse(JSON.parse(system.slice(start + CUE_OPEN.length, end)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const UI_NAMES: Record<UiLanguage, string> = { en: 'English', zh: 'Simplified Chinese' };

export const TURN_FEEDBACK_SYSTEM = (target: TargetLanguage, ui: UiLanguage) =>
  [
    `You correct one turn written by a school student learning ${LANGUAGE_NAMES[target].en}, inside a roleplay.`,
    'Mark only real errors a teacher would correct: grammar, vocabulary, word order, spelling, measure words, particles, tones or pinyin. Do not rewrite correct sentences for style; a correct sentence gets verdict "correct" and no edits. Informal but correct language is correct.',
    'Each edit quotes the exact, shortest span of the learner\'s text that is wrong (copied character for character) and gives its replacement; "occurrence" says which occurrence of the quote is meant (1 for the first).',
    `Write each explanation in ${UI_NAMES[ui]}, in one short sentence a learner at the given level understands.`,
    'List in objectivesMet the ids of the task objectives this turn achieves (given the conversation so far); leave it empty when none.',
  ].join('\n');

export const DRILL_GRADE_SYSTEM = (target: TargetLanguage, ui: UiLanguage) =>
  [
    `You grade a school student's translation into ${LANGUAGE_NAMES[target].en}.`,
    'Score 0-100 for meaning first, then grammar and naturalness. A different but correct wording scores high: the references are examples, not the only answers.',
    "Edits quote the exact, shortest wrong span of the student's translation and give its replacement; give no edits for a correct translation.",
    `"better" is a corrected translation staying close to the student's own words. "alternatives" lists up to three other correct translations. Write explanations and the comment in ${UI_NAMES[ui]}.`,
  ].join('\n');

export const REPORT_SYSTEM = (target: TargetLanguage, ui: UiLanguage) =>
  [
    `You assess a school student's ${LANGUAGE_NAMES[target].en} in a finished roleplay.`,
    'Rate fluency 0-100 (how easily and naturally they kept the conversation going for their level) and estimate their level from this conversation only.',
    "Give evidence as exact quotes of the learner's own words, each with a short note. This is an estimate from one conversation, not a grade.",
    `Write the notes and a two-sentence summary in ${UI_NAMES[ui]}, encouraging and specific.`,
  ].join('\n');
