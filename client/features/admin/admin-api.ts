import type { Role } from '../../../model/index.ts';
import { apiCall, type Result } from '../../state/api-call.ts';

/** The administrator's HTTP API (sync-server/http/admin-routes.ts), typed for the page. */
export interface AdminUser {
  id: string;
  login: string;
  name: string;
  roles: Role[];
  disabled: boolean;
  /** False until the user has set a password with an activation code. */
  activated: boolean;
  studentLink?: { classId: string; studentId: string };
  /** AUTH-24: failed sign-ins counted against the login, and until when its next attempt waits (0: none). */
  signIn?: { failures: number; waitUntil: number };
}

export interface CodeInfo {
  id: string;
  userId: string | null;
  role: Role;
  name: string;
  issuedBy: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  usedBy: string | null;
  state: 'active' | 'used' | 'expired';
}

const call = <T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<Result<T>> =>
  apiCall<T>(method, url, body, 'Нет связи с сервером. Управление пользователями требует подключения к сети.');

export const listUsers = () => call<{ users: AdminUser[] }>('GET', '/api/admin/users');

export const updateUser = (id: string, patch: { roles?: Role[]; name?: string; disabled?: boolean }) =>
  call<{ user: AdminUser }>('POST', `/api/admin/users/${encodeURIComponent(id)}`, patch);

export const listCodes = () => call<{ codes: CodeInfo[] }>('GET', '/api/admin/codes');

/** A code for a new staff member (name and role) or a new password for an existing user. */
export const issueCode = (spec: { name: string; role: Role } | { userId: string }) =>
  call<CodeInfo & { code: string }>('POST', '/api/admin/codes', spec);

/** AUTH-24: forgets the login's failed sign-ins, so its owner may sign in at once. */
export const unlockSignIn = (id: string) => call<{ user: AdminUser }>('POST', `/api/admin/users/${encodeURIComponent(id)}/unlock`, {});
