import { router } from '../trpc';
import { modelsRoute } from './list-models';
import { stopReplyRoute } from './stop-reply';

export const chatRouter = router({
  stop: stopReplyRoute,
  models: modelsRoute,
});
