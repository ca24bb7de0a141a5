import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { SEED } from './fixtures';

export const PASSWORD = 'correct horse battery';
let counter = 0;

/** Signs a new student up with a class join code and lands on their home page. */
export async function signUpStudent(page: Page, joinCode: string) {
  const email = `student-${Date.now()}-${counter++}@e2e.lumi.test`;
  await page.goto('/sign-up');
  await page.getByLabel('Your name').fill('Ada Student');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Class join code').fill(joinCode);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/home$/);
  return email;
}

/** Starts a session from the home page (first class, given mode) and waits for the chat page. */
export async function startSession(page: Page, mode = 'General') {
  await page.getByRole('combobox', { name: 'Mode', exact: true }).selectOption({ label: mode });
  await page.getByRole('button', { name: 'Start session' }).click();
  await expect(page).toHaveURL(/\/chat\/[^/]+$/);
  await expect(page.getByText('Ask your tutor anything to begin.')).toBeVisible();
}

export async function sendMessage(page: Page, text: string) {
  const box = page.getByRole('textbox', { name: 'Your message' });
  await box.fill(text);
  await box.press('Enter');
}

/** Scripts the fake model's next reply (see packages/fake-openai/README.md). */
export async function scriptNextReply(behaviour: {
  reply?: string;
  delayMs?: number;
  chunkSize?: number;
  fault?: string;
  afterChunks?: number;
}) {
  const response = await fetch(`${process.env.E2E_FAKE_OPENAI_URL}/__control/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(behaviour),
  });
  expect(response.ok).toBe(true);
}

/** Gives a student `count` sessions straight in the database (through a child process, as global setup does). */
export function seedSessions(email: string, count: number) {
  const script = path.join(import.meta.dirname, 'database.ts');
  execFileSync('npx', ['tsx', script, 'sessions', process.env.E2E_DATABASE_NAME!, email, String(count)], {
    stdio: 'inherit',
  });
}

/** A student's latest reply as stored (see database.ts `last-reply`). */
export function lastStoredReply(email: string) {
  const script = path.join(import.meta.dirname, 'database.ts');
  const out = execFileSync('npx', ['tsx', script, 'last-reply', process.env.E2E_DATABASE_NAME!, email]);
  return JSON.parse(out.toString().trim().split('\n').at(-1)!) as {
    status: string;
    errorCode: string | null;
    content: string;
    reservedTokens: number;
    promptTokens: number;
    budgetReserved: number;
    budgetUsed: number;
    usageRows: number;
    chargedPromptTokens: number;
    chargedCompletionTokens: number;
  };
}

/** Makes a student's streaming replies look abandoned by their node (see database.ts `age-replies`). */
export function ageStreamingReplies(email: string) {
  const script = path.join(import.meta.dirname, 'database.ts');
  execFileSync('npx', ['tsx', script, 'age-replies', process.env.E2E_DATABASE_NAME!, email], { stdio: 'inherit' });
}

/** Empties a student's messages, as the retention job does to old ones (see database.ts `redact`). */
export function redactMessages(email: string) {
  const script = path.join(import.meta.dirname, 'database.ts');
  execFileSync('npx', ['tsx', script, 'redact', process.env.E2E_DATABASE_NAME!, email], { stdio: 'inherit' });
}

/** What people named and wrote, as stored: names, emails, class names, session titles, messages. */
export function storedUserTexts(): string[] {
  const script = path.join(import.meta.dirname, 'database.ts');
  const out = execFileSync('npx', ['tsx', script, 'user-texts', process.env.E2E_DATABASE_NAME!], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.toString().trim().split('\n').at(-1)!) as string[];
}

/** Disables an account or gives it another role, straight in the database, as an admin's change would. */
export function changeAccount(email: string, change: 'disable' | 'approve' | 'STUDENT' | 'TEACHER') {
  const script = path.join(import.meta.dirname, 'database.ts');
  execFileSync('npx', ['tsx', script, 'account', process.env.E2E_DATABASE_NAME!, email, change], { stdio: 'inherit' });
}

export const tutorReplies = (page: Page) => page.locator('li[data-role="ASSISTANT"]');

export async function snap(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

/** Signs an account in, in English whatever language it was last left in, and waits for its start page. */
export async function signInInEnglish(
  page: Page,
  baseURL: string | undefined,
  email: string,
  password: string,
  landing = /\/teacher$/,
) {
  await page.context().addCookies([{ name: 'lumi-lang', value: 'en', url: baseURL! }]);
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // argon2 on a loaded machine, and a cold server on the first sign-in of a run.
  await expect(page).toHaveURL(landing, { timeout: 30_000 });
}

/** Signs the demo teacher in, in English whatever language the account was last left in. */
export async function signInAsDemoTeacher(page: Page, baseURL: string | undefined) {
  await signInInEnglish(page, baseURL, SEED.demoTeacherEmail, SEED.demoPassword);
}

export async function openDemoClass(page: Page) {
  await page.getByRole('link', { name: SEED.demoClassName, exact: true }).click();
  await expect(page).toHaveURL(/\/teacher\/classes\/[^/?]+$/);
}

/**
 * Signs a new teacher up and has them approved (straight in the database, as an admin would on /admin: a teacher
 * who signs up waits for approval before creating classes), landing on their page ready to create a class.
 */
export async function signUpApprovedTeacher(page: Page, name: string, email: string) {
  await page.goto('/sign-up');
  await page.getByRole('radio', { name: 'Teacher' }).check();
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/teacher$/);
  changeAccount(email, 'approve');
  await page.reload();
}
