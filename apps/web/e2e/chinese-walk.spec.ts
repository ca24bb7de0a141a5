import { expect, test, type Page } from '@playwright/test';
import { CLASS_TABS } from '../src/components/teacher/class-tabs';
import { englishOn } from './english';
import { SEED } from './fixtures';
import { PASSWORD, redactMessages, scriptNextReply, snap, storedUserTexts, tutorReplies } from './helpers';

// Issue 9 item 4: with the interface switched to 中文, no page or error that a visitor, a student, a teacher or an
// admin can reach shows English. englishOn (e2e/english.ts) reads every visible text, aria-label, placeholder and
// title of each page; what people wrote (names, class names, titles, messages, read from the database) and proper
// nouns are not the interface's words and pass.

test.describe.configure({ timeout: 240_000 });

const LOADING = '加载中…';
let counter = 0;

/** Opens `path` in English (the browser's language) and switches the interface to 中文 there. */
async function switchToChinese(page: Page, path: string) {
  await page.goto(path);
  await page.getByLabel('Language').first().selectOption('zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
}

/** The page as it is now has no English: checked softly, so one run lists every page that has some. */
async function expectChinese(page: Page, name: string, people: readonly string[], within: string[] = []) {
  await expect(page.getByText(LOADING, { exact: true })).toHaveCount(0);
  const english = await englishOn(page, { texts: people, within });
  expect.soft(english, `English on ${name} (${page.url()})`).toEqual([]);
  await snap(page, `zh-${name}`);
}

async function signInInChinese(page: Page, email: string, password: string, landing: RegExp) {
  await switchToChinese(page, '/sign-in');
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(landing, { timeout: 30_000 });
}

test('a visitor meets only Chinese: sign-in, sign-up and its errors, password reset, a missing page', async ({
  page,
}) => {
  const people: string[] = [];
  await switchToChinese(page, '/sign-in');
  await expect(page.getByRole('heading', { name: '登录 Lumi' })).toBeVisible();
  await expectChinese(page, 'sign-in', people);

  await page.getByLabel('电子邮箱').fill('nobody@e2e.lumi.test');
  await page.getByLabel('密码').fill('not the password');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: '邮箱或密码不正确。' })).toBeVisible({ timeout: 30_000 });
  await expectChinese(page, 'sign-in-wrong-password', people);

  await page.goto('/sign-in?error=Configuration');
  await expect(page.getByText('通过该服务商登录失败。')).toBeVisible();
  await expectChinese(page, 'sign-in-oauth-failed', people);

  await page.goto('/sign-up');
  await expectChinese(page, 'sign-up', people);
  await page.getByLabel('电子邮箱').fill('not an address');
  await page.getByLabel('密码').fill('short');
  await page.getByLabel('班级加入码').fill('x!');
  await page.getByRole('button', { name: '创建账号' }).click();
  for (const text of [
    '请输入你的名字。',
    '请输入有效的邮箱地址。',
    '密码至少需要 8 个字符。',
    '加入码由 4 到 12 个字母和数字组成。',
  ])
    await expect(page.getByText(text)).toBeVisible();
  await expectChinese(page, 'sign-up-invalid', people);

  await page.getByLabel('你的名字').fill('Wrong Code');
  await page.getByLabel('电子邮箱').fill(`wrong-code-${Date.now()}@e2e.lumi.test`);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByLabel('班级加入码').fill('NOPE1234');
  await page.getByRole('button', { name: '创建账号' }).click();
  await expect(page.getByText('没有哪个开放的班级使用这个加入码，请向老师核对。')).toBeVisible();
  await expectChinese(page, 'sign-up-wrong-join-code', [...people, 'Wrong Code']);
  await page.getByRole('radio', { name: '老师' }).check();
  await expectChinese(page, 'sign-up-teacher', [...people, 'Wrong Code']);

  await page.goto('/reset-password');
  await expectChinese(page, 'reset-password', people);
  await page.getByLabel('重置码').fill('abc');
  await page.getByLabel('新密码').fill('short');
  await page.getByRole('button', { name: '设置新密码' }).click();
  await expect(page.getByText('重置码由 12 个字母和数字组成')).toBeVisible();
  await expectChinese(page, 'reset-password-invalid', people);
  await page.getByLabel('重置码').fill('ABCD-EFGH-JKMN');
  await page.getByLabel('新密码').fill('a long new password');
  await page.getByRole('button', { name: '设置新密码' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '这个重置码不对' })).toBeVisible();
  await expectChinese(page, 'reset-password-wrong-code', people);

  const missing = await page.goto('/no-such-page');
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: '这个页面不存在' })).toBeVisible();
  await expectChinese(page, 'not-found', people);
});

