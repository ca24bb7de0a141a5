import { router } from '../trpc';
import { answerDrillRoute } from './answer-drill';
import { archiveExerciseRoute } from './archive-exercise';
import { assignmentResultsCsvRoute, assignmentResultsRoute } from './assignment-results';
import { classAssignmentsRoute } from './class-assignments';
import { createAssignmentRoute } from './create-assignment';
import { endAttemptRoute } from './end-attempt';
import { getAttemptRoute } from './get-attempt';
import { gradeAttemptRoute } from './grade-attempt';
import { libraryRoute } from './library';
import { myAssignmentsRoute } from './my-assignments';
import { myAttemptsRoute } from './my-attempts';
import { removeAssignmentRoute } from './remove-assignment';
import { saveExerciseRoute } from './save-exercise';
import { startAttemptRoute } from './start-attempt';
import { syncAttemptRoute } from './sync-attempt';

/** Language practice: the library, teachers' exercises and assignments, attempts, drills and results. */
export const practiceRouter = router({
  library: libraryRoute,
  saveExercise: saveExerciseRoute,
  archiveExercise: archiveExerciseRoute,
  assign: createAssignmentRoute,
  unassign: removeAssignmentRoute,
  classAssignments: classAssignmentsRoute,
  myAssignments: myAssignmentsRoute,
  start: startAttemptRoute,
  attempt: getAttemptRoute,
  sync: syncAttemptRoute,
  end: endAttemptRoute,
  answer: answerDrillRoute,
  myAttempts: myAttemptsRoute,
  results: assignmentResultsRoute,
  resultsCsv: assignmentResultsCsvRoute,
  grade: gradeAttemptRoute,
});
