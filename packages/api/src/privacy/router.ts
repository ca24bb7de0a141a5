import { router } from '../trpc';
import { listAccessLogRoute } from './list-access-log';

/** What the school's admin needs to answer for students' data: who read and exported what. */
export const privacyRouter = router({
  accessLog: listAccessLogRoute,
});
