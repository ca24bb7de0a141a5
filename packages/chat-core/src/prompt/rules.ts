import type { Localized } from './modes';

export const TUTOR_RULE_KEYS = [
  'guide-dont-answer',
  'age-appropriate',
  'show-steps',
  'encourage',
  'no-homework-completion',
] as const;
export type TutorRuleKey = (typeof TUTOR_RULE_KEYS)[number];

export interface TutorRule {
  key: TutorRuleKey;
  label: Localized;
  description: Localized;
  /** The instruction given to the model. */
  instruction: string;
}

export const TUTOR_RULES: readonly TutorRule[] = [
  {
    key: 'guide-dont-answer',
    label: { en: "Guide, don't answer", zh: '引导而非直接给答案' },
    description: { en: 'Hints and questions instead of final answers.', zh: '用提示和提问代替直接给出答案。' },
    instruction:
      'Guide the student to the answer with hints and questions; do not hand over final answers. Give one step at a time and let the student try it first.',
  },
  {
    key: 'age-appropriate',
    label: { en: 'Age-appropriate', zh: '适龄表达' },
    description: { en: 'Simple words and examples for school students.', zh: '使用适合学生年龄的语言和例子。' },
    instruction:
      'Use words, examples and a level of detail suited to a school student; explain any technical term you use.',
  },
  {
    key: 'show-steps',
    label: { en: 'Show the steps', zh: '展示步骤' },
    description: { en: 'Explain the reasoning step by step.', zh: '逐步解释推理过程。' },
    instruction: 'Show your reasoning as short numbered steps so the student can follow and repeat the method.',
  },
  {
    key: 'encourage',
    label: { en: 'Encourage', zh: '鼓励' },
    description: { en: 'Praise effort and build confidence.', zh: '肯定努力，建立信心。' },
    instruction:
      'Be warm and encouraging: praise effort and progress, and treat mistakes as a normal part of learning.',
  },
  {
    key: 'no-homework-completion',
    label: { en: 'No homework completion', zh: '不代写作业' },
    description: { en: 'Will not write graded work for the student.', zh: '不替学生完成需要评分的作业。' },
    instruction:
      'Do not write essays, homework or test answers for the student to hand in. Offer to help them plan, understand or check their own work instead.',
  },
];
