import { isMessageValue, parseConversationName, readConversationInfo, readStamp } from '../../model/messages/conversation-doc.ts';
import type { ChangeRow, IndexedMessage, MessageStore } from '../storage/port.ts';
import type { NewMessageSink } from '../notifications/notification-hub.ts';
import type { Room } from '../ws/room.ts';

/** A listener told that a user's conversation list changed (a message, a read): the «Сообщения» page refreshes. */
export type InboxListener = () => void;

/**
 * MSG-11: keeps the conversation index equal to what the conversation documents committed: each
 * new message (with its server stamp) and each read mark, after the room's commit; and tells the
 * members' open lists (the events stream) that something changed.
 */
export class ConversationIndex {
  private readonly listeners = new Map<string, Set<InboxListener>>();
  private queue: Promise<void> = Promise.resolve();
  /** NOTIF-9: told of each new message (not an edit), for the recipients' notifications and digests. */
  notifications: NewMessageSink | null = null;
  /** CLU-1: the other processes, told whose lists changed once the index has it. */
  tellOthers: ((userIds: readonly string[]) => void) | null = null;

  constructor(
    private readonly store: MessageStore,
    private readonly onError: (e: unknown) => void,
  ) {}

  /** Registers a user's listener; returns its removal. */
  listen(userId: string, fn: InboxListener): () => void {
    const set = this.listeners.get(userId) ?? new Set();
    set.add(fn);
    this.listeners.set(userId, set);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.listeners.delete(userId);
    };
  }

  /** Tells these users' lists to refresh. */
  notify(userIds: Iterable<string>): void {
    for (const id of userIds) for (const fn of this.listeners.get(id) ?? []) fn();
  }

  /** Resolves once every commit seen so far is in the index (tests, the bench). */
  settled(): Promise<void> {
    return this.queue;
  }

  /** RoomEvents.onCommitted for conversation rooms; other rooms are ignored. */
  committed(room: Room, changes: ReadonlyArray<readonly ChangeRow[] | null>): void {
    const parsed = parseConversationName(room.name);
    if (!parsed) return;
    const messages: IndexedMessage[] = [];
    const created: string[] = [];
    const reads: Array<[string, number]> = [];
    for (const row of changes.flat()) {
      if (!row) continue;
      const slash = row.path.indexOf('/');
      const map = row.path.slice(0, slash);
      const key = row.path.slice(slash + 1);
      if (map === 'messages' && isMessageValue(row.newValue)) {
        const v = row.newValue;
        const preview = v.deleted ? 'Сообщение удалено' : v.text || (v.files?.length ? `Файл: ${v.files[0].name}` : '');
        messages.push({ messageId: key, authorId: v.author, at: readStamp(room.doc, key)?.at ?? row.serverTime, preview });
        if (row.oldValue === undefined && !v.deleted) created.push(v.author);
      } else if (map === 'reads') {
        const upTo = (row.newValue as { upTo?: unknown } | null)?.upTo;
        if (typeof upTo === 'number') reads.push([key, upTo]);
      }
    }
    if (messages.length === 0 && reads.length === 0) return;
    const info = readConversationInfo(room.doc);
    const members = Object.keys(info?.members ?? {});
    for (const author of info ? created : []) {
      const from = info!.members[author];
      this.notifications
        ?.newMessage({
          recipientUserIds: members.filter((m) => m !== author),
          fromName: from ? `${from.name} (${from.label})` : 'собеседник',
          href: `#/messages/${parsed.conversationId}`,
          studentId: info!.studentId,
        })
        .catch(this.onError);
    }
    this.queue = this.queue
      .then(async () => {
        if (messages.length > 0) await this.store.recordMessages(parsed.conversationId, messages);
        for (const [userId, upTo] of reads) await this.store.recordRead(parsed.conversationId, userId, upTo);
        this.notify(members);
        this.tellOthers?.(members);
      })
      .catch(this.onError);
  }
}
