import type { Room } from '../ws/room.ts';
import type { CommittedChanges, RelayedRoom } from './redis-relay.ts';

/**
 * CLU-1: a loaded room as the relay feeds it. Another process's commit is applied with its bindings
 * (`Room.applyRemote`: shown to the room's connections, never committed again); then `followed` runs
 * what follows commits without writing (the diaries open here). Presence goes to the room's presence.
 */
export function relayedRoom(room: Room, followed: ((room: Room, changes: CommittedChanges) => void) | undefined): RelayedRoom {
  return {
    name: room.name,
    applyRemote(update, bindings, changes) {
      room.applyRemote(update, bindings);
      followed?.(room, changes);
    },
    applyRemotePresence: (update) => room.presence.applyRemote(update),
  };
}
