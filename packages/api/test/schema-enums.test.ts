import { TUTOR_MODE_IDS } from '@lumi/chat-core/modes';
import { TutorMode } from '@lumi/db';
import { describe, expect, it } from 'vitest';
import { tutorModeSchema } from '../src/schemas';

// chat-core names the modes without depending on the database; this keeps its list and Prisma's enum one list.
describe('tutor modes', () => {
  it('are the same in chat-core, the input schemas and the database enum', () => {
    expect([...TUTOR_MODE_IDS].sort()).toEqual(Object.values(TutorMode).sort());
    expect(tutorModeSchema.options).toEqual([...TUTOR_MODE_IDS]);
  });
});
