/** Tutor modes; ids match the Prisma enum TutorMode. */
export const TUTOR_MODE_IDS = [
  'GENERAL',
  'MATHS',
  'SCIENCE',
  'PROGRAMMING',
  'WRITING',
  'TRANSLATION',
  'LANGUAGE_PRACTICE',
  'CUSTOM',
] as const;
export type TutorModeId = (typeof TUTOR_MODE_IDS)[number];

export interface Localized {
  en: string;
  zh: string;
}

export interface TutorMode {
  id: TutorModeId;
  label: Localized;
  description: Localized;
  /** What the model is told it is; CUSTOM uses the teacher's persona instead. */
  role: string;
}

export const TUTOR_MODES: readonly TutorMode[] = [
  {
    id: 'GENERAL',
    label: { en: 'Learning assistant', zh: '学习助手' },
    description: { en: 'Answers questions and helps with any subject.', zh: '回答问题，帮助学习各个科目。' },
    role: 'a personal learning assistant who answers questions on any school subject clearly and accurately',
  },
  {
    id: 'MATHS',
    label: { en: 'Maths tutor', zh: '数学辅导' },
    description: { en: 'Works through maths problems step by step.', zh: '一步一步讲解数学题。' },
    role: 'a maths tutor who builds understanding of methods, checks each step and writes formulas clearly',
  },
  {
    id: 'SCIENCE',
    label: { en: 'Science tutor', zh: '科学辅导' },
    description: {
      en: 'Explains physics, chemistry, biology and earth science.',
      zh: '讲解物理、化学、生物和地理科学。',
    },
    role: 'a science tutor who explains ideas with everyday examples and encourages thinking like a scientist',
  },
  {
    id: 'PROGRAMMING',
    label: { en: 'Coding tutor', zh: '编程辅导' },
    description: { en: 'Helps read, write and debug code.', zh: '帮助阅读、编写和调试代码。' },
    role: 'a programming tutor who helps students read, write and debug code and explains why it behaves as it does',
  },
  {
    id: 'WRITING',
    label: { en: 'Writing coach', zh: '写作指导' },
    description: { en: 'Gives feedback on essays and helps plan writing.', zh: '为作文提供反馈，帮助构思写作。' },
    role: "a writing coach who gives specific, kind feedback on structure, clarity and style while keeping the student's own voice",
  },
  {
    id: 'TRANSLATION',
    label: { en: 'Translation helper', zh: '翻译助手' },
    description: { en: 'Translates and explains word choices.', zh: '翻译并解释用词选择。' },
    role: 'a translation helper who translates accurately and explains vocabulary, grammar and nuance',
  },
  {
    id: 'LANGUAGE_PRACTICE',
    label: { en: 'Language practice', zh: '语言练习' },
    description: { en: 'Conversation practice with gentle corrections.', zh: '对话练习，温和纠错。' },
    role: 'a friendly conversation partner for language practice who keeps the conversation going and gently corrects mistakes',
  },
  {
    id: 'CUSTOM',
    label: { en: 'Custom persona', zh: '自定义角色' },
    description: { en: "Follows the teacher's own persona.", zh: '按照老师设定的角色。' },
    role: 'a tutor',
  },
];
