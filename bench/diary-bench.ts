import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openSqliteStorage } from '../sync-server/storage/sqlite.ts';
import { diaryBrowserRows } from './diary-browser-bench.ts';
import { connectionRows } from './diary-connections-bench.ts';
import { projectionRows } from './diary-projection-bench.ts';
import { DIARY_DAY, prepareDiaryDir, startDiaryServer } from './diary-server.ts';
import { diarySizeRows } from './diary-size-bench.ts';
import { teacherCells, type TeacherCells } from './diary-writer.ts';
import type { Row } from './machine.ts';

/** 250 parent accounts × 40 connections = the 10,000 of figure 2, under PROTO-18's 50 per user. */
const FAMILIES = 250;
/** Late in May: every lesson of the year is taught and the diary is as large as it gets (README «The demo's today»). */
const FULL_YEAR_DAY = '2027-05-25';

/**
 * `npm run bench -- diary` (issue 18): what the students' diaries cost the server and how fast a
 * family sees them. Projection per journal update, 10,000 diary connections on one process, the
 * size of a full-year diary, and its first paint on a phone on Slow 3G and offline. About 7 minutes
 * on 2 cores; not part of `npm run bench` without a section.
 */
export async function diaryBench(): Promise<Row[]> {
  const t0 = performance.now();
  const rows: Row[] = [codeRow()];
  const { dir, users, students } = await prepareDiaryDir(DIARY_DAY, FAMILIES);
  try {
    let cells: TeacherCells;
    const storage = openSqliteStorage(join(dir, 'journal.sqlite'));
    try {
      cells = await teacherCells(storage, DIARY_DAY);
    } finally {
      await storage.close();
    }
    rows.push(...(await projectionRows(dir, users, cells)));
    rows.push(...(await connectionRows(dir, users, cells, students)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // An empty data directory: the server seeds the demo itself, filled up to its clock's day.
  const year = mkdtempSync(join(tmpdir(), 'journal-diary-year-'));
  try {
    const server = await startDiaryServer(year, FULL_YEAR_DAY);
    let browserRows: Row[];
    try {
      browserRows = await diaryBrowserRows(server);
    } finally {
      await server.stop();
    }
    rows.push(...(await diarySizeRows(year, FULL_YEAR_DAY)), ...browserRows);
  } finally {
    rmSync(year, { recursive: true, force: true });
  }
  rows.push({ figure: 'diary section: wall time', value: `${((performance.now() - t0) / 60_000).toFixed(1)} min` });
  return rows;
}

/** Which server code was measured: others change sync-server/ and model/ while benchmarks run. */
function codeRow(): Row {
  const git = (cmd: string) => {
    try {
      return execSync(cmd, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '?';
    }
  };
  const changed = git('git status --porcelain -- sync-server model').split('\n').filter(Boolean).length;
  return {
    figure: 'diary: server code measured',
    value: `${git('git log --oneline -1').slice(0, 50)}… + ${changed} uncommitted files under sync-server/ and model/; run ${new Date().toISOString().slice(0, 16)}Z`,
  };
}
