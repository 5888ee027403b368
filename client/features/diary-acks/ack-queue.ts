/**
 * DIARY-28: the device's queue of a family account's reads and confirmations, kept in IndexedDB
 * until the server has them. A read is queued first and sent after, so closing the tab or losing
 * the network loses nothing; one is removed from the queue only once the server answered it, and
 * remembered as sent, so the diary page asking again (every time a week is shown) sends nothing.
 * Flushes never overlap (one at a time in a tab, and across tabs under a Web Lock where there is
 * one); were a tab closed between the server's answer and the removal, the one repeat that
 * follows is harmless, because the server keeps the first time of an ack (DIARY-20).
 */

/** One thing to tell the server: `key` says what it is (`studentId|kind|item`), the rest how. */
export interface QueuedAck {
  key: string;
  url: string;
  body: Record<string, string>;
  /** When it was recorded on this device. */
  at: number;
}

export interface QueueState {
  pending: QueuedAck[];
  /** Keys the server has answered, newest last (bounded: `SENT_KEPT`). */
  sent: string[];
}

/** How the server answered one: taken, refused for good (drop it), or not now (keep it, try later). */
export type SendResult = 'sent' | 'refused' | 'retry';

/** The queue's storage: `update` runs `fn` atomically; undefined when the storage failed. */
export interface QueueStore {
  load(): Promise<QueueState | undefined>;
  update(fn: (old: QueueState | undefined) => QueueState): Promise<QueueState | undefined>;
}

/** A parent opens a few hundred marks a year: the last ones are enough to answer «already sent». */
export const SENT_KEPT = 2000;
const empty = (): QueueState => ({ pending: [], sent: [] });

export class AckQueue {
  /** Stands in for IndexedDB when it fails (private mode, quota): reads survive until the tab closes. */
  private memory = empty();
  private flushing: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly store: QueueStore,
    private readonly send: (ack: QueuedAck) => Promise<SendResult>,
    private readonly exclusive: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn(),
  ) {}

  private async change(fn: (s: QueueState) => QueueState): Promise<QueueState> {
    const stored = await this.store.update((old) => fn(old ?? empty()));
    if (stored) return stored;
    this.memory = fn(this.memory);
    return this.memory;
  }

  /** What is waiting to be sent now. */
  async pending(): Promise<QueuedAck[]> {
    return ((await this.store.load()) ?? this.memory).pending;
  }

  /** Queues an ack unless it is queued or was sent already; true when it was new. */
  async add(ack: QueuedAck): Promise<boolean> {
    let added = false;
    await this.change((s) => {
      added = !s.sent.includes(ack.key) && !s.pending.some((p) => p.key === ack.key);
      return added ? { ...s, pending: [...s.pending, ack] } : s;
    });
    return added;
  }

  /**
   * Sends what is queued, oldest first, until the server says «not now»; resolves with whether
   * everything went. A flush asked for while one runs runs again after it.
   */
  async flush(): Promise<boolean> {
    if (this.flushing) {
      this.again = true;
      await this.flushing;
      return (await this.pending()).length === 0;
    }
    this.flushing = this.exclusive(() => this.sendAll()).finally(() => (this.flushing = null));
    await this.flushing;
    if (this.again) {
      this.again = false;
      return this.flush();
    }
    return (await this.pending()).length === 0;
  }

  private async sendAll(): Promise<void> {
    for (;;) {
      // Read again before each: another tab may have sent some while this one waited for the lock.
      const next = (await this.pending())[0];
      if (!next) return;
      const result = await this.send(next);
      if (result === 'retry') return;
      await this.change((s) => ({
        pending: s.pending.filter((p) => p.key !== next.key),
        sent: result === 'sent' ? [...s.sent.filter((k) => k !== next.key), next.key].slice(-SENT_KEPT) : s.sent,
      }));
    }
  }
}
