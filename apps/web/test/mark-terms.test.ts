import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { expect, it } from 'vitest';
import { Markdown } from '../src/components/chat/markdown';
import { rehypeMarkTerms, splitMarked, termPattern } from '../src/components/teacher/mark-terms';

const marked = (html: string) => [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]);

it('marks the searched words in a tutor’s Markdown, in prose and code, any case, but not inside maths', () => {
  const pattern = termPattern('photo 光合')!;
  const html = renderToStaticMarkup(
    createElement(Markdown, {
      text: '**Photosynthesis** (光合作用) uses `photons`.\n\n$$photo = 1$$',
      mark: rehypeMarkTerms(pattern),
    }),
  );
  expect(marked(html)).toEqual(['Photo', '光合', 'photo']);
  expect(html).toContain('katex');
});

it('splits a student’s plain text around the searched words, and leaves it whole without a search', () => {
  expect(splitMarked('I like photos', termPattern('PHOTO'))).toEqual([
    { text: 'I like ', match: false },
    { text: 'photo', match: true },
    { text: 's', match: false },
  ]);
  expect(splitMarked('a.b', termPattern(''))).toEqual([{ text: 'a.b', match: false }]);
});
