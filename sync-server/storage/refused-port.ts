/** The storage port's refused changes (PROTO-11, STORE-9, STORE-18, STORE-19); `port.ts` re-exports them. */

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
  /**
   * STORE-18: what the store kept — the whole change; its values cut short (over
   * `REFUSED_VALUE_MAX_BYTES`, a preview with a marker); or, beyond the author's quota of the day,
   * one summary row standing for them all. Only a whole change can be applied. Absent when
   * appending (the store decides), always present when read.
   */
  stored?: 'full' | 'truncated' | 'summary';
  /** A summary's count of the refused changes it stands for and their size as sent. */
  omitted?: { count: number; bytes: number };
}

export interface RefusedFilter {
  docName?: string;
  state?: RefusedChange['state'];
  userId?: string;
  /** STORE-19: at most this many rows… */
  limit?: number;
  /** …listed after the row with this id (the last of the previous page). */
  after?: string;
}

export interface RefusedStore {
  /**
   * STORE-18: keeps the rows within each author's quota of the day (`sync-server/limits.ts`):
   * values over the bound cut short, rows beyond the quota counted into one summary row per
   * author and day (which takes the id of the first of them).
   */
  appendRefused(rows: readonly RefusedChange[]): Promise<void>;
  /**
   * Refused changes, newest first, filtered by document, state and/or author, paged (STORE-19);
   * a value over `REFUSED_VALUE_MAX_BYTES` (stored before the bound) is read as its preview.
   */
  listRefused(filter: RefusedFilter): Promise<RefusedChange[]>;
  /** One refused change with its whole stored value (to apply it). */
  findRefused(id: string): Promise<RefusedChange | null>;
  /** Marks an open refused change applied or dismissed; false when it was not open. */
  resolveRefused(id: string, state: 'applied' | 'dismissed', by: string, resolution: string, at: number): Promise<boolean>;
}
