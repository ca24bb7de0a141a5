import type { TutorMode, UiLanguage } from '../generated/prisma/enums';

// Fixed demo data. Emails and the join code identify the demo school, so seeding again changes nothing.
export const DEMO_PASSWORD = 'lumi-demo-pass';

export const DEMO_TEACHER = { email: 'teacher@greenfield.example', name: 'Elena Rivera', language: 'EN' as UiLanguage };

/** The school's admin: approves teachers, sets the spending caps and the models of personal sessions (/admin). */
export const DEMO_ADMIN = { email: 'admin@greenfield.example', name: 'Sam Okafor', language: 'EN' as UiLanguage };

export const DEMO_CLASS = {
  name: 'Year 10 Tutor Group B',
  subject: 'Mixed studies',
  joinCode: 'GREEN10B',
  dailyTokenBudget: 60_000,
  allowedModels: ['gpt-4o-mini', 'gpt-4.1-mini', 'gpt-5-mini'],
  defaultModel: 'gpt-4o-mini',
  tutorRules: ['guide-dont-answer', 'show-working'],
  extraInstructions: 'We are revising for the end-of-term exams; keep explanations short and check understanding.',
};

export interface DemoStudent {
  key: string;
  email: string;
  name: string;
  language: UiLanguage;
}

export const DEMO_STUDENTS: DemoStudent[] = [
  { key: 'maya', email: 'maya.thompson@greenfield.example', name: 'Maya Thompson', language: 'EN' },
  { key: 'liwei', email: 'li.wei@greenfield.example', name: '李伟', language: 'ZH' },
  { key: 'omar', email: 'omar.haddad@greenfield.example', name: 'Omar Haddad', language: 'EN' },
  { key: 'xinyi', email: 'zhang.xinyi@greenfield.example', name: '张心怡', language: 'ZH' },
  { key: 'sofia', email: 'sofia.garcia@greenfield.example', name: 'Sofía García', language: 'EN' },
  { key: 'chenhao', email: 'chen.hao@greenfield.example', name: '陈浩', language: 'ZH' },
];

export interface DemoConversation {
  key: string;
  student: string;
  mode: TutorMode;
  model: string;
  title: string;
  persona?: string;
  daysAgo: number;
  /** Alternating turns, starting with the student. */
  turns: string[];
}

