import { router } from '../trpc';
import { dailyRoute } from './daily';
import { todayRoute } from './today';

export const usageRouter = router({
  today: todayRoute,
  daily: dailyRoute,
});
