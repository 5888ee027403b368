import { apiCall } from '../../../state/api-call.ts';

/** `GET /api/year/next`: whether the next school year is prepared (YEAR-20). */
export type NextYearState =
  | { prepared: false; docName: string }
  | { prepared: true; docName: string; title: string | null; startsOn: string | null; endsOn: string | null };

/** `POST /api/year/next`: what was prepared (YEAR-16…YEAR-18). */
export interface PreparedYear {
  docName: string;
  title: string;
  startsOn: string;
  endsOn: string;
  classes: Array<{ classId: string; name: string; grade: number; from: string | null; students: number }>;
  departures: Array<{ classId: string; className: string; studentId: string; name: string; leftOn: string }>;
}

const OFFLINE = 'Нет связи с сервером. Следующий учебный год готовит сервер: нужно подключение к сети.';

export const nextYearState = () => apiCall<NextYearState>('GET', '/api/year/next', undefined, OFFLINE);
export const prepareNextYear = () => apiCall<PreparedYear>('POST', '/api/year/next', undefined, OFFLINE);
