import { accountRouter } from './account/router';
import { adminRouter } from './admin/router';
import { chatRouter } from './chat/router';
import { classesRouter } from './classes/router';
import { conversationsRouter } from './conversations/router';
import { passwordResetRouter } from './password-reset/router';
import { privacyRouter } from './privacy/router';
import { teacherRouter } from './teacher/router';
import { router } from './trpc';
import { practiceRouter } from './practice/router';
import { usageRouter } from './usage/router';

export const appRouter = router({
  account: accountRouter,
  classes: classesRouter,
  conversations: conversationsRouter,
  chat: chatRouter,
  usage: usageRouter,
  teacher: teacherRouter,
  practice: practiceRouter,
  privacy: privacyRouter,
  admin: adminRouter,
  passwordReset: passwordResetRouter,
});

export type AppRouter = typeof appRouter;
