import { pinyin } from 'pinyin-pro';

const HAN = /\p{Script=Han}/u;

/** Tone-marked pinyin of a Chinese word or sentence, with 一 and 不 as they are said (tone sandhi). */
export function pinyinOf(text: string): string {
  return pinyin(text, { toneSandhi: true });
}

export interface RubyPiece {
  text: string;
  /** Tone-marked pinyin over this piece, or null for punctuation, Latin text and spaces. */
  pinyin: string | null;
}

/** A line cut into pieces for ruby annotation: each Han character with its pinyin, other runs as they are. */
export function rubyPieces(text: string): RubyPiece[] {
  const chars = Array.from(text);
  const sounds = pinyin(text, { type: 'array', toneSandhi: true, nonZh: 'consecutive' });
  const pieces: RubyPiece[] = [];
  // pinyin-pro gives one entry per Han character and one per run of other characters, in order.
  let s = 0;
  for (let i = 0; i < chars.length;) {
    if (HAN.test(chars[i]!)) {
      pieces.push({ text: chars[i]!, pinyin: sounds[s++] ?? null });
      i++;
      continue;
    }
    let run = '';
    while (i < chars.length && !HAN.test(chars[i]!)) run += chars[i++];
    pieces.push({ text: run, pinyin: null });
    s++;
  }
  return pieces;
}

const NUMBERED = /[a-zü]+[1-5]/i;

/** True when the text holds numbered pinyin such as `ni3 hao3`. */
export function hasNumberedPinyin(text: string): boolean {
  return NUMBERED.test(text.replace(/u:|v/gi, 'ü'));
}

const TONE_MARKS: Record<string, string> = { a: 'āáǎà', e: 'ēéěè', i: 'īíǐì', o: 'ōóǒò', u: 'ūúǔù', ü: 'ǖǘǚǜ' };
const MARKED = new Map<string, [string, number]>(
  Object.entries(TONE_MARKS).flatMap(([base, marks]) => Array.from(marks, (m, i) => [m, [base, i + 1]] as const)),
);

/** Where the tone mark goes: on a or e, on the o of ou, otherwise on the last vowel. */
function markSyllable(syllable: string, tone: number): string {
  if (tone < 1 || tone > 4) return syllable;
  const lower = syllable.toLowerCase();
  let at = lower.search(/[ae]/);
  if (at < 0) at = lower.indexOf('ou');
  if (at < 0) for (let i = 0; i < lower.length; i++) if ('iouü'.includes(lower[i]!)) at = i;
  if (at < 0) return syllable;
  const vowel = lower[at]!;
  const mark = TONE_MARKS[vowel]![tone - 1]!;
  const upper = syllable[at] !== vowel;
  return syllable.slice(0, at) + (upper ? mark.toUpperCase() : mark) + syllable.slice(at + 1);
}

/** `ni3 hao3` -> `nǐ hǎo` (v or u: stand for ü; 5 or 0 is the neutral tone); other text is left as it is. */
export function numberedToMarked(text: string): string {
  return text
    .replace(/u:|v/g, 'ü')
    .replace(/U:|V/g, 'Ü')
    .replace(/([a-zA-ZüÜ]+)([0-5])/g, (_, letters: string, tone: string) => markSyllable(letters, Number(tone)));
}

/** Pinyin as letters with the tone digit right after its vowel (`nǐhǎo` and `ni3 hao3` both give `ni3ha3o`). */
function vowelDigits(text: string): string {
  let out = '';
  for (const ch of numberedToMarked(text)) {
    const marked = MARKED.get(ch.toLowerCase());
    out += marked ? `${marked[0]}${marked[1]}` : ch.toLowerCase();
  }
  return out.replace(/ü/g, 'v').replace(/[^a-z1-4]/g, '');
}

/**
 * Whether typed pinyin (`ni3 hao3`, `nǐ hǎo`, `ni3hao3`) says the Chinese word with the right tones. A syllable
 * after the first may be typed without its tone (the neutral tone of 谢谢 and 妈妈), and 一 / 不 may carry their
 * own tone or the one they change to before the next syllable.
 */
export function pinyinMatches(typed: string, chinese: string): boolean {
  const got = vowelDigits(typed);
  return [pinyin(chinese, { toneSandhi: false }), pinyinOf(chinese)].some((expected) => {
    const pattern = vowelDigits(expected).replace(/(?<=\d.*)([1-4])/g, '$1?');
    return new RegExp(`^${pattern}$`).test(got);
  });
}
