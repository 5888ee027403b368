import * as Y from 'yjs';
import type { CommittedChanges, DocumentRelay } from '../cluster/redis-relay.ts';
import { relayedRoom } from '../cluster/relayed-room.ts';
import type { Storage } from '../storage/port.ts';
import { LOAD_ORIGIN, Room, type RoomEvents, type RoomPolicy } from './room.ts';
import type { SyncMetrics } from './sync-metrics.ts';

export interface RegistryOptions {
  /** Write a compaction snapshot on load when at least this many updates follow the last one. */
  snapshotAfterUpdates: number;
  /** How long an idle room stays in memory before it is unloaded. */
  unloadDelayMs: number;
  /**
   * Called on every document loaded: `isNew` when it has never been stored (to write a journal's
   * meta), else to migrate an older layout (DOC-4).
   */
  initialize?: (name: string, room: Room, isNew: boolean) => Promise<void> | void;
  /** What the document admits: its maps and per-path rules (see Room). */
  policyFor(name: string, doc: Y.Doc): Promise<Omit<RoomPolicy, 'clientIds'>>;
  /** Called after each commit of any room (the diary projection follows the journals): RoomEvents.onCommitted. */
  onCommitted?: RoomEvents['onCommitted'];
  /** CLU-1: called after what another process committed is applied here (the diaries open here follow it). */
  onRemoteCommitted?: (room: Room, changes: CommittedChanges) => void;
  /** The server's clock, for the time of arrival of every update (clock.ts); the system's by default. */
  now?: () => number;
  /** OPS-4: what the rooms count (updates, refusals, commit times) and documents loaded; none: nothing. */
  metrics?: SyncMetrics;
  /** CLU-1: the other server processes (Redis); none when this one runs alone. */
  relay?: DocumentRelay;
  onError(error: unknown): void;
}

/**
 * Loads documents on first connection and unloads them when the last connection leaves
 * and everything is committed. A pinned room (the school-year document, read for access
 * decisions) stays loaded.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Promise<Room>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  private readonly pinned = new Set<string>();

  constructor(
    private readonly storage: Storage,
    private readonly options: RegistryOptions,
  ) {}

  /** Every room in memory (loaded ones; a room still loading is skipped). */
  async loadedRooms(): Promise<Room[]> {
    const settled = await Promise.allSettled(this.rooms.values());
    return settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  }

  /** The room of a document, loading it from storage when it is not in memory. */
  open(name: string): Promise<Room> {
    const timer = this.unloadTimers.get(name);
    if (timer) {
      clearTimeout(timer);
      this.unloadTimers.delete(name);
    }
    let room = this.rooms.get(name);
    if (!room) {
      room = this.load(name);
      this.rooms.set(name, room);
      room.catch(() => this.rooms.delete(name));
    }
    return room;
  }

  /** Keeps a document in memory for the life of the server. */
  async pin(name: string): Promise<Room> {
    this.pinned.add(name);
    return this.open(name);
  }

  isLoaded(name: string): boolean {
    return this.rooms.has(name);
  }

  loadedNames(): string[] {
    return [...this.rooms.keys()];
  }

  private async load(name: string): Promise<Room> {
    const { snapshot, updates } = await this.storage.loadDocument(name);
    const doc = new Y.Doc();
    doc.transact(() => {
      if (snapshot) Y.applyUpdate(doc, snapshot.state);
      for (const u of updates) Y.applyUpdate(doc, u.update);
    }, LOAD_ORIGIN);
    if (updates.length >= this.options.snapshotAfterUpdates) {
      await this.storage.putSnapshot(name, {
        upToSeq: updates[updates.length - 1].seq,
        state: Y.encodeStateAsUpdate(doc),
        stateVector: Y.encodeStateVector(doc),
        createdAt: (this.options.now ?? Date.now)(),
      });
    }
    const policy = { ...(await this.options.policyFor(name, doc)), clientIds: await this.storage.loadClientIds(name) };
    const room = new Room(
      name,
      doc,
      this.storage,
      {
        onIdle: (r) => this.scheduleUnload(r),
        onError: this.options.onError,
        onCommitted: this.options.onCommitted,
        now: this.options.now,
        metrics: this.options.metrics,
        relay: this.options.relay,
      },
      policy,
    );
    // Before initializing, which may commit: the relay counts this process's log positions too.
    const relayed = relayedRoom(room, this.options.onRemoteCommitted);
    this.options.relay?.join(relayed, updates.at(-1)?.seq ?? snapshot?.upToSeq ?? 0);
    try {
      if (this.options.initialize) await this.options.initialize(name, room, !snapshot && updates.length === 0);
    } catch (e) {
      this.options.relay?.leave(name);
      throw e;
    }
    this.options.metrics?.loaded(name);
    return room;
  }

  private scheduleUnload(room: Room): void {
    if (this.pinned.has(room.name) || this.unloadTimers.has(room.name)) return;
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room.name);
      if (room.conns.size > 0 || room.hasUnsaved) return;
      this.rooms.delete(room.name);
      this.options.relay?.leave(room.name);
      room.destroy();
      this.options.metrics?.unloaded(room.name);
    }, this.options.unloadDelayMs);
    this.unloadTimers.set(room.name, timer);
  }

  /** Commits what is pending and drops every room (server shutdown). */
  async closeAll(): Promise<void> {
    for (const t of this.unloadTimers.values()) clearTimeout(t);
    this.unloadTimers.clear();
    const rooms = await Promise.allSettled(this.rooms.values());
    for (const r of rooms) {
      if (r.status !== 'fulfilled') continue;
      for (let i = 0; i < 50 && r.value.hasUnsaved; i++) {
        await r.value.flush();
        if (r.value.hasUnsaved) await new Promise((res) => setTimeout(res, 20));
      }
      for (const c of r.value.conns) c.socket.close(1001, 'server shutting down');
      this.options.relay?.leave(r.value.name);
      r.value.destroy();
    }
    this.rooms.clear();
  }
}
