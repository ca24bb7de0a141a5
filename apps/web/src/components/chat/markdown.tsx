'use client';

import { memo, useMemo } from 'react';
import ReactMarkdown, { type Options } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import rehypeKatex from 'rehype-katex';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';

const remarkPlugins = [remarkGfm, remarkMath];
type Plugin = NonNullable<Options['rehypePlugins']>[number];

const rehypePlugins: Plugin[] = [rehypeKatex, rehypeHighlight];

/**
 * Tutor replies: GitHub-flavoured Markdown, highlighted code, and KaTeX maths. Raw HTML is not rendered. The text is
 * the tutor's or a person's, not the interface's (`data-user-content`: no translation applies to it). `mark` is a
 * rehype plugin run last (a teacher's transcript marks the words searched for).
 */
export const Markdown = memo(function Markdown({ text, mark }: { text: string; mark?: Plugin }) {
  const plugins = useMemo(() => (mark ? [...rehypePlugins, mark] : rehypePlugins), [mark]);
  return (
    <div className="prose-chat break-words text-sm leading-relaxed" data-user-content>
      <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={plugins}>
        {text}
      </ReactMarkdown>
    </div>
  );
});
