import { expect, it } from 'vitest';
import { answerInsightOffline, INSIGHT_TASK_NAME, type InsightInput, type InsightWire } from '../src/insight';

const week = (messages: InsightInput['messages']): InsightWire =>
  JSON.parse(
    answerInsightOffline(
      INSIGHT_TASK_NAME,
      JSON.stringify({
        task: 'class_insight',
        language: 'en',
        className: 'Year 10',
        week: { from: '2026-11-30', to: '2026-12-06' },
        students: [{ ref: 's1', name: 'Maya' }],
        messages,
      } satisfies InsightInput),
    )!,
  ) as InsightWire;

it('the offline insight says "1 student", "1 message" and "1 session" in the singular', () => {
  const insight = week([
    {
      ref: 'm1',
      student: 's1',
      session: 'Fractions',
      mode: 'MATHS',
      role: 'student',
      text: 'Why is 1/2 + 1/3 not 2/5?',
    },
    {
      ref: 'm2',
      student: 's1',
      session: 'Fractions',
      mode: 'MATHS',
      role: 'tutor',
      text: 'What is a common denominator?',
    },
  ]);
  expect(insight.summary).toBe('1 student wrote 1 message in 1 session this week. Most of the work was on Fractions.');
  expect(insight.topics[0]!.detail).toBe('1 message from 1 student.');
  expect(insight.students[0]!.reason).toBe('Wrote 1 message that shows confusion this week.');
});

it('and more than one in the plural', () => {
  const insight = week(
    ['Why?', 'I am stuck', 'Not sure'].map((text, i) => ({
      ref: `m${i + 1}`,
      student: 's1',
      session: i === 2 ? 'Essay' : 'Fractions',
      mode: 'MATHS',
      role: 'student' as const,
      text,
    })),
  );
  expect(insight.summary).toBe(
    '1 student wrote 3 messages in 2 sessions this week. Most of the work was on Fractions.',
  );
  expect(insight.students[0]!.reason).toBe('Wrote 3 messages that show confusion this week.');
});
