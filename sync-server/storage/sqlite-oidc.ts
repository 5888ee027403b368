import type Database from 'better-sqlite3';
import type { LinkIdentityResult, OidcFlowRecord, OidcFlowStore, UserIdentity, UserIdentityStore } from './oidc-port.ts';

/**
 * Identities of the region's provider bound to accounts, and the flows under way (AUTH-28…AUTH-30).
 * The keys say the rules: one `(issuer, subject)` is one account's; an account holds at most one
 * identity of an issuer.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS user_identities (
  issuer TEXT NOT NULL,
  subject TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id),
  linked_at INTEGER NOT NULL,
  PRIMARY KEY (issuer, subject),
  UNIQUE (user_id, issuer)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS oidc_flows (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  nonce TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  purpose TEXT NOT NULL,
  user_id TEXT,
  redirect_uri TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS oidc_flows_created ON oidc_flows(created_at);
`;

interface IdentityRow {
  issuer: string;
  subject: string;
  user_id: string;
  linked_at: number;
}

interface FlowRow {
  id: string;
  state: string;
  nonce: string;
  code_verifier: string;
  purpose: OidcFlowRecord['purpose'];
  user_id: string | null;
  redirect_uri: string;
  created_at: number;
  expires_at: number;
}

const toIdentity = (r: IdentityRow): UserIdentity => ({ issuer: r.issuer, subject: r.subject, userId: r.user_id, linkedAt: r.linked_at });

const toFlow = (r: FlowRow): OidcFlowRecord => ({
  id: r.id,
  state: r.state,
  nonce: r.nonce,
  codeVerifier: r.code_verifier,
  purpose: r.purpose,
  userId: r.user_id,
  redirectUri: r.redirect_uri,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});

export function migrateOidc(db: Database.Database): void {
  db.exec(SCHEMA);
}

/** Statements are prepared on first use: a read-only store from before these tables opens without them. */
export function sqliteOidc(db: Database.Database): UserIdentityStore & OidcFlowStore {
  let statements: ReturnType<typeof prepare> | null = null;
  const st = () => (statements ??= prepare(db));
  return {
    async linkIdentity(identity) {
      return st().link(identity);
    },
    async findIdentity(issuer, subject) {
      const r = st().bySubject.get(issuer, subject);
      return r ? toIdentity(r) : null;
    },
    async listIdentities(userId) {
      return st().byUser.all(userId).map(toIdentity);
    },
    async unlinkIdentity(issuer, subject) {
      return st().unlink.run(issuer, subject).changes > 0;
    },
    async createOidcFlow(flow, maxLive) {
      st().create(flow, maxLive);
    },
    async takeOidcFlow(id, now) {
      const r = st().take.get(id);
      return r && r.expires_at > now ? toFlow(r) : null;
    },
  };
}

function prepare(db: Database.Database) {
  const bySubject = db.prepare<[string, string], IdentityRow>('SELECT * FROM user_identities WHERE issuer = ? AND subject = ?');
  const byUserIssuer = db.prepare<[string, string], IdentityRow>('SELECT * FROM user_identities WHERE user_id = ? AND issuer = ?');
  const insertIdentity = db.prepare('INSERT INTO user_identities (issuer, subject, user_id, linked_at) VALUES (?, ?, ?, ?)');
  const link = db.transaction((i: UserIdentity): LinkIdentityResult => {
    const held = bySubject.get(i.issuer, i.subject);
    if (held) return held.user_id === i.userId ? 'ok' : 'identity-taken';
    if (byUserIssuer.get(i.userId, i.issuer)) return 'account-has-one';
    insertIdentity.run(i.issuer, i.subject, i.userId, i.linkedAt);
    return 'ok';
  });

  const insertFlow = db.prepare<[FlowRow]>(
    `INSERT INTO oidc_flows (id, state, nonce, code_verifier, purpose, user_id, redirect_uri, created_at, expires_at)
     VALUES (@id, @state, @nonce, @code_verifier, @purpose, @user_id, @redirect_uri, @created_at, @expires_at)`,
  );
  const dropExpired = db.prepare<[number]>('DELETE FROM oidc_flows WHERE expires_at <= ?');
  const live = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM oidc_flows');
  const dropOldest = db.prepare<[number]>('DELETE FROM oidc_flows WHERE id IN (SELECT id FROM oidc_flows ORDER BY created_at, id LIMIT ?)');
  const create = db.transaction((f: OidcFlowRecord, maxLive: number) => {
    dropExpired.run(f.createdAt);
    // Room for the one being added, taken from the oldest.
    const over = live.get()!.n - Math.max(0, maxLive - 1);
    if (over > 0) dropOldest.run(over);
    insertFlow.run({
      id: f.id,
      state: f.state,
      nonce: f.nonce,
      code_verifier: f.codeVerifier,
      purpose: f.purpose,
      user_id: f.userId,
      redirect_uri: f.redirectUri,
      created_at: f.createdAt,
      expires_at: f.expiresAt,
    });
  });
  return {
    bySubject,
    byUser: db.prepare<[string], IdentityRow>('SELECT * FROM user_identities WHERE user_id = ? ORDER BY linked_at, issuer'),
    link,
    unlink: db.prepare<[string, string]>('DELETE FROM user_identities WHERE issuer = ? AND subject = ?'),
    create,
    // One statement: of two callbacks with the same flow at once, one gets the row and one nothing.
    take: db.prepare<[string], FlowRow>('DELETE FROM oidc_flows WHERE id = ? RETURNING *'),
  };
}
