import { AppError } from '../errors/app-error';
import { errorResponse } from './error-response';

/** Largest bodies each endpoint reads; anything bigger is refused before it is held in memory. */
export const BODY_LIMITS = {
  /** A tRPC call or batch: the largest single input is a teacher's exercise. */
  trpc: 128 * 1024,
  /** A chat message of MAX_MESSAGE_CHARS, even written entirely in JSON escapes, with room to spare. */
  chat: 256 * 1024,
  /** A sign-in or sign-out form. */
  auth: 16 * 1024,
} as const;

function tooLarge(): AppError {
  return new AppError('TOO_LARGE', 'The request is too large.');
}

/**
 * The request's body as bytes, refused with TOO_LARGE by its Content-Length when it declares one, and otherwise
 * as soon as more than `maxBytes` have arrived: the rest is never read, so a client cannot make the server hold
 * more than `maxBytes` by sending a huge or endless body.
 */
export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get('content-length');
  if (declared !== null && !(Number(declared) <= maxBytes)) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const reader: ReadableStreamDefaultReader<Uint8Array> = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let read: Awaited<ReturnType<typeof reader.read>>;
    try {
      read = await reader.read();
    } catch {
      throw new AppError('BAD_INPUT', 'The request body could not be read.');
    }
    const { done, value } = read;
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The request with its body read under `maxBytes`, for handlers (tRPC's, Auth.js's) that would read it whole. */
export async function withLimitedBody(request: Request, maxBytes: number): Promise<Request> {
  if (request.method === 'GET' || request.method === 'HEAD') return request;
  const body = await readBody(request, maxBytes);
  return new Request(request, { body });
}

/** For a route whose handler reads the body itself (Auth.js's): the request with its body read, or the refusal. */
export async function limitedOrRefused(request: Request, maxBytes: number): Promise<Request | Response> {
  try {
    return await withLimitedBody(request, maxBytes);
  } catch (error) {
    return errorResponse(error);
  }
}
