'use client';

import type { SendMessageInput } from '@lumi/api/schemas';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { UiError } from './app-error';
import { newClientId } from './client-id';
import { readTurnEvents } from './sse';

export type MessageStatus = 'STREAMING' | 'COMPLETE' | 'STOPPED' | 'ERROR';

export interface ChatMessage {
  id: string;
  role: 'USER' | 'ASSISTANT';
  content: string;
  status: MessageStatus;
  /** The id the browser chose when sending; a stored message carries it, so a send can be found again. */
  clientId?: string | null;
  /** How a reply ended: `length` when it reached its token cap, `content_filter` when a safety check stopped it. */
  finishReason?: string | null;
  /** Set when the school's retention policy removed the text. */
  redactedAt?: Date | null;
}

/** A turn in flight, drawn over the stored messages until the server's copy catches up. */
interface LiveTurn {
  base: ChatMessage[];
  user: ChatMessage | null;
  assistant: ChatMessage;
}

type Draft = { kind: 'send' } | { kind: 'edit'; editOf: string };

/** A message the student sent, as sent: given back to the box when the server never stored it. */
interface Attempt {
  clientId: string;
  content: string;
  draft: Draft;
}

/** How often a send refused by a node that is shutting down goes out again before the student sees the refusal. */
const DRAINING_RETRIES = 3;

const sameAttempt = (a: Attempt, content: string, draft: Draft) =>
  a.content === content &&
  a.draft.kind === draft.kind &&
  (a.draft.kind === 'send' || (draft.kind === 'edit' && a.draft.editOf === draft.editOf));

/**
 * Sends, streams, stops, retries, edits and resumes the replies of one conversation. `refresh` re-reads the
 * stored conversation (and the meters) and gives its messages, or undefined when it could not; it is awaited
 * before the live overlay is dropped, so nothing flickers.
 */
