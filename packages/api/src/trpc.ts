import { initTRPC } from '@trpc/server';
import superjson from 'superjson';
import { ZodError, z } from 'zod';
import type { Context } from './context';
import { AppError, toAppError } from './errors/app-error';
import { guardInput } from './shared/input-guard';

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const app = toAppError(error);
    return {
      ...shape,
      data: {
        ...shape.data,
        // Field errors let forms show what is wrong next to the field.
        fieldErrors: cause instanceof ZodError ? z.flattenError(cause).fieldErrors : null,
        // Every failure speaks the one vocabulary (errors/codes.ts), so the UI can say it in the student's language.
        appCode: app.appCode,
        resetAt: app.resetAt?.toISOString() ?? null,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/**
 * Every procedure starts here: input that no schema should have to think about (NUL, broken characters, absurd
 * nesting) is refused before the procedure's own parser, its authorization or the database see it.
 */
export const publicProcedure = t.procedure.use(async ({ getRawInput, next }) => {
  guardInput(await getRawInput());
  return next();
});

export const signedInProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new AppError('UNAUTHORIZED', 'Please sign in first.');
  return next({ ctx: { ...ctx, user: ctx.user } });
});

function roleProcedure(...roles: Array<'STUDENT' | 'TEACHER' | 'ADMIN'>) {
  return signedInProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.user.role)) {
      throw new AppError('FORBIDDEN', 'Your account cannot do this.');
    }
    return next();
  });
}

export const studentProcedure = roleProcedure('STUDENT');
export const teacherProcedure = roleProcedure('TEACHER', 'ADMIN');
export const adminProcedure = roleProcedure('ADMIN');
