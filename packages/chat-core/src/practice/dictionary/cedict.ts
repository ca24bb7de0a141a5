import { numberedToMarked } from '../pinyin';

/** One CC-CEDICT line: `traditional simplified [pin1 yin1] /meaning/meaning/`. */
const LINE = /^(\S+) (\S+) \[([^\]]*)\] \/(.*)\/\s*$/;
const HAN_WORD = /^\p{Script=Han}{1,4}$/u;
/** Senses that help no learner reading a line: cross references, variants, surnames, measure-word lists, vulgarities. */
const SKIP_SENSE =
  /^(surname |variant of |old variant|archaic variant|see |see also |CL:|used in |\(vulgar\)|\(Tw\) variant)/i;
const VULGAR = /\b(fuck|cunt|shit|dick|prick|bitch)/i;
const READINGS = 2;
const SENSES = 3;
const MAX_MEANING = 90;

/**
 * The compact gloss table shipped with Lumi, from CC-CEDICT's text: one line per simplified word (1-4 Han
 * characters, common nouns and words; proper names left out), `word<TAB>gloss`, where the gloss gives up to two
 * readings in tone-marked pinyin with their first senses.
 */
export function compactGlosses(cedict: string): string {
  const readings = new Map<string, string[]>();
  for (const line of cedict.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const [, , simplified, pinyin, body] = m as unknown as [string, string, string, string, string];
    // Capitalised pinyin marks a proper name (a place, a person).
    if (!HAN_WORD.test(simplified) || /^[A-Z]/.test(pinyin)) continue;
    const senses = body.split('/').filter((s) => s && !SKIP_SENSE.test(s) && !VULGAR.test(s));
    if (senses.length === 0) continue;
    let meaning = senses.slice(0, SENSES).join('; ');
    if (meaning.length > MAX_MEANING) meaning = `${meaning.slice(0, MAX_MEANING - 1)}…`;
    const list = readings.get(simplified) ?? [];
    const reading = `${numberedToMarked(pinyin.replace(/u:/g, 'ü')).replace(/ /g, '')}: ${meaning}`;
    // A traditional variant (哪裡 and 哪里) repeats its simplified twin's reading: kept once.
    if (list.length < READINGS && !list.includes(reading)) list.push(reading);
    readings.set(simplified, list);
  }
  return [...readings].map(([word, list]) => `${word}\t${list.join(' · ')}`).join('\n');
}
