import { router } from '../trpc';
import { issueResetRoute } from './issue-reset';
import { redeemResetRoute } from './redeem-reset';

/** Forgotten passwords: a teacher (or an admin) issues a one-time code, its owner sets a new password with it. */
export const passwordResetRouter = router({
  issue: issueResetRoute,
  redeem: redeemResetRoute,
});
