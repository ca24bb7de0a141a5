import { toSimplified } from '../script';
import { CEDICT_GLOSSES } from './cedict-glosses';

let table: Map<string, string> | null = null;

/** Built on first use (about 95,000 words), so a node that never serves a Chinese roleplay never pays for it. */
function glossTable(): Map<string, string> {
  if (!table) {
    table = new Map();
    for (const line of CEDICT_GLOSSES.split('\n')) {
      const tab = line.indexOf('\t');
      if (tab > 0) table.set(line.slice(0, tab), line.slice(tab + 1));
    }
  }
  return table;
}

/**
 * The English gloss of a Chinese word from CC-CEDICT (offline, shipped with Lumi), in simplified or traditional
 * characters: tone-marked pinyin and the first meanings of up to two readings. A word the dictionary lacks (the
 * segmenter joins 你想 into one) is glossed character by character; null when no character is known either.
 */
export function glossOf(word: string): string | null {
  const simplified = toSimplified(word);
  const table = glossTable();
  const whole = table.get(simplified);
  if (whole !== undefined) return whole;
  const chars = Array.from(simplified);
  if (chars.length < 2) return null;
  const parts = chars.map((c) => {
    const gloss = table.get(c);
    return gloss === undefined ? null : `${c} ${gloss.split(' · ')[0]}`;
  });
  return parts.some((p) => p !== null) ? parts.filter((p) => p !== null).join(' / ') : null;
}
