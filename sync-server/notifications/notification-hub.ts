import { randomBytes } from 'node:crypto';
import type * as Y from 'yjs';
import { parseDocName, type BoardPost } from '../../model/index.ts';
import { boardFamilies } from '../announcements/board-audience.ts';
import { sameStudentLink, studentLinksOf } from '../auth/student-links.ts';
import type { FamilyNoticesStore, NotificationRow } from '../storage/family-notices-port.ts';
import type { ChangeRow, Storage, UserRecord } from '../storage/port.ts';
import type { Room } from '../ws/room.ts';
import { studentEventsOf, studentOfChange } from './journal-events.ts';

/**
 * NOTIF-9: the hook for the conversations (issue 19's messages): whoever stores a new message
 * calls `newMessage` once with the accounts it is for (never the sender), and they get an in-app
 * notification and a line in their next e-mail digest (parents who consented, CONS-5). The text
 * is the sender's name only, never the message: a digest is no place for a conversation.
 */
export interface NewMessageEvent {
  recipientUserIds: readonly string[];
  /** «Лебедева Елена Николаевна (классный руководитель 5Б)». */
  fromName: string;
  /** Where the app opens it, e.g. `#/messages/{conversationId}`. */
  href: string;
  /** The child the conversation is about, when it is about one: checked against the recipient's children (NOTIF-6). */
  studentId?: string | null;
}

export interface NewMessageSink {
  newMessage(e: NewMessageEvent): Promise<void>;
}

const newId = () => randomBytes(9).toString('base64url');

export interface NotificationHubDeps {
  storage: Storage;
  notices: FamilyNoticesStore;
  yearId: string;
  schoolDoc(): Promise<Y.Doc>;
  now(): number;
  onError(e: unknown): void;
  /** Told after notifications are stored (tests wait on it; a live push could hang here). */
  onStored?(rows: readonly NotificationRow[]): void;
}

/**
 * NOTIF-1…NOTIF-3, NOTIF-9: turns what happened — an announcement posted, a journal commit with
 * marks or finals, a message — into one stored notification per account it concerns. Each row
 * names at most one child, and only a child of that account (NOTIF-6), so the digest built from
 * the rows can carry nothing of another family.
 */
export class NotificationHub implements NewMessageSink {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly deps: NotificationHubDeps) {}

  /** Resolves when everything noted so far is stored (tests, shutdown). */
  settled(): Promise<void> {
    return this.queue;
  }

  private enqueue(task: () => Promise<NotificationRow[]>): Promise<void> {
    this.queue = this.queue
      .then(task)
      .then(async (rows) => {
        if (rows.length === 0) return;
        await this.deps.notices.addNotifications(rows);
        this.deps.onStored?.(rows);
      })
      .catch((e) => this.deps.onError(e));
    return this.queue;
  }

  /** NOTIF-1: a new announcement, to every family account of the board. */
  announcementPosted(scope: string, post: BoardPost): Promise<void> {
    return this.enqueue(async () => {
      const users = boardFamilies(await this.deps.storage.listUsers(), scope);
      const text = `${post.title} — ${post.authorName}, ${post.authorTitle}`;
      return users.map((u) => this.row(u.id, 'announcement', null, 'Новое объявление', text, `#/boards/${scope}`));
    });
  }

  /** The registry's hook: a room committed; a class journal of this year may have marks and finals. */
  committed(room: Room, changes: ReadonlyArray<readonly ChangeRow[] | null>): void {
    const parsed = parseDocName(room.name);
    if (parsed?.kind !== 'journal' || parsed.yearId !== this.deps.yearId) return;
    const rows = changes.flatMap((c) => c ?? []).filter((c) => studentOfChange(c.path) !== null);
    if (rows.length === 0) return;
    void this.enqueue(async () => {
      // The families first, by the links' index (a read per student, never every account): most
      // students' marks concern no account, and then nothing else is read or formatted.
      const familyOf = new Map<string, UserRecord[]>();
      for (const studentId of new Set(rows.map((c) => studentOfChange(c.path)!))) {
        const link = { classId: parsed.classId, studentId };
        const linked = (await this.deps.storage.usersLinkedTo(link)).filter(
          (u) => !u.disabled && u.passwordHash !== '' && studentLinksOf(u).some((l) => sameStudentLink(l, link)),
        );
        if (linked.length > 0) familyOf.set(studentId, linked);
      }
      if (familyOf.size === 0) return [];
      const concerned = rows.filter((c) => familyOf.has(studentOfChange(c.path)!));
      const events = studentEventsOf(concerned, room.doc, await this.deps.schoolDoc());
      return events.flatMap((e) =>
        (familyOf.get(e.studentId) ?? []).map((u) => this.row(u.id, e.kind, e.studentId, e.title, e.text, `#/diary/${e.studentId}`)),
      );
    });
  }

  async newMessage(e: NewMessageEvent): Promise<void> {
    await this.enqueue(async () =>
      e.recipientUserIds.map((userId) => this.row(userId, 'message', e.studentId ?? null, 'Новое сообщение', `от ${e.fromName}`, e.href)),
    );
  }

  private row(
    userId: string,
    kind: NotificationRow['kind'],
    studentId: string | null,
    title: string,
    text: string,
    href: string,
  ): NotificationRow {
    return { id: newId(), userId, kind, studentId, title, text, href, at: this.deps.now() };
  }
}
