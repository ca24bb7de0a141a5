import { isErrorCode } from '@lumi/api/errors';
import { TRPCClientError } from '@trpc/client';
import { isMessageKey, type Translate } from '../i18n/locale';

/** What the UI needs from any failure: a message, a stable code, and when trying again will work. */
export interface UiError {
  code: string | null;
  message: string;
  resetAt: string | null;
  /** For a budget refusal: the tokens left today. */
  tokensLeft?: number | null;
  fieldErrors?: Record<string, string[] | undefined> | null;
}

export function toUiError(error: unknown): UiError {
  if (error instanceof TRPCClientError) {
    const data = error.data as
      { appCode?: string | null; resetAt?: string | null; fieldErrors?: UiError['fieldErrors'] } | undefined;
    return {
      code: data?.appCode ?? null,
      message: error.message,
      resetAt: data?.resetAt ?? null,
      fieldErrors: data?.fieldErrors,
    };
  }
  return { code: null, message: error instanceof Error ? error.message : String(error), resetAt: null };
}

/** The UI language's words for a code it knows (the reset time stays); only an unknown code shows the server's text. */
export function localizeError(error: UiError, t: Translate): UiError {
  return isErrorCode(error.code) ? { ...error, message: t(`error.${error.code}`) } : error;
}

/** A field's validation message in the UI language: the shared schemas' messages are dictionary keys (form.*). */
export function fieldText(message: string, t: Translate): string {
  return isMessageKey(message) ? t(message) : message;
}

/** HH:MM in the viewer's own time zone. */
export function clockTime(iso: string, locale: string): string {
  return new Date(iso).toLocaleTimeString(locale === 'zh' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
}
