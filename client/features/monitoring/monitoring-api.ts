import type { MonitoredClass, PageFigures, Remark } from '../../../model/index.ts';
import { apiCall, type Result } from '../../state/api-call.ts';

/** `GET /api/monitoring` (MON-6): the figures of every page, the remarks, and the names of the students listed. */
export interface MonitoringAnswer {
  today: string;
  classes: MonitoredClass[];
  pages: PageFigures[];
  notes: string[];
  /** classId → studentId → name, for the students a figure lists. */
  students: Record<string, Record<string, string>>;
  remarks: Array<Remark & { classId: string; overdue: boolean }>;
}

const OFFLINE = 'Контроль ведения журналов строится на сервере по сохранённым данным и истории изменений: подключитесь к сети.';

export function fetchMonitoring(q: { periodId: string; classId: string }): Promise<Result<MonitoringAnswer>> {
  const params = new URLSearchParams();
  if (q.periodId) params.set('period', q.periodId);
  if (q.classId) params.set('class', q.classId);
  return apiCall('GET', `/api/monitoring?${params}`, undefined, OFFLINE);
}
