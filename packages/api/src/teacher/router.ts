import { router } from '../trpc';
import { getOverviewRoute } from './get-overview';
import { getRosterRoute } from './get-roster';
import { getTranscriptRoute } from './get-transcript';
import { getUsageRoute } from './get-usage';
import { listConversationsRoute } from './list-conversations';
import { listFlagsRoute } from './list-flags';
import { removeStudentRoute } from './remove-student';
import { reviewFlagRoute } from './review-flag';
import { searchMessagesRoute } from './search-messages';

/** The teacher's dashboard: one procedure per file, each checking the class is the caller's (or they are admin). */
export const teacherRouter = router({
  overview: getOverviewRoute,
  roster: getRosterRoute,
  removeStudent: removeStudentRoute,
  usage: getUsageRoute,
  conversations: listConversationsRoute,
  transcript: getTranscriptRoute,
  search: searchMessagesRoute,
  flags: listFlagsRoute,
  reviewFlag: reviewFlagRoute,
});
