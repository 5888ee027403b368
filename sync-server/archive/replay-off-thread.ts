import { Worker } from 'node:worker_threads';
import { replayLog } from './replay.ts';

interface Reply {
  id: number;
  state?: Uint8Array;
  stateVector?: Uint8Array;
  error?: string;
}

/**
 * Replays logs for signed snapshots in a worker thread, so that a snapshot — every 500 updates,
 * at a period close, for every printout — never holds up the commits and acks of the server's
 * thread (a full year is ~0.1 s of replay). The bytes are those of `replayLog`: same Yjs, same
 * updates, same order. If the worker cannot start, replays on the calling thread instead.
 */
export class OffThreadReplay {
  private worker: Worker | null = null;
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (r: ReturnType<typeof replayLog>) => void; reject: (e: Error) => void }>();
  private broken = false;
  /** Replays done in the worker (not on the calling thread): what tests and the bench check. */
  offThreadCount = 0;

  private start(): Worker | null {
    if (this.worker || this.broken) return this.worker;
    try {
      const w = new Worker(new URL('./replay-worker.mjs', import.meta.url));
      w.on('message', (m: Reply) => {
        const wait = this.waiting.get(m.id);
        if (!wait) return;
        this.waiting.delete(m.id);
        if (m.error || !m.state || !m.stateVector) wait.reject(new Error(`replay failed: ${m.error}`));
        else {
          this.offThreadCount++;
          wait.resolve({ state: m.state, stateVector: m.stateVector });
        }
      });
      w.on('error', (e) => this.fail(e));
      w.on('exit', () => {
        this.worker = null;
        this.fail(new Error('replay worker exited'));
      });
      // The worker must not keep a server that is shutting down alive.
      w.unref();
      this.worker = w;
    } catch {
      this.broken = true;
    }
    return this.worker;
  }

  private fail(e: Error): void {
    for (const wait of this.waiting.values()) wait.reject(e);
    this.waiting.clear();
  }

  /** The state the updates give, in seq order (ARC-3). */
  replay(updates: readonly Uint8Array[]): Promise<ReturnType<typeof replayLog>> {
    const worker = this.start();
    if (!worker) return Promise.resolve(replayLog(updates));
    // One buffer with offsets: a single transfer instead of thousands of small messages.
    const offsets = [0];
    for (const u of updates) offsets.push(offsets.at(-1)! + u.byteLength);
    const buffer = new Uint8Array(offsets.at(-1)!);
    updates.forEach((u, i) => buffer.set(u, offsets[i]));
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, buffer: buffer.buffer, offsets }, [buffer.buffer]);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.broken = true;
    if (w) await w.terminate();
  }
}
