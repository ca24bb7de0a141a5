import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  SpanError,
  checkTurnFeedback,
  demoEdits,
  matchReference,
  resolveEdits,
  spanFits,
  type ErrorType,
} from '../src/practice';

const edit = (quote: string, replacement: string, occurrence = 1, type: ErrorType = 'grammar') => ({
  quote,
  replacement,
  occurrence,
  type,
  explanation: 'x',
});

describe('corrections are spans of the learner’s own text', () => {
  it('resolves quotes to spans, in text order, and builds the corrected sentence', () => {
    const text = 'He go to school and he go home.';
    const { corrections, corrected } = resolveEdits(text, [edit('go', 'goes', 2), edit('go', 'goes', 1)]);
    expect(corrections.map((c) => [c.start, c.end])).toEqual([
      [3, 5],
      [23, 25],
    ]);
    for (const c of corrections) expect(spanFits(text, c)).toBe(true);
    expect(corrected).toBe('He goes to school and he goes home.');
  });

  it('refuses a quote that is not there, overlapping spans and edits that change nothing', () => {
    expect(() => resolveEdits('I like tea', [edit('coffee', 'tea')])).toThrow(SpanError);
    expect(() => resolveEdits('I like tea', [edit('tea', 'teas', 2)])).toThrow(SpanError);
    expect(() => resolveEdits('I like tea', [edit('like tea', 'likes tea'), edit('tea', 'teas')])).toThrow(SpanError);
    expect(() => resolveEdits('I like tea', [edit('tea', 'tea')])).toThrow(SpanError);
  });

  it('checks the verdict, the objective ids and the shape', () => {
    const ids = ['o1'];
    expect(checkTurnFeedback({ verdict: 'correct', edits: [], objectivesMet: ['o1'] }, 'Hi', ids)).toEqual({
      status: 'ready',
      verdict: 'correct',
      corrections: [],
      corrected: 'Hi',
      objectivesMet: ['o1'],
    });
    expect(() =>
      checkTurnFeedback({ verdict: 'correct', edits: [edit('Hi', 'Hello')], objectivesMet: [] }, 'Hi', ids),
    ).toThrow(SpanError);
    expect(() => checkTurnFeedback({ verdict: 'needs_correction', edits: [], objectivesMet: [] }, 'Hi', ids)).toThrow(
      SpanError,
    );
    expect(() => checkTurnFeedback({ verdict: 'correct', edits: [], objectivesMet: ['o9'] }, 'Hi', ids)).toThrow(
      ZodError,
    );
    expect(() => checkTurnFeedback({ verdict: 'fine' }, 'Hi', ids)).toThrow(ZodError);
  });
});

// Gold sentences: what the offline demo must leave alone, and errors it must mark at the right words.
const CORRECT = {
  en: [
    'Hello, can I have a coffee, please?',
    "I'd like a cheese sandwich and some water.",
    'How much does it cost?',
    'Where is the train station?',
    'Turn left at the corner, then go straight on.',
    'My name is Anna and I am fourteen years old.',
    'I like playing football with my friends.',
    'Does he go to your school?',
    'She has lived here for three years.',
    'I bought this jumper last week, but it is too small.',
    'Could I exchange it for a bigger size?',
    "I've had a headache since Monday.",
    'How often should I take the tablets?',
    'We are going to see a film on Saturday.',
    'Excuse me, I ordered the fish, not the chicken.',
    'I have worked in a shop before, so I am used to customers.',
    'In my opinion, uniforms make everyone look the same.',
    'However, I see your point about the cost.',
    'It was a large black suitcase with a red label.',
    'To some extent, I agree with you.',
    'I really like an apple a day.',
    'It is a university in the north.',
    'I want to eat an orange.',
    'Can she help me with my homework?',
    'I look forward to meeting you.',
  ],
  zh: [
    '你好！我要一杯咖啡。',
    '这个多少钱？',
    '谢谢你！',
    '我叫李明，我十四岁。',
    '你是哪国人？',
    '我想买三个苹果。',
    '请问，火车站在哪儿？',
    '离这儿远吗？',
    '我要一碗面条和一碗米饭。',
    '我头疼，从昨天开始发烧了。',
    '这个药一天吃几次？',
    '我们星期六一起去看电影吧。',
    '这件衬衫太小了，我想换一件。',
    '我是上个星期买的。',
    '我订了一个房间。',
    '早餐几点开始？',
    '我很高兴认识你。',
    '我明天去商店。',
    '我没有钱。',
    '你去哪里？',
    '他是我的老师。',
    '虽然我很累，但是我还是做完了作业。',
    '我觉得中学生可以带手机。',
    '通过这次活动，我意识到了自己的责任。',
    '你好吗？',
  ],
};
const WRONG: Array<[string, 'en' | 'zh', string, ErrorType]> = [
  ['i want a coffee', 'en', 'i', 'spelling'],
  ['Can I have a apple?', 'en', 'a apple', 'grammar'],
  ['He go to school by bus.', 'en', 'He go', 'grammar'],
  ['I am agree with you.', 'en', 'am agree', 'grammar'],
  ['How much it cost?', 'en', 'How much it cost', 'grammar'],
  ['I very like football.', 'en', 'I very like', 'word_order'],
  ['I want eat pizza.', 'en', 'want eat', 'grammar'],
  ['Please recieve my thanks.', 'en', 'recieve', 'spelling'],
  ['我要一个咖啡。', 'zh', '一个咖啡', 'measure_word'],
  ['我是很高兴。', 'zh', '是很高兴', 'grammar'],
  ['你去哪里吗？', 'zh', '吗', 'particle'],
  ['我去商店明天。', 'zh', '去商店明天', 'word_order'],
  ['我不有时间。', 'zh', '不有', 'grammar'],
  ['我买三书。', 'zh', '三书', 'measure_word'],
];

describe('the offline demo’s corrections', () => {
  it('leaves correct sentences alone (at least 90%, as the field expects of a grader)', () => {
    for (const language of ['en', 'zh'] as const) {
      const touched = CORRECT[language].filter((s) => demoEdits(s, language, 'en').length > 0);
      expect(touched, language).toEqual([]);
    }
  });

  it('marks each known error at the learner’s own words, with its type', () => {
    for (const [text, language, quote, type] of WRONG) {
      const edits = demoEdits(text, language, 'zh');
      const { corrections } = resolveEdits(text, edits);
      expect(
        corrections.map((c) => [c.original, c.type]),
        text,
      ).toContainEqual([quote, type]);
      for (const c of corrections) expect(spanFits(text, c)).toBe(true);
    }
  });

  it('points at real spans of whatever is typed', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        fc.constantFrom('en' as const, 'zh' as const),
        (text, language) => {
          const { corrections } = resolveEdits(text, demoEdits(text, language, 'en', ['咖啡']));
          for (const c of corrections) expect(spanFits(text, c)).toBe(true);
        },
      ),
    );
  });
});

describe('drill answers matched against references', () => {
  it('accepts exact and near matches, not different sentences', () => {
    expect(matchReference('I am a student', ["I'm a student."], 'en').kind).toBe('exact');
    expect(matchReference('我是学生', ['我是学生。'], 'zh').kind).toBe('exact');
    expect(matchReference('I go to school by bus every dya.', ['I go to school by bus every day.'], 'en').kind).toBe(
      'near',
    );
    expect(matchReference('I like tea.', ['I like milk.'], 'en').kind).toBe('none');
    expect(matchReference('我要一杯茶', ['我要一杯水'], 'zh').kind).toBe('none');
  });
});
