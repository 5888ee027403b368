import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type * as Y from 'yjs';
import type { AccessLog } from '../access-log/access-log.ts';
import type { ValidSession } from '../auth/sessions.ts';
import { studentLinksOf } from '../auth/student-links.ts';
import type { SignInThrottle } from '../auth/rate-limit.ts';
import { signInDelayedText } from '../limits.ts';
import type { ClientAddress } from './client-address.ts';
import type { Storage, UserRecord } from '../storage/port.ts';
import type { SocketRevocation } from '../ws/revocation.ts';

/** What the identity routes (sign-in, activation, administration) share. */
export interface IdentityDeps {
  storage: Storage;
  revocation: SocketRevocation;
  /** Sign-in delays per login and per address (AUTH-21). */
  throttle: SignInThrottle;
  /** The client's address of a request, through a trusted proxy when configured (AUTH-23). */
  clientAddress: ClientAddress;
  now: () => number;
  /** The current school-year document (classes and their class teachers). */
  schoolDoc: () => Promise<Y.Doc>;
  /** A document's committed state, read from storage (the class roster of a journal). */
  readDoc: (name: string) => Promise<Y.Doc>;
  /** Name of the school-year document, `school/{schoolId}/{yearId}`. */
  schoolDocName: string;
  /** Sign-ins, activations and role changes are logged where they happen (LOG-1). */
  accessLog: AccessLog;
}

/**
 * The user as the client sees it: never the password hash. `studentLinks` lists every student
 * the account belongs to (AUTH-26); `studentLink`, the first of them, stays for readers made
 * when an account had one.
 */
export const publicUser = (u: UserRecord) => {
  const links = studentLinksOf(u);
  return {
    id: u.id,
    login: u.login,
    name: u.name,
    roles: u.roles,
    ...(links.length > 0 ? { studentLink: links[0] } : {}),
    studentLinks: links,
  };
};

/** AUTH-21: throws 429 with Retry-After (in seconds) and when to try again, when `waitMs` > 0. */
export function refuseIfDelayed(c: Context, waitMs: number): void {
  if (waitMs <= 0) return;
  c.header('Retry-After', String(Math.ceil(waitMs / 1000)));
  throw new HTTPException(429, { message: signInDelayedText(waitMs) });
}

/** The signed-in administrator, or 401 (no session) / 403 (not an administrator). */
export function requireAdmin(auth: ValidSession | null): ValidSession {
  if (!auth) throw new HTTPException(401, { message: 'Требуется вход в систему' });
  if (!auth.user.roles.includes('admin')) throw new HTTPException(403, { message: 'Доступно только администратору' });
  return auth;
}

/** A JSON body as a record, or 400. */
export async function readBody(c: Context): Promise<Record<string, unknown>> {
  const body: unknown = await c.req.json().catch(() => null);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HTTPException(400, { message: 'Некорректный запрос' });
  }
  return body as Record<string, unknown>;
}
