'use client';

import { localize, numberedToMarked, type Scenario } from '@lumi/chat-core/practice';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../i18n/client';
import { localizeError, toUiError } from '../../lib/app-error';
import { useChatTurn, type ChatMessage } from '../../lib/use-chat-turn';
import { useTRPC } from '../../trpc/client';
import { Composer } from '../chat/composer';
import { ErrorNotice } from '../error-notice';
import type { AttemptData } from './attempt-data';
import { CorrectionCard } from './correction-card';
import { PartnerLine, type Gloss } from './partner-line';
import { RoleplayReportView } from './report-view';

/**
 * A roleplay: the chat with the partner (streamed through the chat endpoint), a correction card beside each of the
 * learner's turns, the goals ticking as they are met, and the report at the end. Cards come after the reply: the
 * server makes them (and ends the roleplay) on its own; the page reads the attempt again until they are there
 * (attempt-screen.tsx), and when it opens asks the server to pick up anything a failed node left behind.
 */
export function RoleplayScreen({
  attempt,
  scenario,
  readOnly,
}: {
  attempt: AttemptData;
  scenario: Scenario;
  readOnly: boolean;
}) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const attemptKey = trpc.practice.attempt.queryKey({ attemptId: attempt.id });
  const sync = useMutation(
    trpc.practice.sync.mutationOptions({ onSuccess: (data) => queryClient.setQueryData(attemptKey, data) }),
  );
  const end = useMutation(
    trpc.practice.end.mutationOptions({ onSuccess: (data) => queryClient.setQueryData(attemptKey, data) }),
  );
  const zh = scenario.targetLanguage === 'zh';
  const [pinyin, setPinyin] = useState(false);
  // The scenario's own glosses first; then the dictionary's (CC-CEDICT, server side) for every other partner word.
  const glossary = useMemo(
    () =>
      new Map<string, Gloss>([
        ...Object.entries(attempt.glosses).map(([word, text]): [string, Gloss] => [
          word,
          { text, source: 'dictionary' },
        ]),
        ...scenario.vocabulary
          .filter((v) => v.gloss)
          .map((v): [string, Gloss] => [v.word, { text: v.gloss, source: 'wordList' }]),
      ]),
    [scenario, attempt.glosses],
  );

  // After a turn: the attempt as stored (its messages tell the turn whether the learner's message was stored; its
  // cards follow by polling while the server makes them).
  const refresh = useCallback(async () => {
    const [view] = await Promise.all([
      queryClient.fetchQuery({ ...trpc.practice.attempt.queryOptions({ attemptId: attempt.id }), staleTime: 0 }),
      queryClient.invalidateQueries({ queryKey: trpc.usage.today.queryKey() }),
    ]).catch(() => [undefined]);
    return view?.messages;
  }, [attempt.id, queryClient, trpc]);

  // Once when the page opens: whatever a node that went away left behind (a card never made, an end not reached).
  const caughtUp = useRef(false);
  useEffect(() => {
    if (readOnly || caughtUp.current || attempt.status !== 'IN_PROGRESS') return;
    caughtUp.current = true;
    sync.mutate({ attemptId: attempt.id });
  }, [readOnly, attempt.id, attempt.status, sync]);

  const stored: ChatMessage[] = attempt.messages;
  const chat = useChatTurn(attempt.conversationId ?? '', stored, refresh);
  const cards = new Map(attempt.cards.map((c) => [c.messageId, c]));
  const finished = attempt.status === 'FINISHED';
  const turn = Math.min(attempt.turnsTaken + (chat.busy ? 0 : 1), scenario.turnLimit);
  const language = t(`practice.lang.${scenario.targetLanguage}`);

  const bottom = useRef<HTMLDivElement>(null);
  const lastText = chat.messages.at(-1)?.content;
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
  }, [chat.messages.length, lastText, finished]);

  return (
    <div className="mx-auto grid w-full max-w-6xl gap-4 px-3 py-4 md:grid-cols-[minmax(0,1fr)_17rem]">
      <section className="flex min-w-0 flex-col gap-3" aria-labelledby="roleplay-title">
        <header className="flex flex-wrap items-center gap-3">
          <h1 id="roleplay-title" className="text-xl font-semibold">
            {localize(scenario.title, locale)}
          </h1>
          <span className="rounded bg-indigo-100 px-2 py-0.5 text-xs font-medium text-indigo-800">
            {scenario.level}
          </span>
          {!finished && (
            <span className="text-sm text-slate-500" data-testid="turn-counter">
              {t('practice.turnOf', { turn, limit: scenario.turnLimit })}
            </span>
          )}
          <div className="ml-auto flex items-center gap-3">
            {zh && (
              <label className="flex items-center gap-1 text-sm">
                <input type="checkbox" checked={pinyin} onChange={(e) => setPinyin(e.target.checked)} />
                {t('practice.pinyin')}
              </label>
            )}
            {!readOnly && !finished && (
              <button
                type="button"
                className="btn-secondary"
                disabled={chat.busy || end.isPending}
                onClick={() => end.mutate({ attemptId: attempt.id })}
              >
                {t('practice.end')}
              </button>
            )}
          </div>
        </header>
        {readOnly && (
          <p className="rounded-lg bg-amber-50 px-3 py-1 text-sm text-amber-800">
            {t('practice.teacherView', { name: attempt.studentName })}
          </p>
        )}
        <p className="text-sm text-slate-600">{localize(scenario.brief, locale)}</p>

        <ol className="space-y-3" aria-live="polite" aria-busy={chat.streamingId !== null}>
          {chat.messages.map((m) =>
            m.role === 'ASSISTANT' ? (
              <li key={m.id} data-role="ASSISTANT" data-status={m.status} className="flex">
                <div className="max-w-[85%] rounded-2xl border border-slate-200 bg-white px-4 py-2">
                  <p className="mb-1 text-xs font-medium text-slate-500">{t('practice.partner')}</p>
                  {m.content ? (
                    <PartnerLine
                      text={m.content}
                      language={scenario.targetLanguage}
                      showPinyin={pinyin}
                      glossary={glossary}
                    />
                  ) : (
                    <p className="text-sm text-slate-500">{t('chat.thinking')}</p>
                  )}
                </div>
              </li>
            ) : (
              <li key={m.id} data-role="USER" className="grid gap-2 md:grid-cols-2">
                <div className="justify-self-end rounded-2xl bg-indigo-600 px-4 py-2 text-white md:col-start-1">
                  <p className="mb-1 text-xs font-medium text-indigo-100">{t('practice.you')}</p>
                  <p className="whitespace-pre-wrap break-words text-sm">{m.content}</p>
                </div>
                <CorrectionCard text={m.content} card={cards.get(m.id) ?? null} endOnly={!attempt.feedbackEachTurn} />
              </li>
            ),
          )}
        </ol>
        {chat.error && (
          <ErrorNotice error={localizeError(chat.error, t)} onRetry={chat.busy ? undefined : chat.retryFailed} />
        )}
        {(sync.error ?? end.error) && <ErrorNotice error={localizeError(toUiError(sync.error ?? end.error), t)} />}

        {finished ? (
          <>
            {attempt.endReason && (
              <p className="rounded-lg bg-emerald-50 px-3 py-2 text-emerald-800" role="status">
                {t(`practice.finished.${attempt.endReason as 'TURN_LIMIT' | 'OBJECTIVES_MET' | 'LEARNER_ENDED'}`)}
              </p>
            )}
            {attempt.report ? (
              <RoleplayReportView report={attempt.report} scenario={scenario} />
            ) : (
              <p className="text-sm text-slate-500">{t('practice.report.preparing')}</p>
            )}
          </>
        ) : (
          !readOnly && (
            <div className="sticky bottom-0 rounded-xl border border-slate-200 bg-white">
              {zh && <p className="px-3 pt-2 text-xs text-slate-500">{t('practice.pinyinHint')}</p>}
              <p className="sr-only">{t('practice.inputLabel', { language })}</p>
              <Composer
                text={chat.text}
                onText={(text) => chat.setText(zh ? numberedToMarked(text) : text)}
                onSend={chat.send}
                onStop={null}
                editing={false}
                onCancelEdit={chat.cancelEdit}
                disabled={chat.busy || end.isPending}
              />
            </div>
          )
        )}
        <div ref={bottom} />
      </section>

      <aside className="space-y-4 md:sticky md:top-4 md:self-start">
        <section className="card space-y-2 p-4" aria-labelledby="goals-title" data-testid="objectives">
          <h2 id="goals-title" className="font-semibold">
            {t('practice.goal')}
          </h2>
          <ul className="space-y-2 text-sm">
            {scenario.objectives.map((o) => {
              const state = attempt.objectives.find((s) => s.id === o.id);
              const met = state?.met ?? false;
              return (
                <li key={o.id} data-met={met} className={met ? 'text-emerald-700' : 'text-slate-700'}>
                  <span aria-hidden="true">{met ? '☑' : '☐'} </span>
                  <span className="sr-only">{met ? t('practice.objective.met') : t('practice.objective.open')}: </span>
                  {localize(o.text, locale)}
                  {o.kind === 'vocabulary' && (
                    <span className="block text-xs text-slate-500">
                      {t('practice.objective.words', {
                        used: Math.min(state?.used?.length ?? 0, o.min),
                        min: o.min,
                        words: o.words.join(zh ? '、' : ', '),
                      })}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
        {scenario.vocabulary.length > 0 && (
          <section className="card space-y-2 p-4" aria-labelledby="words-title">
            <h2 id="words-title" className="font-semibold">
              {t('practice.vocabulary')}
            </h2>
            <ul className="space-y-1 text-sm">
              {scenario.vocabulary.map((v) => (
                <li key={v.word}>
                  <span className="font-medium" lang={zh ? 'zh-CN' : 'en'}>
                    {v.word}
                  </span>
                  {v.gloss && <span className="text-slate-500"> · {v.gloss}</span>}
                </li>
              ))}
            </ul>
          </section>
        )}
        {scenario.grammar.length > 0 && (
          <section className="card space-y-2 p-4" aria-labelledby="grammar-title">
            <h2 id="grammar-title" className="font-semibold">
              {t('practice.grammar')}
            </h2>
            <ul className="list-disc space-y-1 pl-4 text-sm">
              {scenario.grammar.map((g) => (
                <li key={g}>{g}</li>
              ))}
            </ul>
          </section>
        )}
      </aside>
    </div>
  );
}
