import type { Translate } from '../i18n/locale';

/** The offline demo tutor's model id (chat-core's DEMO_MODEL; chat-core stays out of the browser bundle). */
export const DEMO_MODEL_ID = 'lumi-demo';

/** A model's name as shown: the catalog's, except the offline demo tutor, which is named in the screen's language. */
export const modelLabel = (model: { id: string; label: string }, t: Translate): string =>
  model.id === DEMO_MODEL_ID ? t('model.demo') : model.label;
