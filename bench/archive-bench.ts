import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { change, MessageType, setMark, setStudentField, listStudents, type MarkValue } from '../model/index.ts';
import { exportArchive } from '../sync-server/archive/export.ts';
import { loadSigningKey } from '../sync-server/archive/keys.ts';
import { replayLog, sha256, snapshotCanonical } from '../sync-server/archive/replay.ts';
import { Snapshotter } from '../sync-server/archive/snapshotter.ts';
import { verifyArchive } from '../sync-server/archive/verify.ts';
import { openSqliteStorage } from '../sync-server/storage/sqlite.ts';
import { mathPage } from '../test/helpers/demo-facts.ts';
import { currentClock, localDateOf } from '../sync-server/clock.ts';
import { connectClient, synced } from '../test/helpers/ws-client.ts';
import { login, spawnServer } from './data-dir.ts';
import { median, percentile, type Row } from './machine.ts';
import { prepareFullYearDataDir } from './sync-bench.ts';

type FullYear = { journal: Y.Doc; school: Y.Doc; classId: string };

const dirSize = (dir: string): number =>
  readdirSync(dir).reduce((n, f) => {
    const p = join(dir, f);
    return n + (statSync(p).isDirectory() ? dirSize(p) : statSync(p).size);
  }, 0);

/** Replay + hash + sign of the full-year journal, export and verify of its class-year. */
async function offlineFigures(dir: string, doc: FullYear): Promise<Row[]> {
  const name = `journal/${doc.classId}/2026`;
  const key = loadSigningKey(dir);
  const storage = openSqliteStorage(join(dir, 'journal.sqlite'));
  const snapshotter = new Snapshotter(storage, key, { everyUpdates: 1e9, everyMs: 1e12, pollMs: 0 }, console.error);
  const updates = (await storage.readUpdates(name, 0)).map((u) => u.update);
  const signTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const { state, stateVector } = replayLog(updates);
    key.sign(
      snapshotCanonical(name, { upToSeq: updates.length, state, stateVector, prevSha256: null, createdAt: Date.now(), keyId: key.keyId }),
    );
    sha256(state);
    signTimes.push(performance.now() - t);
  }
  await snapshotter.snapshotDocument(name);
  await snapshotter.snapshotDocument('school/demo/2026');
  await storage.close();

  const exportTimes: number[] = [];
  const verifyTimes: number[] = [];
  let size = 0;
  for (let i = 0; i < 3; i++) {
    const out = join(mkdtempSync(join(tmpdir(), 'journal-archive-bench-')), 'out');
    let t = performance.now();
    await exportArchive(dir, out, { classId: doc.classId, yearId: '2026' });
    exportTimes.push(performance.now() - t);
    size = dirSize(out);
    t = performance.now();
    const problems = verifyArchive(out);
    verifyTimes.push(performance.now() - t);
    if (problems.length) throw new Error(`the bench export does not verify: ${problems.join('; ')}`);
    rmSync(out, { recursive: true, force: true });
  }
  return [
    {
      figure: `signed snapshot of the full-year journal: replay ${updates.length} updates + hash + sign (median of 5)`,
      value: `${median(signTimes).toFixed(0)} ms`,
    },
    {
      figure: 'export of the full class-year (log, snapshots, CSV, manifest; median of 3)',
      value: `${median(exportTimes).toFixed(0)} ms, ${(size / 1e6).toFixed(1)} MB`,
    },
    { figure: 'verify of that export, no server (median of 3)', value: `${median(verifyTimes).toFixed(0)} ms` },
  ];
}

/**
 * The hot path: a teacher's mark → ack latency on 5Б, first alone, then while the snapshotter
 * replays and signs the full-year journal again and again (the administrator edits it, and
 * snapshots are due after every update). Snapshots run on the server's one thread, so their
 * CPU time is what a commit can wait.
 */
