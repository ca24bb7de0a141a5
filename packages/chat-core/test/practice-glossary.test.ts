import { describe, expect, it } from 'vitest';
import { compactGlosses, glossOf } from '../src/practice/dictionary';

describe('glosses beyond the scenario’s word list (CC-CEDICT, offline)', () => {
  it('glosses everyday words in simplified or traditional characters, and knows when it has none', () => {
    expect(glossOf('咖啡')).toContain('coffee');
    expect(glossOf('图书馆')).toContain('library');
    expect(glossOf('圖書館')).toBe(glossOf('图书馆'));
    expect(glossOf('东西')).toMatch(/dōngxi: thing/);
    // A word the segmenter made that the dictionary lacks is glossed character by character.
    expect(glossOf('你想')).toMatch(/^你 nǐ: you.* \/ 想 xiǎng: to think/);
    expect(glossOf('㐀㐀')).toBeNull();
  });

  it('compacts CC-CEDICT: two readings at most, proper names, cross references and vulgar senses left out', () => {
    const table = compactGlosses(
      [
        '# a comment',
        '東西 东西 [dong1 xi1] /east and west/',
        '東西 东西 [dong1 xi5] /thing/stuff/person/',
        '東西 东西 [dong1 xi5] /a third reading/',
        '哪裡 哪里 [na3 li3] /where?/',
        '哪里 哪里 [na3 li3] /where?/',
        '北京 北京 [Bei3 jing1] /Beijing/',
        '媽 妈 [ma1] /ma/mom/mother/(vulgar) damn/see also 媽媽|妈妈[ma1 ma5]/',
        '3C 3C [san1 C] /computers, communications, and consumer electronics/',
      ].join('\n'),
    );
    expect(table.split('\n')).toEqual([
      '东西\tdōngxī: east and west · dōngxi: thing; stuff; person',
      '哪里\tnǎlǐ: where?',
      '妈\tmā: ma; mom; mother',
    ]);
  });
});
