import { router } from '../trpc';
import { getRetentionRoute } from './get-retention';
import { runRetentionRoute } from './run-retention';
import { setRetentionRoute } from './set-retention';

/** The school admin's settings and duties about students' data. */
export const adminRouter = router({
  retention: getRetentionRoute,
  setRetention: setRetentionRoute,
  runRetention: runRetentionRoute,
});
