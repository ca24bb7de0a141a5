import { router } from '../trpc';
import { archiveClassRoute } from './archive-class';
import { exportFlagsRoute } from './export-flags';
import { exportRosterRoute } from './export-roster';
import { exportTranscriptsRoute } from './export-transcripts';
import { exportUsageRoute } from './export-usage';
import { flagEventsRoute } from './flag-events';
import { formerStudentsRoute } from './former-students';
import { generateInsightRoute } from './generate-insight';
import { getClassSettingsRoute } from './get-class-settings';
import { getInsightRoute } from './get-insight';
import { getOverviewRoute } from './get-overview';
import { getRosterRoute } from './get-roster';
import { getTranscriptRoute } from './get-transcript';
import { getUsageRoute } from './get-usage';
import { grantExtraRoute } from './grant-extra';
import { listConversationsRoute } from './list-conversations';
import { previewPromptRoute } from './preview-prompt';
import { regenerateJoinCodeRoute } from './regenerate-join-code';
import { listFlagsRoute } from './list-flags';
import { removeStudentRoute } from './remove-student';
import { reviewFlagRoute } from './review-flag';
import { searchMessagesRoute } from './search-messages';

/** The teacher's dashboard: one procedure per file, each checking the class is the caller's (or they are admin). */
export const teacherRouter = router({
  overview: getOverviewRoute,
  roster: getRosterRoute,
  removeStudent: removeStudentRoute,
  grantExtra: grantExtraRoute,
  usage: getUsageRoute,
  conversations: listConversationsRoute,
  formerStudents: formerStudentsRoute,
  transcript: getTranscriptRoute,
  search: searchMessagesRoute,
  flags: listFlagsRoute,
  reviewFlag: reviewFlagRoute,
  flagEvents: flagEventsRoute,
  insight: getInsightRoute,
  generateInsight: generateInsightRoute,
  settings: getClassSettingsRoute,
  previewPrompt: previewPromptRoute,
  regenerateJoinCode: regenerateJoinCodeRoute,
  archiveClass: archiveClassRoute,
  exportUsage: exportUsageRoute,
  exportRoster: exportRosterRoute,
  exportFlags: exportFlagsRoute,
  exportTranscripts: exportTranscriptsRoute,
});
