import { SettingError, type Env } from '@lumi/chat-core';
import type { Prisma } from '@lumi/db';
import { settleSpend } from './store/spend';
import type { LumiServices } from '../context';
import { utcDay } from './budget';

type Db = LumiServices['db'];

/**
 * Money caps in micro-dollars from the environment, used until an admin saves the installation's settings
 * (InstallationSettings); null is no cap.
 */
export interface SpendCapDefaults {
  dayMicros: number | null;
  monthMicros: number | null;
  teacherDayMicros: number | null;
  teacherMonthMicros: number | null;
}

/** A cap in US dollars (cents allowed), as micro-dollars; null when the variable is unset or blank. */
export function envUsdMicros(env: Env, name: string): number | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  if (!/^\d{1,9}(\.\d{1,6})?$/.test(raw)) {
    throw new SettingError(`${name} must be an amount in US dollars such as 25 or 2.50, not "${raw}".`);
  }
  return Math.round(Number(raw) * 1_000_000);
}

export function spendCapDefaultsFromEnv(env: Env): SpendCapDefaults {
  return {
    dayMicros: envUsdMicros(env, 'LUMI_SPEND_CAP_DAY_USD'),
    monthMicros: envUsdMicros(env, 'LUMI_SPEND_CAP_MONTH_USD'),
    teacherDayMicros: envUsdMicros(env, 'LUMI_TEACHER_SPEND_CAP_DAY_USD'),
    teacherMonthMicros: envUsdMicros(env, 'LUMI_TEACHER_SPEND_CAP_MONTH_USD'),
  };
}

/** The first day of at's UTC month. */
export function utcMonth(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

export function nextUtcMonth(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
}

/** What one turn spends against: the installation, and the teacher of the class it is charged to (if any). */
export interface SpendKey {
  teacherId: string | null;
  /** The UTC day and month the reservation was made in: a reply that ends after midnight settles there. */
  day: Date;
  month: Date;
}

export function spendKey(teacherId: string | null, at: Date): SpendKey {
  return { teacherId, day: utcDay(at), month: utcMonth(at) };
}

/** Spending outside a reservation (a rolling summary): recorded so the caps count it. */
export async function chargeSpend(db: Db | Prisma.TransactionClient, key: SpendKey, spent: number): Promise<void> {
  await settleSpend(db, key, 0, spent);
}

export { INSTALLATION_SCOPE, teacherScope, reserveSpend, settleSpend, releaseInstallation } from './store/spend';
