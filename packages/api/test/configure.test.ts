import { expect, it } from 'vitest';
import { configureFromEnv } from '../src';

const env = (extra: Record<string, string>) => ({ DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none', ...extra });

it('reads the chat rate limit, and refuses one that is not a whole number of sends by name', () => {
  expect(configureFromEnv(env({})).chatRateLimit).toBe(20);
  expect(configureFromEnv(env({ LUMI_CHAT_RATE_LIMIT: '45' })).chatRateLimit).toBe(45);
  for (const value of ['lots', '0', '2.5', '-3']) {
    expect(() => configureFromEnv(env({ LUMI_CHAT_RATE_LIMIT: value }))).toThrow(
      `LUMI_CHAT_RATE_LIMIT must be a whole number of at least 1, not "${value}".`,
    );
  }
});

it('reads the daily budget for sessions outside any class', () => {
  expect(configureFromEnv(env({})).personalDailyBudget).toBe(20_000);
  expect(configureFromEnv(env({ LUMI_PERSONAL_DAILY_BUDGET: '5000' })).personalDailyBudget).toBe(5_000);
  expect(() => configureFromEnv(env({ LUMI_PERSONAL_DAILY_BUDGET: '20k' }))).toThrow(
    'LUMI_PERSONAL_DAILY_BUDGET must be a whole number',
  );
});

it('refuses to run without a database', () => {
  expect(() => configureFromEnv({})).toThrow('DATABASE_URL is not set.');
});

it('reads how many sign-ups one client address may make per hour', () => {
  expect(configureFromEnv(env({})).signUpLimit).toBe(60);
  expect(configureFromEnv(env({ LUMI_SIGN_UP_LIMIT: '500' })).signUpLimit).toBe(500);
  expect(() => configureFromEnv(env({ LUMI_SIGN_UP_LIMIT: '0' }))).toThrow('LUMI_SIGN_UP_LIMIT must be a whole number');
});

it('reads the spend caps in US dollars as micro-dollars; unset is no cap', () => {
  expect(configureFromEnv(env({})).spendCapDefaults).toEqual({
    dayMicros: null,
    monthMicros: null,
    teacherDayMicros: null,
    teacherMonthMicros: null,
  });
  const caps = configureFromEnv(env({ LUMI_SPEND_CAP_DAY_USD: '2.50', LUMI_TEACHER_SPEND_CAP_MONTH_USD: '60' }));
  expect(caps.spendCapDefaults).toMatchObject({ dayMicros: 2_500_000, teacherMonthMicros: 60_000_000 });
  expect(() => configureFromEnv(env({ LUMI_SPEND_CAP_MONTH_USD: '$300' }))).toThrow(
    'LUMI_SPEND_CAP_MONTH_USD must be an amount in US dollars',
  );
});
