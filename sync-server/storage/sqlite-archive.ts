import type Database from 'better-sqlite3';
import { ChainConflictError, type DocumentStore, type SignedSnapshot } from './port.ts';

/**
 * Signed, hash-chained snapshots (ARC-3): the archive half of the SQLite adapter. A table of
 * its own, apart from the compaction `snapshots`: those are a loading cache the registry may
 * write from memory at any time, these are an append-only chain that only grows.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS signed_snapshots (
  doc_name TEXT NOT NULL,
  up_to_seq INTEGER NOT NULL,
  state BLOB NOT NULL,
  state_vector BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  sha256 BLOB NOT NULL,
  prev_sha256 BLOB,
  signature BLOB NOT NULL,
  key_id TEXT NOT NULL,
  PRIMARY KEY (doc_name, up_to_seq)
) WITHOUT ROWID;
`;

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

export function migrateArchive(db: Database.Database): void {
  db.exec(SCHEMA);
}

type ArchiveStore = Pick<DocumentStore, 'lastSeqs' | 'appendSignedSnapshot' | 'latestSignedSnapshot' | 'signedSnapshots'>;

export function sqliteArchive(db: Database.Database): ArchiveStore {
  const latest = db.prepare<[string], SignedDbRow>('SELECT * FROM signed_snapshots WHERE doc_name = ? ORDER BY up_to_seq DESC LIMIT 1');
  const all = db.prepare<[string], SignedDbRow>('SELECT * FROM signed_snapshots WHERE doc_name = ? ORDER BY up_to_seq');
  const insert = db.prepare(
    `INSERT INTO signed_snapshots (doc_name, up_to_seq, state, state_vector, created_at, sha256, prev_sha256, signature, key_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // The check and the insert in one transaction: two snapshotters can never fork the chain.
  const append = db.transaction((docName: string, s: SignedSnapshot) => {
    const head = latest.get(docName);
    const headSha = head ? new Uint8Array(head.sha256) : null;
    if (!sameBytes(headSha, s.prevSha256)) throw new ChainConflictError(`${docName}: the snapshot does not follow the latest one`);
    if (head && head.up_to_seq >= s.upToSeq) throw new ChainConflictError(`${docName}: a snapshot up to ${head.up_to_seq} exists`);
    insert.run(docName, s.upToSeq, s.state, s.stateVector, s.createdAt, s.sha256, s.prevSha256, s.signature, s.keyId);
  });
  return {
    async lastSeqs() {
      const rows = db
        .prepare<[], { doc_name: string; seq: number }>('SELECT doc_name, MAX(seq) AS seq FROM updates GROUP BY doc_name')
        .all();
      return new Map(rows.map((r) => [r.doc_name, r.seq]));
    },
    async appendSignedSnapshot(docName, s) {
      append.immediate(docName, s);
    },
    async latestSignedSnapshot(docName) {
      const r = latest.get(docName);
      return r ? toSigned(r) : null;
    },
    async signedSnapshots(docName) {
      return all.all(docName).map(toSigned);
    },
  };
}
