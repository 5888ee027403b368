import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { expect } from 'vitest';
import {
  assignTeacher,
  classes,
  pendingChanges,
  putStudent,
  type ClassId,
  type GroupId,
  type StudentId,
  type SubjectId,
  type UserId,
} from '../model/index.ts';
import { waitFor } from '../test/helpers/wait-for.ts';
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

/** The 20 × 5 workload's data: bench classes taught by `teacher`, each with the writers' students. */
export async function prepareWorkloadDir(journals: number, students: number): Promise<{ dir: string; ids: string[] }> {
  const ids = Array.from({ length: journals }, (_, i) => `b${i + 1}`);
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
    for (const id of ids) {
      await editStoredDoc(storage, `journal/${id}/2026`, (doc) => {
        for (let i = 0; i < students; i++)
          putStudent(doc, { id: `s${i}` as StudentId, name: `Ученик ${i}`, groups: [], enrolledOn: null, leftOn: null });
      });
    }
  });
  return { dir, ids };
}

interface WorkloadResult {
  latencies: number[];
  updatesPerSecond: number;
}

/**
 * One run of the workload against the real server in its own process: clients write a mark
 * `ratePerSec` times a second each and every other client of the journal times its arrival;
 * then a burst (every client writes `burst` marks at once) measures updates per second through
 * the server, until every writer holds the ack for all of its marks.
 */
async function runWorkload(port: number, withoutPathRules: boolean, opts: WorkloadOptions): Promise<WorkloadResult> {
  const { dir, ids } = await prepareWorkloadDir(opts.journals, opts.journals * opts.clientsPerJournal);
  const server = await spawnServer(dir, port, { withoutPathRules });
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
    const counters = clients.map(() => 0);
    const write = (c: TestClient, i: number) => {
      const n = counters[i]++;
      const day = String(1 + (Math.floor(n / 4) % 28)).padStart(2, '0');
      const key = `2611${day}.1.math:s${i}:${n % 4}`;
      c.doc.transact(() => c.doc.getMap('marks').set(key, [1 + (n % 5), 'oral', 1, String(performance.timeOrigin + performance.now())]));
    };
    clients.forEach((c, i) => {
      // Spread the clients' phases so that edits arrive evenly, as from real teachers.
      timers.push(
        setTimeout(() => timers.push(setInterval(() => write(c, i), 1000 / opts.ratePerSec)), Math.random() * (1000 / opts.ratePerSec)),
      );
    });
    await new Promise((r) => setTimeout(r, 3000));
    measuring = true;
    await new Promise((r) => setTimeout(r, opts.seconds * 1000));
    measuring = false;
    for (const t of timers) clearInterval(t);
    await new Promise((r) => setTimeout(r, 500));
    // Burst: everyone at once; done when every writer's marks are acknowledged.
    const t0 = performance.now();
    clients.forEach((c, i) => {
      for (let k = 0; k < opts.burst; k++) write(c, i);
    });
    await waitFor(
      () => {
        // Its own writes: a peer's, forwarded only once committed, are acked to their writer alone (PROTO-3).
        for (const c of clients) {
          const own = new Map([[c.doc.clientID, Y.getState(c.doc.store, c.doc.clientID)]]);
          expect(pendingChanges(own, c.acks.at(-1) ?? new Map())).toBe(0);
        }
      },
      60_000,
      10,
    );
    const updatesPerSecond = (clients.length * opts.burst) / ((performance.now() - t0) / 1000);
    const refused = clients.reduce((n, c) => n + c.rejects.length, 0);
    if (refused > 0) throw new Error(`the workload's writes must all be allowed, ${refused} were refused`);
    return { latencies, updatesPerSecond };
  } finally {
    for (const t of timers) clearInterval(t);
    for (const c of clients) c.destroy();
    await server.stop();
  }
}

interface WorkloadOptions {
  journals: number;
  clientsPerJournal: number;
  ratePerSec: number;
  seconds: number;
  burst: number;
}

/**
 * End-to-end latency of one mark from one client to the others on loopback, 20 journals × 5
 * clients at 2 edits/s each, and updates per second in a burst — with the per-path rules and
 * without them, to show what authorization costs on the hot path.
 */
export async function latencyBench(
  port: number,
  opts: WorkloadOptions = { journals: 20, clientsPerJournal: 5, ratePerSec: 2, seconds: 20, burst: 100 },
): Promise<Row[]> {
  const label = `${opts.journals} journals × ${opts.clientsPerJournal} clients × ${opts.ratePerSec} edits/s`;
  const off = await runWorkload(port, true, opts);
  const on = await runWorkload(port + 1, false, opts);
  // How much worse with the rules than without; negative = within noise, the rules run was faster.
  const worse = (on: number, off: number) => `${on >= off ? '+' : '−'}${Math.abs(((on - off) / off) * 100).toFixed(0)}%`;
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  return [
    { figure: `mark latency client→client, ${label}: samples (rules on / off)`, value: `${on.latencies.length} / ${off.latencies.length}` },
    { figure: 'mark latency p50, rules on / off', value: `${ms(percentile(on.latencies, 50))} / ${ms(percentile(off.latencies, 50))}` },
    {
      figure: 'mark latency p99, rules on / off (cost of the rules)',
      value: `${ms(percentile(on.latencies, 99))} / ${ms(percentile(off.latencies, 99))} (${worse(percentile(on.latencies, 99), percentile(off.latencies, 99))})`,
      aim: '< 20% slower',
    },
    {
      figure: `burst of ${opts.burst} marks from each of ${opts.journals * opts.clientsPerJournal} clients: updates/s, rules on / off (cost)`,
      value: `${on.updatesPerSecond.toFixed(0)} / ${off.updatesPerSecond.toFixed(0)} (${worse(1 / on.updatesPerSecond, 1 / off.updatesPerSecond)})`,
      aim: '< 20% slower',
    },
  ];
}
