import { apiCall, type Result } from '../../state/api-call.ts';

/** The access log's API (sync-server/http/access-log-routes.ts), typed for the page. */
export interface AccessLogEntry {
  id: number;
  at: number;
  kind: string;
  userId: string | null;
  login: string;
  object: string;
  address: string;
  userAgent: string;
}

/** The page's filters: empty strings are «any». Dates are the school's, `YYYY-MM-DD`. */
export interface AccessLogFilter {
  user: string;
  kind: string;
  from: string;
  to: string;
}

const OFFLINE = 'Нет связи с сервером. Журнал доступа хранится на сервере: нужно подключение к сети.';

const query = (f: AccessLogFilter, after?: number) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  if (after !== undefined) q.set('after', String(after));
  const s = q.toString();
  return s ? `?${s}` : '';
};

/** One page, newest first; `next` continues it (null: no more). */
export const listAccessLog = (f: AccessLogFilter, after?: number): Promise<Result<{ entries: AccessLogEntry[]; next: number | null }>> =>
  apiCall('GET', `/api/admin/access-log${query(f, after)}`, undefined, OFFLINE);

/** The whole filtered log as CSV, for a plain link (the browser downloads it with the cookie). */
export const accessLogCsvUrl = (f: AccessLogFilter) => `/api/admin/access-log.csv${query(f)}`;
