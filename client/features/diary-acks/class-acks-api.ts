import { apiCall, type Result } from '../../state/api-call.ts';

export type { ClassAcksView, FamilyAccountView, StudentAcksView } from '../../../model/diary/diary-acks-view.ts';
import type { ClassAcksView, StudentAcksView } from '../../../model/diary/diary-acks-view.ts';

export type ReminderKind = 'read' | 'confirm';

export interface ReminderResult {
  sent: string[];
  already: string[];
  text: string;
}

// Who read what is the server's to know: the page needs the network.
const call = <T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<Result<T>> =>
  apiCall<T>(method, url, body, 'Нет связи с сервером. Сведения об ознакомлении с дневником доступны только при подключении к сети.');

const classUrl = (classId: string, what: string) => `/api/classes/${encodeURIComponent(classId)}/${what}`;

export const loadClassAcks = (classId: string) => call<ClassAcksView>('GET', classUrl(classId, 'diary-acks'));

/** DIARY-26: a notice in each chosen student's diary; at most one of a kind per student a day. */
export const sendReminders = (classId: string, studentIds: string[], kind: ReminderKind) =>
  call<ReminderResult>('POST', classUrl(classId, 'diary-reminders'), { studentIds, kind });

/** The parents' accounts decide (they are the ones to be informed); a student's own counts when no parent has one. */
const informed = (s: StudentAcksView) => {
  const parents = s.accounts.filter((a) => a.role === 'parent');
  return parents.length > 0 ? parents : s.accounts;
};

/** «Не прочитали неделю»: nobody of the family opened this week's diary. */
export const notReadThisWeek = (s: StudentAcksView) => !informed(s).some((a) => a.thisWeek);

/** «Не подтвердили итоговые»: a closed period whose finals nobody of the family confirmed. */
export const notConfirmed = (s: StudentAcksView, periods: ClassAcksView['periods']) =>
  periods.some((p) => !informed(s).some((a) => a.finals[p.id] !== undefined));
