import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { classes, classLessons, IMPORT_KINDS, listStudents, readSchoolMeta, type ClassId, type SchoolId } from '../model/index.ts';
import { hashPassword } from '../sync-server/auth/passwords.ts';
import { readConfig } from '../sync-server/config.ts';
import { writeYearStructure } from '../sync-server/demo/school-structure.ts';
import { tableCsv } from '../sync-server/import/write-table.ts';
import { startServer } from '../sync-server/server.ts';
import type { Storage } from '../sync-server/storage/port.ts';
import { openSqliteStorage } from '../sync-server/storage/sqlite.ts';
import { generateSchoolFiles } from './import-school-files.ts';
import { median, type Row } from './machine.ts';

const SCHOOL_DOC = 'school/bench/2026';

/** A store with only the school year's calendar and catalogue (as the year pages leave it) and an administrator. */
async function emptySchool(storage: Storage): Promise<void> {
  await storage.createUser({
    id: 'u-admin',
    login: 'admin',
    name: 'Администратор Школы Главный',
    roles: ['admin'],
    passwordHash: await hashPassword('bench-pass'),
    disabled: false,
  });
  const doc = new Y.Doc();
  writeYearStructure(doc, 'bench' as SchoolId, 'Школа для измерений');
  await storage.appendUpdates(SCHOOL_DOC, [
    { update: Y.encodeStateAsUpdate(doc), userId: 'system', sessionId: 'system', clientTime: null, serverTime: Date.now() },
  ]);
}

async function loadDoc(storage: Storage, name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const { snapshot, updates } = await storage.loadDocument(name);
  if (snapshot) Y.applyUpdate(doc, snapshot.state);
  for (const u of updates) Y.applyUpdate(doc, u.update);
  return doc;
}

/**
 * Issue 6's figures: a whole school — 1,000 students, 40 classes, 80 teachers, their timetable
 * and КТП — imported from CSV files through the HTTP API of a real server (SQLite, fsync on every
 * commit), kind after kind, each checked whole before it is applied; then the planned lessons of
 * the year of every journal (`classLessons`, PAGE-1/PAGE-2/ATT-8) from what was imported.
 */
export async function importBench(): Promise<Row[]> {
  const generated = performance.now();
  const { files, counts } = generateSchoolFiles();
  const generateMs = performance.now() - generated;
  const dir = mkdtempSync(join(tmpdir(), 'journal-importbench-'));
  const storage = openSqliteStorage(join(dir, 'journal.sqlite'));
  await emptySchool(storage);
  const server = await startServer(
    { ...readConfig({}), port: 0, host: '127.0.0.1', dataDir: dir, staticDir: join(dir, 'no-client') },
    {
      storage,
      log: () => {},
      archive: { snapshots: { everyUpdates: 500, everyMs: 30 * 60_000, pollMs: 0 }, backups: { keep: 1, everyHours: 0 } },
    },
  );
  const origin = `http://127.0.0.1:${server.port}`;
  const rows: Row[] = [];
  try {
    const login = await fetch(`${origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ login: 'admin', password: 'bench-pass' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const perKind: string[] = [];
    let total = 0;
    for (const kind of IMPORT_KINDS) {
      const body = tableCsv(files[kind]);
      const t = performance.now();
      const res = await fetch(`${origin}/api/import/${kind}?name=${kind}.csv`, {
        method: 'POST',
        headers: { cookie, origin, 'content-type': 'text/csv' },
        body,
      });
      const report = (await res.json()) as { applied: boolean; rows: number; errors: Array<{ message: string }> };
      const ms = performance.now() - t;
      if (!report.applied)
        throw new Error(
          `import ${kind} failed: ${report.errors
            .slice(0, 3)
            .map((e) => e.message)
            .join('; ')}`,
        );
      total += ms;
      perKind.push(`${kind} ${report.rows} rows ${ms.toFixed(0)} ms`);
    }
    rows.push({
      figure: 'generated school for imports: teachers / classes / students (files: staff, classes, students, load, timetable, КТП)',
      value: `${counts.teachers} / ${counts.classes} / ${counts.students} (built in ${generateMs.toFixed(0)} ms)`,
    });
    rows.push({
      figure: 'import of the whole school from CSV through HTTP, all six files, each checked then applied',
      value: `${(total / 1000).toFixed(2)} s`,
    });
    rows.push({ figure: 'of which, per file (rows, time)', value: perKind.join('; ') });

    const school = await loadDoc(storage, SCHOOL_DOC);
    const meta = readSchoolMeta(school)!;
    const journals = new Map<ClassId, Y.Doc>();
    for (const [classId] of classes.all(school)) journals.set(classId as ClassId, await loadDoc(storage, `journal/${classId}/2026`));
    const students = [...journals.values()].reduce((n, j) => n + listStudents(j).length, 0);
    let lessons = 0;
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      // A fresh copy each run: the derived-value cache (DOC-9) must not carry over between runs.
      const fresh = new Y.Doc();
      Y.applyUpdate(fresh, Y.encodeStateAsUpdate(school));
      const t = performance.now();
      lessons = 0;
      for (const [classId, journal] of journals) lessons += classLessons(fresh, journal, classId, meta.startsOn, meta.endsOn).length;
      times.push(performance.now() - t);
    }
    rows.push({
      figure: `planned lessons of the year for all ${journals.size} journals (${students} students on their rosters), classLessons from the imported timetable, median of 3`,
      value: `${lessons.toLocaleString('en-US')} lessons in ${median(times).toFixed(0)} ms`,
    });
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
