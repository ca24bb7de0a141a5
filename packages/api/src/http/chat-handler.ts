import { z } from 'zod';
import type { LumiServices, SessionUser } from '../context';
import { loadConversation } from '../conversations/conversation-access';
import { recordOverseerRead } from '../teacher/access-log';
import { DELTA_FRAME_MS, followReply } from '../chat/follow-reply';
import { sendMessageInput } from '../chat/send-message.types';
import { startTurn } from '../chat/start-turn';
import type { TurnEvent } from '../chat/turn-events';
import { AppError } from '../errors/app-error';
import { isDraining } from '../health/drain';
import { guardInput } from '../shared/input-guard';
import { BODY_LIMITS, readBody } from './body';
import { errorResponse } from './error-response';

/** `POST /api/chat`: store the student's message, start the reply, stream it as server-sent events. */
export async function handleSendMessage(request: Request, services: LumiServices, user: SessionUser | null) {
  try {
    if (!user) throw new AppError('UNAUTHORIZED', 'Please sign in first.');
    assertSentFromLumi(request);
    // Refused before anything is stored, so sending the same message again (same clientId) is always safe.
    if (isDraining()) throw new AppError('DRAINING', 'This server is restarting. Send your message again.');
    const body = await readJson(request);
    guardInput(body);
    const input = sendMessageInput.parse(body);
    const turn = await startTurn(services, user, input);
    const start: TurnEvent = { type: 'start', ...turn };
    return eventStream([start], followReply(services, turn.assistantMessageId, request.signal));
  } catch (error) {
    return errorResponse(error);
  }
}

/** `GET /api/chat/<assistantMessageId>/stream`: the reply so far, then the rest as it arrives. */
export async function handleFollowReply(
  request: Request,
  services: LumiServices,
  user: SessionUser | null,
  assistantMessageId: string,
) {
  try {
    if (!user) throw new AppError('UNAUTHORIZED', 'Please sign in first.');
    guardInput(assistantMessageId);
    const id = z.string().min(1).max(64).parse(assistantMessageId);
    const message = await services.db.message.findUnique({
      where: { id },
      select: { conversationId: true, role: true },
    });
    if (!message || message.role !== 'ASSISTANT') throw new AppError('NOT_FOUND', 'No such reply.');
    const conversation = await loadConversation(services, user, message.conversationId, 'read');
    await recordOverseerRead(services, user, { ...conversation, conversationId: conversation.id }, 'TRANSCRIPT_VIEW', {
      kind: 'liveReply',
    });
    return eventStream([], followReply(services, id, request.signal));
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * A send comes from Lumi's own pages, never from a form or script on another site that rides on the cookie (another
 * port of the same host is another site too): it must be JSON, which a form cannot send and another origin's
 * script may send only after asking (Lumi never answers such a preflight), and a browser that says where the
 * request comes from (Sec-Fetch-Site, or else Origin) must say Lumi's own origin.
 */
function assertSentFromLumi(request: Request) {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new AppError('BAD_INPUT', 'Send the message as JSON.');
  const site = request.headers.get('sec-fetch-site');
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() ?? request.headers.get('host');
  const foreign = site ? site !== 'same-origin' : !!origin && URL.parse(origin)?.host !== host;
  if (foreign) throw new AppError('FORBIDDEN', 'Messages can only be sent from Lumi itself.');
}

async function readJson(request: Request): Promise<unknown> {
  const text = new TextDecoder().decode(await readBody(request, BODY_LIMITS.chat));
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('BAD_JSON', 'The request body must be JSON.');
  }
}

/**
 * Server-sent events, one write per batch. The lead (the start event) waits up to one frame for the first delta,
 * so a quick reply's first token leaves in the same write.
 */
function eventStream(lead: TurnEvent[], rest: AsyncGenerator<TurnEvent[]>): Response {
  const encoder = new TextEncoder();
  let pending = lead;
  let leadTimer: NodeJS.Timeout | undefined;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (events: TurnEvent[]) => {
        const all = [...pending, ...events];
        pending = [];
        if (all.length === 0) return;
        try {
          controller.enqueue(encoder.encode(all.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')));
        } catch {
          // The browser already went away; the reply carries on without it.
        }
      };
      leadTimer = setTimeout(() => send([]), DELTA_FRAME_MS);
      try {
        for await (const events of rest) {
          clearTimeout(leadTimer);
          send(events);
        }
      } catch {
        send([
          {
            type: 'error',
            code: 'STREAM_FAILED',
            message: 'The connection to the tutor broke. Try again.',
            retryable: true,
          },
        ]);
      } finally {
        clearTimeout(leadTimer);
        send([]);
        try {
          controller.close();
        } catch {
          // Closed already by the browser leaving.
        }
      }
    },
    cancel() {
      clearTimeout(leadTimer);
      void rest.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    },
  });
}
