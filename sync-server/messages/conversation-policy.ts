import type * as Y from 'yjs';
import { authorizeConversationChange, type ConversationContext } from '../../model/messages/conversation-rules.ts';
import { CONVERSATION_MAPS, isMessageValue, putStamp, readConversationInfo, readStamp } from '../../model/messages/conversation-doc.ts';
import type { JournalChange } from '../../model/index.ts';
import { SERVER_ORIGIN, type RoomPolicy } from '../ws/room.ts';

/**
 * What a conversation document admits (MSG-2, MSG-3, MSG-6, MSG-7, MSG-9): its own maps, every
 * changed path checked by the model's rule book, with the server's clock. The server then stamps
 * each accepted message (MSG-3): `stamps[id]` gets the time of arrival (and `editedAt` on an edit),
 * in the server's own transaction, queued right after the room compensated what it refused and
 * before it commits, so the message and its stamp are committed and broadcast together.
 */
export function conversationPolicy(doc: Y.Doc, now: () => number): Omit<RoomPolicy, 'clientIds'> {
  return {
    maps: CONVERSATION_MAPS,
    authorize(conn, changes) {
      const at = now();
      const ctx: ConversationContext = { info: readConversationInfo(doc), stampOf: (id) => readStamp(doc, id), now: at };
      const decisions = changes.map((c) => authorizeConversationChange(conn.identity.userId, c, ctx));
      const accepted = changes.filter((c, i) => decisions[i].allowed && c.map === 'messages' && isMessageValue(c.newValue));
      if (accepted.length > 0) queueMicrotask(() => stampMessages(doc, accepted, at));
      return decisions;
    },
  };
}

function stampMessages(doc: Y.Doc, accepted: readonly JournalChange[], at: number): void {
  doc.transact(() => {
    for (const c of accepted) {
      const stamp = readStamp(doc, c.key);
      putStamp(doc, c.key, stamp ? { at: stamp.at, editedAt: at } : { at });
    }
  }, SERVER_ORIGIN);
}
