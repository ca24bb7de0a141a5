import { z } from 'zod';
import type { StructuredTask } from '../practice/structured';

/** The structured question behind a class insight: what a class worked on and struggled with over a week. */
export const INSIGHT_TASK_NAME = 'lumi_class_insight';

/** Messages are cited by short references (m1, m2, …) and students by s1, s2, …: ids cost tokens and invite typos. */
export const insightInputSchema = z.object({
  task: z.literal('class_insight'),
  /** The language the teacher reads: every text of the answer is in it. */
  language: z.enum(['en', 'zh']),
  className: z.string(),
  week: z.object({ from: z.string(), to: z.string() }),
  students: z.array(z.object({ ref: z.string(), name: z.string() })),
  messages: z.array(
    z.object({
      ref: z.string(),
      student: z.string(),
      session: z.string(),
      mode: z.string(),
      role: z.enum(['student', 'tutor']),
      text: z.string(),
    }),
  ),
});
export type InsightInput = z.infer<typeof insightInputSchema>;

const claim = z.object({ title: z.string(), detail: z.string(), messages: z.array(z.string()) });
/** What the model answers (OpenAI strict structured output: every field required). */
export const insightWireSchema = z.object({
  summary: z.string(),
  topics: z.array(claim),
  misconceptions: z.array(claim),
  students: z.array(z.object({ student: z.string(), reason: z.string(), messages: z.array(z.string()) })),
});
export type InsightWire = z.infer<typeof insightWireSchema>;

/** A claim whose references were checked: every one names a message given in the question. */
export interface InsightClaim {
  title: string;
  detail: string;
  messages: string[];
}
export interface InsightAnswer {
  summary: string;
  topics: InsightClaim[];
  misconceptions: InsightClaim[];
  students: Array<{ student: string; reason: string; messages: string[] }>;
}

const SYSTEM = `You help a school teacher understand one week of their class's sessions with an AI tutor.
From the messages given (students' questions and the tutor's replies), write:
- summary: two or three sentences on what the class worked on and how it went;
- topics: the main topics the class worked on (at most 5);
- misconceptions: likely misconceptions or recurring difficulties, each specific enough to teach to (at most 5);
- students: students who may need the teacher's help, with the reason (at most 5; only with evidence).
Every topic, misconception and student must cite the references (m1, m2, ...) of the messages that support it,
and only those; a student is named by their reference (s1, s2, ...). Claim nothing the messages do not show.
Write every text in the language named "language" (en: English, zh: Simplified Chinese).`;

/**
 * The question, and a check that keeps only what the messages back: each claim keeps the references it was given
 * that name a message of the question (for a student, one of that student's own), and a claim left with none is
 * dropped. So every claim the teacher sees links to messages of this class and week.
 */
export function insightTask(input: InsightInput): StructuredTask<InsightAnswer> {
  const author = new Map(input.messages.map((m) => [m.ref, m.student]));
  const students = new Set(input.students.map((s) => s.ref));
  const known = (refs: string[], student?: string) =>
    [...new Set(refs)].filter((r) => author.has(r) && (student === undefined || author.get(r) === student));
  const claims = (list: InsightWire['topics']) =>
    list
      .map((c) => ({ title: c.title.trim(), detail: c.detail.trim(), messages: known(c.messages) }))
      .filter((c) => c.title && c.messages.length > 0);
  return {
    name: INSIGHT_TASK_NAME,
    schema: insightWireSchema,
    system: SYSTEM,
    input,
    maxTokens: 1_500,
    check(raw) {
      const wire = insightWireSchema.parse(raw);
      return {
        summary: wire.summary.trim(),
        topics: claims(wire.topics).slice(0, 5),
        misconceptions: claims(wire.misconceptions).slice(0, 5),
        students: wire.students
          .filter((s) => students.has(s.student))
          .map((s) => ({ student: s.student, reason: s.reason.trim(), messages: known(s.messages, s.student) }))
          .filter((s) => s.messages.length > 0)
          .slice(0, 5),
      };
    },
  };
}
