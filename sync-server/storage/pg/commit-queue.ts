import type pg from 'pg';
import type { CommitExtras, UpdateRow } from '../port.ts';
import { commitBatch, type PgAppendItem } from './append.ts';

interface Queued extends PgAppendItem {
  resolve(seq: number): void;
  reject(e: unknown): void;
}

/**
 * STORE-20 on PostgreSQL: one batch in flight at a time on one pooled connection; every append
 * that arrives meanwhile (from any document) waits for the next batch, so under load a commit
 * carries more updates and the WAL flushes per update fall. The event loop never blocks: the
 * commit is the database server's work, awaited like any query, and the pool's other
 * connections keep serving reads meanwhile.
 */
export class PgCommitQueue {
  private queue: Queued[] = [];
  private inFlight = false;
  private scheduled = false;
  private closed = false;
  private drained: Array<() => void> = [];
  /** Batches committed and the appends they held: counted by tests and the benchmark. */
  readonly stats = { batches: 0, appends: 0 };

  constructor(private readonly pool: pg.Pool) {}

  /** Appends a document's rows with what commits with them (STORE-21); resolves with its last seq once committed. */
  append(docName: string, rows: readonly UpdateRow[], extras: CommitExtras = {}): Promise<number> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ docName, rows, ...extras, resolve, reject });
      this.schedule();
    });
  }

  /** Waits for every queued append to be committed; later appends are refused. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.inFlight || this.queue.length > 0) await new Promise<void>((resolve) => this.drained.push(resolve));
  }

  private schedule(): void {
    if (this.inFlight || this.scheduled || this.queue.length === 0) return;
    // Appends made in the same turn of the event loop (several rooms' flushes) share the batch.
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.commitQueued();
    });
  }

  private async commitQueued(): Promise<void> {
    if (this.inFlight || this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.inFlight = true;
    try {
      const results = await this.run(batch);
      batch.forEach((item, i) => {
        const r = results[i];
        if (r.ok) item.resolve(r.seq);
        else item.reject(new Error(r.error));
      });
    } catch (e) {
      for (const item of batch) item.reject(e);
    }
    this.inFlight = false;
    this.stats.batches++;
    this.stats.appends += batch.length;
    if (this.queue.length > 0) return void this.commitQueued();
    for (const resolve of this.drained.splice(0)) resolve();
  }

  private async run(batch: readonly Queued[]) {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      return await commitBatch(client, batch);
    } catch (e) {
      // A connection whose transaction failed for itself (not a row's error) may be unusable.
      broken = e instanceof Error ? e : new Error(String(e));
      throw e;
    } finally {
      client.release(broken);
    }
  }
}
