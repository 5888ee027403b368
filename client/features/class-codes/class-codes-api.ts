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

const MEETING_OFFLINE = 'Нет связи с сервером. Коды для родительского собрания выдаются только при подключении к сети.';

/**
 * AUTH-25: the codes of a parents' meeting, issued at once for the whole class, as one PDF of
 * slips to print (the codes are on it only: the server keeps their hashes). `issued`: how many.
 */
export async function downloadMeetingCodes(classId: string): Promise<Result<{ blob: Blob; fileName: string; issued: number }>> {
  let res: Response;
  try {
    res = await fetch(`${codesUrl(classId)}/meeting`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/pdf' },
    });
  } catch {
    return { ok: false, error: MEETING_OFFLINE };
  }
  if (!res.ok) {
    const json = (await res.json().catch(() => null)) as { error?: string } | null;
    return { ok: false, error: json?.error ?? `Сервер ответил ошибкой (код ${res.status}).` };
  }
  const fileName = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'codes.pdf';
  try {
    return { ok: true, value: { fileName, blob: await res.blob(), issued: Number(res.headers.get('x-codes-issued') ?? 0) } };
  } catch {
    return { ok: false, error: MEETING_OFFLINE };
  }
}
