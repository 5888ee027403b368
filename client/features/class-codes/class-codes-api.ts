import type { Role } from '../../../model/index.ts';
import { apiCall, type Result } from '../../state/api-call.ts';

/** The class teacher's codes API (sync-server/http/class-code-routes.ts), typed for the page. */
export interface ClassCode {
  id: string;
  role: Role;
  name: string;
  studentLink: { classId: string; studentId: string } | null;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  state: 'active' | 'used' | 'expired';
}

export type FamilyRole = 'parent' | 'student';

// Codes are made by the server (only their hash is kept there): no network, no code.
const call = <T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<Result<T>> =>
  apiCall<T>(method, url, body, 'Нет связи с сервером. Выдать код можно только при подключении к сети.');

const codesUrl = (classId: string) => `/api/class/${encodeURIComponent(classId)}/codes`;

export const listClassCodes = (classId: string) => call<{ codes: ClassCode[] }>('GET', codesUrl(classId));

/** A code for a student of the class or for one of their parents (optionally named). */
export const issueClassCode = (classId: string, spec: { role: FamilyRole; studentId: string; name?: string }) =>
  call<ClassCode & { code: string }>('POST', codesUrl(classId), spec);
