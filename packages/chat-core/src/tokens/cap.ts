import { chunkText, isPieceBoundary } from './chunk';
import { countTokens, PLAIN_TEXT, tokenizerSpec, type ModelRef } from './count';
import { getEncoder } from './encodings';

/** UTF-8 length of a string: an upper bound on its tokens, since every token is at least one byte. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A surrogate pair is 4 bytes, 2 per half.
    bytes += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}

/**
 * The longest prefix of `text` holding at most `maxTokens` tokens, ending between characters. Found by counting
 * prefixes (a count grows with its prefix), not by decoding tokens: gpt-tokenizer decodes through one shared
 * streaming TextDecoder, so decoding a token list that ends inside a character corrupts the next decode.
 */
export function truncateToTokens(text: string, maxTokens: number, model: ModelRef): string {
  const encoder = getEncoder(tokenizerSpec(model).encoding);
  let used = 0;
  let kept = 0;
  // Counted chunk by chunk, as countTokens does, so the sum is the count of the whole text.
  for (const chunk of chunkText(text)) {
    const tokens = encoder.countTokens(chunk, PLAIN_TEXT);
    if (used + tokens <= maxTokens) {
      used += tokens;
      kept += chunk.length;
      continue;
    }
    const ends = characterEnds(chunk);
    // ends[low] fits (0 always does), ends[high] does not (the whole chunk does not).
    let low = -1;
    let high = ends.length - 1;
    while (high - low > 1) {
      const mid = (low + high) >> 1;
      if (used + encoder.countTokens(chunk.slice(0, ends[mid]), PLAIN_TEXT) <= maxTokens) low = mid;
      else high = mid;
    }
    return text.slice(0, kept + (low < 0 ? 0 : ends[low]!));
  }
  return text.slice(0, kept);
}

/** Where each character of text ends (a surrogate pair is one character). */
function characterEnds(text: string): number[] {
  const ends: number[] = [];
  for (let i = 1; i <= text.length; i++) {
    const code = text.charCodeAt(i - 1);
    if (!(code >= 0xd800 && code <= 0xdbff && i < text.length)) ends.push(i);
  }
  return ends;
}

/**
 * Holds a streamed reply to `maxTokens` tokens, counted exactly with the model's tokenizer, whatever the upstream
 * does with max_tokens. Counting every delta would cost a tokenizer run per delta, so it counts only when the
 * reply could have reached the cap: text before the last piece boundary is counted once (the tokenizer never
 * merges across a boundary, see chunk.ts), and the text after it holds at most its UTF-8 length in tokens. Each
 * count leaves (cap - count) bytes of room, so a reply well under its cap is never counted and one that reaches it
 * is counted a few times.
 */
export class ReplyTokenCap {
  /** True once a delta was cut: the reply reached its cap with more to say. */
  reached = false;
  private text = '';
  /** Tokens in text before `stableAt`, a piece boundary. */
  private stableTokens = 0;
  private stableAt = 0;
  /** UTF-8 bytes after `stableAt`. */
  private tailBytes = 0;

  constructor(
    private readonly maxTokens: number,
    private readonly model: ModelRef,
  ) {}

  /** Exact tokens of the text admitted so far, counting only what follows the last boundary counted. */
  count(): number {
    return this.stableTokens + countTokens(this.text.slice(this.stableAt), this.model);
  }

  /** The part of `delta` within the cap: all of it, or less once the cap is reached (then `reached` is set). */
  admit(delta: string): string {
    if (this.reached) return '';
    this.tailBytes += utf8Length(delta);
    if (this.stableTokens + this.tailBytes <= this.maxTokens) {
      this.text += delta;
      return delta;
    }
    const tail = this.text.slice(this.stableAt) + delta;
    const boundary = lastPieceBoundary(tail);
    const headTokens = countTokens(tail.slice(0, boundary), this.model);
    const restTokens = countTokens(tail.slice(boundary), this.model);
    if (this.stableTokens + headTokens + restTokens <= this.maxTokens) {
      this.text += delta;
      this.stableTokens += headTokens;
      this.stableAt += boundary;
      this.tailBytes = utf8Length(tail.slice(boundary));
      return delta;
    }
    this.reached = true;
    const fits = truncateToTokens(tail, this.maxTokens - this.stableTokens, this.model);
    // What was already sent stays sent, even in the rare case re-tokenizing it with the delta would make it longer.
    const end = Math.max(this.stableAt + fits.length, this.text.length);
    const kept = (this.text + delta).slice(this.text.length, end);
    this.text += kept;
    return kept;
  }
}

/** The index of the last piece boundary in text (0 when none): the text before it is tokenized on its own. */
function lastPieceBoundary(text: string): number {
  for (let i = text.length - 1; i > 0; i--) if (isPieceBoundary(text, i)) return i;
  return 0;
}
