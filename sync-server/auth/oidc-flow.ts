import * as client from 'openid-client';
import type { OidcFlowPurpose, OidcFlowRecord } from '../storage/port.ts';
import { generateSessionToken, sessionIdOf } from './sessions.ts';

/**
 * The browser's half of a flow under way (AUTH-30): a random key in its own cookie, HttpOnly,
 * Secure and SameSite=Lax like the session's — Lax, because the provider sends the browser back
 * with a top-level GET from its own site, which carries Lax cookies and no Strict ones.
 */
export const FLOW_COOKIE = '__Host-oidc-flow';
/** Long enough to type a password at the provider and confirm, short enough to leave little to replay. */
export const FLOW_TTL_MS = 10 * 60 * 1000;
/**
 * Flows anyone may have under way at once (a flow is started without a session). A school's
 * morning sign-ins are a few hundred in ten minutes; past the bound the oldest are forgotten.
 */
export const MAX_LIVE_FLOWS = 10_000;

/**
 * A new flow: fresh state, nonce and PKCE verifier, and the key its cookie holds. Only the key's
 * SHA-256 is stored (the flow's id), as with sessions: the store alone cannot finish a flow.
 */
export function newFlow(
  purpose: OidcFlowPurpose,
  userId: string | null,
  redirectUri: string,
  now: number,
): { key: string; flow: OidcFlowRecord } {
  const key = generateSessionToken();
  return {
    key,
    flow: {
      id: sessionIdOf(key),
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      purpose,
      userId,
      redirectUri,
      createdAt: now,
      expiresAt: now + FLOW_TTL_MS,
    },
  };
}

export function flowCookie(key: string): string {
  return `${FLOW_COOKIE}=${key}; HttpOnly; Secure; SameSite=Lax; Path=/; Max-Age=${FLOW_TTL_MS / 1000}`;
}

export function clearedFlowCookie(): string {
  return `${FLOW_COOKIE}=; HttpOnly; Secure; SameSite=Lax; Path=/; Max-Age=0`;
}

/** The stored flow's id behind a Cookie header, or null without a well-formed flow cookie. */
export function flowIdFromCookieHeader(header: string | undefined | null): string | null {
  for (const part of (header ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    const key = rest.join('=');
    if (name === FLOW_COOKIE && /^[a-z2-7]{32}$/.test(key)) return sessionIdOf(key);
  }
  return null;
}