export const DEMO_CONVERSATIONS: DemoConversation[] = [
  {
    key: 'maya-quadratics',
    student: 'maya',
    mode: 'MATHS',
    model: 'gpt-4o-mini',
    title: 'Solving x² − 5x + 6 = 0',
    daysAgo: 2,
    turns: [
      'How do I solve x^2 - 5x + 6 = 0? Can you just give me the answer?',
      "Let's get there together. We want two numbers that multiply to 6 and add to −5. Which pairs of whole numbers multiply to 6?",
      '1 and 6, 2 and 3... so -2 and -3 add to -5!',
      'Exactly. So x² − 5x + 6 = (x − 2)(x − 3). If a product is zero, one factor must be zero. What values of x make each bracket zero?',
      'x = 2 or x = 3',
      'Well done! Check one: 3² − 5·3 + 6 = 9 − 15 + 6 = 0 ✓. Try x² + x − 12 = 0 the same way.',
    ],
  },
  {
    key: 'liwei-python',
    student: 'liwei',
    mode: 'PROGRAMMING',
    model: 'gpt-4.1-mini',
    title: 'Python 列表去重',
    daysAgo: 4,
    turns: [
      '我想去掉列表里重复的数字，但是要保持原来的顺序，这样写为什么不对？\n\n```python\nnums = [3, 1, 3, 2, 1]\nprint(list(set(nums)))\n```',
      '`set` 会去掉重复，但它**不保证顺序**，所以输出可能是 `[1, 2, 3]`。想一想：如果一边遍历一边记录"见过的数字"，要用什么数据结构来判断一个数字是否见过？',
      '用一个 set 记录？\n\n```python\nseen = set()\nresult = []\nfor n in nums:\n    if n not in seen:\n        seen.add(n)\n        result.append(n)\n```',
      '完全正确！结果是 `[3, 1, 2]`，时间复杂度 O(n)。另一个简洁的写法是 `list(dict.fromkeys(nums))`，因为 Python 3.7 以后字典保持插入顺序。',
    ],
  },
  {
    key: 'omar-essay',
    student: 'omar',
    mode: 'WRITING',
    model: 'gpt-4o-mini',
    title: 'Persuasive essay: school uniforms',
    daysAgo: 6,
    turns: [
      'Here is my intro: "School uniforms are bad. In this essay I will say why they are bad." Is it good?',
      'You have a clear position, which is a good start. A stronger introduction usually has a hook, some context and a thesis that previews your reasons. What are your two or three main reasons against uniforms?',
      'They cost a lot, they stop people expressing themselves, and they are uncomfortable in summer.',
      'Those are solid. Try a thesis that names them: "Uniforms should be optional because they burden families with extra costs, limit self-expression, and ignore students\' comfort." Now, what surprising fact or question could open the paragraph as a hook?',
    ],
  },
  {
    key: 'xinyi-translation',
    student: 'xinyi',
    mode: 'TRANSLATION',
    model: 'gpt-4o-mini',
    title: '长城 → English',
    daysAgo: 9,
    turns: [
      '请帮我检查翻译：长城是中国古代的军事防御工程。\nMy translation: "The Great Wall is China\'s ancient military defend project."',
      '意思基本正确！有两个地方可以改进：1）"defend" 是动词，这里需要名词或形容词形式，你觉得应该用哪个？2）"project" 在这里不太自然，"工程" 指的是一项建筑工程，可以考虑 "fortification" 或 "defensive structure"。',
      '"The Great Wall is an ancient Chinese military defensive structure."',
      'Excellent — 语法和用词都很自然了。你还可以说 "a military fortification built in ancient China"，强调"古代建造"。',
    ],
  },
  {
    key: 'chenhao-cafe',
    student: 'chenhao',
    mode: 'LANGUAGE_PRACTICE',
    model: 'gpt-4o-mini',
    title: 'Role-play: ordering at a café',
    persona: 'You are Sam, a friendly barista in a London café. Speak simple English and gently correct mistakes.',
    daysAgo: 1,
    turns: [
      'Hello, I want a coffee with milk and one cake please.',
      'Hi there! One white coffee coming up. Which cake would you like — we have chocolate, lemon or carrot? (Tip: "I\'d like..." sounds more polite than "I want...")',
      "I'd like the lemon cake, please. How much is it?",
      "Great choice! That's £6.40 altogether. Would you like to eat in or take away?",
    ],
  },
  {
    key: 'sofia-photosynthesis',
    student: 'sofia',
    mode: 'SCIENCE',
    model: 'gpt-5-mini',
    title: 'Why do plants need light?',
    daysAgo: 12,
    turns: [
      'Why do plants need sunlight? My notes say photosynthesis but I do not get it.',
      'Good question. Photosynthesis turns carbon dioxide and water into glucose and oxygen, and light provides the energy for it. Where in the leaf do you think the light is captured?',
      'In the chloroplasts? Because of chlorophyll?',
      'Yes! Chlorophyll absorbs mainly red and blue light, which is why leaves look green. Can you write the word equation for photosynthesis?',
    ],
  },
  {
    key: 'maya-js-loop',
    student: 'maya',
    mode: 'PROGRAMMING',
    model: 'gpt-4.1-mini',
    title: 'Loop prints 5 five times',
    daysAgo: 15,
    turns: [
      'Why does this print 5 five times?\n\n```js\nfor (var i = 0; i < 5; i++) {\n  setTimeout(() => console.log(i), 100);\n}\n```',
      '`var` gives one `i` for the whole function, and every callback runs after the loop has finished, when `i` is already 5. What changes if you declare the loop variable with `let` instead?',
      'With let each loop gets its own i so it prints 0 1 2 3 4?',
      'Exactly: `let` creates a fresh binding for each iteration, so each callback remembers its own `i`.',
    ],
  },
  {
    key: 'liwei-english',
    student: 'liwei',
    mode: 'LANGUAGE_PRACTICE',
    model: 'gpt-4o-mini',
    title: '英语口语：周末计划',
    daysAgo: 18,
    turns: [
      'Last weekend I go to the museum with my family.',
      'Sounds fun! Small fix: for the past we say "Last weekend I **went** to the museum." What did you see there?',
      'I went to the museum and saw many old dinosaurs bones.',
      'Great use of "went" and "saw"! One more: "dinosaur bones" (the first noun works like an adjective, so no -s). Which dinosaur was your favourite?',
    ],
  },
];
