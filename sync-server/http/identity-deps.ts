import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { HTTPException } from 'hono/http-exception';
import type * as Y from 'yjs';
import type { ValidSession } from '../auth/sessions.ts';
import type { SignInLimits } from '../auth/rate-limit.ts';
import type { Storage, UserRecord } from '../storage/port.ts';
import type { SocketRevocation } from '../ws/revocation.ts';

/** What the identity routes (sign-in, activation, administration) share. */
export interface IdentityDeps {
  storage: Storage;
  revocation: SocketRevocation;
  limits: SignInLimits;
  now: () => number;
  /** The current school-year document (classes and their class teachers). */
  schoolDoc: () => Promise<Y.Doc>;
  /** A document's committed state, read from storage (the class roster of a journal). */
  readDoc: (name: string) => Promise<Y.Doc>;
  /** Name of the school-year document, `school/{schoolId}/{yearId}`. */
  schoolDocName: string;
}

/** The user as the client sees it: never the password hash. */
export const publicUser = (u: UserRecord) => ({
  id: u.id,
  login: u.login,
  name: u.name,
  roles: u.roles,
  ...(u.studentLink ? { studentLink: u.studentLink } : {}),
});

/**
 * The peer's address, for the per-address limit. Behind a reverse proxy every request comes
 * from the proxy: then the per-address limit is a limit on the whole school, which errs on the
 * safe side. `app.request` in tests has no socket; they pass `env.incoming` or get 'unknown'.
 */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Throws 429 with Retry-After (in seconds) when `waitMs` > 0. */
export function refuseIfLimited(c: Context, waitMs: number): void {
  if (waitMs <= 0) return;
  const seconds = Math.ceil(waitMs / 1000);
  c.header('Retry-After', String(seconds));
  const minutes = Math.ceil(seconds / 60);
  throw new HTTPException(429, { message: `Слишком много неудачных попыток. Попробуйте снова через ${minutes} мин.` });
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
