import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ACCESS_LOG_KINDS, isAccessLogKind, isIsoDate, readDeadlines } from '../../model/index.ts';
import { csv } from '../csv.ts';
import type { AccessLogEntry, AccessLogQuery } from '../storage/port.ts';
import { requireAdmin, type IdentityDeps } from './identity-deps.ts';
import type { AppEnv } from './session-middleware.ts';

const DAY = 24 * 60 * 60 * 1000;
/** A page of the log on the administrator's page; `limit` may ask for up to `MAX_PAGE`. */
const PAGE = 100;
const MAX_PAGE = 500;
/** The CSV holds at most this many rows (about 20 MB); past it, one row says to narrow the filter. */
export const MAX_CSV_ROWS = 100_000;

const bad = (message: string) => new HTTPException(400, { message });

/**
 * The filters of a request: `user` (id or login), `kind`, `from` and `to` (school dates, both
 * days included: midnight to midnight in the school's time zone, TIME-1), `after` (the `next`
 * of the previous page).
 */
async function readFilter(c: Context<AppEnv>, deps: IdentityDeps): Promise<Omit<AccessLogQuery, 'limit'>> {
  const q = (name: string) => c.req.query(name)?.trim() || undefined;
  const [user, kind, from, to, after] = [q('user'), q('kind'), q('from'), q('to'), q('after')];
  if (kind !== undefined && !isAccessLogKind(kind)) throw bad(`Неизвестный вид события «${kind}»`);
  if (from !== undefined && !isIsoDate(from)) throw bad('Дата «с» — в виде ГГГГ-ММ-ДД');
  if (to !== undefined && !isIsoDate(to)) throw bad('Дата «по» — в виде ГГГГ-ММ-ДД');
  if (after !== undefined && !/^\d{1,15}$/.test(after)) throw bad('Некорректная страница');
  const offset = readDeadlines(await deps.schoolDoc()).utcOffsetMinutes * 60_000;
  const midnight = (date: string) => Date.parse(`${date}T00:00:00Z`) - offset;
  return {
    ...(user !== undefined ? { user } : {}),
    ...(kind !== undefined ? { kind } : {}),
    ...(from !== undefined ? { from: midnight(from) } : {}),
    ...(to !== undefined ? { to: midnight(to) + DAY } : {}),
    ...(after !== undefined ? { before: Number(after) } : {}),
  };
}

/** `14.09.2026 10:05:03` in the school's time zone, as its other pages show time. */
function schoolTime(at: number, offsetMinutes: number): string {
  const iso = new Date(at + offsetMinutes * 60_000).toISOString();
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)} ${iso.slice(11, 19)}`;
}

/**
 * LOG-5, LOG-6: the administrator reads the access log — `GET /api/admin/access-log` in pages,
 * newest first, and `GET /api/admin/access-log.csv`, the whole filtered log through the one CSV
 * writer (IMP-18: a login or a user agent that starts like a formula stays text).
 */
export function accessLogRoutes(deps: IdentityDeps) {
  const app = new Hono<AppEnv>();

  app.get('/admin/access-log', async (c) => {
    requireAdmin(c.get('auth'));
    const filter = await readFilter(c, deps);
    const asked = Number(c.req.query('limit') ?? PAGE);
    const limit = Number.isInteger(asked) && asked > 0 ? Math.min(asked, MAX_PAGE) : PAGE;
    // One more than the page tells whether another follows without a count over the whole log.
    const rows = await deps.storage.listAccessLog({ ...filter, limit: limit + 1 });
    const entries = rows.slice(0, limit);
    return c.json({ entries, next: rows.length > limit ? entries[entries.length - 1].id : null });
  });

  app.get('/admin/access-log.csv', async (c) => {
    requireAdmin(c.get('auth'));
    const filter = await readFilter(c, deps);
    const offset = readDeadlines(await deps.schoolDoc()).utcOffsetMinutes;
    const rows: AccessLogEntry[] = [];
    let before = filter.before;
    while (rows.length <= MAX_CSV_ROWS) {
      const page = await deps.storage.listAccessLog({ ...filter, ...(before !== undefined ? { before } : {}), limit: 5000 });
      rows.push(...page);
      if (page.length < 5000) break;
      before = page[page.length - 1].id;
    }
    const table = rows
      .slice(0, MAX_CSV_ROWS)
      .map((e) => [
        schoolTime(e.at, offset),
        ACCESS_LOG_KINDS[e.kind as keyof typeof ACCESS_LOG_KINDS] ?? e.kind,
        e.login,
        e.userId ?? '',
        e.object,
        e.address,
        e.userAgent,
      ]);
    if (rows.length > MAX_CSV_ROWS) table.push([`… есть и более ранние записи: сузьте отбор (не больше ${MAX_CSV_ROWS} строк)`]);
    const header = ['Время', 'Событие', 'Логин', 'Пользователь (id)', 'Объект', 'Адрес', 'Браузер'];
    return c.body(csv([header, ...table]), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="access-log.csv"',
      'Cache-Control': 'no-store',
    });
  });

  return app;
}
