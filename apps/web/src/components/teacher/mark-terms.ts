/**
 * The words a teacher searched for, marked where they occur in a message: plain text split into parts, and a rehype
 * plugin doing the same inside rendered Markdown (code included; KaTeX's output left alone).
 */

import type { Element, Root } from 'hast';
import { defaultIgnore, findAndReplace } from 'hast-util-find-and-replace';

export interface TextPart {
  text: string;
  match: boolean;
}

/** One pattern for every word of the query (a Chinese query is one word), case-insensitive; null when empty. */
export function termPattern(query: string | undefined): RegExp | null {
  const words = (query ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return words.length > 0 ? new RegExp(`(${words.join('|')})`, 'giu') : null;
}

export function splitMarked(text: string, pattern: RegExp | null): TextPart[] {
  if (!pattern) return [{ text, match: false }];
  return text
    .split(pattern)
    .map((part, i) => ({ text: part, match: i % 2 === 1 }))
    .filter((p) => p.text !== '');
}

const isKatex = (node: Element) =>
  Array.isArray(node.properties.className) && node.properties.className.some((c) => String(c).startsWith('katex'));

/** rehype plugin: wraps every occurrence of the pattern in <mark> (not inside KaTeX's output, scripts or styles). */
export const rehypeMarkTerms = (pattern: RegExp) => () => (tree: Root) =>
  findAndReplace(
    tree,
    [
      pattern,
      (found: string): Element => ({
        type: 'element',
        tagName: 'mark',
        properties: {},
        children: [{ type: 'text', value: found }],
      }),
    ],
    { ignore: (node: Element) => defaultIgnore.includes(node.tagName) || isKatex(node) },
  );
