import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { buildFullYearJournal } from '../sync-server/demo/full-year.ts';
import { openSqliteStorage } from '../sync-server/storage/sqlite.ts';
import { RoomRegistry } from '../sync-server/ws/room-registry.ts';
import { JOURNAL_MAPS } from '../model/index.ts';
import { median, type Row } from './machine.ts';

/**
 * Replays a finished journal as the log a year of teaching leaves: the roster first, then one
 * update per lesson (its record, marks and absences), then the absence reasons.
 */
export function lessonByLessonLog(journal: Y.Doc): Uint8Array[] {
  const replica = new Y.Doc();
  const log: Uint8Array[] = [];
  replica.on('update', (u: Uint8Array) => log.push(u));
  const groups = new Map<string, Array<[string, string, unknown]>>();
  const put = (group: string, map: string, key: string, value: unknown) => {
    const g = groups.get(group) ?? [];
    g.push([map, key, value]);
    groups.set(group, g);
  };
  for (const name of ['meta', 'students', 'lessons', 'marks', 'attendance', 'reasons', 'finals']) {
    journal.getMap(name).forEach((value, key) => {
      const group = name === 'lessons' || name === 'marks' || name === 'attendance' ? `lesson:${key.split(':')[0]}` : name;
      put(group, name, key, value);
    });
  }
  const order = ['meta', 'students', ...[...groups.keys()].filter((k) => k.startsWith('lesson:')).sort(), 'reasons', 'finals'];
  for (const g of order) {
    const entries = groups.get(g);
    if (!entries) continue;
    replica.transact(() => {
      for (const [map, key, value] of entries) replica.getMap(map).set(key, value);
    });
  }
  return log;
}

/** Size of the full-year journal and the time to load it from SQLite into a server room. */
export async function documentBench(): Promise<{ rows: Row[]; journal: Y.Doc; school: Y.Doc; classId: string }> {
  const t0 = performance.now();
  const { journal, school, classId, stats } = buildFullYearJournal();
  const genMs = performance.now() - t0;
  const state = Y.encodeStateAsUpdate(journal);
  const log = lessonByLessonLog(journal);
  const dir = mkdtempSync(join(tmpdir(), 'journal-docbench-'));
  const storage = openSqliteStorage(join(dir, 'journal.sqlite'));
  const name = `journal/${classId}/2026`;
  const now = Date.now();
  await storage.appendUpdates(
    name,
    log.map((update) => ({ update, userId: 'u-teacher', sessionId: 's', clientTime: now, serverTime: now })),
  );

  const timeOpen = async (snapshotAfterUpdates: number) => {
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const registry = new RoomRegistry(storage, {
        snapshotAfterUpdates,
        unloadDelayMs: 0,
        onError: console.error,
        policyFor: async () => ({ maps: JOURNAL_MAPS }),
      });
      const t = performance.now();
      const room = await registry.open(name);
      times.push(performance.now() - t);
      room.destroy();
    }
    return median(times);
  };
  const fromLog = await timeOpen(Number.POSITIVE_INFINITY);
  await timeOpen(1); // the first open writes the compaction snapshot
  const fromSnapshot = await timeOpen(Number.POSITIVE_INFINITY);
  await storage.close();

  const json = JSON.stringify(
    Object.fromEntries(['students', 'lessons', 'marks', 'attendance', 'reasons'].map((m) => [m, journal.getMap(m).toJSON()])),
  );
  const rows: Row[] = [
    { figure: 'full year: students / subjects / lessons', value: `${stats.students} / ${stats.subjects} / ${stats.lessons}` },
    { figure: 'full year: marks / absences', value: `${stats.marks} / ${stats.absences}` },
    { figure: 'generation through the accessors', value: `${genMs.toFixed(0)} ms` },
    { figure: 'encoded document (Y.encodeStateAsUpdate)', value: `${(state.byteLength / 1e6).toFixed(3)} MB`, aim: '≤ 1 MB' },
    { figure: 'same data as plain JSON', value: `${(Buffer.byteLength(json) / 1e6).toFixed(3)} MB` },
    {
      figure: `update log (${log.length} updates, one per lesson)`,
      value: `${(log.reduce((s, u) => s + u.byteLength, 0) / 1e6).toFixed(3)} MB`,
    },
    { figure: 'server load from SQLite, log only (median of 7)', value: `${fromLog.toFixed(1)} ms` },
    { figure: 'server load from SQLite, compacted snapshot (median of 7)', value: `${fromSnapshot.toFixed(1)} ms` },
  ];
  return { rows, journal, school, classId };
}
