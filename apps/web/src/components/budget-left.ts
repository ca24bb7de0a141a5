'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc/client';

/** Today's budget for one scope: a class, or `null` for personal sessions. */
export function useBudgetLeft(classId: string | null | undefined) {
  const trpc = useTRPC();
  const today = useQuery(trpc.usage.today.queryOptions());
  return today.data?.find((b) => b.classId === (classId ?? null)) ?? null;
}
