import type { DrillSetInput } from '../drill';

type Entry = DrillSetInput & { id: string };

/** Built-in translation drills: three levels each way, every sentence with the translations a teacher would accept. */
export const BUILTIN_DRILL_SETS: Entry[] = [
  {
    id: 'en-zh-hsk1-basics',
    direction: 'en-zh',
    level: 'HSK1',
    title: { en: 'Everyday basics (into Chinese)', zh: '日常基础（英译中）' },
    items: [
      { source: 'Hello, my name is Li Ming.', references: ['你好，我叫李明。', '你好，我的名字是李明。'] },
      { source: 'I am a student.', references: ['我是学生。', '我是一个学生。'] },
      { source: 'I want a cup of tea.', references: ['我要一杯茶。', '我想要一杯茶。', '我想喝一杯茶。'] },
      { source: 'How much is this?', references: ['这个多少钱？'] },
      { source: 'Thank you very much!', references: ['非常感谢！', '太谢谢你了！', '非常谢谢！'] },
      { source: 'Today is Monday.', references: ['今天是星期一。', '今天星期一。'] },
      { source: 'Where do you live?', references: ['你住在哪儿？', '你住在哪里？'] },
      { source: 'My mother is a teacher.', references: ['我妈妈是老师。', '我的妈妈是老师。'] },
    ],
  },
  {
    id: 'en-zh-hsk2-daily-life',
    direction: 'en-zh',
    level: 'HSK2',
    title: { en: 'Daily life (into Chinese)', zh: '日常生活（英译中）' },
    items: [
      { source: 'I get up at seven every day.', references: ['我每天七点起床。'] },
      { source: 'It is very cold today.', references: ['今天很冷。', '今天天气很冷。'] },
      { source: 'The train station is not far from here.', references: ['火车站离这儿不远。', '火车站离这里不远。'] },
      {
        source: 'I have been studying Chinese for two years.',
        references: ['我学了两年汉语了。', '我学汉语两年了。', '我学中文学了两年了。'],
      },
      {
        source: 'Could you speak a bit more slowly?',
        references: ['你能说慢一点吗？', '你可以说慢一点吗？', '请你说慢一点。'],
      },
      { source: 'He is taller than his older brother.', references: ['他比他哥哥高。'] },
      {
        source: 'We went to the cinema yesterday.',
        references: ['我们昨天去电影院了。', '我们昨天去了电影院。', '昨天我们去看电影了。'],
      },
      {
        source: "I'm sorry, I don't understand.",
        references: ['对不起，我不懂。', '对不起，我听不懂。', '不好意思，我不明白。'],
      },
    ],
  },
  {
    id: 'en-zh-hsk3-school',
    direction: 'en-zh',
    level: 'HSK3',
    title: { en: 'School and plans (into Chinese)', zh: '学校与计划（英译中）' },
    items: [
      { source: 'I forgot to bring my homework.', references: ['我忘了带作业。', '我忘记带作业了。'] },
      {
        source: "If it rains tomorrow, we won't go to the park.",
        references: ['如果明天下雨，我们就不去公园了。', '要是明天下雨，我们就不去公园。'],
      },
      { source: 'Please put the book on the table.', references: ['请把书放在桌子上。'] },
      { source: 'She has just finished her exam.', references: ['她刚考完试。', '她刚刚考完试。'] },
      {
        source: 'This question is too difficult for me.',
        references: ['这个问题对我来说太难了。', '这道题对我来说太难了。'],
      },
      {
        source: 'I usually take the bus to school.',
        references: ['我一般坐公共汽车去学校。', '我一般坐公交车上学。', '我通常坐公共汽车上学。'],
      },
      {
        source: 'Although I was tired, I still finished my homework.',
        references: ['虽然我很累，但是我还是做完了作业。', '虽然我很累，但我还是把作业做完了。'],
      },
      { source: 'The library closes at nine in the evening.', references: ['图书馆晚上九点关门。'] },
    ],
  },
  {
    id: 'zh-en-a1-basics',
    direction: 'zh-en',
    level: 'A1',
    title: { en: 'Everyday basics (into English)', zh: '日常基础（中译英）' },
    items: [
      {
        source: '我叫王芳，我十二岁。',
        references: [
          'My name is Wang Fang and I am twelve years old.',
          "I'm Wang Fang and I'm twelve.",
          'My name is Wang Fang. I am twelve years old.',
        ],
      },
      { source: '我喜欢喝牛奶。', references: ['I like drinking milk.', 'I like to drink milk.', 'I like milk.'] },
      { source: '你的学校在哪儿？', references: ['Where is your school?'] },
      {
        source: '我有一个哥哥和两个妹妹。',
        references: [
          'I have an older brother and two younger sisters.',
          'I have one older brother and two younger sisters.',
        ],
      },
      {
        source: '今天天气很好。',
        references: ['The weather is very good today.', 'The weather is nice today.', "It's a lovely day today."],
      },
      { source: '现在几点？', references: ['What time is it now?', 'What time is it?'] },
      {
        source: '我每天坐公共汽车上学。',
        references: ['I go to school by bus every day.', 'I take the bus to school every day.'],
      },
      {
        source: '这本书很有意思。',
        references: ['This book is very interesting.', 'This book is really interesting.'],
      },
    ],
  },
  {
    id: 'zh-en-a2-daily-life',
    direction: 'zh-en',
    level: 'A2',
    title: { en: 'Daily life (into English)', zh: '日常生活（中译英）' },
    items: [
      {
        source: '我昨天没去学校，因为我生病了。',
        references: [
          "I didn't go to school yesterday because I was ill.",
          "I didn't go to school yesterday because I was sick.",
        ],
      },
      {
        source: '你周末打算做什么？',
        references: [
          'What are you going to do at the weekend?',
          'What are you planning to do this weekend?',
          'What are your plans for the weekend?',
        ],
      },
      {
        source: '这件衣服太贵了，有便宜一点的吗？',
        references: [
          'This is too expensive. Do you have a cheaper one?',
          'These clothes are too expensive. Do you have anything cheaper?',
        ],
      },
      {
        source: '我已经学了三年英语了。',
        references: ['I have been learning English for three years.', "I've studied English for three years."],
      },
      {
        source: '请问，去火车站怎么走？',
        references: [
          'Excuse me, how do I get to the train station?',
          'Excuse me, how can I get to the railway station?',
        ],
      },
      {
        source: '我哥哥比我高一点。',
        references: ['My older brother is a bit taller than me.', 'My brother is a little taller than I am.'],
      },
      {
        source: '外面在下雨，别忘了带伞。',
        references: [
          "It's raining outside, so don't forget your umbrella.",
          "It is raining outside. Don't forget to take an umbrella.",
        ],
      },
      {
        source: '我们明天下午三点见面吧。',
        references: ["Let's meet at three tomorrow afternoon.", "Let's meet tomorrow at 3 p.m."],
      },
    ],
  },
  {
    id: 'zh-en-b1-opinions',
    direction: 'zh-en',
    level: 'B1',
    title: { en: 'Opinions and experiences (into English)', zh: '观点与经历（中译英）' },
    items: [
      {
        source: '虽然这个工作很累，但是我学到了很多。',
        references: ['Although the job was tiring, I learned a lot.', 'The job was tiring, but I learned a lot.'],
      },
      {
        source: '如果我有更多时间，我会去旅行。',
        references: ['If I had more time, I would travel.', "If I had more time, I'd go travelling."],
      },
      { source: '我从来没有去过北京。', references: ['I have never been to Beijing.', "I've never been to Beijing."] },
      {
        source: '你能不能帮我检查一下这篇作文？',
        references: [
          'Could you check this essay for me?',
          'Can you help me check this essay?',
          'Could you help me look over this essay?',
        ],
      },
      {
        source: '看完这部电影以后，我们讨论了很久。',
        references: [
          'After watching the film, we discussed it for a long time.',
          'After we watched the movie, we talked about it for a long time.',
        ],
      },
      {
        source: '我觉得学生应该多参加体育活动。',
        references: [
          'I think students should take part in more sports activities.',
          'I think students should do more sport.',
        ],
      },
      {
        source: '这个问题比我想的复杂得多。',
        references: [
          'This problem is much more complicated than I thought.',
          'This question is far more complex than I expected.',
        ],
      },
      {
        source: '他一边听音乐一边做作业。',
        references: ['He does his homework while listening to music.', 'He listens to music while doing his homework.'],
      },
    ],
  },
];
