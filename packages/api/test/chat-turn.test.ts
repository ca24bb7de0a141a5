import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countChatTokens, countTokens } from '@lumi/chat-core';
import type { WireMessage } from '@lumi/fake-openai';
import { createWorld, follow, openStream, replyText, send, type World } from './harness';
import { DELTA_FRAME_MS } from '../src/chat/follow-reply';

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

async function newConversation(user = world.users.student) {
  return world.caller(user).conversations.create({ mode: 'MATHS', classId: world.classId });
}

const chatUsage = (messageId: string) => world.db.prisma.usageEvent.findMany({ where: { messageId, kind: 'CHAT' } });

describe('a chat turn', () => {
  it('streams the reply, stores both messages and records exactly the provider’s usage', async () => {
    const { id } = await newConversation();
    world.fake.enqueue({ reply: 'Two plus two is four. Can you explain why?' });
    const { status, events } = await send(world, world.users.student, {
      conversationId: id,
      content: 'What is 2 + 2?',
    });

    expect(status).toBe(200);
    expect(events[0]).toMatchObject({ type: 'start', model: 'gpt-4o-mini' });
    expect(replyText(events)).toBe('Two plus two is four. Can you explain why?');
    const done = events.at(-1);
    expect(done).toMatchObject({ type: 'done', status: 'COMPLETE' });

    const reported = world.fake.requests.at(-1)!.usage!;
    const start = events[0]!.type === 'start' ? events[0] : null;
    const [usage] = await chatUsage(start!.assistantMessageId);
    expect(usage).toMatchObject({
      promptTokens: reported.prompt_tokens,
      completionTokens: reported.completion_tokens,
      model: 'gpt-4o-mini',
      userId: world.users.student.id,
      classId: world.classId,
    });
    expect(usage!.costMicros).toBeGreaterThan(0);

    const messages = await world.db.prisma.message.findMany({ where: { conversationId: id }, orderBy: { seq: 'asc' } });
    expect(messages.map((m) => [m.role, m.status])).toEqual([
      ['USER', 'COMPLETE'],
      ['ASSISTANT', 'COMPLETE'],
    ]);
    expect(messages[1]!.tokenCount).toBeGreaterThan(0);
    expect(messages[1]!.ttftMs).not.toBeNull();

    const budget = await world.db.prisma.budgetDay.findFirstOrThrow({ where: { userId: world.users.student.id } });
    expect(budget.reservedTokens).toBe(0);
    expect(budget.usedTokens).toBeGreaterThanOrEqual(reported.prompt_tokens + reported.completion_tokens);
  });

  it('sends the first piece of a reply at once, then joins the rest per frame without losing a character', async () => {
    const { id } = await newConversation();
    // 60 one-character chunks, 5 ms apart: about 300 ms of streaming.
    const reply = 'The mitochondria is the powerhouse of the cell, they say. Ok?';
    world.fake.enqueue({ reply, chunkSize: 1, delayMs: 5 });
    const started = performance.now();
    const { events } = await send(world, world.users.student, { conversationId: id, content: 'Tell me a fact.' });
    const elapsed = performance.now() - started;

    const deltas = events.filter((e) => e.type === 'delta');
    expect(deltas[0]).toEqual({ type: 'delta', text: 'T' });
    expect(replyText(events)).toBe(reply);
    // One write per 50 ms frame (about 7 here) instead of one per chunk (60); a loaded machine stretches the
    // stream, so the frames are counted against the time it really took.
    expect(deltas.length).toBeLessThan(reply.length / 2);
    expect(deltas.length).toBeLessThanOrEqual(Math.ceil(elapsed / DELTA_FRAME_MS) + 2);
    expect(events.at(-1)).toMatchObject({ type: 'done', status: 'COMPLETE' });
  });

  it('sends the class rules and the teacher’s instructions to the model', async () => {
    await world.db.prisma.class.update({
      where: { id: world.classId },
      data: { tutorRules: ['guide-dont-answer'], extraInstructions: 'Always mention fractions.' },
    });
    const { id } = await newConversation();
    await send(world, world.users.student, { conversationId: id, content: 'Solve 3x = 9' });
    const system = (world.fake.requests.at(-1)!.body as { messages: Array<{ role: string; content: string }> })
      .messages[0]!;
    expect(system.role).toBe('system');
    expect(system.content).toContain('Always mention fractions.');
    expect(system.content.toLowerCase()).toMatch(/hint|guide/);
  });

  it('is idempotent: the same clientId twice stores one message and one reply', async () => {
    const { id } = await newConversation();
    const clientId = crypto.randomUUID();
    const [a, b] = await Promise.all([
      send(world, world.users.student, { conversationId: id, clientId, content: 'Hello twice' }),
      send(world, world.users.student, { conversationId: id, clientId, content: 'Hello twice' }),
    ]);
    expect(replyText(a.events)).toBe(replyText(b.events));
    const again = await send(world, world.users.student, { conversationId: id, clientId, content: 'Hello twice' });
    expect(replyText(again.events)).toBe(replyText(a.events));
    const counts = await world.db.prisma.message.groupBy({ by: ['role'], where: { conversationId: id }, _count: true });
    expect(Object.fromEntries(counts.map((c) => [c.role, c._count]))).toEqual({ USER: 1, ASSISTANT: 1 });
    const usage = await world.db.prisma.usageEvent.count({ where: { conversationId: id, kind: 'CHAT' } });
    expect(usage).toBe(1);
  });

  it('stop keeps the partial reply, marked stopped, and charges only what was used', async () => {
    const { id } = await newConversation();
    world.fake.enqueue({ reply: 'one two three four five six seven eight nine ten eleven twelve', delayMs: 150 });
    const stream = await openStream(world, world.users.student, { conversationId: id, content: 'Count slowly' });
    const start = await stream.next();
    const first = await stream.next();
    expect(first).toMatchObject({ type: 'delta' });
    const assistantMessageId = start?.type === 'start' ? start.assistantMessageId : '';

    const stopped = await world.caller(world.users.student).chat.stop({ messageId: assistantMessageId });
    expect(stopped.status).toBe('STOPPED');
    expect(stopped.content.length).toBeGreaterThan(0);
    expect('one two three four five six seven eight nine ten eleven twelve').toContain(stopped.content.trim());
    expect(stopped.content.trim()).not.toBe('one two three four five six seven eight nine ten eleven twelve');

    const [usage] = await chatUsage(assistantMessageId);
    expect(usage!.completionTokens).toBeGreaterThan(0);
    expect(usage!.completionTokens).toBeLessThan(12);
    const budget = await world.db.prisma.budgetDay.findFirstOrThrow({ where: { userId: world.users.student.id } });
    expect(budget.reservedTokens).toBe(0);
  });

  it('a model that has not answered yet still lets the student stop: the start event does not wait for it', async () => {
    const { id } = await newConversation();
    world.fake.enqueue({ fault: 'stall_before_first_token' });
    const stream = await openStream(world, world.users.student, { conversationId: id, content: 'Are you there?' });
    const start = await stream.next();
    expect(start).toMatchObject({ type: 'start' });
    const assistantMessageId = start?.type === 'start' ? start.assistantMessageId : '';

    const stopped = await world.caller(world.users.student).chat.stop({ messageId: assistantMessageId });
    expect(stopped).toMatchObject({ status: 'STOPPED', content: '' });
    expect(await stream.next()).toMatchObject({ type: 'done', status: 'STOPPED' });
  });

  it('an upstream disconnect mid-reply keeps the partial text and ends in a retryable error', async () => {
    const { id } = await newConversation();
    world.fake.enqueue({ reply: 'alpha beta gamma delta epsilon', fault: 'drop_mid_stream', afterChunks: 2 });
    const { events } = await send(world, world.users.student, { conversationId: id, content: 'Greek letters?' });
    const last = events.at(-1);
    expect(last).toMatchObject({ type: 'error', retryable: true });
    const reply = await world.db.prisma.message.findFirstOrThrow({ where: { conversationId: id, role: 'ASSISTANT' } });
    expect(reply.status).toBe('ERROR');
    expect(reply.content).toBe(replyText(events));
    expect(reply.content.length).toBeGreaterThan(0);

    // Retry replaces the failed reply with a new one; nothing the student wrote is lost.
    const retried = await send(world, world.users.student, { conversationId: id, kind: 'retry', retryOf: reply.id });
    expect(retried.events.at(-1)).toMatchObject({ type: 'done', status: 'COMPLETE' });
    const visible = await world.caller(world.users.student).conversations.get({ conversationId: id });
    expect(visible.messages.map((m) => m.role)).toEqual(['USER', 'ASSISTANT']);
    expect(visible.messages[0]!.content).toBe('Greek letters?');
  });

  it('a closed tab does not lose the reply: the server finishes it and a return resumes it', async () => {
    const { id } = await newConversation();
    world.fake.enqueue({ reply: 'a b c d e f g h i j', delayMs: 60 });
    const tab = new AbortController();
    const stream = await openStream(
      world,
      world.users.student,
      { conversationId: id, content: 'Letters please' },
      tab.signal,
    );
    const start = await stream.next();
    await stream.next();
    tab.abort();
    await stream.cancel();
    const assistantMessageId = start?.type === 'start' ? start.assistantMessageId : '';

    // Returning while it still streams: the reply so far, then the rest.
    const resumed = await follow(world, world.users.student, assistantMessageId);
    expect(replyText(resumed.events)).toBe('a b c d e f g h i j');
    expect(resumed.events.at(-1)).toMatchObject({ type: 'done', status: 'COMPLETE' });
    const stored = await world.db.prisma.message.findUniqueOrThrow({ where: { id: assistantMessageId } });
    expect(stored.content).toBe('a b c d e f g h i j');
  });

  it('edit and resend replaces the last turn in the context but keeps it on record', async () => {
    const { id } = await newConversation();
    const first = await send(world, world.users.student, { conversationId: id, content: 'What is 5 x 5?' });
    const opened = first.events[0];
    const userMessageId = opened?.type === 'start' ? opened.userMessageId : '';
    const edited = await send(world, world.users.student, {
      conversationId: id,
      kind: 'edit',
      editOf: userMessageId,
      content: 'What is 6 x 6?',
    });
    expect(edited.events.at(-1)).toMatchObject({ type: 'done' });
    const sent = (world.fake.requests.at(-1)!.body as { messages: Array<{ content: string }> }).messages;
    expect(sent.map((m) => m.content).join('\n')).not.toContain('5 x 5');
    const visible = await world.caller(world.users.student).conversations.get({ conversationId: id });
    expect(visible.messages.map((m) => m.content)[0]).toBe('What is 6 x 6?');
    expect(await world.db.prisma.message.count({ where: { conversationId: id } })).toBe(4);
  });

  it('a clearly harmful message gets a kind refusal, a flag for the teacher, and no provider call', async () => {
    const { id } = await newConversation();
    const before = world.fake.requests.filter((r) => r.path.endsWith('/chat/completions')).length;
    const { events } = await send(world, world.users.student, {
      conversationId: id,
      content: 'I want to kill myself tonight',
    });
    expect(replyText(events).toLowerCase()).toContain('trust');
    expect(world.fake.requests.filter((r) => r.path.endsWith('/chat/completions')).length).toBe(before);
    const flag = await world.db.prisma.moderationFlag.findFirstOrThrow({ where: { conversationId: id } });
    expect(flag.refused).toBe(true);
    expect(flag.classId).toBe(world.classId);
  });

  it('rejects a model the class does not allow and changes nothing', async () => {
    const { id } = await newConversation();
    const before = await world.db.prisma.message.count();
    const result = await send(world, world.users.student, { conversationId: id, content: 'hi', model: 'gpt-5' });
    expect(result.status).toBe(400);
    expect(result.error!.code).toBe('MODEL_NOT_ALLOWED');
    expect(await world.db.prisma.message.count()).toBe(before);
  });
});

