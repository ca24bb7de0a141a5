import { describe, expect, it } from 'vitest';
import {
  builtinScenario,
  numberedToMarked,
  objectiveStates,
  pinyinMatches,
  rubyPieces,
  matchReference,
  targetsUsed,
  toSimplified,
} from '../src/practice';

describe('vocabulary counted by code', () => {
  it('segments Chinese into words before counting', () => {
    expect(targetsUsed('我想喝咖啡。', ['咖啡', '茶'], 'zh')).toEqual(['咖啡']);
    // 茶叶 (tea leaves) and 中学生 are words of their own: neither counts as 茶 or 学生, as a substring search would.
    expect(targetsUsed('我要茶叶。他是中学生。', ['茶', '学生'], 'zh')).toEqual([]);
    // A target the segmenter splits differently still counts when consecutive words spell it.
    expect(targetsUsed('我要一杯咖啡', ['一杯', '杯'], 'zh')).toEqual(['一杯']);
  });

  it('counts English forms and phrases', () => {
    expect(targetsUsed('Two sandwiches and a cookie, please', ['sandwich', 'cookie', 'cake'], 'en')).toEqual([
      'sandwich',
      'cookie',
    ]);
    expect(targetsUsed("I'm going to the park", ['going to'], 'en')).toEqual(['going to']);
    expect(targetsUsed('We booked a table', ['book a table'], 'en')).toEqual(['book a table']);
    expect(targetsUsed('I like cats', ['cat food'], 'en')).toEqual([]);
  });

  it('ticks a vocabulary objective at the turn that reaches its minimum', () => {
    const scenario = builtinScenario('en-cafe-order')!;
    const states = objectiveStates(
      scenario.objectives,
      ['Hello! A coffee, please.', 'And a sandwich and some water.'],
      'en',
      new Map([['o1', 0]]),
    );
    expect(states).toEqual([
      { id: 'o1', met: true, metAtTurn: 0 },
      { id: 'o2', met: false },
      { id: 'o3', met: true, used: ['coffee', 'sandwich', 'water'], metAtTurn: 1 },
    ]);
  });
});

describe('traditional and simplified characters alike', () => {
  it('converts traditional (standard and Taiwan forms) to simplified and leaves other text alone', () => {
    expect(toSimplified('我想喝一杯咖啡，謝謝。')).toBe('我想喝一杯咖啡，谢谢。');
    expect(toSimplified('請問，廁所在哪裡？')).toBe('请问，厕所在哪里？');
    expect(toSimplified('我要买两个面包')).toBe('我要买两个面包');
    expect(toSimplified('Hello, café!')).toBe('Hello, café!');
  });

  it('counts a scenario’s words whichever script the learner or the scenario writes in', () => {
    // A learner typing traditional against a simplified word list...
    expect(targetsUsed('我想點一杯茶和兩個餃子', ['点', '茶', '饺子', '米饭'], 'zh')).toEqual(['点', '茶', '饺子']);
    // ...and a teacher's scenario written in traditional, with a learner typing simplified.
    expect(targetsUsed('我要买面条', ['買', '麵條'], 'zh')).toEqual(['買', '麵條']);
  });

  it('accepts an exact or near match of a reference in the other script without a model', () => {
    expect(matchReference('我每天坐公車去學校。', ['我每天坐公车去学校。'], 'zh')).toMatchObject({ kind: 'exact' });
    expect(matchReference('我每天坐公车去学校', ['我每天坐公車去學校'], 'zh')).toMatchObject({ kind: 'exact' });
    expect(matchReference('我每天都坐公車去學校', ['我每天坐公车去学校'], 'zh')).toMatchObject({ kind: 'near' });
  });
});

describe('pinyin', () => {
  it('turns numbered pinyin into tone marks', () => {
    expect(numberedToMarked('ni3 hao3, lv4 se4, Zhong1guo2, ma5')).toBe('nǐ hǎo, lǜ sè, Zhōngguó, ma');
  });

  it('understands typed pinyin whatever its form, and knows wrong tones', () => {
    expect(pinyinMatches('ni3 hao3', '你好')).toBe(true);
    expect(pinyinMatches('nǐhǎo', '你好')).toBe(true);
    expect(pinyinMatches('xie4 xie', '谢谢')).toBe(true);
    expect(pinyinMatches('ni2 hao3', '你好')).toBe(false);
  });

  it('annotates each character of a line with its pinyin, tone sandhi included', () => {
    expect(rubyPieces('我想要一杯茶。')).toEqual([
      { text: '我', pinyin: 'wǒ' },
      { text: '想', pinyin: 'xiǎng' },
      { text: '要', pinyin: 'yào' },
      { text: '一', pinyin: 'yì' },
      { text: '杯', pinyin: 'bēi' },
      { text: '茶', pinyin: 'chá' },
      { text: '。', pinyin: null },
    ]);
  });
});
