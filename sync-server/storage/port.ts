import type { Role, StudentPersonal } from '../../model/index.ts';
import type { AccessLogStore } from './access-log-port.ts';
import type { DiaryAckStore } from './diary-acks-port.ts';
import type { FamilyNoticesStore } from './family-notices-port.ts';
import type { OidcFlowStore, UserIdentityStore } from './oidc-port.ts';
import type { MessageStore } from './messages-port.ts';
import type { RefusedChange, RefusedStore } from './refused-port.ts';
import type { SignInFailureStore } from './sign-in-port.ts';
export type { AccessLogEntry, AccessLogQuery, AccessLogStore } from './access-log-port.ts';
export type { DiaryAck, DiaryAckKind, DiaryAckStore, DiaryNoticeRow } from './diary-acks-port.ts';
export type { ConversationFile, ConversationRecord, ConversationSummary, IndexedMessage, MessageStore } from './messages-port.ts';
export type { LinkIdentityResult, OidcFlowPurpose, OidcFlowRecord, OidcFlowStore, UserIdentity, UserIdentityStore } from './oidc-port.ts';
export type { RefusedChange, RefusedFilter, RefusedStore } from './refused-port.ts';
export type { SignInFailures, SignInFailureStore } from './sign-in-port.ts';

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
  /** The paths this update changed, stored with it in the same transaction (HIST-1). */
  changes?: readonly ChangeRow[];
}

/** One changed path of an accepted update: who changed what from what to what, and when. */
export interface ChangeRow {
  /** `map/key`, e.g. `marks/261103.2.math:ab12cd:0`. */
  path: string;
  /** undefined = the key was absent; null = removed. */
  oldValue: unknown;
  newValue: unknown;
  userId: string;
  asSubstitute: boolean;
  /**
   * When the change was made by the client's clock: the typed time the client sent (PROTO-13),
   * else its clock at arrival (PROTO-9); null when the client said nothing of its clock.
   */
  clientTime: number | null;
  serverTime: number;
  /** Client clock minus server clock measured at connect, when known. */
  clockOffsetMs: number | null;
  /** Why, when the server wrote it on someone's behalf (a deputy's correction). */
  note: string | null;
}

export interface StoredChange extends ChangeRow {
  docName: string;
  /** The update (log position) the change belongs to. */
  seq: number;
}

export interface HistoryQuery {
  docName: string;
  path?: string;
  pathPrefix?: string;
  userId?: string;
  /** Server time range [from, to). */
  from?: number;
  to?: number;
  /** Only changes of a value that existed (corrections and removals). */
  correctionsOnly?: boolean;
  limit?: number;
}

