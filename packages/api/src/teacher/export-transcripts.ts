import { strToU8, zipSync } from 'fflate';
import { loadManagedClass } from '../classes/class-access';
import { teacherProcedure } from '../trpc';
import { recordAccess } from './access-log';
import { slug } from './csv';
import { dayString, rangeBounds } from './day-range';
import { exportTranscriptsInput } from './export-class.types';
import { literalLine, literalText, tutorMarkdown } from '../conversations/markdown-escape';
import { transcriptMessageFields } from '../conversations/transcript-fields';

/** Most sessions one archive holds; a larger class is exported a date range at a time. */
const MAX_SESSIONS = 2_000;

/**
 * Every session of the class (or those active in a range) as one zip: per student a Markdown file and a JSON file
 * per session, every message with its status and token count. Logged.
 */
export const exportTranscriptsRoute = teacherProcedure.input(exportTranscriptsInput).query(async ({ ctx, input }) => {
  const klass = await loadManagedClass(ctx, ctx.user, input.classId);
  const range = input.range ? rangeBounds(input.range) : null;
  const conversations = await ctx.db.conversation.findMany({
    where: {
      classId: klass.id,
      ...(range && { lastMessageAt: { gte: range.start }, createdAt: { lt: range.end } }),
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: MAX_SESSIONS,
    include: {
      student: { select: { name: true, email: true } },
      messages: {
        orderBy: { seq: 'asc' },
        select: transcriptMessageFields,
      },
    },
  });
  await recordAccess(ctx, ctx.user, {
    action: 'EXPORT_TRANSCRIPTS',
    classId: klass.id,
    detail: `${conversations.length} sessions${input.range ? `, ${input.range.from}..${input.range.to}` : ''}`,
  });
  const files: Record<string, Uint8Array> = {};
  for (const c of conversations) {
    const base = `${slug(c.student.name)}/${dayString(c.createdAt)}-${slug(c.title).slice(0, 60)}-${c.id}`;
    const lines = [
      `# ${literalLine(c.title)}`,
      '',
      `Student: ${literalLine(c.student.name)} <${c.student.email}> · Mode: ${c.mode} · Model: ${c.model}`,
      `Started: ${c.createdAt.toISOString()} · Last message: ${c.lastMessageAt.toISOString()}`,
      '',
    ];
    for (const m of c.messages) {
      const notes = [
        m.supersededAt ? 'replaced by an edit' : null,
        m.status === 'STOPPED' ? 'stopped' : m.status === 'ERROR' ? 'incomplete' : null,
      ].filter(Boolean);
      const who = m.role === 'USER' ? literalLine(c.student.name) : 'Tutor';
      lines.push(
        `## ${who} · ${m.createdAt.toISOString()}${notes.length ? ` (${notes.join(', ')})` : ''}`,
        '',
        m.role === 'USER' ? literalText(m.content) : tutorMarkdown(m.content),
        '',
      );
    }
    files[`${base}.md`] = strToU8(lines.join('\n'));
    files[`${base}.json`] = strToU8(
      JSON.stringify(
        {
          id: c.id,
          title: c.title,
          mode: c.mode,
          model: c.model,
          student: c.student,
          createdAt: c.createdAt,
          lastMessageAt: c.lastMessageAt,
          messages: c.messages,
        },
        null,
        2,
      ),
    );
  }
  const zip = zipSync(files, { level: 6 });
  return {
    filename: `${slug(klass.name)}-transcripts-${dayString(ctx.now())}.zip`,
    mimeType: 'application/zip',
    sessions: conversations.length,
    truncated: conversations.length === MAX_SESSIONS,
    base64: Buffer.from(zip).toString('base64'),
  };
});
