import * as Y from 'yjs';
import { REMOTE_ORIGIN } from '../ws/room-contract.ts';
import type { Room } from '../ws/room.ts';
import type { CommittedChanges, RelayedRoom } from './redis-relay.ts';

/**
 * CLU-1: a loaded room as the relay feeds it. What another process committed is applied with
 * REMOTE_ORIGIN (the room shows it to its connections and never commits it again); the client ids
 * it bound join the room's (PROTO-10 holds on every process); then `followed` runs what follows
 * commits without writing (the diaries open here). Presence goes to the room's presence.
 */
export function relayedRoom(
  room: Room,
  clientIds: Map<number, string>,
  followed: ((room: Room, changes: CommittedChanges) => void) | undefined,
): RelayedRoom {
  return {
    name: room.name,
    applyRemote(update, bindings, changes) {
      for (const [clientId, userId] of bindings) if (!clientIds.has(clientId)) clientIds.set(clientId, userId);
      Y.applyUpdate(room.doc, update, REMOTE_ORIGIN);
      followed?.(room, changes);
    },
    applyRemotePresence: (update) => room.presence.applyRemote(update),
  };
}
