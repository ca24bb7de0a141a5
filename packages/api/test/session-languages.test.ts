import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, send, type World } from './harness';

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

const student = () => world.caller(world.users.student);

describe('translation and language-practice sessions ask which languages', () => {
  it('refuses to start one without two different languages', async () => {
    for (const languages of [{}, { sourceLanguage: 'en' as const }, { sourceLanguage: 'en', targetLanguage: 'en' }]) {
      await expect(
        student().conversations.create({ mode: 'TRANSLATION', classId: world.classId, ...languages } as never),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    await expect(
      student().conversations.create({
        mode: 'LANGUAGE_PRACTICE',
        sourceLanguage: 'en',
        targetLanguage: 'xx' as never,
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('stores them with the session and tells the tutor in the system prompt', async () => {
    const created = await student().conversations.create({
      mode: 'TRANSLATION',
      classId: world.classId,
      sourceLanguage: 'zh',
      targetLanguage: 'fr',
    });
    expect(created).toMatchObject({ sourceLanguage: 'zh', targetLanguage: 'fr' });
    expect(await student().conversations.get({ conversationId: created.id })).toMatchObject({
      sourceLanguage: 'zh',
      targetLanguage: 'fr',
    });
    world.fake.enqueue({ reply: 'Bonjour.' });
    const { events } = await send(world, world.users.student, { conversationId: created.id, content: '你好' });
    expect(events.at(-1)).toMatchObject({ type: 'done' });
    const request = world.fake.requests.findLast((r) => r.path.endsWith('/chat/completions'))!;
    const [system] = (request.body as { messages: Array<{ content: string }> }).messages;
    expect(system!.content).toContain('from Simplified Chinese (简体中文) into French');
  });

  it('keeps no languages on sessions of other modes', async () => {
    const created = await student().conversations.create({ mode: 'MATHS', sourceLanguage: 'en', targetLanguage: 'fr' });
    expect(created).toMatchObject({ sourceLanguage: null, targetLanguage: null });
  });
});
