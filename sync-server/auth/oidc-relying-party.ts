import * as client from 'openid-client';
import type { OidcFlowRecord } from '../storage/port.ts';
import { isLoopback, type OidcConfig } from './oidc-config.ts';

/** The person the provider vouched for: what an identity is bound by (AUTH-28). */
export interface VerifiedIdentity {
  issuer: string;
  subject: string;
}

/** Why a callback was not accepted, as the person is told (model/access/oidc-outcomes.ts). */
export type RelyingPartyFailure = 'refused' | 'unavailable' | 'invalid';

/** The provider's discovery document is read again after a day: keys and endpoints may move. */
const REDISCOVER_MS = 24 * 60 * 60 * 1000;
/** Seconds a request to the provider may take: a teacher waits at the sign-in page meanwhile. */
const TIMEOUT_S = 10;

/**
 * The journal as an OpenID Connect relying party, through `openid-client`: the authorization code
 * flow with PKCE (S256), state and nonce. The ID token is checked in full (AUTH-29): its signature
 * against the provider's published keys (`enableNonRepudiationChecks` — the library otherwise
 * trusts TLS for tokens from the token endpoint), issuer, audience, nonce and expiry.
 *
 * The provider is discovered on first use, not at start: a provider that is down leaves password
 * sign-in working and is tried again on the next attempt.
 */
export class OidcRelyingParty {
  private discovered: { at: number; config: Promise<client.Configuration> } | null = null;

  constructor(private readonly settings: OidcConfig) {}

  /**
   * Where the browser goes to authenticate for this flow. Linking asks the provider to authenticate
   * the person anew (`prompt=login`): on a shared school computer the provider may still hold a
   * colleague's session, which must not be bound to this account unseen.
   */
  async authorizationUrl(flow: Pick<OidcFlowRecord, 'state' | 'nonce' | 'codeVerifier' | 'redirectUri' | 'purpose'>): Promise<URL> {
    const config = await this.configuration();
    return client.buildAuthorizationUrl(config, {
      redirect_uri: flow.redirectUri,
      scope: 'openid',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
      code_challenge_method: 'S256',
      ...(flow.purpose === 'link' ? { prompt: 'login' } : {}),
    });
  }

  /**
   * The callback's answer checked against its flow, the code exchanged and the ID token verified;
   * `callbackQuery` is the query string the provider sent the browser back with.
   */
  async verify(flow: OidcFlowRecord, callbackQuery: string): Promise<VerifiedIdentity> {
    const config = await this.configuration();
    // The URL the provider redirected to, as registered: not the request's, which a proxy may have rewritten.
    const current = new URL(flow.redirectUri);
    current.search = callbackQuery;
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims?.sub) throw new Error('the ID token names nobody');
    return { issuer: claims.iss, subject: claims.sub };
  }

  /** True when `issuer` is this provider's (an identity bound under it). */
  isOurs(issuer: string): boolean {
    return sameIssuer(issuer, this.settings.issuer);
  }

  private configuration(): Promise<client.Configuration> {
    const now = Date.now();
    if (this.discovered && now - this.discovered.at < REDISCOVER_MS) return this.discovered.config;
    const issuer = new URL(this.settings.issuer);
    const config = client
      .discovery(issuer, this.settings.clientId, undefined, client.ClientSecretBasic(this.settings.clientSecret), {
        // readOidc allows plain http only for a provider on this computer.
        execute: isLoopback(issuer) && issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
        timeout: TIMEOUT_S,
      })
      .then((c) => {
        client.enableNonRepudiationChecks(c);
        return c;
      });
    const entry = { at: now, config };
    this.discovered = entry;
    // A failed discovery is not kept: the next attempt asks again.
    config.catch(() => {
      if (this.discovered === entry) this.discovered = null;
    });
    return config;
  }
}

/** The same issuer identifier, however its trailing slash is written. */
export function sameIssuer(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}

/**
 * What a failed callback tells the person: the provider refused (they cancelled, or it said no),
 * the provider could not be reached, or the answer did not hold (state, code, token).
 */
export function classifyFailure(e: unknown): RelyingPartyFailure {
  if (e instanceof client.AuthorizationResponseError) return 'refused';
  if (e instanceof TypeError && /fetch failed/i.test(e.message)) return 'unavailable';
  if (e instanceof client.ClientError && (e.code === 'OAUTH_TIMEOUT' || e.code === 'OAUTH_ABORT')) return 'unavailable';
  return 'invalid';
}
