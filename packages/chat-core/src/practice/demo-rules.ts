import type { ErrorType } from './feedback';
import type { TargetLanguage, UiLanguage } from './levels';
import { hasNumberedPinyin, numberedToMarked, pinyinMatches, pinyinOf } from './pinyin';

/** An edit in the model's wire shape (a quote and which occurrence), so demo answers pass the same checks. */
export interface DemoEdit {
  quote: string;
  occurrence: number;
  replacement: string;
  type: ErrorType;
  explanation: string;
}

type Explain = (match: RegExpExecArray) => { en: string; zh: string };

interface Rule {
  pattern: RegExp;
  type: ErrorType;
  /** The replacement for the whole match, or null to let the match stand (an exception). */
  fix: (match: RegExpExecArray, text: string) => string | null;
  explain: Explain;
}

const MISSPELLED: Record<string, string> = {
  recieve: 'receive',
  definately: 'definitely',
  wich: 'which',
  becuase: 'because',
  beacuse: 'because',
  tommorow: 'tomorrow',
  tomorow: 'tomorrow',
  untill: 'until',
  freind: 'friend',
  beleive: 'believe',
  adress: 'address',
  resturant: 'restaurant',
  restaraunt: 'restaurant',
  coffe: 'coffee',
  sandwhich: 'sandwich',
  teh: 'the',
  thier: 'their',
  realy: 'really',
  apointment: 'appointment',
  medecine: 'medicine',
  headach: 'headache',
  wensday: 'Wednesday',
  seperate: 'separate',
  occured: 'occurred',
  goverment: 'government',
  wether: 'whether',
  enviroment: 'environment',
  experiance: 'experience',
  intrested: 'interested',
  buisness: 'business',
  begining: 'beginning',
  prefered: 'preferred',
  recomend: 'recommend',
  confortable: 'comfortable',
  libary: 'library',
  exemple: 'example',
  hospitel: 'hospital',
  tikcet: 'ticket',
  ticet: 'ticket',
  recipt: 'receipt',
  reciept: 'receipt',
};

const THIRD_PERSON: Record<string, string> = {
  go: 'goes',
  do: 'does',
  have: 'has',
  want: 'wants',
  like: 'likes',
  need: 'needs',
  live: 'lives',
  work: 'works',
  eat: 'eats',
  drink: 'drinks',
  play: 'plays',
  know: 'knows',
  think: 'thinks',
};
// After these, a bare verb is right: "does he go", "can she have", "let it go".
const BARE_VERB_BEFORE =
  /\b(does|did|do|can|could|will|would|shall|should|must|may|might|let|make|made|to|help|see|saw|watch|hear|heard)\s+$/i;

const keepCase = (original: string, fixed: string) =>
  original[0] === original[0]!.toUpperCase() ? fixed[0]!.toUpperCase() + fixed.slice(1) : fixed;

