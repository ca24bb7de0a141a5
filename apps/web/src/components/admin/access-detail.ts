import type { MessageKey } from '../../i18n/en';
import type { Translate } from '../../i18n/locale';

/**
 * Each shape of access-log detail the API writes (in English, for logs and exports: packages/api recordAccess,
 * recordOverseerRead, recordListRead callers), the words to show it with and the names of its values, in order.
 */
const SHAPES: ReadonlyArray<readonly [RegExp, MessageKey, readonly string[]]> = [
  [/^session$/, 'privacy.detail.session', []],
  [/^live reply$/, 'privacy.detail.liveReply', []],
  [/^one session, (\w+)$/, 'privacy.detail.oneSession', ['format']],
  [/^practice: (.*)$/s, 'privacy.detail.practice', ['title']],
  [/^(\d+) sessions, (\S+)\.\.(\S+)$/, 'privacy.detail.sessionsInRange', ['count', 'from', 'to']],
  [/^(\d+) sessions$/, 'privacy.detail.sessions', ['count']],
  [/^(\S+)\.\.(\S+), (\d+) rows$/, 'privacy.detail.usageRows', ['from', 'to', 'count']],
  [/^(\d+) flags$/, 'privacy.detail.flags', ['count']],
  [/^flags queue: (\d+) excerpts?$/, 'privacy.detail.flagExcerpts', ['count']],
  [/^search "(.*)": (\d+) messages?$/s, 'privacy.detail.search', ['query', 'count']],
  [
    /^(\d+) sessions, (\d+) messages deleted; (\d+) usage rows kept without the student$/,
    'privacy.detail.deleted',
    ['sessions', 'messages', 'usage'],
  ],
  [/^(\d+) sessions, (\d+) usage rows$/, 'privacy.detail.exported', ['sessions', 'usage']],
];

/** An access-log record's detail in the screen's language; a shape this does not know is shown as written. */
export function accessDetail(detail: string, t: Translate): string {
  for (const [shape, key, names] of SHAPES) {
    const match = shape.exec(detail);
    if (match) return t(key, Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? ''])));
  }
  return detail;
}
