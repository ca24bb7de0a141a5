import { router } from '../trpc';
import { deleteStudentRoute } from './delete-student';
import { exportStudentRoute } from './export-student';
import { findStudentsRoute } from './find-students';
import { getRetentionRoute } from './get-retention';
import { runRetentionRoute } from './run-retention';
import { setRetentionRoute } from './set-retention';

/** The school admin's settings and duties about students' data. */
export const adminRouter = router({
  retention: getRetentionRoute,
  setRetention: setRetentionRoute,
  runRetention: runRetentionRoute,
  findStudents: findStudentsRoute,
  exportStudent: exportStudentRoute,
  deleteStudent: deleteStudentRoute,
});
