import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { listStudents, readDiaryInfo } from '../model/index.ts';
import { connectClient, synced, type TestClient } from '../test/helpers/ws-client.ts';
import { login } from './data-dir.ts';
import { diaryName, DIARY_DAY, startDiaryServer, type FamilyUser } from './diary-server.ts';
import { JOURNAL_5B, MarkWriter, type TeacherCells } from './diary-writer.ts';
import { percentile, type Row } from './machine.ts';
import { connectPeer, sleep, whenSynced, within, type Peer } from './peers-clients.ts';
import type { PeerServer } from './peers-servers.ts';

const RATE = 5;
const SECONDS = 30;
const ALONE_RATE = 1;
const ALONE_SECONDS = 15;

/** What one window of the teacher's steady writing measured. */
export interface WriteWindow {
  edits: number;
  cpuMicros: number;
  seconds: number;
  /** Edit → durable ack (committed to disk), ms. */
  acks: number[];
  /** Edit → the mark in the student's open diary, ms (only while diaries are open). */
  toDiary: number[];
  /** Measured edits not acked / not seen in their diary when the drain gave up. */
  unacked: number;
  unseen: number;
}

/** The teacher and the open diaries' observers, for one window at a time. */
export class DiaryWatch {
  private pending = new Map<string, number>();
  private window: (WriteWindow & { from: number; to: number }) | null = null;

  constructor(
    readonly teacher: Peer,
    readonly writer: MarkWriter,
  ) {
    teacher.onAck = (waited, at) => {
      const w = this.window;
      if (w && at >= w.from && at <= w.to) {
        w.acks.push(waited);
        w.unacked--;
      }
    };
  }

  /** Times the arrival of the measured marks in this open diary (a stock y-websocket client). */
  watchDiary(diary: TestClient): void {
    diary.doc.getMap('marks').observe((e) => {
      const now = performance.now();
      for (const key of e.keysChanged) {
        const at = this.pending.get(key);
        if (at === undefined || !this.window) continue;
        this.window.toDiary.push(now - at);
        this.pending.delete(key);
      }
    });
  }

  /**
   * `rate` marks a second for `rampMs` unmeasured, then `seconds` measured between two readings of
   * the server's CPU time; then waits until every measured mark is acked and, with `diaries`, has
   * reached its student's open diary.
   */
  async run(server: PeerServer, rate: number, seconds: number, rampMs: number, diaries: boolean): Promise<WriteWindow> {
    const w = { edits: 0, cpuMicros: 0, seconds: 0, acks: [], toDiary: [], unacked: 0, unseen: 0, from: Infinity, to: Infinity };
    this.window = w;
    let measuring = false;
    const timer = setInterval(() => {
      const written = this.writer.write();
      if (!measuring) return;
      w.edits++;
      w.unacked++;
      if (diaries) this.pending.set(written.diaryKey, written.at);
    }, 1000 / rate);
    try {
      await sleep(rampMs);
      const u0 = await server.usage();
      w.from = performance.now();
      measuring = true;
      await sleep(seconds * 1000);
      measuring = false;
      w.to = performance.now();
      const u1 = await server.usage();
      clearInterval(timer);
      w.cpuMicros = u1.cpuMicros - u0.cpuMicros;
      w.seconds = (w.to - w.from) / 1000;
      const deadline = performance.now() + 20_000;
      while ((w.unacked > 0 || this.pending.size > 0) && performance.now() < deadline) await sleep(20);
      w.unseen = this.pending.size;
      this.pending.clear();
      return w;
    } finally {
      clearInterval(timer);
      this.window = null;
    }
  }
}

