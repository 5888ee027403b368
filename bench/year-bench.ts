import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseDocName, schoolMoment, type IsoDate } from '../model/index.ts';
import { backupsDir } from '../sync-server/archive/backup.ts';
import { clockStartingAt } from '../sync-server/clock.ts';
import { readConfig } from '../sync-server/config.ts';
import { startServer } from '../sync-server/server.ts';
import { archiveYear, yearDue } from '../sync-server/year-switch.ts';
import { accessLogBench } from './access-log-bench.ts';
import { login } from './data-dir.ts';
import { median, type Row } from './machine.ts';
import { spawnOnDay, waitFor, type ClockedServer } from './year-server.ts';
import { DEPUTY, dirBytes, writeSchoolStore, type SchoolStore } from './year-store.ts';

/** The deputy prepares the next year on the last evening of the summer (a teacher's session then lasts into the new year). */
const PREPARE_CLOCK = '2027-08-31T18:00:00+03:00';
/** The new year's first day (YEAR-19, YEAR-21): the restarted server serves 2027/28 from it. */
const FIRST_DAY = '2027-09-01';
const OLD_YEAR = '2026';
const NEW_YEAR = '2027';
/** The demo school's offset from UTC (TIME-1), in minutes. */
const MSK = 180;
/** A phase this slow is timed once, not three times: the section must stay within minutes. */
const ONE_RUN_ABOVE_MS = 30_000;

interface Run {
  /** Spawn of a server process on the old year until `/api/health` answers: the restart's floor. */
  startOldMs: number;
  prepareMs: number;
  /** The longest `/api/health` answer while the preparation ran (YEAR-23: the event loop stays free). */
  healthMaxMs: number;
  prepared: { classes: number; carried: number; departures: number };
  archiveMs: number;
  archived: { documents: number; bytes: number };
  backupBytes: number;
  /** The old server's close, the first part of the restart. */
  stopMs: number;
  healthMs: number;
  meMs: number;
  teacherJournals: number;
  storeAfter: number;
}

