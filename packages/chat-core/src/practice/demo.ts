import type { ChatMessage } from '../types';
import { demoEdits } from './demo-rules';
import type { DrillGradeWire, ReportWire, TurnFeedbackWire } from './feedback';
import { drillLanguages } from './drill';
import { levelRank, levelsFor } from './levels';
import { matchReference } from './match';
import { partnerCueIn } from './prompts';
import {
  TASK_NAMES,
  drillGradeInputSchema,
  reportInputSchema,
  turnFeedbackInputSchema,
  type DrillGradeInput,
  type ReportInput,
  type TurnFeedbackInput,
} from './tasks';
import { targetsUsed, wordsOf } from './words';

const ACKS = {
  en: ['I see.', 'Sure.', 'Great.', 'Okay.', 'Right.', 'Of course.'],
  zh: ['好的。', '明白了。', '没问题。', '好。', '是吗？', '嗯。'],
};
const FOLLOW_UPS = {
  en: [
    'Could you tell me a little more?',
    'What would you like to do next?',
    'Is there anything else?',
    'How does that sound?',
    'Why is that?',
  ],
  zh: ['你能再说一点吗？', '你还想做什么？', '还有别的吗？', '你觉得怎么样？', '为什么呢？'],
};
const CLOSINGS = { en: "You're welcome. Goodbye, and have a nice day!", zh: '不客气，再见！' };
const GOODBYE = { en: /\b(bye|goodbye|see you)\b/i, zh: /再见|拜拜/ };

/** A stable small number from text, so the same turn always gets the same line. */
function pick(text: string, modulo: number): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return h % modulo;
}

/**
 * The offline partner's line: an acknowledgement, then a nudge towards a target word the learner has not used yet
 * (or a follow-up question), in the target language. Deterministic for the same conversation.
 */
export function demoPartnerLine(messages: readonly ChatMessage[]): string | null {
  const system = messages.find((m) => m.role === 'system')?.content ?? '';
  const cue = partnerCueIn(system);
  if (!cue) return null;
  const language = cue.targetLanguage;
  const learner = messages.filter((m) => m.role === 'user').map((m) => m.content);
  const last = learner.at(-1) ?? '';
  if (GOODBYE[language].test(last)) return CLOSINGS[language];
  const said = learner.join('\n');
  const { vocabulary } = cue;
  const used = new Set(targetsUsed(said, vocabulary, language));
  const next = vocabulary.find((word) => !used.has(word));
  const ack = ACKS[language][pick(last, ACKS[language].length)]!;
  const nudge = next
    ? language === 'zh'
      ? `那${next}呢？`
      : `And what about the ${next}?`
    : FOLLOW_UPS[language][learner.length % FOLLOW_UPS[language].length]!;
  return `${ack} ${nudge}`.replace(/。 /g, '。');
}

function turnFeedback(input: TurnFeedbackInput): TurnFeedbackWire {
  const edits = demoEdits(input.learnerText, input.targetLanguage, input.uiLanguage, input.vocabulary);
  const met = input.objectives
    .filter((o) => targetsUsed(input.learnerText, o.hints, input.targetLanguage).length > 0)
    .map((o) => o.id);
  return { verdict: edits.length ? 'needs_correction' : 'correct', edits, objectivesMet: met };
}

function drillGrade(input: DrillGradeInput): DrillGradeWire {
  const { target } = drillLanguages(input.direction);
  const match = matchReference(input.answer, input.references, target);
  const edits = demoEdits(input.answer, target, input.uiLanguage);
  const closeness = match.kind === 'none' ? match.similarity : 1;
  const score = Math.max(0, Math.round(100 * closeness) - 10 * edits.length);
  const best = match.kind === 'none' ? match.closest : match.reference;
  const zh = input.uiLanguage === 'zh';
  return {
    score,
    edits,
    better: best,
    alternatives: input.references.filter((r) => r !== best).slice(0, 3),
    comment:
      score >= 80
        ? zh
          ? '意思基本正确。'
          : 'The meaning comes across well.'
        : zh
          ? '和参考译文差别较大，请对照参考译文再试一次。'
          : 'This is quite far from the reference translations; compare them and try again.',
  };
}

function report(input: ReportInput): ReportWire {
  const levels = levelsFor(input.targetLanguage);
  const expected = input.targetLanguage === 'en' ? [4, 6, 9, 12, 16] : [5, 7, 10, 13, 17, 22];
  let rank = 0;
  expected.forEach((length, i) => {
    if (input.measures.meanLength >= length * 0.9) rank = i;
  });
  rank = Math.min(rank, levelRank(input.level) + 1, levels.length - 1);
  const longest = [...input.learnerTurns].sort((a, b) => b.length - a.length)[0] ?? '';
  const quote = longest.length > 120 ? longest.slice(0, 120) : longest;
  const zh = input.uiLanguage === 'zh';
  const words = wordsOf(input.learnerTurns.join(' '), input.targetLanguage).length;
  return {
    fluency: Math.min(100, Math.round((100 * input.measures.meanLength) / expected[levelRank(input.level)]!)),
    level: levels[rank]!,
    evidence: [
      {
        quote: quote || input.learnerTurns[0] || '',
        note: zh ? '这是你最长的一句话。' : 'Your longest turn in this conversation.',
      },
    ],
    summary: zh
      ? `你在“${input.scenario}”中说了 ${input.learnerTurns.length} 轮，共约 ${words} 个词。继续练习，多用连接词把句子连起来。`
      : `You took ${input.learnerTurns.length} turns in "${input.scenario}", about ${words} words in all. Keep practising, and try joining sentences with linking words.`,
  };
}

/**
 * The offline demo's answer to one of Lumi's structured questions (practice/tasks.ts), as JSON text, or
 * undefined for a question it does not know. It answers from the same input a real model gets.
 */
export function answerOffline(name: string, messages: readonly ChatMessage[]): string | undefined {
  // A retry appends a note after the question: the question is always the first user message.
  const question = messages.find((m) => m.role === 'user')?.content ?? '';
  let json: unknown;
  try {
    json = JSON.parse(question);
  } catch {
    return undefined;
  }
  const answer = (() => {
    if (name === TASK_NAMES.turnFeedback) {
      const input = turnFeedbackInputSchema.safeParse(json);
      return input.success ? turnFeedback(input.data) : undefined;
    }
    if (name === TASK_NAMES.drillGrade) {
      const input = drillGradeInputSchema.safeParse(json);
      return input.success ? drillGrade(input.data) : undefined;
    }
    if (name === TASK_NAMES.report) {
      const input = reportInputSchema.safeParse(json);
      return input.success ? report(input.data) : undefined;
    }
    return undefined;
  })();
  return answer && JSON.stringify(answer);
}
