import { expect, test } from '@playwright/test';
import { SEED } from './fixtures';
import { scriptNextReply, signUpStudent, snap, startSession, tutorReplies } from './helpers';

test('in Chinese, a failed reply says what went wrong in Chinese, and its retry works', async ({ page }) => {
  await signUpStudent(page, SEED.joinCode);
  await startSession(page);
  await page.getByLabel('Language').first().selectOption('zh');
  const box = page.getByRole('textbox', { name: '你的消息' });
  await expect(box).toBeVisible();

  await scriptNextReply({ fault: 'bad_key' });
  await box.fill('这次会出错吗？');
  await box.press('Enter');
  const alert = page.getByRole('alert').filter({ has: page.getByRole('button', { name: '重试' }) });
  await expect(alert).toContainText('导师现在还没有设置好，请告诉你的老师。');
  // The server's English text for bad_key must not leak through.
  await expect(alert).not.toContainText('The tutor is not set up correctly');
  await snap(page, 'upstream-error-zh');

  await alert.getByRole('button', { name: '重试' }).click();
  await expect(tutorReplies(page).last()).toContainText('You said: "这次会出错吗？"');
  await expect(tutorReplies(page).last()).toHaveAttribute('data-status', 'COMPLETE');
  await expect(alert).toBeHidden();
  await expect(box).toHaveValue('');
});
