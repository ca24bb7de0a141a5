import { describe, expect, it } from 'vitest';
import { isEnglish } from '../e2e/english';

// The browser walk in Chinese (e2e/chinese-walk.spec.ts) passes a page only when this finds no English on it.
describe('the English detector of the Chinese walk', () => {
  it('finds English sentences, words and labels, also inside Chinese text', () => {
    for (const text of [
      'Enter your name.',
      'New session',
      'Retry',
      '今天剩余 10 个 token · Loading',
      '404: This page could not be found.',
    ])
      expect(isEnglish(text), text).toBe(true);
  });

  it('passes Chinese with names of products, models, keys and formats, codes, addresses and numbers', () => {
    for (const text of [
      '登录 Lumi',
      '按 Enter 发送，Shift+Enter 换行',
      'GPT-4o mini 每百万 token：输入 $0.15 / 输出 $0.6',
      '尚未保存：在你保存之前，适用服务器的设置（LUMI_SPEND_CAP_*）。',
      '请当面交给李伟。http://127.0.0.1:3000/reset-password?code=C5RW-WCQ8-4CFS',
      '导出：Markdown JSON',
      'teacher@greenfield.example',
      '重置码由 12 个字母和数字组成，例如 ABCD-EFGH-JKMN。',
    ])
      expect(isEnglish(text), text).toBe(false);
  });

  it('passes what people wrote when it is allowed, but not a word of it elsewhere', () => {
    const people = ['Elena Rivera', 'Photosynthesis questions'];
    expect(isEnglish('Elena Rivera 的重置码', people)).toBe(false);
    expect(isEnglish('Photosynthesis questions · 通用', people)).toBe(false);
    expect(isEnglish('Rivera questions', people)).toBe(true);
  });
});
