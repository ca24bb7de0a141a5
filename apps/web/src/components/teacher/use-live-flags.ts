'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useState } from 'react';
import { useTRPC } from '../../trpc/client';

export interface LiveFlag {
  kind: 'raised' | 'reviewed';
  id: string;
  classId: string;
  studentName: string;
  categories: Array<{ category: string; score: number }>;
}

/**
 * Keeps the open dashboard current: each flag raised or reviewed in the caller's classes (on any app node) refreshes
 * the queue, the roster and the overview, and the newest raised flag is returned for an announcement.
 */
export function useLiveFlags(classId?: string): LiveFlag | null {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [latest, setLatest] = useState<LiveFlag | null>(null);
  useSubscription(
    trpc.teacher.flagEvents.subscriptionOptions(
      { classId },
      {
        onData: ({ data }) => {
          if (data.kind === 'raised') setLatest(data);
          for (const key of [
            trpc.teacher.flags.pathKey(),
            trpc.teacher.roster.pathKey(),
            trpc.teacher.overview.pathKey(),
            trpc.teacher.conversations.pathKey(),
          ]) {
            void queryClient.invalidateQueries({ queryKey: key });
          }
        },
      },
    ),
  );
  return latest;
}
