import type { ParentContact, StudentPersonal } from '../../../model/index.ts';
import { apiCall, type Result } from '../../state/api-call.ts';

/** Students' personal data (sync-server/http/personal-routes.ts): held by the server only, so no network, no data. */
const call = <T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<Result<T>> =>
  apiCall<T>(method, url, body, 'Нет связи с сервером. Контакты родителей хранятся только на сервере: нужна сеть.');

export const listPersonal = (classId: string) =>
  call<{ records: StudentPersonal[] }>('GET', `/api/students/personal?class=${encodeURIComponent(classId)}`);

/** Replaces the student's whole record (birth date and every parent) as edited. */
export const savePersonal = (record: { classId: string; studentId: string; birthDate: string | null; parents: ParentContact[] }) =>
  call<{ record: StudentPersonal }>('POST', '/api/students/personal', record);
