import { expect, it } from 'vitest';
import { offeredModels } from '../src/components/teacher/offered-models';

const demo = { id: 'lumi-demo', label: 'Lumi demo tutor (offline)', prices: { input: 0, output: 0 } };

it('keeps a class’s saved models in its settings when this server’s catalog lacks them (the offline demo)', () => {
  expect(offeredModels([demo], ['gpt-4o-mini', 'gpt-5-mini'])).toEqual([
    demo,
    { id: 'gpt-4o-mini', label: 'gpt-4o-mini', prices: null },
    { id: 'gpt-5-mini', label: 'gpt-5-mini', prices: null },
  ]);
  // A catalog that knows them offers each once, with its price.
  const mini = { id: 'gpt-4o-mini', label: 'GPT-4o mini', prices: { input: 1.5e-7, output: 6e-7 } };
  expect(offeredModels([mini], ['gpt-4o-mini'])).toEqual([mini]);
});
