import type { Role } from '../../../model/index.ts';
import type { Result } from '../admin/admin-api.ts';

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

async function call<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<Result<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    // Codes are made by the server (only their hash is kept there): no network, no code.
    return { ok: false, error: 'Нет связи с сервером. Выдать код можно только при подключении к сети.' };
  }
  const json = (await res.json().catch(() => null)) as (T & { error?: string }) | null;
  if (!res.ok) return { ok: false, error: json?.error ?? `Сервер ответил ошибкой (код ${res.status}).` };
  return { ok: true, value: json as T };
}

const codesUrl = (classId: string) => `/api/class/${encodeURIComponent(classId)}/codes`;

export const listClassCodes = (classId: string) => call<{ codes: ClassCode[] }>('GET', codesUrl(classId));

/** A code for a student of the class or for one of their parents (optionally named). */
export const issueClassCode = (classId: string, spec: { role: FamilyRole; studentId: string; name?: string }) =>
  call<ClassCode & { code: string }>('POST', codesUrl(classId), spec);
