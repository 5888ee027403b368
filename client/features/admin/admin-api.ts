import type { Role } from '../../../model/index.ts';
import { apiCall, getJsonOrNull, type Result } from '../../state/api-call.ts';

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

/** AUTH-31: the region's sign-in, when the server has it: its name and the accounts linked to it. */
export interface OidcLinks {
  name: string;
  linked: Array<{ userId: string; linkedAt: number }>;
}

/** AUTH-31: null when the server has no region's sign-in (the route is the API's 404) or cannot be asked. */
export const listOidcLinks = () => getJsonOrNull<OidcLinks>('/api/admin/oidc');

/** AUTH-31: unbinds the account's identity of the region's system; the user is signed out everywhere. */
export const unlinkOidc = (id: string) =>
  call<{ userId: string; linked: null }>('POST', `/api/admin/users/${encodeURIComponent(id)}/oidc-unlink`, {});