test('a student meets only Chinese: home, joining, sessions, replies, errors, notes and practice', async ({ page }) => {
  const email = `walk-${Date.now()}-${counter++}@e2e.lumi.test`;
  const people = ['Wei Walker', email];
  await switchToChinese(page, '/sign-up');
  await page.getByLabel('你的名字').fill('Wei Walker');
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByLabel('班级加入码').fill(SEED.joinCode);
  await page.getByRole('button', { name: '创建账号' }).click();
  await expect(page).toHaveURL(/\/home$/);
  people.push(...storedUserTexts());
  await expectChinese(page, 'home', people);

  const join = page.getByPlaceholder('加入班级');
  await join.fill('x');
  await page.getByRole('button', { name: '加入', exact: true }).click();
  await expect(page.getByText('加入码由 4 到 12 个字母和数字组成。')).toBeVisible();
  await expectChinese(page, 'home-join-invalid', people);
  await join.fill('NOPE1234');
  await page.getByRole('button', { name: '加入', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: '没有哪个开放的班级使用这个加入码' })).toBeVisible();
  await expectChinese(page, 'home-join-wrong-code', people);
  await join.fill(SEED.tinyJoinCode);
  await page.getByRole('button', { name: '加入', exact: true }).click();
  await expect(page.locator('main').getByText(SEED.tinyClassName).locator('visible=true').first()).toBeVisible();

  const mode = page.getByRole('combobox', { name: '模式', exact: true });
  await mode.selectOption('TRANSLATION');
  await expectChinese(page, 'home-new-translation', people);
  await mode.selectOption('GENERAL');
  await page.getByRole('button', { name: '开始会话' }).click();
  await expect(page).toHaveURL(/\/chat\/[^/]+$/);
  await expect(page.getByText('向你的导师提问，开始学习吧。')).toBeVisible();
  await expectChinese(page, 'chat-empty', people);

  const box = page.getByRole('textbox', { name: '你的消息' });
  await box.fill('你好');
  await box.press('Enter');
  await expect(tutorReplies(page).last()).toHaveAttribute('data-status', 'COMPLETE');
  // The pointer over the session's row shows its Rename and Delete.
  const sessions = page.getByRole('navigation', { name: '会话' });
  await sessions.getByRole('listitem').first().hover();
  await expectChinese(page, 'chat-reply', people);

  await sessions.getByRole('button', { name: '重命名“你好”' }).click();
  await expect(page.getByRole('textbox', { name: '会话标题' })).toBeVisible();
  await expectChinese(page, 'chat-rename', people);
  await page.getByRole('button', { name: '保存' }).click();

  await scriptNextReply({ fault: 'bad_key' });
  await box.fill('这次会出错吗？');
  await box.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: '导师现在还没有设置好' })).toBeVisible();
  await expectChinese(page, 'chat-error', people);

  // A reply longer than its cap (1,024 tokens) is cut there: the note and Continue.
  await scriptNextReply({ reply: 'wave '.repeat(1_500), chunkSize: 4_000 });
  await box.fill('讲讲海浪');
  await box.press('Enter');
  await expect(page.getByRole('note').filter({ hasText: '这条回复达到了长度上限' })).toBeVisible();
  await expect(page.getByRole('button', { name: '继续' })).toBeVisible();
  await expectChinese(page, 'chat-length-limit', people);

  await box.fill('I want to hurt myself');
  await box.press('Enter');
  await expect(page.getByRole('note').filter({ hasText: '安全检查拦下了这条回复。' })).toBeVisible();
  await expectChinese(page, 'chat-refusal', people);

  redactMessages(email);
  await page.reload();
  await expect(page.getByText('根据学校的保留政策，这条消息的文字已被删除。').first()).toBeVisible();
  await expectChinese(page, 'chat-redacted', people);

  // In the class whose budget cannot pay for one reply: the refusal says how much is left.
  await page.goto('/home');
  await page.getByRole('combobox', { name: '班级' }).selectOption({ label: SEED.tinyClassName });
  await page.getByRole('button', { name: '开始会话' }).click();
  await expect(page).toHaveURL(/\/chat\/[^/]+$/);
  await expect(page.getByText('向你的导师提问，开始学习吧。')).toBeVisible();
  await box.fill('一个问题');
  await box.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: '今天剩下的辅导额度不够' })).toBeVisible();
  await expectChinese(page, 'chat-budget-too-small', people);

  await page.goto('/chat/no-such-session');
  await expect(page.getByText('该会话不存在或不属于你。')).toBeVisible();
  await expectChinese(page, 'chat-not-found', people);

  await page.goto('/home');
  await expectChinese(page, 'home-with-sessions', people);

  await page.goto('/practice');
  // Alex is the friend in a built-in roleplay's Chinese description: a name.
  await expectChinese(page, 'practice', [...people, 'Alex']);
});