const jsonOf = async <T>(res: Response): Promise<T> => {
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

interface Me {
  documents: Array<{ name: string; kind: string }>;
}
const newYearJournals = (me: Me) => me.documents.filter((d) => d.kind === 'journal' && parseDocName(d.name)?.yearId === NEW_YEAR).length;

/** Prepare through a real server process, then the switch as YEAR-21 does it, on a fresh copy of the store. */
async function runOnce(base: string, dir: string, store: SchoolStore): Promise<Run> {
  cpSync(base, dir, { recursive: true });
  const spawned = performance.now();
  const old = await spawnOnDay(dir, PREPARE_CLOCK);
  let teacher = '';
  let prepareMs = 0;
  let healthMaxMs = 0;
  let startOldMs = 0;
  let answer: { classes: Array<{ students: number }>; departures: unknown[] };
  try {
    await waitFor(old, 'the old year to answer', async () => (await fetch(`${old.origin}/api/health`)).ok);
    startOldMs = performance.now() - spawned;
    const deputy = await login(old.origin, DEPUTY.login);
    // Signed in before the switch: after it, the teacher's client reconnects with this session.
    teacher = await login(old.origin, store.built.busiestTeacher.login);
    const t = performance.now();
    const prepared = fetch(`${old.origin}/api/year/next`, { method: 'POST', headers: { cookie: deputy, origin: old.origin } });
    // YEAR-23: what a teacher's request meets meanwhile — the longest wait for /api/health, asked
    // every 20 ms until the preparation answers (not back to back: the probe must not take the CPU
    // the preparation needs).
    let done = false;
    void prepared.finally(() => (done = true));
    while (!done) {
      const h = performance.now();
      await fetch(`${old.origin}/api/health`);
      healthMaxMs = Math.max(healthMaxMs, performance.now() - h);
      await new Promise((r) => setTimeout(r, 20));
    }
    answer = await jsonOf(await prepared);
    prepareMs = performance.now() - t;
  } finally {
    await old.stop();
  }

  // The switch runs inside the server that served the old year (sync-server/main.ts): one is
  // started here on its last minute, and `archiveYear` runs on it once the new year is due.
  // In the school's time (YEAR-19, TIME-1: Moscow), not this machine's.
  const lastMinute = schoolMoment(`${NEW_YEAR}-08-31` as IsoDate, '23:59', MSK);
  const server = await startServer(
    { ...readConfig({}), port: 0, host: '127.0.0.1', dataDir: dir, staticDir: join(dir, 'no-client'), now: clockStartingAt(lastMinute) },
    // No scheduled snapshots or backups: only the ones the switch makes are measured.
    { log: () => {}, archive: { snapshots: { everyUpdates: 500, everyMs: 30 * 60_000, pollMs: 0 }, backups: { keep: 14, everyHours: 0 } } },
  );
  let archiveMs = 0;
  const archived = { documents: 0, bytes: 0 };
  let restarted = 0;
  let stopMs = 0;
  try {
    const firstMinutes = schoolMoment(`${NEW_YEAR}-09-01` as IsoDate, '00:30', MSK);
    const due = await yearDue(server, firstMinutes);
    if (!due || parseDocName(due)?.yearId !== NEW_YEAR) throw new Error(`year bench: the new year is not due (${due})`);
    const t = performance.now();
    await archiveYear(server, due, () => firstMinutes);
    archiveMs = performance.now() - t;
    for (const name of await server.storage.listDocuments()) {
      if (parseDocName(name)?.yearId !== OLD_YEAR) continue;
      archived.documents++;
      archived.bytes += (await server.storage.latestSignedSnapshot(name))?.state.byteLength ?? 0;
    }
  } finally {
    restarted = performance.now();
    await server.close();
    stopMs = performance.now() - restarted;
  }
  const backupBytes = dirBytes(backupsDir(dir));
  let fresh: ClockedServer | null = null;
  try {
    fresh = await spawnOnDay(dir, FIRST_DAY);
    const origin = fresh.origin;
    await waitFor(fresh, '/api/health on the new year', async () => (await fetch(`${origin}/api/health`)).ok);
    const healthMs = performance.now() - restarted;
    let teacherJournals = 0;
    await waitFor(fresh, "the teacher's journals of the new year", async () => {
      teacherJournals = newYearJournals(await jsonOf<Me>(await fetch(`${origin}/api/me`, { headers: { cookie: teacher, origin } })));
      return teacherJournals > 0;
    });
    const meMs = performance.now() - restarted;
    const prepared = {
      classes: answer.classes.length,
      carried: answer.classes.reduce((n, c) => n + c.students, 0),
      departures: answer.departures.length,
    };
    return {
      startOldMs,
      prepareMs,
      healthMaxMs,
      prepared,
      archiveMs,
      archived,
      backupBytes,
      stopMs,
      healthMs,
      meMs,
      teacherJournals,
      storeAfter: dirBytes(dir),
    };
  } finally {
    await fresh?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Issue 16's figures: the time to prepare and to switch a 40-class school to the next year
 * (YEAR-16…YEAR-21), on a store holding a whole year of its journals; with `accessLog`, the
 * access log's figures of the same issue (bench/access-log-bench.ts) follow.
 */
export async function yearBench(opts: { accessLog: boolean }): Promise<Row[]> {
  const root = mkdtempSync(join(tmpdir(), 'journal-yearbench-'));
  const log = (m: string) => console.log(m);
  try {
    const base = join(root, 'base');
    mkdirSync(base);
    const store = await writeSchoolStore(base, log);
    const runs: Run[] = [];
    for (let i = 0; i < 3; i++) {
      log(`year bench: run ${i + 1}…`);
      runs.push(await runOnce(base, join(root, `run-${i}`), store));
      const first = runs[0];
      if (Math.max(first.prepareMs, first.archiveMs + first.meMs) > ONE_RUN_ABOVE_MS) break;
    }
    const n = runs.length === 1 ? '1 run' : `median of ${runs.length}`;
    const m = (f: (r: Run) => number) => median(runs.map(f));
    const r = runs[0];
    const s = store.built.stats;
    const rows: Row[] = [
      {
        figure: `year: school — classes (grades 1–11) / students / teachers`,
        value: `${s.classes} / ${s.students} / ${store.built.teachers.length} (built in ${sec(store.buildMs)})`,
      },
      {
        figure: 'year: a whole year taught — lessons / marks / absences / period finals',
        value: [s.lessons, s.marks, s.absences, s.finals].map((v) => v.toLocaleString('en-US')).join(' / '),
      },
      {
        figure: 'year: store before the switch — documents / updates (one per lesson) / signed snapshots',
        value: `${store.documents} / ${store.updates.toLocaleString('en-US')} / ${store.signedSnapshots}, ${mb(store.bytes)}`,
      },
      { figure: `year: server process on the old year, spawn → /api/health (${n})`, value: sec(m((x) => x.startOldMs)) },
      { figure: `year: prepare — POST /api/year/next, request → answer (${n})`, value: sec(m((x) => x.prepareMs)) },
      { figure: `year: prepare — meanwhile, the longest wait for /api/health (${n})`, value: sec(m((x) => x.healthMaxMs)) },
      {
        figure: 'year: prepared — classes / students carried / departures (9th and 11th grades)',
        value: `${r.prepared.classes} / ${r.prepared.carried} / ${r.prepared.departures}`,
      },
      { figure: `year: switch — archiveYear: a signed snapshot of each old document + a backup (${n})`, value: sec(m((x) => x.archiveMs)) },
      {
        figure: 'year: switch — archived documents / bytes of signed state; backup',
        value: `${r.archived.documents} / ${mb(r.archived.bytes)}; ${mb(r.backupBytes)}`,
      },
      {
        figure: `year: switch — restart on ${FIRST_DAY}: stop, new process → /api/health (${n})`,
        value: `${sec(m((x) => x.healthMs))} (of which the stop ${sec(m((x) => x.stopMs))})`,
      },
      {
        figure: `year: switch — restart → a teacher's /api/me lists the new year's journals (${r.teacherJournals}) (${n})`,
        value: sec(m((x) => x.meMs)),
      },
      { figure: `year: switch — total, archive + restart to /api/me (${n})`, value: sec(m((x) => x.archiveMs + x.meMs)) },
      { figure: 'year: store after the switch (both years, the archive snapshots and the backup)', value: mb(r.storeAfter) },
    ];
    if (opts.accessLog) rows.push(...(await accessLogBench()));
    return rows;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
