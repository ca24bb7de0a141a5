import { TRPCClientError } from '@trpc/client';
import { isMessageKey, type Translate } from '../i18n/locale';

/** What the UI needs from any failure: a message, a stable code, and when trying again will work. */
export interface UiError {
  code: string | null;
  message: string;
  resetAt: string | null;
  fieldErrors?: Record<string, string[] | undefined> | null;
}

export function toUiError(error: unknown): UiError {
  if (error instanceof TRPCClientError) {
    const data = error.data as
      | { appCode?: string | null; code?: string; resetAt?: string | null; fieldErrors?: UiError['fieldErrors'] }
      | undefined;
    // Without an app code, tRPC's own (UNAUTHORIZED, NOT_FOUND, ...) still lets the UI say it in its language.
    return {
      code: data?.appCode ?? data?.code ?? null,
      message: error.message,
      resetAt: data?.resetAt ?? null,
      fieldErrors: data?.fieldErrors,
    };
  }
  return { code: null, message: error instanceof Error ? error.message : String(error), resetAt: null };
}

/** The UI language's words for a code it knows (the reset time stays); only an unknown code shows the server's text. */
export function localizeError(error: UiError, t: Translate): UiError {
  const key = `error.${error.code}`;
  return error.code !== null && isMessageKey(key) ? { ...error, message: t(key) } : error;
}

/** HH:MM in the viewer's own time zone. */
export function clockTime(iso: string, locale: string): string {
  return new Date(iso).toLocaleTimeString(locale === 'zh' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
}
