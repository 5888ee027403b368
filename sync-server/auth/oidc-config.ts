/** The sign-in button's words when `OIDC_NAME` does not name the provider. */
export const OIDC_DEFAULT_NAME = 'Войти через региональную учётную запись';

/**
 * AUTH-28: the region's identity provider, an OpenID Connect provider with this journal
 * registered as a confidential client (the callback `…/api/auth/oidc/callback` of each address
 * the journal is opened at). Without it the server signs in by password only.
 */
export interface OidcConfig {
  /** `OIDC_ISSUER`: the provider's issuer identifier; its discovery document is read from it. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** `OIDC_NAME`: the sign-in button's label. */
  name: string;
}

/**
 * Reads `OIDC_ISSUER`, `OIDC_CLIENT_ID`, `OIDC_CLIENT_SECRET` and `OIDC_NAME`. None of the first
 * three: null. Some of them only, or an issuer that is neither https nor on this computer, stops
 * the start: a half-configured sign-in is a mistake to report, not one to run with.
 */
export function readOidc(env: NodeJS.ProcessEnv): OidcConfig | null {
  const issuer = env.OIDC_ISSUER?.trim() ?? '';
  const clientId = env.OIDC_CLIENT_ID?.trim() ?? '';
  const clientSecret = env.OIDC_CLIENT_SECRET?.trim() ?? '';
  if (!issuer && !clientId && !clientSecret) return null;
  if (!issuer || !clientId || !clientSecret) {
    throw new Error('OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be given together');
  }
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new Error(`OIDC_ISSUER must be the provider's address, got ${issuer}`);
  }
  // Tokens and the client secret cross this connection: plain HTTP only to a provider on this computer.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url))) {
    throw new Error(`OIDC_ISSUER must be an https:// address (plain http only on this computer), got ${issuer}`);
  }
  const name = env.OIDC_NAME?.trim() || OIDC_DEFAULT_NAME;
  return { issuer, clientId, clientSecret, name: name.slice(0, 100) };
}

/** localhost, 127.0.0.0/8 or ::1: a provider on this computer (a test's, a developer's). */
export function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(url.hostname);
}
