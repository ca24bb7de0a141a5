'use client';

import { pinyinOf, rubyPieces } from '@lumi/chat-core/practice';
import { useId, useState } from 'react';
import { useI18n } from '../../i18n/client';

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * A Chinese word's meaning in English, and where it comes from: the scenario's own word list, or the CC-CEDICT
 * dictionary (looked up on the server for the partner's other words).
 */
export interface Gloss {
  text: string;
  source: 'wordList' | 'dictionary';
}

const SOURCE_KEYS = {
  wordList: { shown: 'practice.gloss.wordList', spoken: 'practice.gloss.wordListSpoken' },
  dictionary: { shown: 'practice.gloss.dictionary', spoken: 'practice.gloss.dictionarySpoken' },
} as const;

/**
 * One Chinese word: pinyin above each character when asked, and its gloss on hover, focus or tap, saying where the
 * gloss comes from and its languages (Chinese to English). The tooltip describes the word's button, so a screen
 * reader reads it too: the source in words (the compact "中文→English" is for the eye), the gloss as English.
 */
function Word({ word, showPinyin, gloss }: { word: string; showPinyin: boolean; gloss: Gloss | undefined }) {
  const { t, locale } = useI18n();
  const tooltipId = useId();
  // Hovering shows the gloss while the pointer is there; a tap or click pins it until tapped again or left.
  const [hover, setHover] = useState(false);
  const [pinned, setPinned] = useState(false);
  const open = hover || pinned;
  return (
    <span className="relative inline-block">
      <button
        type="button"
        className="rounded px-px hover:bg-indigo-50 focus:bg-indigo-50"
        aria-expanded={open}
        aria-describedby={open ? tooltipId : undefined}
        onClick={() => setPinned((v) => !v)}
        onMouseEnter={() => setHover(true)}
        onMouseLeave={() => setHover(false)}
        onBlur={() => setPinned(false)}
        onKeyDown={(e) => e.key === 'Escape' && setPinned(false)}
        data-testid="gloss-word"
      >
        {showPinyin
          ? rubyPieces(word).map((p, i) =>
              p.pinyin ? (
                <ruby key={i}>
                  {p.text}
                  <rt className="text-[0.65em] text-indigo-700">{p.pinyin}</rt>
                </ruby>
              ) : (
                <span key={i}>{p.text}</span>
              ),
            )
          : word}
      </button>
      {open && (
        <span
          id={tooltipId}
          role="tooltip"
          className="absolute bottom-full left-0 z-10 mb-1 w-max max-w-56 rounded-lg bg-slate-800 px-2 py-1 text-xs text-white shadow"
        >
          <span className="font-medium">{pinyinOf(word)}</span>
          {gloss ? (
            <>
              <span className="block" lang="en">
                {gloss.text}
              </span>
              <span className="block text-[0.65rem] text-slate-300" lang={locale} data-testid="gloss-source">
                <span aria-hidden="true">{t(SOURCE_KEYS[gloss.source].shown)}</span>
                <span className="sr-only">{t(SOURCE_KEYS[gloss.source].spoken)}</span>
              </span>
            </>
          ) : (
            <span className="block" lang={locale}>
              {t('practice.gloss.none')}
            </span>
          )}
        </span>
      )}
    </span>
  );
}

/** A partner line: Chinese split into words you can look up (with pinyin on request); English as it is. */
export function PartnerLine({
  text,
  language,
  showPinyin,
  glossary,
}: {
  text: string;
  language: 'en' | 'zh';
  showPinyin: boolean;
  glossary: ReadonlyMap<string, Gloss>;
}) {
  if (language !== 'zh') return <p className="whitespace-pre-wrap break-words text-sm">{text}</p>;
  return (
    <p className={`break-words ${showPinyin ? 'text-base leading-[2.4]' : 'text-sm leading-relaxed'}`} lang="zh-CN">
      {[...segmenter.segment(text)].map((s, i) =>
        s.isWordLike ? (
          <Word key={i} word={s.segment} showPinyin={showPinyin} gloss={glossary.get(s.segment)} />
        ) : (
          <span key={i}>{s.segment}</span>
        ),
      )}
    </p>
  );
}