export function useChatTurn(
  conversationId: string,
  stored: ChatMessage[] | undefined,
  refresh: () => Promise<ChatMessage[] | undefined>,
) {
  const [live, setLive] = useState<LiveTurn | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  // The reply's token cap when today's budget left made it smaller than asked: the reply may be short.
  const [replyLimit, setReplyLimit] = useState<number | null>(null);
  const [text, setText] = useState('');
  const [draft, setDraft] = useState<Draft>({ kind: 'send' });
  const busy = useRef(false);
  // The last send the server did not store, given back to the box. Sending the same text again reuses its
  // clientId, so even if it was stored after all (a lost connection hid the answer) it is never stored twice.
  const unsent = useRef<Attempt | null>(null);

  const messages = live ? [...live.base, ...(live.user ? [live.user] : []), live.assistant] : (stored ?? []);

  const stream = useCallback(
    async (open: () => Promise<Response>, turn: LiveTurn, attempt: Attempt | null) => {
      busy.current = true;
      setError(null);
      setReplyLimit(null);
      setLive(turn);
      const patch = (change: Partial<ChatMessage>) =>
        setLive((t) => (t ? { ...t, assistant: { ...t.assistant, ...change } } : t));
      let failure: UiError | null = null;
      // The server sends `start` only once the student's message is stored.
      let started = false;
      try {
        const response = await open();
        if (!response.ok) {
          const body = (await response.json().catch(() => null)) as {
            error?: Partial<UiError> & { code?: string };
          } | null;
          failure = {
            code: body?.error?.code ?? null,
            message: body?.error?.message ?? `HTTP ${response.status}`,
            resetAt: body?.error?.resetAt ?? null,
            tokensLeft: body?.error?.tokensLeft ?? null,
          };
        } else {
          for await (const event of readTurnEvents(response)) {
            if (event.type === 'start') {
              started = true;
              patch({ id: event.assistantMessageId });
              setReplyLimit(event.replyLimit ?? null);
            } else if (event.type === 'delta')
              setLive((t) =>
                t ? { ...t, assistant: { ...t.assistant, content: t.assistant.content + event.text } } : t,
              );
            else if (event.type === 'done') patch({ status: event.status, finishReason: event.finishReason });
            else failure = { code: event.code, message: event.message, resetAt: event.resetAt ?? null };
          }
        }
      } catch (cause) {
        // Lumi itself could not be reached, or the stream from it broke.
        failure = {
          code: 'STREAM_FAILED',
          message: cause instanceof Error ? cause.message : String(cause),
          resetAt: null,
        };
      }
      if (failure) setError(failure);
      const fresh = await refresh().catch(() => undefined);
      // A message the server never stored goes back into the box, so a failure never loses it. A stored one is
      // shown above with its failed reply and stays out of the box: Enter must not store it a second time.
      // Some refusals come after storing (a reply cut off, a budget refusal), so the stored messages decide.
      const kept = started || fresh?.some((m) => m.role === 'USER' && m.clientId === attempt?.clientId);
      if (failure && attempt && !kept) {
        unsent.current = attempt;
        setText((current) => current || attempt.content);
        setDraft((current) => (current.kind === 'send' ? attempt.draft : current));
      }
      setLive(null);
      busy.current = false;
    },
    [refresh],
  );

  const post = useCallback(
    (body: SendMessageInput) => async () => {
      const once = () =>
        fetch('/api/chat', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      // A node shutting down refuses a send (503) before storing anything; the same send (same clientId, so never
      // stored twice) goes out again and the balancer gives it to another node.
      let response = await once();
      for (let again = 1; response.status === 503 && again <= DRAINING_RETRIES; again++) {
        await new Promise((resolve) => setTimeout(resolve, 200 * again));
        response = await once();
      }
      return response;
    },
    [],
  );

  const placeholder = (): ChatMessage => ({ id: 'pending', role: 'ASSISTANT', content: '', status: 'STREAMING' });

  /** Sends `content` as a new message, or as the edit `draft` names; `fromBox` when it is the composer's text. */
  const submit = useCallback(
    (content: string, draft: Draft, fromBox: boolean) => {
      if (!content || busy.current || !stored) return;
      const again = unsent.current && sameAttempt(unsent.current, content, draft) ? unsent.current : null;
      const attempt: Attempt = { clientId: again?.clientId ?? newClientId(), content, draft };
      unsent.current = null;
      const { clientId } = attempt;
      const userMessage: ChatMessage = { id: clientId, role: 'USER', content, status: 'COMPLETE' };
      if (fromBox) {
        setText('');
        setDraft({ kind: 'send' });
      }
      if (draft.kind === 'edit') {
        const cut = stored.findIndex((m) => m.id === draft.editOf);
        const base = cut >= 0 ? stored.slice(0, cut) : stored;
        void stream(
          post({ kind: 'edit', editOf: draft.editOf, conversationId, clientId, content }),
          { base, user: userMessage, assistant: placeholder() },
          attempt,
        );
      } else {
        void stream(
          post({ kind: 'send', conversationId, clientId, content }),
          { base: stored, user: userMessage, assistant: placeholder() },
          attempt,
        );
      }
    },
    [stored, stream, post, conversationId],
  );

  const send = useCallback(() => submit(text.trim(), draft, true), [submit, text, draft]);

  /** A message of the app's own on the student's behalf (Continue after a reply cut at its cap); the box is kept. */
  const sendFollowUp = useCallback((content: string) => submit(content, { kind: 'send' }, false), [submit]);

  /** A new reply to the last message, replacing the reply `assistantId`. */
  const retry = useCallback(
    (assistantId: string) => {
      if (busy.current || !stored) return;
      const base = stored.filter((m) => m.id !== assistantId);
      void stream(
        post({ kind: 'retry', retryOf: assistantId, conversationId, clientId: newClientId() }),
        { base, user: null, assistant: placeholder() },
        null,
      );
    },
    [stored, stream, post, conversationId],
  );

  /** After a failure: regenerate a stored failed reply, or send the kept text again. */
  const retryFailed = useCallback(() => {
    const last = stored?.at(-1);
    if (last?.role === 'ASSISTANT' && last.status === 'ERROR') retry(last.id);
    else send();
  }, [stored, retry, send]);

  const startEdit = useCallback((message: ChatMessage) => {
    setDraft({ kind: 'edit', editOf: message.id });
    setText(message.content);
  }, []);

  const cancelEdit = useCallback(() => {
    setDraft({ kind: 'send' });
    setText('');
  }, []);

  // A reply still streaming when the page loads (a reload, another tab) is picked up where it is, once.
  const resumed = useRef(new Set<string>());
  const resumable = live ? undefined : stored?.findLast((m) => m.role === 'ASSISTANT' && m.status === 'STREAMING');
  useEffect(() => {
    if (!resumable || !stored || busy.current || resumed.current.has(resumable.id)) return;
    resumed.current.add(resumable.id);
    const base = stored.filter((m) => m.id !== resumable.id);
    const open = () => fetch(`/api/chat/${encodeURIComponent(resumable.id)}/stream`);
    void stream(open, { base, user: null, assistant: { ...resumable, content: '' } }, null);
  }, [resumable, stored, stream]);

  return {
    messages,
    streamingId: live?.assistant.status === 'STREAMING' ? live.assistant.id : null,
    busy: live !== null,
    error,
    replyLimit,
    text,
    setText,
    draft,
    send,
    sendFollowUp,
    retry,
    retryFailed,
    startEdit,
    cancelEdit,
  };
}
