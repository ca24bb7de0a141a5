import { ZodError, z } from 'zod';
import { toAppError } from '../errors/app-error';
import { httpStatus } from '../errors/codes';

/** A failure of a plain JSON endpoint (not tRPC) as `{ error: { code, message } }` with the vocabulary's status. */
export function errorResponse(error: unknown): Response {
  const app = toAppError(error);
  if (app.appCode === 'INTERNAL') console.error('lumi: chat request failed', error);
  return Response.json(
    {
      error: {
        code: app.appCode,
        message: app.message,
        ...(app.resetAt && { resetAt: app.resetAt.toISOString() }),
        ...(app.tokensLeft !== undefined && { tokensLeft: app.tokensLeft }),
        ...(error instanceof ZodError && { fieldErrors: z.flattenError(error).fieldErrors }),
      },
    },
    { status: httpStatus(app.appCode) },
  );
}
