import { utcDay } from '../chat/budget';

const DAY_MS = 86_400_000;

/** The instants a range of UTC days covers: [start, end). */
export function rangeBounds(range: { from: string; to: string }): { start: Date; end: Date } {
  return { start: new Date(`${range.from}T00:00:00Z`), end: new Date(Date.parse(`${range.to}T00:00:00Z`) + DAY_MS) };
}

export function dayString(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Every UTC day of a range, oldest first. */
export function daysOf(range: { from: string; to: string }): string[] {
  const { start, end } = rangeBounds(range);
  const days: string[] = [];
  for (let t = start.getTime(); t < end.getTime(); t += DAY_MS) days.push(dayString(new Date(t)));
  return days;
}

/** Today, the last 7 and 30 days (today included) and this calendar month, as UTC instants. */
export function periodStarts(now: Date) {
  const today = utcDay(now);
  return {
    today,
    week: new Date(today.getTime() - 6 * DAY_MS),
    month30: new Date(today.getTime() - 29 * DAY_MS),
    monthStart: new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1)),
  };
}
