/** The storage port's access log (LOG-1…LOG-7); `port.ts` re-exports it. */

/**
 * One entry: who did what, when and from where. `userId` is null for a failed sign-in of an
 * unknown login, where `login` is the login tried. Never a password, a code or a session token.
 */
export interface AccessLogEntry {
  /** Assigned by the store, increasing: the order entries were written and the paging cursor. */
  id: number;
  /** The server's clock (ms since epoch). */
  at: number;
  kind: string;
  userId: string | null;
  login: string;
  /** What was opened, exported or changed: a document name, a report, a file, a login. */
  object: string;
  address: string;
  userAgent: string;
}

/** Which entries, newest first: all conditions together; `before` is the id the page continues below. */
export interface AccessLogQuery {
  /** A user's id, or a login (a failed sign-in has only the login tried). */
  user?: string;
  kind?: string;
  /** `at` from (inclusive) and to (exclusive), ms since epoch. */
  from?: number;
  to?: number;
  before?: number;
  limit: number;
}

/**
 * Append-only: entries are added and read, never changed; the only removal is the retention's
 * (`ACCESS_LOG_KEEP_DAYS`), of whole days past it.
 */
export interface AccessLogStore {
  appendAccessLog(entry: Omit<AccessLogEntry, 'id'>): Promise<void>;
  listAccessLog(query: AccessLogQuery): Promise<AccessLogEntry[]>;
  /** Retention: removes the entries written before `before`; resolves with how many. */
  deleteAccessLogBefore(before: number): Promise<number>;
}
