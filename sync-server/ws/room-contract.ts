import type { Decision, JournalChange } from '../../model/index.ts';
import type { ChangeRow } from '../storage/port.ts';
import type { DocumentRelay } from '../cluster/redis-relay.ts';
import type { Connection } from './connection.ts';
import type { Room } from './room.ts';
import type { SyncMetrics } from './sync-metrics.ts';

/** What a room is given (its events, its policy) and the transaction origins it tells apart. */

/** Transaction origin of changes the server makes itself (initialisation, applied corrections). */
export const SERVER_ORIGIN = Symbol('server');
/** Transaction origin of loading from storage: nothing to persist. */
export const LOAD_ORIGIN = Symbol('load');
/** Transaction origin of what another server process committed (CLU-1): shown, never committed again. */
export const REMOTE_ORIGIN = Symbol('remote');
/** Transaction origin of compensations of refused changes. */
export const COMPENSATION_ORIGIN = Symbol('compensation');

/**
 * Transaction origin of a change the server makes on a person's behalf through the HTTP API
 * (the deputy applying a refused change, closing a period): attributed to that person.
 */
export class ServerAction {
  constructor(
    readonly userId: string,
    readonly sessionId: string,
    readonly note: string,
  ) {}
}

export interface RoomEvents {
  /** Called when the room has no connections and nothing left to write. */
  onIdle(room: Room): void;
  onError(error: unknown): void;
  /**
   * Called after each commit, once its updates are on disk and sent (the diary projection
   * follows): each committed update's changed paths, null for an update without them (the
   * server's own writes, compensations).
   */
  onCommitted?(room: Room, changes: ReadonlyArray<readonly ChangeRow[] | null>): void;
  /** The server's clock (clock.ts); the system's by default. */
  now?: () => number;
  /** OPS-4: updates accepted, refusals and commit times are counted here; none: nothing counted. */
  metrics?: SyncMetrics;
  /** CLU-1: where this process's commits and presence go for the other processes; none when it runs alone. */
  relay?: Pick<DocumentRelay, 'committed' | 'presence'>;
}

/** What a document admits: its maps, per-path rules (journals), and bound Yjs client ids. */
export interface RoomPolicy {
  maps: readonly string[];
  authorize?(conn: Connection, changes: JournalChange[]): Decision[];
  clientIds: Map<number, string>;
  /** Releases what the policy holds (listeners on the school year) when the room unloads. */
  dispose?(): void;
}
