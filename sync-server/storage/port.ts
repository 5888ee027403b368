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

/**
 * A change the server refused (a path of an update, compensated), kept for the deputy, who may
 * apply it with a stated reason or dismiss it.
 */
export interface RefusedChange {
  id: string;
  docName: string;
  /** `map/key`, e.g. `marks/261103.2.math:ab12cd:0`. */
  path: string;
  /** The value the client wrote (JSON), and the value the server kept. */
  value: unknown;
  oldValue: unknown;
  userId: string;
  sessionId: string;
  reason: string;
  detail: string;
  clientTime: number | null;
  serverTime: number;
  state: 'open' | 'applied' | 'dismissed';
  resolvedBy: string | null;
  resolvedAt: number | null;
  /** The deputy's stated reason when applying or dismissing. */
  resolution: string | null;
}

export interface RefusedStore {
  appendRefused(rows: readonly RefusedChange[]): Promise<void>;
  /** Refused changes, newest first, filtered by document, state and/or author. */
  listRefused(filter: { docName?: string; state?: RefusedChange['state']; userId?: string }): Promise<RefusedChange[]>;
  findRefused(id: string): Promise<RefusedChange | null>;
  /** Marks an open refused change applied or dismissed; false when it was not open. */
  resolveRefused(id: string, state: 'applied' | 'dismissed', by: string, resolution: string, at: number): Promise<boolean>;
}

/**
 * Yjs client ids are bound to the user that first wrote with them in a document: an update
 * carrying structs of a client id bound to somebody else is refused (ARCHITECTURE: attribution).
 */
export interface ClientIdStore {
  loadClientIds(docName: string): Promise<Map<number, string>>;
  bindClientIds(docName: string, bindings: ReadonlyArray<[clientId: number, userId: string]>): Promise<void>;
}

export interface Storage extends DocumentStore, UserStore, SessionStore, RefusedStore, ClientIdStore {
  /** True when nothing has ever been stored: the server seeds the demo school then. */
  isEmpty(): Promise<boolean>;
  close(): Promise<void>;
}
