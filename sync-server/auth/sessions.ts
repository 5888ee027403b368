import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { SessionRecord, Storage, UserRecord } from '../storage/port.ts';

/**
 * Sessions the Lucia way (lucia-auth's session guide): a random 160-bit token goes to the
 * browser; only its SHA-256 is stored, so a leaked database yields no usable session.
 */
export const SESSION_COOKIE = '__Host-session';
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/**
 * Inactivity window: a session unused this long expires. A week covers a teacher's weekend and
 * a short break, while a laptop left signed in in a classroom does not stay signed in for good.
 */
export const SESSION_TTL_MS = 7 * DAY;
/**
 * Absolute lifetime: however busy, a session ends this long after sign-in, so a password
 * change or a stolen cookie is bounded by a month (one sign-in a month is little to ask).
 */
export const SESSION_ABSOLUTE_MS = 30 * DAY;
/** The inactivity expiry is pushed forward at most hourly, so lookups rarely write. */
const REFRESH_EVERY_MS = HOUR;

export function generateSessionToken(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

export function sessionIdOf(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
  storage: Storage,
  userId: string,
  now = Date.now(),
): Promise<{ token: string; session: SessionRecord }> {
  const token = generateSessionToken();
  const session: SessionRecord = { id: sessionIdOf(token), userId, createdAt: now, expiresAt: now + SESSION_TTL_MS };
  await storage.createSession(session);
  return { token, session };
}

export interface ValidSession {
  session: SessionRecord;
  user: UserRecord;
}

/** When a session ends at the latest: the inactivity expiry, capped by the absolute lifetime. */
export function sessionEndsAt(session: SessionRecord): number {
  return Math.min(session.expiresAt, session.createdAt + SESSION_ABSOLUTE_MS);
}

/** Told of a session found past its end, once, as it is deleted (the access log, LOG-1). */
export type OnSessionExpired = (session: SessionRecord) => Promise<void>;

/** Resolves a cookie token to its session and user, or null when unknown, expired or disabled. */
export async function validateSessionToken(
  storage: Storage,
  token: string,
  now = Date.now(),
  onExpired?: OnSessionExpired,
): Promise<ValidSession | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  return validateSessionId(storage, sessionIdOf(token), now, onExpired);
}

/**
 * The session behind a stored id, if still good: not past its inactivity expiry (AUTH-12) or
 * its absolute lifetime (AUTH-13), and its user not disabled. Also used by the socket sweep.
 */
export async function validateSessionId(
  storage: Storage,
  id: string,
  now = Date.now(),
  onExpired?: OnSessionExpired,
): Promise<ValidSession | null> {
  const session = await storage.findSession(id);
  // The lookup is by hash; compare again in constant time so timing says nothing about the id.
  if (!session || !timingSafeEqual(Buffer.from(session.id), Buffer.from(id))) return null;
  if (now >= sessionEndsAt(session)) {
    await storage.deleteSession(id);
    await onExpired?.(session);
    return null;
  }
  const user = await storage.findUserById(session.userId);
  if (!user || user.disabled) return null;
  const refreshed = Math.min(now + SESSION_TTL_MS, session.createdAt + SESSION_ABSOLUTE_MS);
  if (refreshed - session.expiresAt >= REFRESH_EVERY_MS) {
    session.expiresAt = refreshed;
    await storage.updateSessionExpiry(id, session.expiresAt);
  }
  return { session, user };
}

/**
 * The Set-Cookie value: __Host- prefix, HttpOnly, Secure, SameSite=Lax, Path=/, kept for
 * `lifetimeMs`. Max-Age, not Expires: the browser counts it from when it receives the cookie, so
 * a classroom laptop whose clock is wrong by weeks keeps its session as long as any other.
 */
export function sessionCookie(token: string, lifetimeMs: number): string {
  return `${SESSION_COOKIE}=${token}; HttpOnly; Secure; SameSite=Lax; Path=/; Max-Age=${Math.max(0, Math.floor(lifetimeMs / 1000))}`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; HttpOnly; Secure; SameSite=Lax; Path=/; Max-Age=0`;
}

/** Reads the session token from a Cookie header. */
export function tokenFromCookieHeader(header: string | undefined | null): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return rest.join('=');
  }
  return null;
}
