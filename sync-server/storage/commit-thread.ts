import { Worker } from 'node:worker_threads';
import { CommitPacer, DEFAULT_PACING, type PacerOptions } from './commit-pacer.ts';
import type { CommitExtras, UpdateRow } from './port.ts';
import type { AppendItem, AppendResult } from './sqlite-append.ts';
import type { CommitRequest } from './commit-worker-main.ts';

interface Queued extends AppendItem {
  resolve(seq: number): void;
  reject(e: unknown): void;
}

type Reply = { id: number; results: AppendResult[] } | { id: number; error: string } | { ready: true };

/**
 * STORE-20: the update log is committed by a worker thread with its own SQLite connection, so the
 * COMMIT and its fsync never hold up the event loop that receives, checks and broadcasts updates.
 * One batch is in flight at a time; every append that arrives meanwhile (from any document) goes
 * into the next batch, so under load a commit carries more updates and the fsyncs per update fall.
 * If the thread cannot start, the same group commit runs on the calling thread.
 */
export class CommitThread {
  private queue: Queued[] = [];
  private inFlight = false;
  private scheduled = false;
  private worker: Worker | null = null;
  private ready = false;
  private broken = false;
  private next = 1;
  private readonly waiting = new Map<number, { resolve(r: AppendResult[]): void; reject(e: Error): void }>();
  private drained: Array<() => void> = [];
  /** Batches committed and the appends they held, and how many ran on the thread: counted by tests. */
  readonly stats = { batches: 0, appends: 0, offThread: 0 };

  private readonly pacer: CommitPacer;

  constructor(
    private readonly file: string,
    private readonly commitHere: (items: readonly AppendItem[]) => AppendResult[],
    pacing: PacerOptions = DEFAULT_PACING,
  ) {
    this.pacer = new CommitPacer(pacing);
  }

  /** Appends a document's rows; resolves with its last seq once committed (on disk). */
  append(docName: string, rows: readonly UpdateRow[], extras: CommitExtras = {}): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ docName, rows, ...extras, resolve, reject });
      this.pacer.appended();
      this.schedule();
    });
  }

  /** SQLite's online backup, on the connection that writes the log (see commit-worker-main.ts). */
  async backup(file: string, here: () => Promise<unknown>): Promise<void> {
    const worker = this.start();
    if (!worker) await here();
    else await this.request(worker, { id: 0, kind: 'backup', file });
  }

  /** Waits for every queued append to be committed, then stops the thread. */
  async close(): Promise<void> {
    if (this.inFlight || this.queue.length > 0) await new Promise<void>((resolve) => this.drained.push(resolve));
    const w = this.worker;
    this.worker = null;
    this.broken = true;
    if (w) await w.terminate();
  }

  private schedule(): void {
    if (this.inFlight || this.scheduled || this.queue.length === 0) return;
    // Appends made in the same turn of the event loop (several rooms' flushes) share the batch;
    // under load, those of the next few milliseconds too (STORE-22).
    this.scheduled = true;
    const go = () => {
      this.scheduled = false;
      void this.commitQueued();
    };
    const wait = this.pacer.delay();
    if (wait > 0) setTimeout(go, wait);
    else setImmediate(go);
  }

  private async commitQueued(): Promise<void> {
    if (this.inFlight || this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.inFlight = true;
    this.pacer.started();
    let results: AppendResult[] | null = null;
    let failure: unknown = null;
    try {
      results = await this.run(batch);
    } catch (e) {
      failure = e;
    }
    this.inFlight = false;
    this.stats.batches++;
    this.stats.appends += batch.length;
    batch.forEach((item, i) => {
      const r = results?.[i];
      if (!r) item.reject(failure ?? new Error('no result from the commit thread'));
      else if (r.ok) item.resolve(r.seq);
      else item.reject(new Error(r.error));
    });
    if (this.queue.length > 0) return this.schedule();
    for (const resolve of this.drained.splice(0)) resolve();
  }

  private async run(batch: readonly Queued[]): Promise<AppendResult[]> {
    const worker = this.start();
    if (!worker) return this.commitHere(batch);
    // An update is a view into the WebSocket frame it came in; posted as is, the whole frame's
    // buffer would be copied to the thread. Compact copies cost a fraction of that.
    const items = batch.map(({ docName, rows, refused, bindings }) => ({
      docName,
      rows: rows.map((r) => ({ ...r, update: compact(r.update) })),
      refused,
      bindings,
    }));
    try {
      const results = await this.request(worker, { id: 0, kind: 'commit', items });
      this.stats.offThread++;
      return results;
    } catch (e) {
      // A thread that never started committed nothing: the batch is committed here instead.
      if (!this.ready) return this.commitHere(batch);
      throw e;
    }
  }

  private request(worker: Worker, req: CommitRequest): Promise<AppendResult[]> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // While a commit is awaited the thread keeps the process alive (a seed before listening).
      worker.ref();
      worker.postMessage({ ...req, id });
    });
  }

  private start(): Worker | null {
    if (this.worker || this.broken) return this.worker;
    try {
      const w = new Worker(new URL('./commit-worker.mjs', import.meta.url), { workerData: { file: this.file } });
      w.on('message', (m: Reply) => this.receive(m));
      w.on('error', (e) => this.fail(e));
      w.on('exit', () => this.fail(new Error('the commit thread stopped')));
      // Idle, the thread must not keep a server that is shutting down alive; close() drains it first.
      w.unref();
      this.worker = w;
    } catch {
      this.broken = true;
    }
    return this.worker;
  }

  private receive(m: Reply): void {
    if ('ready' in m) return void (this.ready = true);
    const wait = this.waiting.get(m.id);
    if (!wait) return;
    this.waiting.delete(m.id);
    if (this.waiting.size === 0) this.worker?.unref();
    if ('error' in m) wait.reject(new Error(m.error));
    else wait.resolve(m.results);
  }

  private fail(e: Error): void {
    this.worker = null;
    this.broken = true;
    for (const wait of this.waiting.values()) wait.reject(e);
    this.waiting.clear();
  }
}

const compact = (bytes: Uint8Array) => (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice());
