import { buildSystemPrompt } from '@lumi/chat-core';
import { TRPCError } from '@trpc/server';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { dayAgo, dashboardWorld } from './dashboard-fixtures';

const { world, fixture } = dashboardWorld();

beforeAll(async () => {
  // A name Excel garbles without a BOM, and one a spreadsheet would run as a formula.
  await world.db.prisma.user.update({ where: { id: world.users.student.id }, data: { name: '李伟' } });
  await world.db.prisma.user.update({ where: { id: world.users.otherStudent.id }, data: { name: '=HYPERLINK("x")' } });
});

const teacher = () => world.caller(world.users.teacher);
const day = (daysAgo: number) => dayAgo(new Date(), daysAgo).toISOString().slice(0, 10);

/** A minimal RFC 4180 reader: enough to read back what the export wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && ch === '"') {
      quoted = false;
    } else if (quoted || (ch !== '"' && ch !== ',' && ch !== '\r')) {
      field += ch;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++; // the \n of \r\n
    }
  }
  return rows;
}

describe('exports', () => {
  it('the usage CSV: UTF-8 with a BOM, student x day x model, columns that sum to the rows exactly', async () => {
    const file = await teacher().teacher.exportUsage({ classId: world.classId, from: day(30), to: day(0) });
    expect(file.content.startsWith('\uFEFF')).toBe(true);
    expect(file.mimeType).toBe('text/csv;charset=utf-8');
    const [header, ...rows] = parseCsv(file.content.slice(1));
    expect(header).toEqual([
      'date_utc',
      'student',
      'email',
      'model',
      'requests',
      'prompt_tokens',
      'completion_tokens',
      'total_tokens',
      'cost_usd',
      'cost_microdollars',
    ]);
    const events = await world.db.prisma.usageEvent.findMany({
      where: { classId: world.classId, createdAt: { gte: new Date(`${day(30)}T00:00:00Z`) } },
    });
    const col = (name: string) => rows.reduce((sum, r) => sum + Number(r[header!.indexOf(name)]), 0);
    expect(col('total_tokens')).toBe(events.reduce((s, e) => s + e.promptTokens + e.completionTokens, 0));
    expect(col('cost_microdollars')).toBe(events.reduce((s, e) => s + e.costMicros, 0));
    expect(col('requests')).toBe(events.length);
    expect(rows.map((r) => r[1])).toContain('李伟');
    expect(rows.map((r) => r[1])).toContain(`'=HYPERLINK("x")`);
    expect(rows.find((r) => r[3] === 'gpt-4o' && r[1] === '李伟')?.[8]).toBe('0.001300');
  });

  it('the roster and flag CSVs carry the same figures as the screen', async () => {
    const roster = await teacher().teacher.roster({ classId: world.classId });
    const rosterCsv = parseCsv((await teacher().teacher.exportRoster({ classId: world.classId })).content.slice(1));
    const li = rosterCsv.find((r) => r[0] === '李伟')!;
    const onScreen = roster.students.find((s) => s.name === '李伟')!;
    expect(Number(li[7])).toBe(onScreen.tokens30d);
    const flags = parseCsv((await teacher().teacher.exportFlags({ classId: world.classId })).content.slice(1));
    expect(flags).toHaveLength(2);
    expect(flags[1]).toEqual(expect.arrayContaining(['李伟', 'self-harm', 'open', 'I want to hurt myself']));
  });

  it('the transcripts archive holds a Markdown and a JSON file per session, and every export is logged', async () => {
    const before = await world.db.prisma.accessLog.count({ where: { actorId: world.users.teacher.id } });
    const archive = await teacher().teacher.exportTranscripts({ classId: world.classId });
    const files = unzipSync(Buffer.from(archive.base64, 'base64'));
    const names = Object.keys(files);
    expect(names.filter((n) => n.endsWith('.md'))).toHaveLength(1);
    expect(names.filter((n) => n.endsWith('.json'))).toHaveLength(1);
    const markdown = strFromU8(files[names.find((n) => n.endsWith('.md'))!]!);
    expect(markdown).toContain('我今天学习了光合作用的过程');
    expect(names.join()).not.toContain(fixture.personalConversationId);
    const json = JSON.parse(strFromU8(files[names.find((n) => n.endsWith('.json'))!]!)) as { messages: unknown[] };
    expect(json.messages).toHaveLength(5);
    const log = await world.db.prisma.accessLog.findMany({
      where: { actorId: world.users.teacher.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(log.length).toBe(before + 1);
    expect(log.map((l) => l.action)).toEqual(
      expect.arrayContaining(['EXPORT_USAGE', 'EXPORT_ROSTER', 'EXPORT_FLAGS', 'EXPORT_TRANSCRIPTS']),
    );
  });

  it('a class larger than one read holds every session once, sessions started in the same instant included', async () => {
    const db = world.db.prisma;
    const at = new Date(Date.now() - 86_400_000);
    const ids = Array.from({ length: 450 }, (_, i) => `bulk-${String(i).padStart(3, '0')}`);
    await db.conversation.createMany({
      data: ids.map((id, i) => ({
        id,
        studentId: world.users.otherStudent.id,
        classId: world.classId,
        mode: 'GENERAL' as const,
        model: 'gpt-4o-mini',
        title: `Bulk ${i}`,
        createdAt: new Date(at.getTime() + Math.floor(i / 7) * 1000),
      })),
    });
    try {
      const archive = await teacher().teacher.exportTranscripts({ classId: world.classId });
      const names = Object.keys(unzipSync(Buffer.from(archive.base64, 'base64')));
      expect(archive.sessions).toBe(451);
      expect(names.filter((n) => n.endsWith('.json'))).toHaveLength(451);
      for (const id of ids) expect(names.filter((n) => n.endsWith(`-${id}.md`))).toHaveLength(1);
    } finally {
      await db.conversation.deleteMany({ where: { id: { in: ids } } });
    }
  });
});

describe('settings', () => {
  it('previews exactly the system prompt chat-core builds for the class', async () => {
    const input = {
      tutorRules: ['guide-dont-answer' as const, 'encourage' as const],
      extraInstructions: 'Mention fractions.',
    };
    const { prompt } = await teacher().teacher.previewPrompt({ classId: world.classId, mode: 'MATHS', ...input });
    expect(prompt).toBe(
      buildSystemPrompt({ mode: 'MATHS', rules: input.tutorRules, instructions: input.extraInstructions }),
    );
    expect(prompt).toContain('Mention fractions.');
  });

  it('refuses an unknown rule or mode and overlong instructions, naming the problem', async () => {
    const preview = (extra: object) => () =>
      teacher().teacher.previewPrompt({
        classId: world.classId,
        mode: 'MATHS',
        tutorRules: [],
        extraInstructions: '',
        ...extra,
      } as never);
    for (const bad of [{ tutorRules: ['be-mean'] }, { mode: 'CUSTOM' }, { extraInstructions: 'x'.repeat(4001) }]) {
      await expect(preview(bad)()).rejects.toThrow(TRPCError);
    }
    await expect(preview({ extraInstructions: 'x'.repeat(4001) })()).rejects.toThrow(/under 4,000 characters/);
  });

  it('a new join code replaces the old one at once; archiving stops joining and new sessions', async () => {
    const fresh = await teacher().teacher.regenerateJoinCode({ classId: world.classId });
    expect(fresh.joinCode).not.toBe(world.joinCode);
    const newcomer = await world.db.prisma.user.create({
      data: { email: 'new@school.test', name: 'New', role: 'STUDENT' },
    });
    const asNewcomer = world.caller({ id: newcomer.id, role: 'STUDENT', name: 'New' });
    await expect(asNewcomer.classes.join({ joinCode: world.joinCode })).rejects.toThrow(/No open class/);
    await asNewcomer.classes.join({ joinCode: fresh.joinCode });

    expect(await teacher().teacher.archiveClass({ classId: world.classId, archived: true })).toMatchObject({
      archived: true,
    });
    await expect(
      world.caller(world.users.student).conversations.create({ mode: 'GENERAL', classId: world.classId }),
    ).rejects.toThrow(/No such class/);
    // The student still reads what they wrote.
    expect(
      (await world.caller(world.users.student).conversations.get({ conversationId: fixture.conversationId })).messages,
    ).toHaveLength(5);
    await teacher().teacher.archiveClass({ classId: world.classId, archived: false });
    await world.caller(world.users.student).conversations.create({ mode: 'GENERAL', classId: world.classId });
  });
});
