import type { AccessDetail } from '@lumi/api/schemas';
import type { Translate } from '../../i18n/locale';

/** An access-log record's detail in the screen's language: each kind has its `privacy.detail.<kind>` text. */
export function accessDetail(detail: AccessDetail | null, t: Translate): string {
  if (!detail) return '';
  if (detail.kind === 'text') return detail.text;
  const { kind, ...values } = detail;
  return t(`privacy.detail.${kind}`, values);
}
