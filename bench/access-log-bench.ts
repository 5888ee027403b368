import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { readConfig } from '../sync-server/config.ts';
import { DEMO_LOGINS } from '../sync-server/demo/demo-staff.ts';
import { startServer } from '../sync-server/server.ts';
import type { AccessLogEntry } from '../sync-server/storage/port.ts';
import { openSqliteStorage } from '../sync-server/storage/sqlite.ts';
import { median, type Row } from './machine.ts';

const DAY = 24 * 60 * 60 * 1000;
/** A school year's worth of days (every day of the year: an upper bound of a school's 170–210). */
const YEAR_DAYS = 365;
const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

/**
 * The scripted school day at the demo's activity: every staff member signs in, opens each
 * document `/api/me` lists for them (a sync socket accepted) and signs out; the deputy downloads
 * two reports and prints a finals sheet, the administrator exports a table and makes a backup.
 * Resolves with the entries it left in the log.
 */
async function scriptedDay(): Promise<AccessLogEntry[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'journal-bench-log-'));
  const server = await startServer(
    { ...readConfig({}), port: 0, host: '127.0.0.1', dataDir, staticDir: join(dataDir, 'none') },
    { log: () => {} },
  );
  const origin = `http://127.0.0.1:${server.port}`;
  try {
    const headers = (cookie = '') => ({ 'content-type': 'application/json', origin, 'user-agent': CHROME, cookie });
    const before = (await server.storage.listAccessLog({ limit: 100_000 })).length;
    const cookies = new Map<string, string>();
    for (const { login } of DEMO_LOGINS) {
      const res = await fetch(`${origin}/api/auth/login`, {
        method: 'POST',
        headers: headers(),
        body: JSON.stringify({ login, password: 'demo' }),
      });
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
      cookies.set(login, cookie);
      const me = (await (await fetch(`${origin}/api/me`, { headers: headers(cookie) })).json()) as { documents: { name: string }[] };
      for (const { name } of me.documents) {
        const ws = new WebSocket(`${origin.replace('http', 'ws')}/sync/${name}`, { headers: headers(cookie) });
        await new Promise<void>((resolve, reject) => {
          ws.once('open', () => resolve());
          ws.once('error', reject);
        });
        ws.close();
      }
    }
    const deputy = cookies.get('deputy')!;
    for (const path of [
      '/api/reports/finals-sheet?class=5b&format=csv',
      '/api/reports/finals-sheet?class=10a&format=pdf',
      '/api/print/finals?class=5b',
    ]) {
      await (await fetch(`${origin}${path}`, { headers: headers(deputy) })).arrayBuffer();
    }
    const admin = cookies.get('admin')!;
    await (await fetch(`${origin}/api/export/students?format=csv`, { headers: headers(admin) })).arrayBuffer();
    await (await fetch(`${origin}/api/admin/backups`, { method: 'POST', headers: headers(admin) })).arrayBuffer();
    for (const cookie of cookies.values()) await fetch(`${origin}/api/auth/logout`, { method: 'POST', headers: headers(cookie) });
    const all = await server.storage.listAccessLog({ limit: 100_000 });
    return all.slice(0, all.length - before);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Median milliseconds of `run` over 20 runs, after one to warm up. */
async function timed(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** LOG figures of issue 16: the log's growth per school day, and its queries over a year of such days. */
export async function accessLogBench(): Promise<Row[]> {
  const day = await scriptedDay();
  const dir = mkdtempSync(join(tmpdir(), 'journal-bench-log-year-'));
  const file = join(dir, 'journal.sqlite');
  try {
    await (await openSqliteStorage(file)).close();
    const db = new Database(file);
    const sizeOf = () =>
      db.prepare<[], { n: number }>('SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()').get()!.n;
    const empty = sizeOf();
    const insert = db.prepare(
      'INSERT INTO access_log (at, kind, user_id, login, object, address, user_agent) VALUES (@at, @kind, @userId, @login, @object, @address, @userAgent)',
    );
    const start = Date.parse('2026-09-01T05:00:00Z');
    const first = day[day.length - 1].at;
    db.transaction(() => {
      for (let d = 0; d < YEAR_DAYS; d++) for (const e of day) insert.run({ ...e, at: start + d * DAY + (e.at - first) });
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const perEntry = (sizeOf() - empty) / (YEAR_DAYS * day.length);
    db.close();
    const storage = openSqliteStorage(file);
    const month = { from: start + 100 * DAY, to: start + 130 * DAY };
    const q = {
      page: await timed(() => storage.listAccessLog({ limit: 101 })),
      user: await timed(() => storage.listAccessLog({ user: 'u-teacher', limit: 101 })),
      kindMonth: await timed(() => storage.listAccessLog({ kind: 'journal-open', ...month, limit: 101 })),
      all: await timed(() => storage.listAccessLog({ user: 'teacher', kind: 'journal-open', ...month, limit: 101 })),
      userYear: await timed(() => storage.listAccessLog({ user: 'u-teacher', limit: 100_000 })),
    };
    await storage.close();
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    const ms = (v: number) => `${v.toFixed(2)} ms`;
    const years = `${YEAR_DAYS} days × ${day.length} = ${YEAR_DAYS * day.length} entries, ${(statSync(file).size / 1_048_576).toFixed(1)} MB`;
    return [
      { figure: 'access log: entries of a scripted demo school day', value: String(day.length) },
      { figure: 'access log: bytes per entry on disk (row + 4 indexes)', value: String(Math.round(perEntry)) },
      { figure: 'access log: growth per school day', value: kb(perEntry * day.length) },
      { figure: `access log: a year (${years}) — newest page`, value: ms(q.page), aim: '< 50 ms' },
      { figure: 'access log: a year — one person, newest page', value: ms(q.user), aim: '< 50 ms' },
      { figure: 'access log: a year — one kind in a 30-day range', value: ms(q.kindMonth), aim: '< 50 ms' },
      { figure: 'access log: a year — person + kind + 30 days', value: ms(q.all), aim: '< 50 ms' },
      { figure: 'access log: a year — all of one person (CSV read)', value: ms(q.userYear) },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
