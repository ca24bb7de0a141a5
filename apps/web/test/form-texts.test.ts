import {
  createClassInput,
  createConversationInput,
  joinClassInput,
  redeemResetInput,
  signUpInput,
} from '@lumi/api/schemas';
import { expect, it } from 'vitest';
import { isMessageKey, translator } from '../src/i18n/locale';

/** What a form shows for each broken field, in Chinese. */
function chineseMessages(result: { success: boolean; error?: { issues: Array<{ message: string }> } }) {
  expect(result.success).toBe(false);
  const zh = translator('zh');
  return result.error!.issues.map((issue) => {
    expect([issue.message, isMessageKey(issue.message)]).toEqual([issue.message, true]);
    return zh(issue.message as Parameters<typeof zh>[0]);
  });
}

it('gives the sign-up, join, class, session and reset forms’ validation messages in Chinese too', () => {
  const results = [
    signUpInput.safeParse({ role: 'STUDENT', name: '', email: 'nope', password: 'short', joinCode: '!' }),
    signUpInput.safeParse({ role: 'TEACHER', name: ' ', email: 'a@b.c', password: 'x'.repeat(201) }),
    joinClassInput.safeParse({ joinCode: 'no' }),
    createClassInput.safeParse({ name: '', dailyTokenBudget: -1 }),
    createConversationInput.safeParse({ mode: 'CUSTOM' }),
    createConversationInput.safeParse({ mode: 'TRANSLATION', sourceLanguage: 'en', targetLanguage: 'en' }),
    redeemResetInput.safeParse({ code: 'abc', password: 'short' }),
  ];
  const texts = results.flatMap(chineseMessages);
  expect(texts.length).toBeGreaterThanOrEqual(12);
  for (const text of texts) expect([text, /\p{Script=Han}/u.test(text)]).toEqual([text, true]);
});
