import { readFileSync } from 'node:fs';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { describe, expect, it } from 'vitest';
import { AppError } from '../src';
import { ERROR_CODES, REQUEST_ERROR_STATUS, httpStatus, isRequestErrorCode } from '../src/errors/codes';
import { toAppError } from '../src/errors/app-error';

describe('the one error vocabulary', () => {
  it('answers each request code with the same HTTP status over tRPC and over the chat endpoint', () => {
    for (const code of Object.keys(REQUEST_ERROR_STATUS).filter(isRequestErrorCode)) {
      expect([code, getHTTPStatusCodeFromError(new AppError(code, 'x'))]).toEqual([code, httpStatus(code)]);
    }
    expect(httpStatus('RATE_LIMITED')).toBe(429);
    expect(httpStatus('BUDGET_EXHAUSTED')).toBe(429);
  });

  it('spells every code one way, and keeps the provider’s codes apart from the API’s', () => {
    for (const code of ERROR_CODES) expect(code).toMatch(/^[A-Z][A-Z_]+$/);
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    expect(ERROR_CODES).toContain('RATE_LIMITED');
    expect(ERROR_CODES).toContain('PROVIDER_RATE_LIMITED');
  });

  it('gives a failure that is not an AppError a code too, and never shows an unexpected one’s message', () => {
    expect(toAppError(new Error('connection string postgres://secret')).appCode).toBe('INTERNAL');
    expect(toAppError(new Error('connection string postgres://secret')).message).not.toContain('secret');
  });

  it('is documented: docs/chat-protocol.md lists every code', () => {
    const doc = readFileSync(new URL('../../../docs/chat-protocol.md', import.meta.url), 'utf8');
    expect(ERROR_CODES.filter((code) => !doc.includes(`\`${code}\``))).toEqual([]);
  });
});
