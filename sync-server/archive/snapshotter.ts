import { parseDocName } from '../../model/index.ts';
import type { SignedSnapshot, Storage } from '../storage/port.ts';
import type { SigningKey } from './keys.ts';
import { OffThreadReplay } from './replay-off-thread.ts';
import { sha256, snapshotCanonical } from './replay.ts';

export interface SnapshotSchedule {
  /** A signed snapshot once this many updates follow the last one (500). */
  everyUpdates: number;
  /** … or once the oldest unsigned update has waited this long (30 minutes). */
  everyMs: number;
  /** How often the store's log heads are looked at (10 s); 0 = never (on demand only). */
  pollMs: number;
}

/**
 * Writes signed, hash-chained snapshots (ARC-3, ARC-7) by replaying the stored log, never from a
 * room's memory: what is signed is exactly what the log gives. It runs beside the sync path —
 * a timer reads each document's last seq and schedules the work; rooms are never touched, so a
 * commit is only delayed by the CPU time of one replay (bench: archive).
 */
export class Snapshotter {
  /** One snapshot at a time, in order: the on-demand and scheduled ones never race. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Per document: the signed seq and when an unsigned update was first seen. */
  private readonly seen = new Map<string, { signedUpTo: number; pendingSince: number | null }>();
  private timer: NodeJS.Timeout | null = null;
  /** The log is replayed in a worker: commits on the server's thread never wait for it. */
  private readonly replay = new OffThreadReplay();

  constructor(
    private readonly storage: Storage,
    private readonly key: SigningKey,
    private readonly schedule: SnapshotSchedule,
    private readonly onError: (e: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    if (this.schedule.pollMs <= 0 || this.timer) return;
    const tick = () => {
      this.timer = setTimeout(
        () =>
          void this.poll()
            .catch(this.onError)
            .finally(() => this.timer && tick()),
        this.schedule.pollMs,
      );
    };
    tick();
  }

  /** Stops the timer and waits for the snapshot being written, if any. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.queue.catch(() => {});
    await this.replay.close();
  }

  /** ARC-7: the documents due a snapshot (by count or by age) get one. */
  async poll(): Promise<void> {
    const heads = await this.storage.lastSeqs();
    for (const [name, lastSeq] of heads) {
      // The archive is the journals and the school years; a diary is their projection (DIARY-4).
      if (!parseDocName(name)) continue;
      let s = this.seen.get(name);
      if (!s) {
        s = { signedUpTo: (await this.storage.latestSignedSnapshot(name))?.upToSeq ?? 0, pendingSince: null };
        this.seen.set(name, s);
      }
      if (lastSeq <= s.signedUpTo) continue;
      s.pendingSince ??= this.now();
      const due = lastSeq - s.signedUpTo >= this.schedule.everyUpdates || this.now() - s.pendingSince >= this.schedule.everyMs;
      if (due) await this.snapshotDocument(name);
    }
  }

  /**
   * ARC-8: a signed snapshot of the document's log as committed now (the period-close code and
   * `POST /api/admin/snapshots` call this). When nothing was committed since the latest snapshot
   * that one is returned; null for a document with no log.
   */
  snapshotDocument(name: string): Promise<SignedSnapshot | null> {
    const run = this.queue.then(() => this.write(name));
    this.queue = run.catch(() => {});
    return run;
  }

  private async write(name: string): Promise<SignedSnapshot | null> {
    const prev = await this.storage.latestSignedSnapshot(name);
    const updates = await this.storage.readUpdates(name, 0);
    const upToSeq = updates.at(-1)?.seq ?? 0;
    if (upToSeq === 0) return null;
    if (prev && prev.upToSeq >= upToSeq) return prev;
    const { state, stateVector } = await this.replay.replay(updates.map((u) => u.update));
    const fields = { upToSeq, state, stateVector, prevSha256: prev?.sha256 ?? null, createdAt: this.now(), keyId: this.key.keyId };
    const canonical = snapshotCanonical(name, fields);
    const snapshot: SignedSnapshot = { ...fields, sha256: sha256(canonical), signature: this.key.sign(canonical) };
    await this.storage.appendSignedSnapshot(name, snapshot);
    this.seen.set(name, { signedUpTo: upToSeq, pendingSince: null });
    return snapshot;
  }
}
