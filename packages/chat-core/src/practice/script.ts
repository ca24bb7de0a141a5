import { Converter } from 'opencc-js/t2cn';

// OpenCC's traditional-to-simplified tables (opencc-js, offline, ~110 kB), Taiwan forms included ("tw"): learners
// in Taiwan and Hong Kong type traditional characters, and teachers may write scenarios in them.
const twToCn = Converter({ from: 'tw', to: 'cn' });
const HAN = /\p{Script=Han}/u;

/**
 * Chinese text in simplified characters, so 繁體 and 简体 compare alike (vocabulary objectives, drill references).
 * Text without Han characters is returned as it is.
 */
export function toSimplified(text: string): string {
  return HAN.test(text) ? twToCn(text) : text;
}
