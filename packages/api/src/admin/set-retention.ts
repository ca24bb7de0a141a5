import { adminProcedure } from '../trpc';
import { setRetentionInput } from './retention.types';

/** Sets how many days message text is kept, or null to keep it; the next daily run (or "run now") applies it. */
export const setRetentionRoute = adminProcedure.input(setRetentionInput).mutation(async ({ ctx, input }) => {
  const settings = await ctx.db.installationSettings.upsert({
    where: { id: 1 },
    create: { id: 1, messageRetentionDays: input.days },
    update: { messageRetentionDays: input.days },
  });
  return { days: settings.messageRetentionDays };
});
