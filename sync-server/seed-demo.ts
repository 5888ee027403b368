import * as Y from 'yjs';
import { journalDocName, schoolDocName } from '../model/index.ts';
import { hashPassword } from './auth/passwords.ts';
import { buildDemoSchool, DEMO_PASSWORD } from './demo/demo-school.ts';
import type { Storage } from './storage/port.ts';

/**
 * Writes the demo school into an empty store: its users (password "demo") and its documents
 * as the first entry of each document's log, attributed to "system".
 */
export async function seedDemoSchool(storage: Storage, opts: { seed?: number } = {}): Promise<void> {
  const demo = buildDemoSchool({ seed: opts.seed });
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
  const now = Date.now();
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
}
