'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/client';
import { localizeError, toUiError } from '../../lib/app-error';
import { sessionTitle } from '../../lib/session-title';
import { useChatTurn, type ChatMessage } from '../../lib/use-chat-turn';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../error-notice';
import { Composer } from './composer';
import { ConversationList } from './conversation-list';
import { ExportMenu } from './export-menu';
import { MessageItem } from './message-item';
import { UsageMeter } from './usage-meter';

export function ChatScreen({ conversationId }: { conversationId: string }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const conversation = useQuery(trpc.conversations.get.queryOptions({ conversationId }));
  const stop = useMutation(trpc.chat.stop.mutationOptions());
  const [showList, setShowList] = useState(false);

  const refresh = useCallback(async () => {
    const [fresh] = await Promise.all([
      // Read afresh, not from the cache: the turn's caller learns from it whether its message was stored.
      queryClient.fetchQuery({ ...trpc.conversations.get.queryOptions({ conversationId }), staleTime: 0 }),
      queryClient.invalidateQueries({ queryKey: trpc.usage.today.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.conversations.list.pathKey() }),
    ]);
    return fresh.messages;
  }, [queryClient, trpc, conversationId]);
  const loadError = conversation.error && toUiError(conversation.error);
  const stored: ChatMessage[] | undefined = conversation.data?.messages;
  const chat = useChatTurn(conversationId, stored, refresh);

  const bottom = useRef<HTMLDivElement>(null);
  const lastText = chat.messages.at(-1)?.content;
  // Block body on purpose: Chromium's scrollIntoView now returns a promise, which React would take for a cleanup.
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
  }, [chat.messages.length, lastText]);

  const lastUser = chat.busy ? undefined : chat.messages.findLast((m) => m.role === 'USER');
  const last = chat.messages.at(-1);
  const lastReply = !chat.busy && last?.role === 'ASSISTANT' ? last : undefined;

  return (
    <div className="flex h-[calc(100dvh-3.1rem)] min-h-0 flex-col md:flex-row">
      <aside
        className={`${showList ? 'flex' : 'hidden'} max-h-[50dvh] flex-col border-b border-slate-200 bg-white p-3 md:flex md:max-h-none md:w-72 md:border-r md:border-b-0`}
      >
        <ConversationList activeId={conversationId} />
      </aside>
      <main className="flex min-h-0 flex-1 flex-col">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-slate-200 bg-white px-4 py-2">
          <button
            type="button"
            className="btn-ghost md:hidden"
            aria-expanded={showList}
            onClick={() => setShowList((v) => !v)}
          >
            ☰ {t('chat.sessions')}
          </button>
          <h1 className="min-w-0 flex-1 truncate font-semibold">
            {conversation.data ? sessionTitle(conversation.data.title, t) : ''}
          </h1>
          {conversation.data?.sourceLanguage && conversation.data.targetLanguage && (
            <LanguagePair
              source={conversation.data.sourceLanguage}
              target={conversation.data.targetLanguage}
              locale={locale}
            />
          )}
          {conversation.data && (
            <>
              <UsageMeter
                tokens={conversation.data.usage.tokens}
                costMicros={conversation.data.usage.costMicros}
                classId={conversation.data.classId}
              />
              <ExportMenu conversationId={conversationId} />
            </>
          )}
        </div>
        {conversation.data?.classId && (
          <p className="bg-amber-50 px-4 py-1 text-xs text-amber-800">{t('chat.teacherNote')}</p>
        )}
        <div className="min-h-0 flex-1 overflow-y-auto px-3 py-4 sm:px-6">
          {conversation.isPending && <p className="text-sm text-slate-500">{t('common.loading')}</p>}
          {loadError && (
            <ErrorNotice
              error={
                loadError.code === 'NOT_FOUND'
                  ? { ...loadError, code: null, message: t('chat.notFound') }
                  : localizeError(loadError, t)
              }
              onRetry={() => void conversation.refetch()}
            />
          )}
          {conversation.data && chat.messages.length === 0 && (
            <p className="py-10 text-center text-slate-500">{t('chat.empty')}</p>
          )}
          <ol className="mx-auto max-w-3xl space-y-3" aria-live="polite" aria-busy={chat.streamingId !== null}>
            {chat.messages.map((m) => (
              <MessageItem
                key={m.id}
                message={m}
                onEdit={m === lastUser ? () => chat.startEdit(m) : undefined}
                onRetry={m === lastReply ? () => chat.retry(m.id) : undefined}
                onContinue={
                  m === lastReply && m.status === 'COMPLETE' && m.finishReason === 'length'
                    ? () => chat.sendFollowUp(t('chat.continuePrompt'))
                    : undefined
                }
              />
            ))}
          </ol>
          {chat.replyLimit !== null && (
            <p className="mx-auto mt-2 max-w-3xl text-xs text-amber-800" role="note">
              {t('chat.replyLimited', { tokens: chat.replyLimit })}
            </p>
          )}
          {chat.error && (
            <div className="mx-auto mt-3 max-w-3xl">
              <ErrorNotice error={localizeError(chat.error, t)} onRetry={chat.busy ? undefined : chat.retryFailed} />
            </div>
          )}
          <div ref={bottom} />
        </div>
        <div className="mx-auto w-full max-w-3xl">
          <Composer
            text={chat.text}
            onText={chat.setText}
            onSend={chat.send}
            onStop={
              chat.streamingId && chat.streamingId !== 'pending'
                ? () => stop.mutate({ messageId: chat.streamingId! })
                : null
            }
            editing={chat.draft.kind === 'edit'}
            onCancelEdit={chat.cancelEdit}
            disabled={chat.busy || !conversation.data}
          />
        </div>
      </main>
    </div>
  );
}

/** A translation or language-practice session's two languages, named in the screen's language. */
function LanguagePair({ source, target, locale }: { source: string; target: string; locale: string }) {
  const { t } = useI18n();
  const names = new Intl.DisplayNames([locale === 'zh' ? 'zh-CN' : 'en'], { type: 'language' });
  return (
    <p className="text-xs text-slate-500" data-testid="session-languages">
      {t('chat.languagePair', { source: names.of(source) ?? source, target: names.of(target) ?? target })}
    </p>
  );
}
