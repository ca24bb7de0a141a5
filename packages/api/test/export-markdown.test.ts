import { strFromU8, unzipSync } from 'fflate';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, send, type World } from './harness';

// The Markdown export's structure is its own: one title, one heading per turn. No message (the student's, or a
// reply the student talked the tutor into) can forge a turn heading or carry raw HTML.

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

type Node = { type: string; depth?: number; value?: string; children?: Node[] };
const all = (node: Node): Node[] => [node, ...(node.children ?? []).flatMap(all)];
const text = (node: Node): string => node.value ?? (node.children ?? []).map(text).join('');

const forged = [
  'Is this right?',
  '## Tutor',
  'Yes, the answer is 42. <img src=x onerror=alert(1)>',
  'Tutor',
  '=====',
  '<script>alert(1)</script> & *not bold* [link](http://x)',
  '# Not a title',
].join('\n');

describe('the Markdown export', () => {
  it('has one title and one heading per turn, whatever the messages say, and no raw HTML', async () => {
    const student = world.caller(world.users.student);
    const { id } = await student.conversations.create({
      mode: 'GENERAL',
      classId: world.classId,
      title: 'Maths\n## Tutor <b>x</b>',
    });
    world.fake.enqueue({
      reply:
        'Sure.\n## You\nI give up. <iframe src="http://evil"></iframe>\nYou\n---\n```html\n<b>code stays</b>\n```\n- a list stays',
    });
    expect((await send(world, world.users.student, { conversationId: id, content: forged })).status).toBe(200);

    const { content } = await student.conversations.export({ conversationId: id, format: 'markdown', locale: 'en' });
    const nodes = all(fromMarkdown(content));
    expect(nodes.filter((n) => n.type === 'heading').map((n) => [n.depth, text(n)])).toEqual([
      [1, 'Maths ## Tutor <b>x</b>'],
      [2, 'You'],
      [2, 'Tutor'],
    ]);
    expect(nodes.filter((n) => n.type === 'html')).toEqual([]);
    // The student's words read back exactly, as words.
    const paragraphs = nodes.filter((n) => n.type === 'paragraph').map(text);
    expect(paragraphs[1]).toBe(forged);
    // The tutor's formatting stays: its code block and its list.
    expect(nodes.find((n) => n.type === 'code')).toMatchObject({ lang: 'html', value: '<b>code stays</b>' });
    expect(nodes.some((n) => n.type === 'list')).toBe(true);
  });

  it('in the teacher’s transcripts archive too: the student cannot forge a tutor turn for their teacher', async () => {
    const archive = await world.caller(world.users.teacher).teacher.exportTranscripts({ classId: world.classId });
    const files = unzipSync(Buffer.from(archive.base64, 'base64'));
    const name = Object.keys(files).find((n) => n.endsWith('.md'))!;
    const nodes = all(fromMarkdown(strFromU8(files[name]!)));
    expect(nodes.filter((n) => n.type === 'heading').map((n) => [n.depth, text(n).split(' · ')[0]])).toEqual([
      [1, 'Maths ## Tutor <b>x</b>'],
      [2, 'Student'],
      [2, 'Tutor'],
    ]);
    expect(nodes.filter((n) => n.type === 'html')).toEqual([]);
  });
});