/** A copy of a prepared data directory, so that each server process starts from the same state. */
export function copyDir(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'journal-diary-'));
  cpSync(dir, copy, { recursive: true });
  return copy;
}

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 2 : 0)} ms` : '?');

/**
 * Figure 1: the teacher of 5Б mathematics writes RATE marks a second, first with no diary open,
 * then with the diary of every 5Б student open (one stock y-websocket client each, signed in as
 * a parent linked to that student). The server's CPU per accepted update with and without, the
 * teacher's edit → ack, and the teacher's write → the mark in the open diary.
 */
export async function projectionRows(template: string, users: FamilyUser[], cells: TeacherCells): Promise<Row[]> {
  const dir = copyDir(template);
  const server = await startDiaryServer(dir, DIARY_DAY).catch((e: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  });
  const diaries: TestClient[] = [];
  let teacher: Peer | null = null;
  try {
    teacher = connectPeer(server, JOURNAL_5B, await login(server.origin, 'teacher'));
    await within(whenSynced(teacher), 'the teacher’s sync', 30_000);
    const watch = new DiaryWatch(teacher, new MarkWriter(teacher, cells));
    const without = await watch.run(server, RATE, SECONDS, 5000, false);
    // Every student of the 5Б roster, whoever left or came during the year.
    const students = listStudents(teacher.doc).map((s) => s.id);
    for (const studentId of students) {
      const user = users.find((u) => u.studentId === studentId);
      if (!user) throw new Error(`diary bench: no family account of ${studentId}`);
      const diary = connectClient(server, diaryName(studentId), await login(server.origin, user.login));
      diaries.push(diary);
      watch.watchDiary(diary);
    }
    await within(Promise.all(diaries.map(synced)), 'the diaries’ sync', 60_000);
    while (diaries.some((d) => readDiaryInfo(d.doc) === undefined)) await sleep(50);
    const withDiaries = await watch.run(server, RATE, SECONDS, 3000, true);
    // Slow enough that each commit is projected in a pass of its own (at RATE passes coalesce commits).
    const alone = await watch.run(server, ALONE_RATE, ALONE_SECONDS, 2000, true);
    const refused = teacher.rejects.length;
    const n = diaries.length;
    const perUpdate = (w: WriteWindow) => w.cpuMicros / 1000 / w.edits;
    const added = perUpdate(withDiaries) - perUpdate(without);
    const p = (w: WriteWindow, q: number) => percentile(w.acks, q);
    const label = `5Б maths teacher writes ${RATE} marks/s for ${SECONDS} s (each one into a new place of a begun lesson of the running quarter, clock ${DIARY_DAY})`;
    return [
      {
        figure: `${label}: marks measured, no diary open / ${n} 5Б diaries open (refused by the rules)`,
        value: `${without.edits} / ${withDiaries.edits} (${refused} refused)`,
      },
      {
        figure: '  server CPU per accepted update (all threads), no diary open / diaries open',
        value: `${ms(perUpdate(without))} / ${ms(perUpdate(withDiaries))}`,
      },
      {
        figure: `  the projection's cost: the difference per update / the same ÷ ${n} open diaries`,
        value: `${ms(added)} / ${ms(added / n)}`,
      },
      { figure: '  teacher edit → durable ack p50, no diary / diaries open', value: `${ms(p(without, 50))} / ${ms(p(withDiaries, 50))}` },
      {
        figure: '  teacher edit → durable ack p99, no diary / diaries open (p99 the projection adds)',
        value: `${ms(p(without, 99))} / ${ms(p(withDiaries, 99))} (${ms(p(withDiaries, 99) - p(without, 99))})`,
      },
      {
        figure: `  teacher's write → mark in the student's open diary (stock client), p50 / p99 (${withDiaries.toDiary.length} samples)`,
        value: `${ms(percentile(withDiaries.toDiary, 50))} / ${ms(percentile(withDiaries.toDiary, 99))}`,
        aim: '< 1 s',
      },
      {
        figure: `  the same at ${ALONE_RATE} mark/s for ${ALONE_SECONDS} s, diaries open (each commit projected alone): server CPU per update / write → diary p50 / p99`,
        value: `${ms(perUpdate(alone))} / ${ms(percentile(alone.toDiary, 50))} / ${ms(percentile(alone.toDiary, 99))} (${alone.toDiary.length} samples)`,
        aim: '< 1 s',
      },
      ...(without.unacked + withDiaries.unacked + withDiaries.unseen + alone.unacked + alone.unseen > 0 || refused > 0
        ? [
            {
              figure: '  FIGURES DOUBTFUL: marks never acked / never seen in their diary / refused',
              value: `${without.unacked + withDiaries.unacked + alone.unacked} / ${withDiaries.unseen + alone.unseen} / ${refused}`,
            },
          ]
        : []),
    ];
  } finally {
    for (const d of diaries) d.destroy();
    teacher?.destroy();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
