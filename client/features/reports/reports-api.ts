import type { ReportTable } from '../../../model/index.ts';
import { apiCall, type Result } from '../../state/api-call.ts';

/** The reports the server answers (REP-0; sync-server/http/report-routes.ts). */
export interface ReportInfo {
  kind: string;
  title: string;
  needs: ReadonlyArray<'class' | 'period' | 'month'>;
}

export interface ReportQuery {
  kind: string;
  classId?: string;
  periodId?: string;
  month?: string;
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
  return `/api/reports/${encodeURIComponent(q.kind)}?${params}`;
}

export function fetchReport(q: ReportQuery): Promise<Result<{ report: ReportTable }>> {
  return apiCall('GET', reportUrl(q, 'json'), undefined, OFFLINE);
}
