import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { assignTeacher, classes, type ClassId, type GroupId, type SubjectId, type UserId } from '../model/index.ts';
import { connectClient, synced, type TestClient } from '../test/helpers/ws-client.ts';
import { editStoredDoc, login, prepareDataDir, spawnServer } from './data-dir.ts';
import { lessonByLessonLog } from './document-bench.ts';
import { median, percentile, type Row } from './machine.ts';

const SCHOOL = 'school/demo/2026';

/**
 * A data directory with the demo school plus the full-year class: its school-year records
 * merged into the demo's school document and its journal stored as a lesson-by-lesson log.
 */
export async function prepareFullYearDataDir(doc: { journal: Y.Doc; school: Y.Doc; classId: string }): Promise<string> {
  return prepareDataDir(async (storage) => {
    const now = Date.now();
    const row = (update: Uint8Array) => ({ update, userId: 'system', sessionId: 'bench', clientTime: now, serverTime: now });
    await storage.appendUpdates(SCHOOL, [row(Y.encodeStateAsUpdate(doc.school))]);
    await storage.appendUpdates(`journal/${doc.classId}/2026`, lessonByLessonLog(doc.journal).map(row));
  });
}

/** Time from a cold y-websocket client connecting to the full-year journal until it is synced. */
export async function coldSyncBench(doc: { journal: Y.Doc; school: Y.Doc; classId: string }, port: number): Promise<Row[]> {
  const dir = await prepareFullYearDataDir(doc);
  const name = `journal/${doc.classId}/2026`;
  const server = await spawnServer(dir, port);
  try {
    const cookie = await login(server.origin, 'deputy');
    const coldRoom: number[] = [];
    const warmRoom: number[] = [];
    for (let i = 0; i < 5; i++) {
      // Cold: the server has unloaded the journal (2 s after the last client left).
      await new Promise((r) => setTimeout(r, 2600));
      for (const sample of [coldRoom, warmRoom]) {
        const t = performance.now();
        const c = connectClient(server, name, cookie);
        await synced(c);
        sample.push(performance.now() - t);
        if (c.doc.getMap('marks').size < 10_000) throw new Error('the client did not receive the whole journal');
        c.destroy();
      }
    }
    return [
      { figure: 'cold client → synced, journal not in server memory (median of 5)', value: `${median(coldRoom).toFixed(0)} ms` },
      { figure: 'cold client → synced, journal already loaded (median of 5)', value: `${median(warmRoom).toFixed(0)} ms` },
    ];
  } finally {
    await server.stop();
  }
}

/**
 * End-to-end latency of one mark from one client to the others on loopback: 20 journals × 5
 * clients, each writing a mark twice a second; the server runs in its own process.
 */
export async function latencyBench(
  port: number,
  opts = { journals: 20, clientsPerJournal: 5, ratePerSec: 2, seconds: 20 },
): Promise<Row[]> {
  const ids = Array.from({ length: opts.journals }, (_, i) => `b${i + 1}`);
  const dir = await prepareDataDir(async (storage) => {
    await editStoredDoc(storage, SCHOOL, (doc) => {
      for (const id of ids) {
        classes.set(doc, id, { name: `Б${id}`, grade: 7, classTeacherId: null });
        assignTeacher(doc, {
          classId: id as ClassId,
          subjectId: 'math' as SubjectId,
          groupId: 'all' as GroupId,
          teacherId: 'u-teacher' as UserId,
        });
      }
    });
  });
  const server = await spawnServer(dir, port);
  const clients: TestClient[] = [];
  const latencies: number[] = [];
  let measuring = false;
  const timers: NodeJS.Timeout[] = [];
  try {
    const cookie = await login(server.origin, 'teacher');
    for (const id of ids) {
      for (let k = 0; k < opts.clientsPerJournal; k++) {
        const c = connectClient(server, `journal/${id}/2026`, cookie, { ext: true });
        clients.push(c);
        c.doc.getMap('marks').observe((e, tr) => {
          if (tr.local || !measuring) return;
          const now = performance.timeOrigin + performance.now();
          for (const key of e.keysChanged) {
            const v = c.doc.getMap('marks').get(key) as [number, string, number, string] | null;
            if (v?.[3]) latencies.push(now - Number(v[3]));
          }
        });
      }
    }
    await Promise.all(clients.map(synced));
    clients.forEach((c, i) => {
      let n = 0;
      const write = () => {
        const day = String(1 + (Math.floor(n / 4) % 28)).padStart(2, '0');
        const key = `2611${day}.1.math:s${i}:${n % 4}`;
        n++;
        c.doc.transact(() => c.doc.getMap('marks').set(key, [5, 'oral', 1, String(performance.timeOrigin + performance.now())]));
      };
      // Spread the clients' phases so that edits arrive evenly, as from real teachers.
      timers.push(setTimeout(() => timers.push(setInterval(write, 1000 / opts.ratePerSec)), Math.random() * (1000 / opts.ratePerSec)));
    });
    await new Promise((r) => setTimeout(r, 3000));
    measuring = true;
    await new Promise((r) => setTimeout(r, opts.seconds * 1000));
    measuring = false;
  } finally {
    for (const t of timers) clearInterval(t);
    for (const c of clients) c.destroy();
    await server.stop();
  }
  const label = `${opts.journals} journals × ${opts.clientsPerJournal} clients × ${opts.ratePerSec} edits/s`;
  return [
    { figure: `mark latency client→client, ${label}: samples`, value: String(latencies.length) },
    { figure: 'mark latency p50', value: `${percentile(latencies, 50).toFixed(1)} ms` },
    { figure: 'mark latency p99', value: `${percentile(latencies, 99).toFixed(1)} ms` },
  ];
}
