/**
 * The words a teacher searched for, marked where they occur in a message: plain text split into parts, and a rehype
 * plugin doing the same inside rendered Markdown (code included; KaTeX's output left alone).
 */

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

interface HastNode {
  type: string;
  value?: string;
  tagName?: string;
  properties?: { className?: unknown };
  children?: HastNode[];
}

const isKatex = (node: HastNode) =>
  Array.isArray(node.properties?.className) && node.properties.className.some((c) => String(c).startsWith('katex'));

function mark(node: HastNode, pattern: RegExp) {
  if (!node.children || isKatex(node)) return;
  node.children = node.children.flatMap((child): HastNode[] => {
    if (child.type !== 'text') {
      mark(child, pattern);
      return [child];
    }
    return splitMarked(child.value ?? '', pattern).map((p) =>
      p.match
        ? { type: 'element', tagName: 'mark', properties: {}, children: [{ type: 'text', value: p.text }] }
        : { type: 'text', value: p.text },
    );
  });
}

/** rehype plugin: wraps every occurrence of the pattern in <mark>. */
export const rehypeMarkTerms = (pattern: RegExp) => () => (tree: HastNode) => mark(tree, pattern);
