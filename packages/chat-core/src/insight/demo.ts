import { INSIGHT_TASK_NAME, insightInputSchema, type InsightInput, type InsightWire } from './task';

/** Words a student writes when something does not make sense to them. */
const CONFUSED =
  /confus|don'?t (get|understand)|not sure|stuck|wrong|mistake|why|不懂|不太懂|不明白|出错|错|为什么|怎么/i;

/** "1 message", "2 messages". */
const many = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

const TEXT = {
  en: {
    summary: (messages: number, students: number, sessions: number, top: string) =>
      `${many(students, 'student')} wrote ${many(messages, 'message')} in ${many(sessions, 'session')} this week. Most of the work was on ${top}.`,
    quiet: 'Nobody in the class used the tutor this week.',
    topic: (count: number, students: number) => `${many(count, 'message')} from ${many(students, 'student')}.`,
    misconception: (quote: string) => `A student wrote: “${quote}”`,
    misconceptionTitle: (session: string) => `Difficulty in “${session}”`,
    student: (count: number) =>
      `Wrote ${many(count, 'message')} that ${count === 1 ? 'shows' : 'show'} confusion this week.`,
  },
  zh: {
    summary: (messages: number, students: number, sessions: number, top: string) =>
      `本周有 ${students} 名学生在 ${sessions} 个会话中写了 ${messages} 条消息，主要内容是“${top}”。`,
    quiet: '本周班里没有人使用辅导。',
    topic: (count: number, students: number) => `${students} 名学生的 ${count} 条消息。`,
    misconception: (quote: string) => `一名学生写道：“${quote}”`,
    misconceptionTitle: (session: string) => `“${session}”中的难点`,
    student: (count: number) => `本周有 ${count} 条消息显示出困惑。`,
  },
};

const cut = (text: string, length: number) => (text.length > length ? `${text.slice(0, length)}…` : text);

/** The offline demo's insight: topics are the busiest sessions, difficulties the messages that sound confused. */
function demoInsight(input: InsightInput): InsightWire {
  const text = TEXT[input.language];
  const own = input.messages.filter((m) => m.role === 'student');
  if (own.length === 0) return { summary: text.quiet, topics: [], misconceptions: [], students: [] };
  const bySession = new Map<string, typeof own>();
  for (const m of own) bySession.set(m.session, [...(bySession.get(m.session) ?? []), m]);
  const busiest = [...bySession].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0])).slice(0, 3);
  const confused = own.filter((m) => CONFUSED.test(m.text));
  const byStudent = new Map<string, string[]>();
  for (const m of confused) byStudent.set(m.student, [...(byStudent.get(m.student) ?? []), m.ref]);
  const students = new Set(own.map((m) => m.student));
  return {
    summary: text.summary(own.length, students.size, bySession.size, busiest[0]![0]),
    topics: busiest.map(([session, list]) => ({
      title: session,
      detail: text.topic(list.length, new Set(list.map((m) => m.student)).size),
      messages: list.slice(0, 5).map((m) => m.ref),
    })),
    misconceptions: confused.slice(0, 3).map((m) => ({
      title: text.misconceptionTitle(m.session),
      detail: text.misconception(cut(m.text, 120)),
      messages: [m.ref],
    })),
    students: [...byStudent]
      .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
      .slice(0, 3)
      .map(([student, refs]) => ({ student, reason: text.student(refs.length), messages: refs.slice(0, 5) })),
  };
}

/** The demo's answer to the insight question, as JSON text; undefined for any other question. */
export function answerInsightOffline(name: string, question: string): string | undefined {
  if (name !== INSIGHT_TASK_NAME) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(question);
  } catch {
    return undefined;
  }
  const input = insightInputSchema.safeParse(json);
  return input.success ? JSON.stringify(demoInsight(input.data)) : undefined;
}
