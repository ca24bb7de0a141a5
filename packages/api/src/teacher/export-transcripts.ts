import { strToU8, Zip, ZipDeflate } from 'fflate';
import type { Prisma } from '@lumi/db';
import { loadManagedClass } from '../classes/class-access';
import type { Context } from '../context';
import { teacherProcedure } from '../trpc';
import { recordAccess } from './access-log';
import { slug } from './csv';
import { dayString, rangeBounds } from './day-range';
import { exportTranscriptsInput } from './export-class.types';
import { literalLine, literalText, tutorMarkdown } from '../conversations/markdown-escape';
import { transcriptMessageFields } from '../conversations/transcript-fields';

/** Most sessions one archive holds; a larger class is exported a date range at a time. */
const MAX_SESSIONS = 2_000;
/** Sessions read from the database at a time. */
const BATCH = 200;

const nextTurnOfTheLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A zip built one file at a time, handing the event loop back after each session: a class's archive is about a
 * second of compression, which in one piece would stall every live reply streaming from this node.
 */
class YieldingZip {
  private readonly chunks: Uint8Array[] = [];
  private failure: Error | null = null;
  private readonly zip = new Zip((error, chunk) => {
    if (error) this.failure = error;
    else this.chunks.push(chunk);
  });

  add(name: string, text: string) {
    const file = new ZipDeflate(name, { level: 6 });
    this.zip.add(file);
    file.push(strToU8(text), true);
  }

  finish(): Buffer {
    this.zip.end();
    if (this.failure) throw this.failure;
    return Buffer.concat(this.chunks);
  }
}

/** Sessions in order with their student and every message: `take` of them, after the session `after`. */
const readSessions = (
  ctx: Pick<Context, 'db'>,
  where: Prisma.ConversationWhereInput,
  after: { createdAt: Date; id: string } | null,
  take: number,
) =>
  ctx.db.conversation.findMany({
    // Keyed on the last row's values rather than its id, so a session deleted meanwhile cannot end the archive.
    where: after
      ? {
          AND: [
            where,
            { createdAt: { gte: after.createdAt } },
            { OR: [{ createdAt: { gt: after.createdAt } }, { id: { gt: after.id } }] },
          ],
        }
      : where,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take,
    include: {
      student: { select: { name: true, email: true } },
      messages: { orderBy: { seq: 'asc' }, select: transcriptMessageFields },
    },
  });
type ArchivedSession = Awaited<ReturnType<typeof readSessions>>[number];

/**
 * Every session of the class (or those active in a range) as one zip: per student a Markdown file and a JSON file
 * per session, every message with its status and token count. Logged.
 */
export const exportTranscriptsRoute = teacherProcedure.input(exportTranscriptsInput).query(async ({ ctx, input }) => {
  const klass = await loadManagedClass(ctx, ctx.user, input.classId);
  const range = input.range ? rangeBounds(input.range) : null;
  const where = {
    classId: klass.id,
    ...(range && { lastMessageAt: { gte: range.start }, createdAt: { lt: range.end } }),
  };
  const archive = new YieldingZip();
  let sessions = 0;
  for (let after: ArchivedSession | null = null; sessions < MAX_SESSIONS;) {
    const batch = await readSessions(ctx, where, after, Math.min(BATCH, MAX_SESSIONS - sessions));
    for (const c of batch) {
      const base = `${slug(c.student.name)}/${dayString(c.createdAt)}-${slug(c.title).slice(0, 60)}-${c.id}`;
      archive.add(`${base}.md`, sessionMarkdown(c));
      archive.add(
        `${base}.json`,
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
      await nextTurnOfTheLoop();
    }
    sessions += batch.length;
    if (batch.length < BATCH) break;
    after = batch.at(-1)!;
  }
  await recordAccess(ctx, ctx.user, {
    action: 'EXPORT_TRANSCRIPTS',
    classId: klass.id,
    detail: input.range
      ? { kind: 'sessionsInRange', count: sessions, from: input.range.from, to: input.range.to }
      : { kind: 'sessions', count: sessions },
  });
  return {
    filename: `${slug(klass.name)}-transcripts-${dayString(ctx.now())}.zip`,
    mimeType: 'application/zip',
    sessions,
    truncated: sessions === MAX_SESSIONS,
    base64: archive.finish().toString('base64'),
  };
});

/** One session as Markdown: the student's words literal, the tutor's as the Markdown it wrote. */
function sessionMarkdown(c: ArchivedSession): string {
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
  return lines.join('\n');
}
