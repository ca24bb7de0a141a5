import { signedInProcedure } from '../trpc';

export const meRoute = signedInProcedure.query(async ({ ctx }) => {
  const user = await ctx.db.user.findUniqueOrThrow({
    where: { id: ctx.user.id },
    select: { id: true, email: true, name: true, role: true, language: true, pendingApproval: true },
  });
  return user;
});
