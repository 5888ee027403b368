import type * as Y from 'yjs';
import { CloseCode, journalAccess, parseDocName, type UserId } from '../model/index.ts';
import type { RoomRegistry } from './ws/room-registry.ts';

/**
 * Revoking a right closes the sockets that depended on it (AUTH-18): when the school year
 * changes (a substitution removed, the teaching load or a class teacher changed), every open
 * journal connection's access is decided again, and a connection whose access changed is
 * closed with 4403, so that its client asks again what it may open. Debounced: a deputy's
 * edits come in bursts.
 */
export function watchAccess(school: Y.Doc, registry: RoomRegistry, delayMs = 300): () => void {
  let timer: NodeJS.Timeout | null = null;
  const recheck = async () => {
    timer = null;
    for (const room of await registry.loadedRooms()) {
      const parsed = parseDocName(room.name);
      if (parsed?.kind !== 'journal') continue;
      for (const conn of room.conns) {
        const access = journalAccess(school, { userId: conn.identity.userId as UserId, roles: conn.identity.roles }, parsed.classId);
        if (access !== conn.access) conn.socket.close(CloseCode.forbidden, 'access changed');
      }
    }
  };
  const onUpdate = () => {
    timer ??= setTimeout(() => void recheck(), delayMs);
  };
  school.on('update', onUpdate);
  return () => {
    school.off('update', onUpdate);
    if (timer) clearTimeout(timer);
  };
}