test('a teacher meets only Chinese: their classes, every tab of a class, a transcript', async ({ page }) => {
  await signInInChinese(page, SEED.demoTeacherEmail, SEED.demoPassword, /\/teacher$/);
  // "words: min 2:" in the practice tab's goal hint is the syntax a teacher types, not prose.
  const people = [...storedUserTexts(), 'words: min 2:'];
  await expectChinese(page, 'teacher-home', people);
  await page.getByRole('button', { name: '创建班级' }).click();
  await expect(page.getByText('请给班级起个名字。')).toBeVisible();
  await expectChinese(page, 'teacher-create-invalid', people);

  await page.getByRole('link', { name: SEED.demoClassName, exact: true }).click();
  await expect(page).toHaveURL(/\/teacher\/classes\/[^/?]+$/);
  const classPage = page.url();
  for (const tab of CLASS_TABS) {
    await page.goto(`${classPage}?tab=${tab}`);
    await expect(page.locator('[aria-current="page"]')).toBeVisible();
    await expectChinese(page, `teacher-class-${tab}`, people);
  }

  await page.goto(`${classPage}?tab=conversations`);
  await page.locator('a[href*="/conversations/"]').first().click();
  await expect(page).toHaveURL(/\/conversations\/[^/?]+/);
  await expectChinese(page, 'teacher-transcript', people);
});

test('an admin meets only Chinese: the admin pages, a reset code for a teacher, the access log', async ({ page }) => {
  await signInInChinese(page, SEED.adminEmail, SEED.demoPassword, /\/teacher$/);
  const people = storedUserTexts();
  await expectChinese(page, 'admin-teacher-home', people);
  await page.goto('/admin');
  await expect(page.getByTestId('teacher-row').first()).toBeVisible();
  await expectChinese(page, 'admin', people);

  page.once('dialog', (dialog) => void dialog.accept());
  await page
    .getByTestId('teacher-row')
    .filter({ hasText: SEED.demoTeacherEmail })
    .getByRole('button', { name: /^重置密码/ })
    .click();
  await expect(page.getByTestId('reset-code')).toBeVisible();
  await expectChinese(page, 'admin-reset-code', people);

  await page.goto('/admin/privacy');
  await expect(page.getByRole('table')).toBeVisible();
  await expectChinese(page, 'admin-privacy', people);
});
