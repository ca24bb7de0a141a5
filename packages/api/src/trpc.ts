import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError, z } from 'zod';
import type { Context } from './context';

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const app = error instanceof AppError ? error : null;
    return {
      ...shape,
      data: {
        ...shape.data,
        // Field errors let forms show what is wrong next to the field.
        fieldErrors: cause instanceof ZodError ? z.flattenError(cause).fieldErrors : null,
        appCode: app?.appCode ?? null,
        resetAt: app?.resetAt?.toISOString() ?? null,
      },
    };
  },
});

const TOO_MANY = new Set(['RATE_LIMITED', 'BUDGET_EXHAUSTED']);

/** A refusal with a stable code the UI can translate, and an optional time when trying again will work. */
export class AppError extends TRPCError {
  constructor(
    readonly appCode: string,
    message: string,
    readonly resetAt?: Date,
  ) {
    super({ code: TOO_MANY.has(appCode) ? 'TOO_MANY_REQUESTS' : 'BAD_REQUEST', message });
    this.name = 'AppError';
  }
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure;

export const signedInProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in first.' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

function roleProcedure(...roles: Array<'STUDENT' | 'TEACHER' | 'ADMIN'>) {
  return signedInProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.user.role)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'Your account cannot do this.' });
    }
    return next();
  });
}

export const studentProcedure = roleProcedure('STUDENT');
export const teacherProcedure = roleProcedure('TEACHER', 'ADMIN');
export const adminProcedure = roleProcedure('ADMIN');
