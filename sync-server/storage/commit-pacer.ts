import { performance } from 'node:perf_hooks';

export interface PacerOptions {
  /** Appends within `windowMs` that make the log busy (a rate of `busyAppends / windowMs`). */
  busyAppends: number;
  windowMs: number;
  /** When busy, a commit starts no sooner than this after the previous one started. */
  gatherMs: number;
  now(): number;
}

/** Busy from 500 appends a second; then at most one commit every 3 ms (so 3 or more appends each). */
export const DEFAULT_PACING: PacerOptions = { busyAppends: 50, windowMs: 100, gatherMs: 3, now: () => performance.now() };

/**
 * STORE-22: group commit under load. Most of a commit's cost does not depend on how many updates
 * it holds — the fsync, and the WAL frames of the pages every commit touches (the log's and the
 * history's last pages, their indexes) — so at a high rate a commit that waits a moment for the
 * next updates costs each of them far less. PostgreSQL does the same with `commit_delay` and
 * `commit_siblings`. A quiet log is never paced: a teacher's single mark is committed at once.
 */
export class CommitPacer {
  /** The arrival times of the last `busyAppends` appends, as a ring. */
  private readonly arrivals: Float64Array;
  private next = 0;
  private lastStart = Number.NEGATIVE_INFINITY;

  constructor(private readonly opts: PacerOptions = DEFAULT_PACING) {
    this.arrivals = new Float64Array(opts.busyAppends).fill(Number.NEGATIVE_INFINITY);
  }

  appended(): void {
    this.arrivals[this.next] = this.opts.now();
    this.next = (this.next + 1) % this.arrivals.length;
  }

  /** Milliseconds to wait before the next commit starts: 0 unless busy. */
  delay(): number {
    const now = this.opts.now();
    // The oldest of the last `busyAppends` arrivals: within the window means the rate is high.
    const busy = this.arrivals[this.next] > now - this.opts.windowMs;
    return busy ? Math.max(0, this.lastStart + this.opts.gatherMs - now) : 0;
  }

  started(): void {
    this.lastStart = this.opts.now();
  }
}
