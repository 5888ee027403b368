import type pg from 'pg';
import type { LinkIdentityResult, OidcFlowRecord, OidcFlowStore, UserIdentity, UserIdentityStore } from '../oidc-port.ts';
import { inTransaction, isUniqueViolation, type Queryable } from './pool.ts';

/**
 * Identities of the region's provider and the flows under way (AUTH-28…AUTH-30) on PostgreSQL.
 * The keys say the rules, as on SQLite: one `(issuer, subject)` is one account's; an account
 * holds at most one identity of an issuer.
 */

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

const bySubject = async (db: Queryable, issuer: string, subject: string) =>
  (await db.query<IdentityRow>('SELECT * FROM user_identities WHERE issuer = $1 AND subject = $2', [issuer, subject])).rows[0];

/** Why a link cannot be made, from what the table holds now; null when it can (or is there already). */
async function linkRefusal(db: Queryable, i: UserIdentity): Promise<LinkIdentityResult | 'linked' | null> {
  const held = await bySubject(db, i.issuer, i.subject);
  if (held) return held.user_id === i.userId ? 'linked' : 'identity-taken';
  const own = await db.query('SELECT 1 FROM user_identities WHERE user_id = $1 AND issuer = $2', [i.userId, i.issuer]);
  return own.rowCount ? 'account-has-one' : null;
}

export function pgOidc(pool: pg.Pool): UserIdentityStore & OidcFlowStore {
  const db: Queryable = pool;
  return {
    async linkIdentity(i) {
      const refusal = await linkRefusal(db, i);
      if (refusal) return refusal === 'linked' ? 'ok' : refusal;
      try {
        await db.query('INSERT INTO user_identities (issuer, subject, user_id, linked_at) VALUES ($1, $2, $3, $4)', [
          i.issuer,
          i.subject,
          i.userId,
          i.linkedAt,
        ]);
        return 'ok';
      } catch (e) {
        // Linked by someone else between the check and the insert: the keys refused it; say why.
        if (!isUniqueViolation(e)) throw e;
        const now = await linkRefusal(db, i);
        return now === 'linked' || now === null ? 'ok' : now;
      }
    },
    async findIdentity(issuer, subject) {
      const r = await bySubject(db, issuer, subject);
      return r ? toIdentity(r) : null;
    },
    async listIdentities(userId) {
      const { rows } = await db.query<IdentityRow>('SELECT * FROM user_identities WHERE user_id = $1 ORDER BY linked_at, issuer', [userId]);
      return rows.map(toIdentity);
    },
    async unlinkIdentity(issuer, subject) {
      return ((await db.query('DELETE FROM user_identities WHERE issuer = $1 AND subject = $2', [issuer, subject])).rowCount ?? 0) > 0;
    },
    async createOidcFlow(f, maxLive) {
      await inTransaction(pool, async (tx) => {
        // One flow stored at a time: the count and the trimming see every flow before theirs.
        await tx.query('LOCK TABLE oidc_flows IN SHARE ROW EXCLUSIVE MODE');
        await tx.query('DELETE FROM oidc_flows WHERE expires_at <= $1', [f.createdAt]);
        const live = (await tx.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM oidc_flows')).rows[0].n;
        // Room for the one being added, taken from the oldest.
        const over = live - Math.max(0, maxLive - 1);
        if (over > 0)
          await tx.query('DELETE FROM oidc_flows WHERE id IN (SELECT id FROM oidc_flows ORDER BY created_at, id LIMIT $1)', [over]);
        await tx.query(
          `INSERT INTO oidc_flows (id, state, nonce, code_verifier, purpose, user_id, redirect_uri, created_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [f.id, f.state, f.nonce, f.codeVerifier, f.purpose, f.userId, f.redirectUri, f.createdAt, f.expiresAt],
        );
      });
    },
    async takeOidcFlow(id, now) {
      // One statement: of two callbacks with the same flow at once, one gets the row and one nothing.
      const r = (await db.query<FlowRow>('DELETE FROM oidc_flows WHERE id = $1 RETURNING *', [id])).rows[0];
      return r && r.expires_at > now ? toFlow(r) : null;
    },
  };
}
