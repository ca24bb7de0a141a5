/** A small seeded PRNG (mulberry32): the same demo numbers on every run, so ids and counts are stable. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function between(random: () => number, min: number, max: number): number {
  return Math.floor(min + random() * (max - min + 1));
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

const DAY_MS = 86_400_000;

/** A time on the given day back from `now`, during school hours (08:00-17:59 UTC). */
export function schoolTime(now: Date, daysAgo: number, random: () => number): Date {
  const day = new Date(now.getTime() - daysAgo * DAY_MS);
  day.setUTCHours(between(random, 8, 17), between(random, 0, 59), between(random, 0, 59), 0);
  // Today's slot may lie ahead of now; move it into the past hour instead.
  return day > now ? new Date(now.getTime() - between(random, 1, 60) * 60_000) : day;
}

export function isWeekend(now: Date, daysAgo: number): boolean {
  const weekday = new Date(now.getTime() - daysAgo * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}
