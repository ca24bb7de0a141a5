import { UNTITLED_SESSION } from '@lumi/api/schemas';
import type { Translate } from '../i18n/locale';

/** A session's title as shown: one not named yet reads "New session" in the screen's language. */
export const sessionTitle = (title: string, t: Translate): string =>
  title === UNTITLED_SESSION ? t('chat.newSession') : title;
