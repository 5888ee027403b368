import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { openSqliteStorage } from '../sync-server/storage/sqlite.ts';
import type { ChangeRow, UpdateRow } from '../sync-server/storage/port.ts';
import { lateEntries } from '../sync-server/http/late-entries.ts';
import { lessonByLessonLog } from './document-bench.ts';
import { median, type Row } from './machine.ts';

/** The change rows the server writes for each update of the log (HIST-1): every key it sets. */
function changeRowsOfLog(log: Uint8Array[], time: number): ChangeRow[][] {
  const doc = new Y.Doc();
  let current: ChangeRow[] = [];
  for (const name of ['students', 'lessons', 'marks', 'attendance', 'reasons', 'finals']) {
    const map = doc.getMap(name);
    map.observe((e) => {
      for (const key of e.keysChanged) {
        current.push({
          path: `${name}/${key}`,
          oldValue: undefined,
          newValue: map.get(key),
          userId: 'u-teacher',
          asSubstitute: false,
          clientTime: time,
          serverTime: time,
          clockOffsetMs: 0,
          note: null,
        });
      }
    });
  }
  return log.map((update) => {
    current = [];
    Y.applyUpdate(doc, update);
    return current;
  });
}

function storeLog(withHistory: boolean, log: Uint8Array[]): { dir: string; file: string; rows: UpdateRow[] } {
  const dir = mkdtempSync(join(tmpdir(), 'journal-histbench-'));
  const file = join(dir, 'journal.sqlite');
  const now = Date.now();
  const changes = withHistory ? changeRowsOfLog(log, now) : [];
  const rows = log.map((update, i) => ({
    update,
    userId: 'u-teacher',
    sessionId: 's',
    clientTime: now + i,
    serverTime: now + i,
    ...(withHistory ? { changes: changes[i] } : {}),
  }));
  return { dir, file, rows };
}

const fileSize = (file: string) => ['', '-wal'].reduce((n, ext) => n + (statSync(file + ext, { throwIfNoEntry: false })?.size ?? 0), 0);

/**
 * The history's cost (issue 5): storage per 10,000 marks (the full year stored with and without
 * change rows), and the time to answer "history of this cell" on that class-year.
 */
export async function historyBench(journal: Y.Doc, school: Y.Doc): Promise<Row[]> {
  const log = lessonByLessonLog(journal);
  const marks = journal.getMap('marks').size;
  const sizes: number[] = [];
  let cellTimes: number[] = [];
  let prefixTimes: number[] = [];
  let lateTimes: number[] = [];
  let lateCount = 0;
  for (const withHistory of [false, true]) {
    const { dir, file, rows } = storeLog(withHistory, log);
    const storage = openSqliteStorage(file);
    await storage.appendUpdates('journal/bench/2026', rows);
    await storage.close();
    const reopened = openSqliteStorage(file);
    // Checkpoint-free size: the database file plus its write-ahead log.
    sizes.push(fileSize(file));
    if (withHistory) {
      const keys = [...journal.getMap('marks').keys()];
      cellTimes = [];
      prefixTimes = [];
      for (let i = 0; i < 50; i++) {
        const key = keys[(i * 257) % keys.length];
        let t = performance.now();
        await reopened.readChanges({ docName: 'journal/bench/2026', path: `marks/${key}` });
        cellTimes.push(performance.now() - t);
        const [lesson, student] = key.split(':');
        t = performance.now();
        await reopened.readChanges({ docName: 'journal/bench/2026', pathPrefix: `marks/${lesson}:${student}:` });
        prefixTimes.push(performance.now() - t);
      }
      // TIME-6: the late entries of the whole class-year: read every change row, judge each.
      lateTimes = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        const changes = await reopened.readChanges({ docName: 'journal/bench/2026', limit: 200_000 });
        lateCount = lateEntries(changes, school).length;
        lateTimes.push(performance.now() - t);
      }
    }
    await reopened.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const perTenThousand = ((sizes[1] - sizes[0]) / marks) * 10_000;
  return [
    {
      figure: `store of the full year without / with change rows (${marks} marks)`,
      value: `${(sizes[0] / 1e6).toFixed(2)} MB / ${(sizes[1] / 1e6).toFixed(2)} MB`,
    },
    {
      figure: 'history storage per 10,000 marks (every key of the year as one change row)',
      value: `${(perTenThousand / 1e6).toFixed(2)} MB`,
    },
    { figure: 'history of one cell (path), median of 50 on the class-year', value: `${median(cellTimes).toFixed(2)} ms` },
    {
      figure: 'history of one cell (every mark of a student in a lesson, prefix), median of 50',
      value: `${median(prefixTimes).toFixed(2)} ms`,
    },
    {
      figure: `late entries of the class-year (every change row read and judged against the deadlines; ${lateCount} late), median of 5`,
      value: `${median(lateTimes).toFixed(0)} ms`,
    },
  ];
}
