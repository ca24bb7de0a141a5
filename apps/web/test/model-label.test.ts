import { BUILTIN_MODELS, DEMO_MODEL } from '@lumi/chat-core';
import { expect, it } from 'vitest';
import { translator } from '../src/i18n/locale';
import { DEMO_MODEL_ID, modelLabel } from '../src/lib/model-label';

it('names the offline demo tutor in the screen’s language, and every other model by its catalog name', () => {
  expect(DEMO_MODEL_ID).toBe(DEMO_MODEL);
  const demo = BUILTIN_MODELS.find((m) => m.id === DEMO_MODEL)!;
  expect(modelLabel(demo, translator('zh'))).toBe('Lumi 演示导师（离线）');
  expect(modelLabel(demo, translator('en'))).toBe('Lumi demo tutor (offline)');
  const mini = BUILTIN_MODELS.find((m) => m.id === 'gpt-4o-mini')!;
  expect(modelLabel(mini, translator('zh'))).toBe(mini.label);
});
