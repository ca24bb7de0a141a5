import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Catalog, loadCatalog } from '../src/models/catalog';
import { chooseModel } from '../src/models/choose';

const catalog = loadCatalog({ env: {} });
const allowAll = { allowedModels: [] };

describe('chooseModel', () => {
  it('uses the preferred model when it is allowed and fits', () => {
    const choice = chooseModel({
      catalog,
      policy: { allowedModels: ['gpt-4o-mini', 'gpt-4o'], preferredModel: 'gpt-4o' },
      promptTokens: 1_000,
      replyReserve: 1_000,
    });
    expect(choice).toMatchObject({ ok: true, model: { id: 'gpt-4o' }, reason: { code: 'preferred' } });
  });

  it('picks the cheapest allowed model that fits when there is no preference', () => {
    const choice = chooseModel({
      catalog,
      policy: { allowedModels: ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1'] },
      promptTokens: 2_000,
      replyReserve: 500,
    });
    expect(choice).toMatchObject({ ok: true, model: { id: 'gpt-4o-mini' }, reason: { code: 'cheapest-fit' } });
  });

  it('escalates to a larger window only when the cheaper model does not fit, and says why', () => {
    const choice = chooseModel({
      catalog,
      policy: { allowedModels: ['gpt-4o-mini', 'gpt-4.1-mini'], preferredModel: 'gpt-4o-mini' },
      promptTokens: 200_000,
      replyReserve: 2_000,
    });
    expect(choice.ok && choice.model.id).toBe('gpt-4.1-mini');
    expect(choice.reason.considered).toContainEqual(
      expect.objectContaining({ id: 'gpt-4o-mini', fits: false, rejection: 'window-too-small' }),
    );
    expect(choice.reason.message).toMatch(
      /Cheaper models skipped: gpt-4o-mini \(window of 128,000 tokens is smaller than the 202,000 needed\)/,
    );
  });

  it('ignores a preferred model the policy does not allow and reports it', () => {
    const choice = chooseModel({
      catalog,
      policy: { allowedModels: ['gpt-4o-mini'], preferredModel: 'gpt-5' },
      promptTokens: 100,
      replyReserve: 100,
    });
    expect(choice.ok && choice.model.id).toBe('gpt-4o-mini');
    expect(choice.reason.considered).toContainEqual(expect.objectContaining({ id: 'gpt-5', rejection: 'not-allowed' }));
  });

  it('empty allowedModels means every current model, never legacy or the offline demo', () => {
    const choice = chooseModel({ catalog, policy: allowAll, promptTokens: 100, replyReserve: 100 });
    const ids = choice.reason.considered.map((c) => c.id);
    expect(ids).toContain('gpt-5-nano');
    expect(ids).not.toContain('gpt-3.5-turbo');
    expect(ids).not.toContain('lumi-demo');
    expect(choice.ok && choice.model.id).toBe('gpt-5-nano');
  });

  it('biases by task: code goes to the cheapest model strong at code', () => {
    const choice = chooseModel({
      catalog,
      policy: { ...allowAll, task: 'code' },
      promptTokens: 1_000,
      replyReserve: 1_000,
    });
    expect(choice).toMatchObject({ ok: true, reason: { code: 'task-match' } });
    expect(choice.ok && choice.model.strengths).toContain('code');
    // gpt-4.1-mini (1,000 x $0.40 + 1,000 x $1.60) undercuts gpt-5-mini; gpt-5-nano is cheaper but not code-strong.
    expect(choice.ok && choice.model.id).toBe('gpt-4.1-mini');
  });

  it('rejects a model whose reply cap is below the reserve', () => {
    const choice = chooseModel({
      catalog,
      policy: { allowedModels: ['gpt-3.5-turbo', 'gpt-4o-mini'] },
      promptTokens: 100,
      replyReserve: 8_000,
    });
    expect(choice.ok && choice.model.id).toBe('gpt-4o-mini');
    expect(choice.reason.considered).toContainEqual(
      expect.objectContaining({ id: 'gpt-3.5-turbo', rejection: 'reply-over-max-output' }),
    );
  });

  it('says clearly when nothing fits, naming every model and why', () => {
    const choice = chooseModel({
      catalog,
      policy: { allowedModels: ['gpt-4o-mini', 'no-such-model'] },
      promptTokens: 500_000,
      replyReserve: 1_000,
    });
    expect(choice.ok).toBe(false);
    expect(choice.reason.code).toBe('nothing-fits');
    expect(choice.reason.message).toMatch(/gpt-4o-mini \(window of 128,000 tokens/);
    expect(choice.reason.message).toMatch(/no-such-model \(not in the model catalog\)/);
  });

  it('reports when the policy allows nothing usable', () => {
    const legacyOnly = new Catalog([catalog.require('gpt-3.5-turbo')]);
    expect(chooseModel({ catalog: legacyOnly, policy: allowAll, promptTokens: 1, replyReserve: 1 }).reason.code).toBe(
      'no-models-allowed',
    );
  });

  it('property: a chosen model is allowed and fits; a refusal means no allowed model fits', () => {
    const ids = catalog.list().map((m) => m.id);
    fc.assert(
      fc.property(
        fc.subarray(ids),
        fc.option(fc.constantFrom(...ids), { nil: undefined }),
        fc.option(fc.constantFrom('chat' as const, 'long-text' as const, 'code' as const), { nil: undefined }),
        fc.nat({ max: 1_200_000 }),
        fc.integer({ min: 1, max: 140_000 }),
        (allowedModels, preferredModel, task, promptTokens, replyReserve) => {
          const choice = chooseModel({
            catalog,
            policy: { allowedModels, preferredModel, task },
            promptTokens,
            replyReserve,
          });
          const allowed =
            allowedModels.length > 0
              ? allowedModels
              : ids.filter((id) => !catalog.require(id).legacy && !catalog.require(id).offline);
          const fits = (id: string) => {
            const m = catalog.require(id);
            return promptTokens + replyReserve <= m.contextWindow && replyReserve <= m.maxOutput;
          };
          if (choice.ok) {
            expect(allowed).toContain(choice.model.id);
            expect(fits(choice.model.id)).toBe(true);
            if (preferredModel && allowed.includes(preferredModel) && fits(preferredModel))
              expect(choice.model.id).toBe(preferredModel);
          } else {
            expect(allowed.some(fits)).toBe(false);
          }
        },
      ),
    );
  });
});
