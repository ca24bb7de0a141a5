import { z } from 'zod';
import { levelFits, levelSchema, writtenIn, type TargetLanguage } from './levels';
import { cleanText, localTextSchema } from './text';

export const DRILL_DIRECTIONS = ['en-zh', 'zh-en'] as const;
export const drillDirectionSchema = z.enum(DRILL_DIRECTIONS);
export type DrillDirection = z.infer<typeof drillDirectionSchema>;

export function drillLanguages(direction: DrillDirection): { source: TargetLanguage; target: TargetLanguage } {
  return direction === 'en-zh' ? { source: 'en', target: 'zh' } : { source: 'zh', target: 'en' };
}

const drillItemSchema = z.object({
  source: cleanText(1, 300),
  /** Every translation accepted as fully right; the first is the model answer. */
  references: z.array(cleanText(1, 300)).min(1, 'Give at least one reference translation.').max(5),
});

/** A translation drill set; `level` is on the scale of the language translated into. */
export const drillSetSchema = z
  .object({
    direction: drillDirectionSchema,
    level: levelSchema,
    title: localTextSchema(80),
    items: z.array(drillItemSchema).min(1, 'Give at least one sentence.').max(40),
  })
  .superRefine((set, ctx) => {
    const { source, target } = drillLanguages(set.direction);
    if (!levelFits(target, set.level)) {
      ctx.addIssue({
        code: 'custom',
        path: ['level'],
        message: target === 'en' ? 'English uses CEFR levels A1-C1.' : 'Chinese uses HSK levels 1-6.',
      });
    }
    const names = { en: 'English', zh: 'Chinese' };
    set.items.forEach((item, i) => {
      if (!writtenIn(source, item.source))
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, 'source'],
          message: `This sentence must be ${names[source]}.`,
        });
      item.references.forEach((reference, j) => {
        if (!writtenIn(target, reference))
          ctx.addIssue({
            code: 'custom',
            path: ['items', i, 'references', j],
            message: `This translation must be ${names[target]}.`,
          });
      });
    });
  });

export type DrillSetInput = z.input<typeof drillSetSchema>;
export type DrillSet = z.output<typeof drillSetSchema>;
export type DrillItem = DrillSet['items'][number];
