import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDashboard, type DashboardFixture } from './dashboard-fixtures';
import { createWorld, type World } from './harness';

let world: World;
let fixture: DashboardFixture;

beforeAll(async () => {
  world = await createWorld();
  fixture = await seedDashboard(world);
});
afterAll(() => world.close());

describe('privacy.accessLog', () => {
  it('only an admin reads it; teachers, students and anonymous callers are refused', async () => {
    const code = async (user: Parameters<World['caller']>[0]) => {
      try {
        await world.caller(user).privacy.accessLog({});
        return 'ok';
      } catch (error) {
        return error instanceof TRPCError ? error.code : 'other';
      }
    };
    expect(await code(null)).toBe('UNAUTHORIZED');
    for (const who of ['student', 'otherStudent', 'teacher', 'otherTeacher'] as const) {
      expect(await code(world.users[who])).toBe('FORBIDDEN');
    }
    expect(await code(world.users.admin)).toBe('ok');
  });

  it('shows who opened which transcript and who exported what, newest first, by name', async () => {
    await world.caller(world.users.teacher).teacher.transcript({ conversationId: fixture.conversationId });
    await world.caller(world.users.admin).teacher.exportFlags({ classId: world.classId });
    const log = await world.caller(world.users.admin).privacy.accessLog({});
    expect(log.items.slice(0, 2)).toMatchObject([
      { action: 'EXPORT_FLAGS', actorName: 'Admin', className: 'Year 9 Maths' },
      {
        action: 'TRANSCRIPT_VIEW',
        actorName: 'Teacher',
        studentName: 'Student',
        conversationId: fixture.conversationId,
      },
    ]);
    const views = await world.caller(world.users.admin).privacy.accessLog({ action: 'TRANSCRIPT_VIEW' });
    expect(views.items.every((r) => r.action === 'TRANSCRIPT_VIEW')).toBe(true);
    await expect(world.caller(world.users.admin).privacy.accessLog({ action: 'NOPE' as never })).rejects.toThrow(
      TRPCError,
    );
  });
});
