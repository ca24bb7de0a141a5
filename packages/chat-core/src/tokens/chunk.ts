/**
 * Splits text into chunks of at most `maxChars` UTF-16 units so BPE never runs on one huge piece
 * (gpt-tokenizer is superlinear in piece length: 50,000 x "a" takes seconds in one piece).
 *
 * Chunks end only where both OpenAI pre-tokenizers (cl100k_base, o200k_base) already start a new piece, so the
 * summed count equals the count of the whole text:
 *  - before a space that follows a non-space character, or
 *  - before punctuation/symbols that follow a letter or digit (never before an apostrophe: "don't" is one piece).
 * Only a run of `maxChars` with no such boundary (e.g. "aaaa..." or base64) is cut hard, at a code point
 * boundary; that count may differ from the provider's by a token or so per cut.
 */
export const MAX_CHUNK_CHARS = 2048;

const WHITESPACE = /\s/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const SYMBOL = /[^\s\p{L}\p{N}\p{M}']/u;

export function isPieceBoundary(text: string, index: number): boolean {
  const current = text[index]!;
  const previous = text[index - 1]!;
  if (current === ' ') return !WHITESPACE.test(previous);
  return SYMBOL.test(current) && LETTER_OR_DIGIT.test(previous);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export function* chunkText(text: string, maxChars = MAX_CHUNK_CHARS): Generator<string> {
  let start = 0;
  while (text.length - start > maxChars) {
    let end = start + maxChars;
    while (end > start && !isPieceBoundary(text, end)) end--;
    if (end === start) {
      end = start + maxChars;
      if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
    }
    yield text.slice(start, end);
    start = end;
  }
  yield text.slice(start);
}
