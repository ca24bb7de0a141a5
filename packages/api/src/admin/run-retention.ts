import { adminProcedure } from '../trpc';
import { runRetention } from './retention';

/** Runs the retention job now, whether or not it ran today; "busy" when another node is running it. */
export const runRetentionRoute = adminProcedure.mutation(({ ctx }) => runRetention(ctx, { force: true }));
