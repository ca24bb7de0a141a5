// Chinese, Japanese and Korean runs, as lumi_search_query splits them (see the migration that adds it).
const CJK_RUN = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

export interface SnippetPart {
  text: string;
  match: boolean;
}

/** The pieces of a search a result should show highlighted: its words and its Chinese runs. */
export function searchTerms(query: string): string[] {
  const cjk = query.match(CJK_RUN) ?? [];
  const words = query.replace(CJK_RUN, ' ').match(WORD) ?? [];
  return [...new Set([...cjk, ...words])].sort((a, b) => b.length - a.length);
}

const escape = (term: string) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A window of `content` around its first match, cut into plain and matching parts for highlighting. Matching is
 * case-insensitive; words match as prefixes, the way the search found them.
 */
export function snippet(
  content: string,
  query: string,
  width = 200,
): { parts: SnippetPart[]; cutStart: boolean; cutEnd: boolean } {
  const terms = searchTerms(query);
  const pattern = terms.length ? new RegExp(terms.map(escape).join('|'), 'giu') : null;
  const first = pattern ? content.search(pattern) : -1;
  const start = first < 0 ? 0 : Math.max(0, first - Math.floor(width / 3));
  const end = Math.min(content.length, start + width);
  const window = content.slice(start, end);
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const match of pattern ? window.matchAll(pattern) : []) {
    if (match.index > at) parts.push({ text: window.slice(at, match.index), match: false });
    parts.push({ text: match[0], match: true });
    at = match.index + match[0].length;
  }
  if (at < window.length) parts.push({ text: window.slice(at), match: false });
  return { parts, cutStart: start > 0, cutEnd: end < content.length };
}
