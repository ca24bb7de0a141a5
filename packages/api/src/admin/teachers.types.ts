import { z } from 'zod';
import { formMessage } from '../errors/form-messages';

export const teacherIdInput = z.object({ teacherId: z.string().min(1).max(64) });

/** A cap in US dollars (cents and smaller allowed), or null for none. */
const usd = z
  .number(formMessage('form.capAmount'))
  .min(0, formMessage('form.capAmount'))
  .max(1_000_000, formMessage('form.capAmount'))
  .nullable();

export const setTeacherDisabledInput = teacherIdInput.extend({ disabled: z.boolean() });

/** A teacher's own caps; null keeps the school's default teacher cap. */
export const setTeacherCapsInput = teacherIdInput.extend({ dayUsd: usd, monthUsd: usd });

export const setSpendCapsInput = z.object({
  dayUsd: usd,
  monthUsd: usd,
  teacherDayUsd: usd,
  teacherMonthUsd: usd,
});

export const setPersonalModelsInput = z.object({
  models: z.array(z.string().min(1).max(100)).min(1, formMessage('form.pickModel')).max(100),
});

/** Dollars as the micro-dollars the ledger counts in. */
export const toMicros = (usd: number | null): bigint | null => (usd === null ? null : BigInt(Math.round(usd * 1e6)));
/** Micro-dollars as dollars for a form. */
export const toUsd = (micros: bigint | number | null): number | null => (micros === null ? null : Number(micros) / 1e6);
