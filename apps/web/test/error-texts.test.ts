import { ERROR_CODES } from '@lumi/api/errors';
import { expect, it } from 'vitest';
import { en } from '../src/i18n/en';
import { zh } from '../src/i18n/zh';

it('says every error code of the API in English and in Chinese', () => {
  for (const code of ERROR_CODES) {
    const key = `error.${code}` as const;
    expect([code, en[key].length > 0]).toEqual([code, true]);
    // A Chinese text, not the English one copied over.
    expect([code, /\p{Script=Han}/u.test(zh[key])]).toEqual([code, true]);
  }
});