async function hotPathFigures(dir: string, doc: FullYear, port: number): Promise<Row[]> {
  const alone = await hotPathRun(dir, doc, port, false);
  const busy = await hotPathRun(dir, doc, port + 1, true);
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const fmt = (l: number[]) => `${ms(percentile(l, 50))} / ${ms(percentile(l, 99))} / ${ms(Math.max(...l))}`;
  return [
    { figure: 'mark → ack, 5Б, p50 / p99 / max: default schedule (no snapshot due)', value: fmt(alone.latencies) },
    {
      figure: `same with a snapshot due after every update (5Б's, and the full-year journal's after each of ${busy.edits} edits)`,
      value: fmt(busy.latencies),
    },
  ];
}

async function hotPathRun(
  dir: string,
  doc: FullYear,
  port: number,
  withSnapshots: boolean,
): Promise<{ latencies: number[]; edits: number }> {
  const page = await (async () => {
    const s = openSqliteStorage(join(dir, 'journal.sqlite'));
    const p = await mathPage(s, localDateOf(currentClock()()));
    await s.close();
    return p;
  })();
  const saved = { ...process.env };
  Object.assign(process.env, {
    SNAPSHOT_EVERY_UPDATES: withSnapshots ? '1' : '500',
    SNAPSHOT_POLL_SECONDS: '0.05',
    BACKUP_EVERY_HOURS: '0',
  });
  const server = await spawnServer(dir, port);
  process.env = saved;
  try {
    const adminCookie = await login(server.origin, 'admin');
    // Snapshots already due are written before measuring.
    await fetch(`${server.origin}/api/admin/snapshots`, { method: 'POST', headers: { cookie: adminCookie, origin: server.origin } });
    const teacher = connectClient(server, 'journal/5b/2026', await login(server.origin, 'teacher'), { ext: true });
    const admin = connectClient(server, `journal/${doc.classId}/2026`, adminCookie, { ext: true });
    await Promise.all([synced(teacher), synced(admin)]);
    const waiting: Array<{ clock: number; at: number }> = [];
    const latencies: number[] = [];
    const onAck = teacher.provider.messageHandlers[MessageType.ack];
    teacher.provider.messageHandlers[MessageType.ack] = (...args) => {
      onAck(...args);
      const acked = teacher.acks.at(-1)?.get(teacher.doc.clientID) ?? 0;
      while (waiting.length && waiting[0].clock <= acked) latencies.push(performance.now() - waiting.shift()!.at);
    };
    let k = 0;
    // The second run writes other values into the same cells: an equal value is no change (DOC-5).
    const shift = withSnapshots ? 1 : 0;
    const write = () => {
      const lesson = page.teacherLessons[k % page.teacherLessons.length];
      const student = page.students[k % page.students.length];
      change(teacher.doc, 'bench', () =>
        setMark(teacher.doc, lesson, student.id, k % 4, { v: (2 + ((k + shift) % 4)) as MarkValue, t: 'oral' as never, w: 1 }),
      );
      k++;
      waiting.push({ clock: Y.getState(teacher.doc.store, teacher.doc.clientID), at: performance.now() });
    };
    const students = listStudents(admin.doc);
    let edits = 0;
    const timers = [setInterval(write, 20)];
    if (withSnapshots) {
      timers.push(
        setInterval(() => change(admin.doc, 'bench', () => setStudentField(admin.doc, students[0].id, 'name', `Бенч ${edits++}`)), 150),
      );
    }
    await new Promise((r) => setTimeout(r, 6000));
    for (const t of timers) clearInterval(t);
    await new Promise((r) => setTimeout(r, 500));
    teacher.destroy();
    admin.destroy();
    return { latencies, edits };
  } finally {
    await server.stop();
  }
}

/** The archive's figures: snapshot cost, export and verify of a full class-year, commits during snapshots. */
export async function archiveBench(doc: FullYear, port: number): Promise<Row[]> {
  const dir = await prepareFullYearDataDir(doc);
  try {
    return [...(await offlineFigures(dir, doc)), ...(await hotPathFigures(dir, doc, port))];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