describe('token counts across tokenizers', () => {
  it('history counted for gpt-4o-mini is recounted exactly when the next turn goes to gpt-3.5-turbo', async () => {
    await world.db.prisma.class.update({
      where: { id: world.classId },
      data: { allowedModels: ['gpt-4o-mini', 'gpt-3.5-turbo'], tutorRules: [], extraInstructions: '' },
    });
    const { id } = await newConversation();
    await send(world, world.users.student, { conversationId: id, content: '你好！请用中文解释一下光合作用。' });
    // Without usage from the provider, the recorded prompt tokens are Lumi's own count of what it sent.
    world.fake.enqueue({ reply: 'Plants turn light into sugar.', omitUsage: true });
    const second = await send(world, world.users.student, {
      conversationId: id,
      content: 'And in English? 🌱',
      model: 'gpt-3.5-turbo',
    });
    const start = second.events[0];
    const assistantMessageId = start?.type === 'start' ? start.assistantMessageId : '';

    const request = world.fake.requests.at(-1)!;
    const body = request.body as { model: string; messages: WireMessage[] };
    expect(body.model).toBe('gpt-3.5-turbo');
    // A fresh count of exactly what was sent, in gpt-3.5-turbo's format (stored o200k counts would differ).
    const [usage] = await chatUsage(assistantMessageId);
    expect(usage!.promptTokens).toBe(countChatTokens(body.messages, 'gpt-3.5-turbo'));
    expect(usage!.promptTokens).not.toBe(countChatTokens(body.messages, 'gpt-4o-mini'));
    expect(usage!.completionTokens).toBe(countTokens('Plants turn light into sugar.', 'gpt-3.5-turbo'));
  });
});

describe('edits that cannot apply', () => {
  it('editing an older message is refused and changes nothing', async () => {
    const { id } = await newConversation();
    const first = await send(world, world.users.student, { conversationId: id, content: 'First question' });
    await send(world, world.users.student, { conversationId: id, content: 'Second question' });
    const opened = first.events[0];
    const olderId = opened?.type === 'start' ? opened.userMessageId : '';
    const before = await world.db.prisma.conversation.findUniqueOrThrow({ where: { id }, include: { messages: true } });

    const result = await send(world, world.users.student, {
      conversationId: id,
      kind: 'edit',
      editOf: olderId,
      content: 'Changed',
    });
    expect(result.status).toBe(400);
    expect(result.error!.code).toBe('NOT_EDITABLE');
    const after = await world.db.prisma.conversation.findUniqueOrThrow({ where: { id }, include: { messages: true } });
    expect(after).toEqual(before);
  });
});
