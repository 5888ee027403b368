import Database from 'better-sqlite3';
import type { Snapshot, Storage, StoredUpdate } from './port.ts';
import { migrateArchive, sqliteArchive } from './sqlite-archive.ts';
import { migrateContacts, sqliteContacts } from './sqlite-contacts.ts';
import { migrateDiaryAcks, sqliteDiaryAcks } from './sqlite-diary-acks.ts';
import { migrateAnnouncements, sqliteAnnouncements } from './sqlite-announcements.ts';
import { migrateConsent, sqliteConsent } from './sqlite-consent.ts';
import { migrateNotifications, sqliteNotifications } from './sqlite-notifications.ts';
import { migrateHistory, sqliteHistory } from './sqlite-history.ts';
import { groupCommit, writerPragmas } from './sqlite-append.ts';
import { CommitThread } from './commit-thread.ts';
import { migrateIdentity, sqliteIdentity } from './sqlite-identity.ts';
import { migrateOidc, sqliteOidc } from './sqlite-oidc.ts';
import { migrateMessages, sqliteMessages } from './sqlite-messages.ts';
import { flushBatchedAppends } from './sqlite-batched.ts';
import { migrateRefused, sqliteRefused } from './sqlite-refused.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS updates (
  doc_name TEXT NOT NULL,
  seq INTEGER NOT NULL,
  update_bytes BLOB NOT NULL,
  user_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  client_time INTEGER,
  server_time INTEGER NOT NULL,
  PRIMARY KEY (doc_name, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS snapshots (
  doc_name TEXT NOT NULL,
  up_to_seq INTEGER NOT NULL,
  state BLOB NOT NULL,
  state_vector BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (doc_name, up_to_seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS client_ids (
  doc_name TEXT NOT NULL,
  client_id INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  PRIMARY KEY (doc_name, client_id)
) WITHOUT ROWID;
`;

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

/**
 * The embedded SQLite adapter. WAL with synchronous=FULL: a commit is on disk when the
 * promise resolves, which is what the durable ack promises the teacher. The update log is
 * committed by a thread of its own (commit-thread.ts). Signed snapshots are in
 * sqlite-archive.ts, identity in sqlite-identity.ts, refused changes in sqlite-refused.ts.
 */
export function openSqliteStorage(file: string, opts: { readonly?: boolean } = {}): Storage {
  // Read-only (the export command): no schema or journal-mode changes, so it may run beside
  // the server; WAL lets it read one committed state while the server keeps writing.
  const db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  if (!opts.readonly) {
    writerPragmas(db);
    db.exec(SCHEMA);
    migrateIdentity(db);
    migrateArchive(db);
    migrateHistory(db);
    migrateContacts(db);
    migrateRefused(db);
    migrateDiaryAcks(db);
    migrateAnnouncements(db);
    migrateConsent(db);
    migrateNotifications(db);
    migrateOidc(db);
    migrateMessages(db);
  }

  // STORE-20: the update log is committed by its own thread; prepared on first use (a read-only
  // adapter never writes).
  let commitHere: ReturnType<typeof groupCommit> | null = null;
  const commits = new CommitThread(file, (items) => (commitHere ??= groupCommit(db))(items));
  const latestSnapshot = db.prepare<[string], { up_to_seq: number; state: Buffer; state_vector: Buffer; created_at: number }>(
    'SELECT up_to_seq, state, state_vector, created_at FROM snapshots WHERE doc_name = ? ORDER BY up_to_seq DESC LIMIT 1',
  );
  const updatesAfter = db.prepare<[string, number], UpdateDbRow>(
    'SELECT seq, update_bytes, user_id, session_id, client_time, server_time FROM updates WHERE doc_name = ? AND seq > ? ORDER BY seq',
  );
  const updatesBetween = db.prepare<[string, number, number], UpdateDbRow>(
    'SELECT seq, update_bytes, user_id, session_id, client_time, server_time FROM updates WHERE doc_name = ? AND seq > ? AND seq <= ? ORDER BY seq',
  );
  // Read on every room load (a reconnect storm loads many): prepared once.
  const clientIdsOf = db.prepare<[string], { client_id: number; user_id: string }>(
    'SELECT client_id, user_id FROM client_ids WHERE doc_name = ?',
  );
  const insertSnapshot = db.prepare(
    'INSERT OR IGNORE INTO snapshots (doc_name, up_to_seq, state, state_vector, created_at) VALUES (?, ?, ?, ?, ?)',
  );

  const loadSnapshot = (docName: string): Snapshot | null => {
    const s = latestSnapshot.get(docName);
    if (!s) return null;
    return { upToSeq: s.up_to_seq, state: new Uint8Array(s.state), stateVector: new Uint8Array(s.state_vector), createdAt: s.created_at };
  };

  return {
    ...sqliteIdentity(db),
    ...sqliteArchive(db),
    ...sqliteHistory(db),
    ...sqliteContacts(db),
    ...sqliteRefused(db),
    ...sqliteDiaryAcks(db),
    familyNotices: { ...sqliteAnnouncements(db), ...sqliteConsent(db), ...sqliteNotifications(db) },
    ...sqliteOidc(db),
    ...sqliteMessages(db),
    appendUpdates: (docName, rows, extras) => commits.append(docName, rows, extras),
    async loadDocument(docName) {
      const snapshot = loadSnapshot(docName);
      return { snapshot, updates: updatesAfter.all(docName, snapshot?.upToSeq ?? 0).map(toUpdate) };
    },
    async putSnapshot(docName, s) {
      const latest = loadSnapshot(docName);
      if (latest && latest.upToSeq >= s.upToSeq) return;
      insertSnapshot.run(docName, s.upToSeq, s.state, s.stateVector, s.createdAt);
    },
    async readUpdates(docName, afterSeq, upToSeq) {
      const rows = upToSeq === undefined ? updatesAfter.all(docName, afterSeq) : updatesBetween.all(docName, afterSeq, upToSeq);
      return rows.map(toUpdate);
    },
    async listDocuments() {
      const rows = db
        .prepare<[], { doc_name: string }>('SELECT DISTINCT doc_name FROM updates UNION SELECT DISTINCT doc_name FROM snapshots')
        .all();
      return rows.map((r) => r.doc_name).sort();
    },
    async loadClientIds(docName) {
      const rows = clientIdsOf.all(docName);
      return new Map(rows.map((r) => [r.client_id, r.user_id]));
    },
    async bindClientIds(docName, bindings) {
      const insert = db.prepare('INSERT OR IGNORE INTO client_ids (doc_name, client_id, user_id) VALUES (?, ?, ?)');
      db.transaction(() => {
        for (const [clientId, userId] of bindings) insert.run(docName, clientId, userId);
      })();
    },
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async isEmpty() {
      const users = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM users').get()?.n ?? 0;
      const updates = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM updates').get()?.n ?? 0;
      return users === 0 && updates === 0;
    },
    async backupTo(target) {
      // SQLite's online backup: pages are copied in steps between other statements, and a
      // write in the meantime restarts the copy, so the file is one consistent committed state.
      await commits.backup(target, () => db.backup(target));
    },
    async close() {
      await commits.close();
      flushBatchedAppends(db);
      db.close();
    },
  };
}