const ENGLISH: Rule[] = [
  {
    pattern: /\bi\b(?!\.e\.)/g,
    type: 'spelling',
    fix: () => 'I',
    explain: () => ({ en: 'Always write "I" with a capital letter.', zh: '英语里的 "I"（我）总是大写。' }),
  },
  {
    pattern: new RegExp(`\\b(${Object.keys(MISSPELLED).join('|')})\\b`, 'gi'),
    type: 'spelling',
    fix: (m) => keepCase(m[0], MISSPELLED[m[0].toLowerCase()]!),
    explain: (m) => ({
      en: `"${m[0]}" is spelled "${MISSPELLED[m[0].toLowerCase()]}".`,
      zh: `"${m[0]}" 的正确拼写是 "${MISSPELLED[m[0].toLowerCase()]}"。`,
    }),
  },
  {
    pattern: /\b(a)\s+((?!uni|use|usu|one|once|eu)[aeiou]\w*)/gi,
    type: 'grammar',
    fix: (m) => `${keepCase(m[1]!, 'an')} ${m[2]}`,
    explain: (m) => ({
      en: `Use "an" before a vowel sound: "an ${m[2]}".`,
      zh: `元音开头的词前用 "an"："an ${m[2]}"。`,
    }),
  },
  {
    pattern: new RegExp(`\\b(he|she|it)\\s+(${Object.keys(THIRD_PERSON).join('|')})\\b`, 'gi'),
    type: 'grammar',
    fix: (m, text) =>
      BARE_VERB_BEFORE.test(text.slice(0, m.index)) ? null : `${m[1]} ${THIRD_PERSON[m[2]!.toLowerCase()]}`,
    explain: () => ({
      en: 'After he, she or it, the verb takes -s in the present simple.',
      zh: '一般现在时，主语是 he、she、it 时动词要加 -s。',
    }),
  },
  {
    pattern: /\b(am|is|are) agree\b/gi,
    type: 'grammar',
    fix: () => 'agree',
    explain: () => ({
      en: '"Agree" is a verb: say "I agree", not "I am agree".',
      zh: '"agree" 是动词：说 "I agree"，不说 "I am agree"。',
    }),
  },
  {
    pattern: /\bmore (better|worse|bigger|smaller|cheaper|easier|faster|older|younger)\b/gi,
    type: 'grammar',
    fix: (m) => m[1]!,
    explain: (m) => ({
      en: `"${m[1]}" is already a comparative; drop "more".`,
      zh: `"${m[1]}" 已经是比较级，不用再加 "more"。`,
    }),
  },
  {
    pattern:
      /\b(want|need|would like|'d like|like|hope|plan|try)\s+(eat|drink|go|buy|see|order|pay|try|book|have|get|ask|know|visit|find|make|take|speak|come)\b/gi,
    type: 'grammar',
    fix: (m) => `${m[1]} to ${m[2]}`,
    explain: (m) => ({
      en: `Put "to" before the second verb: "${m[1]} to ${m[2]}".`,
      zh: `第二个动词前要加 "to"："${m[1]} to ${m[2]}"。`,
    }),
  },
  {
    pattern: /\b(can|could|must|should|will|would|may|might)\s+to\s+(\w+)/gi,
    type: 'grammar',
    fix: (m) => `${m[1]} ${m[2]}`,
    explain: (m) => ({ en: `No "to" after "${m[1]}".`, zh: `"${m[1]}" 后面不加 "to"。` }),
  },
  {
    pattern: /\b(information|advice|furniture|homework|luggage|equipment|news)s\b/gi,
    type: 'grammar',
    fix: (m) => m[1]!,
    explain: (m) => ({ en: `"${m[1]}" has no plural form.`, zh: `"${m[1]}" 是不可数名词，没有复数形式。` }),
  },
  {
    pattern: /\bexplain me\b/gi,
    type: 'grammar',
    fix: () => 'explain to me',
    explain: () => ({ en: 'Say "explain to me" (or "explain it to me").', zh: '要说 "explain to me"。' }),
  },
  {
    pattern: /\bdiscuss about\b/gi,
    type: 'grammar',
    fix: () => 'discuss',
    explain: () => ({ en: '"Discuss" needs no "about".', zh: '"discuss" 后面不加 "about"。' }),
  },
  {
    pattern: /\bhow much (it )?costs?\b/gi,
    type: 'grammar',
    fix: (m) => keepCase(m[0], 'how much does it cost'),
    explain: () => ({
      en: 'A question needs "does": "How much does it cost?"',
      zh: '疑问句要用 "does"："How much does it cost?"',
    }),
  },
  {
    pattern: /\bI very (like|want|need|love|enjoy)\b/g,
    type: 'word_order',
    fix: (m) => `I really ${m[1]}`,
    explain: () => ({
      en: '"Very" cannot go before a verb: use "really", or "very much" at the end.',
      zh: '"very" 不能放在动词前：用 "really"，或把 "very much" 放在句末。',
    }),
  },
  {
    pattern: /\blook(?:ing)? forward to (meet|see|hear|work|visit)\b/gi,
    type: 'grammar',
    fix: (m) => m[0].replace(/(\w+)$/, (v) => `${v.replace(/e$/, '')}ing`),
    explain: () => ({
      en: '"Look forward to" takes a verb with -ing.',
      zh: '"look forward to" 后面的动词要用 -ing 形式。',
    }),
  },
  {
    pattern:
      /\bsince (\d+|two|three|four|five|six|seven|eight|nine|ten|a few|many) (years|months|weeks|days|hours)\b/gi,
    type: 'vocabulary',
    fix: (m) => `for ${m[1]} ${m[2]}`,
    explain: () => ({
      en: 'Use "for" with a length of time, "since" with a starting point.',
      zh: '表示一段时间用 "for"，表示起点用 "since"。',
    }),
  },
  {
    pattern: /\bin (monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/gi,
    type: 'vocabulary',
    fix: (m) => `on ${m[1]![0]!.toUpperCase()}${m[1]!.slice(1).toLowerCase()}`,
    explain: () => ({ en: 'Use "on" with days of the week.', zh: '星期几前面用 "on"。' }),
  },
  {
    pattern: /\b(\w+) \1\b/gi,
    type: 'spelling',
    fix: (m) => (/^(that|had|is|very|bye|no|so|ha)$/i.test(m[1]!) ? null : m[1]!),
    explain: (m) => ({ en: `"${m[1]}" is written twice.`, zh: `"${m[1]}" 写了两次。` }),
  },
];

const MEASURES: Array<[string, string, string]> = [
  ['杯', 'cup / glass', '咖啡|茶|水|啤酒|果汁|奶茶|可乐|牛奶'],
  ['本', 'book', '书|本子|词典|杂志'],
  ['张', 'flat thing', '票|桌子|床|纸|地图|照片'],
  ['件', 'clothing / matter', '衣服|衬衫|毛衣|事|事情'],
  ['碗', 'bowl', '面条|米饭|汤|面'],
  ['双', 'pair', '鞋|袜子|筷子'],
];
const SUBJECTS = '我|你|他|她|我们|你们|他们|她们|这|那|这个|那个|今天|天气|价格';
const ADJECTIVES = '高兴|好|忙|累|饿|渴|贵|便宜|漂亮|大|小|热|冷|舒服|开心|难|容易|远|近|好吃|干净';
const TIME_WORDS = '明天|今天|昨天|后天|晚上|下午|上午|周末|现在';

const CHINESE: Rule[] = [
  ...MEASURES.map(([measure, meaning, nouns]): Rule => ({
    pattern: new RegExp(`([一二两三四五六七八九十几])个(${nouns})`, 'g'),
    type: 'measure_word',
    fix: (m) => `${m[1]}${measure}${m[2]}`,
    explain: (m) => ({
      en: `${m[2]} takes the measure word ${measure} (${meaning}), not 个.`,
      zh: `“${m[2]}”的量词是“${measure}”，不是“个”。`,
    }),
  })),
  {
    pattern: /([两三四五六七八九十几])(苹果|书|票|朋友|杯子|衣服)/g,
    type: 'measure_word',
    fix: (m) => {
      const measure = MEASURES.find(([, , nouns]) => nouns.split('|').includes(m[2]!))?.[0] ?? '个';
      return `${m[1]}${measure}${m[2]}`;
    },
    explain: () => ({ en: 'A number needs a measure word before the noun.', zh: '数词和名词之间要用量词。' }),
  },
  {
    pattern: new RegExp(`(?<=${SUBJECTS})是(很|非常|太|真)?(${ADJECTIVES})`, 'g'),
    type: 'grammar',
    fix: (m) => `${m[1] ?? '很'}${m[2]}`,
    explain: (m) => ({
      en: `Adjectives do not take 是: say ${m[1] ?? '很'}${m[2]}.`,
      zh: `形容词前不用“是”，说“${m[1] ?? '很'}${m[2]}”。`,
    }),
  },
  {
    pattern: /(?<=(?:什么|哪里|哪儿|谁|怎么|几|多少|为什么|哪)[^。！？?!，,]{0,12})吗/g,
    type: 'particle',
    fix: () => '',
    explain: () => ({
      en: 'A question with a question word (什么, 哪里, 多少...) does not end in 吗.',
      zh: '有疑问词（什么、哪里、多少……）的问句不用“吗”。',
    }),
  },
  {
    pattern: /不有/g,
    type: 'grammar',
    fix: () => '没有',
    explain: () => ({ en: '有 is made negative with 没, not 不: 没有.', zh: '“有”的否定是“没有”，不是“不有”。' }),
  },
  {
    pattern: new RegExp(
      `(?<=我|你|他|她|我们|你们|他们)((?:去|来|买|吃|看|回)[\\u4e00-\\u9fff]{0,6}?)(${TIME_WORDS})`,
      'g',
    ),
    type: 'word_order',
    fix: (m) => `${m[2]}${m[1]}`,
    explain: () => ({
      en: 'In Chinese the time comes before the verb: 我明天去商店.',
      zh: '时间词要放在动词前面，例如“我明天去商店”。',
    }),
  },
];

/** Common words whose pinyin a beginner types, besides the scenario's own vocabulary. */
const COMMON_WORDS = ['你好', '谢谢', '再见', '对不起', '没关系', '请问', '多少钱', '不客气', '我', '你', '是', '不是'];

/** Numbered or tone-marked pinyin the learner typed for a word with the wrong tones. */
function toneEdits(text: string, words: readonly string[], ui: UiLanguage): DemoEdit[] {
  if (!hasNumberedPinyin(text) && !/[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/.test(text)) return [];
  const edits: DemoEdit[] = [];
  const syllables = /[a-zA-ZüÜāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ:]+[0-5]?(?:\s*[a-zA-ZüÜāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ:]+[0-5]?)*/g;
  for (const run of text.matchAll(syllables)) {
    const typed = run[0];
    const letters = (s: string) =>
      numberedToMarked(s)
        .normalize('NFD')
        .replace(/[^a-z]/gi, '')
        .toLowerCase();
    for (const word of [...words, ...COMMON_WORDS]) {
      const said = pinyinOf(word);
      if (letters(typed) !== letters(said) || pinyinMatches(typed, word)) continue;
      edits.push({
        quote: typed,
        occurrence: occurrenceAt(text, typed, run.index),
        replacement: said,
        type: 'tone_pinyin',
        explanation: ui === 'zh' ? `“${word}”读作 ${said}，注意声调。` : `${word} is said ${said}: check the tones.`,
      });
      break;
    }
  }
  return edits;
}

/** Which occurrence of `quote` (found the way resolveEdits searches) starts at `index`. */
function occurrenceAt(text: string, quote: string, index: number): number {
  let n = 0;
  let at = -1;
  do {
    at = text.indexOf(quote, at + 1);
    n++;
  } while (at >= 0 && at < index);
  return n;
}

/**
 * The offline demo's corrections: a fixed set of common learner errors found by pattern, each an edit of a span
 * of the learner's own text. Far from a real model, but deterministic, explained in the UI language, and it leaves
 * a sentence it has no rule for alone.
 */
export function demoEdits(
  text: string,
  language: TargetLanguage,
  ui: UiLanguage,
  vocabulary: readonly string[] = [],
): DemoEdit[] {
  const taken: Array<[number, number]> = [];
  const edits: DemoEdit[] = [];
  const free = (start: number, end: number) => taken.every(([s, e]) => end <= s || start >= e);
  for (const rule of language === 'en' ? ENGLISH : CHINESE) {
    for (const match of text.matchAll(new RegExp(rule.pattern.source, rule.pattern.flags))) {
      const replacement = rule.fix(match, text);
      const end = match.index + match[0].length;
      if (replacement === null || replacement === match[0] || !free(match.index, end)) continue;
      taken.push([match.index, end]);
      edits.push({
        quote: match[0],
        occurrence: occurrenceAt(text, match[0], match.index),
        replacement,
        type: rule.type,
        explanation: rule.explain(match)[ui],
      });
    }
  }
  if (language === 'zh') {
    for (const edit of toneEdits(text, vocabulary, ui)) {
      const start = text.indexOf(edit.quote);
      if (free(start, start + edit.quote.length)) edits.push(edit);
    }
  }
  return edits.slice(0, 8);
}
