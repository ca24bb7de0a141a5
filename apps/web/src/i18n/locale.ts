import type { ErrorCode, FormMessage } from '@lumi/api/errors';
import { en, type MessageKey } from './en';
import { zh } from './zh';

export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_COOKIE = 'lumi-lang';

const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, zh };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** `{count, plural, one {# open flag} other {# open flags}}`: the form a number takes in the language, `#` the number. */
const PLURAL = /\{(\w+), plural, one \{([^{}]*)\} other \{([^{}]*)\}\}/g;

export function translator(locale: Locale): Translate {
  const dict = dictionaries[locale];
  const plural = new Intl.PluralRules(locale);
  return (key, vars) =>
    dict[key]
      .replace(PLURAL, (_, name: string, one: string, other: string) => {
        const value = vars?.[name];
        return (plural.select(Number(value)) === 'one' ? one : other).replaceAll('#', String(value ?? `{${name}}`));
      })
      .replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? `{${name}}`));
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

type ErrorKey = Extract<MessageKey, `error.${string}`>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/**
 * Fails the typecheck until every code of the API's error vocabulary has an `error.<code>` text in en.ts (and so,
 * by zh.ts's type, in Chinese), and until every `error.*` text names a code that exists.
 */
export const ERROR_TEXTS_MATCH_CODES: Same<ErrorKey, `error.${ErrorCode}`> = true;
/** Likewise every validation message of the shared schemas (see @lumi/api/errors FORM_MESSAGES) has its texts. */
export const FORM_TEXTS_MATCH_MESSAGES: Same<Extract<MessageKey, `form.${string}`>, FormMessage> = true;

export function isLocale(value: string | undefined | null): value is Locale {
  return value === 'en' || value === 'zh';
}

/** The cookie wins; otherwise the first Accept-Language entry we speak; otherwise English. */
export function pickLocale(cookie: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookie)) return cookie;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}
