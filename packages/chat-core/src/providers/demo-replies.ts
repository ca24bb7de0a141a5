// What the offline demo tutor says. Pure and deterministic: the same question always gets the same answer.

const CJK = /[\u3400-\u9fff]/;

/** Chinese when the student wrote Chinese characters and little Latin text. */
export function looksChinese(text: string): boolean {
  const han = text.match(/[\u3400-\u9fff]/g)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  return CJK.test(text) && han >= latin / 4;
}

const notice = {
  en: "\n\n(I'm Lumi's offline demo tutor, not a real AI model, so my answers are simple. To connect a real model, set OPENAI_API_KEY, and OPENAI_BASE_URL for an OpenAI-compatible server.)",
  zh: '\n\n（我是 Lumi 的离线演示导师，不是真正的 AI 模型，所以回答很简单。要连接真正的模型，请设置 OPENAI_API_KEY；使用兼容 OpenAI 的服务器时再设置 OPENAI_BASE_URL。）',
};

const operators: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '×': (a, b) => a * b,
  x: (a, b) => a * b,
  '/': (a, b) => a / b,
  '÷': (a, b) => a / b,
};
const ARITHMETIC = /(-?\d+(?:\.\d+)?)\s*([-+*×x/÷])\s*(-?\d+(?:\.\d+)?)/;

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
}

function arithmeticReply(text: string, zh: boolean): string | undefined {
  const match = ARITHMETIC.exec(text);
  if (!match) return undefined;
  const [, left, op, right] = match as unknown as [string, string, string, string];
  const a = Number(left);
  const b = Number(right);
  if ((op === '/' || op === '÷') && b === 0) {
    return zh
      ? `${left} ${op} ${right}：不能除以零，因为没有任何数乘以 0 能得到 ${left}。`
      : `${left} ${op} ${right} has no answer: you cannot divide by zero, because no number times 0 gives ${left}.`;
  }
  const result = formatNumber(operators[op]!(a, b));
  return zh
    ? `${left} ${op} ${right} = ${result}。\n\n你可以反过来验算一下：用结果和其中一个数，能不能算回另一个数？`
    : `${left} ${op} ${right} = ${result}.\n\nTry checking it backwards: can you get one of the numbers back from the result and the other number?`;
}

const phrasebook: Record<string, Record<string, string>> = {
  hello: { chinese: '你好', spanish: 'hola', french: 'bonjour', german: 'hallo', english: 'hello' },
  'thank you': { chinese: '谢谢', spanish: 'gracias', french: 'merci', german: 'danke', english: 'thank you' },
  goodbye: { chinese: '再见', spanish: 'adiós', french: 'au revoir', german: 'auf Wiedersehen', english: 'goodbye' },
  'good morning': {
    chinese: '早上好',
    spanish: 'buenos días',
    french: 'bonjour',
    german: 'guten Morgen',
    english: 'good morning',
  },
};
const chineseToPhrase: Record<string, string> = {
  你好: 'hello',
  谢谢: 'thank you',
  再见: 'goodbye',
  早上好: 'good morning',
};
const languageNames: Record<string, string> = {
  中文: 'chinese',
  汉语: 'chinese',
  英语: 'english',
  英文: 'english',
  西班牙语: 'spanish',
  法语: 'french',
  德语: 'german',
};

function translationReply(text: string, zh: boolean): string | undefined {
  const lower = text.toLowerCase();
  if (!/\btranslate\b|\btranslation\b|翻译|用.{1,4}(怎么)?说/.test(lower)) return undefined;
  const target =
    /\b(chinese|spanish|french|german|english)\b/.exec(lower)?.[1] ??
    Object.entries(languageNames).find(([name]) => text.includes(name))?.[1] ??
    (zh ? 'english' : 'chinese');
  const source =
    Object.keys(phrasebook).find((p) => lower.includes(p)) ??
    Object.keys(chineseToPhrase).find((word) => text.includes(word));
  const phrase = source && (chineseToPhrase[source] ?? source);
  const translated = phrase ? phrasebook[phrase]?.[target] : undefined;
  if (source && translated) {
    return zh
      ? `“${source}”的翻译是：**${translated}**。试着大声读三遍，再用它造一个句子。`
      : `"${source}" in ${target[0]!.toUpperCase()}${target.slice(1)} is: **${translated}**. Try saying it out loud three times, then use it in a sentence of your own.`;
  }
  return zh
    ? '演示模式只认识几个常用短语（你好、谢谢、再见、早上好）。连接真正的模型后，我可以翻译任何句子。'
    : 'In demo mode I only know a few phrases (hello, thank you, goodbye, good morning). With a real model connected I can translate any sentence.';
}

const CODE_QUESTION = /\b(code|function|program|python|javascript|typescript|loop|bug|script)\b|代码|编程|函数|程序/i;

function codeReply(text: string, zh: boolean): string | undefined {
  if (!CODE_QUESTION.test(text)) return undefined;
  const js = /javascript|typescript|\bjs\b|\bts\b/i.test(text);
  const block = js
    ? '```javascript\nfunction sumUpTo(n) {\n  let total = 0;\n  for (let i = 1; i <= n; i++) {\n    total += i;\n  }\n  return total;\n}\n\nconsole.log(sumUpTo(10)); // 55\n```'
    : '```python\ndef sum_up_to(n):\n    total = 0\n    for i in range(1, n + 1):\n        total += i\n    return total\n\nprint(sum_up_to(10))  # 55\n```';
  return zh
    ? `这是一个小例子：用循环把 1 到 n 的数加起来。\n\n${block}\n\n读一读每一行，然后猜猜 sum_up_to(3) 会输出什么。`
    : `Here is a small example: a loop that adds up the numbers from 1 to n.\n\n${block}\n\nRead it line by line, then predict what it prints for n = 3.`;
}

function topicOf(text: string): string {
  const topic = text
    .replace(/\s+/g, ' ')
    .replace(/^(please\s+)?(can you\s+)?(tell me about|explain|what is|what are|what's|who is|who was)\s+/i, '')
    .replace(/[?？!！。.]+$/, '')
    .trim();
  return topic.length > 60 ? `${topic.slice(0, 57)}...` : topic;
}

function topicReply(text: string, zh: boolean): string {
  const topic = topicOf(text);
  return zh
    ? `你问的是“${topic}”。这是个好问题！我们一步一步来：\n\n1. 关于这个问题，你已经知道些什么？\n2. 哪一部分让你最困惑？\n3. 试着用自己的话解释一遍，我会帮你检查。`
    : `You asked about "${topic}". Good question! Let's work through it step by step:\n\n1. What do you already know about this?\n2. Which part is the most confusing?\n3. Try explaining it in your own words, and I'll help you check it.`;
}

/** The demo tutor's full reply to the student's latest message, notice included. */
export function composeDemoReply(studentText: string): string {
  const text = studentText.trim();
  const zh = looksChinese(text);
  const body = !text
    ? zh
      ? '你好！我是 Lumi。今天想学点什么？'
      : "Hi! I'm Lumi. What would you like to learn today?"
    : (arithmeticReply(text, zh) ?? translationReply(text, zh) ?? codeReply(text, zh) ?? topicReply(text, zh));
  return body + (zh ? notice.zh : notice.en);
}
