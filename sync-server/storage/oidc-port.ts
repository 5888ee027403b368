/** The storage port's sign-in through the region's identity provider (AUTH-28…AUTH-30); `port.ts` re-exports it. */

/**
 * An identity of the provider bound to an account: the verified `(issuer, sub)` of an ID token.
 * Never matched by name or e-mail: only a signed-in user binds it, to their own account.
 */
export interface UserIdentity {
  /** The `iss` of the ID token, as the provider states it. */
  issuer: string;
  /** The `sub` of the ID token: the provider's stable id of the person. */
  subject: string;
  userId: string;
  linkedAt: number;
}

/**
 * How linking ended: only `ok` changed anything (or found the very same link already there).
 * `identity-taken`: another account holds this identity; `account-has-one`: this account
 * already holds another identity of the same issuer (it is unlinked first).
 */
export type LinkIdentityResult = 'ok' | 'identity-taken' | 'account-has-one';

export interface UserIdentityStore {
  /** Binds the identity to its user in one statement: one identity, one account; one per issuer per account. */
  linkIdentity(identity: UserIdentity): Promise<LinkIdentityResult>;
  findIdentity(issuer: string, subject: string): Promise<UserIdentity | null>;
  /** The identities bound to an account, oldest first. */
  listIdentities(userId: string): Promise<UserIdentity[]>;
  /** False when there was no such identity. */
  unlinkIdentity(issuer: string, subject: string): Promise<boolean>;
}

/** Why a flow was started: to sign in, or to bind the identity to the signed-in `userId`. */
export type OidcFlowPurpose = 'sign-in' | 'link';

/**
 * One authorization code flow between its start and its callback: what the callback must check
 * (state, nonce) and send (the PKCE verifier, the same redirect URI). `id` is the SHA-256 of the
 * random key in the browser's flow cookie, so the row is of no use without that browser.
 */
export interface OidcFlowRecord {
  id: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  purpose: OidcFlowPurpose;
  /** The account a `link` flow binds to; null for `sign-in`. */
  userId: string | null;
  redirectUri: string;
  createdAt: number;
  expiresAt: number;
}

export interface OidcFlowStore {
  /**
   * Stores a flow. In the same transaction flows expired by `flow.createdAt` are forgotten and,
   * beyond `maxLive` flows, the oldest: anyone may start a flow, so their number is bounded.
   */
  createOidcFlow(flow: OidcFlowRecord, maxLive: number): Promise<void>;
  /**
   * Removes the flow and resolves with it when it was there and not expired at `now`, else null:
   * a flow is used once, so a replayed callback finds nothing.
   */
  takeOidcFlow(id: string, now: number): Promise<OidcFlowRecord | null>;
}
