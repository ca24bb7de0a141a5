import { startFakeOpenAI, type FakeOpenAI } from '@lumi/fake-openai';
import { createPrismaClient, type PrismaClient, type Role } from '@lumi/db';
import { createTestDatabase, type TestDatabase } from '@lumi/db/testing';
import {
  appRouter,
  createCallerFactory,
  createContext,
  createServices,
  handleSendMessage,
  handleFollowReply,
} from '../src';
import type { LumiServices, SessionUser, TurnEvent } from '../src';
import { hashPassword } from '../src/account/passwords';

const createCaller = createCallerFactory(appRouter);

export interface World {
  db: TestDatabase;
  fake: FakeOpenAI;
  services: LumiServices;
  users: Record<'student' | 'otherStudent' | 'teacher' | 'otherTeacher' | 'admin', SessionUser>;
  classId: string;
  joinCode: string;
  caller(user: SessionUser | null): ReturnType<typeof createCaller>;
  /** Another app node's own database pool on the same database; disconnected by close(). */
  otherNode(): PrismaClient;
  close(): Promise<void>;
}

/** A migrated database of its own, a fake OpenAI upstream over real HTTP, and one user per role. */
export async function createWorld(env: Record<string, string> = {}): Promise<World> {
  const db = await createTestDatabase();
  const fake = await startFakeOpenAI();
  const services = createServices({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.url, ...env }, { db: db.prisma });
  const passwordHash = await hashPassword('correct horse battery');
  const make = async (key: string, role: Role): Promise<SessionUser> => {
    const user = await db.prisma.user.create({
      data: { email: `${key.toLowerCase()}@school.test`, name: key, role, passwordHash },
    });
    return { id: user.id, role: user.role, name: user.name };
  };
  const users = {
    student: await make('Student', 'STUDENT'),
    otherStudent: await make('OtherStudent', 'STUDENT'),
    teacher: await make('Teacher', 'TEACHER'),
    otherTeacher: await make('OtherTeacher', 'TEACHER'),
    admin: await make('Admin', 'ADMIN'),
  };
  const klass = await db.prisma.class.create({
    data: {
      name: 'Year 9 Maths',
      teacherId: users.teacher.id,
      joinCode: 'MATHS9',
      dailyTokenBudget: 1_000_000,
      defaultModel: 'gpt-4o-mini',
      allowedModels: ['gpt-4o-mini', 'gpt-4o'],
    },
  });
  await db.prisma.enrollment.createMany({
    data: [
      { classId: klass.id, studentId: users.student.id },
      { classId: klass.id, studentId: users.otherStudent.id },
    ],
  });
  const otherNodes: PrismaClient[] = [];
  return {
    db,
    fake,
    services,
    users,
    classId: klass.id,
    joinCode: klass.joinCode,
    caller: (user) => createCaller(createContext(services, user, '127.0.0.1')),
    otherNode() {
      const node = createPrismaClient(db.url);
      otherNodes.push(node);
      return node;
    },
    async close() {
      await services.generations.drain();
      await Promise.all(otherNodes.map((node) => node.$disconnect()));
      await fake.close();
      await db.drop();
    },
  };
}

export interface SendBody {
  conversationId: string;
  clientId?: string;
  content?: string;
  kind?: string;
  [key: string]: unknown;
}

/** POSTs to the chat endpoint as the browser does; returns the status and the parsed events (or error body). */
export async function send(world: World, user: SessionUser | null, body: SendBody, signal?: AbortSignal) {
  return sendVia(world.services, user, body, signal);
}

/** `send` to a node of one's own (other services, another database pool). */
export async function sendVia(services: LumiServices, user: SessionUser | null, body: SendBody, signal?: AbortSignal) {
  const request = new Request('http://lumi.test/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'send', clientId: crypto.randomUUID(), ...body }),
    signal,
  });
  const response = await handleSendMessage(request, services, user);
  return readResponse(response);
}

export async function follow(world: World, user: SessionUser | null, assistantMessageId: string) {
  const response = await handleFollowReply(new Request('http://lumi.test/x'), world.services, user, assistantMessageId);
  return readResponse(response);
}

async function readResponse(response: Response) {
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
    return {
      status: response.status,
      events: [] as TurnEvent[],
      error: (
        (await response.json()) as { error: { code: string; message: string; resetAt?: string; tokensLeft?: number } }
      ).error,
    };
  }
  const text = await response.text();
  const events = text
    .split('\n\n')
    .filter((chunk) => chunk.startsWith('data: '))
    .map((chunk) => JSON.parse(chunk.slice(6)) as TurnEvent);
  return { status: response.status, events, error: null };
}

export function replyText(events: TurnEvent[]): string {
  return events.map((e) => (e.type === 'delta' ? e.text : '')).join('');
}

/** Reads events from a live SSE response one at a time (for stop / disconnect tests). */
export async function openStream(world: World, user: SessionUser, body: SendBody, signal?: AbortSignal) {
  const request = new Request('http://lumi.test/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'send', clientId: crypto.randomUUID(), ...body }),
    signal,
  });
  const response = await handleSendMessage(request, world.services, user);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    response,
    async next(): Promise<TurnEvent | null> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const chunk = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (chunk.startsWith('data: ')) return JSON.parse(chunk.slice(6)) as TurnEvent;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) return null;
        buffer += value;
      }
    },
    cancel: () => reader.cancel(),
  };
}