export interface HistoryStore {
  /** Change rows in log order (HIST-2). */
  readChanges(query: HistoryQuery): Promise<StoredChange[]>;
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

/**
 * A signed snapshot (ARC-3): the replay of a document's log up to `upToSeq`, hash-chained to the
 * document's previous signed snapshot and signed by the server key over the canonical bytes of
 * model/archive/canonical.ts. Kept apart from the compaction snapshot, which is only a cache.
 */
export interface SignedSnapshot {
  upToSeq: number;
  /** Exactly `Y.encodeStateAsUpdate` of the replayed log, and its state vector. */
  state: Uint8Array;
  stateVector: Uint8Array;
  createdAt: number;
  /** SHA-256 of the canonical bytes: the snapshot's identity in the chain. */
  sha256: Uint8Array;
  /** The previous signed snapshot's `sha256`, null for a document's first. */
  prevSha256: Uint8Array | null;
  /** Ed25519 signature over the canonical bytes. */
  signature: Uint8Array;
  keyId: string;
}

/** Thrown by `appendSignedSnapshot` when the snapshot does not extend the stored chain. */
export class ChainConflictError extends Error {}

/**
 * STORE-21: what a room commits with its updates, in the same transaction: the changes they
 * refused (PROTO-11) and the Yjs client ids first seen in them (PROTO-10). A crash between them
 * would keep an update whose refusal the deputy never sees, or a refusal of an update not kept.
 */
export interface CommitExtras {
  refused?: readonly RefusedChange[];
  bindings?: ReadonlyArray<[clientId: number, userId: string]>;
}

export interface DocumentStore {
  /**
   * Appends rows to a document's log in one transaction, with `extras` (STORE-21); resolves with
   * the last seq once committed. An empty `rows` with extras commits the extras alone.
   */
  appendUpdates(docName: string, rows: readonly UpdateRow[], extras?: CommitExtras): Promise<number>;
  /** The latest snapshot (if any) and every update after it, in seq order. */
  loadDocument(docName: string): Promise<{ snapshot: Snapshot | null; updates: StoredUpdate[] }>;
  /** Stores a snapshot; a snapshot for an older seq than the latest is ignored. */
  putSnapshot(docName: string, snapshot: Snapshot): Promise<void>;
  /** Updates of a document with afterSeq < seq ≤ upToSeq (no bound when omitted), in order. */
  readUpdates(docName: string, afterSeq: number, upToSeq?: number): Promise<StoredUpdate[]>;
  /** Names of every stored document. */
  listDocuments(): Promise<string[]>;
  /** The last seq of every document's log. */
  lastSeqs(): Promise<Map<string, number>>;
  /**
   * Appends a signed snapshot to a document's chain. Refused with ChainConflictError unless its
   * `prevSha256` is the latest signed snapshot's `sha256` (null when there is none) and its
   * `upToSeq` is later: the chain can only grow, one link at a time.
   */
  appendSignedSnapshot(docName: string, snapshot: SignedSnapshot): Promise<void>;
  /** The latest signed snapshot of a document, or null. */
  latestSignedSnapshot(docName: string): Promise<SignedSnapshot | null>;
  /** Every signed snapshot of a document, oldest first. */
  signedSnapshots(docName: string): Promise<SignedSnapshot[]>;
}

export interface UserRecord {
  id: string;
  login: string;
  name: string;
  roles: Role[];
  /** Empty until the user has set a password through an activation code. */
  passwordHash: string;
  disabled: boolean;
  /**
   * The students the account belongs to, in the order they were linked (AUTH-26): a student's
   * own (exactly one), a parent's every child; absent or empty for staff. Read it through
   * `studentLinksOf` (sync-server/auth/student-links.ts), which applies the roles.
   */
  studentLinks?: StudentLink[];
}

/** The student a parent or a student account belongs to: a student id of a class's roster. */
export interface StudentLink {
  classId: string;
  studentId: string;
}

/** What an administrator may change about a user. */
export interface UserPatch {
  name?: string;
  roles?: Role[];
  disabled?: boolean;
}

export interface UserStore {
  createUser(user: UserRecord): Promise<void>;
  findUserByLogin(login: string): Promise<UserRecord | null>;
  findUserById(id: string): Promise<UserRecord | null>;
  listUsers(): Promise<UserRecord[]>;
  /**
   * AUTH-26: the accounts linked to a student (its parents' and its own), by login; read by the
   * link's index, so that telling a family of a mark never reads every account of the school.
   */
  usersLinkedTo(link: StudentLink): Promise<UserRecord[]>;
  /** Applies the given fields; false when there is no such user. */
  updateUser(id: string, patch: UserPatch): Promise<boolean>;
  setPassword(id: string, passwordHash: string): Promise<void>;
  /**
   * STU-7, AUTH-27: every account's link to `from` points at `to` instead, in one transaction (an
   * account that already has `to` keeps it once); other links stay. Resolves with how many
   * accounts were linked to `from`.
   */
  moveStudentLinks(from: StudentLink, to: StudentLink): Promise<number>;
}

/**
 * A one-time activation code as stored: only the SHA-256 of the code, never the code. It either
 * activates an existing user (`userId`) or creates the user it describes (`name`, `role`, link).
 */
export interface ActivationCodeRecord {
  id: string;
  codeHash: string;
  /** The user the code activates (a new password for an existing account), or null for a new one. */
  userId: string | null;
  role: Role;
  /** The new user's name; for an existing user, their name when the code was issued. */
  name: string;
  studentLink: StudentLink | null;
  issuedBy: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  /** The account that was activated with it. */
  usedBy: string | null;
}

/** How redeeming a code ended: only `ok` changed anything. */
export type RedeemResult = 'ok' | 'used' | 'login-taken';

export interface ActivationCodeStore {
  createActivationCode(code: ActivationCodeRecord): Promise<void>;
  findActivationCode(codeHash: string): Promise<ActivationCodeRecord | null>;
  /** Codes newest first, optionally only those of one class (by the link's class id). */
  listActivationCodes(filter: { classId?: string }): Promise<ActivationCodeRecord[]>;
  /**
   * In one transaction: marks the code used (unless it already is) and writes the user it
   * activates — inserted when `user.id` is new, else login, password, roles and `disabled`
   * replaced. A login held by another user changes nothing.
   */
  redeemActivationCode(codeId: string, at: number, user: UserRecord): Promise<RedeemResult>;
  /**
   * AUTH-26: in one transaction marks the code used by `userId` (unless it already is) and adds
   * `link` to that account's links (kept once); nothing else of the account changes.
   */
  redeemActivationCodeAsLink(codeId: string, at: number, userId: string, link: StudentLink): Promise<'ok' | 'used'>;
  /**
   * AUTH-25: an unused code replaced by a newer one stops working: its expiry becomes `at` when
   * that is sooner. False when the code is used or unknown (nothing changes).
   */
  endActivationCode(codeId: string, at: number): Promise<boolean>;
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
  /** Deletes sessions that expired before `now` (housekeeping); resolves with them, for the access log. */
  deleteExpiredSessions(now: number): Promise<SessionRecord[]>;
}

/**
 * Yjs client ids are bound to the user that first wrote with them in a document: an update
 * carrying structs of a client id bound to somebody else is refused (ARCHITECTURE: attribution).
 */
export interface ClientIdStore {
  loadClientIds(docName: string): Promise<Map<number, string>>;
  bindClientIds(docName: string, bindings: ReadonlyArray<[clientId: number, userId: string]>): Promise<void>;
}

/**
 * Students' personal data beyond the roster (birth date, parents' contacts): 152-ФЗ personal
 * data, kept in the server's own table and never in a journal document (IMP-9).
 */
export interface StudentPersonalStore {
  /** Writes the records in one transaction, each replacing the stored one of its class and student. */
  putStudentPersonal(records: readonly StudentPersonal[]): Promise<void>;
  /** The records, of one class or of all, by class and student id. */
  listStudentPersonal(filter: { classId?: string }): Promise<StudentPersonal[]>;
}

export interface Storage
  extends
    HistoryStore,
    DocumentStore,
    UserStore,
    SessionStore,
    RefusedStore,
    ClientIdStore,
    ActivationCodeStore,
    StudentPersonalStore,
    SignInFailureStore,
    AccessLogStore,
    DiaryAckStore,
    MessageStore,
    UserIdentityStore,
    OidcFlowStore {
  /**
   * ANN-6, CONS-3, NOTIF-*: announcement reads, the consent register and notifications; an adapter
   * without them gets a SQLite file of their own beside the data (notifications/family-notices.ts).
   */
  readonly familyNotices?: FamilyNoticesStore;
  /** True when nothing has ever been stored: the server seeds the demo school then. */
  isEmpty(): Promise<boolean>;
  /** OPS-1: one round trip to the store (`/api/ready`); rejects when the store cannot answer. */
  ping(): Promise<void>;
  /**
   * A consistent copy of the whole store written to `file` while it stays in use (SQLite: the
   * online backup API; a PostgreSQL adapter would run pg_dump or a storage snapshot).
   */
  backupTo(file: string): Promise<void>;
  /**
   * CLU-4: whether this process runs the scheduled jobs, asked again until it does; an adapter
   * only one process can open (SQLite) leaves it out, and its process always does.
   */
  tryLead?(): Promise<boolean>;
  close(): Promise<void>;
}
