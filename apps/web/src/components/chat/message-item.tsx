'use client';

import { useState } from 'react';
import { useI18n } from '../../i18n/client';
import type { ChatMessage } from '../../lib/use-chat-turn';
import { Markdown } from './markdown';

interface Props {
  message: ChatMessage;
  /** Offered only on the last user message / last reply, when no turn is in flight. */
  onEdit?: () => void;
  onRetry?: () => void;
  /** Offered on the last reply when it was cut at its token cap: asks the tutor to go on. */
  onContinue?: () => void;
}

/** Why a finished reply is not the whole answer, said under it. */
const ENDINGS = { length: 'chat.lengthLimit', content_filter: 'chat.filtered' } as const;

export function MessageItem({ message, onEdit, onRetry, onContinue }: Props) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const mine = message.role === 'USER';

  async function copy() {
    await navigator.clipboard.writeText(message.content);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  }

  const badge =
    message.status === 'STOPPED' ? t('chat.stopped') : message.status === 'ERROR' ? t('chat.incomplete') : null;
  const ending =
    !mine && message.status === 'COMPLETE' && message.finishReason && Object.hasOwn(ENDINGS, message.finishReason)
      ? t(ENDINGS[message.finishReason as keyof typeof ENDINGS])
      : null;

  return (
    <li
      className={`flex ${mine ? 'justify-end' : 'justify-start'}`}
      data-role={message.role}
      data-status={message.status}
    >
      <div
        className={`max-w-[92%] rounded-2xl px-4 py-2 sm:max-w-[80%] ${mine ? 'bg-indigo-600 text-white' : 'border border-slate-200 bg-white'}`}
      >
        <p className={`mb-1 text-xs font-medium ${mine ? 'text-indigo-100' : 'text-slate-500'}`}>
          {mine ? t('chat.you') : t('chat.tutor')}
          {badge && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-amber-800">{badge}</span>}
        </p>
        {message.redactedAt ? (
          <p className={`text-sm italic ${mine ? 'text-indigo-100' : 'text-slate-500'}`}>{t('chat.redacted')}</p>
        ) : mine ? (
          <p className="whitespace-pre-wrap break-words text-sm" data-user-content>
            {message.content}
          </p>
        ) : message.content ? (
          <Markdown text={message.content} />
        ) : (
          <p className="text-sm text-slate-500">
            {message.status === 'STREAMING' ? t('chat.thinking') : t('chat.noReply')}
          </p>
        )}
        {ending && (
          <p className="mt-1 text-xs text-amber-800" role="note">
            {ending}
          </p>
        )}
        {message.status !== 'STREAMING' && (message.content || onRetry || onContinue) && (
          <div
            className={`mt-1 flex gap-1 ${mine ? 'justify-end [&>button]:text-indigo-100 [&>button:hover]:bg-indigo-500' : ''}`}
          >
            {message.content && (
              <button type="button" className="btn-ghost" onClick={() => void copy()}>
                {copied ? t('chat.copied') : t('chat.copy')}
              </button>
            )}
            {onEdit && (
              <button type="button" className="btn-ghost" onClick={onEdit}>
                {t('chat.edit')}
              </button>
            )}
            {onRetry && (
              <button type="button" className="btn-ghost" onClick={onRetry}>
                {t('chat.retry')}
              </button>
            )}
            {onContinue && (
              <button type="button" className="btn-ghost" onClick={onContinue}>
                {t('chat.continue')}
              </button>
            )}
          </div>
        )}
      </div>
    </li>
  );
}
