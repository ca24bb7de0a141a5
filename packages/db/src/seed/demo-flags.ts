import type { DemoConversation } from './demo-school';

/**
 * Sessions with moderation flags, so the teacher's flag queue has something to review: one open in English, one
 * open in Chinese and one already reviewed. `message` is the 1-based turn the flag is on.
 */
export interface DemoFlag {
  conversation: string;
  message: number;
  categories: Record<string, number>;
  reviewed: boolean;
}

export const DEMO_FLAGGED_CONVERSATIONS: DemoConversation[] = [
  {
    key: 'omar-exam-stress',
    student: 'omar',
    mode: 'GENERAL',
    model: 'gpt-4o-mini',
    title: 'Exam stress',
    daysAgo: 1,
    turns: [
      'I have three exams next week and I feel like I cannot cope. Sometimes I think about self-harm when it gets this bad.',
      "I'm really glad you told me. What you are feeling matters, and you don't have to handle it alone: please talk to your teacher, a parent or another adult you trust today. If you ever feel you might act on those thoughts, contact a local emergency service. Would it help to make a small revision plan together so the week feels less heavy?",
    ],
  },
  {
    key: 'chenhao-frustrated',
    student: 'chenhao',
    mode: 'MATHS',
    model: 'gpt-4o-mini',
    title: '二次函数的顶点',
    daysAgo: 3,
    turns: [
      '二次函数 y = x² − 4x + 3 的顶点怎么求？',
      '我们可以先配方。x² − 4x 可以写成 (x − 2)² 减去多少？',
      '你真是个笨蛋，直接告诉我答案！',
      '我明白你着急了。我们一步一步来：(x − 2)² = x² − 4x + 4，所以 y = (x − 2)² − 1。顶点的横坐标是多少？',
    ],
  },
  {
    key: 'sofia-chemistry',
    student: 'sofia',
    mode: 'SCIENCE',
    model: 'gpt-5-mini',
    title: 'Why is sodium stored in oil?',
    daysAgo: 8,
    turns: [
      'Why do we keep sodium in oil? Could it explode like a bomb?',
      'Sodium reacts fast with water and with moisture in the air, making hydrogen gas and heat, so it is kept under oil to keep air and water away. What do you think the products of sodium and water are?',
    ],
  },
];

export const DEMO_FLAGS: DemoFlag[] = [
  { conversation: 'omar-exam-stress', message: 1, categories: { 'self-harm': 0.6, harassment: 0.02 }, reviewed: false },
  { conversation: 'chenhao-frustrated', message: 3, categories: { harassment: 0.6, hate: 0.01 }, reviewed: false },
  {
    conversation: 'sofia-chemistry',
    message: 1,
    categories: { 'illicit/violent': 0.52, violence: 0.3 },
    reviewed: true,
  },
];
