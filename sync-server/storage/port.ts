import type { Role } from '../../model/index.ts';

/**
 * The storage port: asynchronous and adapter-neutral, so that SQLite (embedded) and
 * PostgreSQL fit behind it without touching callers. The contract suite in
 * test/contracts/storage-contract.ts runs against every adapter.
 */

/** One accepted update, attributed to the authenticated connection that sent it. */
export interface UpdateRow {
  update: Uint8Array;
  userId: string;
  sessionId: string;
  /** The client's clock when known (ms since epoch), else null. */
  clientTime: number | null;
  /** The server's clock when the update arrived (ms since epoch). */
  serverTime: number;
}

export interface StoredUpdate extends UpdateRow {
  seq: number;
}

/** A compaction point: the document's full state as of `upToSeq`. The log is never cut. */
export interface Snapshot {
  upToSeq: number;
  state: Uint8Array;
  stateVector: Uint8Array;
  createdAt: number;
}

export interface DocumentStore {
  /** Appends rows to a document's log in one transaction; resolves with the last seq once committed. */
  appendUpdates(docName: string, rows: readonly UpdateRow[]): Promise<number>;
  /** The latest snapshot (if any) and every update after it, in seq order. */
  loadDocument(docName: string): Promise<{ snapshot: Snapshot | null; updates: StoredUpdate[] }>;
  /** Stores a snapshot; a snapshot for an older seq than the latest is ignored. */
  putSnapshot(docName: string, snapshot: Snapshot): Promise<void>;
  /** Updates of a document with seq > afterSeq, in order (the history). */
  readUpdates(docName: string, afterSeq: number): Promise<StoredUpdate[]>;
  /** Names of every stored document. */
  listDocuments(): Promise<string[]>;
}

export interface UserRecord {
  id: string;
  login: string;
  name: string;
  roles: Role[];
  passwordHash: string;
  disabled: boolean;
}

export interface UserStore {
  createUser(user: UserRecord): Promise<void>;
  findUserByLogin(login: string): Promise<UserRecord | null>;
  findUserById(id: string): Promise<UserRecord | null>;
  listUsers(): Promise<UserRecord[]>;
}

/** A session as stored: only the SHA-256 of the token, never the token itself. */
export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
}

export interface SessionStore {
  createSession(session: SessionRecord): Promise<void>;
  findSession(id: string): Promise<SessionRecord | null>;
  updateSessionExpiry(id: string, expiresAt: number): Promise<void>;
  deleteSession(id: string): Promise<void>;
  deleteUserSessions(userId: string): Promise<void>;
}

export interface Storage extends DocumentStore, UserStore, SessionStore {
  /** True when nothing has ever been stored: the server seeds the demo school then. */
  isEmpty(): Promise<boolean>;
  close(): Promise<void>;
}
