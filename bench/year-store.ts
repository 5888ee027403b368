import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import type { ClassId } from '../model/index.ts';
import { loadSigningKey } from '../sync-server/archive/keys.ts';
import { Snapshotter } from '../sync-server/archive/snapshotter.ts';
import { hashPassword } from '../sync-server/auth/passwords.ts';
import { openSqliteStorage } from '../sync-server/storage/sqlite.ts';
import { lessonByLessonLog } from './document-bench.ts';
import { buildSchool, journalName, schoolName, type BuiltSchool, type Person } from './year-school.ts';

/** The server's default for a count-based signed snapshot (SNAPSHOT_EVERY_UPDATES, ARC-7). */
const SNAPSHOT_EVERY_UPDATES = 500;
/** A room that loads behind this many updates writes a compaction snapshot (server.ts: snapshotAfterUpdates). */
const COMPACT_AFTER_UPDATES = 200;
/** Updates appended between two looks of the server (a room load, the snapshotter's poll): some days' lessons. */
const DAY_OF_UPDATES = 50;
/** When the year's last lessons were written: the store's updates are stamped around then. */
const WRITTEN_AT = Date.parse('2027-05-31T15:00:00+03:00');

export const DEPUTY: Person = { id: 'u-deputy' as Person['id'], login: 'deputy', name: 'Морозова Ирина Владимировна' };

export interface SchoolStore {
  built: BuiltSchool;
  buildMs: number;
  documents: number;
  updates: number;
  signedSnapshots: number;
  /** Bytes of every file in the data directory (the SQLite file and the signing keys). */
  bytes: number;
}

/** Bytes of every file under `dir`. */
export function dirBytes(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    n += e.isDirectory() ? dirBytes(p) : statSync(p).size;
  }
  return n;
}

/**
 * Writes the 40-class school into the empty data directory `dir` as a year of use leaves it:
 * the users (password "demo"), the school year as one update (as the demo seeds it), each journal
 * as its lesson-by-lesson log (one update per lesson, bench/document-bench.ts) and, as the
 * server would have written them while the log grew, a compaction snapshot once 200 updates
 * follow the last (a room loading) and a signed one once 500 do (the snapshotter) — so the
 * start, the preparation and the archive read what a real year leaves.
 */
export async function writeSchoolStore(dir: string, log: (m: string) => void): Promise<SchoolStore> {
  const t = performance.now();
  const built = buildSchool();
  const buildMs = performance.now() - t;
  log(`year bench: school built in ${(buildMs / 1000).toFixed(1)} s, writing the store…`);
  const storage = openSqliteStorage(join(dir, 'journal.sqlite'));
  // One hash for everyone: argon2 is slow on purpose and its cost is no part of these figures.
  const passwordHash = await hashPassword('demo');
  const people: Array<Person & { roles: Array<'admin' | 'deputy' | 'teacher'> }> = [
    { id: 'u-admin' as Person['id'], login: 'admin', name: 'Кузнецов Андрей Викторович', roles: ['admin'] },
    { ...DEPUTY, roles: ['deputy'] },
    ...built.teachers.map((p) => ({ ...p, roles: ['teacher' as const] })),
  ];
  for (const p of people) await storage.createUser({ ...p, passwordHash, disabled: false });

  const snapshotter = new Snapshotter(
    storage,
    loadSigningKey(dir, () => new Date(WRITTEN_AT)),
    { everyUpdates: SNAPSHOT_EVERY_UPDATES, everyMs: Number.POSITIVE_INFINITY, pollMs: 0 },
    (e) => console.error(e),
    () => WRITTEN_AT,
  );
  // The snapshotter's replay worker is unref'd (it must not keep a stopping server alive); here
  // no server holds the event loop open, so this timer does while the store is written.
  const keepAlive = setInterval(() => {}, 1000);
  const row = (update: Uint8Array, userId: string) => ({
    update,
    userId,
    sessionId: 'bench',
    clientTime: WRITTEN_AT,
    serverTime: WRITTEN_AT,
  });
  await storage.appendUpdates(schoolName(), [row(Y.encodeStateAsUpdate(built.school), 'system')]);
  let updates = 1;
  let signedSnapshots = 0;
  for (const [classId, journal] of built.journals) {
    const name = journalName(classId as ClassId);
    const lessons = lessonByLessonLog(journal);
    // The room's copy, to write the compaction snapshots a room writes when it loads (room-registry.ts).
    const replica = new Y.Doc();
    let compacted = 0;
    let signed = 0;
    for (let i = 0; i < lessons.length; i += DAY_OF_UPDATES) {
      const chunk = lessons.slice(i, i + DAY_OF_UPDATES);
      // Who wrote each lesson is no part of these figures: one author for the whole log.
      const seq = await storage.appendUpdates(
        name,
        chunk.map((u) => row(u, built.busiestTeacher.id)),
      );
      Y.transact(replica, () => chunk.forEach((u) => Y.applyUpdate(replica, u)));
      if (seq - compacted >= COMPACT_AFTER_UPDATES) {
        const state = Y.encodeStateAsUpdate(replica);
        await storage.putSnapshot(name, { upToSeq: seq, state, stateVector: Y.encodeStateVector(replica), createdAt: WRITTEN_AT });
        compacted = seq;
      }
      if (seq - signed >= SNAPSHOT_EVERY_UPDATES) {
        await snapshotter.snapshotDocument(name);
        signed = seq;
        signedSnapshots++;
      }
    }
    replica.destroy();
    updates += lessons.length;
  }
  await snapshotter.stop();
  clearInterval(keepAlive);
  await storage.close();
  return { built, buildMs, documents: 1 + built.journals.size, updates, signedSnapshots, bytes: dirBytes(dir) };
}
