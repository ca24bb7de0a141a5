import { router } from '../trpc';
import { approveTeacherRoute } from './approve-teacher';
import { deleteStudentRoute } from './delete-student';
import { exportStudentRoute } from './export-student';
import { findStudentsRoute } from './find-students';
import { getRetentionRoute } from './get-retention';
import { getSpendingRoute } from './get-spending';
import { listTeachersRoute } from './list-teachers';
import { runRetentionRoute } from './run-retention';
import { setPersonalModelsRoute } from './set-personal-models';
import { setRetentionRoute } from './set-retention';
import { setSpendCapsRoute } from './set-spend-caps';
import { setTeacherCapsRoute } from './set-teacher-caps';
import { setTeacherDisabledRoute } from './set-teacher-disabled';

/** The school admin's settings (retention, spending, models), teacher accounts, and duties about students' data. */
export const adminRouter = router({
  retention: getRetentionRoute,
  setRetention: setRetentionRoute,
  runRetention: runRetentionRoute,
  findStudents: findStudentsRoute,
  exportStudent: exportStudentRoute,
  deleteStudent: deleteStudentRoute,
  teachers: listTeachersRoute,
  approveTeacher: approveTeacherRoute,
  setTeacherDisabled: setTeacherDisabledRoute,
  setTeacherCaps: setTeacherCapsRoute,
  spending: getSpendingRoute,
  setSpendCaps: setSpendCapsRoute,
  setPersonalModels: setPersonalModelsRoute,
});
