import type { ClientIdStore, DocumentStore, Snapshot, StoredUpdate } from '../port.ts';
import type { Queryable } from './pool.ts';

/**
 * The document log's reads, compaction snapshots and client-id bindings on PostgreSQL. Appends
 * are the group commit's (commit-queue.ts); signed snapshots are in archive.ts.
 */

interface UpdateDbRow {
  seq: number;
  update_bytes: Buffer;
  user_id: string;
  session_id: string;
  client_time: number | null;
  server_time: number;
}

const toUpdate = (r: UpdateDbRow): StoredUpdate => ({
  seq: r.seq,
  update: new Uint8Array(r.update_bytes),
  userId: r.user_id,
  sessionId: r.session_id,
  clientTime: r.client_time,
  serverTime: r.server_time,
});

const UPDATE_COLUMNS = 'seq, update_bytes, user_id, session_id, client_time, server_time';

type DocumentReads = Pick<DocumentStore, 'loadDocument' | 'putSnapshot' | 'readUpdates' | 'listDocuments' | 'lastSeqs'>;

export function pgDocuments(db: Queryable): DocumentReads & ClientIdStore {
  const loadSnapshot = async (docName: string): Promise<Snapshot | null> => {
    const { rows } = await db.query<{ up_to_seq: number; state: Buffer; state_vector: Buffer; created_at: number }>(
      'SELECT up_to_seq, state, state_vector, created_at FROM snapshots WHERE doc_name = $1 ORDER BY up_to_seq DESC LIMIT 1',
      [docName],
    );
    const s = rows[0];
    if (!s) return null;
    return { upToSeq: s.up_to_seq, state: new Uint8Array(s.state), stateVector: new Uint8Array(s.state_vector), createdAt: s.created_at };
  };
  const updatesAfter = async (docName: string, afterSeq: number, upToSeq?: number) => {
    const { rows } =
      upToSeq === undefined
        ? await db.query<UpdateDbRow>(`SELECT ${UPDATE_COLUMNS} FROM updates WHERE doc_name = $1 AND seq > $2 ORDER BY seq`, [
            docName,
            afterSeq,
          ])
        : await db.query<UpdateDbRow>(`SELECT ${UPDATE_COLUMNS} FROM updates WHERE doc_name = $1 AND seq > $2 AND seq <= $3 ORDER BY seq`, [
            docName,
            afterSeq,
            upToSeq,
          ]);
    return rows.map(toUpdate);
  };

  return {
    async loadDocument(docName) {
      // The updates after the snapshot read: a snapshot written in between changes nothing of it.
      const snapshot = await loadSnapshot(docName);
      return { snapshot, updates: await updatesAfter(docName, snapshot?.upToSeq ?? 0) };
    },
    async putSnapshot(docName, s) {
      // One statement: of two processes snapshotting at once, an older snapshot never lands after a newer.
      await db.query(
        `INSERT INTO snapshots (doc_name, up_to_seq, state, state_vector, created_at)
         SELECT $1, $2, $3, $4, $5
         WHERE NOT EXISTS (SELECT 1 FROM snapshots WHERE doc_name = $1 AND up_to_seq >= $2)
         ON CONFLICT DO NOTHING`,
        [docName, s.upToSeq, Buffer.from(s.state), Buffer.from(s.stateVector), s.createdAt],
      );
    },
    readUpdates: updatesAfter,
    async listDocuments() {
      const { rows } = await db.query<{ doc_name: string }>(
        'SELECT doc_name FROM doc_heads UNION SELECT DISTINCT doc_name FROM snapshots ORDER BY doc_name',
      );
      return rows.map((r) => r.doc_name);
    },
    async lastSeqs() {
      const { rows } = await db.query<{ doc_name: string; last_seq: number }>('SELECT doc_name, last_seq FROM doc_heads');
      return new Map(rows.map((r) => [r.doc_name, r.last_seq]));
    },
    async loadClientIds(docName) {
      const { rows } = await db.query<{ client_id: number; user_id: string }>(
        'SELECT client_id, user_id FROM client_ids WHERE doc_name = $1',
        [docName],
      );
      return new Map(rows.map((r) => [r.client_id, r.user_id]));
    },
    async bindClientIds(docName, bindings) {
      if (bindings.length === 0) return;
      // One statement; the first user to bind a client id keeps it, whichever process binds it.
      await db.query(
        `INSERT INTO client_ids (doc_name, client_id, user_id)
         SELECT $1, b.client_id, b.user_id FROM unnest($2::bigint[], $3::text[]) AS b(client_id, user_id)
         ON CONFLICT DO NOTHING`,
        [docName, bindings.map(([c]) => c), bindings.map(([, u]) => u)],
      );
    },
  };
}
