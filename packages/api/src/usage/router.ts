import { router } from '../trpc';
import { todayRoute } from './today';

export const usageRouter = router({
  today: todayRoute,
});
