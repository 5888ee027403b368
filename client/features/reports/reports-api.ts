import { viewedYear } from '../../state/session.ts';
import type { ReportTable } from '../../../model/index.ts';
import { apiCall, type Result } from '../../state/api-call.ts';

/** The reports the server answers (REP-0; sync-server/http/report-routes.ts). */
export interface ReportInfo {
  kind: string;
  title: string;
  needs: ReadonlyArray<'class' | 'period' | 'month' | 'history' | 'student' | 'dates'>;
}

export interface ReportQuery {
  kind: string;
  classId?: string;
  periodId?: string;
  month?: string;
  /** REP-15: a student of the class, and the days (`YYYY-MM-DD`; the server defaults to the last 14). */
  studentId?: string;
  from?: string;
  to?: string;
}

const OFFLINE = 'Отчёты строятся на сервере по сохранённым данным: подключитесь к сети.';

export function listReports(): Promise<Result<{ reports: ReportInfo[] }>> {
  return apiCall('GET', '/api/reports', undefined, OFFLINE);
}

/** The URL of a report in a format: the page fetches JSON, the links download the files. */
export function reportUrl(q: ReportQuery, format: 'json' | 'csv' | 'xlsx' | 'pdf'): string {
  const params = new URLSearchParams({ format });
  if (q.classId) params.set('class', q.classId);
  if (q.periodId) params.set('period', q.periodId);
  if (q.month) params.set('month', q.month);
  if (q.studentId) params.set('student', q.studentId);
  if (q.from) params.set('from', q.from);
  if (q.to) params.set('to', q.to);
  // YEAR-22: the year the pages show, when it is not the current one.
  const year = viewedYear();
  if (year !== null) params.set('year', year);
  return `/api/reports/${encodeURIComponent(q.kind)}?${params}`;
}

export function fetchReport(q: ReportQuery): Promise<Result<{ report: ReportTable }>> {
  return apiCall('GET', reportUrl(q, 'json'), undefined, OFFLINE);
}
