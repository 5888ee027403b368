/**
 * OPS-4: what the sync path tells the operator's metrics (sync-server/metrics.ts) and the debug
 * log. Each is one call where the event happens, and the caller allocates nothing for it: the
 * counts sit on the path of every update, which is measured for its CPU per update.
 */
export interface SyncMetrics {
  /** A client's update passed its checks and was applied (some of its changes may still be refused). */
  updateAccepted(): void;
  /** A client's update refused whole, or one change of it refused and compensated (PROTO-11). */
  refused(): void;
  /** A room's commit is on disk, `seconds` after it started (what PROTO-3's acknowledgement waits for). */
  committed(seconds: number): void;
  /** A document was loaded into memory (its first connection), or unloaded (idle and all written). */
  loaded(name: string): void;
  unloaded(name: string): void;
}
