import { ChainConflictError, type DocumentStore, type SignedSnapshot } from '../port.ts';
import { inTransaction } from './pool.ts';
import type pg from 'pg';

/** Signed, hash-chained snapshots (ARC-3) on PostgreSQL: an append-only chain that only grows. */

interface SignedDbRow {
  up_to_seq: number;
  state: Buffer;
  state_vector: Buffer;
  created_at: number;
  sha256: Buffer;
  prev_sha256: Buffer | null;
  signature: Buffer;
  key_id: string;
}

const toSigned = (r: SignedDbRow): SignedSnapshot => ({
  upToSeq: r.up_to_seq,
  state: new Uint8Array(r.state),
  stateVector: new Uint8Array(r.state_vector),
  createdAt: r.created_at,
  sha256: new Uint8Array(r.sha256),
  prevSha256: r.prev_sha256 ? new Uint8Array(r.prev_sha256) : null,
  signature: new Uint8Array(r.signature),
  keyId: r.key_id,
});

const sameBytes = (a: Uint8Array | null, b: Uint8Array | null) =>
  a === null || b === null ? a === b : Buffer.from(a).equals(Buffer.from(b));

const LATEST = 'SELECT * FROM signed_snapshots WHERE doc_name = $1 ORDER BY up_to_seq DESC LIMIT 1';

type ArchiveStore = Pick<DocumentStore, 'appendSignedSnapshot' | 'latestSignedSnapshot' | 'signedSnapshots'>;

export function pgArchive(pool: pg.Pool): ArchiveStore {
  return {
    async appendSignedSnapshot(docName, s) {
      await inTransaction(pool, async (tx) => {
        // The check and the insert under one lock per document: two snapshotters, in one process
        // or two, can never fork the chain.
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`signed-snapshots:${docName}`]);
        const head = (await tx.query<SignedDbRow>(LATEST, [docName])).rows[0];
        const headSha = head ? new Uint8Array(head.sha256) : null;
        if (!sameBytes(headSha, s.prevSha256)) throw new ChainConflictError(`${docName}: the snapshot does not follow the latest one`);
        if (head && head.up_to_seq >= s.upToSeq) throw new ChainConflictError(`${docName}: a snapshot up to ${head.up_to_seq} exists`);
        await tx.query(
          `INSERT INTO signed_snapshots (doc_name, up_to_seq, state, state_vector, created_at, sha256, prev_sha256, signature, key_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            docName,
            s.upToSeq,
            Buffer.from(s.state),
            Buffer.from(s.stateVector),
            s.createdAt,
            Buffer.from(s.sha256),
            s.prevSha256 ? Buffer.from(s.prevSha256) : null,
            Buffer.from(s.signature),
            s.keyId,
          ],
        );
      });
    },
    async latestSignedSnapshot(docName) {
      const r = (await pool.query<SignedDbRow>(LATEST, [docName])).rows[0];
      return r ? toSigned(r) : null;
    },
    async signedSnapshots(docName) {
      const { rows } = await pool.query<SignedDbRow>('SELECT * FROM signed_snapshots WHERE doc_name = $1 ORDER BY up_to_seq', [docName]);
      return rows.map(toSigned);
    },
  };
}
