import { router } from '../trpc';
import { createClassRoute } from './create-class';
import { getClassRoute } from './get-class';
import { joinClassRoute } from './join-class';
import { listClassesRoute } from './list-classes';
import { updateClassRoute } from './update-class';

export const classesRouter = router({
  create: createClassRoute,
  join: joinClassRoute,
  list: listClassesRoute,
  get: getClassRoute,
  update: updateClassRoute,
});
