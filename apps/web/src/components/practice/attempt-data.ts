import type { AppRouter } from '@lumi/api';
import type { inferRouterOutputs } from '@trpc/server';

/** An attempt as the practice screens get it: the attempt screen loads it, the roleplay and drill screens show it. */
export type AttemptData = inferRouterOutputs<AppRouter>['practice']['attempt'];
