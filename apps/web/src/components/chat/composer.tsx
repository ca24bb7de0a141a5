'use client';

import { useEffect, useRef, type FormEvent, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n/client';

interface Props {
  text: string;
  onText: (text: string) => void;
  onSend: () => void;
  onStop: (() => void) | null;
  editing: boolean;
  onCancelEdit: () => void;
  disabled: boolean;
}

/** The message box: Enter sends, Shift+Enter starts a new line; Stop replaces Send while a reply streams. */
export function Composer({ text, onText, onSend, onStop, editing, onCancelEdit, disabled }: Props) {
  const { t } = useI18n();
  const box = useRef<HTMLTextAreaElement>(null);

  // Text typed before the page became interactive lives only in the DOM: adopt it, so nothing typed is lost
  // and the first Enter sends it. Runs once, at hydration.
  useEffect(() => {
    const typed = box.current?.value;
    if (typed && !text) onText(typed);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only what was typed before hydration is adopted
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSend();
  }

  function keyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      onSend();
    }
  }

  return (
    <form onSubmit={submit} className="border-t border-slate-200 bg-white p-3">
      {editing && (
        <div className="mb-2 flex items-center gap-2 text-xs text-slate-600">
          <span>{t('chat.editing')}</span>
          <button type="button" className="btn-ghost" onClick={onCancelEdit}>
            {t('common.cancel')}
          </button>
        </div>
      )}
      <div className="flex items-end gap-2">
        <label className="flex-1">
          <span className="sr-only">{t('chat.inputLabel')}</span>
          <textarea
            ref={box}
            value={text}
            onChange={(e) => onText(e.target.value)}
            onKeyDown={keyDown}
            rows={2}
            placeholder={t('chat.inputLabel')}
            aria-describedby="composer-hint"
            className="input max-h-48 resize-y"
          />
        </label>
        {onStop ? (
          <button type="button" className="btn-secondary" onClick={onStop}>
            {t('chat.stop')}
          </button>
        ) : (
          <button type="submit" className="btn-primary" disabled={disabled || !text.trim()}>
            {editing ? t('chat.resend') : t('chat.send')}
          </button>
        )}
      </div>
      <p id="composer-hint" className="mt-1 hidden text-xs text-slate-400 sm:block">
        {t('chat.inputHint')}
      </p>
    </form>
  );
}
