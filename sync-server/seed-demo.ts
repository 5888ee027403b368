import * as Y from 'yjs';
import { journalDocName, schoolDocName } from '../model/index.ts';
import { hashPassword } from './auth/passwords.ts';
import { currentClock, localDateOf, type Clock } from './clock.ts';
import { demoFamilyUsers } from './demo/demo-family.ts';
import { seedDemoBoards } from './announcements/demo-boards.ts';
import { seedDemoConversations } from './messages/demo-conversations.ts';
import { buildDemoSchool, DEMO_PASSWORD } from './demo/demo-school.ts';
import type { Storage } from './storage/port.ts';

/**
 * Writes the demo school into an empty store: its users (password "demo") and its documents
 * as the first entry of each document's log, attributed to "system". The journals are filled
 * up to the day `now` reads (the process's clock unless given: README, "The demo's today").
 */
export async function seedDemoSchool(storage: Storage, opts: { seed?: number; now?: Clock } = {}): Promise<void> {
  const clock = opts.now ?? currentClock();
  const demo = buildDemoSchool({ seed: opts.seed, today: localDateOf(clock()) });
  for (const u of demo.users) {
    await storage.createUser({
      id: u.id,
      login: u.login,
      name: u.name,
      roles: u.roles,
      passwordHash: await hashPassword(DEMO_PASSWORD),
      disabled: false,
    });
  }
  // DIARY-1: a parent and a student of 5Б, to try the diary with.
  for (const u of demoFamilyUsers(demo.journals)) {
    await storage.createUser({ ...u, passwordHash: await hashPassword(DEMO_PASSWORD), disabled: false });
  }
  const now = clock();
  const row = (doc: Y.Doc) => ({
    update: Y.encodeStateAsUpdate(doc),
    userId: 'system',
    sessionId: 'system',
    clientTime: null,
    serverTime: now,
  });
  await storage.appendUpdates(schoolDocName(demo.schoolId, demo.yearId), [row(demo.school)]);
  for (const [classId, journal] of demo.journals) {
    await storage.appendUpdates(journalDocName(classId, demo.yearId), [row(journal)]);
  }
  // MSG-16: a conversation or two of the demo parent, so that a new user sees «Сообщения» at work.
  const family = demoFamilyUsers(demo.journals);
  const studentName = family.find((u) => u.login === 'student')?.name ?? '';
  await seedDemoConversations(storage, { family, yearId: demo.yearId, studentName, now });
  // ANN-10: a pinned announcement on the school's board and on 5Б's.
  await seedDemoBoards(storage, { yearId: demo.yearId, now });
}
