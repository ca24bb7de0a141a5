import { z } from 'zod';

/** Ids are cuids or the seed's fixed ids; the bound keeps a hostile value out of every query. */
export const idSchema = z.string().min(1).max(64);

/** A UTC calendar day, as the budgets count them: `2026-12-01`. */
export const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates are written YYYY-MM-DD.')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && toDay(value) === value, 'No such date.');

/** Longest range a chart or an export covers at once. */
export const MAX_RANGE_DAYS = 366;

/** An inclusive range of UTC days, at most MAX_RANGE_DAYS long. */
export const dayRangeSchema = z
  .object({ from: daySchema, to: daySchema })
  .refine(({ from, to }) => from <= to, { message: 'The range ends before it starts.', path: ['to'] })
  .refine(({ from, to }) => daysBetween(from, to) < MAX_RANGE_DAYS, {
    message: `Choose at most ${MAX_RANGE_DAYS} days.`,
    path: ['from'],
  });

function toDay(value: string): string {
  return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}
