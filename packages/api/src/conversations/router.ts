import { router } from '../trpc';
import { createConversationRoute } from './create-conversation';
import { deleteConversationRoute } from './delete-conversation';
import { exportConversationRoute } from './export-conversation';
import { getConversationRoute } from './get-conversation';
import { listConversationsRoute } from './list-conversations';
import { renameConversationRoute } from './rename-conversation';

export const conversationsRouter = router({
  create: createConversationRoute,
  list: listConversationsRoute,
  get: getConversationRoute,
  rename: renameConversationRoute,
  delete: deleteConversationRoute,
  export: exportConversationRoute,
});
